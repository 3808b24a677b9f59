/**
 * The siting page's view-model (`/siting`): given the region's files, the selected county's bundle and the planner's
 * inputs, everything the page shows — the problem posed, the greedy run and the bound to compare it with, the plan
 * chosen, its two gains (tier and any tier), the target lights it changes, the screened candidates, the KPI cards,
 * the rows of its tables and CSVs, the map's features. Pure: no DOM, no storage, no HiGHS (the page loads the
 * solver and hands its result to {@link browserBound}); components in `src/components/siting.ts` render it.
 *
 * The page is reactive in stages, so the model is too: {@link SitingContext} (region constants) → {@link sitingPool}
 * (radius, budget, coverage before, candidates; the candidate table reads it) → {@link sitingRun} (the planner's
 * exclusions and limits: the posed problem, greedy, the bound's first state) → {@link sitingPlan} (the bound and the
 * chosen solution: rows, gains, lights, tables).
 */
import type {BedGap, BedParams, BedStandard} from "../plan/beds.js";
import {
  CANDIDATE_SOURCES, SCREEN_REASON_LABEL, SOURCE_LABEL, candidateCostList, candidatePool, problemKey, siteRows, sitingBedParams, sitingDefaults,
  sitingProblem, sitingScenario, upgradeCostYuan, withRadius,
  type Candidate, type CandidatePool, type CandidateSource, type ScreenReason, type ScreenedCandidate, type SiteRow, type SitingProblem, type SitingRecords, type SitingSetup
} from "./candidates.js";
import {VillageReach} from "../engine/circles.js";
import {CoverageEngine, type CoverageResult} from "../engine/coverage.js";
import {SETTLEMENT_LABEL, TIER_LABEL, TIER_OF, TYPE_LABEL} from "../facility-types.js";
import {formatInt, formatNumber, formatPercent, formatYuan, NOT_PROVIDED} from "../view/format.js";
import {provided} from "../plan/metrics.js";
import {LIGHT_LABEL, planLightChanges, type LightChange} from "../plan/plan-lights.js";
import {planGains, type PlanGains} from "./plan-gains.js";
import {SETTLEMENTS} from "../engine/radii.js";
import type {Scenario} from "../engine/scenario.js";
import {parseBudget, parseRadius} from "./siting-inputs.js";
import {rankSites, greedySiting, type SiteChoice, type SitingResult} from "./siting.js";
import {
  capacitatedProblem, capacityContext, capacityGoodOf, capacityRule, capacityUnavailable, existingServedShare, parseSeats, siteCapacity,
  type CapacitatedProblem, type CapacityContext, type CapacityRule, type SitingObjective
} from "./siting-capacity.js";
import type {CapacityGood} from "../engine/access.js";
import {reduceProblem, relativeGap, type ExactResult} from "./siting-exact.js";
import type {Light} from "../plan/targets.js";
import type {AbsentFigures, CandidateSite, Facility, FacilityStatus, FacilityType, Measure, RadiusTable, SettlementClass, Tier, Village} from "../types.js";
import type {WhatIfSession} from "../engine/whatif.js";

/**
 * On-demand exact solves run on the main thread, so they are capped: at most this many demand groups and useful
 * candidates, and a time limit (past it the bound is HiGHS's dual bound). Default-region instances (≤ 90 groups,
 * ≤ 260 candidates) solve in 0.1–0.4 s in Chromium; bench/SITING.md has 1 000 × 200 instances at ≤ 0.5 s in Node.
 */
export const EXACT_LIMIT = {groups: 1500, candidates: 600, seconds: 1} as const;

const ALL_MEASURE_LABEL: Readonly<Record<Measure, string>> = {pop60: "60岁以上老人", pop65: "65岁以上老人", pop80: "80岁以上高龄老人", disabled: "失能/半失能老人"};

// ---------------------------------------------------------------------------------------------------------------
// what the page reads (the parts of region.json, results.json, siting.json and a county bundle the model uses)

export interface SitingRegion {
  meta: {id: string; data_date: string; evaluation_date?: string; measure?: Measure; serving: readonly FacilityStatus[]; absent?: AbsentFigures};
  config: {radii: RadiusTable; siting?: unknown};
  counties: readonly {code: string; name: string}[];
  townships: readonly {code: string; name: string; county_code: string; settlement: SettlementClass}[];
}

export interface SitingResults {
  beds: readonly BedGap[];
  bed_standards: Readonly<Record<string, BedStandard>>;
}

/** One build-time run (src/data/siting.json.ts): the problem's key and sizes, and its exact solve. */
export interface BuiltRun {
  key: string;
  demand: number;
  candidates: number;
  totalWeight: number;
  exact: {status: ExactResult["status"]; bound: number; covered: number; ms: {lp: number; mip: number}; sites: readonly {id: string}[]};
}

export interface BuiltSiting {
  types: readonly FacilityType[];
  ks: readonly number[];
  runs: readonly BuiltRun[];
}

/** The county's records: its bundle's villages, facilities (with neighbours' that reach in) and candidate sites. */
export interface SitingBundle {
  villages: readonly Village[];
  facilities: readonly Facility[];
  candidates?: readonly CandidateSite[];
}

// ---------------------------------------------------------------------------------------------------------------
// stage 0: region constants

/** The region's constants the page needs before any input: names, measures offered, bed parameters, defaults. */
export class SitingContext {
  readonly region: SitingRegion;
  readonly results: SitingResults;
  readonly built: BuiltSiting;
  readonly params: BedParams;
  /** measures offered: a measure the region does not provide (region.json "absent") would read as 0 people */
  readonly measureLabel: Readonly<Partial<Record<Measure, string>>>;
  readonly defaultCounty: string | undefined;
  /** where the upgrade costs come from (config.siting.upgrade_cost_source), null when not given */
  readonly upgradeSource: string | null;
  /** beds are provided (region.json "absent" does not name them) */
  readonly hasBeds: boolean;
  readonly gapByTownship: ReadonlyMap<string, BedGap>;
  /** the capacitated objective's figures: standards, station capacities, default meal seats (config.access, config.whatif_capacity) */
  readonly capacity: CapacityContext;
  private readonly countyNames: ReadonlyMap<string, string>;
  private readonly townshipNames: ReadonlyMap<string, string>;
  private readonly townshipSettlement: ReadonlyMap<string, SettlementClass>;

  constructor(region: SitingRegion, results: SitingResults, built: BuiltSiting) {
    this.region = region;
    this.results = results;
    this.built = built;
    this.params = sitingBedParams(region.config.siting as Parameters<typeof sitingBedParams>[0]);
    this.countyNames = new Map(region.counties.map((c) => [c.code, c.name]));
    this.townshipNames = new Map(region.townships.map((t) => [t.code, t.name]));
    this.townshipSettlement = new Map(region.townships.map((t) => [t.code, t.settlement]));
    this.gapByTownship = new Map(results.beds.map((b) => [b.township_code, b]));
    this.measureLabel = Object.fromEntries(Object.entries(ALL_MEASURE_LABEL).filter(([m]) => provided(region.meta.absent, "villages", m)));
    this.defaultCounty = this.countyNames.has("640302") ? "640302" : region.counties[0]?.code;
    const s = region.config.siting as {upgrade_cost_source?: unknown} | undefined;
    this.upgradeSource = typeof s?.upgrade_cost_source === "string" ? s.upgrade_cost_source : null;
    this.hasBeds = provided(region.meta.absent, "facilities", "beds");
    this.capacity = capacityContext(region.config as Record<string, unknown>, results.bed_standards);
  }

  countyName(code: string): string {
    return this.countyNames.get(code) ?? code;
  }

  townshipName(code: string): string {
    return this.townshipNames.get(code) ?? code;
  }

  settlementOf(township: string): SettlementClass | undefined {
    return this.townshipSettlement.get(township);
  }

  /** The measure the page starts on: the region's, else pop60. */
  get defaultMeasure(): Measure {
    return this.region.meta.measure ?? "pop60";
  }

  /** Defaults that depend on the facility type: sites per township, beds per site, and the radius hint. */
  typeDefaults(type: FacilityType): {maxPerTownship: number; bedCap: number; radiusHint: string} {
    const d = sitingDefaults(type, this.params);
    return {
      maxPerTownship: d.maxPerTownship ?? 0,
      bedCap: d.bedCap,
      radiusHint: SETTLEMENTS.map((s) => `${SETTLEMENT_LABEL[s]} ${formatInt(this.region.config.radii[type][s])}`).join(" / ")
    };
  }

  /** "床位标准：每千名60岁以上老人 35 张，目标 …，<source>" */
  bedStandardText(county: string): string {
    const s = this.results.bed_standards[county];
    if (!s) return `床位标准：${NOT_PROVIDED}`;
    return `床位标准：每千名60岁以上老人 ${formatNumber(s.per1000, Number.isInteger(s.per1000) ? 0 : 1)} 张，${s.target_id ? `目标 ${s.target_id}，` : ""}${s.source}`;
  }

  /** A township's bed gap (0 when unknown), as candidate costs and site rows read it. */
  gapOf = (township: string): number => this.gapByTownship.get(township)?.gap ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// stage 1: the pool of candidates

export interface PoolInput {
  county: string;
  type: FacilityType;
  measure: Measure;
  sources: readonly CandidateSource[];
  includeUnlikely: boolean;
  /** the radius and budget fields as typed */
  radiusText: string;
  budgetText: string;
}

export interface SitingPool {
  input: PoolInput;
  /** typed values that are not used, each naming the field and what it expects */
  warnings: string[];
  /** the planner's radius (metres), null = the region's */
  radiusOverride: number | null;
  /** yuan, null = no budget */
  budget: number | null;
  tier: Tier;
  radii: RadiusTable;
  /** coverage of the bundle's villages before any new site, with the planner's radius */
  before: CoverageResult;
  records: SitingRecords;
  setup: SitingSetup;
  /** candidates (screened unless includeUnlikely) and those screened out */
  pool: CandidatePool;
  /** what one upgrade to the type costs, null = 未提供 */
  upgradeYuan: number | null;
}

/** Parse the typed fields, count coverage with the planner's radius and list the county's candidates. */
export function sitingPool(ctx: SitingContext, bundle: SitingBundle, input: PoolInput): SitingPool {
  const radiusParsed = parseRadius(input.radiusText);
  const budgetParsed = parseBudget(input.budgetText);
  const radiusOverride = radiusParsed.value;
  const tier = TIER_OF[input.type];
  const radii = withRadius(ctx.region.config.radii, input.type, radiusOverride);
  const statuses = ctx.region.meta.serving;
  // the same engine as the build, here with the planner's radius: who is left outside every circle of the tier
  const before = new CoverageEngine(bundle.villages, bundle.facilities, radii, {statuses}).result();
  const records: SitingRecords = {villages: bundle.villages, facilities: bundle.facilities, assets: bundle.candidates ?? []};
  const setup: SitingSetup = {
    county: input.county, type: input.type, measure: input.measure, radii, tierCount: before.tiers[tier].count,
    sources: input.sources, statuses, includeUnlikely: input.includeUnlikely
  };
  return {
    input,
    warnings: [radiusParsed.warning, budgetParsed.warning].filter((w): w is string => w !== null),
    radiusOverride,
    budget: budgetParsed.value,
    tier,
    radii,
    before,
    records,
    setup,
    pool: candidatePool(records, setup),
    upgradeYuan: upgradeCostYuan(ctx.region.config.siting, input.type)
  };
}

// ---------------------------------------------------------------------------------------------------------------
// stage 2: the problem and the greedy run

export interface RunInput {
  k: number;
  /** 0 = no limit */
  maxPer: number;
  bedCap: number;
  /** with a budget, keep candidates whose upgrade cost is not provided (only their bed subsidy counts) */
  includeUnknownCost: boolean;
  /** candidate ids the planner unticked */
  excluded: ReadonlySet<string>;
  /** what is optimised (default "cover": older people covered) */
  objective?: SitingObjective;
  /** meal seats per new canteen / meal site as typed ("" = the type's default); read with the capacitated objective */
  seatsText?: string;
}

/** What the bound says, or where it stands: the page shows one sentence per state. */
export type BoundState =
  | {source: "empty"}
  | {source: "capacity"}
  | {source: "build" | "browser"; status: ExactResult["status"]; bound: number; covered: number; ms: number; siteIds: string[]}
  | {source: "none" | "pending"; size: {groups: number; candidates: number}}
  | {source: "error"; message: string};

export interface SitingRun {
  pool: SitingPool;
  input: RunInput;
  excluded: ReadonlySet<string>;
  /** candidates left out of a budgeted plan because their upgrade cost is not provided */
  unknownCost: string[];
  maxPerTownship: number | null;
  posed: SitingProblem;
  greedy: SitingResult;
  greedyMs: number;
  key: string;
  /** the build-time run of the very same problem, if any */
  builtRun: BuiltRun | null;
  /** older people of the tier's uncovered villages (the demand) */
  demandTotal: number;
  /** older people of the county by the measure */
  countyTotal: number;
  /** the bound from the data alone: empty, from the build, too big for the page, or to solve ("pending"); "capacity" when
   *  the capacitated objective is in force (the exact MIP models covering only) */
  bound: BoundState;
  /** the objective in force ("cover" when the planner asked for "serve" but it cannot be posed, see capacityNote) */
  objective: SitingObjective;
  /** the capacitated problem (objective "serve"), else null */
  capacitated: CapacitatedProblem | null;
  /** the capacity rule for the type (null for a type without a good), shown next to the control */
  capacityRule: CapacityRule | null;
  /** why "serve" was not used, or null */
  capacityNote: string | null;
  /** typed capacity values that are not used (meal seats) */
  warnings: string[];
}

/** Pose the problem with the planner's exclusions and limits, run greedy + swap, and say where the bound comes from. */
export function sitingRun(ctx: SitingContext, p: SitingPool, input: RunInput): SitingRun {
  const {county, type} = p.input;
  const all = p.pool.candidates;
  const excluded = new Set(all.filter((c) => input.excluded.has(c.id)).map((c) => c.id));
  const maxPerTownship = input.maxPer > 0 ? input.maxPer : null;
  const {params, gapOf} = ctx;
  // with a budget, a candidate whose cost is not provided is left out unless the planner opts in (then only its
  // known part, the bed subsidy, counts against the budget): never costed 0 by accident
  const unknownCost = p.budget === null || input.includeUnknownCost
    ? []
    : candidateCostList(all, gapOf, input.bedCap, params, p.upgradeYuan).flatMap((c, j) => (c.totalYuan === null && !excluded.has(all[j].id) ? [all[j].id] : []));
  const budget = p.budget;
  const posed = sitingProblem(p.records, {...p.setup, excluded: new Set([...excluded, ...unknownCost])}, (cands) => ({
    k: input.k,
    ...(maxPerTownship === null ? {} : {maxPerTownship}),
    ...(budget === null ? {} : {budget, cost: Float64Array.from(candidateCostList(cands, gapOf, input.bedCap, params, p.upgradeYuan), (c) => c.totalYuan ?? c.bedYuan)})
  }));
  // the capacitated objective (issue 18): same demand points, candidates and limits; weights the need left unserved
  const seats = parseSeats(input.seatsText);
  const isMeal = capacityGoodOf(type) === "meals";
  const m = p.input.measure;
  const rule = capacityRule(ctx.capacity, type, county, input.bedCap, isMeal ? seats.value : null, ctx.bedStandardText(county), m === "pop60" ? null : ctx.measureLabel[m] ?? m);
  const capacityNote = input.objective === "serve" ? capacityUnavailable(type, ctx.hasBeds) : null;
  const objective: SitingObjective = input.objective === "serve" && capacityNote === null ? "serve" : "cover";
  const capacitated = objective === "serve" && rule
    ? capacitatedProblem(posed, p.records.villages, p.input.measure, rule.good, ctx.capacity, existingShare(ctx, p, rule.good), siteCapacity(ctx.capacity, type, input.bedCap, ctx.gapOf, rule.seats))
    : null;
  const g0 = performance.now();
  const greedy = greedySiting(capacitated ? capacitated.problem : posed.problem);
  const greedyMs = performance.now() - g0;
  const key = problemKey({
    county, type, k: input.k, measure: p.input.measure, radius: p.radiusOverride, sources: p.input.sources, excluded: [...excluded, ...unknownCost],
    includeUnlikely: p.input.includeUnlikely, maxPerTownship, budget, bedCap: input.bedCap, subsidyPerBedYuan: params.subsidyPerBedYuan,
    ...(capacitated ? {objective: "serve" as const} : {})
  });
  let demandTotal = 0;
  for (let k = 0; k < posed.problem.weights.length; k++) demandTotal += posed.problem.weights[k];
  // a build-time run answers only the very same problem (same key, same demand and candidates); the build poses covering only
  const builtRun = capacitated ? null : ctx.built.runs.find((r) => r.key === key && r.demand === posed.demand.length && r.candidates === posed.candidates.length && Math.abs(r.totalWeight - greedy.totalWeight) < 1e-6) ?? null;
  const measure = p.input.measure;
  const countyTotal = p.records.villages.reduce((a, v) => a + (v.county_code === county ? v[measure] : 0), 0);
  return {
    pool: p, input, excluded, unknownCost, maxPerTownship, posed, greedy, greedyMs, key, builtRun,
    demandTotal, countyTotal, bound: capacitated ? {source: "capacity"} : firstBound(greedy, builtRun, posed),
    objective, capacitated, capacityRule: rule, capacityNote, warnings: objective === "serve" && isMeal && seats.warning ? [seats.warning] : []
  };
}

/** Existing facilities' served share per village of the bundle, once per pool and good (the pool fixes radii and facilities). */
const shareCache = new WeakMap<SitingPool, Map<CapacityGood, Float64Array | null>>();
function existingShare(ctx: SitingContext, p: SitingPool, good: CapacityGood): Float64Array | null {
  let byGood = shareCache.get(p);
  if (!byGood) shareCache.set(p, (byGood = new Map()));
  if (!byGood.has(good)) {
    const absent = ctx.region.meta.absent;
    byGood.set(good, existingServedShare(p.records.villages, p.records.facilities, p.radii, good, ctx.capacity, {statuses: ctx.region.meta.serving, ...(absent ? {absent} : {})}));
  }
  return byGood.get(good)!;
}

function firstBound(greedy: SitingResult, builtRun: BuiltRun | null, posed: SitingProblem): BoundState {
  if (greedy.sites.length === 0) return {source: "empty"};
  if (builtRun) {
    const {status, bound, covered, ms, sites} = builtRun.exact;
    return {source: "build", status, bound, covered, ms: ms.lp + ms.mip, siteIds: sites.map((x) => x.id)};
  }
  const size = reducedSize(posed);
  if (size.groups > EXACT_LIMIT.groups || size.candidates > EXACT_LIMIT.candidates) return {source: "none", size};
  return {source: "pending", size};
}

/** The size HiGHS would see: demand groups and useful candidates (reduceProblem). */
function reducedSize(posed: SitingProblem): {groups: number; candidates: number} {
  const r = reduceProblem(posed.problem);
  return {groups: r.weights.length, candidates: r.candidates.length};
}

/** The bound state after the page's HiGHS solve (`exactSiting` on `run.posed.problem`, timed by the page). */
export function browserBound(run: SitingRun, r: Pick<ExactResult, "status" | "bound" | "covered" | "sites">, ms: number): BoundState {
  return {source: "browser", status: r.status, bound: r.bound, covered: r.covered, ms, siteIds: r.sites.map((x) => run.posed.candidates[x.candidate].id)};
}

/**
 * The exact solution's candidates when it covers more than greedy + swap (the planner may then take it), else null.
 */
export function exactAlternative(run: SitingRun, bound: BoundState): number[] | null {
  if (!("siteIds" in bound) || !(bound.covered > run.greedy.covered + 1e-9)) return null;
  const index = new Map(run.posed.candidates.map((c, j) => [c.id, j]));
  return bound.siteIds.map((id) => index.get(id)).filter((j): j is number => j !== undefined);
}

/** The label of each choice of the 采用方案 radio. */
export function choiceLabel(run: SitingRun, bound: BoundState, choice: "greedy" | "exact"): string {
  return choice === "greedy"
    ? `建议解（贪心加交换，新增覆盖 ${formatInt(run.greedy.covered)} 人）`
    : `精确最优解（新增覆盖 ${formatInt("covered" in bound ? bound.covered : NaN)} 人）`;
}

// ---------------------------------------------------------------------------------------------------------------
// stage 3: the chosen plan and everything shown about it

/** The sentence on how far the plan is from the best possible. */
export interface GapView {
  source: BoundState["source"];
  /** spinner before the text (pending) */
  spinner: boolean;
  /** a bold lead (the gap), or null */
  lead: {before: string; value: string} | null;
  text: string;
  /** how and where the bound was computed, or null */
  how: string | null;
  /** data-* figures for tests and tools: gap (%), bound, covered, ms */
  data: {gap: number; bound: number; covered: number; ms: number} | null;
}

export interface KpiCard {
  label: string;
  value: string;
  note: string;
  id?: string;
  /** data-* attributes on the value */
  data: Record<string, string | number>;
}

/** One row of the suggested-sites table, formatted; `data` carries the figures behind the cells. */
export interface SiteTableRow {
  rank: number;
  name: string;
  sourceKind: string;
  /** the existing floor area is below the floor area the beds need */
  areaShort: boolean;
  township: string;
  gain: string;
  beds: string;
  area: string;
  subsidy: string;
  upgrade: string;
  upgradeTitle: string;
  cost: string;
  townshipGap: string;
  /** capacitated objective: the site's capacity ("30 张床位") and the older people it serves, else null */
  capacity: string | null;
  served: string | null;
  data: {gain: number; subsidy: number; upgrade: number | "unknown"; cost: number; costKnown: boolean; capacity?: number; served?: number};
}

export interface SiteTableFoot {
  count: number;
  total: number;
  gain: string;
  beds: string;
  area: string;
  subsidy: string;
  upgrade: string;
  cost: string;
  /** capacitated objective: totals of capacity and served (servedTotal the unrounded figure), else null */
  capacity: string | null;
  served: string | null;
  servedTotal: number | null;
}

/** Which lights adopting the plan changes, worst news first. */
export interface LightChangesView {
  changes: number;
  red: number;
  worse: number;
  /** the box is left empty (no plan) */
  empty: boolean;
  /** no light changes: one quiet sentence */
  none: string | null;
  tone: "red" | "amber" | "green" | null;
  head: string;
  context: string;
  items: {indicator: string; scope: string; name: string; before: Light; after: Light; worse: boolean; unit: string; role: string; label: string; beforeLabel: string; afterLabel: string; values: string; why: string}[];
  note: string;
}

/** The 乡镇床位缺口 table's row (also its CSV); figures not provided are 未提供, never 0. */
export interface BedTableRow {
  乡镇: string;
  老年人口: number;
  现有床位: number | string;
  目标床位: number | string;
  床位缺口: number | string;
  建议新增处数: number;
  新增床位: number;
  床位补助: number;
  剩余缺口: number | string;
}

export interface ScreenedView {
  count: number;
  /** the whole text when there is no per-reason list */
  text: string | null;
  lead: string;
  reasons: {reason: ScreenReason; text: string}[];
  tail: string;
}

export interface SitingPlan {
  run: SitingRun;
  choice: "greedy" | "exact";
  /** chosen sites, ranked; `gain` is each one's newly covered older people given those before it */
  chosen: SiteChoice[];
  chosenCovered: number;
  /** capacitated objective: older people newly served (the maximum flow of the chosen sites), else null */
  chosenServed: number | null;
  /** capacitated objective, per row: its capacity and the older people it serves (the flow when opened in rank order) */
  capacityRows: {capacity: number; served: number}[] | null;
  gains: PlanGains;
  rows: SiteRow[];
  scenario: Scenario;
  lights: LightChange[];
  gap: GapView;
  kpis: KpiCard[];
  table: {rows: SiteTableRow[]; foot: SiteTableFoot};
  csvRows: Record<string, string | number>[];
  lightView: LightChangesView;
  bedRows: BedTableRow[];
  /** the sentence above the bed table: [text before, bold figure, …] pieces, bold every odd index */
  bedSummary: {empty: boolean; parts: string[]};
  screened: ScreenedView;
  candidateSummary: string;
  adoptMessage: string;
  files: {json: string; csv: string; beds: string};
}

/**
 * The plan shown: greedy + swap, or the exact solution when the planner took it; its rows, gains, lights and tables.
 * @param session the explorer's model over the same bundle (planLightChanges drives it)
 */
export function sitingPlan(ctx: SitingContext, run: SitingRun, bound: BoundState, choice: "greedy" | "exact", session: WhatIfSession): SitingPlan {
  const p = run.pool;
  const {county, type, measure} = p.input;
  const serve = run.capacitated;
  const exact = choice === "exact" && !serve ? exactAlternative(run, bound) : null;
  // capacitated: the greedy sites are ranked by served; each one's served is its marginal flow, which is what it sends
  // in the maximum flow opened in rank order (augmenting from a new site never lowers an earlier site's outflow)
  const chosen = serve ? coveredInOrder(run.posed.problem.weights, run.posed.problem.cover, run.greedy.sites) : exact ? rankSites(run.posed.problem, exact) : run.greedy.sites;
  const capacityRows = serve ? run.greedy.sites.map((x) => ({capacity: serve.capacity[x.candidate], served: x.gain})) : null;
  const chosenServed = capacityRows ? capacityRows.reduce((a, r) => a + r.served, 0) : null;
  const used = exact ? "exact" : "greedy";
  const chosenCovered = chosen.reduce((a, x) => a + x.gain, 0);
  // the two counts the explorer shows after adoption: the tier gain (optimised) and the any-tier gain (服务圈覆盖)
  const gains = planGains(run.posed, chosen, p.records.villages, p.before, measure);
  const rows = siteRows(chosen, run.posed.candidates, ctx.gapByTownship, run.input.bedCap, ctx.params, p.upgradeYuan);
  const mealSeats = serve ? run.capacityRule?.seats ?? null : null;
  const scenario = sitingScenario(ctx.region.meta.id, rows, type, p.radiusOverride, {name: `选址建议：${ctx.countyName(county)} ${TYPE_LABEL[type]} ${rows.length} 处`, ...(mealSeats !== null ? {mealSeats} : {})});
  // the county's lights before and after adopting the plan, judged as the explorer judges them
  const lights = planLightChanges(session, county, scenario.ops).changes;
  const bedRows = bedTableRows(ctx, p, rows);
  return {
    run, choice: used, chosen, chosenCovered, chosenServed, capacityRows, gains, rows, scenario, lights,
    gap: gapView(ctx, run, bound, chosenCovered, chosenServed),
    kpis: kpiCards(ctx, run, rows, chosenCovered, gains, used, capacityRows),
    table: siteTable(ctx, rows, chosenCovered, capacityRows, run.capacityRule?.unit),
    csvRows: siteCsvRows(ctx, rows, capacityRows),
    lightView: lightChangesView(ctx.countyName(county), lights, rows, mealSeats),
    bedRows,
    bedSummary: bedSummary(ctx, county, bedRows),
    screened: screenedView(p.pool.screened, p.input.includeUnlikely),
    candidateSummary: candidateSummary(ctx.countyName(county), p.pool.candidates, run.excluded.size),
    adoptMessage: `已写入模拟方案（${rows.length} 处新设施，按“建成运营”计入模拟${p.radiusOverride === null ? "" : `，并把${TYPE_LABEL[type]}服务半径设为 ${formatInt(p.radiusOverride)} 米`}）。`,
    files: {json: `选址方案-${county}-${type}.json`, csv: `选址建议-${county}-${type}.csv`, beds: `乡镇床位缺口-${county}.csv`}
  };
}

/**
 * Each site's newly covered weight given the sites before it, in the given order (the covering figure of a plan ranked
 * by another objective); the gains sum to the weight the sites cover.
 */
export function coveredInOrder(weights: ArrayLike<number>, cover: readonly Int32Array[], sites: readonly SiteChoice[]): SiteChoice[] {
  const hit = new Uint8Array(weights.length);
  return sites.map((x) => {
    let gain = 0;
    for (const i of cover[x.candidate]) {
      if (hit[i]) continue;
      hit[i] = 1;
      gain += weights[i];
    }
    return {...x, gain};
  });
}

/** How far the chosen plan can be from the best possible, by the bound's state. */
export function gapView(ctx: SitingContext, run: SitingRun, state: BoundState, chosenCovered: number, chosenServed: number | null = null): GapView {
  const {county, measure} = run.pool.input;
  const base = {source: state.source, spinner: false, lead: null, how: null, data: null};
  switch (state.source) {
    case "capacity": {
      const rule = run.capacityRule;
      const who = rule?.needLabel ?? "老人";
      const how = "计容量目标下不计算理论最优界：HiGHS 精确求解只建模覆盖问题（不含容量），“采用精确最优解”不适用。建议为贪心加交换（1-swap 局部最优）的结果，无最优性保证；不设预算和每乡镇上限时，贪心部分不低于最优的 1 − 1/e ≈ 63%。";
      if (run.greedy.sites.length === 0) return {...base, how, text: `${ctx.countyName(county)}在${TIER_LABEL[run.pool.tier]}没有可由候选场所新服务的${who}：服务圈外的需求已由现有设施服务，或新设施容量为 0。`};
      return {...base, how, lead: {before: "按可服务人数（计容量）选址：", value: `新可服务 ${formatInt(chosenServed ?? 0)} 人`}, text: `（${who}），同时新覆盖${ctx.measureLabel[measure] ?? measure} ${formatInt(chosenCovered)} 人。`};
    }
    case "empty":
      return {...base, text: `${ctx.countyName(county)}在${TIER_LABEL[run.pool.tier]}已没有可由候选场所新增覆盖的${ctx.measureLabel[measure] ?? measure}：无需新增设施，或请放宽半径、增加候选。`};
    case "pending":
      return {...base, spinner: true, text: `正在浏览器内用 HiGHS 求解理论最优（${formatInt(state.size.groups)} 组需求点 × ${formatInt(state.size.candidates)} 个候选）…`};
    case "none":
      return {...base, text: `本次参数下未计算理论最优界：问题规模（${formatInt(state.size.groups)} 组需求点 × ${formatInt(state.size.candidates)} 个候选）超过页面内精确求解上限（${formatInt(EXACT_LIMIT.groups)} 组 × ${formatInt(EXACT_LIMIT.candidates)} 个）。建议为贪心加交换的结果，无最优性保证。`};
    case "error":
      return {...base, text: `理论最优界计算失败：${state.message}`};
  }
  const gap = 100 * relativeGap(chosenCovered, state.bound);
  const where = state.source === "build" ? "构建时算好" : `在浏览器内用时 ${formatInt(state.ms)} 毫秒算出`;
  const how = state.status === "time_limit" ? `${EXACT_LIMIT.seconds} 秒内未完成最优性证明，上界取求解器给出的界` : "精确求解";
  const data = {gap, bound: state.bound, covered: chosenCovered, ms: state.ms};
  const howText = `理论最优由 HiGHS 混合整数规划${how}，${where}。`;
  if (gap < 1e-9) {
    return {...base, data, how: howText, lead: {before: "", value: "已是最优方案"}, text: `：任何 ${formatInt(run.input.k)} 处选址都不能比本建议新增覆盖更多老人（本方案新增覆盖 ${formatInt(chosenCovered)} 人）。`};
  }
  const better = state.covered > chosenCovered + 1e-9 ? ` 精确最优解可新增覆盖 ${formatInt(state.covered)} 人，可在下方改为采用。` : "";
  return {
    ...base, data, how: howText,
    lead: {before: "与理论最优相差不超过 ", value: `${gap.toFixed(2)}%`},
    text: `：最多可新增覆盖 ${formatInt(state.bound)} 人，本方案新增覆盖 ${formatInt(chosenCovered)} 人。${better}`
  };
}

const share = (a: number, b: number) => formatPercent(b > 0 ? a / b : NaN);

/** The five KPI cards above the map (six with the capacitated objective: 新可服务 after 新增覆盖). */
export function kpiCards(ctx: SitingContext, run: SitingRun, rows: readonly SiteRow[], chosenCovered: number, gains: PlanGains, choice: "greedy" | "exact", capacityRows: readonly {capacity: number; served: number}[] | null = null): KpiCard[] {
  const {tier, budget} = run.pool;
  const tierLabel = TIER_LABEL[tier];
  const measureLabel = ctx.measureLabel[run.pool.input.measure] ?? run.pool.input.measure;
  const knownCost = rows.reduce((a, r) => a + (r.totalYuan ?? r.costYuan), 0);
  const unknown = rows.filter((r) => r.totalYuan === null).length;
  const cap = run.capacitated, rule = run.capacityRule;
  const servedCard: KpiCard[] = [];
  if (cap && rule && capacityRows) {
    const served = capacityRows.reduce((a, r) => a + r.served, 0);
    const capacity = capacityRows.reduce((a, r) => a + r.capacity, 0);
    // the need still unserved in the villages the plan reaches: what the sites could serve with unlimited capacity
    const hit = new Uint8Array(cap.weights.length);
    let reachNeed = 0;
    for (const s of run.greedy.sites) {
      for (const i of cap.problem.cover[s.candidate]) {
        if (hit[i]) continue;
        hit[i] = 1;
        reachNeed += cap.weights[i];
      }
    }
    servedCard.push({
      id: "cc-siting-served", label: `新可服务（计容量）`, value: `${formatInt(served)} 人`, data: {served, reachNeed, capacity},
      note: `新覆盖村/社区中尚未被服务的${rule.needLabel} ${formatInt(reachNeed)} 人的 ${share(served, reachNeed)}；新设施容量合计 ${formatInt(capacity)} ${rule.unit}${rule.assumed ? "（规划假设）" : ""}`
    });
  }
  return [
    {label: `${tierLabel}未覆盖的${measureLabel}`, value: `${formatInt(run.demandTotal)} 人`, note: `占全县 ${share(run.demandTotal, run.countyTotal)} · ${formatInt(run.posed.demand.length)} 个村/社区`, data: {}},
    {
      label: `建议 ${rows.length} 处新增覆盖`, value: `${formatInt(chosenCovered)} 人`, data: {totalGain: chosenCovered},
      note: `未覆盖者的 ${share(chosenCovered, run.demandTotal)} · ${choice === "exact" ? "精确最优解" : `贪心加交换 ${run.greedyMs.toFixed(1)} 毫秒`}${cap ? " · 按可服务人数选址" : ""}`
    },
    ...servedCard,
    {
      id: "cc-siting-any", label: "其中此前无任何设施覆盖", value: `${formatInt(gains.any)} 人`, data: {anyGain: gains.any, tierGain: gains.tier},
      note: `${tierLabel}层级 +${formatInt(gains.tier)} 人；服务圈覆盖（任一层级）+${formatInt(gains.any)} 人${gains.tier > gains.any ? `，其余 ${formatInt(gains.tier - gains.any)} 人已由其他层级设施覆盖` : ""}。采用后覆盖分析页显示同样两个数。`
    },
    {label: "新建床位 / 建筑面积", value: `${formatInt(rows.reduce((a, r) => a + r.beds, 0))} 张`, note: `${formatInt(rows.reduce((a, r) => a + r.areaM2, 0))} m²`, data: {}},
    {
      label: "估算成本（床位补助 + 提升改造）", value: formatYuan(knownCost), data: {knownCost},
      note: `${budget === null ? "未设预算上限" : `预算上限 ${formatYuan(budget)}`}${unknown ? `；另有 ${unknown} 处提升改造费${NOT_PROVIDED}，未计入` : ""}`
    }
  ];
}

/** Money in 万元, one decimal (412.5 for a 4 125 000 yuan upgrade): the unit is in the column header. */
export const wan = (yuan: number): string => formatNumber(yuan / 1e4, 1);

/**
 * The suggested sites as the table shows them, and the totals row.
 * @param capacityRows capacitated objective: each row's capacity and older people served (aligned with rows), else null
 * @param unit the capacity's unit (张床位, 座, 人)
 */
export function siteTable(ctx: SitingContext, rows: readonly SiteRow[], chosenCovered: number, capacityRows: readonly {capacity: number; served: number}[] | null = null, unit = ""): {rows: SiteTableRow[]; foot: SiteTableFoot} {
  const sum = (f: (r: SiteRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const missing = (some: boolean) => (some ? ` + ${NOT_PROVIDED}` : "");
  const servedTotal = capacityRows ? capacityRows.reduce((a, r) => a + r.served, 0) : null;
  return {
    rows: rows.map((r, i) => {
      const c = r.candidate;
      const cr = capacityRows?.[i];
      return {
        capacity: cr ? `${formatInt(cr.capacity)} ${unit}` : null, served: cr ? formatInt(cr.served) : null,
        rank: r.rank, name: c.name, sourceKind: `${SOURCE_LABEL[c.source]} · ${c.kind}`, areaShort: c.area_m2 !== null && c.area_m2 < r.areaM2,
        township: ctx.townshipName(c.township_code), gain: formatInt(r.gain), beds: formatInt(r.beds), area: formatInt(r.areaM2), subsidy: wan(r.costYuan),
        upgrade: r.upgradeYuan === null ? NOT_PROVIDED : c.source === "upgrade" ? wan(r.upgradeYuan) : "—",
        upgradeTitle: c.source === "upgrade" ? ctx.upgradeSource ?? "地区配置未提供提升改造费（config.siting.upgrade_cost_yuan）" : "新建或改建：无提升改造费",
        cost: r.totalYuan === null ? `${wan(r.costYuan)} + ${NOT_PROVIDED}` : wan(r.totalYuan),
        townshipGap: formatInt(r.townshipGap),
        data: {gain: r.gain, subsidy: r.costYuan, upgrade: r.upgradeYuan ?? "unknown", cost: r.totalYuan ?? r.costYuan, costKnown: r.totalYuan !== null, ...(cr ? {capacity: cr.capacity, served: cr.served} : {})}
      };
    }),
    foot: {
      count: rows.length, total: chosenCovered, servedTotal,
      capacity: capacityRows ? `${formatInt(capacityRows.reduce((a, r) => a + r.capacity, 0))} ${unit}` : null, served: servedTotal === null ? null : formatInt(servedTotal), gain: formatInt(sum((r) => r.gain)), beds: formatInt(sum((r) => r.beds)), area: formatInt(sum((r) => r.areaM2)),
      subsidy: wan(sum((r) => r.costYuan)),
      upgrade: `${wan(sum((r) => r.upgradeYuan ?? 0))}${missing(rows.some((r) => r.upgradeYuan === null))}`,
      cost: `${wan(sum((r) => r.totalYuan ?? r.costYuan))}${missing(rows.some((r) => r.totalYuan === null))}`
    }
  };
}

/** The suggestion table's CSV: unrounded yuan, 未提供 where the region gives no upgrade cost; 容量 and 可服务老人 with the capacitated objective. */
export function siteCsvRows(ctx: SitingContext, rows: readonly SiteRow[], capacityRows: readonly {capacity: number; served: number}[] | null = null): Record<string, string | number>[] {
  return rows.map((r, i) => ({
    排名: r.rank, 选址: r.candidate.name, 来源: SOURCE_LABEL[r.candidate.source], 现状: r.candidate.kind,
    乡镇: ctx.townshipName(r.candidate.township_code), 经度: r.candidate.lng, 纬度: r.candidate.lat,
    新增覆盖老人: r.gain, ...(capacityRows ? {容量: capacityRows[i].capacity, 可服务老人: capacityRows[i].served} : {}), 新建床位: r.beds, 建筑面积_m2: r.areaM2, 床位补助_元: r.costYuan,
    提升改造费_元: r.upgradeYuan === null ? NOT_PROVIDED : r.upgradeYuan, 估算成本_元: r.totalYuan === null ? NOT_PROVIDED : r.totalYuan, 乡镇床位缺口: r.townshipGap
  }));
}

/** Which target lights the plan changes (src/lib/plan/plan-lights.ts), as the page words them. */
export function lightChangesView(countyName: string, changes: readonly LightChange[], rows: readonly SiteRow[], mealSeats: number | null = null): LightChangesView {
  const red = changes.filter((c) => c.worse && c.after === "red").length;
  const worse = changes.filter((c) => c.worse).length;
  const show = (v: number | null, unit: string) => (v === null ? "无数据" : unit === "share" ? formatPercent(v) : formatNumber(v, Number.isInteger(v) ? 0 : 1));
  const beds = rows.reduce((a, r) => a + r.beds, 0);
  const none = rows.length > 0 && changes.length === 0
    ? `采纳本方案不会改变${countyName}任何目标的亮灯颜色（按覆盖分析页同一规则评估：新设施按建成运营计，床位 ${formatInt(beds)} 张、护理型床位 0 张${mealSeats === null ? "" : `、助餐座位每处 ${formatInt(mealSeats)} 座`}）。`
    : null;
  return {
    changes: changes.length, red, worse, empty: rows.length === 0, none,
    tone: changes.length === 0 || rows.length === 0 ? null : red > 0 ? "red" : worse > 0 ? "amber" : "green",
    head: red > 0 ? `注意：采纳本方案会使 ${red} 项目标转为红灯` : worse > 0 ? `注意：采纳本方案会使 ${worse} 项目标亮灯变差` : `采纳本方案会改变 ${changes.length} 项目标的亮灯`,
    context: `（${countyName}，按覆盖分析页同一规则评估采纳前后；共 ${changes.length} 项变化）`,
    items: changes.map((c) => ({
      indicator: c.indicator, scope: c.scope, before: c.before, after: c.after, worse: c.worse, unit: c.unit, role: c.role,
      label: `${c.label}${c.role === "reference" ? "（参考标准）" : ""}`, beforeLabel: LIGHT_LABEL[c.before], afterLabel: LIGHT_LABEL[c.after],
      name: c.name || c.code, values: `${show(c.valueBefore, c.unit)} → ${show(c.valueAfter, c.unit)}`, why: `原因：${c.why}`
    })),
    note: mealSeats === null
      ? "新设施按选址建议计入：床位按乡镇缺口分配，护理型床位、助餐座位、社工按 0 计，运营方式按公办计。可在覆盖分析页采纳后逐处修改容量再看亮灯。"
      : `新设施按选址建议计入：助餐座位按每处 ${formatInt(mealSeats)} 座（计容量选址所用），床位按乡镇缺口分配，护理型床位、社工按 0 计，运营方式按公办计。可在覆盖分析页采纳后逐处修改容量再看亮灯。`
  };
}

/**
 * Each township of the county: older people, beds, the gap, and what the plan adds there; most gap first. Without
 * beds (region.json "absent") there is no gap: 未提供, not a gap of the whole target.
 */
export function bedTableRows(ctx: SitingContext, p: SitingPool, rows: readonly SiteRow[]): BedTableRow[] {
  const perTown = new Map<string, {sites: number; beds: number; cost: number}>();
  for (const r of rows) {
    const t = perTown.get(r.candidate.township_code) ?? {sites: 0, beds: 0, cost: 0};
    perTown.set(r.candidate.township_code, {sites: t.sites + 1, beds: t.beds + r.beds, cost: t.cost + r.costYuan});
  }
  const county = p.input.county;
  const out = ctx.region.townships.filter((t) => t.county_code === county).map((t): BedTableRow => {
    const a = perTown.get(t.code) ?? {sites: 0, beds: 0, cost: 0};
    const added = {建议新增处数: a.sites, 新增床位: a.beds, 床位补助: a.cost};
    if (!ctx.hasBeds) {
      const pop60 = p.records.villages.reduce((s, v) => s + (v.township_code === t.code ? v.pop60 : 0), 0);
      return {乡镇: t.name, 老年人口: pop60, 现有床位: NOT_PROVIDED, 目标床位: NOT_PROVIDED, 床位缺口: NOT_PROVIDED, ...added, 剩余缺口: NOT_PROVIDED};
    }
    const g = ctx.gapByTownship.get(t.code) ?? {pop60: 0, beds: 0, target: 0, gap: 0};
    return {乡镇: t.name, 老年人口: g.pop60, 现有床位: g.beds, 目标床位: g.target, 床位缺口: g.gap, ...added, 剩余缺口: Math.max(0, g.gap - a.beds)};
  });
  const gapOf = (r: BedTableRow) => (typeof r.床位缺口 === "number" ? r.床位缺口 : 0);
  return out.sort((a, b) => gapOf(b) - gapOf(a) || a.乡镇.localeCompare(b.乡镇, "zh"));
}

/** The sentence above the bed table, in pieces: odd indices are bold figures. */
export function bedSummary(ctx: SitingContext, county: string, bedRows: readonly BedTableRow[]): {empty: boolean; parts: string[]} {
  const totalNew = bedRows.reduce((a, r) => a + r.新增床位, 0);
  const subsidy = formatYuan(bedRows.reduce((a, r) => a + r.床位补助, 0));
  if (!ctx.hasBeds) return {empty: true, parts: [`${NOT_PROVIDED}床位数（region.json 中声明为 "absent"）：无法测算现有床位缺口；本建议新增 `, formatInt(totalNew), " 张，补助 ", subsidy, "。"]};
  const totalGap = bedRows.reduce((a, r) => a + (typeof r.床位缺口 === "number" ? r.床位缺口 : 0), 0);
  return {
    empty: false,
    parts: [
      "全县床位缺口合计 ", formatInt(totalGap), ` 张（${ctx.bedStandardText(county)}）；本建议新增 `, formatInt(totalNew), " 张，补助 ", subsidy,
      `，剩余缺口 ${formatInt(Math.max(0, totalGap - totalNew))} 张。补足全部缺口需补助约 ${formatYuan(totalGap * ctx.params.subsidyPerBedYuan)}。`
    ]
  };
}

/** Candidates left out by default: how many, why, and which (at most six names per reason). */
export function screenedView(screened: readonly ScreenedCandidate[], includeUnlikely: boolean): ScreenedView {
  const base = {count: screened.length, lead: "", reasons: [], tail: ""};
  if (includeUnlikely) return {...base, text: "已包括开发区和无常住老人的地点（取消上方“包括开发区和无常住老人的地点”即按默认规则排除）。"};
  if (screened.length === 0) return {...base, text: "按默认规则没有需要排除的候选（开发区、园区等类似乡级单位和虚拟社区内的地点，服务半径内没有常住老人的地点）。"};
  const reasons = (Object.keys(SCREEN_REASON_LABEL) as ScreenReason[])
    .map((reason) => ({reason, list: screened.filter((s) => s.reason === reason)}))
    .filter(({list}) => list.length > 0)
    .map(({reason, list}) => ({reason, text: `${SCREEN_REASON_LABEL[reason]} ${list.length} 处（${list.slice(0, 6).map((s) => s.candidate.name).join("、")}${list.length > 6 ? ` 等` : ""}）`}));
  return {count: screened.length, text: null, lead: `已按默认规则排除 ${screened.length} 处候选：`, reasons, tail: "。勾选上方“包括开发区和无常住老人的地点”可纳入。"};
}

/** "<county>共有候选场所 n 处（未覆盖村/社区 a，闲置公共资产 b，现有设施提升 c）；已排除 x 处。…" */
export function candidateSummary(countyName: string, candidates: readonly Candidate[], excluded: number): string {
  const bySource = CANDIDATE_SOURCES.map((s) => `${SOURCE_LABEL[s]} ${candidates.filter((c) => c.source === s).length}`).join("，");
  return `${countyName}共有候选场所 ${candidates.length} 处（${bySource}）；已排除 ${excluded} 处。取消勾选即从选址中排除，建议随之更新。`;
}

// ---------------------------------------------------------------------------------------------------------------
// the map

export interface PointFeature {
  type: "Feature";
  properties: Record<string, string | number>;
  geometry: {type: "Point"; coordinates: [number, number]};
}

const point = (lng: number, lat: number, properties: Record<string, string | number>): PointFeature => ({type: "Feature", properties, geometry: {type: "Point", coordinates: [lng, lat]}});

/**
 * The map's points: the uncovered villages with older people (demand), the county's serving facilities of the tier,
 * every candidate, and the sites with one ring per settlement class of the villages each reaches — the radius for
 * the village's own class, as the gains are counted (a site reaching none gets its township's class).
 * @param reach a VillageReach over the bundle's villages
 */
export function sitingMapPoints(ctx: SitingContext, run: SitingRun, rows: readonly SiteRow[], reach: VillageReach): {
  demand: PointFeature[];
  existing: PointFeature[];
  candidates: PointFeature[];
  sites: {lng: number; lat: number; name: string; gain: number; rings: {settlement: SettlementClass; radius: number}[]}[];
} {
  const p = run.pool;
  const {county, type, measure} = p.input;
  const serving = new Set(ctx.region.meta.serving);
  return {
    demand: run.posed.demand.map((i) => p.records.villages[i]).filter((v) => v[measure] > 0).map((v) => point(v.lng, v.lat, {name: v.name, weight: v[measure]})),
    existing: p.records.facilities.filter((f) => f.county_code === county && TIER_OF[f.type] === p.tier && serving.has(f.status)).map((f) => point(f.lng, f.lat, {name: f.name})),
    candidates: run.posed.candidates.map((c) => point(c.lng, c.lat, {id: c.id, name: c.name, source: c.source, kind: c.kind})),
    sites: rows.map((r) => {
      const reached = reach.reach({lng: r.candidate.lng, lat: r.candidate.lat, type}, p.radii);
      const classes = SETTLEMENTS.filter((s) => (reached[s] ?? 0) > 0);
      const rings = (classes.length ? classes : [ctx.settlementOf(r.candidate.township_code) ?? "rural"]).map((s) => ({settlement: s, radius: p.radii[type][s]}));
      return {lng: r.candidate.lng, lat: r.candidate.lat, name: r.candidate.name, gain: r.gain, rings: rings.sort((a, b) => b.radius - a.radius)};
    })
  };
}
