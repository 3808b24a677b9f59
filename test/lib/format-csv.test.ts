import {parse} from "csv-parse/sync";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {BOM, csvCell, toCsv} from "../../src/lib/csv.ts";
import {formatCount, formatDate, formatDistance, formatInt, formatPercent, formatYuan} from "../../src/lib/format.ts";

describe("format", () => {
  it("formats counts, yuan, percentages and distances the Chinese way", () => {
    expect(formatInt(193924)).toBe("193,924");
    expect(formatCount(9999)).toBe("9,999");
    expect(formatCount(193924)).toBe("19.39万");
    expect(formatCount(1.5e8)).toBe("1.5亿");
    expect(formatYuan(16_500_000)).toBe("1650万元");
    expect(formatYuan(120_000)).toBe("12万元");
    expect(formatYuan(800)).toBe("800元");
    expect(formatPercent(0.5234)).toBe("52.3%");
    expect(formatDistance(850.4)).toBe("850 米");
    expect(formatDistance(12_340)).toBe("12.3 公里");
    expect(formatDate("2025-12-31")).toBe("2025年12月31日");
    expect(formatPercent(NaN)).toBe("—");
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
