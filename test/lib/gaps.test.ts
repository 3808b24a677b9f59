import * as turf from "@turf/turf";
import {describe, expect, it} from "vitest";
import {gapPolygons} from "../../src/lib/gaps.ts";
import {defaultRadii} from "../../src/lib/radii.ts";
import {loadFixture} from "../helpers/fixtures.ts";

const region = loadFixture("two-townships");
const gaps = (tier: "community" | "county" | "meal") =>
  gapPolygons(region.township_boundaries, region.townships, region.villages, region.facilities, defaultRadii(), tier);

describe("gap polygons on the two-township fixture", () => {
  it("gap area + covered area = township area within 0.5 %", () => {
    for (const tier of ["community", "county", "meal"] as const) {
      for (const f of gaps(tier).features) {
        const p = f.properties;
        expect(Math.abs(p.gap_km2 + p.covered_km2 - p.township_km2) / p.township_km2, `${tier} ${p.township_code}`).toBeLessThan(0.005);
      }
    }
  });

  it("T1 community gap: the square minus one 1 km circle (S1), V2 left in the gap", () => {
    const t1 = gaps("community").features[0];
    const square = turf.area(region.township_boundaries.features[0]) / 1e6;
    // a 64-gon inscribed in a 1 km circle: 32 · sin(2π/64) km² = 3.1365 km²
    expect(t1.properties.covered_km2).toBeCloseTo(32 * Math.sin((2 * Math.PI) / 64), 2);
    expect(t1.properties.gap_km2).toBeCloseTo(square - 32 * Math.sin((2 * Math.PI) / 64), 2);
    expect(t1.properties).toMatchObject({villages: 1, people: 200});
    expect(t1.geometry).not.toBeNull();
  });

  it("a township with no facility of the tier is all gap; simplification keeps the polygon small", () => {
    const t2 = gaps("meal").features[1]; // M1 is 17 km away, beyond the 3 km rural canteen radius
    expect(t2.properties.covered_km2).toBe(0);
    expect(t2.properties).toMatchObject({villages: 2, people: 700});
    const t1 = gaps("community").features[0];
    const ring = (t1.geometry as GeoJSON.Polygon).coordinates;
    expect(ring.length).toBe(2); // the square with the circle as a hole
    expect(ring[1].length).toBeLessThan(65);
  });
});
