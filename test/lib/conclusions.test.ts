// The county report's first-page conclusions, by the written rules, on a hand-worked county.
import {describe, expect, it} from "vitest";
import {countyConclusions, shortfall, type ConclusionTarget} from "../../src/lib/plan/conclusions.ts";

const t = (label: string, status: ConclusionTarget["status"], value: number | null, threshold: number, extra: Partial<ConclusionTarget> = {}): ConclusionTarget =>
  ({label, unit: "per 1000", comparator: ">=", threshold, deadline: "2025-12-31", value, status, reason: `理由${label}`, role: "own", ...extra});

describe("shortfall", () => {
  it("is the distance to the threshold relative to it, 0 when met", () => {
    expect(shortfall(20, ">=", 40)).toBe(0.5);
    expect(shortfall(50, ">=", 40)).toBe(0);
    expect(shortfall(12, "<=", 10)).toBeCloseTo(0.2, 12);
    expect(shortfall(3, "==", 0)).toBe(3);
  });
});

describe("countyConclusions", () => {
  const input = {
    statuses: [
      t("甲", "red", 30, 40), // 25 % short
      t("乙", "red", 10, 40), // 75 % short: first
      t("丙", "amber", 38, 40),
      t("丁", "green", 50, 40),
      t("戊", "red", 0, 40, {role: "reference"}), // a reference standard: left out
      t("己", "grey", null, 0.55, {unit: "share"}),
      t("庚", "red", 35, 40) // 12.5 % short: fourth, beyond the three
    ],
    townships: [
      {code: "1", name: "一镇", uncovered: 0},
      {code: "2", name: "二镇", uncovered: 300},
      {code: "3", name: "三乡", uncovered: 300},
      {code: "4", name: "四乡", uncovered: 0}
    ],
    bedGaps: [{township_code: "1", gap: 12}, {township_code: "3", gap: 40}, {township_code: "4", gap: 0}],
    siting: {typeLabel: "乡镇综合养老服务中心", k: 3, covered: 1234}
  };

  it("names the lights furthest from target, red before amber, and counts the rest and the grey ones", () => {
    const c = countyConclusions(input);
    expect(c.lights[0]).toMatch(/^未达标：乙，现 10(\.0)?/);
    expect(c.lights[1]).toMatch(/^未达标：甲/);
    expect(c.lights[2]).toMatch(/^未达标：庚/);
    expect(c.lights[3]).toBe("另有 1 项未达标或接近的目标，见下文目标卡片。");
    expect(c.lights[4]).toBe("1 项目标因所需数据未提供，无法评估。");
    expect(c.lights.join("")).not.toContain("戊");
    expect(c.lights[0]).toContain("理由乙");
  });

  it("lists the townships to prioritise with their reasons, most people outside first, then the bed gap", () => {
    const c = countyConclusions(input);
    expect(c.townships).toEqual(["三乡：300 名老人在所有服务圈之外；床位缺口 40 张", "二镇：300 名老人在所有服务圈之外", "一镇：床位缺口 12 张"]);
  });

  it("says what the siting suggestion would change, and says so when nothing is off", () => {
    expect(countyConclusions(input).siting).toContain("新建 3 处乡镇综合养老服务中心，可使 1,234 名");
    const calm = countyConclusions({statuses: [t("丁", "green", 50, 40)], townships: [{code: "1", name: "一镇", uncovered: 0}], bedGaps: []});
    expect(calm.lights).toEqual(["本县区规划的 1 项目标均已达标或按计划可达标。"]);
    expect(calm.townships).toEqual(["各乡镇（街道）的老人都在服务圈内，且无床位缺口。"]);
    expect(calm.siting).toBeNull();
    // no own target at all (a region whose targets file names none for the county): said, not "0 项目标均已达标"
    const none = countyConclusions({statuses: [], townships: [{code: "1", name: "一镇", uncovered: 0}], bedGaps: []});
    expect(none.lights).toEqual(["本县区未录入自己的规划目标（目标文件中没有本县区的目标）。"]);
    // only targets that cannot be judged: the grey line alone
    const grey = countyConclusions({statuses: [t("戊", "grey", 0, 40)], townships: [], bedGaps: []});
    expect(grey.lights).toEqual(["1 项目标因所需数据未提供，无法评估。"]);
  });
});
