/**
 * Acceptance: the covered weight siting reports for its chosen sites is exactly the coverage gain the coverage
 * engine computes when those sites are added as facilities.
 */
import {describe, expect, it} from "vitest";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {buildCoverLists, greedySiting} from "../../src/lib/siting/siting.ts";
import type {Facility, SettlementClass, Village} from "../../src/lib/types.ts";
import {rng} from "./instances.ts";

function villages(rand: () => number, n: number): Village[] {
  return Array.from({length: n}, (_, i) => {
    const settlement: SettlementClass = rand() < 0.4 ? "urban" : rand() < 0.8 ? "rural" : "pastoral";
    const pop60 = 20 + Math.floor(rand() * 400);
    return {
      code: `640302${String(100 + (i % 9)).padStart(3, "0")}${String(200 + i).padStart(3, "0")}`, name: `村${i}`,
      township_code: `640302${String(100 + (i % 9)).padStart(3, "0")}`, county_code: "640302", kind: "village", settlement,
      lng: 106 + rand() * 0.5, lat: 37.8 + rand() * 0.5, pop60, pop65: Math.floor(pop60 * 0.7), pop80: Math.floor(pop60 * 0.2),
      disabled: 0, alone: 0, modelled: []
    };
  });
}

function centre(id: string, lng: number, lat: number): Facility {
  return {
    id, name: id, type: "township_centre", tier: "township", status: "operating", county_code: "640302", township_code: "640302100",
    lng, lat, beds: 30, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
  };
}

describe("siting and the coverage engine", () => {
  it.each([1, 2, 3])("added as facilities, the chosen sites raise township coverage by exactly `covered` (seed %i)", (seed) => {
    const rand = rng(seed);
    const vs = villages(rand, 600);
    const existing = Array.from({length: 4}, (_, i) => centre(`f${i}`, 106 + rand() * 0.5, 37.8 + rand() * 0.5));
    const engine = new CoverageEngine(vs, existing, defaultRadii());
    const before = engine.summary("pop60").covered.township;
    const count = engine.result().tiers.township.count;
    const uncovered = vs.filter((_, v) => count[v] === 0);
    const sites = Array.from({length: 80}, () => ({lng: 106 + rand() * 0.5, lat: 37.8 + rand() * 0.5, type: "township_centre" as const}));
    const radii = engine.radii();
    const {weights, cover} = buildCoverLists(
      uncovered.map((v) => ({lng: v.lng, lat: v.lat, weight: v.pop60, settlement: v.settlement})),
      sites,
      (type, settlement) => radii[type][settlement]
    );
    const r = greedySiting({weights, cover, k: 5});
    expect(r.covered).toBeGreaterThan(0);
    r.sites.forEach((s, i) => engine.addFacility(centre(`new${i}`, sites[s.candidate].lng, sites[s.candidate].lat)));
    expect(engine.summary("pop60").covered.township - before).toBe(r.covered);
  });
});
