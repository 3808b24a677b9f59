/**
 * The spatial indexes of CareCircle, one module shared by the build (Node) and the browser (pure: no DOM, no Node).
 *
 * - {@link PointGrid}: points (villages, facilities) in a uniform lat/lng grid on typed arrays — cells about square
 *   in metres at the box's mid-latitude, items in cell order (CSR: `start` per cell, `items` holding the point ids),
 *   plus per-cell overflow lists and an outlier list for points inserted after the build (what-if). The coverage
 *   engine (`coverage.ts`), E2SFCA accessibility (`access.ts`), the siting cover lists (`siting.ts`), the siting
 *   reach screen (`candidates.ts`) and the map's rings (`circles.ts`) all use it. It is our own index rather than a
 *   library's because the engine's scans need what no point library exposes: a row of cells is one contiguous run
 *   of items, so the hot loop reads coordinates copied into cell order with no call per item, and the "nearest"
 *   search widens ring by ring with a distance bound per ring (`boundOutside`). `npm run bench -- coverage` measures
 *   it against kdbush + geokdbush on the same question (the engine is several times faster at every scale, see
 *   README "Measured"); `npm run bench -- access` against the all-pairs loop.
 * - {@link boxIndex}: boxes (township and county outlines, service-circle reaches) in Flatbush, a static packed
 *   Hilbert R-tree. Boxes of very different sizes (an 80 km pastoral institution's reach beside a 1 km community
 *   station's, a county beside a township) do not fit one grid's cell size; an R-tree has no cell size, and Flatbush
 *   is small, maintained and has no dependencies.
 * - {@link AreaIndex}: point in polygon over keyed areas (townships, counties): the box index first, then Turf's
 *   booleanPointInPolygon on the few candidates (holes and multipolygons as Turf reads them, boundary inside).
 *   {@link townshipAt} is the one point-in-township rule, for the loaders and the explorer alike.
 *
 * Distances are `geo.ts`'s (the one distance definition); this module only bounds them with degree boxes.
 * Not for data crossing the antimeridian.
 *
 * Not here yet: `network.ts` keeps its two road-graph structures — a grid of segments (each segment filed in every
 * cell its box overlaps, for the nearest-segment search) and a hash of nodes filled and queried while the graph is
 * built (vertex snapping, whose result depends on that order). Both index lines and a growing set, not a static set
 * of points; moving them needs their own equivalence tests (test/lib/network.test.ts) and was left for later.
 */
import {bbox as turfBBox, booleanPointInPolygon} from "@turf/turf";
import Flatbush from "flatbush";
import type {MultiPolygon, Polygon} from "geojson";
import {haversine, METRES_PER_DEGREE, metresToDegreesLat, metresToDegreesLng, metresToMeridianAtLeastFast, toRadians} from "./geo.js";

/** Local alias for the hot path: calls through a module binding can cost a getter per call under some loaders. */
const meridianBound = metresToMeridianAtLeastFast;

/** Bounding box [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number];

/** Most cells a grid may have (16 MB of Int32 offsets). */
export const MAX_GRID_CELLS = 1 << 22;

/** Bounding box of the points `ids` (all points when omitted); a tiny box at 0, 0 when there are none. */
export function bboxOfPoints(lng: ArrayLike<number>, lat: ArrayLike<number>, ids?: ArrayLike<number>): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const n = ids ? ids.length : lng.length;
  for (let k = 0; k < n; k++) {
    const i = ids ? ids[k] : k;
    const x = lng[i], y = lat[i];
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  if (box[0] > box[2]) return [0, 0, 1e-6, 1e-6];
  return box;
}

/**
 * Uniform grid over a bounding box: CSR arrays for the points given at build time (`start[c]..start[c + 1]` are the
 * slots of cell c = x + y·nx in `items`, ids in their input order within a cell), plus per-cell overflow lists and an
 * outlier list (points outside the box) for points inserted later. Removal is the caller's business (an `alive`
 * flag). Subclasses copy per-point data into cell order with {@link gather} so scans read memory sequentially.
 * @example
 * const g = new PointGrid(bboxOfPoints(lng, lat), lng, lat, ids, 1000, 1 << 16);
 * g.forEachNear(106.2, 38.0, 5000, (i) => { if (haversine(lng[i], lat[i], 106.2, 38.0) <= 5000) hits.push(i); });
 */
export class PointGrid {
  readonly minLng: number;
  readonly minLat: number;
  /** Cell side in degrees of latitude, and of longitude (wider by 1 / cos of the mid-latitude). */
  readonly cellLat: number;
  readonly cellLng: number;
  readonly nx: number;
  readonly ny: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
  readonly overflow = new Map<number, number[]>();
  readonly outliers: number[] = [];

  private static cosMid(bbox: BBox): number {
    return Math.max(0.1, Math.cos(toRadians((bbox[1] + bbox[3]) / 2)));
  }

  /**
   * Side in degrees of latitude of the cells of a grid built with these arguments: `cellMetres`, unless that makes
   * more than `maxCells` cells or more than 4096 a side.
   */
  static cellSize(bbox: BBox, cellMetres: number, maxCells: number): number {
    const [x0, y0, x1, y1] = bbox;
    const h = Math.max(y1 - y0, 1e-9);
    const w = Math.max((x1 - x0) * PointGrid.cosMid(bbox), 1e-9);
    return Math.max(metresToDegreesLat(cellMetres), Math.sqrt((w * h) / maxCells), Math.max(w, h) / 4096);
  }

  /**
   * Build over `bbox` for the points `ids` (indices into lng/lat), cells of ≈ `cellMetres`, at most `maxCells`.
   * Points outside `bbox` go to the border cells (clamped).
   */
  constructor(bbox: BBox, lng: ArrayLike<number>, lat: ArrayLike<number>, ids: ArrayLike<number>, cellMetres: number, maxCells: number) {
    const [x0, y0, x1, y1] = bbox;
    const cosMid = PointGrid.cosMid(bbox);
    const h = Math.max(y1 - y0, 1e-9);
    const cell = PointGrid.cellSize(bbox, cellMetres, maxCells);
    this.minLng = x0;
    this.minLat = y0;
    this.cellLat = cell;
    this.cellLng = cell / cosMid;
    this.nx = Math.max(1, Math.ceil((x1 - x0) / this.cellLng + 1e-9));
    this.ny = Math.max(1, Math.ceil(h / cell + 1e-9));
    this.start = new Int32Array(this.nx * this.ny + 1);
    this.items = new Int32Array(ids.length);
    this.fill(lng, lat, ids);
  }

  /** Counting sort of `ids` into cells, in place: no temporary arrays (they would cost GC at national scale). */
  private fill(lng: ArrayLike<number>, lat: ArrayLike<number>, ids: ArrayLike<number>): void {
    const start = this.start, items = this.items, nc = this.nx * this.ny;
    for (let k = 0; k < ids.length; k++) start[this.cx(lng[ids[k]]) + this.cy(lat[ids[k]]) * this.nx + 1]++;
    for (let c = 0; c < nc; c++) start[c + 1] += start[c];
    // start[c] is the first slot of cell c; filling advances it to the first slot of c + 1; shifting restores it
    for (let k = 0; k < ids.length; k++) items[start[this.cx(lng[ids[k]]) + this.cy(lat[ids[k]]) * this.nx]++] = ids[k];
    for (let c = nc - 1; c > 0; c--) start[c] = start[c - 1];
    start[0] = 0;
  }

  /** `src[items[k]]` for every slot k: per-point data in cell order. */
  gather(src: Float64Array): Float64Array;
  gather(src: Uint8Array): Uint8Array;
  gather(src: Float64Array | Uint8Array): Float64Array | Uint8Array {
    const out = src instanceof Uint8Array ? new Uint8Array(this.items.length) : new Float64Array(this.items.length);
    for (let k = 0; k < out.length; k++) out[k] = src[this.items[k]];
    return out;
  }

  /** Column of a longitude, clamped to the grid. */
  cx(lng: number): number {
    const x = Math.floor((lng - this.minLng) / this.cellLng);
    return x < 0 ? 0 : x >= this.nx ? this.nx - 1 : x;
  }

  /** Row of a latitude, clamped to the grid. */
  cy(lat: number): number {
    const y = Math.floor((lat - this.minLat) / this.cellLat);
    return y < 0 ? 0 : y >= this.ny ? this.ny - 1 : y;
  }

  /** Add point `i` after build: into its cell's overflow list, or to the outliers when outside the box. */
  insert(i: number, lng: number, lat: number): void {
    const inside =
      lng >= this.minLng && lng < this.minLng + this.nx * this.cellLng && lat >= this.minLat && lat < this.minLat + this.ny * this.cellLat;
    if (!inside) {
      this.outliers.push(i);
      return;
    }
    const c = this.cx(lng) + this.cy(lat) * this.nx;
    const list = this.overflow.get(c);
    if (list) list.push(i);
    else this.overflow.set(c, [i]);
  }

  /**
   * Every point that may lie in the box (those of the cells it touches, inserted ones included): a superset, the
   * caller decides. Built points come cell by cell, rows south to north.
   */
  forEachInBox(minLng: number, minLat: number, maxLng: number, maxLat: number, fn: (i: number) => void): void {
    const x0 = this.cx(minLng), x1 = this.cx(maxLng), y0 = this.cy(minLat), y1 = this.cy(maxLat);
    const {start, items, nx} = this;
    for (let y = y0; y <= y1; y++) {
      for (let k = start[y * nx + x0], end = start[y * nx + x1 + 1]; k < end; k++) fn(items[k]);
    }
    if (this.overflow.size > 0) {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const list = this.overflow.get(x + y * nx);
          if (list) for (const i of list) fn(i);
        }
      }
    }
    for (const i of this.outliers) fn(i);
  }

  /**
   * Every point that may lie within `metres` (great-circle, `geo.ts`) of (lng, lat): the points of the cells the
   * circle's degree box touches (an exact spherical bound, widened for rounding). A superset: the caller measures.
   */
  forEachNear(lng: number, lat: number, metres: number, fn: (i: number) => void): void {
    const r = metres * (1 + 1e-9) + 1e-6;
    const dLat = metresToDegreesLat(r);
    const dLng = metresToDegreesLng(r, lat);
    this.forEachInBox(lng - dLng, lat - dLat, lng + dLng, lat + dLat, fn);
  }

  /**
   * Lower bound (metres) of the distance from (lng, lat) to any point in a cell outside the cell rectangle
   * [x0..x1]×[y0..y1]; sides on the grid border have nothing beyond them. Slightly shrunk for rounding.
   * `cosLat` is cos of the point's latitude.
   */
  boundOutside(lng: number, lat: number, cosLat: number, x0: number, x1: number, y0: number, y1: number): number {
    let lb = Infinity;
    if (y0 > 0) lb = Math.min(lb, (lat - (this.minLat + y0 * this.cellLat)) * METRES_PER_DEGREE);
    if (y1 < this.ny - 1) lb = Math.min(lb, (this.minLat + (y1 + 1) * this.cellLat - lat) * METRES_PER_DEGREE);
    if (x0 > 0) lb = Math.min(lb, meridianBound(cosLat, lng - (this.minLng + x0 * this.cellLng)));
    if (x1 < this.nx - 1) lb = Math.min(lb, meridianBound(cosLat, this.minLng + (x1 + 1) * this.cellLng - lng));
    return lb * (1 - 1e-9) - 1e-6;
  }
}

/**
 * Grid over points given as records: their coordinates in typed arrays, all of them indexed (ids are the records'
 * positions), cells of ≈ `cellMetres` and about `cellsPerPoint` cells a point at most.
 * @example const g = pointGridOf(villages, 5000); g.forEachNear(f.lng, f.lat, 8000, (i) => …villages[i]…)
 */
export function pointGridOf(points: readonly {lng: number; lat: number}[], cellMetres: number, cellsPerPoint = 2): PointGrid {
  const lng = Float64Array.from(points, (p) => p.lng);
  const lat = Float64Array.from(points, (p) => p.lat);
  const ids = Int32Array.from(points, (_, i) => i);
  return new PointGrid(bboxOfPoints(lng, lat), lng, lat, ids, cellMetres, Math.min(MAX_GRID_CELLS, Math.max(64, cellsPerPoint * points.length)));
}

/** A static index of boxes: the indices (in input order of the boxes) of those intersecting a query box. */
export interface BoxIndex {
  readonly size: number;
  search(minLng: number, minLat: number, maxLng: number, maxLat: number): number[];
}

/** Flatbush over `boxes` (see the module note for why boxes use a library R-tree); empty input gives an empty index. */
export function boxIndex(boxes: readonly BBox[]): BoxIndex {
  if (boxes.length === 0) return {size: 0, search: () => []};
  const fb = new Flatbush(boxes.length);
  for (const b of boxes) fb.add(b[0], b[1], b[2], b[3]);
  fb.finish();
  return {size: boxes.length, search: (a, b, c, d) => fb.search(a, b, c, d)};
}

/** An area keyed by a code. */
export interface KeyedArea {
  key: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * A point-in-polygon index over keyed polygons (townships, counties): a box index over their bounding boxes, then
 * Turf's booleanPointInPolygon on the few candidates — holes are outside, every part of a multipolygon counts, and a
 * point on an edge or vertex (a hole's too) is inside.
 * @example new AreaIndex(townships.map((t) => ({key: t.code, geometry: t.geometry}))).containing([106.2, 38])
 */
export class AreaIndex {
  private readonly areas: KeyedArea[];
  private readonly index: BoxIndex;
  private readonly byKey = new Map<string, KeyedArea[]>();

  /** @param areas polygons with their keys (a key may have several polygons) */
  constructor(areas: readonly KeyedArea[]) {
    this.areas = [...areas];
    for (const a of this.areas) {
      const list = this.byKey.get(a.key);
      if (list) list.push(a);
      else this.byKey.set(a.key, [a]);
    }
    this.index = boxIndex(this.areas.map((a) => turfBBox(a.geometry) as BBox));
  }

  /** Number of polygons indexed. */
  get size(): number {
    return this.areas.length;
  }

  /** Keys of the areas containing the point (boundary counts as inside), in the order the areas were given. */
  containing(p: readonly [number, number]): string[] {
    const hits = this.index.search(p[0], p[1], p[0], p[1]).sort((a, b) => a - b);
    const pt = [p[0], p[1]];
    return hits.filter((i) => booleanPointInPolygon(pt, this.areas[i].geometry)).map((i) => this.areas[i].key);
  }

  /** Whether the area(s) with this key contain the point; undefined when the key has no polygon. */
  contains(key: string, p: readonly [number, number]): boolean | undefined {
    const areas = this.byKey.get(key);
    if (!areas) return undefined;
    const pt = [p[0], p[1]];
    return areas.some((a) => booleanPointInPolygon(pt, a.geometry));
  }
}

/** Township (or county) boundaries as an {@link AreaIndex}, keyed by `properties.code` or `properties.township_code`. */
export function areaIndexOf(boundaries: {features: readonly {geometry: Polygon | MultiPolygon | null; properties: {code?: unknown; township_code?: unknown} | null}[]}): AreaIndex {
  const areas: KeyedArea[] = [];
  for (const f of boundaries.features) {
    const key = f.properties?.code ?? f.properties?.township_code;
    if (f.geometry && key !== undefined && key !== null) areas.push({key: String(key), geometry: f.geometry});
  }
  return new AreaIndex(areas);
}

/**
 * The township at (lng, lat): the key of the first area (in the order given to the index) whose polygon contains the
 * point, boundary included; outside every polygon, the `township_code` of the nearest of `villages` (haversine,
 * `geo.ts`; ties to the first), when given; else null.
 * @example
 * const index = areaIndexOf(bundle.boundaries.townships);
 * const code = townshipAt(index, 106.21, 37.99, region.villages); // "640302100" or null
 */
export function townshipAt(index: AreaIndex, lng: number, lat: number, villages?: readonly {lng: number; lat: number; township_code: string}[]): string | null {
  const inside = index.containing([lng, lat]);
  if (inside.length > 0) return inside[0];
  let best: string | null = null;
  let bestD = Infinity;
  for (const v of villages ?? []) {
    const d = haversine(lng, lat, v.lng, v.lat);
    if (d < bestD) {
      bestD = d;
      best = v.township_code;
    }
  }
  return best;
}
