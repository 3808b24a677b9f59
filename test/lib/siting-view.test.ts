/**
 * The siting page's view-model (src/lib/siting/siting-view.ts), in Node: the default region's 利通区 with the page's
 * defaults (three township centres by 60+ older people), checked against figures computed here independently —
 * the tier's uncovered older people counted village by village, every figure of the plan adding up across KPI
 * cards, table, CSV and bed table — and the paths the page takes: typed inputs it cannot use, a bound from the
 * build or the browser, an exact solution the planner may take, a budget with upgrade costs not provided, a region
 * without beds (未提供, never 0), candidates screened by default.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {SERVING, siteData, type SiteData} from "../../loaders/site-data.ts";
import {sitingPageInputs} from "../helpers/siting-page.ts";
import {isConversion, SCREEN_REASON_LABEL, type ScreenedCandidate} from "../../src/lib/siting/candidates.ts";
import {VillageReach} from "../../src/lib/engine/circles.ts";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {NOT_PROVIDED} from "../../src/lib/view/format.ts";
import {relativeGap} from "../../src/lib/siting/siting-exact.ts";
import {coverageOf} from "../../src/lib/siting/siting.ts";
import {
  bedTableRows, browserBound, candidateSummary, exactAlternative, gapView, screenedView, SitingContext, sitingMapPoints, sitingPlan, sitingPool, sitingRun,
  type BuiltSiting, type PoolInput, type RunInput, type SitingBundle, type SitingRegion
} from "../../src/lib/siting/siting-view.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";

const COUNTY = "640302";
const noBuilt: BuiltSiting = {types: ["township_centre"], ks: [3], runs: []};

let sd: SiteData;
let region: SitingRegion;
let bundle: SitingBundle;
const context = (siting: unknown = sd.region.config.siting, built = noBuilt, absent = sd.region.meta.absent) =>
  new SitingContext({...region, config: {...region.config, siting}, meta: {...region.meta, absent}}, {beds: sd.bedGaps, bed_standards: sd.bedStandards}, built);
const session = () => new WhatIfSession({...sd.region, meta: {absent: sd.region.meta.absent}}, sd.radii, {statuses: SERVING, date: sd.evaluationDate});
const poolInput = (over: Partial<PoolInput> = {}): PoolInput => ({
  county: COUNTY, type: "township_centre", measure: "pop60", sources: ["village", "asset", "upgrade"], includeUnlikely: false, radiusText: "", budgetText: "", ...over
});
const runInput = (ctx: SitingContext, over: Partial<RunInput> = {}): RunInput => {
  const d = ctx.typeDefaults("township_centre");
  return {k: 3, maxPer: d.maxPerTownship, bedCap: d.bedCap, includeUnknownCost: false, excluded: new Set(), ...over};
};

beforeAll(async () => {
  sd = await siteData();
  ({region, bundle} = sitingPageInputs(sd));
}, 120_000);

describe("siting view-model: 利通区, the page's defaults", () => {
  it("poses the tier's uncovered older people as demand and every figure of the plan adds up", () => {
    const ctx = context();
    expect(ctx.defaultCounty).toBe(COUNTY);
    expect(ctx.typeDefaults("township_centre")).toMatchObject({maxPerTownship: 1, bedCap: ctx.params.maxBedsPerCentre});
    const pool = sitingPool(ctx, bundle, poolInput());
    expect(pool.warnings).toEqual([]);
    expect(pool.radiusOverride).toBeNull();
    expect(pool.tier).toBe("township");
    const run = sitingRun(ctx, pool, runInput(ctx));
    // independent: the county's villages no serving township-tier facility reaches, by haversine over the whole region
    const uncovered = sd.region.villages.filter((v, i) => v.county_code === COUNTY && sd.engine.result().tiers.township.count[i] === 0);
    expect(run.demandTotal).toBe(uncovered.reduce((a, v) => a + v.pop60, 0));
    expect(run.countyTotal).toBe(sd.region.villages.filter((v) => v.county_code === COUNTY).reduce((a, v) => a + v.pop60, 0));
    expect(run.greedy.sites.length).toBe(3);
    expect(run.bound.source).toBe("pending"); // no build-time run given: the page solves it
    const plan = sitingPlan(ctx, run, run.bound, "greedy", session());
    // the plan covers what its sites cover, counted from the problem itself
    expect(plan.chosenCovered).toBeCloseTo(coverageOf(run.posed.problem, plan.chosen.map((s) => s.candidate)), 9);
    expect(plan.gains.tier).toBeCloseTo(plan.chosenCovered, 9);
    expect(plan.gains.any).toBeLessThanOrEqual(plan.gains.tier);
    // KPI cards, table foot and CSV tell the same figures
    const kpi = Object.fromEntries(plan.kpis.flatMap((c) => Object.entries(c.data)));
    expect(kpi.totalGain).toBe(plan.chosenCovered);
    expect([kpi.anyGain, kpi.tierGain]).toEqual([plan.gains.any, plan.gains.tier]);
    expect(plan.table.foot.total).toBe(plan.chosenCovered);
    expect(plan.table.rows.map((r) => r.data.gain)).toEqual(plan.rows.map((r) => r.gain));
    expect(plan.csvRows.map((r) => r.新增覆盖老人)).toEqual(plan.rows.map((r) => r.gain));
    expect(plan.csvRows.map((r) => r.选址)).toEqual(plan.rows.map((r) => r.candidate.name));
    expect(kpi.knownCost).toBe(plan.rows.reduce((a, r) => a + (r.totalYuan ?? r.costYuan), 0));
    expect(plan.kpis[0].note).toContain(`${run.posed.demand.length} 个村/社区`);
    // the scenario adds one operating township centre per row, at the candidate's place
    const adds = plan.scenario.ops.flatMap((o) => (o.op === "add" ? [o.facility] : []));
    expect(adds.map((f) => [f.type, f.status, f.lng, f.lat, f.beds])).toEqual(plan.rows.map((r) => ["township_centre", "operating", r.candidate.lng, r.candidate.lat, r.beds]));
    expect(plan.adoptMessage).toBe(`已写入模拟方案（${plan.rows.length} 处新设施，按“建成运营”计入模拟）。`);
    expect(plan.files).toEqual({json: `选址方案-${COUNTY}-township_centre.json`, csv: `选址建议-${COUNTY}-township_centre.csv`, beds: `乡镇床位缺口-${COUNTY}.csv`});
  }, 60_000);

  it("warns that the default plan turns the county's nursing-bed share red (README, 利通区)", () => {
    const ctx = context();
    const run = sitingRun(ctx, sitingPool(ctx, bundle, poolInput()), runInput(ctx));
    const v = sitingPlan(ctx, run, run.bound, "greedy", session()).lightView;
    expect(v.red).toBeGreaterThan(0);
    expect(v.tone).toBe("red");
    expect(v.head).toBe(`注意：采纳本方案会使 ${v.red} 项目标转为红灯`);
    const item = v.items.find((c) => c.indicator === "nursing_share" && c.scope === "county")!;
    expect([item.before, item.after, item.beforeLabel, item.afterLabel]).toEqual(["green", "red", "绿灯", "红灯"]);
    expect(item.values).toMatch(/^\d+\.\d% → \d+\.\d%$/);
    expect(v.items[0].worse).toBe(true); // worst news first
  }, 60_000);

  it("bed table: every township of the county, most gap first, the plan's beds where its sites are, the rest of the gap", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput());
    const plan = sitingPlan(ctx, sitingRun(ctx, pool, runInput(ctx)), {source: "empty"}, "greedy", session());
    const towns = sd.region.townships.filter((t) => t.county_code === COUNTY);
    expect(plan.bedRows.map((r) => r.乡镇).sort()).toEqual(towns.map((t) => t.name).sort());
    const gaps = plan.bedRows.map((r) => r.床位缺口 as number);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(plan.bedRows.reduce((a, r) => a + r.新增床位, 0)).toBe(plan.rows.reduce((a, r) => a + r.beds, 0));
    expect(plan.bedRows.reduce((a, r) => a + r.建议新增处数, 0)).toBe(plan.rows.length);
    for (const r of plan.bedRows) expect(r.剩余缺口).toBe(Math.max(0, (r.床位缺口 as number) - r.新增床位));
    const totalGap = gaps.reduce((a, b) => a + b, 0);
    expect(plan.bedSummary.empty).toBe(false);
    expect(plan.bedSummary.parts[1]).toBe(totalGap.toLocaleString("en-US"));
  }, 60_000);

  it("the map: demand with older people, the tier's serving facilities of the county, one ring per settlement class reached", () => {
    const ctx = context();
    const pool = sitingPool(ctx, bundle, poolInput());
    const run = sitingRun(ctx, pool, runInput(ctx));
    const plan = sitingPlan(ctx, run, run.bound, "greedy", session());
    const pts = sitingMapPoints(ctx, run, plan.rows, new VillageReach(bundle.villages));
    expect(pts.demand.reduce((a, f) => a + Number(f.properties.weight), 0)).toBe(run.demandTotal);
    expect(pts.existing.length).toBe(sd.region.facilities.filter((f) => f.county_code === COUNTY && TIER_OF[f.type] === "township" && SERVING.includes(f.status)).length);
    expect(pts.candidates.length).toBe(run.posed.candidates.length);
    expect(pts.sites.map((s) => s.name)).toEqual(plan.rows.map((r) => r.candidate.name));
    for (const s of pts.sites) {
      expect(s.rings.length).toBeGreaterThan(0);
      expect(s.rings.map((r) => r.radius)).toEqual([...s.rings.map((r) => r.radius)].sort((a, b) => b - a));
    }
  }, 60_000);
});

describe("siting view-model: the page's other paths", () => {
  it("a typed radius or budget it cannot use is named and the default used; a good radius goes into the radii and the scenario", () => {
    const ctx = context();
    const bad = sitingPool(ctx, bundle, poolInput({radiusText: "-5", budgetText: "八百"}));
    expect(bad.warnings).toEqual(["服务半径“-5”无效：应为 1–500000 之间的数字（米），已按默认半径计算。", "预算“八百”不是数字（万元），按不限预算计算。"]);
    expect([bad.radiusOverride, bad.budget]).toEqual([null, null]);
    const good = sitingPool(ctx, bundle, poolInput({radiusText: "１，５００", budgetText: "800"}));
    expect(good.warnings).toEqual([]);
    expect(good.radiusOverride).toBe(1500);
    expect(good.budget).toBe(8_000_000);
    expect(good.radii.township_centre).toEqual({urban: 1500, rural: 1500, pastoral: 1500});
    const run = sitingRun(ctx, good, runInput(ctx));
    const plan = sitingPlan(ctx, run, run.bound, "greedy", session());
    expect(plan.scenario.ops.filter((o) => o.op === "radius").length).toBe(3);
    expect(plan.adoptMessage).toContain("并把乡镇综合养老服务中心服务半径设为 1,500 米");
    expect(plan.kpis[4].note).toMatch(/^预算上限 /);
    expect(plan.rows.reduce((a, r) => a + (r.totalYuan ?? r.costYuan), 0)).toBeLessThanOrEqual(8_000_000);
  }, 60_000);

  it("a build-time run answers only the very same problem", () => {
    const ctx0 = context();
    const pool0 = sitingPool(ctx0, bundle, poolInput());
    const run0 = sitingRun(ctx0, pool0, runInput(ctx0));
    const exact = {status: "optimal" as const, bound: run0.greedy.covered, covered: run0.greedy.covered, ms: {lp: 2, mip: 3}, sites: run0.greedy.sites.map((s) => ({id: run0.posed.candidates[s.candidate].id}))};
    const built: BuiltSiting = {types: ["township_centre"], ks: [3], runs: [{key: run0.key, demand: run0.posed.demand.length, candidates: run0.posed.candidates.length, totalWeight: run0.greedy.totalWeight, exact}]};
    const ctx = context(sd.region.config.siting, built);
    const run = sitingRun(ctx, sitingPool(ctx, bundle, poolInput()), runInput(ctx));
    expect(run.bound).toEqual({source: "build", status: "optimal", bound: exact.bound, covered: exact.covered, ms: 5, siteIds: exact.sites.map((s) => s.id)});
    const gap = gapView(ctx, run, run.bound, run.greedy.covered);
    expect(gap.lead).toEqual({before: "", value: "已是最优方案"});
    expect(gap.how).toBe("理论最优由 HiGHS 混合整数规划精确求解，构建时算好。");
    expect(gap.data).toEqual({gap: 0, bound: exact.bound, covered: run.greedy.covered, ms: 5});
    // another k is another problem
    const other = sitingRun(ctx, sitingPool(ctx, bundle, poolInput()), runInput(ctx, {k: 2}));
    expect(other.bound.source).toBe("pending");
  }, 60_000);

  it("a browser bound above the plan: the gap in %, and the exact solution offered and taken when it covers more", () => {
    const ctx = context();
    const run = sitingRun(ctx, sitingPool(ctx, bundle, poolInput()), runInput(ctx));
    const greedy = run.greedy.covered;
    // a pretend solver answer: a better set (the greedy sites with the last replaced by the best other site)
    const keep = run.greedy.sites.slice(0, -1).map((s) => s.candidate);
    let best = -1, bestCov = -1;
    for (let j = 0; j < run.posed.candidates.length; j++) {
      if (keep.includes(j)) continue;
      const cov = coverageOf(run.posed.problem, [...keep, j]);
      if (cov > bestCov) [best, bestCov] = [j, cov];
    }
    const sites = [...keep, best].map((candidate) => ({candidate, gain: 0, cost: 0}));
    const covered = greedy + 10; // claimed; exactAlternative only compares
    const state = browserBound(run, {status: "time_limit", bound: greedy + 20, covered, sites}, 123.4);
    expect(state).toMatchObject({source: "browser", ms: 123.4, siteIds: sites.map((s) => run.posed.candidates[s.candidate].id)});
    const view = gapView(ctx, run, state, greedy);
    expect(view.data!.gap).toBeCloseTo(100 * relativeGap(greedy, greedy + 20), 12);
    expect(view.lead!.before).toBe("与理论最优相差不超过 ");
    expect(view.text).toContain(`精确最优解可新增覆盖 ${(greedy + 10).toLocaleString("en-US")} 人，可在下方改为采用。`);
    expect(view.how).toBe("理论最优由 HiGHS 混合整数规划1 秒内未完成最优性证明，上界取求解器给出的界，在浏览器内用时 123 毫秒算出。");
    expect(exactAlternative(run, state)).toEqual([...keep, best]);
    expect(exactAlternative(run, browserBound(run, {status: "optimal", bound: greedy, covered: greedy, sites}, 1))).toBeNull();
    const taken = sitingPlan(ctx, run, state, "exact", session());
    expect(taken.choice).toBe("exact");
    expect(taken.chosen.map((s) => s.candidate).sort()).toEqual([...keep, best].sort());
    expect(taken.chosenCovered).toBeCloseTo(bestCov, 9);
    expect(taken.kpis[1].note).toContain("精确最优解");
  }, 60_000);

  it("with a budget, conversions whose cost is not provided stay out unless the planner opts in; their cost reads 未提供", () => {
    const s = sd.region.config.siting as Record<string, unknown>;
    const ctx = context({...s, upgrade_cost_yuan: undefined, upgrade_cost_source: undefined});
    expect(ctx.upgradeSource).toBeNull();
    const pool = sitingPool(ctx, bundle, poolInput({budgetText: "100000"}));
    expect(pool.upgradeYuan).toBeNull();
    // conversions (an existing facility upgraded, an idle asset converted) cost their own works (seed 001: the
    // per-bed subsidy is for new centres only), so without upgrade_cost_yuan their cost is unknown
    const conversions = pool.pool.candidates.filter(isConversion).map((c) => c.id);
    expect(pool.pool.candidates.some((c) => c.source === "upgrade")).toBe(true);
    expect(pool.pool.candidates.some((c) => c.source === "asset")).toBe(true);
    const run = sitingRun(ctx, pool, runInput(ctx));
    expect(run.unknownCost.sort()).toEqual([...conversions].sort());
    expect(run.posed.candidates.some(isConversion)).toBe(false);
    const opted = sitingRun(ctx, pool, runInput(ctx, {includeUnknownCost: true}));
    expect(opted.unknownCost).toEqual([]);
    expect(opted.posed.candidates.filter(isConversion).length).toBe(conversions.length);
    // a plan made only of upgrades: its upgrade and total cost are 未提供, never 0
    const only = sitingRun(ctx, sitingPool(ctx, bundle, poolInput({sources: ["upgrade"]})), runInput(ctx));
    const plan = sitingPlan(ctx, only, {source: "empty"}, "greedy", session());
    expect(plan.rows.length).toBeGreaterThan(0);
    for (const r of plan.table.rows) {
      expect(r.upgrade).toBe(NOT_PROVIDED);
      expect(r.cost).toMatch(new RegExp(` \\+ ${NOT_PROVIDED}$`));
      expect(r.data.upgrade).toBe("unknown");
      expect(r.upgradeTitle).toBe("地区配置未提供提升改造费（config.siting.upgrade_cost_yuan）");
    }
    expect(plan.table.foot.upgrade).toMatch(new RegExp(`^0\\.0 \\+ ${NOT_PROVIDED}$`));
    expect(plan.csvRows.every((r) => r.提升改造费_元 === NOT_PROVIDED && r.估算成本_元 === NOT_PROVIDED)).toBe(true);
    expect(plan.kpis[4].note).toContain(`另有 ${plan.rows.length} 处提升改造费${NOT_PROVIDED}，未计入`);
  }, 60_000);

  it("a region without beds: the bed table says 未提供 for beds, gaps and what is left, never 0", () => {
    const ctx = context(sd.region.config.siting, noBuilt, {...sd.region.meta.absent, facilities: [...(sd.region.meta.absent?.facilities ?? []), "beds"]});
    expect(ctx.hasBeds).toBe(false);
    const pool = sitingPool(ctx, bundle, poolInput());
    const rows = bedTableRows(ctx, pool, []);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.现有床位, r.目标床位, r.床位缺口, r.剩余缺口]).toEqual([NOT_PROVIDED, NOT_PROVIDED, NOT_PROVIDED, NOT_PROVIDED]);
    // older people counted from the villages of each township
    const first = sd.region.townships.find((t) => t.name === rows[0].乡镇 && t.county_code === COUNTY)!;
    expect(rows[0].老年人口).toBe(sd.region.villages.filter((v) => v.township_code === first.code).reduce((a, v) => a + v.pop60, 0));
    const plan = sitingPlan(ctx, sitingRun(ctx, pool, runInput(ctx)), {source: "empty"}, "greedy", session());
    expect(plan.bedSummary.empty).toBe(true);
    expect(plan.bedSummary.parts[0]).toContain(`${NOT_PROVIDED}床位数`);
  }, 60_000);

  it("a bound state without figures gives one sentence and no data", () => {
    const ctx = context();
    const run = sitingRun(ctx, sitingPool(ctx, bundle, poolInput()), runInput(ctx));
    expect(gapView(ctx, run, {source: "empty"}, 0)).toMatchObject({data: null, text: "利通区在乡镇级已没有可由候选场所新增覆盖的60岁以上老人：无需新增设施，或请放宽半径、增加候选。"});
    expect(gapView(ctx, run, {source: "pending", size: {groups: 12, candidates: 3400}}, 0)).toMatchObject({spinner: true, text: "正在浏览器内用 HiGHS 求解理论最优（12 组需求点 × 3,400 个候选）…"});
    expect(gapView(ctx, run, {source: "none", size: {groups: 2000, candidates: 10}}, 0).text).toContain("超过页面内精确求解上限（1,500 组 × 600 个）");
    expect(gapView(ctx, run, {source: "error", message: "boom"}, 0).text).toBe("理论最优界计算失败：boom");
  }, 60_000);
});

describe("screened candidates and the candidate summary", () => {
  const cand = (n: number, name: string) => ({id: `V:${n}`, source: "village" as const, ref: String(n), name, kind: "村", county_code: "1", township_code: "1", lng: 0, lat: 0, area_m2: null});
  it("counts per reason, names at most six (then 等), and says so when the planner included them", () => {
    const screened: ScreenedCandidate[] = [
      ...Array.from({length: 7}, (_, i) => ({candidate: cand(i, `区${i}<b>`), reason: "zone" as const})),
      {candidate: cand(9, "空村"), reason: "no_older"}
    ];
    const v = screenedView(screened, false);
    expect(v.count).toBe(8);
    expect(v.lead).toBe("已按默认规则排除 8 处候选：");
    expect(v.reasons).toEqual([
      {reason: "zone", text: `${SCREEN_REASON_LABEL.zone} 7 处（区0<b>、区1<b>、区2<b>、区3<b>、区4<b>、区5<b> 等）`},
      {reason: "no_older", text: `${SCREEN_REASON_LABEL.no_older} 1 处（空村）`}
    ]);
    expect(screenedView(screened, true)).toMatchObject({count: 8, text: "已包括开发区和无常住老人的地点（取消上方“包括开发区和无常住老人的地点”即按默认规则排除）。"});
    expect(screenedView([], false).text).toMatch(/^按默认规则没有需要排除的候选/);
    expect(candidateSummary("测试县", [cand(1, "a"), cand(2, "b")], 1)).toBe("测试县共有候选场所 2 处（未覆盖村/社区 2，闲置公共资产 0，现有设施提升 0）；已排除 1 处。取消勾选即从选址中排除，建议随之更新。");
  });
});
