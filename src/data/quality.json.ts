// The load report for the data-quality page: per file rows read / accepted / rejected with reasons, encoding,
// coordinate conversion, dropped (privacy) and unknown columns, warnings.
// The folder is printed relative to the build directory: the build machine's absolute paths stay off the site.
import {relative} from "node:path";
import {printJson, siteData} from "../../loaders/site-data.ts";

const {report} = await siteData();
printJson({...report, folder: relative(process.cwd(), report.folder) || "."});
