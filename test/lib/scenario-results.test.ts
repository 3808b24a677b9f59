// The explorer's per-township results table: before → after, the change, and null (never 0) where a township has no
// "before" figure.
import {describe, expect, it} from "vitest";
import {scenarioTownshipRows} from "../../src/lib/scenario-results.ts";

const t = (code: string, people: number, covered: number) => ({code, name: `T${code}`, county_code: "640302", people, covered_any: covered, covered_any_share: people ? covered / people : null});

describe("scenarioTownshipRows", () => {
  it("gives each township of the scenario its before and after figures and the change", () => {
    const rows = scenarioTownshipRows([t("1", 100, 40), t("2", 50, 50)], [t("1", 100, 70), t("2", 50, 50)], "pop65", () => "利通区");
    expect(rows).toEqual([
      {乡镇代码: "1", 乡镇: "T1", 县区: "利通区", "65岁以上老人（人）": 100, 原覆盖人数: 40, 现覆盖人数: 70, 变化: 30, 原覆盖率: 0.4, 现覆盖率: 0.7},
      {乡镇代码: "2", 乡镇: "T2", 县区: "利通区", "65岁以上老人（人）": 50, 原覆盖人数: 50, 现覆盖人数: 50, 变化: 0, 原覆盖率: 1, 现覆盖率: 1}
    ]);
  });

  it("reads null for a township the original data does not have", () => {
    const [row] = scenarioTownshipRows([], [t("9", 10, 0)], "pop60");
    expect(row).toMatchObject({原覆盖人数: null, 变化: null, 原覆盖率: null, 现覆盖人数: 0, 县区: "640302"});
  });
});
