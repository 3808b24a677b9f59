/**
 * Candidates screened out by default (src/lib/siting/candidates.ts): places in development zones (类似乡级单位 townships,
 * 虚拟社区 codes) and places whose service area has no resident older people — kept when the planner asks
 * (includeUnlikely). The reach index (the point grid of src/lib/engine/spatial.ts) equals a brute-force scan of every village on seeded random data,
 * and screening with it equals screening by that scan. Upgrade costs come from config.siting, validated.
 */
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {SERVING} from "../../loaders/site-data.ts";
import {
  candidatePool, inDevelopmentZone, ReachIndex, screenCandidate, upgradeCostErrors, upgradeCostYuan, withRadius,
  type Candidate, type SitingRecords
} from "../../src/lib/siting/candidates.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {SITING_TYPES} from "../../src/lib/siting/candidates.ts";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {defaultRadii, mergeRadii} from "../../src/lib/engine/radii.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";
import type {FacilityType, Measure, RadiusTable, SettlementClass, Village} from "../../src/lib/types.ts";

const village = (code: string, lng: number, lat: number, pop60: number, settlement: SettlementClass = "rural"): Village => ({
  code, name: `村${code.slice(-3)}`, township_code: code.slice(0, 9), county_code: code.slice(0, 6), kind: Number(code.slice(9)) < 200 ? "community" : "village", settlement,
  lng, lat, pop60, pop65: pop60, pop80: 0, disabled: 0, alone: 0, modelled: []
});

/** Brute force: every village, the engine's distance and the village's own class radius. */
function bruteReach(villages: readonly Village[], lng: number, lat: number, type: FacilityType, radii: RadiusTable, measure: Measure, county?: string) {
  const out = {people: 0, villages: 0};
  for (const v of villages) {
    if (county !== undefined && v.county_code !== county) continue;
    if (haversine(v.lng, v.lat, lng, lat) <= radii[type][v.settlement]) {
      out.people += v[measure];
      out.villages++;
    }
  }
  return out;
}

describe("development zones", () => {
  it("are townships coded 400–599 (类似乡级单位) and village-level 类似居委会 codes 400–499 (虚拟社区)", () => {
    expect(inDevelopmentZone({township_code: "150626410", village_code: "150626410498"})).toBe(true); // 苏里格经济开发区虚拟社区
    expect(inDevelopmentZone({township_code: "310116503"})).toBe(true); // a facility in 金山工业区 (no village code)
    expect(inDevelopmentZone({township_code: "640302100", village_code: "640302100450"})).toBe(true); // a 虚拟社区 coded in a town
    expect(inDevelopmentZone({township_code: "640302101", village_code: "640302101500"})).toBe(false); // farm 生活区 (类似村委会) in a town
    expect(inDevelopmentZone({township_code: "640302100", village_code: "640302100200"})).toBe(false);
    expect(inDevelopmentZone({township_code: "640302201"})).toBe(false);
  });
});

describe("ReachIndex", () => {
  it("equals a brute-force scan of every village on seeded random data (three latitudes, all classes, county filter)", () => {
    const radii = withRadius(defaultRadii(), "community_station", null);
    for (const [seed, lat0] of [[1, 22], [2, 38], [3, 52]] as const) {
      const rand = mulberry32(seed);
      const classes: SettlementClass[] = ["urban", "rural", "pastoral"];
      const villages = Array.from({length: 1500}, (_, i) => {
        const county = rand() < 0.5 ? "640302" : "640303";
        return village(`${county}100${String(200 + (i % 199)).padStart(3, "0")}`, 106 + rand() * 1.5, lat0 + rand() * 1.2, rand() < 0.2 ? 0 : Math.floor(rand() * 400), classes[Math.floor(rand() * 3)]);
      });
      const index = new ReachIndex(villages);
      for (let q = 0; q < 300; q++) {
        const lng = 105.9 + rand() * 1.7;
        const lat = lat0 - 0.1 + rand() * 1.4;
        const type = SITING_TYPES[q % SITING_TYPES.length];
        const county = q % 3 === 0 ? undefined : "640302";
        expect(index.reach(lng, lat, type, radii, "pop60", county)).toEqual(bruteReach(villages, lng, lat, type, radii, "pop60", county));
      }
    }
    expect(new ReachIndex([]).reach(106, 38, "township_centre", defaultRadii(), "pop60")).toEqual({people: 0, villages: 0});
  });

  it("screens the default region's candidates exactly as the brute-force scan does", async () => {
    const {region} = await loadRegion("data/default");
    const radii = mergeRadii(region.config.radii as never);
    const records: SitingRecords = {villages: region.villages, facilities: region.facilities, assets: region.candidates ?? []};
    const index = new ReachIndex(region.villages);
    let screened = 0;
    for (const county of region.counties) {
      for (const type of ["township_centre", "community_station", "meal_site"] as FacilityType[]) {
        const tierCount = new CoverageEngine(region.villages, region.facilities, radii, {statuses: SERVING}).result().tiers[TIER_OF[type]].count;
        const setup = {county: county.code, type, measure: "pop60" as Measure, radii, tierCount, statuses: SERVING};
        const all = candidatePool(records, {...setup, includeUnlikely: true});
        expect(all.screened).toEqual([]);
        const pool = candidatePool(records, setup);
        const expected = all.candidates.map((c): [Candidate, string | null] => [c, inDevelopmentZone(c) ? "zone" : bruteReach(region.villages, c.lng, c.lat, type, radii, "pop60", county.code).people > 0 ? null : "no_older"]);
        expect(pool.candidates.map((c) => c.id)).toEqual(expected.filter(([, r]) => r === null).map(([c]) => c.id));
        expect(pool.screened.map((s) => [s.candidate.id, s.reason])).toEqual(expected.filter(([, r]) => r !== null).map(([c, r]) => [c.id, r]));
        for (const c of all.candidates) expect(screenCandidate(c, index, setup)).toBe(expected.find(([x]) => x === c)![1]);
        screened += pool.screened.length;
      }
    }
    expect(screened).toBeGreaterThan(0);
  }, 120_000);
});

describe("candidates screened by default", () => {
  // a hand-made county: one ordinary town (100), a development zone (401); one empty corner far away
  const records: SitingRecords = {
    villages: [
      village("640302100200", 106.0, 37.0, 300),
      village("640302401201", 106.05, 37.0, 80),
      village("640302401498", 106.06, 37.0, 58), // 虚拟社区
      village("640302100201", 107.5, 37.0, 0) // no older people
    ],
    facilities: [],
    assets: [
      {id: "A1", name: "资产A1", kind: "school", township_code: "640302100", county_code: "640302", lng: 106.01, lat: 37.0, area_m2: 900, modelled: []},
      {id: "A2", name: "开发区厂房", kind: "factory", township_code: "640302401", county_code: "640302", lng: 106.05, lat: 37.01, area_m2: 900, modelled: []},
      {id: "A3", name: "远处校舍", kind: "school", township_code: "640302100", county_code: "640302", lng: 107.5, lat: 37.01, area_m2: 900, modelled: []}
    ]
  };
  const setup = {county: "640302", type: "community_station" as FacilityType, measure: "pop60" as Measure, radii: defaultRadii(), tierCount: [0, 0, 0, 0]};

  it("leaves out development zones and places with no older people in reach, with the reason, unless asked", () => {
    const pool = candidatePool(records, setup);
    expect(pool.candidates.map((c) => c.id)).toEqual(["V:640302100200", "A:A1"]);
    expect(pool.screened.map((s) => [s.candidate.id, s.reason])).toEqual([["V:640302401201", "zone"], ["V:640302401498", "zone"], ["A:A2", "zone"], ["A:A3", "no_older"]]);
    const all = candidatePool(records, {...setup, includeUnlikely: true});
    expect(all.candidates.map((c) => c.id)).toEqual(["V:640302100200", "V:640302401201", "V:640302401498", "A:A1", "A:A2", "A:A3"]);
    expect(all.screened).toEqual([]);
    // the planner's own exclusions apply after screening
    expect(candidatePool(records, {...setup, excluded: new Set(["A:A1"])}).candidates.map((c) => c.id)).toEqual(["V:640302100200"]);
  });

  it("on the default region: 利通区's 种畜场生活区 (a zone) and 乌审旗's 开发区虚拟社区 are not candidates by default", async () => {
    const {region} = await loadRegion("data/default");
    const radii = mergeRadii(region.config.radii as never);
    const records: SitingRecords = {villages: region.villages, facilities: region.facilities, assets: region.candidates ?? []};
    const tierCount = new CoverageEngine(region.villages, region.facilities, radii, {statuses: SERVING}).result().tiers.township.count;
    for (const [county, name] of [["640302", "种畜场生活区"], ["150626", "苏里格经济开发区虚拟社区"]]) {
      const setup = {county, type: "township_centre" as FacilityType, measure: "pop60" as Measure, radii, tierCount, statuses: SERVING};
      const pool = candidatePool(records, setup);
      expect(pool.candidates.some((c) => c.name === name)).toBe(false);
      expect(pool.screened.find((s) => s.candidate.name === name)?.reason).toBe("zone");
      expect(candidatePool(records, {...setup, includeUnlikely: true}).candidates.some((c) => c.name === name)).toBe(true);
    }
  });
});

describe("upgrade costs (config.siting.upgrade_cost_yuan)", () => {
  it("reads a type's figure, null (未提供) when missing or bad — never 0", () => {
    const siting = {upgrade_cost_yuan: {township_centre: 4_125_000, meal_site: -1}, upgrade_cost_source: "假设"};
    expect(upgradeCostYuan(siting, "township_centre")).toBe(4_125_000);
    expect(upgradeCostYuan(siting, "meal_site")).toBeNull();
    expect(upgradeCostYuan(siting, "canteen")).toBeNull();
    expect(upgradeCostYuan(undefined, "canteen")).toBeNull();
  });

  it("names the region.json field of a bad figure or a missing source", () => {
    expect(upgradeCostErrors({upgrade_cost_yuan: {township_centre: -5, spa: 1, canteen: "30万"}})).toEqual([
      "region.json: config.siting.upgrade_cost_yuan.township_centre: expected a number of yuan ≥ 0, found -5",
      "region.json: config.siting.upgrade_cost_yuan.spa: unknown facility type, expected one of county_institution, nursing_home, township_centre, community_station, day_centre, mutual_aid, canteen, meal_site",
      "region.json: config.siting.upgrade_cost_yuan.canteen: expected a number of yuan ≥ 0, found \"30万\"",
      "region.json: config.siting.upgrade_cost_source: missing; say where the upgrade costs come from, or that they are assumed (假设)"
    ]);
    expect(upgradeCostErrors({upgrade_cost_yuan: 5, upgrade_cost_source: "x"})[0]).toMatch(/^region\.json: config\.siting\.upgrade_cost_yuan: expected an object/);
    expect(upgradeCostErrors({max_new_beds: 30})).toEqual([]);
  });

  it("the default region gives every siting type an upgrade cost with a labelled source", async () => {
    const {region} = await loadRegion("data/default");
    const siting = region.config.siting as Record<string, unknown>;
    expect(upgradeCostErrors(siting)).toEqual([]);
    for (const t of SITING_TYPES) expect(upgradeCostYuan(siting, t)).toBeGreaterThan(0);
    expect(String(siting.upgrade_cost_source)).toMatch(/假设/);
  });
});
