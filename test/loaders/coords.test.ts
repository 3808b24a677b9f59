import {describe, expect, it} from "vitest";
import type {LngLat} from "../../src/lib/types.ts";
import {distance} from "../../src/lib/engine/geo.ts";
import {checkLngLat, fromWgs84, parseCrs, toWgs84, toWgs84Gcoord, type Crs} from "../../loaders/coords.ts";
import {wgs84ToGcj02Reference} from "./gcj-reference.ts";

/** A 0.5° grid over mainland China's bounding box (inside the GCJ-02 domain). */
function chinaGrid(step = 0.5): LngLat[] {
  const out: LngLat[] = [];
  for (let lng = 73.7; lng <= 134.7; lng += step) for (let lat = 18.3; lat <= 53.4; lat += step) out.push([lng, lat]);
  return out;
}

/** Largest round-trip error WGS84 → crs → WGS84 over the grid, in metres. */
function maxRoundTrip(crs: Crs, inverse: (p: LngLat, crs: Crs) => LngLat): number {
  return Math.max(...chinaGrid().map((w) => distance(w, inverse(fromWgs84(w, crs), crs))));
}

describe("coordinate conversion", () => {
  it("gcoord's own GCJ-02 and BD-09 inverses are under 1 m over a grid of China (measured)", () => {
    const gcj = maxRoundTrip("GCJ-02", toWgs84Gcoord);
    const bd = maxRoundTrip("BD-09", toWgs84Gcoord);
    // Measured on 8 800 points: GCJ-02 ≈ 0.14 m, BD-09 ≈ 0.21 m.
    expect(gcj).toBeLessThan(1);
    expect(bd).toBeLessThan(1);
  });

  it("refined inverses round-trip within 1 cm over the grid", () => {
    expect(maxRoundTrip("GCJ-02", toWgs84)).toBeLessThan(0.01);
    expect(maxRoundTrip("BD-09", toWgs84)).toBeLessThan(0.01);
  });

  it("inverts an independent implementation of the GCJ-02 forward formula within 1 m", () => {
    const worst = Math.max(...chinaGrid(1).map((w) => distance(w, toWgs84(wgs84ToGcj02Reference(w), "GCJ-02"))));
    expect(worst).toBeLessThan(1);
  });

  it("GCJ-02 really moves points by hundreds of metres (the conversion is not a no-op)", () => {
    const w: LngLat = [106.2, 38.0];
    const d = distance(w, wgs84ToGcj02Reference(w));
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1000);
  });

  it("reads CRS names as written in manifests", () => {
    expect(parseCrs("GCJ-02")).toBe("GCJ-02");
    expect(parseCrs("gcj02")).toBe("GCJ-02");
    expect(parseCrs("BD-09")).toBe("BD-09");
    expect(parseCrs("百度")).toBe("BD-09");
    expect(parseCrs("CGCS2000")).toBe("WGS84");
    expect(parseCrs("EPSG:4326")).toBe("WGS84");
    expect(parseCrs("UTM50")).toBeUndefined();
  });
});

describe("checkLngLat", () => {
  it("flags swapped lng/lat with a message that says what to do", () => {
    const p = checkLngLat(38.0, 106.15);
    expect(p?.message).toBe("lng and lat look swapped: lng 38 is a latitude and lat 106.15 a longitude; swap the two columns");
  });

  it("flags out-of-range values, with a hint for projected metres", () => {
    expect(checkLngLat(200, 38)?.field).toBe("lng");
    expect(checkLngLat(106, -95)?.field).toBe("lat");
    expect(checkLngLat(12958160, 4825923)?.message).toContain("projected metres");
    expect(checkLngLat(Number.NaN, 38)?.field).toBe("lng");
  });

  it("accepts plausible points", () => {
    expect(checkLngLat(106.2, 38)).toBeUndefined();
    expect(checkLngLat(-0.1, 51.5)).toBeUndefined();
  });
});
