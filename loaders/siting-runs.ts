/**
 * Build-time siting runs for the siting page (选址建议): for every county and the default parameters — new
 * community stations (community tier) and new township centres (township tier), k = 1…5, every candidate source,
 * no budget, the type's default per-township limit — greedy+swap and the exact HiGHS optimum with its proven
 * bound. The page quotes "within x % of the best possible" from these when the planner's parameters match.
 */
import {log, MEASURE, SERVING, type SiteData} from "./site-data.ts";
import {CANDIDATE_SOURCES, problemKey, sitingBedParams, sitingDefaults, sitingProblem} from "../src/lib/siting/candidates.ts";
import {TIER_OF} from "../src/lib/facility-types.ts";
import {greedySiting} from "../src/lib/siting/siting.ts";
import {exactSiting, relativeGap} from "../src/lib/siting/siting-exact.ts";
import type {FacilityType} from "../src/lib/types.ts";

const TYPES: readonly FacilityType[] = ["community_station", "township_centre"];
const KS = [1, 2, 3, 4, 5];
/** A build must not hang on a hard instance: past this the run keeps the best solution and the proven bound. */
const TIME_LIMIT_SEC = 20;

export async function sitingArtifact(sd: SiteData) {
  const t0 = performance.now();
  const {region, radii, engine} = sd;
  const highs = await (await import("highs")).default();
  const params = sitingBedParams(region.config.siting as never);
  const tiers = engine.result().tiers;
  const runs = [];
  for (const county of region.counties) {
    for (const type of TYPES) {
      const {maxPerTownship, bedCap} = sitingDefaults(type, params);
      // posed once per county and type (demand, candidates, cover lists), then solved for each k
      const setup = {county: county.code, type, measure: MEASURE, radii, tierCount: tiers[TIER_OF[type]].count, statuses: SERVING};
      const posed = sitingProblem({villages: region.villages, facilities: region.facilities, assets: region.candidates}, setup, {k: KS[0], ...(maxPerTownship === null ? {} : {maxPerTownship})});
      for (const k of KS) {
        const s = {...posed, problem: {...posed.problem, k}};
        const g0 = performance.now();
        const greedy = greedySiting(s.problem);
        const greedyMs = performance.now() - g0;
        const exact = exactSiting(s.problem, highs, {timeLimitSec: TIME_LIMIT_SEC});
        const id = (j: number) => s.candidates[j].id;
        runs.push({
          key: problemKey({county: county.code, type, k, measure: MEASURE, radius: null, sources: CANDIDATE_SOURCES, excluded: [], maxPerTownship, budget: null, bedCap, subsidyPerBedYuan: params.subsidyPerBedYuan}),
          county: county.code, type, k, measure: MEASURE, maxPerTownship,
          demand: s.demand.length, candidates: s.candidates.length, totalWeight: greedy.totalWeight,
          greedy: {covered: greedy.covered, greedyCovered: greedy.greedyCovered, sites: greedy.sites.map((x) => ({id: id(x.candidate), gain: x.gain})), ms: greedyMs},
          exact: {
            status: exact.status, covered: exact.covered, bound: exact.bound, lpBound: exact.lpBound, gap: exact.gap,
            sites: exact.sites.map((x) => ({id: id(x.candidate), gain: x.gain})), ms: exact.timeMs, size: exact.size
          },
          gap: relativeGap(greedy.covered, exact.bound)
        });
        log(`siting ${county.name} ${type} k=${k}: ${s.demand.length} uncovered villages × ${s.candidates.length} candidates; greedy ${greedy.covered} in ${greedyMs.toFixed(1)} ms; exact ${exact.status} ${exact.covered} ≤ ${exact.bound} (LP ${exact.timeMs.lp.toFixed(0)} ms, MIP ${exact.timeMs.mip.toFixed(0)} ms)`);
      }
    }
  }
  const worst = Math.max(0, ...runs.map((r) => r.gap));
  log(`siting: ${runs.length} runs in ${Math.round(performance.now() - t0)} ms, worst greedy gap to bound ${(100 * worst).toFixed(3)} %`);
  return {measure: MEASURE, types: TYPES, ks: KS, sources: CANDIDATE_SOURCES, bed_params: params, time_limit_sec: TIME_LIMIT_SEC, runs};
}
