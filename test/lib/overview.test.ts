// The overview's ranking and watch list: a hand-worked three-county region, then the default region's build data
// summed another way.
import {describe, expect, it} from "vitest";
import {SERVING, siteData} from "../../loaders/site-data.ts";
import {rankingRows, ranksOf, sortRanking, watchColumns, watchList, type RankingRow} from "../../src/lib/plan/overview.ts";
import type {CommandItem} from "../../src/lib/view/command.ts";

const item = (county_code: string, progress: number, overdue: boolean, light: "green" | "amber" | "red"): CommandItem => ({county_code, progress, overdue, light});

const input = {
  counties: [{code: "A", name: "甲县"}, {code: "B", name: "乙县"}, {code: "C", name: "丙县"}],
  metrics: [
    {code: "A", people: 1000, covered_any: 600, uncovered: 400, beds: 30, pop60: 1000},
    {code: "B", people: 2000, covered_any: 1800, uncovered: 200, beds: 100, pop60: 2000},
    {code: "C", people: 500, covered_any: 450, uncovered: 50, beds: null, pop60: 500}
  ],
  statuses: [
    {scope: "county", code: "A", status: "red" as const}, {scope: "county", code: "A", status: "red" as const},
    {scope: "county", code: "A", status: "red" as const, role: "reference"},
    {scope: "county", code: "B", status: "green" as const}, {scope: "county", code: "C", status: "red" as const},
    {scope: "township", code: "B001", status: "red" as const}
  ],
  facilities: [],
  serving: SERVING,
  // A: 4 items, one done, one on time, one late, one overdue → 2 of 4 on time; B: 1 of 1; C: none
  items: [item("A", 1, false, "green"), item("A", 0.5, false, "green"), item("A", 0.5, false, "amber"), item("A", 0.2, true, "red"), item("B", 0.3, false, "green")]
};

describe("rankingRows", () => {
  it("works out a hand-worked region", () => {
    const rows = rankingRows(input);
    expect(rows.map((r) => r.code)).toEqual(["A", "B", "C"]);
    // the reference standard's red light is not counted
    expect(rows[0]).toEqual({code: "A", name: "甲县", red: 2, coverage: 0.6, bedsPer1000: 30, onTime: 0.5, projectItems: 4});
    expect(rows[1]).toEqual({code: "B", name: "乙县", red: 0, coverage: 0.9, bedsPer1000: 50, onTime: 1, projectItems: 1});
    expect(rows[2]).toEqual({code: "C", name: "丙县", red: 1, coverage: 0.9, bedsPer1000: null, onTime: null, projectItems: 0});
  });
});

describe("sortRanking", () => {
  const rows = rankingRows(input);
  const order = (key: Parameters<typeof sortRanking>[1], dir: "asc" | "desc") => sortRanking(rows, key, dir).map((r) => r.code);
  it("sorts by each column both ways, nulls last either way, ties by coverage then code", () => {
    expect(order("red", "asc")).toEqual(["B", "C", "A"]);
    expect(order("red", "desc")).toEqual(["A", "C", "B"]);
    // B and C tie at 90 %: code decides
    expect(order("coverage", "desc")).toEqual(["B", "C", "A"]);
    expect(order("coverage", "asc")).toEqual(["A", "B", "C"]);
    expect(order("bedsPer1000", "desc")).toEqual(["B", "A", "C"]);
    expect(order("bedsPer1000", "asc")).toEqual(["A", "B", "C"]);
    expect(order("onTime", "desc")).toEqual(["B", "A", "C"]);
    expect(order("onTime", "asc")).toEqual(["A", "B", "C"]);
    // the input is left as it was
    expect(rows.map((r) => r.code)).toEqual(["A", "B", "C"]);
  });
  it("gives equal values one rank and a missing value none", () => {
    expect(ranksOf(sortRanking(rows, "coverage", "desc"), "coverage")).toEqual([1, 1, 3]);
    expect(ranksOf(sortRanking(rows, "onTime", "desc"), "onTime")).toEqual([1, 2, null]);
  });
});

describe("watchList", () => {
  const w = {
    counties: [{code: "A", name: "甲县"}],
    townships: [
      {code: "A01", name: "全覆盖镇", county_code: "A", covered_any_share: 1, uncovered: 0},
      {code: "A02", name: "黄灯镇", county_code: "A", covered_any_share: 1, uncovered: 0},
      {code: "A03", name: "盲区乡", county_code: "A", covered_any_share: 0.7, uncovered: 300},
      {code: "A04", name: "红灯镇", county_code: "A", covered_any_share: 0.95, uncovered: 20},
      {code: "A05", name: "缺床乡", county_code: "A", covered_any_share: 1, uncovered: 0},
      {code: "A06", name: "参考镇", county_code: "A", covered_any_share: 1, uncovered: 0}
    ],
    statuses: [
      {scope: "township", code: "A02", status: "amber" as const},
      {scope: "township", code: "A04", status: "red" as const},
      {scope: "township", code: "A04", status: "amber" as const},
      {scope: "township", code: "A06", status: "red" as const, role: "reference"},
      {scope: "county", code: "A", status: "red" as const}
    ],
    bedGaps: [{township_code: "A01", gap: 0}, {township_code: "A05", gap: 12}, {township_code: "A03", gap: 5}]
  };
  it("lists only townships with a reason, most serious first, each with its reasons", () => {
    const rows = watchList(w);
    expect(rows.map((r) => r.name)).toEqual(["红灯镇", "盲区乡", "缺床乡"]);
    expect(rows[0].reasons).toEqual(["1 项目标未达标（红灯）", "20 名老人在服务圈外"]);
    expect(rows[1].reasons).toEqual(["300 名老人在服务圈外", "床位缺口 5 张"]);
    expect(rows[2].reasons).toEqual(["床位缺口 12 张"]);
    expect(rows[0]).toMatchObject({red: 1, amber: 1, county: "甲县"});
    expect(watchList(w, 2).map((r) => r.name)).toEqual(["红灯镇", "盲区乡"]);
  });
  it("drops a column that is 0 on every row", () => {
    expect(watchColumns(watchList(w))).toEqual(["red", "amber", "coverage", "uncovered", "bedGap"]);
    expect(watchColumns(watchList(w).slice(1))).toEqual(["coverage", "uncovered", "bedGap"]);
    expect(watchColumns(watchList(w).slice(2))).toEqual(["coverage", "bedGap"]);
  });
});

describe("on the default region", () => {
  it("the ranking agrees with the build's data summed directly", async () => {
    const {region, metrics, statuses, items} = await siteData();
    const rows = rankingRows({counties: region.counties, metrics: metrics.counties, statuses, facilities: region.facilities, serving: SERVING, items});
    expect(rows.length).toBe(region.counties.length);
    for (const r of rows) {
      const m = metrics.counties.find((c) => c.code === r.code)!;
      expect(r.coverage).toBeCloseTo(m.covered_any / m.people, 12);
      expect(r.red).toBe(statuses.filter((s) => s.scope === "county" && s.code === r.code && s.role !== "reference" && s.status === "red").length);
      const mine = items.filter((i) => i.county_code === r.code);
      const bad = mine.filter((i) => i.progress < 1 && (i.overdue || i.light !== "green")).length;
      expect(r.projectItems).toBe(mine.length);
      expect(r.onTime).toBe(mine.length ? (mine.length - bad) / mine.length : null);
      if (m.beds !== null) expect(r.bedsPer1000).toBeCloseTo((m.beds / m.pop60) * 1000, 9);
    }
    // the default region is not uniform (a page that ignored the figures would not pass the browser test)
    expect(new Set(rows.map((r) => r.red)).size).toBeGreaterThan(1);
    const sorted = sortRanking(rows, "coverage", "desc").map((r: RankingRow) => r.coverage!);
    expect([...sorted].sort((a, b) => b - a)).toEqual(sorted);
  });

  it("the watch list has every township with a red light, an uncovered older person or a bed gap, and no other", async () => {
    const {region, metrics, statuses, bedGaps} = await siteData();
    const rows = watchList({townships: metrics.townships, counties: region.counties, statuses, bedGaps});
    const expected = metrics.townships
      .filter((t) => t.uncovered > 0 || bedGaps.some((g) => g.township_code === t.code && g.gap > 0) || statuses.some((s) => s.scope === "township" && s.code === t.code && s.role !== "reference" && s.status === "red"))
      .map((t) => t.code)
      .sort();
    expect(rows.map((r) => r.code).sort()).toEqual(expected);
    expect(rows.every((r) => r.reasons.length > 0)).toBe(true);
    expect(rows.length).toBeLessThan(metrics.townships.length);
  });
});
