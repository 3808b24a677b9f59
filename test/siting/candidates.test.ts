/**
 * Siting candidates and problems (src/lib/siting/candidates.ts): construction on a hand-made county, then acceptance on
 * the default region — the suggested sites, added to the coverage engine (through the very scenario the page
 * adopts), raise the county's covered older people by exactly the covered weight siting reports; greedy+swap is
 * within 2 % of HiGHS's optimum on every default-region instance the page offers by default and on variants.
 */
import type {Highs} from "highs";
import {beforeAll, describe, expect, it} from "vitest";
import {MEASURE, SERVING, siteData, type SiteData} from "../../loaders/site-data.ts";
import {DEFAULT_BED_PARAMS, regionBedGaps, type BedGap} from "../../src/lib/plan/beds.ts";
import {
  buildCandidates, candidateCostList, candidateCosts, problemKey, upgradeCostYuan, siteRows, sitingBedParams, sitingDefaults, sitingProblem, sitingScenario,
  uncoveredVillages, withRadius, type Candidate, type SitingRecords
} from "../../src/lib/siting/candidates.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {applyScenario, parseScenario} from "../../src/lib/engine/scenario.ts";
import {coverageOf, greedySiting, isFeasible} from "../../src/lib/siting/siting.ts";
import {exactSiting, relativeGap} from "../../src/lib/siting/siting-exact.ts";
import type {CandidateSite, Facility, FacilityType, Measure, RadiusTable, Village} from "../../src/lib/types.ts";

// ---------------------------------------------------------------------------------------------------------
// A hand-made county: 640302 (3 villages, one of them covered), a neighbour county 640303 (1 village)

const village = (code: string, county: string, lng: number, lat: number, pop60: number, kind: Village["kind"] = "village"): Village => ({
  code, name: `村${code.slice(-3)}`, township_code: code.slice(0, 9), county_code: county, kind, settlement: "rural",
  lng, lat, pop60, pop65: Math.floor(pop60 / 2), pop80: 0, disabled: 0, alone: 0, modelled: []
});
const facility = (id: string, type: FacilityType, county: string, lng: number, lat: number, status: Facility["status"] = "operating"): Facility => ({
  id, name: `设施${id}`, type, tier: TIER_OF[type], status, county_code: county, township_code: `${county}100`, lng, lat,
  beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 500, operator: "public", social_workers: 0, modelled: []
});
const asset = (id: string, county: string, lng: number, lat: number): CandidateSite => ({
  id, name: `资产${id}`, kind: "school", township_code: `${county}101`, county_code: county, lng, lat, area_m2: 1800, modelled: []
});

const records: SitingRecords = {
  villages: [
    village("640302100200", "640302", 106.0, 37.0, 300),
    village("640302100201", "640302", 106.1, 37.0, 0),
    village("640302101202", "640302", 106.3, 37.0, 120, "community"),
    village("640303100200", "640303", 106.31, 37.0, 500)
  ],
  facilities: [
    facility("N1", "nursing_home", "640302", 106.3, 37.001),
    facility("D1", "day_centre", "640302", 106.2, 37.0, "construction"),
    facility("T1", "township_centre", "640302", 106.31, 37.0),
    facility("N2", "nursing_home", "640303", 106.31, 37.001)
  ],
  assets: [asset("A1", "640302", 106.05, 37.0), asset("A2", "640303", 106.32, 37.0)]
};
// township tier coverage: village 2 (the community) is covered, the others are not
const tierCount = [0, 0, 1, 0];
const setup = {county: "640302", type: "township_centre" as FacilityType, measure: "pop60" as Measure, radii: defaultRadii(), tierCount};

describe("candidates of a county", () => {
  it("lists uncovered villages with older people, the county's idle assets and serving facilities of another tier to upgrade", () => {
    const c = buildCandidates(records, setup);
    expect(c.map((x) => x.id)).toEqual(["V:640302100200", "A:A1", "U:N1"]);
    expect(c.map((x) => x.source)).toEqual(["village", "asset", "upgrade"]);
    expect(c[1]).toMatchObject({kind: "闲置校舍", area_m2: 1800, township_code: "640302101"});
    expect(c[2]).toMatchObject({kind: "敬老院", ref: "N1"});
  });

  it("respects the chosen sources, the planner's exclusions and the type's tier", () => {
    expect(buildCandidates(records, {...setup, sources: ["asset"]}).map((x) => x.id)).toEqual(["A:A1"]);
    expect(buildCandidates(records, {...setup, excluded: new Set(["A:A1", "U:N1"])}).map((x) => x.id)).toEqual(["V:640302100200"]);
    // a nursing home may become a community station; a township centre too (it is not of the community tier)
    const community = buildCandidates(records, {...setup, type: "community_station", tierCount: [0, 0, 0, 0], sources: ["upgrade"]});
    expect(community.map((x) => x.id)).toEqual(["U:N1", "U:T1"]);
  });

  it("poses the covering problem over the county's uncovered villages only, weighted by the measure", () => {
    expect(uncoveredVillages(records.villages, tierCount, "640302")).toEqual([0, 1]);
    const s = sitingProblem(records, {...setup, measure: "pop65"}, {k: 2, maxPerTownship: 1});
    expect(s.demand).toEqual([0, 1]);
    expect(Array.from(s.problem.weights)).toEqual([150, 0]);
    // rural township-centre radius 8 km: villages 0 (106.0) and 1 (106.1) are ≈ 8.9 km apart, the asset (106.05)
    // lies between them, the nursing home (106.3) is ≈ 17.8 km from village 1
    expect(s.problem.cover.map((l) => [...l])).toEqual([[0], [0, 1], []]);
    expect(s.problem.township).toEqual(["640302100", "640302101", "640302100"]);
    expect(s.problem.maxPerTownship).toBe(1);
  });

  it("applies a radius override to every settlement class of the new type only", () => {
    const r = withRadius(defaultRadii(), "township_centre", 12_000);
    expect(r.township_centre).toEqual({urban: 12_000, rural: 12_000, pastoral: 12_000});
    expect(r.community_station).toEqual(defaultRadii().community_station);
    expect(withRadius(r, "township_centre", null)).toBe(r);
    const s = sitingProblem(records, {...setup, radii: r}, {k: 1});
    expect(s.problem.cover.map((l) => [...l])).toEqual([[0, 1], [0, 1], []]);
    expect(sitingProblem(records, {...setup, radii: withRadius(r, "township_centre", 18_000)}, {k: 1}).problem.cover[2]).toEqual(Int32Array.of(1));
  });

  it("costs a site min(bed cap, township gap) beds × subsidy; rows share a township's gap; the scenario parses", () => {
    const params = sitingBedParams({max_new_beds: 30, subsidy_per_bed_yuan: 120_000});
    const gaps = new Map<string, BedGap>([["640302100", {township_code: "640302100", pop60: 1500, beds: 16, standard: 40, target: 60, gap: 44, per1000: 10.7}]]);
    const c = buildCandidates(records, setup);
    expect(c.map((x) => x.source)).toEqual(["village", "asset", "upgrade"]);
    // seed 001: the 120 000 yuan a bed goes to new centres only; an asset or an upgrade (a conversion) costs the
    // region's conversion figure and no per-bed subsidy; without a figure its cost is unknown, never 0
    expect([...candidateCosts(c, (t) => gaps.get(t)?.gap ?? 0, 30, params, 2_000_000)]).toEqual([30 * 120_000, 2_000_000, 2_000_000]);
    expect([...candidateCosts(c, (t) => gaps.get(t)?.gap ?? 0, 30, params)]).toEqual([30 * 120_000, NaN, NaN]);
    expect(candidateCostList(c, (t) => gaps.get(t)?.gap ?? 0, 30, params, 2_000_000)[2]).toEqual({bedYuan: 0, upgradeYuan: 2_000_000, totalYuan: 2_000_000});
    // an idle asset converted is a conversion too
    expect(candidateCostList([{...c[0], source: "asset"}], (t) => gaps.get(t)?.gap ?? 0, 30, params, 2_000_000)).toEqual([{bedYuan: 0, upgradeYuan: 2_000_000, totalYuan: 2_000_000}]);
    expect(candidateCostList([{...c[0], source: "asset"}], (t) => gaps.get(t)?.gap ?? 0, 30, params, null)).toEqual([{bedYuan: 0, upgradeYuan: null, totalYuan: null}]);
    expect(candidateCostList(c, (t) => gaps.get(t)?.gap ?? 0, 0, params, null)).toEqual([
      {bedYuan: 0, upgradeYuan: 0, totalYuan: 0},
      {bedYuan: 0, upgradeYuan: null, totalYuan: null},
      {bedYuan: 0, upgradeYuan: null, totalYuan: null}
    ]);
    const rows = siteRows([{candidate: 0, gain: 300, cost: 0}, {candidate: 2, gain: 0, cost: 0}, {candidate: 1, gain: 0, cost: 0}], c, gaps, 30, params);
    expect(rows.map((r) => [r.rank, r.beds, r.areaM2, r.costYuan, r.townshipGap])).toEqual([
      [1, 22, 22 * 35, 22 * 120_000, 44],
      [2, 22, 22 * 35, 0, 44],
      [3, 0, 0, 0, 0]
    ]);
    // the upgrade row (rank 2) gets beds but no per-bed subsidy: it carries its upgrade cost, or 未提供 (null)
    // without one; new sites carry 0 upgrade cost
    expect(rows.map((r) => [r.upgradeYuan, r.totalYuan])).toEqual([[0, 22 * 120_000], [null, null], [null, null]]);
    expect(siteRows([{candidate: 2, gain: 0, cost: 0}], c, gaps, 30, params, 500_000).map((r) => [r.costYuan, r.upgradeYuan, r.totalYuan])).toEqual([[0, 500_000, 500_000]]);
    const scenario = sitingScenario("default", rows, "township_centre", 12_000, {created: "2025-01-01T00:00:00.000Z"});
    expect(parseScenario(JSON.parse(JSON.stringify(scenario)), "default")).toEqual(scenario);
    expect(scenario.ops.slice(0, 3).map((o) => o.op)).toEqual(["radius", "radius", "radius"]);
    const adds = scenario.ops.flatMap((o) => (o.op === "add" ? [o.facility] : []));
    expect(adds.map((f) => [f.status, f.type, f.beds])).toEqual([["operating", "township_centre", 22], ["operating", "township_centre", 22], ["operating", "township_centre", 0]]);
    expect(adds[1].name).toBe("设施N1（提升为乡镇综合养老服务中心）");
  });

  it("keys problems by what defines them (costs only with a budget)", () => {
    const base = {county: "640302", type: "township_centre" as FacilityType, k: 3, measure: "pop60" as Measure, radius: null, excluded: [], maxPerTownship: 1, budget: null, bedCap: 30, subsidyPerBedYuan: 120_000};
    const a = problemKey({...base, sources: ["upgrade", "village", "asset"]});
    expect(problemKey({...base, sources: ["village", "asset", "upgrade"], bedCap: 10})).toBe(a);
    expect(problemKey({...base, sources: ["village", "asset", "upgrade"], budget: 1e6})).not.toBe(problemKey({...base, sources: ["village", "asset", "upgrade"], budget: 1e6, bedCap: 10}));
    expect(problemKey({...base, sources: ["village"]})).not.toBe(a);
  });

  it("gives township centres beds and one site per township by default, stations neither", () => {
    expect(sitingDefaults("township_centre", DEFAULT_BED_PARAMS)).toEqual({maxPerTownship: 1, bedCap: 30});
    expect(sitingDefaults("community_station", DEFAULT_BED_PARAMS)).toEqual({maxPerTownship: null, bedCap: 0});
    expect(sitingBedParams({max_new_beds: 20, subsidy_per_bed_yuan: "x"})).toMatchObject({maxBedsPerCentre: 20, subsidyPerBedYuan: 120_000});
  });
});

// ---------------------------------------------------------------------------------------------------------
// The default region

let data: SiteData;
let highs: Highs;
beforeAll(async () => {
  data = await siteData();
  highs = await (await import("highs")).default();
});

interface Variant {
  county: string;
  type: FacilityType;
  k: number;
  radius?: number;
  maxPerTownship?: number;
  budget?: number;
  measure?: Measure;
}

/** Pose a default-region problem as the page does, engine included. */
function pose(v: Variant) {
  const {region} = data;
  const radii: RadiusTable = withRadius(data.radii, v.type, v.radius);
  const engine = new CoverageEngine(region.villages, region.facilities, radii, {statuses: SERVING});
  const measure = v.measure ?? MEASURE;
  const params = sitingBedParams(region.config.siting as never);
  const gaps = new Map(regionBedGaps(data.metrics.townships, region.targets).gaps.map((g) => [g.township_code, g]));
  const bedCap = sitingDefaults(v.type, params).bedCap || 30;
  const s = sitingProblem(
    {villages: region.villages, facilities: region.facilities, assets: region.candidates},
    {county: v.county, type: v.type, measure, radii, tierCount: engine.result().tiers[TIER_OF[v.type]].count, statuses: SERVING},
    (cands: Candidate[]) => ({
      k: v.k,
      ...(v.maxPerTownship === undefined ? {} : {maxPerTownship: v.maxPerTownship}),
      ...(v.budget === undefined ? {} : {budget: v.budget, cost: candidateCosts(cands, (t) => gaps.get(t)?.gap ?? 0, bedCap, params, upgradeCostYuan(region.config.siting, v.type))})
    })
  );
  return {s, radii, measure, gaps, params, bedCap};
}

/** Older people (by measure) of the county's villages covered at a tier, as the engine counts them. */
function countyCovered(engine: CoverageEngine, county: string, type: FacilityType, measure: Measure): number {
  const count = engine.result().tiers[TIER_OF[type]].count;
  return data.region.villages.reduce((a, v, i) => a + (v.county_code === county && count[i] > 0 ? v[measure] : 0), 0);
}

const COUNTIES = ["150626", "640302", "500120", "150625", "310116"];
const variants: Variant[] = [
  ...COUNTIES.flatMap((county) => [3, 5].flatMap((k) => [{county, type: "community_station" as FacilityType, k}, {county, type: "township_centre" as FacilityType, k, maxPerTownship: 1}])),
  {county: "640302", type: "township_centre", k: 4, radius: 12_000, budget: 8_000_000, maxPerTownship: 1},
  {county: "150626", type: "meal_site", k: 6, measure: "pop80"},
  {county: "500120", type: "day_centre", k: 8, radius: 1_500, maxPerTownship: 2}
];

describe("siting on the default region", () => {
  it.each(variants)("sites raise the county's coverage by exactly what the engine computes ($county $type k=$k)", (v) => {
    const {s, radii, measure, gaps, params, bedCap} = pose(v);
    const greedy = greedySiting(s.problem);
    expect(greedy.sites.length).toBeGreaterThan(0);
    expect(isFeasible(s.problem, greedy.sites.map((x) => x.candidate))).toBe(true);
    expect(greedy.sites.reduce((a, x) => a + x.gain, 0)).toBe(greedy.covered);
    // the scenario the page adopts, applied to an engine counting serving facilities, as the explorer does
    const engine = new CoverageEngine(data.region.villages, data.region.facilities, data.radii, {statuses: SERVING});
    const rows = siteRows(greedy.sites, s.candidates, gaps, bedCap, params);
    const scenario = parseScenario(JSON.parse(JSON.stringify(sitingScenario(data.region.meta.id, rows, v.type, v.radius ?? null))), data.region.meta.id);
    const before = v.radius === undefined ? countyCovered(engine, v.county, v.type, measure) : NaN;
    // with a radius override the baseline is the network under the overridden radius (the first ops of the scenario)
    const radiusOps = scenario.ops.filter((o) => o.op === "radius");
    applyScenario(engine, {...scenario, ops: radiusOps});
    const base = countyCovered(engine, v.county, v.type, measure);
    if (v.radius === undefined) expect(base).toBe(before);
    expect(engine.radii()).toEqual(radii);
    applyScenario(engine, {...scenario, ops: scenario.ops.filter((o) => o.op === "add")});
    expect(countyCovered(engine, v.county, v.type, measure) - base).toBe(greedy.covered);
  });

  it.each(variants)("greedy+swap is within 2 % of the exact optimum ($county $type k=$k)", (v) => {
    const {s} = pose(v);
    const exact = exactSiting(s.problem, highs, {timeLimitSec: 30});
    expect(exact.status).not.toBe("time_limit");
    const greedy = greedySiting(s.problem);
    expect(coverageOf(s.problem, exact.sites.map((x) => x.candidate))).toBe(exact.covered);
    expect(greedy.covered).toBeLessThanOrEqual(exact.bound + 1e-9);
    expect(relativeGap(greedy.covered, exact.bound)).toBeLessThanOrEqual(0.02);
  });
});
