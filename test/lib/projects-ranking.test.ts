import {describe, expect, it} from "vitest";
import type {UnitMetrics} from "../../src/lib/plan/metrics.ts";
import {expectedProgress, itemStatus, itemStatuses, projectSummaries} from "../../src/lib/plan/projects.ts";
import {rankingWeights, rankUnits} from "../../src/lib/plan/ranking.ts";
import type {ProjectItem} from "../../src/lib/types.ts";

const item = (over: Partial<ProjectItem>): ProjectItem => ({
  id: "P1", project: "乌审旗提升改造", county_code: "150626", item: "消防", category: "消防安全", planned_qty: 10, done_qty: 0,
  budget_yuan: 100, spent_yuan: 0, funding_source: "本级财政", start: "2025-01-01", deadline: "2025-12-31", status: "in_progress", modelled: [], ...over
});

describe("project schedule lights", () => {
  it("computes the elapsed share of the window, inclusive of both ends", () => {
    expect(expectedProgress("2025-01-01", "2025-12-31", "2024-12-31")).toBe(0);
    expect(expectedProgress("2025-01-01", "2025-12-31", "2025-12-31")).toBe(1);
    // 2025-01-01..2025-07-01 is 182 of 365 days
    expect(expectedProgress("2025-01-01", "2025-12-31", "2025-07-01")).toBeCloseTo(182 / 365, 10);
    // no start: the deadline's calendar year
    expect(expectedProgress(undefined, "2025-12-31", "2025-07-01")).toBeCloseTo(182 / 365, 10);
  });

  it("gives green / amber / red by how far progress trails the schedule, and red when overdue", () => {
    const on = "2025-07-01"; // expected ≈ 0.4986
    expect(itemStatus(item({done_qty: 4}), on).light).toBe("green"); // 0.40 ≥ 0.3986
    expect(itemStatus(item({done_qty: 3}), on).light).toBe("amber"); // 0.30 ≥ 0.2486
    expect(itemStatus(item({done_qty: 2}), on).light).toBe("red"); // 0.20 < 0.2486
    expect(itemStatus(item({done_qty: 0, status: "done"}), on).light).toBe("green");
    const late = itemStatus(item({done_qty: 9, deadline: "2025-06-30"}), on);
    expect([late.overdue, late.light]).toEqual([true, "red"]);
  });

  it("sorts overdue items first and rolls up budget-weighted progress and spending by source", () => {
    const on = "2025-07-01";
    const items = itemStatuses(
      [
        item({id: "A", done_qty: 10, budget_yuan: 300, spent_yuan: 250, funding_source: "上级补助"}),
        item({id: "B", done_qty: 0, budget_yuan: 100, spent_yuan: 10, deadline: "2025-06-30"}),
        item({id: "C", done_qty: 5, budget_yuan: 600, spent_yuan: 100})
      ],
      on
    );
    expect(items.map((i) => i.id)).toEqual(["B", "A", "C"]); // B overdue; A (done) and C (on schedule) both green, by id
    const [p] = projectSummaries(items);
    expect(p.progress).toBeCloseTo((300 * 1 + 100 * 0 + 600 * 0.5) / 1000, 12);
    expect(p.overdue).toBe(1);
    expect(p.by_source).toEqual([
      {funding_source: "本级财政", budget_yuan: 700, spent_yuan: 110},
      {funding_source: "上级补助", budget_yuan: 300, spent_yuan: 250}
    ]);
    // progress 0.6 vs expected (300·0.4986 + 100·1 + 600·0.4986)/1000 ≈ 0.549: on schedule, but one item overdue
    expect([p.light, p.reason]).toEqual(["amber", "进度总体正常，但有1项逾期"]);
  });
});

const row = (code: string, over: Partial<UnitMetrics>): UnitMetrics =>
  ({code, name: code, county_code: "500120", covered_any_share: 0, beds_per_1000_60: 0, station_share: 0, townships_with_centre: 0, meal_seat_ratio: 0, ...over}) as UnitMetrics;

describe("township ranking", () => {
  it("scores by normalised weighted criteria, best first, ties sharing a rank", () => {
    const rows = [
      row("A", {covered_any_share: 1, beds_per_1000_60: 20, station_share: 0.5}), // 100·(0.4·1 + 0.3·0.5 + 0.3·0.5) = 70
      row("B", {covered_any_share: 0.5, beds_per_1000_60: 80, station_share: 1}), // 100·(0.2 + 0.3 + 0.3) = 80 (beds capped at 1)
      row("C", {covered_any_share: 1, beds_per_1000_60: 20, station_share: 0.5})
    ];
    const r = rankUnits(rows, rankingWeights({coverage: 0.4, beds: 0.3, stations: 0.3}));
    expect(r.map((x) => [x.code, x.rank, Math.round(x.score * 1e9) / 1e9])).toEqual([["B", 1, 80], ["A", 2, 70], ["C", 2, 70]]);
  });

  it("normalises beds by the county's bed standard: 20 per 1 000 is half of 40 but all of a 20-bed standard", () => {
    const rows = [row("A", {beds_per_1000_60: 20})];
    expect(rankUnits(rows, {beds: 1})[0].parts.beds).toBe(0.5);
    expect(rankUnits(rows, {beds: 1}, {bedsPer1000: 20})[0].parts.beds).toBe(1);
    expect(rankUnits(rows, {beds: 1}, {bedsPer1000: 50})[0].score).toBeCloseTo(40, 12);
  });

  it("uses the default weights when the config names none, and refuses all-zero weights", () => {
    expect(rankingWeights({})).toEqual({coverage: 0.4, beds: 0.3, stations: 0.3, centre: 0, meals: 0});
    expect(() => rankUnits([row("A", {})], {coverage: 0})).toThrow(/more than 0/);
  });
});
