/**
 * Capacity-aware accessibility: the enhanced two-step floating catchment area method (E2SFCA, Luo & Qi 2009) for
 * two goods, institution beds (养老机构床位: INSTITUTION_TYPES) and meal seats (助餐座位: canteen, meal_site).
 * See docs/access.md for the method, the defaults and their sources.
 *
 * Catchment: facility j of type T reaches village k when haversine(k, j) ≤ radius[T][k.settlement] — the radius the
 * coverage engine uses for that pair (`radii.ts`, `geo.ts`: the one distance definition). Inside the catchment a
 * decay weight W(d / radius) applies ({@link decayWeight}: stepped zones, default Luo & Qi's 1.00 / 0.68 / 0.22 over
 * thirds of the catchment, or a Gaussian).
 *   Step 1: R_j = S_j / Σ_k P_k · W_kj  (S_j beds or seats, P_k the village's pop60);
 *   Step 2: A_k = 1 000 · Σ_j R_j · W_kj  (per 1 000 older people).
 * A facility with no older people in its catchment has no ratio and gives nothing (its supply reaches nobody).
 * Consequence used by the tests: Σ_k P_k · A_k = 1 000 · Σ S_j over the facilities that reach someone.
 *
 * Cost: villages of each settlement class sit in a uniform lat/lng grid (`spatial.ts`'s PointGrid, the one used by
 * coverage.ts: CSR typed arrays, villages copied into cell order); each facility scans the cells its catchment box spans, twice (step 1, step 2).
 * Pairs surely outside are rejected on the squared chord between unit vectors; every pair inside is weighed on the
 * exact haversine distance, the same operations as `haversine`, so catchment and zone decisions equal an all-pairs
 * computation's bit for bit. Not for data crossing the antimeridian.
 */
import {INSTITUTION_TYPES, SERVING_STATUSES, STATION_TYPES, type StationType} from "../facility-types.js";
import {chordHavError, distanceFromHav, havOfDistance, havTerm, METRES_PER_DEGREE, metresToDegreesLng, toRadians, unitVector} from "./geo.js";
import {SETTLEMENTS} from "./radii.js";
import {bboxOfPoints, MAX_GRID_CELLS, PointGrid} from "./spatial.js";
import type {AbsentFigures, County, Facility, FacilityStatus, FacilityType, RadiusTable, SettlementClass, Township, Village} from "../types.js";

/** The two supplies measured. */
export type Good = "beds" | "meals";
export const GOODS: readonly Good[] = ["beds", "meals"];

/** Facility types supplying each good, and the facility field holding the supply. */
export const GOOD_TYPES: Readonly<Record<Good, readonly FacilityType[]>> = {
  beds: [...INSTITUTION_TYPES],
  meals: ["canteen", "meal_site"]
};
export const GOOD_FIELD: Readonly<Record<Good, "beds" | "meal_seats">> = {beds: "beds", meals: "meal_seats"};

/**
 * Capacitated coverage also counts community stations: a station has no beds or seats, so its capacity is a number
 * of older people it can serve per type, from `config.access.station_capacity` (planning assumptions by default).
 */
export type CapacityGood = Good | "stations";
export const CAPACITY_GOODS: readonly CapacityGood[] = ["beds", "meals", "stations"];
/** The community-tier types (TIER_OF community) whose capacity is a number of older people served, from config. */
export {STATION_TYPES, type StationType};
export const CAPACITY_TYPES: Readonly<Record<CapacityGood, readonly FacilityType[]>> = {...GOOD_TYPES, stations: STATION_TYPES};

/** Older people a station of each type serves, and where the figures come from. */
export interface StationCapacity {
  capacity: Record<StationType, number>;
  source: string;
  /** true while every figure is the default planning assumption (the pages label it 假设) */
  assumed: boolean;
}

/**
 * Planning assumptions, not standards: no national norm states how many older people a station serves. Sized against
 * 建标143-2010《社区老年人日间照料中心建设标准》 (the smallest class, 三类, serves a community of 10 000–15 000
 * residents, i.e. roughly 1 500–2 500 aged 60+ at 15 % — of whom a day centre reaches a part) and the scale of a
 * rural 互助幸福院 (tens of residents): pages show them as assumed until a region sets its own.
 */
export const DEFAULT_STATION_CAPACITY: Readonly<StationCapacity> = Object.freeze({
  capacity: Object.freeze({community_station: 300, day_centre: 200, mutual_aid: 50}),
  source: "站点服务容量：规划假设（非国家标准）——社区养老服务站每站服务300名、日间照料中心200名、农村互助幸福院50名60岁以上老人（量级参照建标143-2010社区老年人日间照料中心建设标准与互助幸福院规模）",
  assumed: true
});

/** Distance decay inside a catchment, on the distance as a share of the catchment radius (0..1). */
export type DecayRule =
  | {kind: "zones"; /** upper bounds of the zones as shares of the radius, increasing, the last 1 */ zones: number[]; weights: number[]; source: string}
  | {kind: "gaussian"; source: string};

/** Parameters of the model. */
export interface AccessParams {
  decay: DecayRule;
  /** standards per 1 000 older people (pop60): beds default 40 (GB 50437), meals default 50 (planning assumption);
   *  stations: older people per 1 000 a community station is meant to serve (default 1 000: every older person) */
  standards: {beds: number; meals: number; stations: number; source: string};
  /** per-type capacity of community stations (people served), for capacitated coverage */
  station_capacity: StationCapacity;
}

/** Luo & Qi (2009): three travel-time zones 0–10, 10–20, 20–30 min weighted 1.00, 0.68, 0.22 (Gaussian steps). */
export const DEFAULT_DECAY: Readonly<DecayRule> = Object.freeze({
  kind: "zones",
  zones: [1 / 3, 2 / 3, 1],
  weights: [1, 0.68, 0.22],
  source: "Luo & Qi (2009) E2SFCA：服务半径三等分（原文0–10、10–20、20–30分钟），权重1.00/0.68/0.22（高斯函数分段取值）"
});

export const DEFAULT_STANDARDS: Readonly<AccessParams["standards"]> = Object.freeze({
  beds: 40,
  meals: 50,
  stations: 1000,
  source: "床位：GB 50437-2007（2018年版）§3.2.1 每千名60岁以上老人40张；助餐座位：规划假设（参照金山区方案助餐能力≥65岁以上老人5 %，按60岁以上每千人50座计，非国家标准）；站点：规划假设，每位60岁以上老人均为社区居家养老服务对象（每千人1000人）"
});

/**
 * The model's parameters from `region.json` `config.access` (any part may be left out; defaults above):
 *   {"decay": {"kind": "zones", "zones": [0.333, 0.667, 1], "weights": [1, 0.68, 0.22], "source": "…"},
 *    "standards": {"beds": 40, "meals": 50, "source": "…"}}
 * or `"decay": {"kind": "gaussian", "source": "…"}`. Throws, naming the key, on a malformed value.
 */
export function accessParams(config: Record<string, unknown> | undefined): AccessParams {
  const v = config?.access;
  const bad = (why: string) => new Error(`region.json: config.access: ${why}`);
  if (v === undefined || v === null) return {decay: DEFAULT_DECAY, standards: {...DEFAULT_STANDARDS}, station_capacity: defaultStationCapacity()};
  if (typeof v !== "object" || Array.isArray(v)) throw bad("expected an object {decay, standards}");
  const o = v as Record<string, unknown>;
  let decay: DecayRule = DEFAULT_DECAY;
  if (o.decay !== undefined) {
    const d = o.decay as Record<string, unknown>;
    if (typeof d !== "object" || d === null) throw bad("decay: expected an object");
    if (typeof d.source !== "string" || !d.source.trim()) throw bad("decay.source is required: say where the decay comes from");
    if (d.kind === "gaussian") decay = {kind: "gaussian", source: d.source};
    else if (d.kind === "zones") {
      const zones = d.zones, weights = d.weights;
      const nums = (a: unknown): a is number[] => Array.isArray(a) && a.length > 0 && a.every((x) => typeof x === "number" && Number.isFinite(x));
      if (!nums(zones) || !nums(weights) || zones.length !== weights.length) throw bad("decay.zones and decay.weights: expected two lists of numbers of the same length");
      if (zones.some((z, i) => z <= (i ? zones[i - 1] : 0)) || zones[zones.length - 1] !== 1) throw bad("decay.zones: expected increasing shares of the radius in (0, 1], the last 1");
      if (weights.some((w) => w < 0 || w > 1)) throw bad("decay.weights: expected weights in [0, 1]");
      decay = {kind: "zones", zones, weights, source: d.source};
    } else throw bad(`decay.kind: expected "zones" or "gaussian", found ${JSON.stringify(d.kind)}`);
  }
  const standards: AccessParams["standards"] = {...DEFAULT_STANDARDS};
  if (o.standards !== undefined) {
    const s = o.standards as Record<string, unknown>;
    if (typeof s !== "object" || s === null) throw bad("standards: expected an object");
    for (const k of ["beds", "meals", "stations"] as const) {
      if (s[k] === undefined) continue;
      if (typeof s[k] !== "number" || !Number.isFinite(s[k]) || s[k] <= 0) throw bad(`standards.${k}: expected a positive number per 1 000 older people`);
      standards[k] = s[k];
    }
    if (typeof s.source === "string" && s.source.trim()) standards.source = s.source;
  }
  const station_capacity = defaultStationCapacity();
  if (o.station_capacity !== undefined) {
    const c = o.station_capacity as Record<string, unknown>;
    if (typeof c !== "object" || c === null || Array.isArray(c)) throw bad("station_capacity: expected an object {community_station, day_centre, mutual_aid, source}");
    if (typeof c.source !== "string" || !c.source.trim()) throw bad("station_capacity.source is required: say where the capacities come from");
    for (const k of Object.keys(c)) if (k !== "source" && !(STATION_TYPES as readonly string[]).includes(k)) throw bad(`station_capacity.${k}: expected one of ${STATION_TYPES.join(", ")}`);
    for (const k of STATION_TYPES) {
      if (c[k] === undefined) continue;
      if (typeof c[k] !== "number" || !Number.isFinite(c[k]) || c[k] < 0) throw bad(`station_capacity.${k}: expected a number of older people ≥ 0`);
      station_capacity.capacity[k] = c[k];
    }
    // figures left out keep the default assumption: the source then names both
    const partial = STATION_TYPES.some((k) => c[k] === undefined);
    station_capacity.source = partial ? `${c.source}；未设定的类型：${DEFAULT_STATION_CAPACITY.source}` : c.source;
    station_capacity.assumed = partial;
  }
  return {decay, standards, station_capacity};
}

function defaultStationCapacity(): StationCapacity {
  return {capacity: {...DEFAULT_STATION_CAPACITY.capacity}, source: DEFAULT_STATION_CAPACITY.source, assumed: true};
}

const GAUSS_FLOOR = Math.exp(-0.5);

/**
 * Weight of a pair at distance `d` inside a catchment of radius `r` (d ≤ r): the weight of the first zone whose
 * bound `zones[i] · r` is ≥ d, or the Gaussian (e^(−½(d/r)²) − e^(−½)) / (1 − e^(−½)) (Dai 2010), 1 at 0 and 0 at r.
 */
export function decayWeight(rule: DecayRule, d: number, r: number): number {
  if (rule.kind === "gaussian") {
    const x = d / r;
    return (Math.exp(-0.5 * x * x) - GAUSS_FLOOR) / (1 - GAUSS_FLOOR);
  }
  const {zones, weights} = rule;
  for (let i = 0; i < zones.length; i++) if (d <= zones[i] * r) return weights[i];
  return 0;
}

/** Options of {@link computeAccess}. */
export interface AccessOptions {
  /** statuses that serve (default operating, upgrading) */
  statuses?: readonly FacilityStatus[];
  /** figures the region does not provide: a good whose supply field is absent gets null, never zeros */
  absent?: AbsentFigures;
  /** also return each facility's step-1 ratio (supply per older person weighted in its catchment), by id */
  ratios?: boolean;
}

/** Per village (index-aligned with the villages): accessible supply per 1 000 older people, or null when not provided. */
export interface AccessResult {
  villages: readonly Village[];
  beds: Float64Array | null;
  meals: Float64Array | null;
  /** facilities of each good that reach at least one older person, and their supply */
  reaching: Record<Good, {facilities: number; supply: number}>;
  /** with options.ratios: R_j of every supplying facility (0 when it reaches nobody), by facility id */
  ratios?: Record<Good, Map<string, number>>;
}

const NS = SETTLEMENTS.length;
const SETTLEMENT_INDEX = Object.fromEntries(SETTLEMENTS.map((s, i) => [s, i])) as Record<SettlementClass, number>;
/**
 * Villages of one settlement class in a grid (`spatial.ts`'s PointGrid over their own box, cells of ≈ `cellMetres`,
 * about two cells per village at most: a sparse, wide region does not pay for empty cells), their data copied into
 * cell order; `orig` is the village index of each slot.
 */
class VillageGrid extends PointGrid {
  readonly orig: Int32Array;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly cos: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly pop: Float64Array;

  constructor(all: VillageArrays, ids: Int32Array, cellMetres: number) {
    super(bboxOfPoints(all.lng, all.lat, ids), all.lng, all.lat, ids, cellMetres, Math.min(MAX_GRID_CELLS, Math.max(64, 2 * ids.length)));
    this.orig = this.items;
    this.lng = this.gather(all.lng);
    this.lat = this.gather(all.lat);
    this.cos = this.gather(all.cos);
    this.x = this.gather(all.x);
    this.y = this.gather(all.y);
    this.z = this.gather(all.z);
    this.pop = this.gather(all.pop);
  }
}

/** Every village's coordinates, cos of latitude, unit vector and pop60, in typed arrays (village order). */
interface VillageArrays {
  lng: Float64Array;
  lat: Float64Array;
  cos: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  pop: Float64Array;
}

function villageArrays(villages: readonly Village[]): VillageArrays {
  const n = villages.length;
  const a: VillageArrays = {
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    cos: new Float64Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    pop: new Float64Array(n)
  };
  for (let i = 0; i < n; i++) {
    const v = villages[i];
    a.lng[i] = v.lng;
    a.lat[i] = v.lat;
    a.cos[i] = Math.cos(toRadians(v.lat));
    unitVector(v.lng, v.lat, a.x, a.y, a.z, i);
    a.pop[i] = v.pop60;
  }
  return a;
}

/** A facility of one good, in typed form. */
interface Supplies {
  n: number;
  ids: string[];
  lng: Float64Array;
  lat: Float64Array;
  cos: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  supply: Float64Array;
  /** radius per facility and settlement class: [j * NS + s] */
  radius: Float64Array;
}

function supplies(facilities: readonly Facility[], good: Good, radii: RadiusTable, statuses: ReadonlySet<FacilityStatus>): Supplies {
  const field = GOOD_FIELD[good];
  return suppliesOf(facilities, GOOD_TYPES[good], (f) => f[field], radii, statuses);
}

/** The serving facilities of `types` with a positive capacity `cap(f)`, in typed form (input order). */
function suppliesOf(facilities: readonly Facility[], typeList: readonly FacilityType[], cap: (f: Facility) => number, radii: RadiusTable, statuses: ReadonlySet<FacilityStatus>): Supplies {
  const types = new Set(typeList);
  const list = facilities.filter((f) => types.has(f.type) && statuses.has(f.status) && cap(f) > 0);
  const n = list.length;
  const s: Supplies = {
    n,
    ids: list.map((f) => f.id),
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    cos: new Float64Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    supply: new Float64Array(n),
    radius: new Float64Array(n * NS)
  };
  list.forEach((f, j) => {
    s.lng[j] = f.lng;
    s.lat[j] = f.lat;
    s.cos[j] = Math.cos(toRadians(f.lat));
    unitVector(f.lng, f.lat, s.x, s.y, s.z, j);
    s.supply[j] = cap(f);
    SETTLEMENTS.forEach((set, si) => (s.radius[j * NS + si] = radii[f.type][set]));
  });
  return s;
}

/**
 * Visit every village of `g` within radius `r` of supply j: `visit(slot, weight)`; returns nothing. The weight is the
 * decay at the exact haversine distance (village first, facility second, as `haversine(v…, f…)`).
 */
function scan(g: VillageGrid, s: Supplies, j: number, r: number, rule: DecayRule, visit: (slot: number, w: number) => void): void {
  if (g.orig.length === 0) return;
  const flng = s.lng[j], flat = s.lat[j], fcos = s.cos[j], fx = s.x[j], fy = s.y[j], fz = s.z[j];
  const dLat = (r / METRES_PER_DEGREE) * (1 + 1e-9) + 1e-9;
  const dLng = Math.min(180, metresToDegreesLng(r, flat) * (1 + 1e-9) + 1e-9);
  const hr = havOfDistance(r);
  const cut = hr * (1 + 1e-9) + chordHavError(hr) * 2;
  const cx0 = g.cx(flng - dLng), cx1 = g.cx(flng + dLng), cy0 = g.cy(flat - dLat), cy1 = g.cy(flat + dLat);
  const {start, x, y, z, lng, lat, cos} = g;
  for (let cy = cy0; cy <= cy1; cy++) {
    const row = cy * g.nx;
    const a0 = start[row + cx0], a1 = start[row + cx1 + 1];
    for (let k = a0; k < a1; k++) {
      const ex = x[k] - fx, ey = y[k] - fy, ez = z[k] - fz;
      if ((ex * ex + ey * ey + ez * ez) * 0.25 > cut) continue;
      const d = distanceFromHav(havTerm(lng[k], lat[k], cos[k], flng, flat, fcos));
      if (d > r) continue;
      visit(k, decayWeight(rule, d, r));
    }
  }
}

/**
 * E2SFCA accessibility of every village to beds and meal seats (per 1 000 aged 60+).
 * @example const acc = computeAccess(region.villages, facilities, radii, accessParams(region.config), {absent: region.meta.absent});
 *          acc.beds?.[0] // beds within reach of village 0 per 1 000 of its older people, decayed and shared
 */
export function computeAccess(villages: readonly Village[], facilities: readonly Facility[], radii: RadiusTable, params: AccessParams, options: AccessOptions = {}): AccessResult {
  const statuses = new Set(options.statuses ?? SERVING_STATUSES);
  const bySet: number[][] = SETTLEMENTS.map(() => []);
  villages.forEach((v, i) => bySet[SETTLEMENT_INDEX[v.settlement]].push(i));
  const out: AccessResult = {villages, beds: null, meals: null, reaching: {beds: {facilities: 0, supply: 0}, meals: {facilities: 0, supply: 0}}};
  const all = villageArrays(villages);
  for (const good of GOODS) {
    if ((options.absent?.facilities ?? []).includes(GOOD_FIELD[good])) continue;
    const s = supplies(facilities, good, radii, statuses);
    // one grid per settlement class, cells half the smallest radius of the good's types there
    const grids = SETTLEMENTS.map((set, si) => {
      const rmin = Math.min(...GOOD_TYPES[good].map((t) => radii[t][set]));
      return new VillageGrid(all, Int32Array.from(bySet[si]), rmin / 2);
    });
    // step 1: weighted older population in each facility's catchment, ratio supply / demand
    const ratio = new Float64Array(s.n);
    let demand = 0;
    const add1 = (slot: number, w: number, pop: Float64Array) => (demand += pop[slot] * w);
    for (let j = 0; j < s.n; j++) {
      demand = 0;
      for (let si = 0; si < NS; si++) {
        const pop = grids[si].pop;
        scan(grids[si], s, j, s.radius[j * NS + si], params.decay, (k, w) => add1(k, w, pop));
      }
      if (demand > 0) {
        ratio[j] = s.supply[j] / demand;
        out.reaching[good].facilities++;
        out.reaching[good].supply += s.supply[j];
      }
    }
    // step 2: each village sums the ratios of the facilities reaching it, decayed
    const acc = new Float64Array(villages.length);
    for (let j = 0; j < s.n; j++) {
      const rj = ratio[j];
      if (rj === 0) continue;
      for (let si = 0; si < NS; si++) {
        const orig = grids[si].orig;
        scan(grids[si], s, j, s.radius[j * NS + si], params.decay, (k, w) => (acc[orig[k]] += rj * w));
      }
    }
    for (let i = 0; i < acc.length; i++) acc[i] *= 1000;
    out[good] = acc;
    if (options.ratios) (out.ratios ??= {beds: new Map(), meals: new Map()})[good] = new Map(s.ids.map((id, j) => [id, ratio[j]]));
  }
  return out;
}

/** Population-weighted figures of one township or county. */
export interface AccessUnit {
  scope: "county" | "township";
  code: string;
  name: string;
  county_code: string;
  pop60: number;
  /** population-weighted mean of the villages' accessible beds per 1 000 aged 60+ (null: not provided or nobody) */
  beds_mean: number | null;
  /** share of the unit's aged 60+ living in villages below the bed standard */
  beds_below_share: number | null;
  beds_standard: number;
  meals_mean: number | null;
  meals_below_share: number | null;
  meals_standard: number;
}

/**
 * Per township and county: population-weighted mean accessibility and the share of older people below the standard.
 * @param bedStandard the bed standard of a county (default params.standards.beds; the build passes each county's own)
 */
export function summariseAccess(
  result: AccessResult,
  townships: readonly Pick<Township, "code" | "name" | "county_code">[],
  counties: readonly Pick<County, "code" | "name">[],
  params: AccessParams,
  bedStandard: (countyCode: string) => number = () => params.standards.beds
): {townships: AccessUnit[]; counties: AccessUnit[]} {
  type Acc = {pop: number; b: number; bBelow: number; m: number; mBelow: number};
  const empty = (): Acc => ({pop: 0, b: 0, bBelow: 0, m: 0, mBelow: 0});
  const byT = new Map<string, Acc>(), byC = new Map<string, Acc>();
  result.villages.forEach((v, i) => {
    const p = v.pop60;
    const bStd = bedStandard(v.county_code);
    for (const [map, key] of [[byT, v.township_code], [byC, v.county_code]] as const) {
      let a = map.get(key);
      if (!a) map.set(key, (a = empty()));
      a.pop += p;
      if (result.beds) {
        a.b += p * result.beds[i];
        if (result.beds[i] < bStd) a.bBelow += p;
      }
      if (result.meals) {
        a.m += p * result.meals[i];
        if (result.meals[i] < params.standards.meals) a.mBelow += p;
      }
    }
  });
  const row = (scope: AccessUnit["scope"], code: string, name: string, county: string, a: Acc | undefined): AccessUnit => {
    const x = a ?? empty();
    const has = x.pop > 0;
    return {
      scope,
      code,
      name,
      county_code: county,
      pop60: x.pop,
      beds_mean: result.beds && has ? x.b / x.pop : null,
      beds_below_share: result.beds && has ? x.bBelow / x.pop : null,
      beds_standard: bedStandard(county),
      meals_mean: result.meals && has ? x.m / x.pop : null,
      meals_below_share: result.meals && has ? x.mBelow / x.pop : null,
      meals_standard: params.standards.meals
    };
  };
  return {
    townships: townships.map((t) => row("township", t.code, t.name, t.county_code, byT.get(t.code))),
    counties: counties.map((c) => row("county", c.code, c.name, c.code, byC.get(c.code)))
  };
}

/** Capacitated coverage of one good: who is served when each facility serves at most its capacity. */
export interface CapacityResult {
  /** per village: older people needing the good (pop60 × standard / 1 000) and how many of them are served */
  demand: Float64Array;
  served: Float64Array;
  /** per supplying facility id: capacity used */
  used: Map<string, number>;
}

/**
 * Capacitated coverage (issue 18): each supplying facility serves at most its capacity — beds (institutions), meal
 * seats (canteens, meal sites), or for `stations` (community_station, day_centre, mutual_aid) the number of older
 * people its type serves from `options.stationCapacity` (config.access.station_capacity, default
 * {@link DEFAULT_STATION_CAPACITY}, planning assumptions). A village's demand is the older people its standard
 * provides for, pop60 × standard / 1 000 (beds 40 per 1 000: 4 % need a bed; stations 1 000: everyone).
 * Rule, nearest first over the whole region: every village × facility pair within the catchment (as in E2SFCA),
 * taken in increasing distance (ties: the village first in the input, then the smaller facility id), gets
 * min(the village's unserved demand, the facility's unused capacity). No decay; nobody is served from outside the
 * catchment. Null when the good's supply is declared absent (station capacities come from config: never absent).
 * @param standard per 1 000 aged 60+, per county code (default the params' standard of the good)
 */
export function capacitatedCoverage(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  good: CapacityGood,
  standard: (countyCode: string) => number,
  options: AccessOptions & {stationCapacity?: Readonly<Record<StationType, number>>} = {}
): CapacityResult | null {
  if (good !== "stations" && (options.absent?.facilities ?? []).includes(GOOD_FIELD[good])) return null;
  const statuses = new Set(options.statuses ?? SERVING_STATUSES);
  const stationCap = options.stationCapacity ?? DEFAULT_STATION_CAPACITY.capacity;
  const s =
    good === "stations"
      ? suppliesOf(facilities, STATION_TYPES, (f) => stationCap[f.type as StationType], radii, statuses)
      : supplies(facilities, good, radii, statuses);
  const bySet: number[][] = SETTLEMENTS.map(() => []);
  villages.forEach((v, i) => bySet[SETTLEMENT_INDEX[v.settlement]].push(i));
  const all = villageArrays(villages);
  const grids = SETTLEMENTS.map((set, si) => new VillageGrid(all, Int32Array.from(bySet[si]), Math.min(...CAPACITY_TYPES[good].map((t) => radii[t][set])) / 2));
  const pd: number[] = [], pv: number[] = [], pf: number[] = [];
  const flat = {kind: "zones", zones: [1], weights: [1], source: ""} as const satisfies DecayRule;
  let dist = 0;
  for (let j = 0; j < s.n; j++) {
    for (let si = 0; si < NS; si++) {
      const g = grids[si], r = s.radius[j * NS + si];
      scan(g, s, j, r, flat, (k) => {
        dist = distanceFromHav(havTerm(g.lng[k], g.lat[k], g.cos[k], s.lng[j], s.lat[j], s.cos[j]));
        pd.push(dist);
        pv.push(g.orig[k]);
        pf.push(j);
      });
    }
  }
  const order = Int32Array.from(pd, (_, i) => i).sort((a, b) => pd[a] - pd[b] || pv[a] - pv[b] || (s.ids[pf[a]] < s.ids[pf[b]] ? -1 : s.ids[pf[a]] > s.ids[pf[b]] ? 1 : 0));
  const demand = Float64Array.from(villages, (v) => (v.pop60 * standard(v.county_code)) / 1000);
  const served = new Float64Array(villages.length);
  const left = Float64Array.from(s.supply);
  for (const p of order) {
    const v = pv[p], j = pf[p];
    const x = Math.min(demand[v] - served[v], left[j]);
    if (x <= 0) continue;
    served[v] += x;
    left[j] -= x;
  }
  return {demand, served, used: new Map(s.ids.map((id, j) => [id, s.supply[j] - left[j]]))};
}

/**
 * The standard of each capacity good per county, per 1 000 aged 60+ (the demand of {@link capacitatedCoverage}): beds the
 * county's own bed target when it has one (the bed-gap section's standard), else `params.standards.beds`; meals and
 * stations the params' figures. One rule for the build's access artifact and the siting page's capacitated objective.
 * @param bedStandards the counties' bed standards (`bedStandards` of the build, `results.bed_standards` on the pages)
 */
export function capacityStandards(params: AccessParams, bedStandards: Readonly<Record<string, {per1000: number; target_id: string | null}>>): Record<CapacityGood, (countyCode: string) => number> {
  const beds = (c: string) => (bedStandards[c]?.target_id ? bedStandards[c].per1000 : params.standards.beds);
  return {beds, meals: () => params.standards.meals, stations: () => params.standards.stations};
}

/** Served and unserved older people per township and county (null figures: good not provided). */
export interface CapacityUnit {
  code: string;
  demand: number;
  served: number;
  unserved: number;
  served_share: number | null;
}

export function summariseCapacity(result: CapacityResult, villages: readonly Village[], key: (v: Village) => string): Map<string, CapacityUnit> {
  const out = new Map<string, CapacityUnit>();
  villages.forEach((v, i) => {
    const k = key(v);
    let u = out.get(k);
    if (!u) out.set(k, (u = {code: k, demand: 0, served: 0, unserved: 0, served_share: null}));
    u.demand += result.demand[i];
    u.served += result.served[i];
  });
  for (const u of out.values()) {
    u.unserved = u.demand - u.served;
    u.served_share = u.demand > 0 ? u.served / u.demand : null;
  }
  return out;
}
