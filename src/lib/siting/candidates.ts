/**
 * Siting candidates and the covering problem of one county, built from the region's records and a coverage
 * result. Shared by the build-time loader (`src/data/siting.json.ts`) and the siting page, so both pose exactly the
 * same problem.
 *
 * - Demand: the county's villages not covered at the tier of the new facility type (`count[tier] === 0`),
 *   weighted by the chosen population measure. Villages already covered are left out, so existing facilities stay
 *   fixed. Villages of other counties are not counted (a county plans for its own older people).
 * - Candidates (the planner sees and edits them): uncovered villages themselves (a new site in the village),
 *   idle public assets from the region's candidate file (schools, clinics, factories, … seed 001), and existing
 *   facilities of another tier that could be upgraded (a 敬老院 or day centre becoming a township centre).
 * - Cover lists: `buildCoverLists` with the radius of the new type for each village's settlement class.
 *
 * Beds and cost of a site: min(bed cap, the township's bed gap) beds (seed 001: ≤ 30 beds); a new build costs
 * beds × subsidy per bed (seed 001: 120 000 yuan, new centres only), a conversion of an existing facility or an
 * idle asset its own works (`config.siting.upgrade_cost_yuan`); several sites in one township share its gap
 * (`planTownship`).
 */
import {centrePlan, DEFAULT_BED_PARAMS, planTownship, type BedGap, type BedParams} from "../plan/beds.js";
import {FACILITY_TYPES, TIER_OF, TYPE_LABEL, SERVING_STATUSES, townshipKind} from "../facility-types.js";
import {haversine} from "../engine/geo.js";
import {SETTLEMENTS} from "../engine/radii.js";
import {emptyScenario, type Scenario, type ScenarioOp} from "../engine/scenario.js";
import {buildCoverLists, type CoveringProblem, type SiteChoice} from "./siting.js";
import {pointGridOf, type PointGrid} from "../engine/spatial.js";
import type {CandidateSite, Facility, FacilityStatus, FacilityType, Measure, RadiusTable, Tier, Village} from "../types.js";

/** Where a candidate comes from. */
export type CandidateSource = "village" | "asset" | "upgrade";

export const CANDIDATE_SOURCES: readonly CandidateSource[] = ["village", "asset", "upgrade"];

export const SOURCE_LABEL: Readonly<Record<CandidateSource, string>> = {
  village: "未覆盖村/社区",
  asset: "闲置公共资产",
  upgrade: "现有设施提升"
};

export const ASSET_KIND_LABEL: Readonly<Record<CandidateSite["kind"], string>> = {
  school: "闲置校舍",
  clinic: "卫生院",
  factory: "闲置厂房",
  hospital: "闲置医院",
  nursing_home: "敬老院",
  other: "其他"
};

/**
 * Existing facility types that may be upgraded into a new facility of each tier (seed 001: convert 敬老院,
 * 卫生院 and day-care centres into township centres). Facilities of the target tier itself are never
 * candidates: they already cover their surroundings at that tier.
 */
export const UPGRADE_FROM: Readonly<Record<Tier, readonly FacilityType[]>> = {
  county: [],
  township: ["nursing_home", "day_centre", "community_station", "mutual_aid"],
  community: ["nursing_home", "township_centre", "canteen", "meal_site"],
  meal: ["community_station", "day_centre", "mutual_aid", "township_centre", "nursing_home"]
};

/** A candidate site. */
export interface Candidate {
  /** Unique id: "V:<village code>", "A:<asset id>" or "U:<facility id>". */
  id: string;
  source: CandidateSource;
  /** Village code, asset id or facility id. */
  ref: string;
  name: string;
  /** What it is, in Chinese (村/社区, 闲置校舍, 敬老院, …). */
  kind: string;
  county_code: string;
  township_code: string;
  village_code?: string;
  lng: number;
  lat: number;
  /** Floor area it has now (assets and facilities), null for a village. */
  area_m2: number | null;
}

/** The region records siting reads. */
export interface SitingRecords {
  villages: readonly Village[];
  facilities: readonly Facility[];
  /** Idle public assets (the region's candidate file). */
  assets: readonly CandidateSite[];
}

/** What defines one siting problem. */
export interface SitingSetup {
  county: string;
  /** Type of the new facilities. */
  type: FacilityType;
  measure: Measure;
  /** Radius table in force (with any override already applied, see {@link withRadius}). */
  radii: RadiusTable;
  /** Number of covering facilities of each village at the type's tier (engine result, same village order). */
  tierCount: ArrayLike<number>;
  /** Candidate sources to use (default all). */
  sources?: readonly CandidateSource[];
  /** Candidate ids the planner removed. */
  excluded?: ReadonlySet<string>;
  /** Statuses of facilities that may be upgraded (default: those that serve, SERVING_STATUSES). */
  statuses?: readonly FacilityStatus[];
  /**
   * Keep candidates in development zones and places whose service area has no resident older people (default
   * false: they are screened out, see {@link screenCandidate}). The page's checkbox 包括开发区和无常住老人的地点.
   */
  includeUnlikely?: boolean;
}

/** Limits of the choice. */
export interface SitingLimits {
  k: number;
  /** Total cost at most this (yuan); undefined = no budget. */
  budget?: number;
  /** At most this many sites in one township; undefined = no limit. */
  maxPerTownship?: number;
  /** Cost of each candidate (yuan), needed with a budget. */
  cost?: ArrayLike<number>;
}

/** A posed problem: who is uncovered, where sites may go, and the covering problem over both. */
export interface SitingProblem {
  /** Indices (into `records.villages`) of the uncovered villages of the county: the demand points, in order. */
  demand: number[];
  candidates: Candidate[];
  problem: CoveringProblem;
}

/**
 * A radius table with the new type's radius replaced for every settlement class (an override of the planner),
 * or the table itself when `metres` is null.
 * @example withRadius(radii, "community_station", 1500).community_station // {urban: 1500, rural: 1500, pastoral: 1500}
 */
export function withRadius(radii: RadiusTable, type: FacilityType, metres: number | null | undefined): RadiusTable {
  if (metres === null || metres === undefined) return radii;
  return {...radii, [type]: Object.fromEntries(SETTLEMENTS.map((s) => [s, metres]))} as RadiusTable;
}

/**
 * Indices of the villages of `county` that no counted facility of the tier covers, in village order.
 * @param villages every village of the region
 * @param tierCount covering facilities per village at the tier
 * @param county county code
 */
export function uncoveredVillages(villages: readonly Village[], tierCount: ArrayLike<number>, county: string): number[] {
  const out: number[] = [];
  villages.forEach((v, i) => {
    if (v.county_code === county && tierCount[i] === 0) out.push(i);
  });
  return out;
}

/** Why a candidate is screened out by default (the page names the reason and the count). */
export type ScreenReason = "zone" | "no_older";

export const SCREEN_REASON_LABEL: Readonly<Record<ScreenReason, string>> = {
  zone: "位于开发区、园区等类似乡级单位或虚拟社区",
  no_older: "服务半径内没有常住老人"
};

/** A candidate left out by default, with the reason. */
export interface ScreenedCandidate {
  candidate: Candidate;
  reason: ScreenReason;
}

/**
 * Is a place in a development zone? Its township is a 类似乡级单位 (9-digit code digits 7–9 in 400–599:
 * 开发区, 园区, 农场, `townshipKind` "zone"), or its own village-level code is a 类似居委会 (12-digit code digits
 * 10–12 in 400–499, where 统计用区划代码 puts 虚拟社区). Farm 生活区 (类似村委会, 500–599) in an ordinary town
 * have resident households and stay candidates.
 * @example inDevelopmentZone({township_code: "150626410", village_code: "150626410498"}) // true
 */
export function inDevelopmentZone(c: Pick<Candidate, "township_code" | "village_code">): boolean {
  if (townshipKind(c.township_code) === "zone") return true;
  const serial = c.village_code && /^\d{12}$/.test(c.village_code) ? Number(c.village_code.slice(9)) : NaN;
  return serial >= 400 && serial <= 499;
}

/**
 * Older people within reach of a point: the project's point grid over villages (`spatial.ts`, cells of ≈ 5 km, at
 * most two a village), queried with the exact degree box of the largest radius (geo.ts bounds), then the engine's
 * haversine test with the radius of each village's own settlement class. Building is O(V); one query visits the
 * cells of the box — so screening C candidates costs O(V + C·cells + Σm) instead of the O(V × C) of scanning every
 * village for every candidate (test/siting/screen.test.ts compares it with that scan on seeded random data).
 */
export class ReachIndex {
  private readonly grid: PointGrid;
  private readonly villages: readonly Village[];

  constructor(villages: readonly Village[]) {
    this.villages = villages;
    this.grid = pointGridOf(villages, 5000);
  }

  /**
   * Sum of `measure` over the villages (optionally only those of `county`) that a facility of `type` at
   * (lng, lat) reaches, and how many villages that is.
   */
  reach(lng: number, lat: number, type: FacilityType, radii: RadiusTable, measure: Measure, county?: string): {people: number; villages: number} {
    const out = {people: 0, villages: 0};
    const r = radii[type];
    const max = Math.max(...SETTLEMENTS.map((s) => r[s]));
    this.grid.forEachNear(lng, lat, max, (i) => {
      const v = this.villages[i];
      if (county !== undefined && v.county_code !== county) return;
      // village first, as the coverage engine calls it
      if (haversine(v.lng, v.lat, lng, lat) <= r[v.settlement]) {
        out.people += v[measure];
        out.villages++;
      }
    });
    return out;
  }
}

/**
 * Why a candidate is left out by default, or null when it stays: in a development zone ({@link inDevelopmentZone}),
 * or no older person of the county (by the chosen measure) lives within the new type's radius of it.
 */
export function screenCandidate(c: Candidate, reach: ReachIndex, setup: Pick<SitingSetup, "type" | "radii" | "measure" | "county">): ScreenReason | null {
  if (inDevelopmentZone(c)) return "zone";
  if (!(reach.reach(c.lng, c.lat, setup.type, setup.radii, setup.measure, setup.county).people > 0)) return "no_older";
  return null;
}

/** Candidates of a county before screening (every source asked for, nothing excluded). */
function rawCandidates(records: SitingRecords, setup: SitingSetup): Candidate[] {
  const sources = new Set(setup.sources ?? CANDIDATE_SOURCES);
  const tier = TIER_OF[setup.type];
  const statuses = new Set(setup.statuses ?? SERVING_STATUSES);
  const out: Candidate[] = [];
  if (sources.has("village")) {
    for (const i of uncoveredVillages(records.villages, setup.tierCount, setup.county)) {
      const v = records.villages[i];
      if (!(v[setup.measure] > 0)) continue; // an empty village is no reason to build there
      out.push({
        id: `V:${v.code}`, source: "village", ref: v.code, name: v.name, kind: v.kind === "community" ? "社区" : "村",
        county_code: v.county_code, township_code: v.township_code, village_code: v.code, lng: v.lng, lat: v.lat, area_m2: null
      });
    }
  }
  if (sources.has("asset")) {
    for (const a of records.assets) {
      if (a.county_code !== setup.county) continue;
      out.push({
        id: `A:${a.id}`, source: "asset", ref: a.id, name: a.name, kind: ASSET_KIND_LABEL[a.kind] ?? a.kind,
        county_code: a.county_code, township_code: a.township_code, lng: a.lng, lat: a.lat, area_m2: a.area_m2
      });
    }
  }
  if (sources.has("upgrade")) {
    const from = new Set(UPGRADE_FROM[tier]);
    for (const f of records.facilities) {
      if (f.county_code !== setup.county || !from.has(f.type) || !statuses.has(f.status)) continue;
      out.push({
        id: `U:${f.id}`, source: "upgrade", ref: f.id, name: f.name, kind: TYPE_LABEL[f.type],
        county_code: f.county_code, township_code: f.township_code, ...(f.village_code ? {village_code: f.village_code} : {}),
        lng: f.lng, lat: f.lat, area_m2: f.area_m2 || null
      });
    }
  }
  return out;
}

/** The candidates of a county and those screened out by default (empty when `includeUnlikely`). */
export interface CandidatePool {
  candidates: Candidate[];
  screened: ScreenedCandidate[];
}

const reachCache = new WeakMap<readonly Village[], ReachIndex>();

/** One ReachIndex per village array (the page and the loader pass the region's array again and again). */
export function reachIndexOf(villages: readonly Village[]): ReachIndex {
  let r = reachCache.get(villages);
  if (!r) reachCache.set(villages, (r = new ReachIndex(villages)));
  return r;
}

/**
 * The candidate sites of a county, in a stable order: uncovered villages (with older people), then idle assets,
 * then facilities to upgrade. Unless `setup.includeUnlikely`, candidates in development zones and those whose
 * service area holds no resident older people are screened out (returned in `screened` with the reason); then
 * the planner's excluded ids are left out.
 * @param records villages, facilities, assets of the region
 * @param setup county, type, coverage, sources, exclusions
 */
export function candidatePool(records: SitingRecords, setup: SitingSetup): CandidatePool {
  const raw = rawCandidates(records, setup);
  const screened: ScreenedCandidate[] = [];
  let kept = raw;
  if (!setup.includeUnlikely) {
    const reach = reachIndexOf(records.villages);
    kept = [];
    for (const c of raw) {
      const reason = screenCandidate(c, reach, setup);
      if (reason) screened.push({candidate: c, reason});
      else kept.push(c);
    }
  }
  return {candidates: setup.excluded ? kept.filter((c) => !setup.excluded!.has(c.id)) : kept, screened};
}

/**
 * The candidate sites of a county ({@link candidatePool} without the screened list).
 * @param records villages, facilities, assets of the region
 * @param setup county, type, coverage, sources, exclusions
 */
export function buildCandidates(records: SitingRecords, setup: SitingSetup): Candidate[] {
  return candidatePool(records, setup).candidates;
}

/**
 * Pose the siting problem of a county: demand (uncovered villages weighted by the measure), candidates and the
 * covering problem with the given limits.
 * @param records region records
 * @param setup county, type, measure, radii, coverage, sources, exclusions
 * @param limits k, budget, per-township limit, costs
 * @example
 * const s = sitingProblem(region, {county: "640302", type: "township_centre", measure: "pop60", radii, tierCount}, {k: 3});
 * greedySiting(s.problem).sites.map((x) => s.candidates[x.candidate].name)
 */
export function sitingProblem(records: SitingRecords, setup: SitingSetup, limits: SitingLimits | ((candidates: Candidate[]) => SitingLimits)): SitingProblem {
  const demand = uncoveredVillages(records.villages, setup.tierCount, setup.county);
  const candidates = buildCandidates(records, setup);
  const {weights, cover} = buildCoverLists(
    demand.map((i) => {
      const v = records.villages[i];
      return {lng: v.lng, lat: v.lat, weight: v[setup.measure], settlement: v.settlement};
    }),
    candidates.map((c) => ({lng: c.lng, lat: c.lat, type: setup.type})),
    (type, settlement) => setup.radii[type][settlement]
  );
  const l = typeof limits === "function" ? limits(candidates) : limits;
  const problem: CoveringProblem = {weights, cover, k: l.k};
  if (l.cost) problem.cost = l.cost;
  if (l.budget !== undefined) problem.budget = l.budget;
  if (l.maxPerTownship !== undefined) {
    problem.maxPerTownship = l.maxPerTownship;
    problem.township = candidates.map((c) => c.township_code);
  }
  return {demand, candidates, problem};
}

/** Bed parameters of the siting plan from the region's `config.siting` (max_new_beds, subsidy_per_bed_yuan, area_per_bed_m2). */
export function sitingBedParams(config: {max_new_beds?: unknown; subsidy_per_bed_yuan?: unknown; area_per_bed_m2?: unknown} | null | undefined): BedParams {
  const pick = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    ...DEFAULT_BED_PARAMS,
    maxBedsPerCentre: pick(config?.max_new_beds, DEFAULT_BED_PARAMS.maxBedsPerCentre),
    subsidyPerBedYuan: pick(config?.subsidy_per_bed_yuan, DEFAULT_BED_PARAMS.subsidyPerBedYuan),
    areaPerBedM2: pick(config?.area_per_bed_m2, DEFAULT_BED_PARAMS.areaPerBedM2)
  };
}

/**
 * Cost of raising an existing facility to a facility of `type` (yuan per site) from the region's
 * `config.siting.upgrade_cost_yuan` (`{township_centre: 4125000, …}`, with `upgrade_cost_source` citing where each
 * figure comes from or saying 假设), or null when the region gives none: an unknown cost is shown as 未提供 and never
 * read as 0.
 * @example upgradeCostYuan({upgrade_cost_yuan: {township_centre: 4_125_000}}, "township_centre") // 4125000
 */
export function upgradeCostYuan(siting: unknown, type: FacilityType): number | null {
  const table = siting && typeof siting === "object" ? (siting as Record<string, unknown>).upgrade_cost_yuan : undefined;
  const v = table && typeof table === "object" ? (table as Record<string, unknown>)[type] : undefined;
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}

/**
 * Problems of the upgrade costs in a region's `config.siting`, one message each naming the region.json field
 * (empty when fine or absent). Every figure must be a number ≥ 0 of a known facility type, and a table needs
 * `upgrade_cost_source`: where the figures come from, or that they are assumed (假设). A type left out is not an
 * error: its upgrade cost is 未提供 on the page.
 */
export function upgradeCostErrors(siting: unknown): string[] {
  if (!siting || typeof siting !== "object" || Array.isArray(siting)) return [];
  const s = siting as Record<string, unknown>;
  const table = s.upgrade_cost_yuan;
  if (table === undefined) return [];
  const where = "region.json: config.siting.upgrade_cost_yuan";
  if (!table || typeof table !== "object" || Array.isArray(table)) return [`${where}: expected an object of yuan per site by facility type (e.g. {"township_centre": 4125000}), found ${JSON.stringify(table)}`];
  const errors: string[] = [];
  for (const [type, v] of Object.entries(table as Record<string, unknown>)) {
    if (!(FACILITY_TYPES as readonly string[]).includes(type)) errors.push(`${where}.${type}: unknown facility type, expected one of ${FACILITY_TYPES.join(", ")}`);
    else if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) errors.push(`${where}.${type}: expected a number of yuan ≥ 0, found ${JSON.stringify(v) ?? "nothing"}`);
  }
  if (!(typeof s.upgrade_cost_source === "string" && s.upgrade_cost_source.trim())) errors.push("region.json: config.siting.upgrade_cost_source: missing; say where the upgrade costs come from, or that they are assumed (假设)");
  return errors;
}

/**
 * Whether a candidate is a conversion (改建/转型: an existing facility to upgrade or an idle public asset) rather than
 * a new build. Seed 001 gives the 120 000 yuan a bed to new township centres only ("对新建乡镇(街道)综合养老中心项目给予
 * 支持…改建项目按照实际情况给予补助"): a conversion costs its own works, the region's `upgrade_cost_yuan`, and no
 * per-bed subsidy.
 */
export function isConversion(c: Pick<Candidate, "source">): boolean {
  return c.source === "upgrade" || c.source === "asset";
}

/** What one candidate would cost: the bed subsidy of a new build, or a conversion's own works (null: 未提供). */
export interface CandidateCost {
  bedYuan: number;
  /** 0 for a new site or an asset; for an upgrade the region's figure, or null when the region gives none */
  upgradeYuan: number | null;
  /** bedYuan + upgradeYuan, or null when a part is unknown */
  totalYuan: number | null;
}

/**
 * Cost of each candidate: a new build min(bed cap, its township's bed gap) beds × subsidy per bed; a conversion
 * (an existing facility to upgrade or an idle asset, {@link isConversion}) `upgradeYuan` and no per-bed subsidy
 * (null: unknown, so the total is unknown — never 0 by accident).
 * @param candidates the candidates
 * @param gapOf bed gap of a township code (0 when unknown)
 * @param bedCap most new beds per site (≤ params.maxBedsPerCentre)
 * @param params bed parameters (subsidy per bed)
 * @param upgradeYuan cost of one upgrade to the new type ({@link upgradeCostYuan}), null when unknown
 */
export function candidateCostList(candidates: readonly Candidate[], gapOf: (township: string) => number, bedCap: number, params: BedParams, upgradeYuan: number | null): CandidateCost[] {
  return candidates.map((c) => {
    const converted = isConversion(c);
    const bedYuan = converted ? 0 : Math.min(bedCap, Math.max(0, Math.ceil(gapOf(c.township_code)))) * params.subsidyPerBedYuan;
    const up = converted ? upgradeYuan : 0;
    return {bedYuan, upgradeYuan: up, totalYuan: up === null ? null : bedYuan + up};
  });
}

/**
 * Total cost of each candidate for the budget ({@link candidateCostList}); an unknown one is NaN, so a caller
 * must decide (the page leaves such candidates out of a budgeted plan unless the planner opts in).
 */
export function candidateCosts(candidates: readonly Candidate[], gapOf: (township: string) => number, bedCap: number, params: BedParams, upgradeYuan: number | null = null): Float64Array {
  return Float64Array.from(candidateCostList(candidates, gapOf, bedCap, params, upgradeYuan), (c) => c.totalYuan ?? NaN);
}

/** The types a planner may site on the page, township centre first. */
export const SITING_TYPES: readonly FacilityType[] = ["township_centre", "community_station", "day_centre", "mutual_aid", "canteen", "meal_site"];

/**
 * Default limits of a new facility type: township and county tiers get beds (up to the cap of config.siting, seed
 * 001) and at most one new site per township (seed 001: no new centre where resources are already concentrated);
 * village-level stations and meal sites get no beds and no per-township limit.
 */
export function sitingDefaults(type: FacilityType, params: BedParams): {maxPerTownship: number | null; bedCap: number} {
  const tier = TIER_OF[type];
  if (tier === "township") return {maxPerTownship: 1, bedCap: params.maxBedsPerCentre};
  if (tier === "county") return {maxPerTownship: null, bedCap: params.maxBedsPerCentre};
  return {maxPerTownship: null, bedCap: 0};
}

/** One suggested site, as the page's table shows it. */
export interface SiteRow {
  rank: number;
  candidate: Candidate;
  /** Older people it newly covers given the sites ranked before it. */
  gain: number;
  /** Beds to build (≤ bed cap; the township's gap shared over its new sites). */
  beds: number;
  areaM2: number;
  /** Bed subsidy (beds × subsidy per bed) of a new build; 0 for a conversion (seed 001: new centres only). */
  costYuan: number;
  /** Conversion works: 0 for a new site, the region's figure for an upgrade or an idle asset, null when not provided. */
  upgradeYuan: number | null;
  /** costYuan + upgradeYuan, null when the upgrade cost is not provided. */
  totalYuan: number | null;
  /** The township's bed gap before any new site. */
  townshipGap: number;
}

/**
 * Table rows of the chosen sites: rank, gain, beds, floor area and cost. Beds come from `planTownship`, so the
 * sites in one township share its gap and each gets at most `bedCap`.
 * @param sites ranked choices (greedySiting or exactSiting)
 * @param candidates the candidates the choices index
 * @param gaps bed gaps by township code
 * @param bedCap most new beds per site
 * @param params bed parameters (area per bed, subsidy per bed)
 * @param upgradeYuan cost of one upgrade to the new type, null when the region gives none (未提供)
 */
export function siteRows(sites: readonly SiteChoice[], candidates: readonly Candidate[], gaps: ReadonlyMap<string, BedGap>, bedCap: number, params: BedParams, upgradeYuan: number | null = null): SiteRow[] {
  const p: BedParams = {...params, maxBedsPerCentre: Math.min(bedCap, params.maxBedsPerCentre)};
  const perTown = new Map<string, number[]>(); // township → positions in `sites`
  sites.forEach((s, i) => {
    const t = candidates[s.candidate].township_code;
    perTown.set(t, [...(perTown.get(t) ?? []), i]);
  });
  const beds = new Array<number>(sites.length).fill(0);
  for (const [t, positions] of perTown) {
    const gap = gaps.get(t) ?? {township_code: t, pop60: 0, beds: 0, standard: p.bedsPer1000, target: 0, gap: 0, per1000: null};
    planTownship(gap, positions.length, p).centres.forEach((c, n) => (beds[positions[n]] = c.beds));
  }
  return sites.map((s, i) => {
    const c = candidates[s.candidate];
    const plan = centrePlan(beds[i], p);
    const converted = isConversion(c);
    const up = converted ? upgradeYuan : 0;
    const subsidy = converted ? 0 : plan.costYuan;
    return {
      rank: i + 1, candidate: c, gain: s.gain, beds: plan.beds, areaM2: plan.areaM2, costYuan: subsidy,
      upgradeYuan: up, totalYuan: up === null ? null : subsidy + up, townshipGap: gaps.get(c.township_code)?.gap ?? 0
    };
  });
}

/**
 * The suggestion as a what-if scenario: a radius op per settlement class when the planner overrode the radius,
 * then one `add` op per site. The sites are added as operating: a what-if asks "what if these were built", and the
 * explorer (like the build) counts only serving facilities; the name says it is a suggestion.
 * @param region region id
 * @param rows suggested sites
 * @param type type of the new facilities
 * @param radius the radius override in metres, or null
 * @param options scenario name and creation time
 */
export function sitingScenario(
  region: string,
  rows: readonly SiteRow[],
  type: FacilityType,
  radius: number | null,
  options: {name?: string; created?: string; /** meal seats of each site (the capacitated objective's), default 0 */ mealSeats?: number} = {}
): Scenario {
  const scenario = emptyScenario(region, options.name ?? `选址建议：${TYPE_LABEL[type]} ${rows.length} 处`, options.created);
  const ops: ScenarioOp[] = radius === null ? [] : SETTLEMENTS.map((settlement) => ({op: "radius", type, settlement, metres: radius}));
  for (const r of rows) {
    const c = r.candidate;
    const name = c.source === "upgrade" ? `${c.name}（提升为${TYPE_LABEL[type]}）` : c.source === "asset" ? `${c.name}（改建为${TYPE_LABEL[type]}）` : `${c.name}${TYPE_LABEL[type]}（新建）`;
    const facility: Facility = {
      id: `S-${type}-${c.source}-${c.ref}`.slice(0, 80),
      name: name.slice(0, 200),
      type,
      tier: TIER_OF[type],
      status: "operating",
      county_code: c.county_code,
      township_code: c.township_code,
      ...(c.village_code ? {village_code: c.village_code} : {}),
      lng: c.lng,
      lat: c.lat,
      beds: r.beds,
      nursing_beds: 0,
      meal_seats: options.mealSeats ?? 0,
      area_m2: r.areaM2,
      operator: "public",
      social_workers: 0,
      modelled: []
    };
    ops.push({op: "add", facility});
  }
  return {...scenario, ops};
}

/** The parameters that define a siting problem, for matching a page's choice with a build-time run. */
export interface ProblemKeyParts {
  county: string;
  type: FacilityType;
  k: number;
  measure: Measure;
  radius: number | null;
  sources: readonly CandidateSource[];
  excluded: readonly string[];
  /** Candidates in development zones and without resident older people kept (default false). */
  includeUnlikely?: boolean;
  maxPerTownship: number | null;
  budget: number | null;
  /** Only part of the key with a budget (costs matter only then). */
  bedCap: number;
  subsidyPerBedYuan: number;
  /** the capacitated objective (issue 18); left out of the key for covering, so build-time keys stay as they were */
  objective?: "cover" | "serve";
}

/** A canonical string of the parameters that define a problem (costs only when there is a budget). */
export function problemKey(p: ProblemKeyParts): string {
  const sources = CANDIDATE_SOURCES.filter((s) => p.sources.includes(s));
  return JSON.stringify([
    p.county, p.type, p.k, p.measure, p.radius, sources, [...p.excluded].sort(), p.maxPerTownship, p.budget,
    p.budget === null ? null : [p.bedCap, p.subsidyPerBedYuan], p.includeUnlikely === true, ...(p.objective === "serve" ? ["serve"] : [])
  ]);
}
