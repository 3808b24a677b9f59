import {parse} from "csv-parse/sync";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {BOM, csvCell, toCsv} from "../../src/lib/view/csv.ts";
import {formatCount, formatDate, formatDateShort, formatDistance, formatInt, formatPercent, formatYuan, yuanColumn} from "../../src/lib/view/format.ts";

describe("format", () => {
  it("formats counts, yuan, percentages and distances the Chinese way", () => {
    expect(formatInt(193924)).toBe("193,924");
    expect(formatCount(9999)).toBe("9,999");
    expect(formatCount(193924)).toBe("19.39万");
    expect(formatCount(1.5e8)).toBe("1.5亿");
    expect(formatPercent(0.5234)).toBe("52.3%");
    expect(formatDistance(850.4)).toBe("850 米");
    expect(formatDistance(12_340)).toBe("12.3 公里");
    expect(formatDate("2025-12-31")).toBe("2025年12月31日");
    expect(formatPercent(NaN)).toBe("—");
    expect(formatDateShort("2024-12-31")).toBe("2024-12-31");
    expect(formatDateShort("2024-12-31T00:00:00Z")).toBe("2024-12-31");
  });

  // Worked by hand: 万元 = yuan / 10 000, 亿元 = yuan / 100 000 000, two decimals, thousands grouped.
  it("writes yuan in one finance style: x.xx亿元, x,xxx.xx万元, x,xxx元", () => {
    expect(formatYuan(38_560_000)).toBe("3,856.00万元"); // 3856 万
    expect(formatYuan(33_348_400)).toBe("3,334.84万元"); // 3334.84 万
    expect(formatYuan(1_848_000)).toBe("184.80万元"); // the reviewer's "184.8万元", now with its second decimal
    expect(formatYuan(10_800_000)).toBe("1,080.00万元"); // grouped: not "1080万元"
    expect(formatYuan(120_000)).toBe("12.00万元");
    expect(formatYuan(10_000)).toBe("1.00万元");
    expect(formatYuan(7_800)).toBe("7,800元");
    expect(formatYuan(800)).toBe("800元");
    expect(formatYuan(0)).toBe("0元");
    expect(formatYuan(123_456_789)).toBe("1.23亿元");
    expect(formatYuan(250_000_000)).toBe("2.50亿元");
    expect(formatYuan(-25_000)).toBe("-2.50万元");
    expect(formatYuan(NaN)).toBe("—");
  });

  it("chooses the unit after rounding, so a figure never reads 10,000.00万元 or 10,000元", () => {
    expect(formatYuan(99_999_999)).toBe("1.00亿元"); // 9 999.9999 万 rounds to 10 000.00 万 = 1 亿
    expect(formatYuan(99_994_999)).toBe("9,999.50万元");
    expect(formatYuan(9_999.6)).toBe("1.00万元"); // rounds to 10 000 元
    expect(formatYuan(9_999.4)).toBe("9,999元");
  });

  it("takes the decimals, a fixed unit and a zero text as options", () => {
    expect(formatYuan(33_348_400, {digits: 1})).toBe("3,334.8万元");
    expect(formatYuan(38_560_000, {digits: 0})).toBe("3,856万元");
    expect(formatYuan(7_800, {unit: "万元"})).toBe("0.78万元");
    expect(formatYuan(123_456_789, {unit: "万元"})).toBe("12,345.68万元");
    expect(formatYuan(38_560_000, {unit: "亿元"})).toBe("0.39亿元");
    expect(formatYuan(1_848_000, {unit: "元"})).toBe("1,848,000元");
    expect(formatYuan(0, {zero: "—"})).toBe("—");
    expect(formatYuan(0, {unit: "万元"})).toBe("0.00万元");
    expect(formatYuan(-1, {unit: "万元"})).toBe("0.00万元"); // no "-0.00"
    const column = yuanColumn();
    expect([38_560_000, 1_848_000, 7_800, 0, null].map((v) => column(v))).toEqual(["3,856.00万元", "184.80万元", "0.78万元", "—", "—"]);
  });
});

describe("csv", () => {
  it("writes a BOM, quotes what needs quoting and defuses formulas", () => {
    expect(toCsv([{名称: "兴隆社区", 人数: 12}])).toBe(`${BOM}名称,人数\r\n兴隆社区,12\r\n`);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell(undefined)).toBe("");
  });

  it("round-trips any table through a CSV parser", () => {
    const row = fc.record({name: fc.string(), n: fc.integer(), note: fc.string()});
    fc.assert(
      fc.property(fc.array(row, {maxLength: 20}), (rows) => {
        const text = toCsv(rows, ["name", "n", "note"]);
        const back = parse(text.slice(1), {columns: true, relax_column_count: false}) as Record<string, string>[];
        const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s);
        expect(back).toEqual(rows.map((r) => ({name: unformula(r.name), n: String(r.n), note: unformula(r.note)})));
      })
    );
  });
});
