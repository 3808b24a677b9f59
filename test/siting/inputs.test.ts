// The siting page's radius and budget inputs (src/lib/siting/siting-inputs.ts): a bad value is named with the field and
// what is expected, and the page falls back to the documented default; empty is the default, not an error.
import {describe, expect, it} from "vitest";
import {parseBudget, parseRadius, readNumber} from "../../src/lib/siting/siting-inputs.ts";

describe("siting inputs", () => {
  it("reads numbers, full-width digits and thousands separators; empty is null", () => {
    expect(readNumber("1500")).toBe(1500);
    expect(readNumber(" １５００ ")).toBe(1500);
    expect(readNumber("1,500")).toBe(1500);
    expect(readNumber("1，500.5")).toBe(1500.5);
    expect(readNumber("-3")).toBe(-3);
    expect(readNumber("")).toBeNull();
    expect(readNumber("   ")).toBeNull();
    expect(readNumber(undefined)).toBeNull();
    expect(readNumber("1.5km")).toBeNaN();
    expect(readNumber("1,50")).toBeNaN();
  });

  it("radius: 1–500000 metres, else a message naming 服务半径 and the range", () => {
    expect(parseRadius("1500")).toEqual({value: 1500, warning: null});
    expect(parseRadius("")).toEqual({value: null, warning: null});
    expect(parseRadius("-5")).toEqual({value: null, warning: "服务半径“-5”无效：应为 1–500000 之间的数字（米），已按默认半径计算。"});
    expect(parseRadius("0").warning).toMatch(/^服务半径“0”无效/);
    expect(parseRadius("600000").warning).toMatch(/^服务半径“600000”无效：应为 1–500000/);
    expect(parseRadius("三公里")).toEqual({value: null, warning: "服务半径“三公里”不是数字：应为 1–500000 之间的数字（米），已按默认半径计算。"});
  });

  it("budget: a number ≥ 0 of 万元 (in yuan), else a message naming 预算", () => {
    expect(parseBudget("800")).toEqual({value: 8_000_000, warning: null});
    expect(parseBudget("0")).toEqual({value: 0, warning: null});
    expect(parseBudget("")).toEqual({value: null, warning: null});
    expect(parseBudget("八百")).toEqual({value: null, warning: "预算“八百”不是数字（万元），按不限预算计算。"});
    expect(parseBudget("-1")).toEqual({value: null, warning: "预算“-1”无效：应为不小于 0 的数字（万元），按不限预算计算。"});
  });
});
