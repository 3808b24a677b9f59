// The explorer's per-township results table: counted by the measure chosen (not always 60+), village by village
// against a brute-force oracle (haversine ≤ the radius for the village's class), the change and the shares.
import {describe, expect, it} from "vitest";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";
import {scenarioTownshipRows} from "../../src/lib/view/scenario-results.ts";
import type {Facility, Measure, Village} from "../../src/lib/types.ts";

const rand = mulberry32(7);
const townships = [{code: "640302100", name: "甲镇", county_code: "640302"}, {code: "640302101", name: "乙镇", county_code: "640302"}];
const villages: Village[] = Array.from({length: 40}, (_, i) => {
  const pop60 = 50 + Math.floor(rand() * 400);
  return {code: `64030210${i % 2}${String(200 + i).padStart(3, "0")}`, name: `V${i}`, township_code: townships[i % 2].code, county_code: "640302", kind: "village", settlement: "rural", lng: 106.2 + rand() * 0.2, lat: 37.9 + rand() * 0.2, pop60, pop65: Math.floor(pop60 * 0.7), pop80: Math.floor(pop60 * 0.2), disabled: 0, alone: 0, modelled: []} as Village;
});
const station = (id: string, lng: number, lat: number): Facility => ({id, name: id, type: "community_station", tier: TIER_OF.community_station, status: "operating", county_code: "640302", township_code: townships[0].code, lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []} as Facility);
const radii = defaultRadii();
const before = [station("A", 106.25, 37.95)];
const after = [...before, station("B", villages[3].lng, villages[3].lat)]; // on a village: it covers at least that one
const covered = (fs: Facility[], v: Village) => fs.some((f) => haversine(f.lng, f.lat, v.lng, v.lat) <= radii[f.type][v.settlement]);

describe("scenarioTownshipRows", () => {
  for (const measure of ["pop60", "pop65", "pop80"] as Measure[]) {
    it(`counts by ${measure}: people, covered before and after, the change and the shares, per township`, () => {
      const b = new CoverageEngine(villages, before, radii).result();
      const a = new CoverageEngine(villages, after, radii).result();
      const idx = villages.map((_, i) => i);
      const rows = scenarioTownshipRows(villages, idx, b, a, townships, measure, () => "利通区");
      const label = {pop60: "60岁以上老人", pop65: "65岁以上老人", pop80: "80岁以上老人"}[measure as "pop60"];
      for (const [k, t] of townships.entries()) {
        const mine = villages.filter((v) => v.township_code === t.code);
        const people = mine.reduce((n, v) => n + (v[measure] ?? 0), 0);
        const was = mine.reduce((n, v) => n + (covered(before, v) ? (v[measure] ?? 0) : 0), 0);
        const now = mine.reduce((n, v) => n + (covered(after, v) ? (v[measure] ?? 0) : 0), 0);
        expect(rows[k]).toEqual({乡镇代码: t.code, 乡镇: t.name, 县区: "利通区", [`${label}（人）`]: people, 原覆盖人数: was, 现覆盖人数: now, 变化: now - was, 原覆盖率: was / people, 现覆盖率: now / people});
      }
      expect(rows.reduce((n, r) => n + (r.变化 as number), 0)).toBeGreaterThan(0);
    });
  }

  it("with a road network: the same people covered over the roads before and after, as extra columns named by tier, mode and threshold", () => {
    const b = new CoverageEngine(villages, before, radii).result();
    const idx = villages.map((_, i) => i);
    // flags given by hand: every other village covered before, every village after but the first
    const netBefore = Uint8Array.from(villages, (_, i) => (i % 2 ? 1 : 0));
    const netAfter = Uint8Array.from(villages, (_, i) => (i === 0 ? 0 : 1));
    const rows = scenarioTownshipRows(villages, idx, b, b, townships, "pop60", () => "利通区", {label: "路网村/社区级步行15分钟", before: netBefore, after: netAfter});
    for (const [k, t] of townships.entries()) {
      const mine = idx.filter((i) => villages[i].township_code === t.code);
      const people = mine.reduce((n, i) => n + villages[i].pop60, 0);
      const was = mine.reduce((n, i) => n + (netBefore[i] ? villages[i].pop60 : 0), 0);
      const now = mine.reduce((n, i) => n + (netAfter[i] ? villages[i].pop60 : 0), 0);
      expect(rows[k]).toMatchObject({"路网村/社区级步行15分钟原覆盖人数": was, "路网村/社区级步行15分钟现覆盖人数": now, "路网村/社区级步行15分钟原覆盖率": people ? was / people : null, "路网村/社区级步行15分钟现覆盖率": people ? now / people : null});
    }
    expect(rows.some((r) => r["路网村/社区级步行15分钟原覆盖人数"] !== r["路网村/社区级步行15分钟现覆盖人数"])).toBe(true);
    // without roads, no such column
    expect(Object.keys(scenarioTownshipRows(villages, idx, b, b, townships, "pop60")[0]).some((k) => k.startsWith("路网"))).toBe(false);
  });

  it("a township with no village in the unit reads 0 people and no share (never a share of nothing)", () => {
    const b = new CoverageEngine(villages, before, radii).result();
    const [row] = scenarioTownshipRows(villages, [], b, b, townships.slice(0, 1), "pop60");
    expect(row).toMatchObject({原覆盖人数: 0, 现覆盖人数: 0, 变化: 0, 原覆盖率: null, 现覆盖率: null, 县区: "640302"});
  });
});
