/**
 * Coordinates: the coordinate systems a region file may declare, conversion of GCJ-02 (Amap/Tencent) and BD-09
 * (Baidu) to WGS84 with gcoord, checks for swapped or out-of-range values, and a point-in-polygon index
 * (Flatbush bbox prefilter, then Turf's booleanPointInPolygon) for region and township checks.
 */
import {bbox, booleanPointInPolygon} from "@turf/turf";
import Flatbush from "flatbush";
import gcoord from "gcoord";
import type {MultiPolygon, Polygon, Position} from "geojson";
import type {LngLat} from "../src/lib/types.ts";

/** Coordinate systems of the contract. CGCS2000 and GPS are read as WGS84 (they differ by centimetres). */
export type Crs = "WGS84" | "GCJ-02" | "BD-09";

const CRS_NAMES: Readonly<Record<string, Crs>> = {
  wgs84: "WGS84",
  wgs1984: "WGS84",
  epsg4326: "WGS84",
  cgcs2000: "WGS84",
  epsg4490: "WGS84",
  gps: "WGS84",
  gcj02: "GCJ-02",
  amap: "GCJ-02",
  高德: "GCJ-02",
  腾讯: "GCJ-02",
  火星坐标: "GCJ-02",
  bd09: "BD-09",
  bd09ll: "BD-09",
  baidu: "BD-09",
  百度: "BD-09"
};

/**
 * Read a CRS name as written in a manifest.
 * @example parseCrs("GCJ-02") // "GCJ-02"
 * @returns the CRS, or undefined when the name is not one of the contract's
 */
export function parseCrs(name: string): Crs | undefined {
  return CRS_NAMES[name.normalize("NFKC").toLowerCase().replace(/[\s_:-]/g, "")];
}

/** Fixed-point refinements applied after gcoord's approximate inverse. */
const REFINE_STEPS = 2;

/**
 * Convert a point to WGS84. gcoord inverts GCJ-02 and BD-09 approximately (≈ 0.1–0.2 m); a couple of fixed-point
 * steps w ← w − (forward(w) − input) bring the round trip to millimetres.
 * @param p [lng, lat] in `crs`
 * @param crs the point's coordinate system
 * @returns [lng, lat] in WGS84
 * @example toWgs84([116.404, 39.915], "GCJ-02")
 */
export function toWgs84(p: LngLat, crs: Crs): LngLat {
  if (crs === "WGS84") return [p[0], p[1]];
  const from = crs === "GCJ-02" ? gcoord.GCJ02 : gcoord.BD09;
  let w = gcoord.transform(p, from, gcoord.WGS84) as LngLat;
  for (let i = 0; i < REFINE_STEPS; i++) {
    const f = gcoord.transform(w, gcoord.WGS84, from) as LngLat;
    w = [w[0] - (f[0] - p[0]), w[1] - (f[1] - p[1])];
  }
  return w;
}

/**
 * gcoord's own inverse, unrefined (kept for the round-trip measurement in the tests).
 */
export function toWgs84Gcoord(p: LngLat, crs: Crs): LngLat {
  if (crs === "WGS84") return [p[0], p[1]];
  return gcoord.transform(p, crs === "GCJ-02" ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as LngLat;
}

/**
 * Convert WGS84 to a CRS (the forward transforms, exact by definition).
 */
export function fromWgs84(p: LngLat, crs: Crs): LngLat {
  if (crs === "WGS84") return [p[0], p[1]];
  return gcoord.transform(p, gcoord.WGS84, crs === "GCJ-02" ? gcoord.GCJ02 : gcoord.BD09) as LngLat;
}

/** Mean Earth radius (IUGG), metres: the one radius used for distances in loaders. */
export const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Great-circle distance in metres.
 * @example haversine([116, 39], [116, 39.001]) // ≈ 111.2
 */
export function haversine(a: LngLat, b: LngLat): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLng = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A problem with a coordinate pair, before any region check. */
export interface CoordProblem {
  field: "lng" | "lat";
  expected: string;
  message: string;
}

/**
 * Check a raw lng/lat pair: swapped (a Chinese latitude in the lng column and a longitude in the lat column)
 * or out of range. Swapped pairs are rejected, not repaired: a swapped column is a property of the source file
 * and the analyst must fix it there (see docs/data-contract.md).
 * @returns the problem, or undefined when the pair is plausible
 */
export function checkLngLat(lng: number, lat: number): CoordProblem | undefined {
  if (lat >= 73 && lat <= 135 && lng >= 18 && lng <= 54) {
    return {
      field: "lng",
      expected: "lng (经度) 73–135 and lat (纬度) 18–54 in China",
      message: `lng and lat look swapped: lng ${lng} is a latitude and lat ${lat} a longitude; swap the two columns`
    };
  }
  if (!(lng >= -180 && lng <= 180)) return outOfRange("lng", lng, lat);
  if (!(lat >= -90 && lat <= 90)) return outOfRange("lat", lng, lat);
  return undefined;
}

function outOfRange(field: "lng" | "lat", lng: number, lat: number): CoordProblem {
  const metres = Math.abs(lng) > 1e5 || Math.abs(lat) > 1e5;
  const hint = metres ? " (these look like projected metres, e.g. Baidu BD-09MC or Web Mercator: export degrees)" : "";
  return {
    field,
    expected: field === "lng" ? "a longitude in degrees, -180 to 180" : "a latitude in degrees, -90 to 90",
    message: `coordinate out of range: lng ${lng}, lat ${lat}${hint}`
  };
}

/** Convert every position of a (multi)polygon. */
export function polygonToWgs84<G extends Polygon | MultiPolygon>(g: G, crs: Crs): G {
  if (crs === "WGS84") return g;
  const ring = (r: Position[]) => r.map((p) => toWgs84([p[0], p[1]], crs) as Position);
  if (g.type === "Polygon") return {...g, coordinates: g.coordinates.map(ring)};
  return {...g, coordinates: (g as MultiPolygon).coordinates.map((poly) => poly.map(ring))} as G;
}

/** An area keyed by a code. */
export interface KeyedArea {
  key: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * A point-in-polygon index over keyed polygons: Flatbush over the bounding boxes, then an exact
 * booleanPointInPolygon on the few candidates.
 */
export class AreaIndex {
  private readonly areas: KeyedArea[];
  private readonly index: Flatbush | undefined;
  private readonly byKey = new Map<string, KeyedArea[]>();

  /** @param areas polygons with their keys (a key may have several polygons) */
  constructor(areas: readonly KeyedArea[]) {
    this.areas = [...areas];
    for (const a of this.areas) this.byKey.set(a.key, [...(this.byKey.get(a.key) ?? []), a]);
    if (this.areas.length === 0) return;
    this.index = new Flatbush(this.areas.length);
    for (const a of this.areas) {
      const [minX, minY, maxX, maxY] = bbox(a.geometry);
      this.index.add(minX, minY, maxX, maxY);
    }
    this.index.finish();
  }

  /** Number of polygons indexed. */
  get size(): number {
    return this.areas.length;
  }

  /** Keys of the areas containing the point (boundary counts as inside). */
  containing(p: LngLat): string[] {
    if (!this.index) return [];
    const hits = this.index.search(p[0], p[1], p[0], p[1]);
    return hits.filter((i) => booleanPointInPolygon(p, this.areas[i].geometry)).map((i) => this.areas[i].key);
  }

  /** Whether the area(s) with this key contain the point; undefined when the key has no polygon. */
  contains(key: string, p: LngLat): boolean | undefined {
    const areas = this.byKey.get(key);
    if (!areas) return undefined;
    return areas.some((a) => booleanPointInPolygon(p, a.geometry));
  }
}
