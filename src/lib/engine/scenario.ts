/**
 * What-if scenarios: an ordered list of edits to a region's facilities and radii, applied to a CoverageEngine.
 * The explorer records the planner's edits as a scenario, saves it as a JSON file and loads it again; the siting
 * page adopts suggested sites by handing over a scenario (same format, also via localStorage).
 *
 * A scenario file is untrusted input: `parseScenario` checks every field and names what is wrong.
 */
import {FACILITY_TYPES, TIER_OF} from "../facility-types.js";
import {SETTLEMENTS} from "./radii.js";
import type {Facility, FacilityStatus, FacilityType, SettlementClass} from "../types.js";

/** Where a moved facility now lies: the codes of the township (and county) at its new position. */
export interface Place {
  county_code: string;
  township_code: string;
}

export type ScenarioOp =
  | {op: "add"; facility: Facility}
  | {op: "move"; id: string; lng: number; lat: number; place?: Place}
  | {op: "remove"; id: string}
  | {op: "radius"; type: FacilityType; settlement: SettlementClass; metres: number}
  /** capacity figures of a facility of the data (an added facility carries its own in its add) */
  | {op: "capacity"; id: string; fields: CapacityFields};

/** The capacity figures a what-if may set (each a count ≥ 0; area in m²). */
export type CapacityFields = Partial<Pick<Facility, "beds" | "nursing_beds" | "meal_seats" | "area_m2" | "social_workers">>;
export const CAPACITY_FIELDS = ["beds", "nursing_beds", "meal_seats", "area_m2", "social_workers"] as const;

export interface Scenario {
  format: "carecircle-scenario";
  version: 1;
  /** region id the scenario was made for */
  region: string;
  name: string;
  created: string;
  ops: ScenarioOp[];
}

/** localStorage key under which the siting page hands a scenario to the explorer. */
export const SCENARIO_STORAGE_KEY = "carecircle.scenario.v1";

/** The part of the engine a scenario drives. */
export interface ScenarioTarget {
  addFacility(f: Facility): void;
  moveFacility(id: string, lng: number, lat: number, place?: Place): void;
  removeFacility(id: string): unknown;
  setRadius(type: FacilityType, settlement: SettlementClass, metres: number): void;
  setCapacity(id: string, fields: CapacityFields): void;
}

/** An empty scenario for a region. */
export function emptyScenario(region: string, name = "新方案", created = new Date().toISOString()): Scenario {
  return {format: "carecircle-scenario", version: 1, region, name, created, ops: []};
}

/** Apply every op in order. Throws (naming the op) when an op cannot be applied, e.g. an unknown facility id. */
export function applyScenario(target: ScenarioTarget, scenario: Scenario): void {
  scenario.ops.forEach((op, i) => {
    try {
      applyOp(target, op);
    } catch (error) {
      throw new Error(`方案第 ${i + 1} 步（${op.op}）无法执行：${(error as Error).message}`);
    }
  });
}

export function applyOp(target: ScenarioTarget, op: ScenarioOp): void {
  switch (op.op) {
    case "add":
      return target.addFacility(op.facility);
    case "move":
      return target.moveFacility(op.id, op.lng, op.lat, op.place);
    case "remove":
      target.removeFacility(op.id);
      return;
    case "radius":
      return target.setRadius(op.type, op.settlement, op.metres);
    case "capacity":
      return target.setCapacity(op.id, op.fields);
  }
}

const STATUSES: readonly FacilityStatus[] = ["operating", "construction", "planned", "upgrading"];

class ScenarioError extends Error {}

function fail(where: string, expected: string, found: unknown): never {
  throw new ScenarioError(`${where}: expected ${expected}, found ${JSON.stringify(found)?.slice(0, 80)}`);
}

function str(v: unknown, where: string, max = 200): string {
  if (typeof v !== "string" || v.length > max) fail(where, `a string of at most ${max} characters`, v);
  return v;
}

function num(v: unknown, where: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) fail(where, `a number in [${min}, ${max}]`, v);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  if (typeof v !== "string" || !allowed.includes(v as T)) fail(where, `one of ${allowed.join(", ")}`, v);
  return v as T;
}

function facility(v: unknown, where: string): Facility {
  if (!v || typeof v !== "object") fail(where, "a facility object", v);
  const o = v as Record<string, unknown>;
  const type = oneOf(o.type, FACILITY_TYPES, `${where}.type`);
  const count = (k: string) => (o[k] === undefined ? 0 : Math.round(num(o[k], `${where}.${k}`, 0, 1e6)));
  return {
    id: str(o.id, `${where}.id`, 80),
    name: str(o.name, `${where}.name`),
    type,
    tier: TIER_OF[type],
    status: o.status === undefined ? "planned" : oneOf(o.status, STATUSES, `${where}.status`),
    county_code: str(o.county_code ?? "", `${where}.county_code`, 12),
    township_code: str(o.township_code ?? "", `${where}.township_code`, 12),
    ...(o.village_code !== undefined ? {village_code: str(o.village_code, `${where}.village_code`, 12)} : {}),
    lng: num(o.lng, `${where}.lng`, -180, 180),
    lat: num(o.lat, `${where}.lat`, -90, 90),
    beds: count("beds"),
    nursing_beds: count("nursing_beds"),
    meal_seats: count("meal_seats"),
    area_m2: count("area_m2"),
    operator: oneOf(o.operator ?? "unknown", ["public", "public_private", "private", "collective", "unknown"], `${where}.operator`),
    social_workers: count("social_workers"),
    ...(o.linked_centre !== undefined ? {linked_centre: str(o.linked_centre, `${where}.linked_centre`, 80)} : {}),
    modelled: []
  };
}

function place(v: unknown, where: string): Place {
  if (!v || typeof v !== "object") fail(where, "a place object", v);
  const o = v as Record<string, unknown>;
  return {county_code: str(o.county_code, `${where}.county_code`, 12), township_code: str(o.township_code, `${where}.township_code`, 12)};
}

function op(v: unknown, where: string): ScenarioOp {
  if (!v || typeof v !== "object") fail(where, "an op object", v);
  const o = v as Record<string, unknown>;
  switch (o.op) {
    case "add":
      return {op: "add", facility: facility(o.facility, `${where}.facility`)};
    case "move":
      return {
        op: "move",
        id: str(o.id, `${where}.id`, 80),
        lng: num(o.lng, `${where}.lng`, -180, 180),
        lat: num(o.lat, `${where}.lat`, -90, 90),
        ...(o.place !== undefined ? {place: place(o.place, `${where}.place`)} : {})
      };
    case "remove":
      return {op: "remove", id: str(o.id, `${where}.id`, 80)};
    case "radius":
      return {
        op: "radius",
        type: oneOf(o.type, FACILITY_TYPES, `${where}.type`),
        settlement: oneOf(o.settlement, SETTLEMENTS, `${where}.settlement`),
        metres: num(o.metres, `${where}.metres`, 1, 500_000)
      };
    case "capacity": {
      const f = o.fields;
      if (!f || typeof f !== "object" || Array.isArray(f)) fail(`${where}.fields`, "an object of capacity figures", f);
      const fields: CapacityFields = {};
      for (const k of CAPACITY_FIELDS) {
        const x = (f as Record<string, unknown>)[k];
        if (x !== undefined) fields[k] = Math.round(num(x, `${where}.fields.${k}`, 0, 1e6));
      }
      return {op: "capacity", id: str(o.id, `${where}.id`, 80), fields};
    }
    default:
      return fail(`${where}.op`, "add, move, remove, radius or capacity", o.op);
  }
}

/**
 * Check a parsed scenario file. Returns the scenario with only known fields; throws an Error whose message
 * names the field, what was expected and what was found.
 * @example parseScenario(JSON.parse(text), "default")
 */
export function parseScenario(value: unknown, region?: string): Scenario {
  if (!value || typeof value !== "object") fail("scenario", "a JSON object", value);
  const o = value as Record<string, unknown>;
  if (o.format !== "carecircle-scenario") fail("scenario.format", '"carecircle-scenario"', o.format);
  if (o.version !== 1) fail("scenario.version", "1", o.version);
  const r = str(o.region, "scenario.region", 80);
  if (region !== undefined && r !== region) fail("scenario.region", `the current region "${region}"`, r);
  if (!Array.isArray(o.ops) || o.ops.length > 10_000) fail("scenario.ops", "an array of at most 10000 ops", o.ops);
  return {
    format: "carecircle-scenario",
    version: 1,
    region: r,
    name: str(o.name ?? "方案", "scenario.name"),
    created: str(o.created ?? "", "scenario.created", 40),
    ops: o.ops.map((x, i) => op(x, `scenario.ops[${i}]`))
  };
}

/**
 * The county a scenario is about: the one its facility ops touch most (an add's county, the county a moved
 * facility ends up in, a removed facility's county; ids are looked up in `facilities`, then in the scenario's
 * own adds). Ties go to the county touched first; null when no op names a facility of a known county
 * (e.g. radius changes only).
 * @example scenarioCounty(siting.ops, region.facilities) // "640302"
 */
export function scenarioCounty(ops: readonly ScenarioOp[], facilities: readonly Pick<Facility, "id" | "county_code">[]): string | null {
  const countyOf = new Map(facilities.map((f) => [f.id, f.county_code]));
  const touched = new Map<string, number>();
  for (const op of ops) {
    let county: string | undefined;
    if (op.op === "add") {
      county = op.facility.county_code;
      countyOf.set(op.facility.id, county);
    } else if (op.op === "move") {
      county = op.place?.county_code ?? countyOf.get(op.id);
      if (op.place) countyOf.set(op.id, op.place.county_code);
    } else if (op.op === "remove" || op.op === "capacity") county = countyOf.get(op.id);
    if (county) touched.set(county, (touched.get(county) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [county, n] of touched) if (best === null || n > touched.get(best)!) best = county;
  return best;
}
