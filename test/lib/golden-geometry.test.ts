// Golden geometry (test/fixtures/golden/README.md): two hand-drawn townships (one with a hole), seven villages and
// five facilities whose coverage, nearest facilities and gap areas were worked out by hand, checked here against the
// engine exactly — and against Turf brute force as an independent method. The engine's full output (gap polygons,
// service rings, rewound boundaries) is pinned in out/*.json: a refactor that changes any coordinate fails here.
// Regenerate the pinned output only on purpose: `REGEN=1 npx vitest run test/lib/golden-geometry.test.ts`.
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, MultiPolygon, Polygon, Position} from "geojson";
import {describe, expect, it} from "vitest";
import {boundariesArtifact} from "../../loaders/artifacts.ts";
import type {SiteData} from "../../loaders/site-data.ts";
import {serviceCircles} from "../../src/lib/engine/circles.ts";
import {computeCoverage} from "../../src/lib/engine/coverage.ts";
import {SERVING_STATUSES, TIER_OF, TIERS} from "../../src/lib/facility-types.ts";
import {EARTH_RADIUS_M, METRES_PER_DEGREE} from "../../src/lib/engine/geo.ts";
import {gapPolygons} from "../../src/lib/engine/gaps.ts";
import type {Facility, FacilityStatus, FacilityType, RadiusTable, SettlementClass, Tier, Township, Village} from "../../src/lib/types.ts";

const DIR = "test/fixtures/golden";
const read = <T>(p: string): T => JSON.parse(readFileSync(join(DIR, p), "utf-8")) as T;
type Area = Polygon | MultiPolygon;
type TownshipProps = {code: string; name: string; settlement: SettlementClass};

const boundaries = read<FeatureCollection<Polygon, TownshipProps>>("in/townships.geojson");
const radii = read<RadiusTable>("in/radii.json");
const townships: Township[] = boundaries.features.map((f) => ({...f.properties, county_code: "640302", area_km2: 0, modelled: []}));
const villages: Village[] = read<{code: string; name: string; township: string; settlement: SettlementClass; lng: number; lat: number; pop60: number}[]>("in/villages.json").map((v) => ({
  code: v.code, name: v.name, township_code: v.township, county_code: "640302", kind: "village", settlement: v.settlement,
  lng: v.lng, lat: v.lat, pop60: v.pop60, pop65: 0, pop80: 0, disabled: 0, alone: 0, modelled: []
}));
const facilities: Facility[] = read<{id: string; type: FacilityType; status: FacilityStatus; township: string; lng: number; lat: number}[]>("in/facilities.json").map((f) => ({
  id: f.id, name: f.id, type: f.type, tier: TIER_OF[f.type], status: f.status, county_code: "640302", township_code: f.township,
  lng: f.lng, lat: f.lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
}));
const expected = read<{
  coverage: Record<string, Record<Tier, [number, string | null]>>;
  meridian_distances_m: Record<string, number>;
  gaps: Record<Tier, Record<string, [string, number, number]>>;
}>("expected.json");
const serving = facilities.filter((f) => (SERVING_STATUSES as readonly string[]).includes(f.status));

/** Spherical area (km²) of a lng/lat rectangle on the sphere of EARTH_RADIUS_M (Turf's area radius too). */
function rectKm2(x0: number, y0: number, x1: number, y1: number): number {
  const r = Math.PI / 180;
  return (EARTH_RADIUS_M ** 2 * (x1 - x0) * r * (Math.sin(y1 * r) - Math.sin(y0 * r))) / 1e6;
}
/** Area (km²) of the regular 64-gon inscribed in a circle of `metres`: what turf.circle draws. */
const polygon64Km2 = (metres: number) => (32 * metres ** 2 * Math.sin(Math.PI / 32)) / 1e6;

/** Pinned output: compared exactly; REGEN=1 rewrites it. */
function golden(name: string, value: unknown): void {
  const path = join(DIR, "out", name);
  const json = JSON.parse(JSON.stringify(value));
  if (process.env.REGEN === "1" || !existsSync(path)) {
    if (process.env.REGEN !== "1") throw new Error(`${path} missing: run with REGEN=1 to write it`);
    // one [lng, lat] pair a line
    writeFileSync(path, JSON.stringify(json, null, 1).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, "[$1, $2]") + "\n");
  }
  expect(json).toEqual(JSON.parse(readFileSync(path, "utf-8")));
}

describe("golden coverage: the engine reproduces the hand-worked flags and nearest facilities", () => {
  const cov = computeCoverage(villages, facilities, radii);

  it("counts and nearest facility of every village and tier equal the hand-worked table", () => {
    const got = Object.fromEntries(villages.map((v, i) => [v.name, Object.fromEntries(TIERS.map((t) => [t, [cov.tiers[t].count[i], cov.tiers[t].nearestId[i]]]))]));
    expect(got).toEqual(expected.coverage);
  });

  it("distances along a meridian are Δlat × metres per degree", () => {
    for (const [key, dLat] of Object.entries(expected.meridian_distances_m)) {
      const [name, tier] = key.split(" ") as [string, Tier];
      const i = villages.findIndex((v) => v.name === name);
      expect(cov.tiers[tier].nearestDist[i]).toBeCloseTo(dLat * METRES_PER_DEGREE, 6);
    }
    expect(cov.tiers.county.nearestDist.every((d) => d === Infinity)).toBe(true); // F3 is only planned
  });

  it("equals Turf brute force (turf.distance over every serving facility)", () => {
    villages.forEach((v, i) => {
      for (const t of TIERS) {
        const n = serving.filter((f) => TIER_OF[f.type] === t && turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"}) <= radii[f.type][v.settlement]).length;
        expect(cov.tiers[t].count[i], `${v.name} ${t}`).toBe(n);
      }
    });
  });
});

describe("golden gaps: hand-worked areas and villages, an independent brute force, and the pinned polygons", () => {
  const gaps = Object.fromEntries(TIERS.map((t) => [t, gapPolygons(boundaries, townships, villages, facilities, radii, t)])) as Record<Tier, ReturnType<typeof gapPolygons>>;
  const T1 = rectKm2(106.0, 38.0, 106.04, 38.03);
  const T2 = rectKm2(106.04, 38.0, 106.1, 38.03) - rectKm2(106.06, 38.01, 106.08, 38.02);

  it("has one feature per township and settlement class of its villages, with the hand-worked kind, villages and people", () => {
    for (const t of TIERS) {
      const got = Object.fromEntries(
        gaps[t].features.map((f) => {
          const p = f.properties;
          const kind = f.geometry === null ? "none" : Math.abs(p.gap_km2 - p.township_km2) < 1e-9 ? "whole" : "part";
          return [`${p.township_code} ${p.settlement}`, [kind, p.villages, p.people]];
        })
      );
      const want = Object.fromEntries(Object.entries(expected.gaps[t]).map(([k, [kind, n, people]]) => [k, [kind.startsWith("township minus") ? "part" : kind, n, people]]));
      expect(got, t).toEqual(want);
    }
  });

  it("township areas are the spherical rectangles (T2 minus its hole); T1's community gap is T1 minus F1's 64-gon", () => {
    for (const f of gaps.county.features) expect(f.properties.township_km2).toBeCloseTo(f.properties.township_code === "640302001" ? T1 : T2, 5);
    const g = gaps.community.features.find((f) => f.properties.township_code === "640302001")!;
    expect(g.properties.gap_km2 / (T1 - polygon64Km2(1000))).toBeCloseTo(1, 6);
    expect(g.properties.covered_km2 / polygon64Km2(1000)).toBeCloseTo(1, 5);
    // the hole stays out of every gap
    for (const t of TIERS) {
      for (const f of gaps[t].features) if (f.geometry) expect(turf.booleanPointInPolygon([106.07, 38.015], f as Feature<Area>)).toBe(false);
    }
  });

  it("every gap area equals a Turf brute force: grid points in the township outside every serving circle of the class", () => {
    const N = 240;
    for (const t of TIERS) {
      for (const f of gaps[t].features) {
        const b = boundaries.features.find((x) => x.properties.code === f.properties.township_code)!;
        const [x0, y0, x1, y1] = turf.bbox(b);
        const circles = serving.filter((s) => TIER_OF[s.type] === t).map((s) => ({p: [s.lng, s.lat], r: radii[s.type][f.properties.settlement]}));
        let inside = 0, gap = 0;
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < N; j++) {
            const p = [x0 + ((i + 0.5) / N) * (x1 - x0), y0 + ((j + 0.5) / N) * (y1 - y0)];
            if (!turf.booleanPointInPolygon(p, b)) continue;
            inside++;
            if (circles.every((c) => turf.distance(p, c.p, {units: "meters"}) > c.r)) gap++;
          }
        }
        const estimate = (gap / inside) * f.properties.township_km2;
        // a grid of 240² points resolves the area to well under 1 % of the township
        expect(Math.abs(estimate - f.properties.gap_km2), `${t} ${f.properties.township_code} ${f.properties.settlement}`).toBeLessThan(0.005 * f.properties.township_km2);
      }
    }
  });

  it("the gap polygons are the pinned ones, to the last coordinate", () => golden("gaps.json", gaps));
});

describe("golden rings and boundaries", () => {
  it("service rings: one per class each facility reaches (the township's class when none), pinned", () => {
    const settlementOf = new Map(townships.map((t) => [t.code, t.settlement]));
    const rings = serviceCircles(serving, villages, radii, (f) => settlementOf.get(f.township_code));
    const summary = rings.features.map((r) => `${r.properties.id} ${r.properties.settlement} ${r.properties.radius} ${r.properties.villages}`);
    // by hand: F1 reaches V1 (urban) and, at 10 km, V6 (pastoral, 5.9 km away; largest ring first); F2 reaches V4
    // (rural) and V6; F4 reaches the three rural villages and V6 of 乙乡; F6 reaches V5 (rural) and V6
    expect(summary).toEqual([
      "F1 pastoral 10000 1",
      "F1 urban 1000 1",
      "F2 pastoral 10000 1",
      "F2 rural 2000 1",
      "F4 pastoral 40000 1",
      "F4 rural 8000 3",
      "F6 pastoral 10000 1",
      "F6 rural 2000 1"
    ]);
    golden("rings.json", rings);
  });

  it("rewound boundaries: exterior rings clockwise, holes counter-clockwise (d3's spherical winding), pinned", () => {
    const b = boundariesArtifact({region: {countyBoundaries: {type: "FeatureCollection", features: []}, townshipBoundaries: boundaries}} as unknown as SiteData);
    const signed = (ring: Position[]) => ring.slice(1).reduce((s, p, i) => s + (p[0] - ring[i][0]) * (p[1] + ring[i][1]), 0); // > 0: clockwise
    for (const f of b.townships.features) {
      const rings = (f.geometry as Polygon).coordinates;
      expect(signed(rings[0])).toBeGreaterThan(0);
      for (const hole of rings.slice(1)) expect(signed(hole)).toBeLessThan(0);
    }
    golden("boundaries.json", b);
  });
});
