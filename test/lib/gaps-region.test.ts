// Gap polygons on the loaded default region (the shape the build feeds them): every feature names its township,
// and a village lies in its township's gap exactly when the engine finds no facility of the tier in reach —
// checked for villages of the township's own settlement class and not within 2 % of any circle's edge (the circle
// is a 64-gon and the gap is simplified, so points right at an edge may fall either way).
import {describe, expect, it} from "vitest";
import * as turf from "@turf/turf";
import {loadRegion} from "../../loaders/region.ts";
import {CoverageEngine} from "../../src/lib/coverage.ts";
import {SERVING_STATUSES, TIER_OF} from "../../src/lib/facility-types.ts";
import {gapPolygons} from "../../src/lib/gaps.ts";
import {haversine} from "../../src/lib/geo.ts";
import {mergeRadii} from "../../src/lib/radii.ts";
import type {Tier} from "../../src/lib/types.ts";

const {region} = await loadRegion("data/default");
const radii = mergeRadii(region.config.radii as never);
const engine = new CoverageEngine(region.villages, region.facilities, radii);
const cov = engine.result();
const serving = region.facilities.filter((f) => SERVING_STATUSES.includes(f.status));

describe("gap polygons on the default region", () => {
  for (const tier of ["community", "township"] as Tier[]) {
    it(`${tier}: features name their townships; gap membership equals the engine's coverage away from circle edges`, () => {
      const gaps = gapPolygons(region.townshipBoundaries, region.townships, region.villages, region.facilities, radii, tier, {tolerance: 0});
      expect(gaps.features.map((f) => f.properties.township_code).sort()).toEqual(region.townships.map((t) => t.code).sort());
      expect(gaps.features.every((f) => f.properties.name === region.townships.find((t) => t.code === f.properties.township_code)?.name)).toBe(true);
      const settlement = new Map(region.townships.map((t) => [t.code, t.settlement]));
      const byCode = new Map(gaps.features.map((f) => [f.properties.township_code, f]));
      let checked = 0;
      region.villages.forEach((v, i) => {
        if (v.settlement !== settlement.get(v.township_code)) return;
        const nearEdge = serving.some((f) => TIER_OF[f.type] === tier && Math.abs(haversine(v.lng, v.lat, f.lng, f.lat) - radii[f.type][v.settlement]) < 0.02 * radii[f.type][v.settlement]);
        if (nearEdge) return;
        const gap = byCode.get(v.township_code)!;
        const inGap = gap.geometry !== null && turf.booleanPointInPolygon([v.lng, v.lat], gap as never);
        expect(inGap, `${v.name} ${v.code}`).toBe(cov.tiers[tier].count[i] === 0);
        checked++;
      });
      expect(checked).toBeGreaterThan(300);
      // the people in a township's gap are those villages' people
      const people = gaps.features.reduce((s, f) => s + f.properties.people, 0);
      expect(people).toBeGreaterThan(0);
    });
  }
});
