// Drawn equals counted: a village inside a drawn serving area (a ring of its own settlement class, of a counted
// facility of the tier) is counted covered by that tier, and a covered village lies inside one — on the default
// region and on a seeded random region whose villages mix settlement classes within townships. Turf's
// booleanPointInPolygon on the rings the explorer draws is the independent check; the engine does the counting.
// A ring is a 48-gon inscribed in the circle, so villages within 1 % inside or 0.1 % outside some radius of the
// tier are left out (they may fall either way) and counted; nearly all villages are checked.
import {describe, expect, it} from "vitest";
import * as turf from "@turf/turf";
import type {Feature, Polygon} from "geojson";
import {loadRegion} from "../../loaders/region.ts";
import {synthRegion} from "../../bench/synth.ts";
import {serviceCircles, type CircleProperties} from "../../src/lib/engine/circles.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {SERVING_STATUSES, TIER_OF, TIERS} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";
import {mergeRadii, SETTLEMENTS} from "../../src/lib/engine/radii.ts";
import type {Facility, RadiusTable, SettlementClass, Township, Village} from "../../src/lib/types.ts";

interface Outcome {
  checked: number;
  edge: number;
  disagree: string[];
}

/** Compare drawn rings with the engine, tier by tier. */
function compare(villages: readonly Village[], facilities: readonly Facility[], townships: readonly Township[], radii: RadiusTable): Outcome {
  const serving = facilities.filter((f) => SERVING_STATUSES.includes(f.status));
  const cls = new Map(townships.map((t) => [t.code, t.settlement]));
  const rings = serviceCircles(serving, villages, radii, (f) => cls.get(f.township_code)).features;
  const cov = new CoverageEngine(villages, facilities, radii).result();
  const out: Outcome = {checked: 0, edge: 0, disagree: []};
  for (const tier of TIERS) {
    const tierRings = rings.filter((r) => r.properties.tier === tier);
    const centre = new Map(serving.map((f) => [f.id, f]));
    villages.forEach((v, i) => {
      const nearEdge = serving.some((f) => {
        if (TIER_OF[f.type] !== tier) return false;
        const r = radii[f.type][v.settlement];
        const d = haversine(v.lng, v.lat, f.lng, f.lat);
        return d > 0.99 * r && d < 1.001 * r;
      });
      if (nearEdge) return void out.edge++;
      const inside = tierRings.some((ring: Feature<Polygon, CircleProperties>) => {
        if (ring.properties.settlement !== v.settlement) return false;
        const f = centre.get(ring.properties.id)!;
        // cheap necessary condition first: an inscribed ring lies within its radius
        if (haversine(v.lng, v.lat, f.lng, f.lat) > ring.properties.radius * 1.001) return false;
        return turf.booleanPointInPolygon([v.lng, v.lat], ring);
      });
      const counted = cov.tiers[tier].count[i] > 0;
      out.checked++;
      if (inside !== counted) out.disagree.push(`${tier} ${v.code} ${v.settlement} drawn=${inside} counted=${counted}`);
    });
  }
  return out;
}

describe("drawn equals counted", () => {
  it("default region: every village inside a ring of its class is covered, every covered village is inside one", async () => {
    const {region} = await loadRegion("data/default");
    const radii = mergeRadii(region.config.radii as never);
    const cls = new Map(region.townships.map((t) => [t.code, t.settlement]));
    // the case the rule is about: villages whose class is not their township's exist in the default region
    expect(region.villages.filter((v) => v.settlement !== cls.get(v.township_code)).length).toBeGreaterThan(100);
    const o = compare(region.villages, region.facilities, region.townships, radii);
    expect(o.disagree).toEqual([]);
    expect(o.checked).toBeGreaterThan(0.97 * 4 * region.villages.length - 1);
    expect(o.checked + o.edge).toBe(4 * region.villages.length);
  }, 120_000);

  it("default region: the old picture (one circle per facility at its township's class) would fail the check", async () => {
    const {region} = await loadRegion("data/default");
    const radii = mergeRadii(region.config.radii as never);
    const cls = new Map(region.townships.map((t) => [t.code, t.settlement]));
    // label every village with its township's class for drawing only: the engine still counts by the village's class
    const drawnAs = region.villages.map((v) => ({...v, settlement: cls.get(v.township_code) ?? v.settlement}));
    const serving = region.facilities.filter((f) => SERVING_STATUSES.includes(f.status));
    const oldRings = serviceCircles(serving, drawnAs, radii, (f) => cls.get(f.township_code)).features;
    const cov = new CoverageEngine(region.villages, region.facilities, radii).result();
    let mismatches = 0;
    region.villages.forEach((v, i) => {
      const t = TIER_OF.township_centre;
      const inside = oldRings.some((r) => r.properties.tier === t && turf.booleanPointInPolygon([v.lng, v.lat], r));
      if (inside !== cov.tiers[t].count[i] > 0) mismatches++;
    });
    expect(mismatches).toBeGreaterThan(0);
  }, 120_000);

  for (const seed of [11, 2026]) {
    it(`seeded random region (seed ${seed}, classes mixed within townships)`, () => {
      const synth = synthRegion({seed, villages: 2_500, facilities: 500, extent: [100, 30, 112, 40], counties: 6});
      const rand = mulberry32(seed * 7 + 1);
      // a quarter of the villages get another class than their township's
      const villages = synth.villages.map((v) => (rand() < 0.25 ? {...v, settlement: SETTLEMENTS[Math.floor(rand() * 3)] as SettlementClass} : v));
      const mixed = villages.filter((v, i) => v.settlement !== synth.villages[i].settlement).length;
      expect(mixed).toBeGreaterThan(300);
      const radii = mergeRadii(null);
      const o = compare(villages, synth.facilities, synth.townships, radii);
      expect(o.disagree).toEqual([]);
      expect(o.checked).toBeGreaterThan(0.95 * 4 * villages.length);
      // both answers occur, so the equality is not vacuous
      const cov = new CoverageEngine(villages, synth.facilities, radii).result();
      const covered = TIERS.reduce((s, t) => s + cov.tiers[t].count.filter((c) => c > 0).length, 0);
      expect(covered).toBeGreaterThan(0.1 * 4 * villages.length);
      expect(covered).toBeLessThan(0.9 * 4 * villages.length);
    }, 120_000);
  }
});
