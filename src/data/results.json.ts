// Build-time results on the region's own data: per-township and per-county metrics, every target evaluated
// (traffic lights), station-to-centre links, the township ranking of each county, bed gaps per township, and
// each village's coverage per tier (facilities in reach, nearest distance).
import {printJson, siteData} from "../../loaders/site-data.ts";
import {TIERS} from "../../src/lib/facility-types.ts";

const {region, metrics, statuses, engine, weights, ranking, bedGaps: beds, bedStandards: bed_standards} = await siteData();
const coverage = engine.result();
const villages = region.villages.map((v, i) => ({
  code: v.code,
  count: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].count[i]])),
  nearest: Object.fromEntries(TIERS.map((t) => [t, Number.isFinite(coverage.tiers[t].nearestDist[i]) ? Math.round(coverage.tiers[t].nearestDist[i]) : null])),
  nearest_id: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].nearestId[i]]))
}));

printJson({metrics, statuses, weights, ranking, beds, bed_standards, villages});
