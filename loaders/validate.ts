/**
 * Row validators, one per file kind: each reads a RowCheck into a record of `src/lib/types.ts`, or leaves the
 * problems in the check and returns undefined. Cross-file references (townships of villages, counties of
 * townships, facilities of projects) are checked against the records accepted so far, passed in `Ctx`.
 */
import {area as turfArea} from "@turf/turf";
import type {Geometry, MultiPolygon, Polygon} from "geojson";
import {facilityTypeOf, FACILITY_TYPES, TIER_OF, townshipKind, TYPE_LABEL} from "../src/lib/facility-types.ts";
import type {
  CandidateSite,
  Comparator,
  County,
  Facility,
  FacilityStatus,
  LngLat,
  Operator,
  ProjectItem,
  SettlementClass,
  Target,
  Township
} from "../src/lib/types.ts";
import {fieldsOf} from "./aliases.ts";
import {quote, type RowCheck} from "./check.ts";
import {AreaIndex} from "../src/lib/engine/spatial.ts";
import {checkLngLat, polygonToWgs84, toWgs84, type Crs} from "./coords.ts";
import type {Village} from "../src/lib/types.ts";

/** What the validators of later files know about earlier ones. */
export interface Ctx {
  crs: Crs;
  counties: ReadonlyMap<string, County>;
  townships: ReadonlyMap<string, Township>;
  /** county polygons: a point in none is outside the region (empty index: check skipped) */
  region: AreaIndex;
  /** township polygons, keyed by township code */
  townshipAreas: AreaIndex;
  facilityIds: ReadonlySet<string>;
  /** known target indicators; undefined = not checked */
  indicators?: ReadonlySet<string>;
  /** scopes each registry indicator can be evaluated at (src/lib/plan/targets.ts) */
  indicatorScopes?: ReadonlyMap<string, readonly Target["scope"][]>;
  /** the name each registry indicator is shown with on the pages (a targets file may use it instead of the key) */
  indicatorLabels?: ReadonlyMap<string, string>;
  /** unit of each registry indicator ("share" = a fraction 0–1) */
  indicatorUnits?: ReadonlyMap<string, string>;
  /** called with every plausible point as written (before conversion), rejected rows too: the coordinate evidence */
  onPoint?: (c: RowCheck, raw: LngLat) => void;
  /** region.json config.outside_china: points outside China are not rejected (loaders/plausible.ts) */
  outsideChina?: boolean;
  /** facilities: the status of rows without one (region.json "default_status") */
  defaultStatus?: FacilityStatus;
  /** counts points converted from GCJ-02 / BD-09 */
  converted: {n: number};
  /** keys of rows rejected in earlier files, with where ("counties.csv line 2"), so a dependent row can say why */
  rejected?: {counties: ReadonlyMap<string, string>; townships: ReadonlyMap<string, string>; facilities: ReadonlyMap<string, string>};
}

/** Why a county code is unknown: its counties row was rejected, or it is not in the file. */
function noCounty(ctx: Ctx, code: string): string {
  const at = ctx.rejected?.counties.get(code);
  return at ? `its row in the counties file was rejected (${at})` : "it is not in the counties file";
}

export const SETTLEMENT_SYNONYMS: Readonly<Record<SettlementClass, readonly string[]>> = {
  urban: ["城镇", "城市", "城区", "城镇社区", "街道", "社区", "城"],
  rural: ["农村", "乡村", "村", "乡", "镇"],
  pastoral: ["牧区", "牧业", "嘎查", "苏木"]
};

export const STATUS_SYNONYMS: Readonly<Record<FacilityStatus, readonly string[]>> = {
  operating: ["运营", "运营中", "在营", "正常运营", "已运营", "开业", "已建成", "建成", "正常", "已投用", "投入使用"],
  construction: ["在建", "建设中", "施工中", "新建中", "正在建设"],
  planned: ["规划", "规划中", "计划", "拟建", "待建", "计划新建"],
  upgrading: ["改造", "提升改造", "改造中", "提升改造中", "升级改造", "改扩建"]
};

export const OPERATOR_SYNONYMS: Readonly<Record<Operator, readonly string[]>> = {
  public: ["公办", "公办公营", "公建公营", "政府运营"],
  public_private: ["公建民营", "公办民营", "委托运营", "社会化运营"],
  private: ["民办", "民营", "民建民营", "社会办"],
  collective: ["村集体", "集体", "村办", "村集体运营"],
  unknown: ["未知", "其他", "不详"]
};

export const PROJECT_STATUS_SYNONYMS: Readonly<Record<ProjectItem["status"], readonly string[]>> = {
  not_started: ["未开始", "未开工", "未启动", "待开工"],
  in_progress: ["进行中", "在建", "实施中", "推进中", "建设中", "施工中"],
  done: ["已完成", "完成", "竣工", "已竣工", "已建成"]
};

export const CANDIDATE_SYNONYMS: Readonly<Record<CandidateSite["kind"], readonly string[]>> = {
  school: ["学校", "小学", "中学", "校舍"],
  clinic: ["卫生院", "卫生室", "诊所", "卫生所"],
  factory: ["厂房", "工厂", "仓库"],
  hospital: ["医院"],
  nursing_home: ["敬老院"],
  other: ["其他", "办公用房", "闲置用房"]
};

export const SCOPE_SYNONYMS: Readonly<Record<Target["scope"], readonly string[]>> = {
  county: ["区县", "县", "县级", "区", "旗", "县区"],
  township: ["乡镇", "乡镇级", "街道", "苏木", "乡镇街道"]
};

export const COMPARATOR_SYNONYMS: Readonly<Record<Comparator, readonly string[]>> = {
  ">=": ["≥", "不少于", "不低于", "至少"],
  "<=": ["≤", "不超过", "不高于", "至多"],
  ">": ["大于", "高于"],
  "<": ["小于", "低于"],
  "==": ["=", "等于"]
};

/** A validated (multi)polygon, converted to WGS84. */
export interface Boundary {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  modelled: string[];
}

/**
 * Read the row's polygon geometry, converted to WGS84. Every position must be two finite numbers (JSON numbers: a
 * string "120.2" or a null is rejected, never read as a number or as 0), every ring closed (first position = last)
 * with at least 4 positions, enclosing some area and not crossing itself (a bow-tie); a MultiPolygon may not have an
 * empty part. The problem names the ring ("ring 2", or "part 3, ring 1" of a MultiPolygon) and the position.
 * The geometry is rebuilt from its type and coordinates only, so members beside them never travel on.
 */
function polygon(c: RowCheck, geometry: Geometry | null | undefined, ctx: Ctx): Polygon | MultiPolygon | undefined {
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) {
    return c.fail("geometry", "a Polygon or MultiPolygon", geometry?.type ?? "no geometry");
  }
  const coords: unknown = geometry.coordinates;
  if (!Array.isArray(coords) || (geometry.type === "MultiPolygon" && !coords.every(Array.isArray))) {
    return c.fail("geometry", geometry.type === "Polygon" ? "coordinates: an array of rings" : "coordinates: an array of polygons", JSON.stringify(coords) ?? "nothing");
  }
  const multi = geometry.type === "MultiPolygon";
  const polys = (multi ? coords : [coords]) as unknown[][];
  if (polys.length === 0 || (!multi && polys[0].length === 0)) return c.fail("geometry", multi ? "at least one polygon" : "at least one ring", JSON.stringify(coords), `${geometry.type} has no coordinates`);
  for (let pi = 0; pi < polys.length; pi++) {
    const poly = polys[pi];
    if (poly.length === 0) return c.fail("geometry", "polygons with at least one ring", "[]", `part ${pi + 1} of the MultiPolygon is empty: remove it or give it a ring`);
    for (let ri = 0; ri < poly.length; ri++) {
      const problem = ringProblem(poly[ri], multi ? `part ${pi + 1}, ring ${ri + 1}` : `ring ${ri + 1}`);
      if (problem) return c.fail("geometry", problem.expected, problem.found, problem.message);
    }
  }
  if (ctx.crs !== "WGS84") ctx.converted.n++;
  const clean = (multi ? {type: "MultiPolygon", coordinates: coords} : {type: "Polygon", coordinates: coords}) as Polygon | MultiPolygon;
  return polygonToWgs84(clean, ctx.crs);
}

/** What is wrong with one ring of a polygon, if anything. */
function ringProblem(ring: unknown, where: string): {expected: string; found: string; message: string} | undefined {
  if (!Array.isArray(ring)) return {expected: "a ring: an array of [lng, lat] positions", found: JSON.stringify(ring) ?? "nothing", message: `${where}: expected an array of [lng, lat] positions, found ${short(JSON.stringify(ring) ?? "nothing")}`};
  for (let k = 0; k < ring.length; k++) {
    const p: unknown = ring[k];
    const xy = Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number" && Number.isFinite(p[0]) && Number.isFinite(p[1]);
    const found = JSON.stringify(p) ?? "nothing";
    if (!xy) return {expected: "[lng, lat]: two numbers", found, message: `${where}, position ${k + 1}: expected [lng, lat] as two numbers, found ${short(found)}`};
    const [lng, lat] = p as number[];
    const problem = checkLngLat(lng, lat);
    if (problem) return {expected: problem.expected, found, message: `${where}, position ${k + 1}: ${problem.message}`};
  }
  const r = ring as number[][];
  if (r.length < 4) return {expected: "rings of at least 4 positions", found: `${r.length} positions`, message: `${where} has ${r.length} positions: a ring needs at least 4 (three corners and the first again)`};
  const [first, last] = [r[0], r[r.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return {expected: "a closed ring (last position = first)", found: JSON.stringify(last), message: `${where} is not closed: it starts at ${JSON.stringify(first.slice(0, 2))} and ends at ${JSON.stringify(last.slice(0, 2))}; repeat the first position at the end`};
  }
  const crossing = selfCrossing(r);
  if (crossing) return {expected: "a ring that does not cross itself", found: `crossing near ${crossing}`, message: `${where} crosses itself near ${crossing} (a bow-tie): the area cannot be computed; fix the boundary in a GIS (e.g. QGIS "Fix geometries")`};
  if (Math.abs(shoelace(r)) < 1e-14) return {expected: "a ring enclosing an area", found: "area 0", message: `${where} encloses no area (its positions lie on one line)`};
  return undefined;
}

/** A JSON fragment for a message, shortened. */
function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Twice the signed area of a ring in degrees² (shoelace). */
function shoelace(r: readonly number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return a;
}

/**
 * Where a ring's edges properly cross (each passes through the other's interior), as "lng, lat"; undefined when
 * none do. Edges sharing a vertex and rings touching themselves at a vertex are not crossings. Edges are swept in
 * order of their west end, so a boundary of n vertices costs about n log n plus its overlapping x-ranges.
 */
export function selfCrossing(r: readonly number[][]): string | undefined {
  const n = r.length - 1;
  const edges = Array.from({length: n}, (_, i) => i).sort((a, b) => Math.min(r[a][0], r[a + 1][0]) - Math.min(r[b][0], r[b + 1][0]));
  const orient = (p: number[], q: number[], s: number[]) => Math.sign((q[0] - p[0]) * (s[1] - p[1]) - (q[1] - p[1]) * (s[0] - p[0]));
  for (let ai = 0; ai < n; ai++) {
    const a = edges[ai];
    const [p1, p2] = [r[a], r[a + 1]];
    const maxX = Math.max(p1[0], p2[0]);
    for (let bi = ai + 1; bi < n; bi++) {
      const b = edges[bi];
      const [q1, q2] = [r[b], r[b + 1]];
      if (Math.min(q1[0], q2[0]) > maxX) break;
      if (Math.abs(a - b) === 1 || Math.abs(a - b) === n - 1) continue;
      const o1 = orient(p1, p2, q1);
      const o2 = orient(p1, p2, q2);
      const o3 = orient(q1, q2, p1);
      const o4 = orient(q1, q2, p2);
      if (o1 * o2 < 0 && o3 * o4 < 0) {
        const t = ((q1[0] - p1[0]) * (q2[1] - q1[1]) - (q1[1] - p1[1]) * (q2[0] - q1[0])) / ((p2[0] - p1[0]) * (q2[1] - q1[1]) - (p2[1] - p1[1]) * (q2[0] - q1[0]));
        return `${(p1[0] + t * (p2[0] - p1[0])).toFixed(6)}, ${(p1[1] + t * (p2[1] - p1[1])).toFixed(6)}`;
      }
    }
  }
  return undefined;
}

/** Area of a polygon in km². */
function areaKm2(g: Polygon | MultiPolygon): number {
  return Math.round(turfArea(g) / 1e4) / 100;
}

/**
 * Read a point: lng/lat parsed, checked (range, swapped), converted to WGS84, and required to lie in the region.
 * @returns [lng, lat] in WGS84, or undefined with a problem recorded
 */
export function point(c: RowCheck, ctx: Ctx): LngLat | undefined {
  const lng = c.number("lng");
  const lat = c.number("lat");
  if (lng === undefined || lat === undefined) return undefined;
  const problem = checkLngLat(lng, lat);
  if (problem) return c.fail(problem.field, problem.expected, `${lng}, ${lat}`, problem.message);
  ctx.onPoint?.(c, [lng, lat]);
  const p = toWgs84([lng, lat], ctx.crs);
  if (ctx.crs !== "WGS84") ctx.converted.n++;
  if (ctx.region.size > 0 && ctx.region.containing(p).length === 0) {
    const at = `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`;
    return c.fail("lng", "a point inside the region's county boundaries", at, `point ${at} (WGS84${ctx.crs === "WGS84" ? "" : `, converted from ${ctx.crs}`}) lies outside every county boundary of the region`);
  }
  return p;
}

/** Warn when a point is outside its township's polygon, naming the township it falls in. */
function warnOutsideTownship(c: RowCheck, ctx: Ctx, township: string, p: LngLat): void {
  if (ctx.townshipAreas.contains(township, p) !== false) return;
  const inside = ctx.townshipAreas.containing(p);
  const where = inside.length ? `it lies in ${inside.map((k) => `${ctx.townships.get(k)?.name ?? ""} ${k}`.trim()).join(", ")}` : "it lies in no township polygon";
  c.warn("lng", `point ${p[0].toFixed(6)}, ${p[1].toFixed(6)} is outside its own township ${ctx.townships.get(township)?.name ?? ""} ${township}: ${where}`);
}

/** A township code that must exist; undefined with a problem otherwise. */
function knownTownship(c: RowCheck, ctx: Ctx, field: string, code: string | undefined): Township | undefined {
  if (code === undefined) return undefined;
  const t = ctx.townships.get(code);
  if (!t) {
    const at = ctx.rejected?.townships.get(code);
    return c.fail(field, "a township code of the township boundaries file", code, `unknown township ${quote(code)}: ${at ? `its boundary feature was rejected (${at})` : "it is not in the township boundaries file"}`);
  }
  return t;
}

/**
 * The township of a point row: the township_code column, or, when it is empty or missing, the township whose
 * polygon contains the point (with a warning saying so).
 */
function townshipOf(c: RowCheck, ctx: Ctx, p: LngLat | undefined): Township | undefined {
  if (!c.empty("township_code")) return knownTownship(c, ctx, "township_code", c.code("township_code", 9));
  if (!p) return undefined;
  const hits = ctx.townshipAreas.containing(p);
  if (hits.length === 0) return c.fail("township_code", "a 9-digit code, or a point inside a township polygon", "", "township code empty and the point lies in no township polygon");
  c.warn("township_code", `empty: township ${hits[0]} taken from the point's location`);
  return ctx.townships.get(hits[0]);
}

/** Check that an optional county_code column agrees with the code it is derived from. */
function agreeingCounty(c: RowCheck, derived: string): void {
  if (c.empty("county_code")) return;
  const given = c.code("county_code", 6);
  if (given !== undefined && given !== derived) c.fail("county_code", `${derived} (the first 6 digits of the township code)`, given);
}

/**
 * Validate a counties row. area_km2 may be empty here and filled from the county boundary later.
 */
export function countyRow(c: RowCheck): County | undefined {
  const code = c.code("county_code", 6);
  const name = c.text("name");
  const pop_total = c.count("pop_total", {required: true});
  const pop60 = c.count("pop60", {required: true});
  const pop65 = c.count("pop65", {required: true});
  const pop80 = c.count("pop80", {required: true});
  const households65 = c.empty("households65") ? undefined : c.count("households65");
  const area_km2 = c.amount("area_km2");
  const modelled = c.modelled(fieldsOf("counties"));
  if (pop_total !== undefined && pop60 !== undefined && pop65 !== undefined && pop80 !== undefined) ordered(c, [["pop80", pop80], ["pop65", pop65], ["pop60", pop60], ["pop_total", pop_total]]);
  if (!c.ok || code === undefined || name === undefined) return undefined;
  const county: County = {code, name, pop_total: pop_total!, pop60: pop60!, pop65: pop65!, pop80: pop80!, area_km2: area_km2!, modelled};
  if (households65 !== undefined) county.households65 = households65;
  return county;
}

/** Require a ≤ b ≤ c … for nested population counts. */
function ordered(c: RowCheck, chain: ReadonlyArray<readonly [string, number]>): void {
  for (let i = 1; i < chain.length; i++) {
    const [lo, a] = chain[i - 1];
    const [hi, b] = chain[i];
    if (a > b) c.fail(lo, `${lo} ≤ ${hi} (${b})`, String(a), `${lo} ${a} is larger than ${hi} ${b}: expected ${lo} ≤ ${hi}`);
  }
}

/** Validate a county boundary feature. The county must be in the counties file. */
export function countyBoundaryRow(c: RowCheck, geometry: Geometry | null | undefined, ctx: Ctx): Boundary | undefined {
  const code = c.code("county_code", 6);
  const name = c.text("name", {required: false}) ?? "";
  const g = polygon(c, geometry, ctx);
  const modelled = c.modelled([...fieldsOf("county_boundaries"), "geometry"]);
  if (code !== undefined && !ctx.counties.has(code)) c.fail("county_code", "a county of the counties file", code, `unknown county ${quote(code)}: ${noCounty(ctx, code)}`);
  if (!c.ok || code === undefined || !g) return undefined;
  return {code, name: name || ctx.counties.get(code)!.name, geometry: g, modelled};
}

/** Validate a township boundary feature into a Township and its polygon. */
export function townshipRow(c: RowCheck, geometry: Geometry | null | undefined, ctx: Ctx): {township: Township; boundary: Boundary} | undefined {
  const code = c.code("township_code", 9);
  const name = c.text("name");
  const g = polygon(c, geometry, ctx);
  const modelled = c.modelled([...fieldsOf("township_boundaries"), "geometry"]);
  if (code !== undefined) {
    agreeingCounty(c, code.slice(0, 6));
    if (!ctx.counties.has(code.slice(0, 6))) c.fail("township_code", "a code starting with a county code of the counties file", code, `township ${quote(code)} belongs to county ${code.slice(0, 6)}: ${noCounty(ctx, code.slice(0, 6))}`);
  }
  const settlement = settlementOf(c, code);
  if (code !== undefined) kindDigits(c, code);
  const area = c.empty("area_km2") ? undefined : c.amount("area_km2");
  if (!c.ok || code === undefined || name === undefined || !g || !settlement) return undefined;
  const township: Township = {code, name, county_code: code.slice(0, 6), settlement, area_km2: area ?? areaKm2(g), modelled};
  return {township, boundary: {code, name, geometry: g, modelled}};
}

/**
 * Warn about kind digits (7th–9th) outside the statistical code's ranges: the township is loaded and counted in every
 * county share like a town, and the warning says so (src/lib/facility-types.ts townshipKind).
 */
function kindDigits(c: RowCheck, code: string): void {
  if (townshipKind(code) !== "unknown") return;
  c.warn("township_code", `digits 7–9 "${code.slice(6, 9)}" of ${code} are no kind of the statistical code (001–099 街道, 100–199 镇, 200–399 乡/苏木, 400–599 类似乡级单位 such as development zones): the township is counted in county shares like a town; check the code`);
}

/**
 * A township's settlement class: the settlement column, or inferred from the NBS code (001–099 = street
 * 街道 → urban, otherwise rural) with a warning. Pastoral cannot be inferred.
 */
function settlementOf(c: RowCheck, code: string | undefined): SettlementClass | undefined {
  if (!c.empty("settlement")) return c.oneOf("settlement", SETTLEMENT_SYNONYMS);
  if (code === undefined) return undefined;
  const inferred: SettlementClass = Number(code.slice(6, 9)) < 100 ? "urban" : "rural";
  c.warn("settlement", `empty: ${inferred} inferred from the township code (street 街道 codes 001–099 are urban); pastoral townships must say so`);
  return inferred;
}

/** Validate a villages row: code structure, township membership, location, older population. */
export function villageRow(c: RowCheck, ctx: Ctx): Village | undefined {
  const code = c.code("village_code", 12);
  const name = c.text("name");
  if (code !== undefined && !c.empty("township_code")) {
    const t = c.code("township_code", 9);
    if (t !== undefined && t !== code.slice(0, 9)) c.fail("village_code", `a code starting with the township code ${t}`, code, `village code ${code} does not start with its township code ${t}`);
  }
  const township = code === undefined ? undefined : knownTownship(c, ctx, "village_code", code.slice(0, 9));
  if (township) agreeingCounty(c, township.county_code);
  const p = point(c, ctx);
  const pop60 = c.count("pop60", {required: true});
  const [pop65, pop80, disabled, alone] = (["pop65", "pop80", "disabled", "alone"] as const).map((f) => c.count(f));
  const settlement = c.empty("settlement") ? township?.settlement : c.oneOf("settlement", SETTLEMENT_SYNONYMS);
  const modelled = c.modelled(fieldsOf("villages"));
  // only the columns the file has: a 0 read for an absent pop65 column (region.json "absent") orders nothing
  if (pop60 !== undefined && pop65 !== undefined && pop80 !== undefined) ordered(c, ([["pop80", pop80], ["pop65", pop65], ["pop60", pop60]] as const).filter(([f]) => c.has(f)));
  if (!c.ok || code === undefined || name === undefined || !township || !p || !settlement) return undefined;
  for (const [f, v] of [["disabled", disabled], ["alone", alone]] as const) if (v! > pop60!) c.warn(f, `${v} is more than the ${pop60} people aged 60+`);
  warnOutsideTownship(c, ctx, township.code, p);
  const kind = Number(code.slice(9)) < 200 ? "community" : "village";
  return {code, name, township_code: township.code, county_code: township.county_code, kind, settlement, lng: p[0], lat: p[1], pop60: pop60!, pop65: pop65!, pop80: pop80!, disabled: disabled!, alone: alone!, modelled};
}

/** Expected text for an unknown facility type. */
const TYPE_EXPECTED = `a facility type (${FACILITY_TYPES.map((t) => TYPE_LABEL[t]).join("/")} or a synonym)`;

/** Validate a facilities row. `id` is the cell or a generated one when the file has no id column. */
export function facilityRow(c: RowCheck, ctx: Ctx, generatedId: string | undefined): Facility | undefined {
  const id = generatedId ?? c.text("id");
  const name = c.text("name");
  const typeText = c.text("type");
  const type = typeText === undefined ? undefined : facilityTypeOf(typeText);
  if (typeText !== undefined && !type) c.fail("type", TYPE_EXPECTED, typeText, `unknown facility type ${quote(typeText)}: expected ${TYPE_EXPECTED}`);
  const status = facilityStatus(c, ctx.defaultStatus);
  const p = point(c, ctx);
  const township = townshipOf(c, ctx, p);
  if (township) agreeingCounty(c, township.county_code);
  const village = c.code("village_code", 12, {required: false});
  if (village !== undefined && township && village.slice(0, 9) !== township.code) c.fail("village_code", `a code starting with the township code ${township.code}`, village, `village code ${village} does not start with the township code ${township.code}`);
  const [beds, nursing_beds, meal_seats, social_workers] = (["beds", "nursing_beds", "meal_seats", "social_workers"] as const).map((f) => c.count(f));
  if (beds !== undefined && nursing_beds !== undefined && c.has("beds") && c.has("nursing_beds") && nursing_beds > beds) c.fail("nursing_beds", `at most beds (${beds})`, String(nursing_beds), `nursing_beds ${nursing_beds} is more than beds ${beds}: expected nursing_beds ≤ beds`);
  const area_m2 = c.amount("area_m2");
  const operator = operatorOf(c);
  const linked = c.text("linked_centre", {required: false});
  const [opened, closed, expected] = (["opened", "closed", "expected_completion"] as const).map((f) => c.date(f, {required: false}));
  if (opened && closed && closed < opened) c.fail("closed", `a date on or after opened (${opened})`, closed, `closed ${closed} is before opened ${opened}`);
  const modelled = c.modelled(fieldsOf("facilities"));
  if (!c.ok || !id || !name || !type || !status || !p || !township) return undefined;
  warnOutsideTownship(c, ctx, township.code, p);
  const f: Facility = {id, name, type, tier: TIER_OF[type], status, county_code: township.county_code, township_code: township.code, lng: p[0], lat: p[1], beds: beds!, nursing_beds: nursing_beds!, meal_seats: meal_seats!, area_m2: area_m2!, operator, social_workers: social_workers!, modelled};
  if (village !== undefined) f.village_code = village;
  if (linked) f.linked_centre = linked;
  if (opened) f.opened = opened;
  if (closed) f.closed = closed;
  if (expected) f.expected_completion = expected;
  return f;
}

/**
 * Status: an unknown word is a problem. An empty cell reads as the declared default status (region.json
 * "default_status"), else as operating with a warning. A file without a status column needs the declaration (the
 * file error is raised in loaders/figures.ts; its rows read as operating meanwhile and are not used).
 */
function facilityStatus(c: RowCheck, fallback: FacilityStatus | undefined): FacilityStatus | undefined {
  if (!c.empty("status")) return c.oneOf("status", STATUS_SYNONYMS);
  if (fallback) return fallback;
  if (c.has("status")) c.warn("status", "empty: read as operating (运营)");
  return "operating";
}

/** Operator: empty reads as unknown; an unknown word is a warning and reads as unknown. */
function operatorOf(c: RowCheck): Operator {
  return c.oneOfOr("operator", OPERATOR_SYNONYMS, "unknown");
}

/** Validate a targets row. The indicator must be known when `ctx.indicators` is set. */
export function targetRow(c: RowCheck, ctx: Ctx): Target | undefined {
  const id = c.text("id");
  const written = c.text("indicator");
  const indicator = written === undefined ? undefined : indicatorKey(written, ctx);
  if (written !== undefined && indicator === undefined) {
    c.fail("indicator", "a known indicator (its code or its name as shown on the pages)", written, `unknown indicator ${quote(written)}: expected a code or the name shown on the pages, ${indicatorHint(written, ctx)}`);
  }
  const scope = c.oneOf("scope", SCOPE_SYNONYMS);
  const scopes = indicator === undefined ? undefined : ctx.indicatorScopes?.get(indicator);
  if (scope && scopes && !scopes.includes(scope)) c.fail("scope", scopes.join(" or "), scope, `indicator ${quote(indicator!)} is computed per ${scopes.join(" or ")}, not per ${scope}`);
  const scope_code = scope === undefined ? undefined : scopeCode(c, scope, ctx);
  const comparator = c.oneOf("comparator", COMPARATOR_SYNONYMS);
  const threshold = shareThreshold(c, indicator === undefined ? undefined : ctx.indicatorUnits?.get(indicator));
  const deadline = c.date("deadline");
  const source = c.text("source");
  const note = c.text("note", {required: false});
  if (!c.ok || !id || !indicator || !scope || !scope_code || !comparator || threshold === undefined || !deadline || !source) return undefined;
  const t: Target = {id, indicator, scope, scope_code, comparator, threshold, deadline, source};
  if (note) t.note = note;
  const modelled = c.modelled(fieldsOf("targets"));
  if (modelled.length) t.modelled = modelled;
  return t;
}

/** An indicator name as compared: NFKC (full-width brackets and ％ as ASCII), no spaces, lower case. */
export function indicatorName(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/**
 * The indicator key a targets cell names: the key itself (beds_per_1000_60) or the name the pages show
 * (每千名60岁以上老人养老床位数), compared without spaces and with full-width characters folded. Undefined when it is
 * neither; any text is accepted when the loader was given no indicator list.
 */
function indicatorKey(written: string, ctx: Ctx): string | undefined {
  if (!ctx.indicators || ctx.indicators.has(written)) return written;
  const wanted = indicatorName(written);
  for (const key of ctx.indicators) if (indicatorName(key) === wanted) return key;
  for (const [key, label] of ctx.indicatorLabels ?? []) if (ctx.indicators.has(key) && indicatorName(label) === wanted) return key;
  return undefined;
}

/** Up to this many indicators are listed in full; beyond it the closest names are suggested. */
const LIST_ALL = 6;

/**
 * "one of a (名称), b" for a short indicator list; otherwise the three names closest to what was written (by shared
 * character pairs) and where the full list is.
 */
function indicatorHint(written: string, ctx: Ctx): string {
  const keys = [...ctx.indicators!];
  const show = (k: string) => (ctx.indicatorLabels?.has(k) ? `${k} (${ctx.indicatorLabels.get(k)})` : k);
  if (keys.length <= LIST_ALL) return `one of ${keys.map(show).join(", ")}`;
  const pairs = (s: string) => {
    const t = indicatorName(s);
    return new Set(Array.from({length: Math.max(0, t.length - 1)}, (_, i) => t.slice(i, i + 2)));
  };
  const w = pairs(written);
  const score = (k: string) => Math.max(...[k, ctx.indicatorLabels?.get(k) ?? k].map((n) => {
    const p = pairs(n);
    return (2 * [...p].filter((x) => w.has(x)).length) / (p.size + w.size || 1);
  }));
  const closest = keys.map((k) => ({k, s: score(k)})).sort((a, b) => b.s - a.s).slice(0, 3).map((x) => show(x.k));
  return `e.g. ${closest.join(", ")} (the data guide lists all ${keys.length} with their codes)`;
}

/**
 * A target's threshold. For a share indicator it must be a fraction 0–1: 90 or "90%" (a percentage) is rejected with
 * the fraction it means, never compared as 90 against a share that can be at most 1.
 */
function shareThreshold(c: RowCheck, unit: string | undefined): number | undefined {
  const raw = c.raw("threshold").trim();
  const percent = /^([+-]?\d+(\.\d+)?)\s*[%％]$/.exec(raw.normalize("NFKC"));
  if (unit === "share" && percent) {
    const v = Number(percent[1]);
    return c.fail("threshold", "a share from 0 to 1", raw, `a share is written 0–1: ${v} % is ${v / 100}`);
  }
  const t = c.number("threshold");
  if (t === undefined || unit !== "share" || (t >= 0 && t <= 1)) return t;
  if (t > 1 && t <= 100) return c.fail("threshold", "a share from 0 to 1", raw, `a share is written 0–1: ${t} % is ${t / 100}`);
  return c.fail("threshold", "a share from 0 to 1", raw, `expected a share from 0 to 1, found ${quote(raw)}`);
}

/** A target's scope code: `*`, or an existing county (6 digits) / township (9 digits) code. */
function scopeCode(c: RowCheck, scope: Target["scope"], ctx: Ctx): string | undefined {
  if (c.raw("scope_code").trim() === "*") return "*";
  const code = c.code("scope_code", scope === "county" ? 6 : 9);
  if (code === undefined) return undefined;
  const known = scope === "county" ? ctx.counties.has(code) : ctx.townships.has(code);
  if (!known) {
    const at = (scope === "county" ? ctx.rejected?.counties : ctx.rejected?.townships)?.get(code);
    const why = at ? ` (its ${scope === "county" ? "row in the counties file" : "boundary feature"} was rejected: ${at})` : "";
    return c.fail("scope_code", `"*" or a ${scope} code of the region`, code, `unknown ${scope} ${quote(code)}: expected "*" or a ${scope} code of the region${why}`);
  }
  return code;
}

/** Validate a projects row. */
export function projectRow(c: RowCheck, ctx: Ctx): ProjectItem | undefined {
  const id = c.text("id");
  const project = c.text("project");
  const county_code = c.code("county_code", 6);
  if (county_code !== undefined && !ctx.counties.has(county_code)) c.fail("county_code", "a county of the counties file", county_code, `unknown county ${quote(county_code)}: ${noCounty(ctx, county_code)}`);
  const facility_id = c.text("facility_id", {required: false});
  if (facility_id && !ctx.facilityIds.has(facility_id)) c.fail("facility_id", "an id of an accepted facility", facility_id, `unknown facility ${quote(facility_id)}: ${ctx.rejected?.facilities.has(facility_id) ? `its row in the facilities file was rejected (${ctx.rejected.facilities.get(facility_id)})` : "no accepted facility has this id"}`);
  const item = c.text("item");
  const category = c.text("category", {required: false}) ?? "";
  const year = c.integerIn("year", 1990, 2100);
  const [planned_qty, done_qty, budget_yuan] = (["planned_qty", "done_qty", "budget_yuan"] as const).map((f) => c.amount(f));
  // spent is optional: an empty cell or no such column is 未提供 (null), never 0
  const spent_yuan = c.empty("spent_yuan") ? null : c.amount("spent_yuan");
  const funding_source = c.text("funding_source", {required: false}) ?? "";
  const start = c.date("start", {required: false});
  const deadline = c.date("deadline");
  const status = c.oneOf("status", PROJECT_STATUS_SYNONYMS);
  const modelled = c.modelled(fieldsOf("projects"));
  if (!c.ok || !id || !project || !county_code || !item || !deadline || !status) return undefined;
  if (done_qty! > planned_qty!) c.warn("done_qty", `${done_qty} done is more than the ${planned_qty} planned`);
  if (spent_yuan !== null && spent_yuan! > budget_yuan!) c.warn("spent_yuan", `${spent_yuan} spent is more than the budget ${budget_yuan}`);
  if (start && start > deadline) c.warn("start", `start ${start} is after the deadline ${deadline}: the schedule reads the item as due all at once`);
  const p: ProjectItem = {id, project, county_code, item, category, planned_qty: planned_qty!, done_qty: done_qty!, budget_yuan: budget_yuan!, spent_yuan: spent_yuan ?? null, funding_source, deadline, status, modelled};
  if (facility_id) p.facility_id = facility_id;
  if (year !== undefined) p.year = year;
  if (start) p.start = start;
  return p;
}

/** Validate a candidates row. An unrecognised kind reads as "other" with a warning. */
export function candidateRow(c: RowCheck, ctx: Ctx, generatedId: string | undefined): CandidateSite | undefined {
  const id = generatedId ?? c.text("id");
  const name = c.text("name");
  const kind = candidateKind(c);
  const p = point(c, ctx);
  const township = townshipOf(c, ctx, p);
  if (township) agreeingCounty(c, township.county_code);
  const area_m2 = c.amount("area_m2");
  const modelled = c.modelled(fieldsOf("candidates"));
  if (!c.ok || !id || !name || !p || !township) return undefined;
  warnOutsideTownship(c, ctx, township.code, p);
  return {id, name, kind, township_code: township.code, county_code: township.county_code, lng: p[0], lat: p[1], area_m2: area_m2!, modelled};
}

function candidateKind(c: RowCheck): CandidateSite["kind"] {
  return c.oneOfOr("kind", CANDIDATE_SYNONYMS, "other");
}
