import {describe, expect, it} from "vitest";
import {computeCoverage} from "../../src/lib/engine/coverage.ts";
import {computeMetrics} from "../../src/lib/plan/metrics.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {deadlineLabel, judge, judgeTargets, mergeCards, referenceTargets} from "../../src/lib/plan/milestones.ts";
import {evaluate, INDICATORS, light} from "../../src/lib/plan/targets.ts";
import {populationRule, projectVillages, yearsBetween} from "../../src/lib/engine/population.ts";
import {snapshotDates, yearSnapshots} from "../../src/lib/plan/year-view.ts";
import {changeDates, metricsAsOf, networkAsOf, servesOn, withProjectCompletion} from "../../src/lib/engine/timeline.ts";
import type {Comparator, ProjectItem, Target} from "../../src/lib/types.ts";
import {loadFixture} from "../helpers/fixtures.ts";

const region = loadFixture("two-townships");
const metrics = computeMetrics(region, computeCoverage(region.villages, region.facilities, defaultRadii()));
const TODAY = "2024-06-01";

function target(id: string, indicator: string, scope: Target["scope"], scope_code: string, comparator: Comparator, threshold: number, deadline: string): Target {
  return {id, indicator, scope, scope_code, comparator, threshold, deadline, source: "fixture"};
}

describe("light: every branch of the amber rule", () => {
  it.each([
    // value, comparator, threshold, deadline, expected
    [0.6, ">=", 0.6, "2020-01-01", "green"], // met, even after the deadline
    [0.55, ">=", 0.6, "2025-12-31", "amber"], // 0.55 ≥ 0.54, deadline ahead
    [0.55, ">=", 0.6, "2024-06-01", "amber"], // the deadline day itself is not passed
    [0.55, ">=", 0.6, "2024-05-31", "red"], // deadline passed
    [0.5, ">=", 0.6, "2025-12-31", "red"], // 0.5 < 0.54: too far
    [0.6, ">", 0.6, "2025-12-31", "amber"], // > not met at equality, within 10 %
    [32, "<=", 30, "2025-12-31", "amber"], // 32 ≤ 33
    [34, "<=", 30, "2025-12-31", "red"], // 34 > 33
    [30, "<", 30, "2025-12-31", "amber"],
    [29, "<", 30, "2020-01-01", "green"],
    [14, "==", 15, "2025-12-31", "amber"], // |14 − 15| ≤ 1.5
    [13, "==", 15, "2025-12-31", "red"],
    [15, "==", 15, "2020-01-01", "green"],
    [-1, ">=", 0, "2025-12-31", "red"] // threshold 0: no amber band
  ] as const)("%s %s %s by %s → %s", (value, cmp, threshold, deadline, expected) => {
    expect(light(value, cmp, threshold, deadline, TODAY).status).toBe(expected);
  });

  it("no value is red with a reason; tolerance is configurable", () => {
    expect(light(null, ">=", 1, "2030-01-01", TODAY)).toEqual({status: "red", reason: "无数据：无法计算"});
    expect(light(0.5, ">=", 0.6, "2030-01-01", TODAY, 0.2).status).toBe("amber");
    expect(light(0.5, ">=", 0.6, "2030-01-01", new Date("2031-01-01")).status).toBe("red");
  });
});

describe("evaluate on the two-township fixture (values in metrics.test.ts)", () => {
  const targets: Target[] = [
    target("A", "township_centre_share", "county", "640302", ">=", 0.5, "2023-12-31"), // 0.5 → green (seed 001, 2023)
    target("B", "township_centre_share", "county", "640302", ">=", 0.6, "2025-12-31"), // 0.5 < 0.54 → red
    target("C", "nursing_share", "county", "640302", ">=", 0.55, "2025-12-31"), // 0.525 ≥ 0.495 → amber
    target("D", "nursing_share", "county", "640302", ">=", 0.55, "2023-12-31"), // deadline passed → red
    target("E", "beds_per_1000_60", "township", "*", ">=", 40, "2025-12-31"), // 66.7, 85.7 → green, green
    target("F", "township_centre_nursing_share", "township", "*", ">=", 0.5, "2025-12-31"), // T1 0.6 green; T2 has no counted centre → no value → red
    target("G", "area_per_bed", "county", "640302", "<=", 36, "2025-12-31"), // 38.75 ≤ 39.6 → amber
    target("H", "count_county_institution", "county", "*", ">=", 1, "2023-12-31"), // 0 → red
    target("I", "facilities", "county", "640302", "==", 5.4, "2025-12-31"), // |5 − 5.4| ≤ 0.54 → amber
    target("J", "social_workers_per_1000_older", "county", "640302", ">", 4, "2025-12-31"), // 4 not > 4, ≥ 3.6 → amber
    target("K", "link_distance_max_m", "township", "640302001", "<", 520, "2025-12-31"), // 555.98 ≤ 572 → amber
    target("L", "station_share", "county", "999999", ">=", 1, "2025-12-31"), // unknown unit → red
    target("M", "meal_seat_share_65", "township", "*", ">=", 0.05, "2022-12-31") // 0.696 green; 0 red
  ];
  const res = evaluate(targets, metrics, TODAY);

  it("gives one row per target and unit with the expected light", () => {
    expect(res.map((r) => `${r.target_id}:${r.code}:${r.status}`)).toEqual([
      "A:640302:green",
      "B:640302:red",
      "C:640302:amber",
      "D:640302:red",
      "E:640302001:green",
      "E:640302002:green",
      "F:640302001:green",
      "F:640302002:red",
      "G:640302:amber",
      "H:640302:red",
      "I:640302:amber",
      "J:640302:amber",
      "K:640302001:amber",
      "L:999999:red",
      "M:640302001:green",
      "M:640302002:red"
    ]);
    expect(res[0]).toMatchObject({label: "乡镇（街道）综合养老服务中心覆盖率", value: 0.5, name: "示例区"});
    expect(res[7].reason).toBe("无数据：无法计算");
    expect(res[13].reason).toContain("999999");
  });

  it("rejects an unknown indicator or an unsupported scope", () => {
    expect(() => evaluate([target("X", "nope", "county", "*", ">=", 1, "2025-01-01")], metrics, TODAY)).toThrow(/X: unknown indicator nope/);
    expect(() => evaluate([target("Y", "canteens_150", "county", "*", ">=", 1, "2025-01-01")], metrics, TODAY)).toThrow(/no county scope/);
  });

  it("every indicator evaluates on both fixture rows of its scopes", () => {
    for (const [key, ind] of INDICATORS) {
      for (const scope of ind.scopes) {
        const rows = evaluate([target(key, key, scope, "*", ">=", 0, "2030-01-01")], metrics, TODAY);
        expect(rows.length, key).toBe(scope === "county" ? 1 : 2);
        for (const r of rows) expect(r.value === null || Number.isFinite(r.value), key).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Targets in time (src/lib/engine/timeline.ts, src/lib/plan/milestones.ts) on a hand-worked timeline
// (test/fixtures/regions/timeline.json). Data date 2025-06-30; four townships, each one village of 250 aged 60+
// (so beds per 1 000 aged 60+ = beds); township centres:
//   C1 (镇1, 10 beds) no opening date: always in service
//   C2 (镇2, 20 beds) opened 2022-06-30
//   C3 (镇3, 30 beds) opened 2024-03-01, closed 2025-03-01
//   C4 (镇4, 40 beds) under construction, expected 2025-09-30
//   C5 (镇3, 50 beds) planned, no expected date: never serves
// By hand — centres serving / township_centre_share (of 4) / beds:
//   2021-12-31  C1          0.25  10
//   2022-06-29  C1          0.25  10
//   2022-06-30  C1 C2       0.50  30   (the opening day counts)
//   2024-06-30  C1 C2 C3    0.75  60
//   2025-02-28  C1 C2 C3    0.75  60
//   2025-03-01  C1 C2       0.50  30   (the closing day does not)
//   2025-06-30  C1 C2       0.50  30   (data date)
//   2025-09-29  C1 C2       0.50  30   (plan: C4 not yet)
//   2025-12-31  C1 C2 C4    0.75  70   (plan)
const timeline = loadFixture("timeline");
const DATA_DATE = "2025-06-30";
const radii = defaultRadii();
const at = (d: string) => metricsAsOf(timeline, d, DATA_DATE, radii);

describe("the network as of a date (hand-worked timeline)", () => {
  it.each([
    ["2021-12-31", "C1", 0.25, 10],
    ["2022-06-29", "C1", 0.25, 10],
    ["2022-06-30", "C1 C2", 0.5, 30],
    ["2024-06-30", "C1 C2 C3", 0.75, 60],
    ["2025-02-28", "C1 C2 C3", 0.75, 60],
    ["2025-03-01", "C1 C2", 0.5, 30],
    ["2025-06-30", "C1 C2", 0.5, 30],
    ["2025-09-29", "C1 C2", 0.5, 30],
    ["2025-12-31", "C1 C2 C4", 0.75, 70]
  ] as const)("%s: %s serve, share %s, %s beds", (d, ids, share, beds) => {
    expect(timeline.facilities.filter((f) => servesOn(f, d, DATA_DATE)).map((f) => f.id).join(" ")).toBe(ids);
    const county = at(d).counties[0];
    expect(county.township_centre_share).toBe(share);
    expect(county.beds).toBe(beds);
  });

  it("keeps what does not serve in the pipeline and leaves closed facilities out", () => {
    const past = networkAsOf(timeline.facilities, "2021-12-31", DATA_DATE);
    expect(past.map((f) => `${f.id}:${f.status}`)).toEqual(["C1:operating", "C2:planned", "C3:planned", "C4:construction", "C5:planned"]);
    const future = networkAsOf(timeline.facilities, "2025-12-31", DATA_DATE);
    expect(future.map((f) => `${f.id}:${f.status}`)).toEqual(["C1:operating", "C2:operating", "C4:operating", "C5:planned"]);
    // the pipeline as of 2021: C2, C3 not yet open + C4 + C5
    expect(at("2021-12-31").counties[0].beds_pipeline).toBe(20 + 30 + 40 + 50);
  });

  it("on the data date the engine sees what the records say, less what closed (C3)", () => {
    const plain = computeMetrics(timeline, computeCoverage(timeline.villages, timeline.facilities, radii)).counties[0];
    expect(plain.township_centre_share).toBe(0.75); // C3's status still reads operating
    expect(at(DATA_DATE).counties[0].township_centre_share).toBe(0.5);
  });

  it("takes a planned facility's expected completion from its unfinished project items", () => {
    const noDate = timeline.facilities.map((f) => (f.id === "C4" ? {...f, expected_completion: undefined} : f));
    const item = (id: string, status: ProjectItem["status"], deadline: string): ProjectItem => ({id, project: "p", county_code: "640302", facility_id: "C4", item: "建中心", category: "新建", planned_qty: 1, done_qty: 0, budget_yuan: 1, spent_yuan: 0, funding_source: "x", deadline, status, modelled: []});
    const {facilities, derived} = withProjectCompletion(noDate, [item("P1", "in_progress", "2025-09-30"), item("P2", "not_started", "2025-11-30"), item("P3", "done", "2026-01-31")]);
    expect(facilities.find((f) => f.id === "C4")?.expected_completion).toBe("2025-11-30"); // latest unfinished item
    expect([...derived]).toEqual(["C4"]);
    expect(facilities.find((f) => f.id === "C2")).toBe(noDate.find((f) => f.id === "C2")); // operating: untouched
    // without a date C4 never serves, so the end-2025 plan stays at 0.5
    expect(metricsAsOf({...timeline, facilities: noDate}, "2025-12-31", DATA_DATE, radii).counties[0].township_centre_share).toBe(0.5);
    expect(changeDates(timeline.facilities)).toEqual(["2022-06-30", "2024-03-01", "2025-03-01", "2025-09-30"]);
  });
});

describe("milestones: judged at the deadline or on the plan (every branch, hand-worked)", () => {
  const T = (id: string, indicator: string, comparator: Comparator, threshold: number, deadline: string, extra: Partial<Target> = {}): Target => ({...target(id, indicator, "county", "640302", comparator, threshold, deadline), ...extra});
  const cards = judgeTargets(
    [
      T("A", "township_centre_share", ">=", 0.5, "2021-12-31"), // passed: 0.25 then → red; now 0.5 differs
      T("B", "township_centre_share", ">=", 0.5, "2022-12-31"), // passed: 0.5 then → green; now 0.5, same
      T("C", "township_centre_share", ">=", 0.75, "2024-12-31"), // passed: 0.75 then → green; now 0.5 (C3 closed)
      T("D", "township_centre_share", ">=", 0.75, "2025-12-31"), // ahead: now 0.5, plan 0.75 → amber 按计划可达标
      T("E", "township_centre_share", ">=", 1, "2025-12-31", {modelled: ["deadline"]}), // plan 0.75 < 0.9 → red
      T("F", "township_centre_share", ">=", 0.8, "2025-12-31"), // plan 0.75 ≥ 0.72 → amber, 差 5 points
      T("G", "township_centre_share", ">=", 0.75, "2025-09-29"), // ahead but C4 comes a day late: plan 0.5 → red
      T("H", "beds", ">=", 30, "2025-12-31"), // now 30, plan 70 → green
      T("I", "beds", "<=", 50, "2025-12-31"), // now 30 met, plan 70 not → amber
      T("J", "township_centre_share", ">=", 0.5, DATA_DATE), // deadline = data date: not passed; met → green
      T("K", "beds", ">=", 100, "2024-12-31", {modelled: ["threshold"], note: "阈值 = 基数40张（模拟）+ 60"}), // passed: 60 then → red
      {...T("L", "beds", ">=", 1, "2024-12-31"), scope_code: "999999"} // no such unit → red 无数据
    ],
    at,
    DATA_DATE
  );
  const byId = new Map(cards.map((c) => [c.target_id, c]));
  const got = (id: string) => byId.get(id)!;

  it("gives each target the light worked out by hand", () => {
    expect(cards.map((c) => `${c.target_id}:${c.status}:${c.basis}`)).toEqual([
      "A:red:deadline",
      "B:green:deadline",
      "C:green:deadline",
      "D:amber:trajectory",
      "E:red:trajectory",
      "F:amber:trajectory",
      "G:red:trajectory",
      "H:green:trajectory",
      "I:amber:trajectory",
      "J:green:trajectory",
      "K:red:deadline",
      "L:red:deadline"
    ]);
  });

  it("says the value then and now when they differ, and what the plan reaches", () => {
    expect(got("A")).toMatchObject({value: 0.5, value_at_deadline: 0.25, reason: "2021年底 25.0%，未达标；现 50.0%"});
    expect(got("B").reason).toBe("2022年底 50.0%，已达标");
    expect(got("C").reason).toBe("2024年底 75.0%，已达标；现 50.0%");
    expect(got("D")).toMatchObject({value: 0.5, value_at_deadline: 0.75, reason: "现 50.0%，未达标，按计划2025年底 75.0%：按计划可达标"});
    expect(got("E").reason).toBe("现 50.0%，按计划2025年底 75.0%：按计划仍差 25.0个百分点");
    expect(got("F").reason).toBe("现 50.0%，按计划2025年底 75.0%：按计划仍差 5.0个百分点（差距在10%以内）");
    expect(got("G").reason).toBe("现 50.0%：按计划仍差 25.0个百分点");
    expect(got("H").reason).toBe("已达标，按计划2025年底 70 张");
    expect(got("I").reason).toBe("现已达标，但按计划2025年底 70 张，将不达标");
    expect(got("K").reason).toBe("2024年底 60 张，未达标；现 30 张");
    expect(got("L").reason).toContain("999999");
  });

  it("names assumed deadlines and modelled thresholds on the card", () => {
    expect(got("E").caveats).toEqual(["期限为假设（文件未写明期限）"]);
    expect(got("K").caveats).toEqual(["阈值含模拟数据：基数40张（模拟）+ 60"]);
    expect(got("D").caveats).toEqual([]);
  });

  it("uses the tolerance for the amber band on the plan", () => {
    const strict = judgeTargets([T("F", "township_centre_share", ">=", 0.8, "2025-12-31")], at, DATA_DATE, {tolerance: 0.05});
    expect(strict[0].status).toBe("red"); // 0.75 < 0.8 × 0.95
  });

  it("judge() on its own: no value at a passed deadline is red; == and < follow compare()", () => {
    expect(judge({comparator: ">=", threshold: 1, deadline: "2020-12-31"}, "share", 0.5, null, DATA_DATE)).toEqual({status: "red", basis: "deadline", reason: "2020年底无数据：无法计算"});
    expect(judge({comparator: "<", threshold: 30, deadline: "2026-06-30"}, "beds", 31, 29, DATA_DATE)).toMatchObject({status: "amber", reason: "现 31 张，未达标，按计划2026年6月30日 29 张：按计划可达标"});
    expect(judge({comparator: "==", threshold: 15, deadline: "2026-12-31"}, "count", null, 15, DATA_DATE).status).toBe("red");
    expect(deadlineLabel("2023-12-31")).toBe("2023年底");
  });
});

describe("one target, one card: merging and reference standards", () => {
  const T = (id: string, scope_code: string, threshold: number, deadline: string, source: string, extra: Partial<Target> = {}): Target => ({...target(id, "township_centre_share", "county", scope_code, ">=", threshold, deadline), source, ...extra});
  const targets = [
    T("N1", "*", 0.75, "2025-12-31", "国家规划"), // own, every county
    T("N2", "640302", 0.75, "2025-12-31", "县方案", {modelled: ["deadline"]}), // same target from the county's plan
    T("R1", "*", 0.75, "2026-12-31", "某县方案（推广）"), // reference with the same rule, another deadline: covered by N1/N2
    T("R2", "*", 1, "2025-12-31", "某县方案（推广）"), // reference, no own target of that threshold: kept apart
    {...target("R3", "beds", "township", "*", ">=", 20, "2025-12-31"), source: "推广"} // township-scope reference: one card per township
  ];
  const cards = judgeTargets(targets, at, DATA_DATE, {reference: new Set(["R1", "R2", "R3"])});

  it("merges identical targets citing every source, once in the tally", () => {
    const own = cards.filter((c) => c.role === "own");
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({target_ids: ["N1", "N2"], sources: ["国家规划", "县方案"], source: "国家规划；县方案", status: "amber", supersedes: ["R1"]});
    expect(own[0].caveats).toEqual([]); // N1's deadline is stated: the card's deadline is not an assumption
  });

  it("keeps references apart and drops those an own target covers", () => {
    expect(cards.filter((c) => c.role === "reference").map((c) => `${c.target_id}:${c.code}:${c.status}`)).toEqual([
      "R2:640302:red",
      "R3:640302001:red", // C1 10 beds < 20, nothing planned there
      "R3:640302002:green", // C2 20 beds
      "R3:640302003:red", // C3 closed, C5 has no date
      "R3:640302004:amber" // C4 40 beds by 2025-09-30: 按计划可达标
    ]);
  });

  it("reads the reference ids from the region config and refuses a malformed list", () => {
    expect([...referenceTargets({reference_targets: ["T004"]})]).toEqual(["T004"]);
    expect(referenceTargets({}).size).toBe(0);
    expect(() => referenceTargets({reference_targets: "T004"})).toThrow(/expected an array of target ids/);
  });

  it("mergeCards does not merge different deadlines or units", () => {
    const again = mergeCards(cards);
    expect(again.map((c) => `${c.target_id}:${c.code}`)).toEqual(cards.map((c) => `${c.target_id}:${c.code}`));
  });
});

describe("the year control: figures and lights as of each year-end (hand-worked timeline)", () => {
  const targets = [
    target("Y1", "township_centre_share", "county", "640302", ">=", 0.75, "2024-12-31"),
    target("Y2", "township_centre_share", "county", "640302", ">=", 0.75, "2025-12-31")
  ];
  const dates = snapshotDates(timeline.facilities, targets, DATA_DATE);
  const snaps = yearSnapshots(targets, at, dates, DATA_DATE);

  it("offers every year-end from the first dated year to the last, and the data date", () => {
    expect(dates).toEqual(["2022-12-31", "2023-12-31", "2024-12-31", "2025-06-30", "2025-12-31"]);
    expect(snaps.map((s) => s.projected)).toEqual([false, false, false, false, true]);
  });

  it("gives the county's figures as of each date", () => {
    expect(snaps.map((s) => [s.counties[0].township_centre_share, s.counties[0].beds])).toEqual([
      [0.5, 30],
      [0.5, 30],
      [0.75, 60],
      [0.5, 30],
      [0.75, 70]
    ]);
  });

  it("lights each target as it stood on each date", () => {
    // Y1 (≥ 75 % by end-2024): before it, 50 % with 75 % reached on the deadline (recorded) → amber; from the
    // deadline day, met → green; after it, final at the deadline → green. Y2 (≥ 75 % by end-2025): 2022–2023 50 %
    // now and 75 % on the plan → amber; end-2024 met now (C3) and on the plan → green; data date 50 % → amber;
    // end-2025 (projected) met → green.
    expect(snaps.map((s) => s.lights.map((l) => `${l.target_id}:${l.status}`).join(" "))).toEqual([
      "Y1:amber Y2:amber",
      "Y1:amber Y2:amber",
      "Y1:green Y2:green",
      "Y1:green Y2:amber",
      "Y1:green Y2:green"
    ]);
  });
});

describe("projected demand: per-older-person targets in a future year (hand-worked timeline)", () => {
  // 10 % a year more people aged 60+ (65+ 20 %, 80+ 0 %): from the data date 2025-06-30 to 2026-06-30 is 365 days,
  // 365 / 365.25 years, factor 1.1^0.999316 = 1.099928. The plan on 2026-06-30 has C1 C2 C4 = 70 beds for
  // 1 000 × 1.099928 = 1 099.93 people aged 60+: 63.64 per 1 000 (70 without the projection).
  const rule = {annual_growth: {pop60: 0.1, pop65: 0.2, pop80: 0}, source: "测试增速", modelled: true};
  const atP = (d: string) => metricsAsOf(timeline, d, DATA_DATE, radii, {population: rule});
  const beds72 = target("B72", "beds_per_1000_60", "county", "640302", ">=", 72, "2026-06-30");

  it("scales the older population after the data date only", () => {
    expect(yearsBetween(DATA_DATE, "2026-06-30")).toBeCloseTo(365 / 365.25, 12);
    expect(yearsBetween(DATA_DATE, "2024-12-31")).toBe(0);
    expect(atP("2026-06-30").counties[0].pop60).toBeCloseTo(1099.928, 2);
    expect(atP("2026-06-30").counties[0].pop65).toBeCloseTo(800 * 1.2 ** (365 / 365.25), 6);
    expect(atP("2026-06-30").counties[0].beds_per_1000_60).toBeCloseTo(63.64, 2);
    expect(atP(DATA_DATE)).toEqual(at(DATA_DATE));
    expect(atP("2024-06-30")).toEqual(at("2024-06-30"));
    const v = projectVillages(timeline.villages, rule, DATA_DATE, "2026-06-30")[0];
    expect([v.pop80, v.disabled / timeline.villages[0].disabled]).toEqual([25, v.pop60 / 250]);
  });

  it("judges the deadline year's figure against that year's older population, and says so", () => {
    const plain = judgeTargets([beds72], at, DATA_DATE)[0];
    expect(plain).toMatchObject({status: "amber", value_at_deadline: 70}); // 70 ≥ 64.8: near
    expect(plain.population).toBe("数据日期的老年人口");
    const projected = judgeTargets([beds72], atP, DATA_DATE, {population: rule})[0];
    expect(projected.status).toBe("red"); // 63.64 < 64.8
    expect(projected.value_at_deadline).toBeCloseTo(63.64, 2);
    expect(projected.reason).toBe("现 30.0，按计划2026年6月30日 63.6：按计划仍差 8.4");
    expect(projected).toMatchObject({population: "2026年6月30日预计老年人口（模拟增速）", population_source: "测试增速"});
    expect(judgeTargets([beds72], atP, DATA_DATE, {population: {...rule, modelled: false}})[0].population).toBe("2026年6月30日预计老年人口");
    // a count is not per older person: no population named
    expect(judgeTargets([target("N", "beds", "county", "640302", ">=", 1, "2026-06-30")], atP, DATA_DATE, {population: rule})[0].population).toBeUndefined();
    // a passed deadline keeps the data date's population
    expect(judgeTargets([target("P", "beds_per_1000_60", "county", "640302", ">=", 1, "2024-12-31")], atP, DATA_DATE, {population: rule})[0].population).toBe("数据日期的老年人口");
  });

  it("reads the rule from the region config and refuses a malformed one", () => {
    expect(populationRule({})).toBeUndefined();
    expect(populationRule({population_projection: {annual_growth: {pop60: 0.04, pop65: 0.044, pop80: 0.04}, source: "x"}})).toEqual({annual_growth: {pop60: 0.04, pop65: 0.044, pop80: 0.04}, source: "x", modelled: true});
    expect(() => populationRule({population_projection: {annual_growth: {pop60: 4, pop65: 0.04, pop80: 0.04}, source: "x"}})).toThrow(/annual_growth.pop60: expected a yearly rate/);
    expect(() => populationRule({population_projection: {annual_growth: {pop60: 0.04, pop65: 0.04, pop80: 0.04}}})).toThrow(/source is required/);
  });
});
