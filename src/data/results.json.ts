// Build-time results on the region's own data: per-township and per-county metrics, every target evaluated
// (traffic lights), station-to-centre links, the township ranking of each county, bed gaps per township, and
// each village's coverage per tier (facilities in reach, nearest distance).
import {printJson, siteData} from "../../loaders/site-data.ts";
import {bedStandard, regionBedGaps} from "../../src/lib/beds.ts";
import {TIERS} from "../../src/lib/facility-types.ts";
import {rankingWeights, rankUnits} from "../../src/lib/ranking.ts";

const {region, metrics, statuses, engine} = await siteData();
const weights = rankingWeights(region.config.ranking_weights);
const {gaps: beds, standards: bed_standards} = regionBedGaps(metrics.townships, region.targets);
const ranking = Object.fromEntries(
  region.counties.map((c) => [c.code, rankUnits(metrics.townships.filter((t) => t.county_code === c.code), weights, {bedsPer1000: bedStandard(region.targets, c.code).per1000})])
);
const coverage = engine.result();
const villages = region.villages.map((v, i) => ({
  code: v.code,
  count: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].count[i]])),
  nearest: Object.fromEntries(TIERS.map((t) => [t, Number.isFinite(coverage.tiers[t].nearestDist[i]) ? Math.round(coverage.tiers[t].nearestDist[i]) : null])),
  nearest_id: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].nearestId[i]]))
}));

printJson({metrics, statuses, weights, ranking, beds, bed_standards, villages});
