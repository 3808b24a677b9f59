// Gap polygons on the loaded default region (the shape the build feeds them): every township has one feature of
// its own settlement class and one per other class among its villages; a village lies in its township's gap of
// its own class exactly when the engine finds no facility of the tier in reach — checked for every village not
// within 2 % of a circle's edge (the circle is a 64-gon, so points right at an edge may fall either way),
// including the villages whose class differs from their township's.
import {describe, expect, it} from "vitest";
import * as turf from "@turf/turf";
import {loadRegion} from "../../loaders/region.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {SERVING_STATUSES, TIER_OF} from "../../src/lib/facility-types.ts";
import {gapPolygons} from "../../src/lib/engine/gaps.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
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
      const codes = new Set(gaps.features.map((f) => f.properties.township_code));
      expect([...codes].sort()).toEqual(region.townships.map((t) => t.code).sort());
      expect(gaps.features.every((f) => f.properties.name === region.townships.find((t) => t.code === f.properties.township_code)?.name)).toBe(true);
      const settlement = new Map(region.townships.map((t) => [t.code, t.settlement]));
      for (const t of region.townships) {
        const mine = gaps.features.filter((f) => f.properties.township_code === t.code);
        const classes = new Set(region.villages.filter((v) => v.township_code === t.code).map((v) => v.settlement));
        expect(mine.map((f) => f.properties.settlement).sort(), t.code).toEqual([...new Set([...classes].length ? classes : [t.settlement])].sort());
        expect(mine.filter((f) => f.properties.own_class).length).toBeLessThanOrEqual(1);
      }
      const byKey = new Map(gaps.features.map((f) => [`${f.properties.township_code}|${f.properties.settlement}`, f]));
      let checked = 0;
      let otherClass = 0;
      region.villages.forEach((v, i) => {
        const nearEdge = serving.some((f) => TIER_OF[f.type] === tier && Math.abs(haversine(v.lng, v.lat, f.lng, f.lat) - radii[f.type][v.settlement]) < 0.02 * radii[f.type][v.settlement]);
        if (nearEdge) return;
        const gap = byKey.get(`${v.township_code}|${v.settlement}`)!;
        const inGap = gap.geometry !== null && turf.booleanPointInPolygon([v.lng, v.lat], gap as never);
        expect(inGap, `${v.name} ${v.code}`).toBe(cov.tiers[tier].count[i] === 0);
        checked++;
        if (v.settlement !== settlement.get(v.township_code)) otherClass++;
      });
      expect(otherClass).toBeGreaterThan(50);
      // the villages a gap feature counts are the uncovered villages of its class (all of them, edges included)
      for (const f of gaps.features) {
        const uncovered = region.villages.filter((v, i) => v.township_code === f.properties.township_code && v.settlement === f.properties.settlement && cov.tiers[tier].count[i] === 0);
        expect(Math.abs(f.properties.villages - uncovered.length), `${f.properties.township_code} ${f.properties.settlement}`).toBeLessThanOrEqual(1);
      }
      expect(checked).toBeGreaterThan(600);
      // the people in a township's gap are those villages' people
      const people = gaps.features.reduce((s, f) => s + f.properties.people, 0);
      expect(people).toBeGreaterThan(0);
    });
  }
});
