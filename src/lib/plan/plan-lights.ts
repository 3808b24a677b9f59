/**
 * Which target lights a siting plan changes, and why. The plan is judged as the explorer judges it after adoption:
 * the county's view (`WhatIfSession.view`: `computeMetrics` + `judgeTargets`, the site's own target rules) before
 * the plan (the data, with the planner's radius override if any) and after it (plus the plan's add ops). Every
 * light whose colour differs is listed — the county's and its townships' — worst news first, each with the
 * indicator, the value before → after, the threshold and a reason built from the figures the indicator is made of
 * (e.g. "新增 3 处乡镇（街道）综合养老服务中心，共 90 张床位、其中护理型 0 张；养老机构床位 414 → 504 张，护理型床位
 * 232 → 232 张；养老机构护理型床位占比 56.0% → 46.0%，低于目标 ≥ 55.0%"). Pure apart from driving the session.
 */
import {TYPE_LABEL} from "../facility-types.js";
import {comparatorText, formatInt, formatValue} from "../view/format.js";
import {deadlineLabel, type JudgedTarget} from "./milestones.js";
import type {UnitMetrics} from "./metrics.js";
import type {ScenarioOp} from "../engine/scenario.js";
import {compare, type Light} from "./targets.js";
import type {Facility} from "../types.js";
import type {UnitView, WhatIfSession} from "../engine/whatif.js";

/** One light the plan changes. */
export interface LightChange {
  target_ids: string[];
  indicator: string;
  label: string;
  unit: string;
  scope: JudgedTarget["scope"];
  /** unit (county or township) code and name */
  code: string;
  name: string;
  comparator: JudgedTarget["comparator"];
  threshold: number;
  deadline: string;
  role: JudgedTarget["role"];
  before: Light;
  after: Light;
  /** the figure today, before and after the plan */
  valueBefore: number | null;
  valueAfter: number | null;
  /** the light's own reason (milestones.ts judge) before and after */
  ruleBefore: string;
  ruleAfter: string;
  /** the light got worse (green → amber/red, amber → red) */
  worse: boolean;
  /** why: what the plan adds, the figures the indicator is made of before → after, the threshold */
  why: string;
}

const RANK: Readonly<Record<Light, number>> = {green: 0, amber: 1, red: 2, grey: -1};

/** Light names in Chinese. */
export const LIGHT_LABEL: Readonly<Record<Light, string>> = {green: "绿灯", amber: "黄灯", red: "红灯", grey: "无法评估"};

type Part = {key: keyof UnitMetrics; label: string; unit: string};
const BEDS: Part = {key: "beds", label: "养老床位", unit: "beds"};
const I_BEDS: Part = {key: "institution_beds", label: "养老机构床位", unit: "beds"};
const NURSING: Part = {key: "nursing_beds", label: "护理型床位", unit: "beds"};
const POP60: Part = {key: "pop60", label: "60岁以上老人", unit: "people"};
const POP65: Part = {key: "pop65", label: "65岁以上老人", unit: "people"};
const SEATS: Part = {key: "meal_seats", label: "助餐座位", unit: "seats"};
const SW: Part = {key: "social_workers", label: "持证社工", unit: "persons"};
const FACILITIES: Part = {key: "facilities", label: "养老服务设施", unit: "count"};

/** The figures each indicator is made of (shown before → after in the reason). */
const PARTS: Readonly<Record<string, readonly Part[]>> = {
  nursing_share: [I_BEDS, NURSING],
  township_centre_nursing_share: [NURSING],
  nursing_beds_per_1000_60: [NURSING, POP60],
  beds_per_1000_60: [BEDS, POP60],
  beds: [BEDS],
  area_per_bed: [BEDS],
  township_centre_area_per_bed: [BEDS],
  township_centre_max_beds: [BEDS],
  social_workers_per_100_beds: [SW, I_BEDS],
  social_workers_per_1000_older: [SW, POP60],
  meal_seat_ratio: [SEATS, POP65],
  meal_seat_share_65: [SEATS, POP65],
  coverage_any: [{key: "covered_any", label: "服务圈内老人", unit: "people"}],
  uncovered_people: [{key: "uncovered", label: "服务圈外老人", unit: "people"}],
  township_centre_share: [{key: "townships_with_centre", label: "有综合中心的乡镇", unit: "count"}, {key: "centre_units", label: "乡镇（街道）", unit: "count"}],
  station_share: [{key: "villages_with_station", label: "有站点的村", unit: "count"}],
  station_link_share: [{key: "stations_linked", label: "已关联中心的站点", unit: "count"}, {key: "stations", label: "站点", unit: "count"}],
  social_operation_share: [FACILITIES],
  facilities: [FACILITIES]
};

/** A figure with its unit in words (a few units formatValue does not know). */
function show(v: unknown, unit: string): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return "无数据";
  if (unit === "seats") return `${formatInt(v)} 个`;
  if (unit === "persons") return `${formatInt(v)} 人`;
  return formatValue(v, unit);
}

/** "新增 3 处乡镇（街道）综合养老服务中心，共 90 张床位、其中护理型 0 张…" — what the plan adds, the parts that matter to `indicator`. */
export function addedSummary(added: readonly Facility[], indicator: string): string {
  if (added.length === 0) return "方案未新增设施";
  const types = [...new Set(added.map((f) => f.type))];
  const sum = (k: "beds" | "nursing_beds" | "meal_seats" | "area_m2" | "social_workers") => added.reduce((a, f) => a + (f[k] ?? 0), 0);
  const parts = [`新增 ${added.length} 处${types.map((t) => TYPE_LABEL[t]).join("、")}`];
  const beds = sum("beds");
  if (/bed|nursing|social_workers_per_100/.test(indicator)) parts.push(`共 ${formatInt(beds)} 张床位、其中护理型 ${formatInt(sum("nursing_beds"))} 张`);
  if (/area/.test(indicator)) parts.push(`建筑面积 ${formatInt(sum("area_m2"))} m²`);
  if (/meal|canteen/.test(indicator)) parts.push(`助餐座位 ${formatInt(sum("meal_seats"))} 个`);
  if (/social_workers/.test(indicator)) parts.push(`持证社工 ${formatInt(sum("social_workers"))} 人`);
  if (indicator === "social_operation_share") {
    const pub = added.filter((f) => f.operator === "public").length;
    parts.push(`其中 ${pub} 处按公办运营计`);
  }
  return parts.join("，");
}

function rowOf(view: UnitView, s: Pick<JudgedTarget, "scope" | "code">): UnitMetrics | undefined {
  return (s.scope === "county" ? view.metrics.counties : view.metrics.townships).find((r) => r.code === s.code);
}

/**
 * The lights that differ between two views of the same unit, worst news first (to red, then to amber, then
 * better), each with its reason.
 * @param before the unit's view before the plan
 * @param after the unit's view after it
 * @param added the facilities the plan adds
 */
export function lightChanges(before: UnitView, after: UnitView, added: readonly Facility[]): LightChange[] {
  const key = (s: JudgedTarget) => [s.scope, s.code, s.indicator, s.comparator, s.threshold, s.deadline, s.role].join("|");
  const was = new Map(before.statuses.map((s) => [key(s), s]));
  const out: LightChange[] = [];
  for (const a of after.statuses) {
    const b = was.get(key(a));
    if (!b || b.status === a.status) continue;
    const rb = rowOf(before, a);
    const ra = rowOf(after, a);
    const parts = (PARTS[a.indicator] ?? []).map((p) => `${p.label} ${show(rb?.[p.key], p.unit)} → ${show(ra?.[p.key], p.unit)}`);
    const met = a.value !== null && compare(a.value, a.comparator, a.threshold);
    const side = a.value === null ? "无法计算" : met ? "达到" : a.comparator === ">=" || a.comparator === ">" ? "低于" : a.comparator === "==" ? "不等于" : "高于";
    const goal = `目标 ${comparatorText(a.comparator)} ${show(a.threshold, a.unit)}（${deadlineLabel(a.deadline)}）`;
    const why = [
      addedSummary(added, a.indicator),
      ...(parts.length ? [parts.join("，")] : []),
      `${a.label} ${show(b.value, a.unit)} → ${show(a.value, a.unit)}，${side}${goal}；${a.reason}`
    ].join("；");
    out.push({
      target_ids: a.target_ids, indicator: a.indicator, label: a.label, unit: a.unit, scope: a.scope, code: a.code, name: a.name,
      comparator: a.comparator, threshold: a.threshold, deadline: a.deadline, role: a.role,
      before: b.status, after: a.status, valueBefore: b.value, valueAfter: a.value, ruleBefore: b.reason, ruleAfter: a.reason,
      worse: RANK[a.status] > RANK[b.status] && RANK[b.status] >= 0, why
    });
  }
  const order = (c: LightChange) => (c.worse ? (c.after === "red" ? 0 : 1) : 2);
  return out.sort((x, y) => order(x) - order(y) || (x.scope === y.scope ? 0 : x.scope === "county" ? -1 : 1) || x.code.localeCompare(y.code) || x.indicator.localeCompare(y.indicator));
}

/**
 * Judge a plan in the explorer's model: the county's lights with `baseOps` (the planner's radius override, or
 * nothing) and with `ops` (the whole scenario), and the lights that differ. Leaves the session at `ops`.
 * @param session a what-if session over the region (its data are not changed)
 * @param county county code
 * @param ops the plan's scenario ops (sitingScenario)
 * @example planLightChanges(session, "640302", scenario.ops).changes.filter((c) => c.after === "red")
 */
export function planLightChanges(session: WhatIfSession, county: string, ops: readonly ScenarioOp[]): {before: UnitView; after: UnitView; changes: LightChange[]} {
  session.reset(ops.filter((o) => o.op === "radius"));
  const before = session.view(county, "pop60");
  session.reset(ops);
  const after = session.view(county, "pop60");
  const added = ops.flatMap((o) => (o.op === "add" ? [o.facility] : []));
  return {before, after, changes: lightChanges(before, after, added)};
}
