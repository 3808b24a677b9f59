import {describe, expect, it} from "vitest";
import {computeCoverage} from "../../src/lib/coverage.ts";
import {computeMetrics} from "../../src/lib/metrics.ts";
import {defaultRadii} from "../../src/lib/radii.ts";
import {evaluate, INDICATORS, light} from "../../src/lib/targets.ts";
import type {Comparator, Target} from "../../src/lib/types.ts";
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
