/**
 * Decoder for ECharts' compressed GeoJSON (`"UTF8Encoding": true`), as used by the map files shipped in
 * `echarts@4.x` (`map/json/province/*.json`). Re-implemented from ECharts' own `decode` / `decodePolygon`
 * (src/coord/geo/parseGeoJson.js, Apache-2.0) so that the extraction script does not need ECharts itself.
 *
 * Encoding: each ring is a string of character pairs. For a pair, `charCodeAt - 64` gives a zigzag-encoded
 * delta (x, y) from the previous point (the first delta is relative to the ring's `encodeOffsets` pair);
 * coordinates are quantised by `UTF8Scale` (default 1024), so the result is `value / 1024` degrees.
 *
 * Used only by `scripts/extract-outlines.ts` and its tests; never by the build.
 */

export type Ring = [number, number][];

export interface EncodedGeometry {
  type: "Polygon" | "MultiPolygon";
  /** Polygon: one string per ring; MultiPolygon: one array of ring strings per polygon. */
  coordinates: string[] | string[][];
  /** Polygon: one [x, y] per ring; MultiPolygon: one array of [x, y] per polygon. */
  encodeOffsets: [number, number][] | [number, number][][];
}

export interface EncodedFeature {
  type?: string;
  id?: string;
  properties: Record<string, unknown>;
  geometry: EncodedGeometry;
}

export interface EncodedCollection {
  type?: string;
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EncodedFeature[];
}

export interface DecodedFeature {
  type: "Feature";
  id?: string;
  properties: Record<string, unknown>;
  geometry: {type: "Polygon"; coordinates: Ring[]} | {type: "MultiPolygon"; coordinates: Ring[][]};
}

/** Decode one ring: zigzag-decoded deltas, accumulated from the offset, divided by the scale. */
export function decodeRing(encoded: string, offset: readonly [number, number], scale = 1024): Ring {
  const out: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

/** Inverse of decodeRing (for tests and hand-made samples): quantise, delta, zigzag, +64. */
export function encodeRing(ring: readonly (readonly [number, number])[], scale = 1024): {encoded: string; offset: [number, number]} {
  const q = ring.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)] as const);
  if (q.length === 0) return {encoded: "", offset: [0, 0]};
  const offset: [number, number] = [q[0][0], q[0][1]];
  let prevX = offset[0];
  let prevY = offset[1];
  let s = "";
  for (const [x, y] of q) {
    const dx = x - prevX;
    const dy = y - prevY;
    prevX = x;
    prevY = y;
    s += String.fromCharCode(((dx << 1) ^ (dx >> 31)) + 64, ((dy << 1) ^ (dy >> 31)) + 64);
  }
  return {encoded: s, offset};
}

/** Decode a whole collection. A collection without `UTF8Encoding: true` is returned as plain features. */
export function decodeGeoJSON(json: EncodedCollection): DecodedFeature[] {
  const scale = json.UTF8Scale ?? 1024;
  return json.features.map((f) => {
    const g = f.geometry;
    if (!json.UTF8Encoding) {
      return {type: "Feature", id: f.id, properties: f.properties, geometry: g as unknown as DecodedFeature["geometry"]};
    }
    if (g.type === "Polygon") {
      const rings = (g.coordinates as string[]).map((r, i) => decodeRing(r, (g.encodeOffsets as [number, number][])[i], scale));
      return {type: "Feature", id: f.id, properties: f.properties, geometry: {type: "Polygon", coordinates: rings}};
    }
    const polys = (g.coordinates as string[][]).map((poly, i) =>
      poly.map((r, j) => decodeRing(r, (g.encodeOffsets as [number, number][][])[i][j], scale))
    );
    return {type: "Feature", id: f.id, properties: f.properties, geometry: {type: "MultiPolygon", coordinates: polys}};
  });
}
