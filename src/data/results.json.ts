// Build-time results on the region's own data: per-township and per-county metrics, every target evaluated
// (traffic lights), station-to-centre links, the township ranking of each county, bed gaps per township, and
// each village's coverage per tier (facilities in reach, nearest distance), and each county's figures and lights as
// of every year-end of the timeline (the overview's year control, src/lib/year-view.ts).
import {printJson, siteData} from "../../loaders/site-data.ts";
import {TIERS} from "../../src/lib/facility-types.ts";
import {referenceTargets} from "../../src/lib/milestones.ts";
import {populationRule} from "../../src/lib/population.ts";
import {snapshotDates, yearSnapshots} from "../../src/lib/year-view.ts";

const {region, metrics, statuses, engine, weights, ranking, bedGaps: beds, bedStandards: bed_standards, metricsAt, evaluationDate} = await siteData();
const coverage = engine.result();
const villages = region.villages.map((v, i) => ({
  code: v.code,
  count: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].count[i]])),
  nearest: Object.fromEntries(TIERS.map((t) => [t, Number.isFinite(coverage.tiers[t].nearestDist[i]) ? Math.round(coverage.tiers[t].nearestDist[i]) : null])),
  nearest_id: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].nearestId[i]]))
}));

const timeline = yearSnapshots(region.targets, metricsAt, snapshotDates(region.facilities, region.targets, evaluationDate), evaluationDate, {reference: referenceTargets(region.config), population: populationRule(region.config)});

printJson({metrics, statuses, weights, ranking, beds, bed_standards, villages, timeline});
