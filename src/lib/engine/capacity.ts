/**
 * Capacity of a facility added or edited in the what-if: beds, nursing beds, meal seats, floor area (m²) and
 * social workers. A new facility starts from its type's defaults — built-in values below, each with its source,
 * overridden per type by the region's `config.whatif_capacity` (`{township_centre: {beds: 30, …}, source: "…"}`).
 * The planner can change every figure in the explorer; bed, nursing-share, meal-seat, floor-area and
 * social-worker targets then respond through the same metrics as the build. Pure.
 */
import {FACILITY_TYPES} from "../facility-types.js";
import type {CapacityFields} from "./scenario.js";
import {CAPACITY_FIELDS} from "./scenario.js";
import type {FacilityType} from "../types.js";

export type Capacity = Required<CapacityFields>;

/** One type's defaults and where they come from. */
export interface CapacityDefault {
  capacity: Capacity;
  source: string;
}

const ZERO: Capacity = {beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, social_workers: 0};
const ASSUME = "规划假设（无国家标准），请按本地方案在页面修改";

/**
 * Built-in defaults. Township centre: ≤ 30 beds (利通区 2023–2025 方案 seed 001, also config.siting.max_new_beds),
 * 35 m² per bed (GB 50437 table 3.2.4; seed 001 allows 30–40), nursing beds 55 % (《"十四五"国家老龄事业发展和养老服务
 * 体系规划》: 护理型床位占比 55 %), one social worker. Other types: planning assumptions, labelled so.
 */
export const CAPACITY_DEFAULTS: Readonly<Record<FacilityType, CapacityDefault>> = {
  county_institution: {capacity: {beds: 100, nursing_beds: 55, meal_seats: 0, area_m2: 3_500, social_workers: 2}, source: `${ASSUME}：县级机构 100 张床，护理型 55 %，每床 35 m²`},
  nursing_home: {capacity: {beds: 50, nursing_beds: 28, meal_seats: 0, area_m2: 1_750, social_workers: 1}, source: `${ASSUME}：敬老院 50 张床，护理型 55 %，每床 35 m²`},
  township_centre: {capacity: {beds: 30, nursing_beds: 17, meal_seats: 0, area_m2: 1_050, social_workers: 1}, source: "床位 ≤ 30 张（利通区乡镇养老服务能力提升三年行动方案 2023–2025）；每床 35 m²（GB 50437，方案允许 30–40 m²）；护理型床位 55 %（“十四五”国家老龄事业发展和养老服务体系规划）；社工 1 名为规划假设"},
  community_station: {capacity: {...ZERO, area_m2: 200}, source: `${ASSUME}：站点 200 m²，不设床位`},
  day_centre: {capacity: {...ZERO, beds: 10, area_m2: 400}, source: `${ASSUME}：日间照料 10 张日托床位、400 m²`},
  mutual_aid: {capacity: {...ZERO, area_m2: 150}, source: `${ASSUME}：幸福院 150 m²`},
  canteen: {capacity: {...ZERO, meal_seats: 60, area_m2: 300}, source: `${ASSUME}：长者食堂 60 座、300 m²`},
  meal_site: {capacity: {...ZERO, meal_seats: 20, area_m2: 80}, source: `${ASSUME}：助餐点 20 座、80 m²`}
};

/**
 * Defaults per type with the region's overrides (`config.whatif_capacity`) applied; a type the region sets takes
 * the region's `source` (or "region.json config.whatif_capacity").
 * @example capacityDefaults({township_centre: {beds: 25}, source: "本县方案"}).township_centre.capacity.beds // 25
 */
export function capacityDefaults(config: unknown): Record<FacilityType, CapacityDefault> {
  const out = {} as Record<FacilityType, CapacityDefault>;
  const c = config && typeof config === "object" && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  const source = typeof c.source === "string" && c.source.trim() ? c.source.trim() : "region.json config.whatif_capacity";
  for (const type of FACILITY_TYPES) {
    const base = CAPACITY_DEFAULTS[type];
    const row = c[type];
    if (!row || typeof row !== "object") {
      out[type] = {capacity: {...base.capacity}, source: base.source};
      continue;
    }
    const capacity = {...base.capacity};
    for (const k of CAPACITY_FIELDS) {
      const v = (row as Record<string, unknown>)[k];
      if (typeof v === "number" && Number.isFinite(v) && v >= 0) capacity[k] = Math.round(v);
    }
    out[type] = {capacity, source};
  }
  return out;
}

/** Problems of a `config.whatif_capacity` value, one message each (empty when fine). */
export function capacityConfigErrors(config: unknown): string[] {
  if (config === undefined || config === null) return [];
  if (typeof config !== "object" || Array.isArray(config)) return ["region.json: config.whatif_capacity must be an object"];
  const errors: string[] = [];
  for (const [key, row] of Object.entries(config as Record<string, unknown>)) {
    if (key === "source" || key === "note") continue;
    if (!(FACILITY_TYPES as readonly string[]).includes(key)) {
      errors.push(`region.json: config.whatif_capacity.${key}: unknown facility type, expected one of ${FACILITY_TYPES.join(", ")}`);
      continue;
    }
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      errors.push(`region.json: config.whatif_capacity.${key} must be an object`);
      continue;
    }
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      if (!(CAPACITY_FIELDS as readonly string[]).includes(k)) errors.push(`region.json: config.whatif_capacity.${key}.${k}: unknown field, expected one of ${CAPACITY_FIELDS.join(", ")}`);
      else if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) errors.push(`region.json: config.whatif_capacity.${key}.${k}: expected a number ≥ 0, found ${JSON.stringify(v)}`);
    }
  }
  return errors;
}

/** "30 床（护理型 17）· 助餐 0 座 · 1050 m² · 社工 1 人" for the op list and details. */
export function capacityText(c: CapacityFields): string {
  const parts: string[] = [];
  if (c.beds !== undefined) parts.push(`${c.beds} 床${c.nursing_beds !== undefined ? `（护理型 ${c.nursing_beds}）` : ""}`);
  else if (c.nursing_beds !== undefined) parts.push(`护理型 ${c.nursing_beds} 床`);
  if (c.meal_seats !== undefined) parts.push(`助餐 ${c.meal_seats} 座`);
  if (c.area_m2 !== undefined) parts.push(`${c.area_m2} m²`);
  if (c.social_workers !== undefined) parts.push(`社工 ${c.social_workers} 人`);
  return parts.join(" · ");
}
