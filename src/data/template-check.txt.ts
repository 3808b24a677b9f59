// The output of `npm run data:check -- data/templates` for the guide page: a real report, always in step with the
// loaders.
import {loadRegion} from "../../loaders/region.ts";
import {formatReport} from "../../loaders/report.ts";

const {report} = await loadRegion("data/templates");
process.stdout.write(formatReport(report) + "\n");
