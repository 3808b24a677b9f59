import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {decideEncoding} from "../../loaders/encoding.ts";
import {cellText} from "../../loaders/read-xlsx.ts";
import {FileError} from "../../loaders/read.ts";
import {readAll, tempFile} from "./helpers.ts";

const TEXT = "名称,床位数\r\n福利院,10\r\n\r\n\"多行\r\n名称\",20\r\n敬老院,\"3,000\"\r\n";

describe("CSV encodings", () => {
  it("reads UTF-8, UTF-8 with BOM and GBK alike, and reports which it found", async () => {
    const cases: Array<[Uint8Array | string, string]> = [
      [TEXT, "utf-8"],
      ["\uFEFF" + TEXT, "utf-8-bom"],
      [iconv.encode(TEXT, "gbk"), "gb18030"]
    ];
    for (const [bytes, encoding] of cases) {
      const {table, rows, errors} = await readAll(await tempFile("t.csv", bytes));
      expect(table.encoding).toBe(encoding);
      expect(table.headers).toEqual(["名称", "床位数"]);
      expect(errors).toEqual([]);
      expect(rows.map((r) => [r.row, ...r.cells])).toEqual([
        [2, "福利院", "10"],
        [4, "多行\r\n名称", "20"],
        [6, "敬老院", "3,000"]
      ]);
    }
  });

  it("a declared encoding wins, and one the bytes contradict is an error", async () => {
    const gbk = await tempFile("g.csv", iconv.encode(TEXT, "gbk"));
    const utf8 = await tempFile("u.csv", TEXT);
    expect((await readAll(gbk, {encoding: "gbk"})).table.encoding).toBe("gbk");
    await expect(readAll(gbk, {encoding: "utf-8"})).rejects.toThrow("manifest declares encoding utf-8, but the file is not valid UTF-8 (it looks like GBK/GB18030)");
    await expect(readAll(utf8, {encoding: "gbk"})).rejects.toThrow("manifest declares encoding gbk, but the file is UTF-8");
  });

  it("a UTF-8 file with GBK lines pasted in is a file error listing those lines, not decoded as GB18030 into mojibake", async () => {
    const utf8 = (s: string) => Buffer.from(s, "utf8");
    const gbk = (s: string) => iconv.encode(s, "gbk");
    const one = await tempFile("m.csv", Buffer.concat([utf8("名称,床位数\n福利院,10\n敬老院,20\n"), gbk("长者食堂,0\n"), utf8("幸福院,5\n")]));
    await expect(readAll(one)).rejects.toThrow('mixed encodings: line 4 is not UTF-8, while lines 1, 2, 3, 5 are UTF-8 (rows pasted from a file in another encoding, GBK most likely); save the whole file again as "CSV UTF-8"');
    const many = await tempFile("n.csv", Buffer.concat([utf8("名称,床位数\n"), ...Array.from({length: 7}, (_, i) => gbk(`长者食堂${i},0\n`))]));
    await expect(readAll(many)).rejects.toThrow("mixed encodings: lines 2, 3, 4, 5, 6 and 2 more are not UTF-8, while line 1 is UTF-8");
    await expect(readAll(many, {encoding: "gbk"})).rejects.toThrow(/^mixed encodings/);
    // a GBK file whose header is ASCII is GBK, not mixed
    expect((await readAll(await tempFile("g.csv", gbk("name,beds\n长者食堂,0\n")))).table.encoding).toBe("gb18030");
  });

  it("an ASCII file is consistent with any declaration", () => {
    const scan = {bom: false, utf16: false, validUtf8: true, nonAscii: false};
    expect(decideEncoding(scan, "gbk")).toEqual({encoding: "gbk"});
    expect(decideEncoding(scan, "auto")).toEqual({encoding: "utf-8"});
  });

  it("refuses UTF-16 with advice", async () => {
    const path = await tempFile("w.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n", "utf16le")]));
    await expect(readAll(path)).rejects.toThrow(/UTF-16.*CSV UTF-8/);
  });

  it("splits rows on every line ending: LF rows appended to a CRLF file (and a lone CR) do not merge", async () => {
    const {rows, errors} = await readAll(await tempFile("le.csv", 'a,b\r\n1,"x\ny"\r\n3,4\n5,6\r7,8\n9,10\r\n'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, ...r.cells])).toEqual([
      [2, "1", "x\ny"],
      [4, "3", "4"],
      [5, "5", "6"],
      [6, "7", "8"],
      [7, "9", "10"]
    ]);
    const lf = await readAll(await tempFile("lf.csv", "a,b\n1,2\n3,4\r\n5,6\r\n"));
    expect(lf.rows.map((r) => [r.row, ...r.cells])).toEqual([[2, "1", "2"], [3, "3", "4"], [4, "5", "6"]]);
  });

  it("sniffs tab and semicolon delimiters", async () => {
    expect((await readAll(await tempFile("t.csv", "a\tb\n1\t2\n"))).rows[0].cells).toEqual(["1", "2"]);
    expect((await readAll(await tempFile("s.csv", "a;b\n1;2\n"))).table.delimiter).toBe(";");
  });

  it("an unclosed quote becomes one read error naming the lines, not a crash or a lost row", async () => {
    const {rows, errors} = await readAll(await tempFile("q.csv", 'a,b\n1,2\n3,"4\n5,6\n'));
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors).toEqual([{row: 3, error: 'lines 3–4: a quote (") is opened and never closed, so these lines could not be split into cells'}]);
  });

  it("honours header_row and notes the skipped title rows", async () => {
    const {table, rows} = await readAll(await tempFile("h.csv", "某县养老机构统计表\n名称,床位数\n福利院,10\n"), {headerRow: 2});
    expect(table.headers).toEqual(["名称", "床位数"]);
    expect(table.notes).toEqual(["1 row(s) before the header row 2 were skipped"]);
    expect(rows[0].row).toBe(3);
  });

  it("counts blank rows without yielding them", async () => {
    const {table, rows} = await readAll(await tempFile("b.csv", "a,b\n,\n1,2\n , \n"));
    expect(rows).toHaveLength(1);
    expect(table.blankRows()).toBe(2);
  });

  it("an empty file or a missing one is a FileError", async () => {
    await expect(readAll(await tempFile("e.csv", ""))).rejects.toBeInstanceOf(FileError);
    await expect(readAll("/nonexistent/x.csv")).rejects.toThrow("file not found: /nonexistent/x.csv");
    await expect(readAll(await tempFile("x.doc", "a"))).rejects.toThrow(/unsupported file type/);
  });

  it("reports progress for large files", async () => {
    const path = await tempFile("big.csv", "a,b\n" + "1,2\n".repeat(200_000));
    const seen: number[] = [];
    const {rows} = await readAll(path, {onProgress: (done, total) => seen.push(done / total)});
    expect(rows).toHaveLength(200_000);
    expect(seen.at(-1)).toBe(1);
  });
});

describe("xlsx", () => {
  it("reads the first sheet with data, header row 1, with Excel row numbers and every cell type as text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("设施");
    ws.addRow(["名称", "床位数", "期限", "备注"]);
    ws.addRow(["福利院", 120, new Date(Date.UTC(2025, 11, 31)), {richText: [{text: "富"}, {text: "文本"}]}]);
    ws.addRow([]);
    ws.addRow(["敬老院", {formula: "1+1", result: 2}, "2025/6/30", {text: "链接", hyperlink: "http://x"}]);
    wb.addWorksheet("其他").addRow(["不该读"]);
    const path = await tempFile("f.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const {table, rows} = await readAll(path);
    expect(table.headers).toEqual(["名称", "床位数", "期限", "备注"]);
    expect(rows.map((r) => [r.row, ...r.cells])).toEqual([
      [2, "福利院", "120", "2025-12-31", "富文本"],
      [4, "敬老院", "2", "2025/6/30", "链接"]
    ]);
  });

  it("a workbook whose row 1 is empty takes its first non-blank row as the header; a declared header_row on a blank row is an error", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.getCell("A2").value = "名称";
    ws.getCell("A3").value = "福利院";
    const path = await tempFile("e.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const {table, rows} = await readAll(path);
    expect([table.headerRow, table.headers, rows.map((r) => [r.row, ...r.cells])]).toEqual([2, ["名称"], [[3, "福利院"]]]);
    await expect(readAll(path, {headerRow: 1})).rejects.toThrow('row 1 of sheet "s" is empty: the header must be in row 1 (set "header_row" in region.json)');
    expect((await readAll(path, {headerRow: 2})).table.headers).toEqual(["名称"]);
  });

  it("reads the first visible sheet with data, not a hidden or empty one before it, and notes the others", async () => {
    const wb = new ExcelJS.Workbook();
    const old = wb.addWorksheet("旧数据", {state: "hidden"});
    old.addRow(["名称", "床位数"]);
    old.addRow(["旧院", 1]);
    wb.addWorksheet("说明");
    const ws = wb.addWorksheet("设施");
    ws.addRow(["名称", "床位数"]);
    ws.addRow(["福利院", 120]);
    ws.addRow(["敬老院", 30]);
    const path = await tempFile("h.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const {table, rows} = await readAll(path);
    expect(rows.map((r) => r.cells)).toEqual([["福利院", "120"], ["敬老院", "30"]]);
    expect(table.notes).toEqual(['read sheet "设施" (the first visible sheet with data); not read: "旧数据" (hidden), "说明"']);
    const named = await readAll(path, {sheet: "旧数据"});
    expect(named.rows.map((r) => r.cells)).toEqual([["旧院", "1"]]);
    expect(named.table.notes).toEqual(['read sheet "旧数据" (named in region.json); not read: "说明", "设施"']);
    await expect(readAll(path, {sheet: "Sheet1"})).rejects.toThrow('region.json names sheet "Sheet1", but the workbook has "旧数据" (hidden), "说明", "设施"');
  });

  it("a formula with no saved result is reported by its column, not read as empty or 0", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("设施");
    ws.addRow(["名称", "床位数", "护理型床位"]);
    ws.addRow(["福利院", {formula: "C2+10"}, 90]);
    ws.addRow(["敬老院", {formula: "C3+10", result: 40}, 30]);
    const path = await tempFile("f.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const {rows} = await readAll(path);
    expect(rows.map((r) => [r.row, r.cells, r.unsaved])).toEqual([
      [2, ["福利院", "", "90"], [{index: 1, formula: "=C2+10"}]],
      [3, ["敬老院", "40", "30"], undefined]
    ]);
  });

  it("a file that is not a workbook is a FileError", async () => {
    await expect(readAll(await tempFile("n.xlsx", "not a zip"))).rejects.toBeInstanceOf(FileError);
  });

  it("cellText covers exceljs value shapes", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(true)).toBe("true");
    expect(cellText(new Date("2025-01-02T03:04:05Z"))).toBe("2025-01-02T03:04:05.000Z");
    expect(cellText({error: "#N/A"})).toBe("#N/A");
    expect(cellText({formula: "A1"})).toBe("");
  });
});

describe("GeoJSON", () => {
  it("turns features into rows numbered from 1, with geometry, and non-features into read errors", async () => {
    const doc = {type: "FeatureCollection", features: [
      {type: "Feature", properties: {code: 640302100, name: "金积镇"}, geometry: {type: "Point", coordinates: [106, 38]}},
      42,
      {type: "Feature", properties: {extra: {a: 1}}, geometry: null}
    ]};
    const {table, rows, errors} = await readAll(await tempFile("g.geojson", JSON.stringify(doc)));
    expect(table.headers).toEqual(["code", "name", "extra"]);
    expect(rows.map((r) => [r.row, ...r.cells])).toEqual([[1, "640302100", "金积镇", ""], [3, "", "", '{"a":1}']]);
    expect(rows[0].geometry).toEqual({type: "Point", coordinates: [106, 38]});
    expect(errors).toEqual([{row: 2, error: "feature 2 is not a GeoJSON Feature object"}]);
  });

  it("invalid JSON and non-GeoJSON are FileErrors", async () => {
    await expect(readAll(await tempFile("b.geojson", "{"))).rejects.toThrow(/not valid JSON/);
    await expect(readAll(await tempFile("c.json", "[1,2]"))).rejects.toThrow(/expected a GeoJSON FeatureCollection/);
  });
});
