/**
 * The siting page's capacitated objective (issue 18): 可服务人数（计容量） — each new site serves at most its capacity —
 * posed on the same demand points and cover lists as the covering problem (`candidates.ts` `sitingProblem`), for the
 * optimiser's `capacity` (`siting.ts`: the weight served is a maximum flow). Pure. The rule (docs/access.md, *Siting*):
 *
 * - **Good and demand** as the county report's capacitated coverage (`access.ts` `capacitatedCoverage`): a township
 *   centre supplies beds, a station (社区养老服务站, 日间照料中心, 农村互助幸福院) older people served, a canteen or meal
 *   site meal seats; a demand point's **need** is its older people (the page's measure) × the good's standard / 1 000
 *   (`capacityStandards`: beds the county's bed standard, meals `config.access.standards.meals`, stations
 *   `standards.stations`, default 1 000 = every older person).
 * - **Existing facilities** keep their capacity for whom they serve now: the share of each village's demand that the
 *   existing facilities serve by the report's rule (nearest first over the bundle, `capacitatedCoverage`) is taken off
 *   its need; the rest is the weight to serve. Villages already inside a circle of the tier stay out, as for covering
 *   (existing facilities are fixed). So the objective is older people **newly served**.
 * - **Ties**: capacities often bind at every site; among sets serving as many, the one covering more older people wins
 *   (`tieWeights`).
 * - **Capacity of a new site**: a township centre its new beds — min(每处新建床位上限, its township's bed gap), the beds
 *   the cost model prices; a station its type's `config.access.station_capacity` (planning assumptions by default,
 *   labelled 假设容量); a canteen or meal site the seats the planner sets (default the type's `config.whatif_capacity`
 *   seats, `engine/capacity.ts`: 60 / 20, planning assumptions).
 */
import {accessParams, capacitatedCoverage, capacityStandards, CAPACITY_GOODS, CAPACITY_TYPES, DEFAULT_STANDARDS, type AccessParams, type CapacityGood, type StationType} from "../engine/access.js";
import {capacityDefaults} from "../engine/capacity.js";
import {STATION_TYPE_SET, TYPE_LABEL} from "../facility-types.js";
import {formatInt, formatNumber} from "../view/format.js";
import {readNumber} from "./siting-inputs.js";
import type {Candidate, SitingProblem} from "./candidates.js";
import type {CoveringProblem} from "./siting.js";
import type {AbsentFigures, Facility, FacilityStatus, FacilityType, Measure, RadiusTable, Village} from "../types.js";

/** What the planner optimises: older people covered (the default) or served within the new sites' capacities. */
export type SitingObjective = "cover" | "serve";
export const OBJECTIVES: readonly SitingObjective[] = ["cover", "serve"];
export const OBJECTIVE_LABEL: Readonly<Record<SitingObjective, string>> = {cover: "覆盖人数", serve: "可服务人数（计容量）"};

/** The good a new facility of `type` supplies (beds, meals, stations), or null for a type without one. */
export function capacityGoodOf(type: FacilityType): CapacityGood | null {
  return CAPACITY_GOODS.find((g) => CAPACITY_TYPES[g].includes(type)) ?? null;
}

const UNIT: Readonly<Record<CapacityGood, string>> = {beds: "张床位", meals: "座", stations: "人"};
const NEED: Readonly<Record<CapacityGood, string>> = {beds: "需要床位的老人", meals: "需要助餐的老人", stations: "站点服务对象"};

/** Meal seats a new canteen or meal site has, as typed (null = the type's default). */
export function parseSeats(text: string | null | undefined): {value: number | null; warning: string | null} {
  const n = readNumber(text);
  if (n === null) return {value: null, warning: null};
  if (Number.isInteger(n) && n >= 0 && n <= 100_000) return {value: n, warning: null};
  return {value: null, warning: `每处助餐座位“${(text ?? "").trim()}”${Number.isNaN(n) ? "不是数字" : "无效"}：应为 0–100000 之间的整数（座），已按默认座位数计算。`};
}

/** The region's figures the capacitated objective reads. */
export interface CapacityContext {
  params: AccessParams;
  /** per county: per 1 000 aged 60+ */
  standards: Record<CapacityGood, (county: string) => number>;
  /** default meal seats of a new canteen / meal site and where they come from */
  seats: Readonly<Record<"canteen" | "meal_site", {seats: number; source: string}>>;
}

/**
 * @param config region.json `config` (access, whatif_capacity)
 * @param bedStandards the counties' bed standards (results.json `bed_standards`)
 */
export function capacityContext(config: Record<string, unknown>, bedStandards: Readonly<Record<string, {per1000: number; target_id: string | null}>>): CapacityContext {
  const params = accessParams(config);
  const defaults = capacityDefaults(config.whatif_capacity);
  const seat = (t: "canteen" | "meal_site") => ({seats: defaults[t].capacity.meal_seats, source: defaults[t].source});
  return {params, standards: capacityStandards(params, bedStandards), seats: {canteen: seat("canteen"), meal_site: seat("meal_site")}};
}

/** What the page says about the capacities in force, next to the objective control. */
export interface CapacityRule {
  good: CapacityGood;
  /** 张床位 / 座 / 人 */
  unit: string;
  /** who the need counts: 需要床位的老人, … */
  needLabel: string;
  /** "每处新设施容量：…" */
  capacityText: string;
  /** "需求：…" */
  demandText: string;
  /** "现有设施：…" */
  existingText: string;
  /** the capacity figures are planning assumptions */
  assumed: boolean;
  /** seats a new meal site gets (meal types), else null */
  seats: number | null;
}

/** Why the capacitated objective cannot be posed for a type here, or null when it can. */
export function capacityUnavailable(type: FacilityType, hasBeds: boolean): string | null {
  const good = capacityGoodOf(type);
  if (good === null) return `${TYPE_LABEL[type]}没有可计的服务容量，已按覆盖人数计算。`;
  if (good === "beds" && !hasBeds) return "本地区未提供床位数（region.json 声明为 absent）：无法测算新建床位和现有机构已服务的需求，已按覆盖人数计算。";
  return null;
}

/**
 * The rule in force for a type: its good, the capacity of a new site and where it comes from, the demand and the
 * existing facilities' part.
 * @param seatsTyped meal seats typed (null = the default)
 * @param bedCap 每处新建床位上限 (township centres)
 * @param standardText the bed standard's sentence (SitingContext.bedStandardText)
 * @param measureLabel the page's measure when it is not pop60 (the standards are per 1 000 aged 60+), else null
 */
export function capacityRule(cc: CapacityContext, type: FacilityType, county: string, bedCap: number, seatsTyped: number | null, standardText: string, measureLabel: string | null = null): CapacityRule | null {
  const good = capacityGoodOf(type);
  if (good === null) return null;
  const std = cc.standards[good](county);
  let capacityText: string;
  let assumed = false;
  let seats: number | null = null;
  if (good === "beds") {
    capacityText = `每处${TYPE_LABEL[type]}的容量 = 该处新建床位数（每处新建床位上限 ${formatInt(bedCap)} 张，且不超过所在乡镇的床位缺口），一张床位服务一位老人。`;
  } else if (good === "stations") {
    const sc = cc.params.station_capacity;
    assumed = sc.assumed;
    capacityText = `每处${TYPE_LABEL[type]}服务 ${formatInt(sc.capacity[type as StationType])} 名老人（${sc.assumed ? "假设容量：" : ""}${sc.source}）。`;
  } else {
    const d = cc.seats[type as "canteen" | "meal_site"];
    seats = seatsTyped ?? d.seats;
    assumed = seatsTyped === null && /假设/.test(d.source);
    capacityText = `每处${TYPE_LABEL[type]} ${formatInt(seats)} 座，一座服务一位老人（${seatsTyped === null ? `默认值，${d.source}` : "按输入"}）。`;
  }
  // meals and stations: the default standards are planning assumptions (DEFAULT_STANDARDS); a region's own figure cites its source
  const stdSource = std === DEFAULT_STANDARDS[good] ? (good === "stations" ? "规划假设：每位老人都是站点的服务对象" : "规划假设，非国家标准") : cc.params.standards.source;
  const stdText = good === "beds" ? standardText : `每千名老人 ${formatNumber(std, Number.isInteger(std) ? 0 : 1)} ${good === "meals" ? "座" : "人"}，${stdSource}`;
  return {
    good, unit: UNIT[good], needLabel: NEED[good], capacityText, assumed, seats,
    demandText: `需求：本层级服务圈外各村/社区的老人 × 标准 / 1000，即${NEED[good]}（${stdText}）。${measureLabel === null ? "" : `标准按每千名60岁以上老人制定，此处按同一比例用于${measureLabel}（规划假设）。`}`,
    existingText: "现有设施：按县区报告容量满足率的同一规则（最近优先）已服务的需求份额先行扣除，已在本层级服务圈内的村/社区与覆盖目标一样不计入；目标为新可服务的老人数（新设施到需求点的最大分配，一个村可由几处分担）。"
  };
}

/**
 * Share of each village's demand that the existing facilities serve (capacitated coverage by the report's rule,
 * nearest first), 0 where the village has no demand; null when the good's supply is not provided (region.json
 * "absent").
 */
export function existingServedShare(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  good: CapacityGood,
  cc: CapacityContext,
  options: {statuses: readonly FacilityStatus[]; absent?: AbsentFigures}
): Float64Array | null {
  const r = capacitatedCoverage(villages, facilities, radii, good, cc.standards[good], {statuses: options.statuses, ...(options.absent ? {absent: options.absent} : {}), stationCapacity: cc.params.station_capacity.capacity});
  if (!r) return null;
  return Float64Array.from(r.demand, (d, i) => (d > 0 ? Math.min(1, r.served[i] / d) : 0));
}

/** The capacitated problem of a run. */
export interface CapacitatedProblem {
  good: CapacityGood;
  /** per demand point: older people × standard / 1 000 */
  need: Float64Array;
  /** per demand point: need less the share existing facilities serve (the weights of `problem`) */
  weights: Float64Array;
  /** per candidate of the posed problem */
  capacity: Float64Array;
  /** the covering problem with the residual weights and capacities */
  problem: CoveringProblem;
  needTotal: number;
  /** Σ need − Σ weights: the need of the demand points the existing facilities serve */
  existingServed: number;
}

/**
 * The capacitated problem on a posed covering problem: same demand points, candidates, cover lists and limits.
 * @param share existing facilities' served share per village of the bundle ({@link existingServedShare}); null = none
 *   known (only for goods whose facilities are all of the tier: the demand points are outside every one of them)
 * @param capacityOf capacity of a candidate
 */
export function capacitatedProblem(
  posed: SitingProblem,
  villages: readonly Village[],
  measure: Measure,
  good: CapacityGood,
  cc: CapacityContext,
  share: ArrayLike<number> | null,
  capacityOf: (c: Candidate) => number
): CapacitatedProblem {
  const need = Float64Array.from(posed.demand, (i) => (villages[i][measure] * cc.standards[good](villages[i].county_code)) / 1000);
  const weights = Float64Array.from(posed.demand, (i, k) => Math.max(0, need[k] * (1 - (share ? share[i] : 0))));
  const capacity = Float64Array.from(posed.candidates, capacityOf);
  let needTotal = 0, left = 0;
  for (let k = 0; k < need.length; k++) {
    needTotal += need[k];
    left += weights[k];
  }
  // among sets serving as many, the one covering more older people (the covering weights) wins
  return {good, need, weights, capacity, problem: {...posed.problem, weights, capacity, tieWeights: posed.problem.weights}, needTotal, existingServed: needTotal - left};
}

/**
 * Capacity of a new site of `type` at a candidate: beds min(bedCap, the township's bed gap rounded up) — the beds the
 * cost model prices (`candidateCostList`) —, a station's configured older people, or the meal seats.
 */
export function siteCapacity(cc: CapacityContext, type: FacilityType, bedCap: number, gapOf: (township: string) => number, seats: number | null): (c: Candidate) => number {
  const good = capacityGoodOf(type);
  if (good === "beds") return (c) => Math.min(bedCap, Math.max(0, Math.ceil(gapOf(c.township_code))));
  if (good === "stations" && STATION_TYPE_SET.has(type)) {
    const n = cc.params.station_capacity.capacity[type as StationType];
    return () => n;
  }
  if (good === "meals") {
    const n = seats ?? cc.seats[type as "canteen" | "meal_site"].seats;
    return () => n;
  }
  return () => 0;
}
