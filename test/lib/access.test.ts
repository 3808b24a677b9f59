import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {synthRegion} from "../../bench/synth.ts";
import {accessParams, capacitatedCoverage, computeAccess, decayWeight, DEFAULT_DECAY, DEFAULT_STATION_CAPACITY, GOOD_TYPES, STATION_TYPES, summariseAccess, summariseCapacity, type AccessParams, type StationType} from "../../src/lib/engine/access.ts";
import {METRES_PER_DEGREE} from "../../src/lib/engine/geo.ts";
import {defaultRadii, mergeRadii} from "../../src/lib/engine/radii.ts";
import type {Facility, FacilityType, Village} from "../../src/lib/types.ts";
import {bruteCapacity, bruteE2sfca, type OracleDecay} from "../helpers/access-oracle.ts";

const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function expectOracle(villages: Village[], facilities: Facility[], params: AccessParams, radii = defaultRadii()): void {
  const res = computeAccess(villages, facilities, radii, params);
  const decay: OracleDecay = params.decay.kind === "zones" ? {kind: "zones", zones: params.decay.zones, weights: params.decay.weights} : {kind: "gaussian"};
  const beds = bruteE2sfca(villages, facilities, radii, decay, GOOD_TYPES.beds, "beds");
  const meals = bruteE2sfca(villages, facilities, radii, decay, GOOD_TYPES.meals, "meal_seats");
  let b = 0, m = 0;
  villages.forEach((v, i) => {
    expect(rel(res.beds![i], beds[i]), `${v.code} beds ${res.beds![i]} vs ${beds[i]}`).toBe(true);
    expect(rel(res.meals![i], meals[i]), `${v.code} meals ${res.meals![i]} vs ${meals[i]}`).toBe(true);
    if (beds[i] > 0) b++;
    if (meals[i] > 0) m++;
  });
  // the regions must exercise the model: villages in and out of reach of both goods
  expect([b > villages.length / 3, b < villages.length, m > villages.length / 20, m < villages.length], `beds ${b}, meals ${m} of ${villages.length}`).toEqual([true, true, true, true]);
}

/** A village or facility on the meridian 106°E, `km` north of 38°N (distances along a meridian are exact arcs). */
const at = (km: number) => ({lng: 106, lat: 38 + (km * 1000) / METRES_PER_DEGREE});
const village = (code: string, km: number, pop60: number): Village => ({
  code, name: code, township_code: "640302100", county_code: "640302", kind: "village", settlement: "rural", ...at(km),
  pop60, pop65: 0, pop80: 0, disabled: 0, alone: 0, modelled: []
});
const facility = (id: string, type: FacilityType, km: number, beds: number, meal_seats = 0): Facility => ({
  id, name: id, type, tier: "county", status: "operating", county_code: "640302", township_code: "640302100", ...at(km),
  beds, nursing_beds: 0, meal_seats, area_m2: 0, operator: "public", social_workers: 0, modelled: []
});

describe("E2SFCA hand-worked example", () => {
  // Rural radii (defaults): county_institution 30 km, nursing_home 15 km; Luo & Qi zones over thirds of the radius.
  //   A: county institution, 100 beds at 0 km → zones ≤10 km w 1, ≤20 km w 0.68, ≤30 km w 0.22
  //   B: nursing home, 30 beds at 20 km       → zones ≤5 km w 1, ≤10 km w 0.68, ≤15 km w 0.22
  //   V1 at 4 km (200 aged 60+): A 4 km → 1;     B 16 km → outside
  //   V2 at 15.5 km (300):       A 15.5 km → 0.68; B 4.5 km → 1
  //   V3 at 26 km (100):         A 26 km → 0.22; B 6 km → 0.68
  // Step 1: D_A = 200·1 + 300·0.68 + 100·0.22 = 426, R_A = 100/426; D_B = 300·1 + 100·0.68 = 368, R_B = 30/368.
  // Step 2 (per 1 000): V1 = 1000·R_A = 234.74; V2 = 1000·(0.68 R_A + R_B) = 241.15; V3 = 1000·(0.22 R_A + 0.68 R_B) = 107.08.
  // Township mean = (200·234.74 + 300·241.15 + 100·107.08) / 600 = 130 000 / 600 = 216.67 (all 130 beds, shared).
  // Against a standard of 240: V1 and V3 are below → 300 of 600 older people, share 0.5.
  const villages = [village("V1", 4, 200), village("V2", 15.5, 300), village("V3", 26, 100)];
  const facilities = [facility("A", "county_institution", 0, 100), facility("B", "nursing_home", 20, 30)];
  const params = accessParams(undefined);

  it("gives the per-village figures worked on paper", () => {
    const res = computeAccess(villages, facilities, defaultRadii(), params);
    const RA = 100 / 426, RB = 30 / 368;
    expect(res.beds![0]).toBeCloseTo(1000 * RA, 9);
    expect(res.beds![1]).toBeCloseTo(1000 * (0.68 * RA + RB), 9);
    expect(res.beds![2]).toBeCloseTo(1000 * (0.22 * RA + 0.68 * RB), 9);
    expect(res.meals![0]).toBe(0); // no canteen
    expect(res.reaching.beds).toEqual({facilities: 2, supply: 130});
  });

  it("gives the township mean and the share below the standard", () => {
    const res = computeAccess(villages, facilities, defaultRadii(), params);
    const sum = summariseAccess(res, [{code: "640302100", name: "T", county_code: "640302"}], [{code: "640302", name: "C"}], params, () => 240);
    expect(sum.townships[0].beds_mean).toBeCloseTo(130_000 / 600, 9);
    expect(sum.townships[0].beds_below_share).toBeCloseTo(0.5, 12);
    expect(sum.counties[0].beds_mean).toBeCloseTo(130_000 / 600, 9);
    expect(sum.counties[0].meals_mean).toBe(0);
    expect(sum.counties[0].meals_below_share).toBe(1);
  });

  it("moves V3 out of A's catchment when the rural institution radius is 25 km", () => {
    // D_A = 200 + 0.68·300 (15.5 km still in zone 2 of 25 km: ≤ 16.67) = 404; V3 gets only B: 1000·0.68·30/368
    const res = computeAccess(villages, facilities, mergeRadii({county_institution: {rural: 25_000}}), params);
    expect(res.beds![0]).toBeCloseTo(1000 * (100 / 404), 9);
    expect(res.beds![2]).toBeCloseTo(1000 * 0.68 * (30 / 368), 9);
  });

  it("is null, never zeros, when beds are declared absent", () => {
    const res = computeAccess(villages, facilities, defaultRadii(), params, {absent: {facilities: ["beds"]}});
    expect(res.beds).toBeNull();
    expect(res.meals).not.toBeNull();
    const sum = summariseAccess(res, [], [{code: "640302", name: "C"}], params);
    expect(sum.counties[0].beds_mean).toBeNull();
    expect(sum.counties[0].beds_below_share).toBeNull();
    expect(sum.counties[0].meals_mean).toBe(0);
  });

  it("counts only serving facilities", () => {
    const res = computeAccess(villages, [facilities[0], {...facilities[1], status: "planned"}], defaultRadii(), params);
    expect(res.beds![1]).toBeCloseTo(1000 * 0.68 * (100 / 426), 9);
  });
});

describe("decay", () => {
  it("Luo & Qi zones and the Gaussian at their bounds", () => {
    expect(decayWeight(DEFAULT_DECAY, 0, 9000)).toBe(1);
    expect(decayWeight(DEFAULT_DECAY, 3000, 9000)).toBe(1);
    expect(decayWeight(DEFAULT_DECAY, 3001, 9000)).toBe(0.68);
    expect(decayWeight(DEFAULT_DECAY, 9000, 9000)).toBe(0.22);
    const g = {kind: "gaussian", source: "t"} as const;
    expect(decayWeight(g, 0, 10)).toBe(1);
    expect(decayWeight(g, 10, 10)).toBeCloseTo(0, 15);
    expect(decayWeight(g, 5, 10)).toBeCloseTo((Math.exp(-1 / 8) - Math.exp(-1 / 2)) / (1 - Math.exp(-1 / 2)), 14);
  });

  it("config is validated, naming the key", () => {
    expect(() => accessParams({access: {decay: {kind: "zones", zones: [0.5, 0.9], weights: [1, 0.5], source: "x"}}})).toThrow(/last 1/);
    expect(() => accessParams({access: {decay: {kind: "zones", zones: [0.5, 1], weights: [1, 0.5]}}})).toThrow(/source/);
    expect(() => accessParams({access: {standards: {beds: -1}}})).toThrow(/standards.beds/);
    expect(accessParams({access: {standards: {beds: 35}}}).standards.beds).toBe(35);
  });
});

describe("E2SFCA vs brute force (all pairs, turf.distance)", () => {
  for (const seed of [11, 12]) {
    it(`county-size seeded region ${seed}, Luo & Qi zones`, () => {
      const r = synthRegion({seed, villages: 300, facilities: 120, counties: 2, extent: [106, 37.5, 107, 38.5]});
      expectOracle(r.villages, r.facilities, accessParams(undefined));
    });
  }

  it("a pastoral, China-wide sparse region with the Gaussian decay", () => {
    const r = synthRegion({seed: 5, villages: 400, facilities: 300, counties: 3, extent: [100, 38, 110, 44]});
    expectOracle(r.villages, r.facilities, accessParams({access: {decay: {kind: "gaussian", source: "test"}}}));
  });

  it("random zones and radii (fast-check), conservation of supply", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 1e6}),
        fc.array(fc.double({min: 0.05, max: 0.95, noNaN: true}), {minLength: 0, maxLength: 3}),
        fc.integer({min: 2000, max: 40_000}),
        (seed, cuts, r) => {
          const zones = [...new Set(cuts)].sort((a, b) => a - b).concat(1);
          const weights = zones.map((_, i) => 1 - i / (zones.length + 1));
          const params = accessParams({access: {decay: {kind: "zones", zones, weights, source: "test"}}});
          const reg = synthRegion({seed, villages: 150, facilities: 60, counties: 1, extent: [106, 37.8, 106.6, 38.3]});
          const radii = mergeRadii({county_institution: {rural: r, urban: r / 3}, canteen: {rural: r / 4}});
          const res = computeAccess(reg.villages, reg.facilities, radii, params);
          const decay: OracleDecay = {kind: "zones", zones, weights};
          const beds = bruteE2sfca(reg.villages, reg.facilities, radii, decay, GOOD_TYPES.beds, "beds");
          reg.villages.forEach((_, i) => expect(rel(res.beds![i], beds[i])).toBe(true));
          // Σ P·A = 1 000 · the supply of the facilities that reach someone
          const total = reg.villages.reduce((s, v, i) => s + v.pop60 * res.beds![i], 0);
          expect(rel(total, 1000 * res.reaching.beds.supply)).toBe(true);
        }
      ),
      {numRuns: 25, seed: 18}
    );
  });
});

describe("config.access in region.json", () => {
  it("a malformed decay is a manifest error naming the key", async () => {
    const {mkdtempSync, writeFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const {readManifest} = await import("../../loaders/manifest.ts");
    const dir = mkdtempSync(join(tmpdir(), "cc-access-"));
    const base = {id: "x", name: "x", data_date: "2025-01-01", files: {}};
    writeFileSync(join(dir, "region.json"), JSON.stringify({...base, config: {access: {decay: {kind: "steps", source: "s"}}}}));
    expect((await readManifest(dir)).errors.join("\n")).toMatch(/config\.access: decay\.kind/);
    writeFileSync(join(dir, "region.json"), JSON.stringify({...base, config: {access: {decay: {kind: "gaussian", source: "s"}}}}));
    expect((await readManifest(dir)).errors.join("\n")).not.toMatch(/config\.access/);
  });
});

describe("capacitated coverage, nearest first", () => {
  const villages = [village("V1", 4, 200), village("V2", 15.5, 300), village("V3", 26, 100)];
  const facilities = [facility("A", "county_institution", 0, 100), facility("B", "nursing_home", 20, 30)];

  it("hand-worked: 3 villages, 2 facilities", () => {
    // Standard 400 per 1 000 → demand V1 80, V2 120, V3 40 (240). Capacity A 100, B 30.
    // Pairs in catchment by distance: V1–A 4 km, V2–B 4.5 km, V3–B 6 km, V2–A 15.5 km, V3–A 26 km (V1–B 16 km > 15).
    //   V1–A: 80 (A 20 left); V2–B: 30 (B 0); V3–B: nothing left; V2–A: min(90, 20) = 20 (A 0); V3–A: nothing.
    // Served V1 80, V2 50, V3 0: 130 of 240, unserved 110.
    const res = capacitatedCoverage(villages, facilities, defaultRadii(), "beds", () => 400)!;
    expect([...res.demand]).toEqual([80, 120, 40]);
    expect([...res.served]).toEqual([80, 50, 0]);
    expect(Object.fromEntries(res.used)).toEqual({A: 100, B: 30});
    const t = summariseCapacity(res, villages, (v) => v.township_code).get("640302100")!;
    expect([t.demand, t.served, t.unserved, t.served_share]).toEqual([240, 130, 110, 130 / 240]);
  });

  it("with ample capacity everyone in a catchment is served, nobody outside", () => {
    const res = capacitatedCoverage(villages, [facility("A", "county_institution", 0, 10_000)], mergeRadii({county_institution: {rural: 20_000}}), "beds", () => 40)!;
    expect([...res.served]).toEqual([8, 12, 0]); // V3 at 26 km is outside the 20 km catchment
  });

  it("is null when beds are declared absent", () => {
    expect(capacitatedCoverage(villages, facilities, defaultRadii(), "beds", () => 40, {absent: {facilities: ["beds"]}})).toBeNull();
  });

  for (const seed of [21, 22]) {
    it(`equals the brute force on seeded region ${seed} (beds and meals)`, () => {
      const r = synthRegion({seed, villages: 300, facilities: 120, counties: 2, extent: [106, 37.5, 107, 38.5]});
      const radii = defaultRadii();
      for (const [good, field, per1000] of [["beds", "beds", 40], ["meals", "meal_seats", 50]] as const) {
        const res = capacitatedCoverage(r.villages, r.facilities, radii, good, () => per1000)!;
        const o = bruteCapacity(r.villages, r.facilities, radii, GOOD_TYPES[good], field, per1000);
        r.villages.forEach((v, i) => expect(rel(res.served[i], o.served[i]), `${good} ${v.code}`).toBe(true));
        for (const [id, left] of o.left) expect(rel(res.used.get(id) ?? 0, (r.facilities.find((f) => f.id === id)![field]) - left), id).toBe(true);
        // both binding: some villages are short, some facilities full
        const short = r.villages.filter((_, i) => res.served[i] < res.demand[i] - 1e-9).length;
        const full = r.facilities.filter((f) => res.used.has(f.id) && res.used.get(f.id)! >= f[field] - 1e-9).length;
        expect(short > 0 && short < r.villages.length && full > 0, `${good}: ${short} short, ${full} full`).toBe(true);
      }
    });
  }
});

describe("capacitated coverage of community stations (people served per type, from config)", () => {
  // rural villages (station radius 2 km for every community type); demand = pop60 × 1 000 / 1 000 (everyone)
  const villages = [village("V1", 0.5, 200), village("V2", 1.5, 150), village("V3", 3.2, 100)];
  const station = (id: string, type: FacilityType, km: number, status: Facility["status"] = "operating"): Facility => ({...facility(id, type, km, 0), tier: "community", status});
  const facilities = [station("S1", "community_station", 0), station("M1", "mutual_aid", 1.1), station("D1", "day_centre", 3.1), station("P", "community_station", 3.2, "planned")];

  it("hand-worked: 3 villages, 3 serving stations, a planned one left out", () => {
    // Capacities (config): S1 250, D1 120, M1 50. Pairs within 2 km by distance:
    //   V3–D1 0.1 km, V2–M1 0.4, V1–S1 0.5, V1–M1 0.6, V2–S1 1.5, V2–D1 1.6 (V1–D1 2.6, V3–S1 3.2, V3–M1 2.1: out).
    //   V3–D1: 100 (D1 20 left); V2–M1: 50 (M1 0); V1–S1: 200 (S1 50); V1–M1: none left; V2–S1: min(100, 50) = 50
    //   (S1 0); V2–D1: min(50, 20) = 20 (D1 0). Served V1 200, V2 120, V3 100: 420 of 450, unserved 30.
    const cap = {community_station: 250, day_centre: 120, mutual_aid: 50};
    const res = capacitatedCoverage(villages, facilities, defaultRadii(), "stations", () => 1000, {stationCapacity: cap})!;
    expect([...res.demand]).toEqual([200, 150, 100]);
    expect([...res.served]).toEqual([200, 120, 100]);
    expect(Object.fromEntries(res.used)).toEqual({S1: 250, M1: 50, D1: 120});
    const t = summariseCapacity(res, villages, (v) => v.township_code).get("640302100")!;
    expect([t.demand, t.served, t.unserved, t.served_share]).toEqual([450, 420, 30, 420 / 450]);
  });

  it("defaults to the documented planning assumptions (300 / 200 / 50): everyone served here", () => {
    const res = capacitatedCoverage(villages, facilities, defaultRadii(), "stations", () => 1000)!;
    // V3–D1 100; V2–M1 50; V1–S1 200 (S1 100 left); V2–S1 100: all 450 served
    expect([...res.served]).toEqual([200, 150, 100]);
    expect(Object.fromEntries(res.used)).toEqual({S1: 300, M1: 50, D1: 100});
  });

  it("a station type set to 0 serves nobody; beds declared absent do not null the stations", () => {
    const res = capacitatedCoverage(villages, facilities, defaultRadii(), "stations", () => 1000, {stationCapacity: {community_station: 0, day_centre: 120, mutual_aid: 50}, absent: {facilities: ["beds", "meal_seats"]}})!;
    // V3–D1 100 (D1 20); V2–M1 50; V1–M1 min(200, 0) = 0; V2–D1 20: V1 0, V2 70, V3 100
    expect([...res.served]).toEqual([0, 70, 100]);
    expect(res.used.has("S1")).toBe(false);
  });

  for (const seed of [31, 32]) {
    it(`equals the brute force on seeded region ${seed}, default and binding capacities`, () => {
      const r = synthRegion({seed, villages: 300, facilities: 160, counties: 2, extent: [106, 37.5, 107, 38.5]});
      const radii = defaultRadii();
      for (const cap of [DEFAULT_STATION_CAPACITY.capacity, {community_station: 40, day_centre: 25, mutual_aid: 10}]) {
        const res = capacitatedCoverage(r.villages, r.facilities, radii, "stations", () => 1000, {stationCapacity: cap})!;
        const o = bruteCapacity(r.villages, r.facilities, radii, STATION_TYPES, (f) => cap[f.type as StationType], 1000);
        r.villages.forEach((v, i) => expect(rel(res.served[i], o.served[i]), `${v.code}`).toBe(true));
        for (const [id, left] of o.left) {
          const f = r.facilities.find((x) => x.id === id)!;
          expect(rel(res.used.get(id) ?? 0, cap[f.type as StationType] - left), id).toBe(true);
        }
        const served = res.served.filter((x) => x > 0).length;
        const short = r.villages.filter((_, i) => res.served[i] < res.demand[i] - 1e-9).length;
        const full = [...res.used].filter(([id, u]) => u >= cap[r.facilities.find((f) => f.id === id)!.type as StationType] - 1e-9).length;
        // the region exercises the rule: villages served and short, stations full
        expect(served > 0 && short > 0 && full > 0, `${served} served, ${short} short, ${full} full`).toBe(true);
      }
    });
  }

  it("config.access.station_capacity: validated, naming the key; a partial one keeps the assumption for the rest", () => {
    expect(accessParams(undefined).station_capacity).toEqual({...DEFAULT_STATION_CAPACITY, capacity: {...DEFAULT_STATION_CAPACITY.capacity}});
    expect(() => accessParams({access: {station_capacity: {community_station: 100}}})).toThrow(/station_capacity\.source is required/);
    expect(() => accessParams({access: {station_capacity: {community_station: -1, source: "s"}}})).toThrow(/station_capacity\.community_station/);
    expect(() => accessParams({access: {station_capacity: {canteen: 10, source: "s"}}})).toThrow(/station_capacity\.canteen/);
    expect(() => accessParams({access: {standards: {stations: 0}}})).toThrow(/standards\.stations/);
    const full = accessParams({access: {station_capacity: {community_station: 400, day_centre: 150, mutual_aid: 30, source: "本县方案"}}}).station_capacity;
    expect(full).toEqual({capacity: {community_station: 400, day_centre: 150, mutual_aid: 30}, source: "本县方案", assumed: false});
    const part = accessParams({access: {station_capacity: {day_centre: 150, source: "本县方案"}}}).station_capacity;
    expect(part.capacity).toEqual({community_station: 300, day_centre: 150, mutual_aid: 50});
    expect(part.assumed).toBe(true);
    expect(part.source).toMatch(/^本县方案；未设定的类型：站点服务容量：规划假设/);
    expect(accessParams({access: {standards: {stations: 600}}}).standards.stations).toBe(600);
  });
});
