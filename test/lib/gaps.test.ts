import * as turf from "@turf/turf";
import {describe, expect, it} from "vitest";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {gapPolygons} from "../../src/lib/engine/gaps.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {loadFixture} from "../helpers/fixtures.ts";

const region = loadFixture("two-townships");
const gaps = (tier: "community" | "county" | "meal") =>
  gapPolygons(region.township_boundaries, region.townships, region.villages, region.facilities, defaultRadii(), tier);

describe("gap polygons on the two-township fixture", () => {
  it("covered area = the township ∩ every whole service circle of the tier (Turf intersect as the oracle), gap = the rest", () => {
    const radii = defaultRadii();
    for (const tier of ["community", "county", "meal"] as const) {
      for (const f of gaps(tier).features) {
        const p = f.properties;
        const township = region.township_boundaries.features.find((b) => b.properties.township_code === p.township_code)!;
        const circles = region.facilities
          .filter((x) => TIER_OF[x.type] === tier && ["operating", "upgrading"].includes(x.status))
          .map((x) => turf.circle([x.lng, x.lat], radii[x.type][p.settlement], {steps: 64, units: "meters"}));
        const union = circles.length > 1 ? turf.union(turf.featureCollection(circles)) : circles[0];
        const inter = union ? turf.intersect(turf.featureCollection([township, union])) : null;
        const oracle = inter ? turf.area(inter) / 1e6 : 0;
        expect(Math.abs(p.covered_km2 - oracle), `${tier} ${p.township_code}`).toBeLessThan(0.005 * p.township_km2);
        expect(Math.abs(p.gap_km2 + p.covered_km2 - p.township_km2)).toBeLessThan(1e-9 * p.township_km2 + 1e-12);
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
