// Project items evaluated on the data date (progress against schedule, overdue first) and per-project totals.
import {printJson, siteData} from "../../loaders/site-data.ts";

const {items, projects, evaluationDate} = await siteData();
printJson({evaluation_date: evaluationDate, items, projects});
