/**
 * 量化排名 of a township's villages and centre (seed 002), on a hand-worked township:
 *
 *   A 兴隆社区 (community, 001) — station S1 (公建民营, linked_centre TC), inside a station circle
 *   B 长隆村 (village, 200)     — station S2 (公办, no linked_centre: linked to the nearest centre, TC), inside
 *   C 狮子村 (village, 201)     — no counted station (S3 is only planned), outside every station circle
 *   TC 镇养老服务中心           — 公建民营, 20 beds of which 15 nursing, 1 social worker
 *
 * Weights 1 each, nursing 2; 4 activities a month score full marks.
 *   A:  station 1, social 1, link 1, coverage 1, activities 4/4 = 1,   inspection 0.9 → 5.9 / 6 = 98.33
 *   B:  station 1, social 0, link 1, coverage 1, activities 2/4 = 0.5, inspection 0.7 → 4.2 / 6 = 70
 *   C:  station 0, social 0, link 0, coverage 0, activities 0,          inspection 0.5 → 0.5 / 6 = 8.33
 *   TC: social 1, link 2/2 = 1, nursing 15/20 = 0.75 (×2), staffing min(1, 1 per 100 beds → 5) = 1,
 *       activities 8/4 → 1, inspection 0.8 → (1 + 1 + 1.5 + 1 + 1 + 0.8) / 7 = 6.3 / 7 = 90
 */
import {describe, expect, it} from "vitest";
import {rankTownshipUnits, unitRankingErrors, type UnitRankingConfig} from "../../src/lib/plan/unit-ranking.ts";
import type {Facility, Village} from "../../src/lib/types.ts";

const T = "500120104";
const village = (code: string, name: string, lng: number): Village => ({code: `${T}${code}`, name, township_code: T, county_code: "500120", kind: Number(code) < 200 ? "community" : "village", settlement: "rural", lng, lat: 29.5, pop60: 100, pop65: 80, pop80: 10, disabled: 5, alone: 5, modelled: []});
const facility = (f: Partial<Facility> & Pick<Facility, "id" | "name" | "type">): Facility => ({tier: f.type === "township_centre" ? "township" : "community", status: "operating", county_code: "500120", township_code: T, lng: 106.2, lat: 29.5, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 100, operator: "public_private", social_workers: 0, modelled: [], ...f});

const villages = [village("001", "兴隆社区", 106.2), village("200", "长隆村", 106.21), village("201", "狮子村<b>", 106.3)];
const facilities = [
  facility({id: "TC", name: "镇养老服务中心", type: "township_centre", beds: 20, nursing_beds: 15, social_workers: 1, lng: 106.205}),
  facility({id: "S1", name: "兴隆社区养老服务站", type: "community_station", village_code: `${T}001`, linked_centre: "TC"}),
  // no village_code: its village is the nearest of the township (长隆村 at 106.21)
  facility({id: "S2", name: "长隆村养老互助站", type: "mutual_aid", operator: "public", lng: 106.2101}),
  facility({id: "S3", name: "狮子村养老互助站", type: "mutual_aid", status: "planned", village_code: `${T}201`, lng: 106.3}),
  // another township's station is not counted here
  facility({id: "X1", name: "别镇站", type: "community_station", township_code: "500120105", village_code: `${T}201`})
];
const covered = (code: string) => code !== `${T}201`;
const config: UnitRankingConfig = {
  source: "大兴镇方案",
  weights: {station: 1, social_operation: 1, centre_link: 1, coverage: 1, nursing: 2, staffing: 1, activities: 1, inspection: 1},
  weights_source: "假设",
  activities_standard_per_month: 4,
  records: {[`${T}001`]: {activities_per_month: 4, inspection_score: 90}, [`${T}200`]: {activities_per_month: 2, inspection_score: 70}, [`${T}201`]: {activities_per_month: 0, inspection_score: 50}, TC: {activities_per_month: 8, inspection_score: 80}},
  records_source: "模拟",
  records_modelled: true
};

describe("rankTownshipUnits (量化排名 of villages and the centre)", () => {
  it("scores each unit on its own kind's criteria and ranks them together, as worked by hand", () => {
    const rows = rankTownshipUnits(T, villages, facilities, covered, config);
    expect(rows.map((r) => [r.rank, r.code, r.kind])).toEqual([[1, `${T}001`, "community"], [2, "TC", "centre"], [3, `${T}200`, "village"], [4, `${T}201`, "village"]]);
    expect(rows.map((r) => r.score)).toEqual([expect.closeTo(5.9 / 6 * 100, 9), expect.closeTo(90, 9), expect.closeTo(70, 9), expect.closeTo(0.5 / 6 * 100, 9)]);
    expect(rows[2].parts).toEqual({station: 1, social_operation: 0, centre_link: 1, coverage: 1, activities: 0.5, inspection: 0.7});
    expect(rows[1].parts).toEqual({social_operation: 1, centre_link: 1, nursing: 0.75, staffing: 1, activities: 1, inspection: 0.8});
    // names are data, passed through untouched (the page sets them as text)
    expect(rows[3].name).toBe("狮子村<b>");
  });

  it("a criterion without its input makes the score 未提供 (null, unranked, listed last), never 0", () => {
    const {[`${T}001`]: _gone, ...rest} = config.records!;
    const rows = rankTownshipUnits(T, villages, facilities, covered, {...config, records: rest});
    expect(rows.at(-1)).toMatchObject({code: `${T}001`, rank: null, score: null, missing: ["activities", "inspection"]});
    expect(rows.slice(0, 3).map((r) => r.rank)).toEqual([1, 2, 3]);
    // operators the region does not provide: social operation cannot be judged for anyone
    const noOperator = rankTownshipUnits(T, villages, facilities, covered, config, {facilities: ["operator"]});
    expect(noOperator.every((r) => r.score === null && r.missing.includes("social_operation"))).toBe(true);
  });

  it("uses only the weighted criteria; equal scores share a rank", () => {
    const rows = rankTownshipUnits(T, villages, facilities, covered, {...config, weights: {coverage: 1, social_operation: 1}});
    // A: (1 + 1) / 2; TC: social only → 1; B: (1 + 0) / 2; C: 0
    expect(rows.map((r) => [r.code, r.rank, r.score])).toEqual([[`${T}001`, 1, 100], ["TC", 1, 100], [`${T}200`, 3, 50], [`${T}201`, 4, 0]]);
    // a weight of 0 for a criterion that cannot be computed does not blank the score
    const withoutRecords = rankTownshipUnits(T, villages, facilities, covered, {...config, weights: {coverage: 1, nursing: 1, activities: 0}, records: undefined});
    expect(withoutRecords.map((r) => [r.code, r.score])).toEqual([[`${T}001`, 100], [`${T}200`, 100], ["TC", 75], [`${T}201`, 0]]);
    // a centre none of whose criteria is weighted cannot be scored
    expect(rankTownshipUnits(T, villages, facilities, covered, {...config, weights: {coverage: 1}}).find((r) => r.kind === "centre")).toMatchObject({score: null, rank: null});
  });

  it("validates a config entry with named errors", () => {
    expect(unitRankingErrors(T, config)).toEqual([]);
    expect(unitRankingErrors(T, {...config, weights: {speed: 1}})).toEqual([
      `region.json: config.unit_ranking.${T}.weights.speed: unknown criterion, expected one of station, social_operation, centre_link, coverage, nursing, staffing, activities, inspection`,
      `region.json: config.unit_ranking.${T}.weights: at least one weight must be more than 0`
    ]);
    expect(unitRankingErrors("5001", {...config, activities_standard_per_month: undefined, records: {x: {inspection_score: 120}}, records_source: ""})).toEqual([
      "region.json: config.unit_ranking.5001: the key must be a 9-digit township code",
      "region.json: config.unit_ranking.5001.activities_standard_per_month: the activities criterion needs the monthly number that scores full marks (> 0)",
      "region.json: config.unit_ranking.5001.records.x.inspection_score: expected a score from 0 to 100, found 120",
      "region.json: config.unit_ranking.5001.records_source: say where the recorded activities and inspection scores come from"
    ]);
  });
});
