import * as turf from "@turf/turf";
import {describe, expect, it} from "vitest";
import {FACILITY_TYPES, facilityTypeOf} from "../../src/lib/facility-types.ts";
import {EARTH_RADIUS_M, haversine, metresToDegreesLat, metresToDegreesLng, metresToMeridianAtLeast} from "../../src/lib/engine/geo.ts";
import {defaultRadii, mergeRadii, RADIUS_DEFAULTS, SETTLEMENTS} from "../../src/lib/engine/radii.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";

describe("geo: one distance definition", () => {
  it("haversine is bit-identical to turf.distance in metres", () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const a: [number, number] = [73 + rand() * 62, 17 + rand() * 37];
      const b: [number, number] = [a[0] + (rand() - 0.5) * 4, a[1] + (rand() - 0.5) * 4];
      expect(haversine(a[0], a[1], b[0], b[1])).toBe(turf.distance(a, b, {units: "meters"}));
    }
  });

  it("degree helpers bound every point of a circle", () => {
    const rand = mulberry32(4);
    for (let i = 0; i < 500; i++) {
      const lat = -70 + rand() * 140;
      const r = 10 + rand() * 200_000;
      const p = turf.destination([100, lat], r, rand() * 360 - 180, {units: "meters"}).geometry.coordinates;
      expect(Math.abs(p[1] - lat)).toBeLessThanOrEqual(metresToDegreesLat(r) * (1 + 1e-9));
      expect(Math.abs(p[0] - 100)).toBeLessThanOrEqual(metresToDegreesLng(r, lat) * (1 + 1e-9));
      expect(metresToMeridianAtLeast(lat, Math.abs(p[0] - 100))).toBeLessThanOrEqual(r * (1 + 1e-9));
    }
    expect(EARTH_RADIUS_M).toBe(6371008.8);
    expect(metresToDegreesLng(100, 89.9999)).toBe(180);
  });
});

describe("radii", () => {
  it("every type × settlement has a positive default and a source", () => {
    for (const t of FACILITY_TYPES) {
      for (const s of SETTLEMENTS) {
        expect(RADIUS_DEFAULTS[t][s].metres).toBeGreaterThan(0);
        expect(RADIUS_DEFAULTS[t][s].source.length).toBeGreaterThan(10);
      }
    }
    expect(RADIUS_DEFAULTS.community_station.urban.source).toContain("GB 50180-2018");
    expect(RADIUS_DEFAULTS.community_station.pastoral.source).toContain("planning assumption");
  });

  it("merges overrides and leaves the rest at the defaults", () => {
    const merged = mergeRadii({community_station: {urban: 500}, meal_site: {pastoral: 20_000}});
    expect(merged.community_station).toEqual({urban: 500, rural: 2000, pastoral: 10000});
    expect(merged.meal_site.pastoral).toBe(20_000);
    expect(merged.canteen).toEqual(defaultRadii().canteen);
    expect(mergeRadii(null)).toEqual(defaultRadii());
  });

  it.each([
    [{hospital: {urban: 1}}, /Unknown facility type in config.radii: hospital/],
    [{canteen: {suburban: 1}}, /Unknown settlement class in config.radii.canteen: suburban/],
    [{canteen: {urban: 0}}, /Invalid radius 0 at config.radii.canteen.urban/],
    [{canteen: {urban: "800"}}, /Invalid radius "800"/],
    [{canteen: {urban: 1e9}}, /Invalid radius 1000000000/],
    [{canteen: [1]}, /config.radii.canteen must be an object/]
  ])("rejects %j", (overrides, message) => {
    expect(() => mergeRadii(overrides as never)).toThrow(message);
  });
});

describe("facilityTypeOf", () => {
  it("maps the seed documents' own words, the longest synonym winning", () => {
    const cases: [string, string | undefined][] = [
      ["兴隆社区养老服务站", "community_station"],
      ["大兴镇综合养老服务中心", "township_centre"],
      ["社区居家养老服务中心", "community_station"], // seed 000: 社区（嘎查村）居家养老服务中心（站）
      ["嘎查村居家养老服务中心（站）", "community_station"],
      ["石化街道社区养老服务综合体", "township_centre"], // seed 004's complexes count as 综合为老服务中心
      ["利通区老年养护院", "county_institution"], // seed 001
      ["特困人员供养服务设施（敬老院）", "nursing_home"],
      ["社区助餐服务场所", "meal_site"], // seed 004
      ["区域养老服务中心", "township_centre"],
      ["养殖场", undefined]
    ];
    expect(cases.map(([v]) => [v, facilityTypeOf(v)])).toEqual(cases);
  });
});
