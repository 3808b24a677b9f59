/**
 * The coverage engine. For every demand point (village/community) and every tier: how many counted facilities
 * cover it, which ones, and the nearest facility with its distance. A facility of type T covers village v when
 * haversine(v, f) ≤ radius[T][v.settlement] (see `geo.ts` for the one distance definition).
 *
 * Cost is ~linear: facilities of each tier sit in a uniform lat/lng grid on typed arrays (`spatial.ts`'s PointGrid,
 * the one point index of the project; cells roughly square in metres at the region's mid-latitude); a village scans only the cells its largest radius reaches, then widens
 * ring by ring for the nearest facility until no unvisited cell can hold a closer one. Pairs are filtered on the
 * squared chord between unit vectors (three multiply-adds); the exact haversine term decides whenever the chord
 * is within its rounding bound of a radius or of the current best, so every result is that of the exact term.
 * Villages are held in grid-cell order, so scans read their data sequentially.
 *
 * The same {@link CoverageEngine} serves the build (one full computation) and live what-if: `addFacility`,
 * `moveFacility`, `removeFacility` and `setRadius` update per-village counts and nearest facilities touching only
 * the villages concerned. Results are identical to a fresh computation (tested with random operation sequences).
 * Nearest ties (equal haversine term) go to the smaller facility id. Not for data crossing the antimeridian.
 */
import {FACILITY_TYPES, SERVING_STATUSES, TIERS, TIER_OF} from "../facility-types.js";
import {
  chordHavError,
  degreesLngAtMost,
  distanceFromHav,
  EARTH_RADIUS_M,
  havOfDistance,
  havTerm,
  metresToDegreesLat,
  METRES_PER_DEGREE,
  toRadians,
  unitVector
} from "./geo.js";
import {checkRadius, SETTLEMENTS} from "./radii.js";
import {MAX_GRID_CELLS, PointGrid, type BBox} from "./spatial.js";
import type {Facility, FacilityStatus, FacilityType, Measure, RadiusTable, SettlementClass, Tier, Village} from "../types.js";

/** Options of the engine. */
export interface CoverageOptions {
  /** Facility statuses that provide service. Default SERVING_STATUSES (operating, upgrading); add "construction"/"planned" for a future view. */
  statuses?: readonly FacilityStatus[];
}

/** Per-tier result arrays, index-aligned with the villages. */
export interface TierCoverage {
  /** Number of counted facilities of the tier covering each village. */
  count: Int32Array;
  /** Distance in metres to the nearest counted facility of the tier (Infinity when the tier has none). */
  nearestDist: Float64Array;
  /** Id of that facility, or null. */
  nearestId: (string | null)[];
}

/** A snapshot of the coverage of every village, per tier. */
export interface CoverageResult {
  villages: readonly Village[];
  tiers: Record<Tier, TierCoverage>;
}

/** People covered, per tier and by any tier, for one population measure. */
export interface CoverageSummary {
  measure: Measure;
  total: number;
  coveredAny: number;
  covered: Record<Tier, number>;
}

const TYPE_INDEX = Object.fromEntries(FACILITY_TYPES.map((t, i) => [t, i])) as Record<FacilityType, number>;
const SETTLEMENT_INDEX = Object.fromEntries(SETTLEMENTS.map((s, i) => [s, i])) as Record<SettlementClass, number>;
const TYPE_TIER = Uint8Array.from(FACILITY_TYPES, (t) => TIERS.indexOf(TIER_OF[t]));
const NT = TIERS.length;
/** Local alias: calls through a module binding can cost a getter per call under some loaders. */
const hav = havTerm;
const degLat = metresToDegreesLat;
const distOfHav = distanceFromHav;
const NS = SETTLEMENTS.length;
/** Relative slack when deciding coverage from the haversine term; inside the slack the exact distance decides. */
const HAV_SLACK = 1e-9;
const MAX_CELLS = MAX_GRID_CELLS;
/** Cell side as a share of the largest radius: a radius box spans 3–5 cells a side (0.35–1 measured within noise). */
const CELL_PER_RADIUS = 0.5;

/**
 * A grid of facility slots (`spatial.ts`'s PointGrid) with their unit vectors and type indices copied into cell
 * order, so the hot loop reads them sequentially (empty copies for a grid built without `points`).
 */
class FacilityGrid extends PointGrid {
  readonly pX: Float64Array;
  readonly pY: Float64Array;
  readonly pZ: Float64Array;
  readonly pType: Uint8Array;

  constructor(bbox: BBox, lng: Float64Array, lat: Float64Array, ids: ArrayLike<number>, cellMetres: number, maxCells: number, points: FacilityStore) {
    super(bbox, lng, lat, ids, cellMetres, maxCells);
    this.pX = this.gather(points.x);
    this.pY = this.gather(points.y);
    this.pZ = this.gather(points.z);
    this.pType = this.gather(points.type);
  }
}

/** Growable typed storage of facility slots. A slot is never reused; a moved facility gets a new slot. */
class FacilityStore {
  lng: Float64Array;
  lat: Float64Array;
  cos: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  type: Uint8Array;
  alive: Uint8Array;
  records: Facility[] = [];
  size = 0;

  /** Sized for `capacity` facilities at first, so a full build never grows it. */
  constructor(capacity: number) {
    const n = Math.max(64, capacity);
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.cos = new Float64Array(n);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.z = new Float64Array(n);
    this.type = new Uint8Array(n);
    this.alive = new Uint8Array(n);
  }

  push(f: Facility): number {
    if (this.size === this.lng.length) this.grow();
    const i = this.size++;
    this.lng[i] = f.lng;
    this.lat[i] = f.lat;
    this.cos[i] = Math.cos(toRadians(f.lat));
    unitVector(f.lng, f.lat, this.x, this.y, this.z, i);
    this.type[i] = TYPE_INDEX[f.type];
    this.alive[i] = 1;
    this.records.push(f);
    return i;
  }

  private grow(): void {
    const n = this.lng.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.lng = f64(this.lng);
    this.lat = f64(this.lat);
    this.cos = f64(this.cos);
    this.x = f64(this.x);
    this.y = f64(this.y);
    this.z = f64(this.z);
    this.type = u8(this.type);
    this.alive = u8(this.alive);
  }
}

function validateFacility(f: Facility): void {
  if (!(f.type in TYPE_INDEX)) throw new Error(`Facility ${f.id}: unknown type ${String(f.type)}`);
  if (!Number.isFinite(f.lng) || !Number.isFinite(f.lat) || Math.abs(f.lat) > 90 || Math.abs(f.lng) > 180) {
    throw new Error(`Facility ${f.id}: invalid coordinates ${f.lng}, ${f.lat}`);
  }
}

function regionBBox(villages: readonly Village[], facilities: readonly Facility[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lng: number, lat: number) => {
    if (lng < box[0]) box[0] = lng;
    if (lat < box[1]) box[1] = lat;
    if (lng > box[2]) box[2] = lng;
    if (lat > box[3]) box[3] = lat;
  };
  for (const v of villages) add(v.lng, v.lat);
  for (const f of facilities) add(f.lng, f.lat);
  if (box[0] > box[2]) return [0, 0, 1e-6, 1e-6];
  return box;
}

/**
 * Coverage of a region, kept up to date under what-if edits.
 * @example
 * const engine = new CoverageEngine(villages, facilities, mergeRadii(region.config.radii));
 * engine.moveFacility("F12", 106.21, 37.99);
 * const {tiers} = engine.result();   // tiers.community.count[i] > 0 ⇔ village i has a station within reach
 */
export class CoverageEngine {
  readonly villages: readonly Village[];
  private readonly statuses: ReadonlySet<FacilityStatus>;
  private readonly radius: Float64Array; // [type * NS + settlement] metres
  private readonly havMax: Float64Array; // haversine term of each radius
  private readonly chordIn: Float64Array; // squared chord below which a pair is surely within the radius
  private readonly chordOut: Float64Array; // squared chord above which it surely is not
  private readonly tierMax: Float64Array; // [tier * NS + settlement] largest radius of the tier's types
  private readonly tierChord: Float64Array; // squared chord below which a best is surely within that radius
  private readonly tierSin: Float64Array; // sine and cosine of the angle of that radius (slightly widened)
  private readonly tierCos: Float64Array;
  private readonly vLng: Float64Array;
  private readonly vLat: Float64Array;
  private readonly vCos: Float64Array;
  private readonly vX: Float64Array;
  private readonly vY: Float64Array;
  private readonly vZ: Float64Array;
  private readonly vSet: Uint8Array;
  /** Internal (grid-order) index → index in `villages`, and back. */
  private readonly vOrig: Int32Array;
  private readonly vRank: Int32Array;
  private readonly vGrid: PointGrid;
  private readonly store: FacilityStore;
  private readonly slotOf = new Map<string, number>();
  private readonly idle = new Map<string, Facility>();
  private readonly grids: FacilityGrid[] = []; // [tier * NS + settlement]
  private readonly nearGrids: FacilityGrid[] = []; // [tier]
  private readonly aliveInTier = new Int32Array(NT);
  private readonly count: Int32Array[] = [];
  private readonly nearHav: Float64Array[] = [];
  private readonly nearSlot: Int32Array[] = [];
  // scratch of the current scan
  private sV = 0;
  private sCount = 0;
  private sSlot = -1;
  /** Squared chord of the current best; below sLow a pair is surely closer, above sHigh surely farther. */
  private sC = Infinity;
  private sLow = Infinity;
  private sHigh = Infinity;
  /** Exact haversine term of the current best (NaN until asked). */
  private sHav = Infinity;

  /**
   * @param villages demand points (index order is the order of every result array)
   * @param facilities all facilities; those whose status is not counted are kept but provide no service
   * @param radii service radius table in metres (see `radii.ts`)
   * @param options statuses that count (default SERVING_STATUSES: operating and upgrading)
   */
  constructor(villages: readonly Village[], facilities: readonly Facility[], radii: RadiusTable, options: CoverageOptions = {}) {
    this.villages = villages;
    this.statuses = new Set(options.statuses ?? SERVING_STATUSES);
    this.radius = new Float64Array(FACILITY_TYPES.length * NS);
    this.havMax = new Float64Array(FACILITY_TYPES.length * NS);
    this.chordIn = new Float64Array(FACILITY_TYPES.length * NS);
    this.chordOut = new Float64Array(FACILITY_TYPES.length * NS);
    this.tierMax = new Float64Array(NT * NS);
    this.tierChord = new Float64Array(NT * NS);
    this.tierSin = new Float64Array(NT * NS);
    this.tierCos = new Float64Array(NT * NS);
    for (const type of FACILITY_TYPES) {
      for (const s of SETTLEMENTS) this.writeRadius(type, s, checkRadius(radii[type]?.[s], `radii.${type}.${s}`));
    }
    const n = villages.length;
    const bbox = regionBBox(villages, facilities);
    // Villages are kept in grid-cell order (internal index k ↔ villages[vOrig[k]]): neighbours in memory are
    // neighbours in space, so the scans read village data sequentially instead of missing the cache at random.
    this.vLng = new Float64Array(n);
    this.vLat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.vLng[i] = villages[i].lng;
      this.vLat[i] = villages[i].lat;
    }
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    this.vGrid = new PointGrid(bbox, this.vLng, this.vLat, all, 1000, Math.min(MAX_CELLS, Math.max(1024, n)));
    this.vOrig = this.vGrid.items.slice();
    this.vRank = new Int32Array(n);
    this.vCos = new Float64Array(n);
    this.vX = new Float64Array(n);
    this.vY = new Float64Array(n);
    this.vZ = new Float64Array(n);
    this.vSet = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      this.vRank[this.vOrig[k]] = k;
      this.vGrid.items[k] = k;
    }
    // read the records in their own order (memory order), write in grid order
    for (let i = 0; i < n; i++) {
      const v = villages[i];
      const k = this.vRank[i];
      this.vLng[k] = v.lng;
      this.vLat[k] = v.lat;
      this.vCos[k] = Math.cos(toRadians(v.lat));
      unitVector(v.lng, v.lat, this.vX, this.vY, this.vZ, k);
      this.vSet[k] = SETTLEMENT_INDEX[v.settlement];
    }
    let serving = 0;
    for (const f of facilities) if (this.statuses.has(f.status)) serving++;
    this.store = new FacilityStore(serving);
    const perTier: number[][] = TIERS.map(() => []);
    const duplicate = (id: string) => new Error(`Duplicate facility id: ${id}`);
    for (const f of facilities) {
      validateFacility(f);
      // a map that does not grow already held the id (one hash per id instead of a lookup and an insert)
      if (!this.statuses.has(f.status)) {
        const before = this.idle.size;
        if (this.idle.set(f.id, f).size === before) throw duplicate(f.id);
        continue;
      }
      const slot = this.store.push(f);
      const before = this.slotOf.size;
      if (this.slotOf.set(f.id, slot).size === before) throw duplicate(f.id);
      perTier[TYPE_TIER[this.store.type[slot]]].push(slot);
    }
    for (const id of this.idle.keys()) if (this.slotOf.has(id)) throw duplicate(id);
    for (let t = 0; t < NT; t++) {
      // one grid per settlement class, cells as wide as the tier's largest radius for that class
      // (classes whose cells come out the same size, capped by the cell count, share one grid)
      const cells = Math.min(MAX_CELLS, Math.max(4096, 4 * perTier[t].length));
      const bySize = new Map<number, FacilityGrid>();
      for (let s = 0; s < NS; s++) {
        const metres = this.tierMax[t * NS + s] * CELL_PER_RADIUS;
        const size = PointGrid.cellSize(bbox, metres, cells);
        const g = bySize.get(size) ?? new FacilityGrid(bbox, this.store.lng, this.store.lat, perTier[t], metres, cells, this.store);
        bySize.set(size, g);
        this.grids.push(g);
      }
      // a coarse grid (~2 facilities a cell) for the nearest search beyond the radius box
      this.nearGrids.push(new FacilityGrid(bbox, this.store.lng, this.store.lat, perTier[t], 0, Math.max(64, perTier[t].length >> 1), this.store));
      this.aliveInTier[t] = perTier[t].length;
      this.count.push(new Int32Array(n));
      this.nearHav.push(new Float64Array(n).fill(Infinity));
      this.nearSlot.push(new Int32Array(n).fill(-1));
    }
    for (let t = 0; t < NT; t++) for (let k = 0; k < n; k++) this.computeVillage(k, t);
  }

  private writeRadius(type: FacilityType, s: SettlementClass, m: number): void {
    const k = TYPE_INDEX[type] * NS + SETTLEMENT_INDEX[s];
    this.radius[k] = m;
    const h = havOfDistance(m);
    this.havMax[k] = h;
    this.chordIn[k] = 4 * (h * (1 - HAV_SLACK) - chordHavError(h));
    this.chordOut[k] = 4 * (h * (1 + HAV_SLACK) + chordHavError(h));
    const t = TYPE_TIER[TYPE_INDEX[type]];
    let max = 0;
    for (let x = 0; x < FACILITY_TYPES.length; x++) if (TYPE_TIER[x] === t) max = Math.max(max, this.radius[x * NS + SETTLEMENT_INDEX[s]]);
    const ts = t * NS + SETTLEMENT_INDEX[s];
    this.tierMax[ts] = max;
    const hMax = havOfDistance(max);
    this.tierChord[ts] = 4 * (hMax * (1 - 1e-6) - 2 * chordHavError(hMax));
    const delta = (max * (1 + 1e-9) + 1e-6) / EARTH_RADIUS_M;
    this.tierSin[ts] = Math.sin(delta);
    this.tierCos[ts] = Math.cos(delta);
  }

  /** Does a facility at haversine term `a` lie within radius slot `k`? Exact distance decides near the edge. */
  private within(a: number, k: number): boolean {
    const h = this.havMax[k];
    if (a < h * (1 - HAV_SLACK)) return true;
    if (a > h * (1 + HAV_SLACK)) return false;
    return distOfHav(a) <= this.radius[k];
  }

  private hav(v: number, slot: number): number {
    const st = this.store;
    return hav(this.vLng[v], this.vLat[v], this.vCos[v], st.lng[slot], st.lat[slot], st.cos[slot]);
  }

  /** Is (a, slot) closer than the current best (ties → smaller id)? */
  private better(a: number, slot: number, bestA: number, bestSlot: number): boolean {
    if (a < bestA) return true;
    return a === bestA && bestSlot >= 0 && this.store.records[slot].id < this.store.records[bestSlot].id;
  }

  /** Start a scan for village v: no count, no best. */
  private reset(v: number): void {
    this.sV = v;
    this.sCount = 0;
    this.sSlot = -1;
    this.sC = Infinity;
    this.sHav = Infinity;
    this.sLow = Infinity;
    this.sHigh = Infinity;
  }

  /** Make `slot` (squared chord c; exact term a, or NaN until asked) the current best. */
  private setBest(slot: number, c: number, a: number): void {
    const m = 3 * 4 * chordHavError(c / 4);
    this.sSlot = slot;
    this.sC = c;
    this.sHav = a;
    this.sLow = c - m;
    this.sHigh = c + m;
  }

  /** The exact haversine term of the current best (computed once, when first asked). */
  private bestHav(): number {
    if (this.sHav !== this.sHav) this.sHav = this.hav(this.sV, this.sSlot);
    return this.sHav;
  }

  /**
   * Is the current best surely no farther than `metres`? Decided on chords, without trigonometry: the chord of an
   * angle t is 2 sin(t/2) ≥ t − t³/24 (t ≤ π), and sHigh bounds the best's squared chord from above.
   */
  private bestWithin(metres: number): boolean {
    if (this.sSlot < 0) return false;
    const t = metres / EARTH_RADIUS_M;
    if (t >= Math.PI) return true;
    const chord = t - (t * t * t) / 24;
    return chord > 0 && this.sHigh <= chord * chord;
  }

  /**
   * Offer `slot` at squared chord c as nearest. The chord decides when it is clearly closer or farther than the
   * best (by more than its rounding bound); in between, the exact terms decide, ties going to the smaller id.
   */
  private offer(slot: number, c: number): void {
    if (c > this.sHigh) return;
    if (c < this.sLow) {
      this.setBest(slot, c, NaN);
      return;
    }
    if (slot === this.sSlot) return;
    const a = this.hav(this.sV, slot);
    if (this.better(a, slot, this.bestHav(), this.sSlot)) this.setBest(slot, c, a);
  }

  private chord(v: number, slot: number): number {
    const st = this.store;
    const dx = st.x[slot] - this.vX[v], dy = st.y[slot] - this.vY[v], dz = st.z[slot] - this.vZ[v];
    return dx * dx + dy * dy + dz * dz;
  }

  private visit(v: number, slot: number, countIt: boolean): void {
    if (!this.store.alive[slot]) return;
    if (countIt && this.within(this.hav(v, slot), this.store.type[slot] * NS + this.vSet[v])) this.sCount++;
    this.offer(slot, this.chord(v, slot));
  }

  /**
   * Visit the grid's items k0..k1 (a run of cells in one row): the hot loop, on locals with no call per item.
   * The squared chord decides most pairs; the exact haversine term is computed only near the radius (to count)
   * or near a tie with the current best (for the nearest), so results equal those of the exact term.
   */
  private visitRange(v: number, g: FacilityGrid, k0: number, k1: number, countIt: boolean): void {
    if (k0 >= k1) return;
    const alive = this.store.alive;
    const items = g.items, fX = g.pX, fY = g.pY, fZ = g.pZ, fType = g.pType;
    const chordIn = this.chordIn, chordOut = this.chordOut;
    const x = this.vX[v], y = this.vY[v], z = this.vZ[v], s = this.vSet[v];
    let count = this.sCount;
    let high = this.sHigh;
    for (let k = k0; k < k1; k++) {
      const slot = items[k];
      if (!alive[slot]) continue;
      const dx = fX[k] - x, dy = fY[k] - y, dz = fZ[k] - z;
      const c = dx * dx + dy * dy + dz * dz;
      if (countIt) {
        const r = fType[k] * NS + s;
        if (c < chordIn[r] || (c <= chordOut[r] && this.within(this.hav(v, slot), r))) count++;
      }
      if (c <= high) {
        this.offer(slot, c);
        high = this.sHigh;
      }
    }
    this.sCount = count;
  }

  /** Visit the facilities inserted after build outside the grid's box (what-if). */
  private visitOutliers(v: number, g: FacilityGrid, countIt: boolean): void {
    const list = g.outliers;
    for (let i = 0; i < list.length; i++) this.visit(v, list[i], countIt);
  }

  /** Visit the facilities inserted after build into `cell` (what-if). */
  private visitOverflow(v: number, g: FacilityGrid, cell: number, countIt: boolean): void {
    const list = g.overflow.get(cell);
    if (list) for (const slot of list) this.visit(v, slot, countIt);
  }

  /** Visit the cells x0..x1 of row y (clamped by the caller): one run of items, then any overflow. */
  private visitRow(v: number, g: FacilityGrid, y: number, x0: number, x1: number, countIt: boolean): void {
    const row = y * g.nx;
    this.visitRange(v, g, g.start[row + x0], g.start[row + x1 + 1], countIt);
    if (g.overflow.size > 0) for (let x = x0; x <= x1; x++) this.visitOverflow(v, g, row + x, countIt);
  }

  /** Full computation of village v for tier t: cover count in the radius box, then nearest by widening rings. */
  private computeVillage(v: number, t: number): void {
    this.reset(v);
    if (this.aliveInTier[t] > 0) this.scanVillage(v, t, true);
    this.count[t][v] = this.sCount;
    this.nearHav[t][v] = this.sSlot < 0 ? Infinity : this.bestHav();
    this.nearSlot[t][v] = this.sSlot;
  }

  private scanVillage(v: number, t: number, countIt: boolean): void {
    const ts = t * NS + this.vSet[v];
    const g = this.grids[ts];
    const lng = this.vLng[v];
    const lat = this.vLat[v];
    const cos = this.vCos[v];
    const dLat = degLat(this.tierMax[ts] * (1 + 1e-9) + 1e-6);
    const dLng = degreesLngAtMost(cos, Math.abs(this.vZ[v]), this.tierSin[ts], this.tierCos[ts]);
    const x0 = g.cx(lng - dLng), x1 = g.cx(lng + dLng), y0 = g.cy(lat - dLat), y1 = g.cy(lat + dLat);
    this.visitOutliers(v, g, countIt);
    for (let y = y0; y <= y1; y++) this.visitRow(v, g, y, x0, x1, countIt);
    // a best inside the radius is closer than anything outside the box (which reaches past the radius)
    if (this.sC <= this.tierChord[ts]) return;
    if (!this.bestWithin(g.boundOutside(lng, lat, cos, x0, x1, y0, y1))) this.widen(v, this.nearGrids[t]);
  }

  /** Nearest search ring by ring on the coarse grid around v's cell, until no unvisited cell can hold a closer one. */
  private widen(v: number, g: FacilityGrid): void {
    const lng = this.vLng[v];
    const lat = this.vLat[v];
    const cos = this.vCos[v];
    const cx = g.cx(lng);
    const cy = g.cy(lat);
    this.visitOutliers(v, g, false);
    for (let k = 0; ; k++) {
      const rx0 = cx - k, rx1 = cx + k, ry0 = cy - k, ry1 = cy + k;
      const sx0 = Math.max(rx0, 0), sx1 = Math.min(rx1, g.nx - 1), sy0 = Math.max(ry0, 0), sy1 = Math.min(ry1, g.ny - 1);
      if (ry0 >= 0) this.visitRow(v, g, ry0, sx0, sx1, false);
      if (ry1 < g.ny && k > 0) this.visitRow(v, g, ry1, sx0, sx1, false);
      for (let y = Math.max(ry0 + 1, 0); y <= Math.min(ry1 - 1, g.ny - 1); y++) {
        if (rx0 >= 0) this.visitRow(v, g, y, rx0, rx0, false);
        if (rx1 < g.nx && k > 0) this.visitRow(v, g, y, rx1, rx1, false);
      }
      if (sx0 === 0 && sy0 === 0 && sx1 === g.nx - 1 && sy1 === g.ny - 1) return;
      if (this.bestWithin(g.boundOutside(lng, lat, cos, sx0, sx1, sy0, sy1))) return;
    }
  }

  /** Villages within `metres` (box) of a point: calls fn for each candidate index (distance not yet checked). */
  private forVillagesNear(lng: number, lat: number, metres: number, fn: (v: number) => void): void {
    this.vGrid.forEachNear(lng, lat, metres, fn);
  }

  private maxRadiusOfType(typeIndex: number): number {
    let m = 0;
    for (let s = 0; s < NS; s++) m = Math.max(m, this.radius[typeIndex * NS + s]);
    return m;
  }

  /** Add ±1 to the cover count of every village that `slot` covers. */
  private applyCover(slot: number, delta: 1 | -1): void {
    const st = this.store;
    const ti = st.type[slot];
    const cnt = this.count[TYPE_TIER[ti]];
    this.forVillagesNear(st.lng[slot], st.lat[slot], this.maxRadiusOfType(ti), (v) => {
      if (this.within(this.hav(v, slot), ti * NS + this.vSet[v])) cnt[v] += delta;
    });
  }

  /** Offer `slot` as nearest facility to every village (cheap latitude bound first). */
  private offerNearest(slot: number): void {
    const t = TYPE_TIER[this.store.type[slot]];
    const nh = this.nearHav[t];
    const ns = this.nearSlot[t];
    const lat = this.store.lat[slot];
    for (let v = 0; v < this.villages.length; v++) {
      const bound = Math.abs(this.vLat[v] - lat) * METRES_PER_DEGREE * (1 - 1e-9) - 1e-6;
      if (nh[v] !== Infinity && bound > distOfHav(nh[v])) continue;
      const a = this.hav(v, slot);
      if (this.better(a, slot, nh[v], ns[v])) {
        nh[v] = a;
        ns[v] = slot;
      }
    }
  }

  /** Recompute the nearest facility of tier t for villages whose nearest was `slot`. */
  private repairNearest(slot: number, t: number): void {
    const ns = this.nearSlot[t];
    for (let v = 0; v < this.villages.length; v++) {
      if (ns[v] !== slot) continue;
      this.reset(v);
      if (this.aliveInTier[t] > 0) this.scanVillage(v, t, false);
      this.nearHav[t][v] = this.sSlot < 0 ? Infinity : this.bestHav();
      ns[v] = this.sSlot;
    }
  }

  /** Whether a facility with this status provides service in this engine. */
  counts(status: FacilityStatus): boolean {
    return this.statuses.has(status);
  }

  /**
   * Add a facility (what-if). Facilities whose status is not counted are stored but change nothing.
   * @throws when the id exists already or the record is invalid
   */
  addFacility(f: Facility): void {
    validateFacility(f);
    if (this.slotOf.has(f.id) || this.idle.has(f.id)) throw new Error(`Duplicate facility id: ${f.id}`);
    if (!this.statuses.has(f.status)) {
      this.idle.set(f.id, f);
      return;
    }
    const slot = this.store.push(f);
    this.slotOf.set(f.id, slot);
    const t = TYPE_TIER[this.store.type[slot]];
    for (let s = 0; s < NS; s++) this.grids[t * NS + s].insert(slot, f.lng, f.lat);
    this.nearGrids[t].insert(slot, f.lng, f.lat);
    this.aliveInTier[t]++;
    this.applyCover(slot, 1);
    this.offerNearest(slot);
  }

  /**
   * Remove a facility (what-if); returns the removed record.
   * @throws when the id is unknown
   */
  removeFacility(id: string): Facility {
    const idle = this.idle.get(id);
    if (idle) {
      this.idle.delete(id);
      return idle;
    }
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new Error(`Unknown facility id: ${id}`);
    const t = TYPE_TIER[this.store.type[slot]];
    this.applyCover(slot, -1);
    this.store.alive[slot] = 0;
    this.aliveInTier[t]--;
    this.slotOf.delete(id);
    this.repairNearest(slot, t);
    return this.store.records[slot];
  }

  /**
   * Change a facility's capacity figures (beds, nursing beds, meal seats, floor area, social workers) — what-if.
   * Coverage does not depend on them; the metrics read them from {@link facilities}.
   * @throws when the id is unknown
   */
  setCapacity(id: string, fields: Partial<Pick<Facility, "beds" | "nursing_beds" | "meal_seats" | "area_m2" | "social_workers">>): void {
    const idle = this.idle.get(id);
    if (idle) {
      this.idle.set(id, {...idle, ...fields});
      return;
    }
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new Error(`Unknown facility id: ${id}`);
    this.store.records[slot] = {...this.store.records[slot], ...fields};
  }

  /**
   * Move a facility to (lng, lat) (what-if). Its village code is dropped (the metrics then assign it to the nearest
   * village of its township); `place` gives the township and county at the new position, when it has changed.
   */
  moveFacility(id: string, lng: number, lat: number, place?: {county_code: string; township_code: string}): void {
    const {village_code: _, ...f} = this.removeFacility(id);
    this.addFacility({...f, lng, lat, ...(place ? {county_code: place.county_code, township_code: place.township_code} : {})});
  }

  /** Change one service radius (what-if): re-counts only villages of that settlement class near facilities of that type. */
  setRadius(type: FacilityType, settlement: SettlementClass, metres: number): void {
    checkRadius(metres, `${type}.${settlement}`);
    const ti = TYPE_INDEX[type];
    const si = SETTLEMENT_INDEX[settlement];
    const k = ti * NS + si;
    const old = this.radius[k];
    if (old === metres) return;
    const cnt = this.count[TYPE_TIER[ti]];
    const slots: number[] = [];
    for (const slot of this.slotOf.values()) if (this.store.type[slot] === ti) slots.push(slot);
    const was = new Map<number, number>();
    for (const slot of slots) {
      this.forVillagesNear(this.store.lng[slot], this.store.lat[slot], Math.max(old, metres), (v) => {
        if (this.vSet[v] === si && this.within(this.hav(v, slot), k)) was.set(v, (was.get(v) ?? 0) + 1);
      });
    }
    this.writeRadius(type, settlement, metres);
    const now = new Map<number, number>();
    for (const slot of slots) {
      this.forVillagesNear(this.store.lng[slot], this.store.lat[slot], Math.max(old, metres), (v) => {
        if (this.vSet[v] === si && this.within(this.hav(v, slot), k)) now.set(v, (now.get(v) ?? 0) + 1);
      });
    }
    for (const [v, c] of was) cnt[v] -= c;
    for (const [v, c] of now) cnt[v] += c;
  }

  /** Current radius table (metres). */
  radii(): RadiusTable {
    const table = {} as RadiusTable;
    FACILITY_TYPES.forEach((type, ti) => {
      table[type] = {urban: this.radius[ti * NS], rural: this.radius[ti * NS + 1], pastoral: this.radius[ti * NS + 2]};
    });
    return table;
  }

  /** Every facility currently in the engine (counted or not), in insertion order of their current record. */
  facilities(): Facility[] {
    const live = [...this.slotOf.values()].sort((a, b) => a - b).map((s) => this.store.records[s]);
    return [...live, ...this.idle.values()];
  }

  /** Ids of the counted facilities of `tier` covering village `index`, sorted. */
  covering(index: number, tier: Tier): string[] {
    const t = TIERS.indexOf(tier);
    const v = this.vRank[index];
    const out: string[] = [];
    for (const slot of this.slotOf.values()) {
      if (TYPE_TIER[this.store.type[slot]] !== t) continue;
      if (this.within(this.hav(v, slot), this.store.type[slot] * NS + this.vSet[v])) out.push(this.store.records[slot].id);
    }
    return out.sort();
  }

  /** A snapshot of counts and nearest facilities (copies: later edits do not change it). */
  result(): CoverageResult {
    const tiers = {} as Record<Tier, TierCoverage>;
    const n = this.villages.length;
    const orig = this.vOrig;
    TIERS.forEach((tier, t) => {
      const count = new Int32Array(n);
      const nearestDist = new Float64Array(n);
      const nearestId = new Array<string | null>(n);
      const c = this.count[t], nh = this.nearHav[t], ns = this.nearSlot[t];
      for (let k = 0; k < n; k++) {
        const i = orig[k];
        count[i] = c[k];
        nearestDist[i] = nh[k] === Infinity ? Infinity : distOfHav(nh[k]);
        nearestId[i] = ns[k] < 0 ? null : this.store.records[ns[k]].id;
      }
      tiers[tier] = {count, nearestDist, nearestId};
    });
    return {villages: this.villages, tiers};
  }

  /** People covered by each tier and by any tier, weighted by `measure` (fast: for live what-if read-outs). */
  summary(measure: Measure = "pop60"): CoverageSummary {
    const covered = {county: 0, township: 0, community: 0, meal: 0} as Record<Tier, number>;
    let total = 0;
    let coveredAny = 0;
    this.vOrig.forEach((i, v) => {
      const w = this.villages[i][measure];
      total += w;
      let any = false;
      TIERS.forEach((tier, t) => {
        if (this.count[t][v] > 0) {
          covered[tier] += w;
          any = true;
        }
      });
      if (any) coveredAny += w;
    });
    return {measure, total, coveredAny, covered};
  }
}

/**
 * One full computation (the build path): coverage of every village by the counted facilities.
 * @example const cov = computeCoverage(villages, facilities, defaultRadii()); cov.tiers.meal.nearestDist[0]
 */
export function computeCoverage(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  options: CoverageOptions = {}
): CoverageResult {
  return new CoverageEngine(villages, facilities, radii, options).result();
}

/** Is village `index` covered by any tier in `result`? */
export function coveredByAny(result: CoverageResult, index: number): boolean {
  return TIERS.some((t) => result.tiers[t].count[index] > 0);
}
