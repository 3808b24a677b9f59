/**
 * Indicators and target evaluation. An indicator is a named figure of a metrics row (`metrics.ts`); a Target
 * (`types.ts`, one line of a region's targets file) compares it with a threshold by a deadline.
 *
 * Traffic-light rule (亮灯), written once here and in docs/targets.md:
 * - green  — the comparison holds today;
 * - amber  — it does not hold, the deadline has not passed (today ≤ deadline), and the value is within
 *            `tolerance` (default 10 %) of the threshold: for ≥ / >, value ≥ threshold·(1 − tol); for ≤ / <,
 *            value ≤ threshold·(1 + tol); for ==, |value − threshold| ≤ tol·|threshold|;
 * - red    — it does not hold and either the deadline has passed or the value is further off than that;
 *            also red when the value cannot be computed (no data: zero denominator, unit not found);
 * - grey   — cannot be evaluated (无法评估): the figure is built on one the region does not provide (region.json
 *            "absent", e.g. no nursing-bed column); never red from zeros.
 * The site's lights are judged in time on top of this by `milestones.ts` (a passed deadline on the value then, a
 * deadline ahead on today's value and the plan); `evaluate` gives the values, and its grey stays grey there.
 */
import type {UnitMetrics} from "./metrics.js";
import {TIER_LABEL} from "../facility-types.js";
import type {Comparator, Target, Tier} from "../types.js";

/** A figure the targets file may name. */
export interface Indicator {
  key: string;
  label: string;
  unit: string;
  scopes: readonly ("county" | "township")[];
  /** The figure from a metrics row; null when not computable. */
  value: (row: UnitMetrics) => number | null;
  /** Where the figure's usual threshold comes from (domain.md). */
  source?: string;
}

export type Light = "green" | "amber" | "red" | "grey";

/** One target evaluated for one unit. */
export interface TargetStatus {
  target_id: string;
  indicator: string;
  label: string;
  unit: string;
  scope: Target["scope"];
  code: string;
  name: string;
  comparator: Comparator;
  threshold: number;
  deadline: string;
  source: string;
  value: number | null;
  status: Light;
  reason: string;
}

const BOTH = ["county", "township"] as const;

function ind(key: string, label: string, unit: string, value: Indicator["value"], source?: string, scopes: Indicator["scopes"] = BOTH): Indicator {
  return {key, label, unit, scopes, value, source};
}

function tierIndicators(): Indicator[] {
  return (["county", "township", "community", "meal"] as const).flatMap((t) => [
    ind(`coverage_${t}`, `${TIER_LABEL[t]}设施服务半径覆盖老年人比例`, "share", (r) => r.covered_share[t]),
    ind(`nearest_${t}_median_m`, `到最近${TIER_LABEL[t]}设施距离中位数`, "m", (r) => r.nearest[t].median),
    ind(`nearest_${t}_p90_m`, `到最近${TIER_LABEL[t]}设施距离90分位`, "m", (r) => r.nearest[t].p90),
    ind(`facilities_${t}`, `${TIER_LABEL[t]}设施数`, "count", (r) => r.facilities_by_tier[t])
  ]);
}

/** Every indicator, by key. */
export const INDICATORS: ReadonlyMap<string, Indicator> = new Map(
  [
    ind("coverage_any", "服务半径覆盖老年人比例（任一层级）", "share", (r) => r.covered_any_share),
    ind("uncovered_people", "未覆盖老年人数", "people", (r) => r.uncovered),
    ...tierIndicators(),
    ind("township_centre_share", "乡镇（街道）综合养老服务中心覆盖率", "share", (r) => r.township_centre_share, "seed 001: 50 % by 2023, 60 % by 2025; seed 003: 100 %"),
    ind("station_share", "村（社区）养老服务站覆盖率", "share", (r) => r.station_share, "seeds 003, 004: 100 %"),
    ind("community_station_share", "社区养老服务站覆盖率", "share", (r) => r.community_station_share, "seed 003: station in each of 13 communities"),
    ind("village_station_share", "行政村家门口服务站覆盖率", "share", (r) => r.village_station_share, "seed 004: each rural village ≥ 1"),
    ind("beds_per_1000_60", "每千名60岁以上老人养老床位数", "per 1000", (r) => r.beds_per_1000_60, "GB 50437-2007 §3.2.1: ≥ 40"),
    ind("nursing_beds_per_1000_60", "每千名60岁以上老人护理型床位数", "per 1000", (r) => r.nursing_beds_per_1000_60),
    ind("nursing_share", "养老机构护理型床位占比", "share", (r) => r.nursing_share, "14th five-year plan for ageing: ≥ 55 % by 2025"),
    ind("beds", "养老床位数", "beds", (r) => r.beds, "seed 003: 260 new beds (threshold = baseline + 260)"),
    ind("beds_pipeline", "在建及规划床位数", "beds", (r) => r.beds_pipeline, "seed 003: 260 new beds"),
    ind("area_per_bed", "养老机构床均建筑面积", "m²", (r) => r.area_per_bed, "GB 50437 table 3.2.4: ≥ 35 m²"),
    ind("township_centre_max_beds", "乡镇综合养老服务中心最大床位数", "beds", (r) => r.township_centre_max_beds, "seed 001: ≤ 30"),
    ind("township_centre_area_per_bed", "乡镇综合养老服务中心床均面积", "m²", (r) => r.township_centre_area_per_bed, "seed 001: 30–40 m²"),
    ind("township_centre_nursing_share", "乡镇养老服务中心护理型床位占比", "share", (r) => r.township_centre_nursing_share, "seed 002: 100 %"),
    ind("meal_seat_share_65", "助餐座位（供餐能力）占65岁以上老人比例", "share", (r) => r.meal_seat_share_65, "seed 004: ≥ 5 %"),
    ind("meal_seat_ratio", "助餐座位（供餐能力）/需求数（65岁以上5%）", "ratio", (r) => r.meal_seat_ratio, "seed 004: ≥ 1"),
    ind("canteens_150", "供餐能力150客以上长者食堂数", "count", (r) => r.canteens_150, "seed 004: 1–2 per town", ["township"]),
    ind("social_workers_per_1000_older", "每千名老年人持证社会工作者数", "per 1000", (r) => r.social_workers_per_1000_older, "seed 003: ≥ 1"),
    ind("social_workers_per_100_beds", "每百张养老机构床位持证社会工作者数", "per 100", (r) => r.social_workers_per_100_beds, "seed 003: ≥ 1"),
    ind("social_operation_share", "社会化运营率（公建民营、民办）", "share", (r) => r.social_operation_share, "seed 002: 100 %"),
    ind("station_link_share", "中心带站：已关联中心的站点比例", "share", (r) => r.station_link_share, "seed 002"),
    ind("link_distance_max_m", "站点到所属中心最远距离", "m", (r) => r.link_distance_max),
    ind("facilities", "养老服务设施数", "count", (r) => r.facilities),
    ind("facilities_per_km2", "每平方公里设施数", "per km²", (r) => r.facilities_per_km2),
    ind("facilities_per_1000_older", "每千名老年人设施数", "per 1000", (r) => r.facilities_per_1000_older),
    ind("public_institutions", "公办养老机构数", "count", (r) => r.public_institutions, "seed 000: 4"),
    ind("count_county_institution", "县级养老机构数", "count", (r) => r.facilities_by_type.county_institution, "seed 001: ≥ 1 per county"),
    ind("count_nursing_home", "敬老院数", "count", (r) => r.facilities_by_type.nursing_home),
    ind("count_township_centre", "综合为老服务中心数", "count", (r) => r.facilities_by_type.township_centre, "seed 004: ≥ 15"),
    ind("count_community_station", "社区养老服务站数", "count", (r) => r.facilities_by_type.community_station),
    ind("count_day_centre", "日间照料中心数", "count", (r) => r.facilities_by_type.day_centre, "seed 004: ≥ 71"),
    ind("count_mutual_aid", "农村牧区互助幸福院数", "count", (r) => r.facilities_by_type.mutual_aid, "seed 000: 15"),
    ind("count_canteen", "长者食堂（共享餐厅）数", "count", (r) => r.facilities_by_type.canteen, "seed 000: 15"),
    ind("count_meal_site", "助餐点数", "count", (r) => r.facilities_by_type.meal_site),
    ind("meal_points", "助餐服务场所数（食堂+助餐点）", "count", (r) => r.facilities_by_tier.meal, "seed 004: ≥ 67")
  ].map((i) => [i.key, i])
);

/** True when `value comparator threshold` holds. */
export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
    case "<=":
      return value <= threshold;
    case "<":
      return value < threshold;
    case "==":
      return value === threshold;
  }
}

/** Within `tol` (relative) of the threshold on the side that misses it (see module doc). */
export function nearThreshold(value: number, comparator: Comparator, threshold: number, tol: number): boolean {
  if (comparator === ">=" || comparator === ">") return value >= threshold * (1 - tol);
  if (comparator === "<=" || comparator === "<") return value <= threshold * (1 + tol);
  return Math.abs(value - threshold) <= tol * Math.abs(threshold);
}

/** ISO date (YYYY-MM-DD) of a Date or string. */
function isoDay(d: string | Date): string {
  // a Date is read as a calendar day in its local time zone (toISOString would shift it to UTC's day)
  const s = typeof d === "string" ? d : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) throw new Error(`Invalid date: ${s}`);
  return s.slice(0, 10);
}

/**
 * The light for one value (the rule in the module doc).
 * @example light(0.52, ">=", 0.55, "2025-12-31", "2024-06-01") // {status: "amber", …}
 */
export function light(value: number | null, comparator: Comparator, threshold: number, deadline: string, today: string | Date, tol = 0.1): {status: Light; reason: string} {
  if (value === null || !Number.isFinite(value)) return {status: "red", reason: "无数据：无法计算"};
  if (compare(value, comparator, threshold)) return {status: "green", reason: "已达标"};
  if (isoDay(today) > isoDay(deadline)) return {status: "red", reason: "未达标，已过期限"};
  if (nearThreshold(value, comparator, threshold, tol)) return {status: "amber", reason: `未达标，差距在${Math.round(tol * 100)}%以内，期限未到`};
  return {status: "red", reason: `未达标，差距超过${Math.round(tol * 100)}%`};
}

/**
 * Evaluate targets against metrics rows: one status per target and unit (scope_code "*" = every unit of scope).
 * @throws when a target names an unknown indicator or a scope the indicator does not support
 * @example evaluate(targets, computeMetrics(region, cov), "2024-12-31")
 */
export function evaluate(
  targets: readonly Target[],
  metrics: {townships: readonly UnitMetrics[]; counties: readonly UnitMetrics[]},
  today: string | Date,
  options: {tolerance?: number} = {}
): TargetStatus[] {
  const tol = options.tolerance ?? 0.1;
  return targets.flatMap((t) => {
    const indicator = INDICATORS.get(t.indicator);
    if (!indicator) throw new Error(`Target ${t.id}: unknown indicator ${t.indicator}`);
    if (!indicator.scopes.includes(t.scope)) throw new Error(`Target ${t.id}: indicator ${t.indicator} has no ${t.scope} scope`);
    const rows = t.scope === "county" ? metrics.counties : metrics.townships;
    const units = t.scope_code === "*" ? rows : rows.filter((r) => r.code === t.scope_code);
    const base = {target_id: t.id, indicator: t.indicator, label: indicator.label, unit: indicator.unit, scope: t.scope, comparator: t.comparator, threshold: t.threshold, deadline: t.deadline, source: t.source};
    if (units.length === 0) return [{...base, code: t.scope_code, name: "", value: null, status: "red" as Light, reason: `无数据：找不到${t.scope_code}`}];
    return units.map((r) => {
      const value = indicator.value(r);
      const lacking = r.unavailable?.[t.indicator];
      if (value === null && lacking !== undefined) return {...base, code: r.code, name: r.name, value, status: "grey" as Light, reason: `无法评估：未提供${lacking}`};
      return {...base, code: r.code, name: r.name, value, ...light(value, t.comparator, t.threshold, t.deadline, today, tol)};
    });
  });
}
