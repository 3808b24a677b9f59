/**
 * Coordinates: the coordinate systems a region file may declare, conversion of GCJ-02 (Amap/Tencent) and BD-09
 * (Baidu) to WGS84 with gcoord, and checks for swapped or out-of-range values. Distances are `src/lib/engine/geo.ts`'s
 * (the one distance definition); the point-in-polygon index for region and township checks is `src/lib/engine/spatial.ts`'s
 * AreaIndex, shared with the browser.
 */
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
