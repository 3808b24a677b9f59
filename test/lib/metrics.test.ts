import {describe, expect, it} from "vitest";
import {computeCoverage} from "../../src/lib/engine/coverage.ts";
import {townshipKind} from "../../src/lib/facility-types.ts";
import {computeMetrics, weightedStats} from "../../src/lib/plan/metrics.ts";
import type {UnitMetrics} from "../../src/lib/plan/metrics.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {loadFixture} from "../helpers/fixtures.ts";

// Metres per degree of latitude on the sphere of radius 6 371 008.8 m (worked by hand: R·π/180).
const M = 111_195.0797;
const region = loadFixture("two-townships");
const metrics = computeMetrics(region, computeCoverage(region.villages, region.facilities, defaultRadii()));
const rows = [...metrics.townships, ...metrics.counties]; // T1, T2, county

/** One column of the three rows, numbers rounded to 4 decimals (the hand sums are exact to that). */
function col(fn: (r: UnitMetrics) => number | null): (number | null)[] {
  return rows.map((r) => {
    const v = fn(r);
    return v === null ? null : Math.round(v * 1e4) / 1e4;
  });
}
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

describe("metrics on the two-township fixture (answers worked by hand in the fixture notes)", () => {
  it("people and coverage by tier (pop60)", () => {
    expect(col((r) => r.people)).toEqual([300, 700, 1000]);
    expect(col((r) => r.covered_any)).toEqual([300, 300, 600]);
    expect(col((r) => r.covered_any_share)).toEqual([1, r4(3 / 7), 0.6]);
    expect(col((r) => r.uncovered)).toEqual([0, 400, 400]);
    expect(col((r) => r.covered.county)).toEqual([0, 300, 300]);
    expect(col((r) => r.covered.township)).toEqual([100, 0, 100]);
    expect(col((r) => r.covered.community)).toEqual([100, 300, 400]);
    expect(col((r) => r.covered.meal)).toEqual([200, 0, 200]);
    expect(col((r) => r.covered_share.community)).toEqual([r4(1 / 3), r4(3 / 7), 0.4]);
  });

  it("coverage weighted by another measure (pop80: V3 60 of V3+V4 80)", () => {
    const m = computeMetrics(region, computeCoverage(region.villages, region.facilities, defaultRadii()), {measure: "pop80"});
    expect(m.townships.map((r) => r.covered_any_share)).toEqual([1, 0.75]);
  });

  it("people-weighted nearest community-tier distance", () => {
    // T1: V1 0 m (w100), V2 0.02° (w200). T2: V3 0 m (w300), V4 0.1° (w400). County: all four.
    expect(col((r) => r.nearest.community.mean)).toEqual([r4((200 * 0.02 * M) / 300), r4((400 * 0.1 * M) / 700), r4((200 * 0.02 * M + 400 * 0.1 * M) / 1000)]);
    expect(col((r) => r.nearest.community.median)).toEqual([r4(0.02 * M), r4(0.1 * M), r4(0.02 * M)]);
    expect(col((r) => r.nearest.community.p90)).toEqual([r4(0.02 * M), r4(0.1 * M), r4(0.1 * M)]);
    expect(col((r) => r.nearest.community.max)).toEqual([r4(0.02 * M), r4(0.1 * M), r4(0.1 * M)]);
  });

  it("facility density", () => {
    expect(col((r) => r.facilities)).toEqual([3, 2, 5]);
    expect(col((r) => r.facilities_per_km2)).toEqual([0.3, 0.01, r4(5 / 210)]);
    expect(col((r) => r.facilities_per_1000_older)).toEqual([10, r4(2000 / 700), 5]);
    expect(col((r) => r.public_institutions)).toEqual([0, 1, 1]);
    expect(col((r) => r.facilities_by_type.township_centre)).toEqual([1, 0, 1]);
  });

  it("beds, nursing beds and floor area", () => {
    expect(col((r) => r.beds)).toEqual([20, 60, 80]);
    expect(col((r) => r.beds_per_1000_60)).toEqual([r4(20000 / 300), r4(60000 / 700), 80]);
    expect(col((r) => r.nursing_beds_per_1000_60)).toEqual([40, r4(30000 / 700), 42]);
    expect(col((r) => r.nursing_share)).toEqual([0.6, 0.5, 0.525]);
    expect(col((r) => r.area_per_bed)).toEqual([35, 40, 38.75]);
    expect(col((r) => r.beds_pipeline)).toEqual([0, 30, 30]);
    // the planned centre C2 (T2, 30 beds, 1 000 m²) is held to seed 001's rules for new centres too:
    // T2 1 000 / 30; county (700 + 1 000) / (20 + 30) = 34
    expect(col((r) => r.township_centre_max_beds)).toEqual([20, 30, 30]);
    expect(col((r) => r.township_centre_area_per_bed)).toEqual([35, r4(1000 / 30), 34]);
    expect(col((r) => r.township_centre_nursing_share)).toEqual([0.6, null, 0.6]);
  });

  it("meal seats against 5 % of 65+", () => {
    expect(col((r) => r.meal_seats)).toEqual([160, 0, 160]);
    expect(col((r) => r.meal_seats_needed)).toEqual([11.5, 27, 38.5]);
    expect(col((r) => r.meal_seat_ratio)).toEqual([r4(160 / 11.5), 0, r4(160 / 38.5)]);
    expect(col((r) => r.meal_seat_share_65)).toEqual([r4(160 / 230), 0, r4(160 / 770)]);
    expect(col((r) => r.canteens_150)).toEqual([1, 0, 1]);
  });

  it("stations in villages and centres in townships", () => {
    expect(col((r) => r.communities_with_station)).toEqual([1, 0, 1]);
    expect(col((r) => r.villages_with_station)).toEqual([0, 1, 1]);
    expect(col((r) => r.station_share)).toEqual([0.5, 0.5, 0.5]);
    expect(col((r) => r.community_station_share)).toEqual([0.5, null, 0.5]);
    expect(col((r) => r.village_station_share)).toEqual([null, 0.5, 0.5]);
    expect(col((r) => r.townships_with_centre)).toEqual([1, 0, 1]);
    expect(col((r) => r.township_centre_share)).toEqual([1, 0, 0.5]);
  });

  it("a station without village_code is assigned to the nearest village of its township", () => {
    const facilities = region.facilities.map((f) => (f.id === "S2" ? {...f, village_code: undefined, lat: 38.09} : f));
    const m = computeMetrics({...region, facilities}, computeCoverage(region.villages, facilities, defaultRadii()));
    expect(m.townships[1].villages_with_station).toBe(1); // V4 (0.01° away), not V3 (0.09°)
    expect(m.townships[1].nearest.community.median).toBeCloseTo(0.01 * M, 3);
  });

  it("social workers and social operation", () => {
    expect(col((r) => r.social_workers)).toEqual([3, 1, 4]);
    expect(col((r) => r.social_workers_per_1000_older)).toEqual([10, r4(1000 / 700), 4]);
    // per 100 institution beds, institution social workers only: T1 C1 2 per 20 beds (S1's 1 is a station's);
    // T2 K1 1 per 60; county (2 + 1) per 80
    expect(col((r) => r.social_workers_per_100_beds)).toEqual([10, r4(100 / 60), 3.75]);
    expect(col((r) => r.social_operation_share)).toEqual([r4(2 / 3), 0, 0.4]);
  });

  it("centre leads stations: explicit link, nearest fallback, none", () => {
    expect(metrics.links.map((l) => [l.station_id, l.centre_id, l.how])).toEqual([
      ["S1", "C1", "explicit"],
      ["S2", null, "none"]
    ]);
    expect(metrics.links[0].distance_m).toBeCloseTo(0.005 * M, 3);
    expect(col((r) => r.stations)).toEqual([1, 1, 2]);
    expect(col((r) => r.station_link_share)).toEqual([1, 0, 0.5]);
    expect(col((r) => r.link_distance_max)).toEqual([r4(0.005 * M), null, r4(0.005 * M)]);
    const planned = computeMetrics(region, computeCoverage(region.villages, region.facilities, defaultRadii(), {statuses: ["operating", "planned"]}), {
      statuses: ["operating", "planned"]
    });
    expect(planned.links[1]).toMatchObject({station_id: "S2", centre_id: "C2", how: "nearest"});
    expect(planned.links[1].distance_m).toBeCloseTo(0.1 * M, 3);
  });
});

describe("weightedStats", () => {
  it("uses the smallest value reaching the quantile and ignores zero weights", () => {
    expect(weightedStats([0, 100, 5000], [1, 3, 0])).toEqual({mean: 75, median: 100, p90: 100, max: 100});
    expect(weightedStats([10, 20, 30, 40], [1, 1, 1, 1])).toEqual({mean: 25, median: 20, p90: 40, max: 40});
  });
  it("is all null with no weight or an infinite distance", () => {
    expect(weightedStats([1], [0]).mean).toBeNull();
    expect(weightedStats([Infinity, 1], [1, 1]).median).toBeNull();
  });
});

describe("institution beds and the township-centre share's units (fixture variants)", () => {
  it("beds of a station count in beds and beds per 1 000, but not in the nursing share, area per bed or social workers per 100 beds", () => {
    const facilities = region.facilities.map((f) => (f.id === "S1" ? {...f, beds: 10, nursing_beds: 0, area_m2: 300, social_workers: 1} : f));
    const v = {...region, facilities};
    const m = computeMetrics(v, computeCoverage(v.villages, v.facilities, defaultRadii()));
    const [t1, base] = [m.townships[0], metrics.townships[0]];
    expect([t1.beds, t1.institution_beds, base.institution_beds]).toEqual([30, 20, 20]);
    expect(t1.beds_per_1000_60).toBeCloseTo(30_000 / 300, 9);
    expect([t1.nursing_share, t1.area_per_bed, t1.social_workers_per_100_beds]).toEqual([base.nursing_share, base.area_per_bed, base.social_workers_per_100_beds]);
  });

  it("a county's centre share leaves out units coded 400–599 (development zones); the zone's own row counts itself", () => {
    const zone = {...region.townships[1], code: "640302401", name: "农业科技园区", modelled: []};
    const v = {...region, townships: [...region.townships, zone]};
    const m = computeMetrics(v, computeCoverage(v.villages, v.facilities, defaultRadii()));
    const county = m.counties[0];
    expect([county.townships, county.centre_units, county.townships_with_centre, county.township_centre_share]).toEqual([3, 2, 1, 0.5]);
    expect(m.townships.map((t) => [t.code, t.centre_units, t.township_centre_share])).toEqual([
      ["640302001", 1, 1],
      ["640302002", 1, 0],
      ["640302401", 1, 0]
    ]);
    // a centre in the zone does not count for the county either
    const withCentre = {...v, facilities: [...v.facilities, {...region.facilities.find((f) => f.id === "C1")!, id: "CZ", township_code: "640302401"}]};
    const m2 = computeMetrics(withCentre, computeCoverage(withCentre.villages, withCentre.facilities, defaultRadii()));
    expect([m2.counties[0].townships_with_centre, m2.counties[0].township_centre_share, m2.townships[2].township_centre_share]).toEqual([1, 0.5, 1]);
  });
});

describe("townshipKind", () => {
  it("reads the kind from digits 7–9 of the statistical code", () => {
    expect(["640302001", "640302099", "640302100", "640302199", "640302200", "640302399", "640302400", "310116503"].map(townshipKind)).toEqual([
      "subdistrict", "subdistrict", "town", "town", "township", "township", "zone", "zone"
    ]);
  });

  it("digits outside the code's ranges (000, 600–999) are unknown, not a zone", () => {
    expect(["640302000", "640302600", "640302999", "6403021"].map(townshipKind)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
  });

  it("a unit of unknown kind is counted in the county's centre share, never silently left out", () => {
    const odd = {...region.townships[1], code: "640302701", name: "代码异常镇", modelled: []};
    const v = {...region, townships: [...region.townships, odd]};
    const m = computeMetrics(v, computeCoverage(v.villages, v.facilities, defaultRadii()));
    const county = m.counties[0];
    expect([county.townships, county.centre_units, county.townships_with_centre, county.township_centre_share]).toEqual([3, 3, 1, 1 / 3]);
  });
});
