/**
 * The siting page's capacitated objective 可服务人数（计容量） (issue 18) through the view-model
 * (src/lib/siting/siting-view.ts, src/lib/siting/siting-capacity.ts), in Node:
 * - on the default region's 利通区, the plan's served total against an independent dense max flow (test/siting/oracle.ts)
 *   over weights computed here from the villages, its covered total against the covering problem, and the figures
 *   agreeing across KPI cards, table and CSV; capacities large enough give the covering plan's figure; binding ones
 *   serve less than they cover; the exact bound is not offered;
 * - on a hand-built county, the existing-facility rule: the need each demand point keeps is its need less the share
 *   `capacitatedCoverage` (access.ts, nearest first) serves, and a new centre's capacity is its beds, capped by its
 *   township's bed gap;
 * - the fall-backs: beds declared absent, meal seats typed wrong.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {SERVING, siteData, type SiteData} from "../../loaders/site-data.ts";
import {sitingPageInputs} from "../helpers/siting-page.ts";
import {capacitatedCoverage, DEFAULT_STATION_CAPACITY} from "../../src/lib/engine/access.ts";
import {CAPACITY_DEFAULTS} from "../../src/lib/engine/capacity.ts";
import {METRES_PER_DEGREE} from "../../src/lib/engine/geo.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";
import {coverageOf, servedWeight, type CoveringProblem} from "../../src/lib/siting/siting.ts";
import {SitingContext, sitingPlan, sitingPool, sitingRun, type BuiltSiting, type PoolInput, type RunInput, type SitingBundle, type SitingRegion, type SitingResults} from "../../src/lib/siting/siting-view.ts";
import type {BedGap} from "../../src/lib/plan/beds.ts";
import type {Facility, FacilityType, Village} from "../../src/lib/types.ts";
import {maxFlowServed} from "../siting/oracle.ts";

const COUNTY = "640302";
const noBuilt: BuiltSiting = {types: ["township_centre"], ks: [3], runs: []};

let sd: SiteData;
let region: SitingRegion;
let bundle: SitingBundle;
const context = (config: Record<string, unknown> = {}, absent = sd.region.meta.absent) =>
  new SitingContext({...region, config: {...region.config, ...config}, meta: {...region.meta, absent}}, {beds: sd.bedGaps, bed_standards: sd.bedStandards}, noBuilt);
const session = () => new WhatIfSession({...sd.region, meta: {absent: sd.region.meta.absent}}, sd.radii, {statuses: SERVING, date: sd.evaluationDate});
const poolInput = (type: FacilityType, over: Partial<PoolInput> = {}): PoolInput => ({
  county: COUNTY, type, measure: "pop60", sources: ["village", "asset", "upgrade"], includeUnlikely: false, radiusText: "", budgetText: "", ...over
});
const runInput = (ctx: SitingContext, type: FacilityType, over: Partial<RunInput> = {}): RunInput => {
  const d = ctx.typeDefaults(type);
  return {k: 3, maxPer: d.maxPerTownship, bedCap: d.bedCap, includeUnknownCost: false, excluded: new Set(), ...over};
};
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

beforeAll(async () => {
  sd = await siteData();
  ({region, bundle} = sitingPageInputs(sd));
}, 120_000);

describe("capacitated objective on 利通区: community stations (capacity 300 older people each, the default assumption)", () => {
  it("serves what an independent max flow over the villages' own figures says, and covers what covering counts", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput("community_station"));
    const run = sitingRun(ctx, pool, runInput(ctx, "community_station", {objective: "serve"}));
    expect(run.objective).toBe("serve");
    expect(run.capacitated).not.toBeNull();
    expect(run.bound).toEqual({source: "capacity"}); // the exact MIP models covering only: no bound, no exact alternative
    expect(run.builtRun).toBeNull();
    const plan = sitingPlan(ctx, run, run.bound, "exact", session()); // asking for the exact plan changes nothing
    expect(plan.choice).toBe("greedy");
    const sites = plan.chosen.map((s) => s.candidate);
    expect(sites.length).toBe(3);
    // independent: the county's villages outside every community-tier circle, each needing pop60 × 1 000 / 1 000
    // (stations' standard: every older person); no existing station reaches them, so nothing is taken off
    const uncovered = sd.region.villages.flatMap((v, i) => (v.county_code === COUNTY && sd.engine.result().tiers.community.count[i] === 0 ? [v] : []));
    expect(run.posed.demand.map((i) => sd.region.villages[i].code)).toEqual(uncovered.map((v) => v.code));
    const weights = uncovered.map((v) => v.pop60);
    expect(Array.from(run.capacitated!.weights)).toEqual(weights);
    expect(run.capacitated!.existingServed).toBe(0);
    const independent: CoveringProblem = {weights, cover: run.posed.problem.cover, k: 3, capacity: run.posed.candidates.map(() => DEFAULT_STATION_CAPACITY.capacity.community_station)};
    expect(plan.chosenServed).toBeCloseTo(maxFlowServed(independent, sites), 9);
    expect(plan.chosenServed).toBeCloseTo(servedWeight(independent, sites), 9);
    expect(plan.chosenCovered).toBe(coverageOf(run.posed.problem, sites));
    // capacity binds: three stations serve 900 of the older people they cover
    expect(plan.chosenServed).toBe(900);
    expect(plan.chosenServed!).toBeLessThan(plan.chosenCovered);
    // every figure tells the same totals: KPI, table, CSV
    const kpi = Object.fromEntries(plan.kpis.flatMap((c) => Object.entries(c.data)));
    expect([kpi.served, kpi.totalGain]).toEqual([plan.chosenServed, plan.chosenCovered]);
    expect(kpi.capacity).toBe(900);
    expect(kpi.reachNeed).toBe(plan.chosenCovered); // need = people here (standard 1 000), nothing served before
    expect(plan.table.foot.servedTotal).toBe(plan.chosenServed);
    expect(sum(plan.table.rows.map((r) => r.data.served!))).toBe(plan.chosenServed);
    expect(plan.table.rows.map((r) => r.capacity)).toEqual(["300 人", "300 人", "300 人"]);
    expect(plan.table.foot.total).toBe(plan.chosenCovered);
    expect(sum(plan.rows.map((r) => r.gain))).toBe(plan.chosenCovered);
    expect(plan.csvRows.map((r) => [r.容量, r.可服务老人])).toEqual(plan.capacityRows!.map((r) => [r.capacity, r.served]));
    expect(plan.gap.source).toBe("capacity");
    expect(plan.gap.how).toContain("不适用");
    expect(plan.gap.lead!.value).toBe("新可服务 900 人");
    expect(run.capacityRule!.assumed).toBe(true); // the default station capacities are planning assumptions
    expect(run.capacityRule!.capacityText).toContain("假设容量");
  });

  it("with capacities too large to bind, serves exactly what the covering plan covers", () => {
    const big = {community_station: 1e7, day_centre: 1e7, mutual_aid: 1e7, source: "测试：容量足够大"};
    const ctx = context({access: {station_capacity: big}});
    const pool = sitingPool(ctx, bundle, poolInput("community_station"));
    const plain = sitingPlan(ctx, sitingRun(ctx, pool, runInput(ctx, "community_station")), {source: "empty"}, "greedy", session());
    const run = sitingRun(ctx, pool, runInput(ctx, "community_station", {objective: "serve"}));
    const served = sitingPlan(ctx, run, run.bound, "greedy", session());
    expect(served.chosenServed).toBe(plain.chosenCovered);
    expect(served.chosenServed).toBe(served.chosenCovered);
    expect(run.capacityRule!.assumed).toBe(false);
    expect(run.capacityRule!.capacityText).toContain("测试：容量足够大");
  });

  it("keeps the covering objective exactly as it was when the planner does not ask for capacity", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput("township_centre"));
    const before = sitingRun(ctx, pool, runInput(ctx, "township_centre"));
    const cover = sitingRun(ctx, pool, runInput(ctx, "township_centre", {objective: "cover"}));
    const serve = sitingRun(ctx, pool, runInput(ctx, "township_centre", {objective: "serve"}));
    expect(cover.greedy.sites).toEqual(before.greedy.sites);
    expect(cover.key).toBe(before.key);
    expect([before.objective, before.capacitated, before.bound.source]).toEqual(["cover", null, "pending"]);
    expect(serve.key).not.toBe(before.key); // a build-time covering run never answers a capacitated problem
    const plan = sitingPlan(ctx, before, before.bound, "greedy", session());
    expect([plan.chosenServed, plan.capacityRows, plan.table.foot.served]).toEqual([null, null, null]);
    expect(plan.csvRows.every((r) => !("可服务老人" in r))).toBe(true);
  });
});

describe("capacitated objective on 利通区: township centres (beds)", () => {
  it("takes off each demand point's need the share existing institutions serve by the report's rule", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput("township_centre"));
    const run = sitingRun(ctx, pool, runInput(ctx, "township_centre", {objective: "serve"}));
    const cap = run.capacitated!;
    // independent: the report's capacitated coverage of beds with the county's bed standard (its own target here)
    const std = sd.bedStandards[COUNTY];
    expect(std.target_id).not.toBeNull();
    const report = capacitatedCoverage(sd.region.villages, sd.region.facilities, sd.radii, "beds", () => std.per1000, {statuses: SERVING})!;
    run.posed.demand.forEach((i, k) => {
      expect(cap.need[k]).toBeCloseTo(report.demand[i], 9); // pop60 × standard / 1 000
      expect(cap.weights[k]).toBeCloseTo(report.demand[i] - report.served[i], 9);
    });
    expect(cap.existingServed).toBeGreaterThan(0); // county institutions and nursing homes reach some of them
    expect(cap.existingServed).toBeCloseTo(sum(run.posed.demand.map((i) => report.served[i])), 6);
    // capacity: the beds each candidate's site would build, min(30, the township's gap)
    run.posed.candidates.forEach((c, j) => expect(cap.capacity[j]).toBe(Math.min(30, Math.ceil(sd.bedGaps.find((g) => g.township_code === c.township_code)?.gap ?? 0))));
    const plan = sitingPlan(ctx, run, run.bound, "greedy", session());
    expect(plan.chosenServed).toBeCloseTo(servedWeight(cap.problem, plan.chosen.map((s) => s.candidate)), 9);
    expect(plan.rows.map((r) => r.beds)).toEqual(plan.capacityRows!.map((r) => r.capacity)); // one centre per township: its beds are its capacity
  });

  it("with another measure, applies the standard's ratio to it and says so", () => {
    const ctx = context();
    const run = sitingRun(ctx, sitingPool(ctx, bundle, poolInput("township_centre", {measure: "pop80"})), runInput(ctx, "township_centre", {objective: "serve"}));
    run.posed.demand.forEach((i, k) => expect(run.capacitated!.need[k]).toBeCloseTo((sd.region.villages[i].pop80 * sd.bedStandards[COUNTY].per1000) / 1000, 9));
    expect(run.capacityRule!.demandText).toContain("按同一比例用于80岁以上高龄老人（规划假设）");
    const pop60 = sitingRun(ctx, sitingPool(ctx, bundle, poolInput("township_centre")), runInput(ctx, "township_centre", {objective: "serve"}));
    expect(pop60.capacityRule!.demandText).not.toContain("同一比例");
  });

  it("falls back to covering, and says why, when the region does not provide beds", () => {
    const ctx = context({}, {...sd.region.meta.absent, facilities: ["beds"]});
    const pool = sitingPool(ctx, bundle, poolInput("township_centre"));
    const run = sitingRun(ctx, pool, runInput(ctx, "township_centre", {objective: "serve"}));
    expect([run.objective, run.capacitated]).toEqual(["cover", null]);
    expect(run.capacityNote).toContain("未提供床位数");
  });
});

describe("capacitated objective: canteens (meal seats set on the page)", () => {
  it("uses the typed seats, or the labelled default with a warning for a value it cannot use", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput("canteen"));
    const typed = sitingRun(ctx, pool, runInput(ctx, "canteen", {objective: "serve", seatsText: "45"}));
    expect(new Set(typed.capacitated!.capacity)).toEqual(new Set([45]));
    expect(typed.warnings).toEqual([]);
    const plan = sitingPlan(ctx, typed, typed.bound, "greedy", session());
    // the plan handed to the explorer carries the seats it was sited with
    expect(plan.scenario.ops.flatMap((o) => (o.op === "add" ? [o.facility.meal_seats] : []))).toEqual(plan.rows.map(() => 45));
    expect(plan.lightView.none ?? plan.lightView.note).toMatch(/每处 45 座/);
    // need = pop60 × 50 / 1 000 (config.access.standards.meals)
    typed.posed.demand.forEach((i, k) => expect(typed.capacitated!.need[k]).toBeCloseTo((sd.region.villages[i].pop60 * 50) / 1000, 9));
    const bad = sitingRun(ctx, pool, runInput(ctx, "canteen", {objective: "serve", seatsText: "四十"}));
    expect(bad.warnings).toEqual(["每处助餐座位“四十”不是数字：应为 0–100000 之间的整数（座），已按默认座位数计算。"]);
    expect(new Set(bad.capacitated!.capacity)).toEqual(new Set([CAPACITY_DEFAULTS.canteen.capacity.meal_seats]));
    expect(bad.capacityRule!.assumed).toBe(true);
    expect(bad.capacityRule!.capacityText).toContain("规划假设");
    // with the covering objective the seats field is not read and the plan keeps 0 seats, as before
    const cover = sitingRun(ctx, pool, runInput(ctx, "canteen", {seatsText: "四十"}));
    expect(cover.warnings).toEqual([]);
    const coverPlan = sitingPlan(ctx, cover, {source: "empty"}, "greedy", session());
    expect(coverPlan.scenario.ops.every((o) => o.op !== "add" || o.facility.meal_seats === 0)).toBe(true);
  });
});

describe("capacitated objective on a hand-built county: the existing-facility rule and capacities", () => {
  // One rural county on the meridian 106°E (distances along it are exact arcs). Township centres reach 8 km (rural),
  // nursing homes 15 km. The county's bed target is 50 per 1 000 aged 60+.
  //   V1 at 0 km, 1 000 aged 60+ → need 50;  V2 at 12 km, 500 → need 25  (township T1, bed gap 100)
  //   V3 at 40 km, 800 → need 40                                            (township T2, bed gap 10)
  //   existing nursing home N at 2 km, 30 beds (county tier: no township centre anywhere, every village is demand)
  // Nearest first (access.ts): V1–N 2 km takes all 30 beds; V2–N 10 km gets none. Weights left: V1 20, V2 25, V3 40.
  // Each village's own site covers only itself (12 km apart > 8 km). Capacities min(30, gap): V1 30, V2 30, V3 10.
  // Serving k = 1: V1 serves 20, V2 25, V3 10 → V2. Covering k = 1 takes V1 (1 000 people).
  const at = (km: number) => ({lng: 106, lat: 38 + (km * 1000) / METRES_PER_DEGREE});
  const village = (code: string, township: string, km: number, pop60: number): Village => ({
    code, name: code, township_code: township, county_code: "640399", kind: "village", settlement: "rural", ...at(km), pop60, pop65: 0, pop80: 0, disabled: 0, alone: 0, modelled: []
  });
  const T1 = "640399100", T2 = "640399101";
  const villages = [village("640399100201", T1, 0, 1000), village("640399100202", T1, 12, 500), village("640399101201", T2, 40, 800)];
  const nursing: Facility = {
    id: "N", name: "敬老院", type: "nursing_home", tier: "county", status: "operating", county_code: "640399", township_code: T1, ...at(2),
    beds: 30, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
  };
  const gap = (code: string, g: number): BedGap => ({township_code: code, pop60: 0, beds: 0, standard: 50, target: g, gap: g, per1000: null});
  const handRegion: SitingRegion = {
    meta: {id: "hand", data_date: "2025-01-01", serving: SERVING},
    config: {radii: defaultRadii()},
    counties: [{code: "640399", name: "测试县"}],
    townships: [{code: T1, name: "一镇", county_code: "640399", settlement: "rural"}, {code: T2, name: "二镇", county_code: "640399", settlement: "rural"}]
  };
  const results: SitingResults = {beds: [gap(T1, 100), gap(T2, 10)], bed_standards: {"640399": {per1000: 50, target_id: "T1", source: "测试目标"}}};
  const hand = (k: number) => {
    const ctx = new SitingContext(handRegion, results, noBuilt);
    const pool = sitingPool(ctx, {villages, facilities: [nursing]}, {county: "640399", type: "township_centre", measure: "pop60", sources: ["village"], includeUnlikely: false, radiusText: "", budgetText: ""});
    return {ctx, pool, run: (objective: "cover" | "serve") => sitingRun(ctx, pool, {k, maxPer: 0, bedCap: 30, includeUnknownCost: false, excluded: new Set(), objective})};
  };

  it("removes the need the nursing home serves, as access.ts's capacitatedCoverage allocates it", () => {
    const {run} = hand(1);
    const r = run("serve");
    expect(r.posed.demand).toEqual([0, 1, 2]);
    const report = capacitatedCoverage(villages, [nursing], defaultRadii(), "beds", () => 50, {statuses: SERVING})!;
    expect([...report.served]).toEqual([30, 0, 0]);
    expect([...r.capacitated!.need]).toEqual([50, 25, 40]);
    expect([...r.capacitated!.weights]).toEqual([...report.demand].map((d, i) => d - report.served[i]));
    expect([...r.capacitated!.weights]).toEqual([20, 25, 40]);
    expect(r.capacitated!.existingServed).toBe(30);
    expect([...r.capacitated!.capacity]).toEqual([30, 30, 10]); // T2's gap of 10 beds caps V3's centre
    expect(r.posed.candidates.map((c) => c.ref)).toEqual(villages.map((v) => v.code));
    // serving picks V2 (25 served), covering V1 (1 000 covered)
    expect(r.greedy.sites).toEqual([{candidate: 1, gain: 25, cost: 0}]);
    expect(run("cover").greedy.sites).toEqual([{candidate: 0, gain: 1000, cost: 0}]);
  });

  it("k = 3: every site serves what is left of its own village's need, up to its beds", () => {
    const {run} = hand(3);
    const r = run("serve");
    expect(r.greedy.covered).toBe(20 + 25 + 10);
    expect(servedWeight(r.capacitated!.problem, [0, 1, 2])).toBe(55);
  });
});
