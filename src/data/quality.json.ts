// The load report for the data-quality page: per file rows read / accepted / rejected with reasons, encoding,
// coordinate conversion, dropped (privacy) and unknown columns, warnings.
import {printJson, siteData} from "../../loaders/site-data.ts";

const {report} = await siteData();
printJson(report);
