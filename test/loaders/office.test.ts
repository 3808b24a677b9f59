/**
 * Office files as county offices send them, absent figures and plausibility (issue 12): one fixture per case under
 * test/fixtures/loaders (written by build.ts), each with its expected message, rows read = accepted + rejected on
 * all of them; and the same detections on generated files of the same class (other titles, GBK, more levels).
 */
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {bestHeader, levelName, noteLabel, sectionLabel, sniffBytes, totalsLabel, twoLevel} from "../../loaders/office.ts";
import {records} from "../../loaders/read-csv.ts";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode, formatReport, type FileReport, type LoadReport} from "../../loaders/report.ts";
import {readManifest} from "../../loaders/manifest.ts";
import {fileReport as file, expectAccounted} from "./helpers.ts";

const FIX = "test/fixtures/loaders";
const load = (name: string) => loadRegion(join(FIX, name));



/** A copy of the good fixture with its facilities file replaced (and the manifest entry edited). */
async function goodWithFacilities(name: string, content: string | Uint8Array, entry: Record<string, unknown> = {}): Promise<string> {
  const {cp, mkdtemp, readFile, writeFile} = await import("node:fs/promises");
  const {tmpdir} = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "cc-office-"));
  await cp(join(FIX, "good"), dir, {recursive: true});
  await writeFile(join(dir, name), content);
  const m = JSON.parse(await readFile(join(dir, "region.json"), "utf8"));
  m.files.facilities = {path: name, crs: "WGS84", ...entry};
  await writeFile(join(dir, "region.json"), JSON.stringify(m));
  return dir;
}

const GOOD_NAMES = ["利通区社会福利中心", "金积镇综合养老服务中心", "胜利社区养老服务站", "金积村幸福院", "扁担沟长者食堂"];

describe("office layouts (fixtures)", () => {
  it("office-title-rows: title and 填报 rows above the header are skipped and named; the 合计 row is skipped with a note, not rejected", async () => {
    const {region, report} = await load("office-title-rows");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.rejected.length, f.totalsRows, f.errors]).toEqual([5, 5, 0, 1, []]);
    expect(f.detections).toEqual([
      'header found in line 4: 2 row(s) above it skipped (line 1 "金山区养老设施名录（2024年）"; line 3 "填报单位：区民政局 填报日期：2024-12-31"); set "header_row" in region.json if another row is the header',
      '1 totals row(s) skipped, not read as data: line 10 "合计"'
    ]);
    expect(region.facilities.map((x) => x.name)).toEqual(GOOD_NAMES);
    expect(region.facilities.map((x) => x.beds)).toEqual([200, 30, 0, 10, 0]);
    expect(exitCode(report)).toBe(0);
    const text = formatReport(report);
    expect(text).toContain("rows read 5 = accepted 5 + rejected 0 (1 totals, note or heading rows skipped)");
    expect(text).toContain('detected: 1 totals row(s) skipped, not read as data: line 10 "合计"');
  });

  it("office-two-level: a merged two-level header is read as parent/child names (床位数/其中：护理型 → nursing beds); the title and 小计 rows are skipped", async () => {
    const {region, report} = await load("office-two-level");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.rejected.length, f.totalsRows, f.errors]).toEqual([5, 5, 0, 1, []]);
    expect(f.detections).toEqual([
      'header found in row 2: 1 row(s) above it skipped (row 1 "利通区养老服务设施统计表（2024年12月）"); set "header_row" in region.json if another row is the header',
      "two-level header in rows 2–3: columns named parent/child (床位数/总数 → 床位数, 床位数/其中：护理型 → 护理型床位数)",
      '1 totals row(s) skipped, not read as data: row 9 "小计"'
    ]);
    expect(region.facilities.map((x) => [x.beds, x.nursing_beds, x.area_m2])).toEqual([[200, 120, 8000], [30, 30, 1000], [0, 0, 300], [10, 0, 400], [0, 0, 500]]);
    expect(region.meta.absent).toEqual({});
  });

  it("office-instructions-sheet: an instructions sheet first is passed over for the sheet with the columns, and says so", async () => {
    const {region, report} = await load("office-instructions-sheet");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.errors]).toEqual([5, 5, []]);
    expect(f.detections).toEqual(['sheet "填表说明" has no header with the columns name, type, lng, lat; read sheet "设施", which has (name the sheet with "sheet" in region.json to choose another)']);
    expect(f.notes).toContain('read sheet "设施" (the first with the required columns); not read: "填表说明"');
    expect(region.facilities).toHaveLength(5);
  });

  it("bad-office-no-data-sheet: when no sheet has the columns, the error names the sheet read, the sheets and the sheet option", async () => {
    const {report} = await load("bad-office-no-data-sheet");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect(f.errors).toEqual([
      'missing required column(s): name, type, lng, lat; every row is rejected; the header was read from row 1 of sheet "填表说明" ("填表说明"): if the header is another row set "header_row" in region.json, if the data is on another sheet set "sheet" (sheets: "填表说明", "汇总")'
    ]);
    expect(f.detections[0]).toBe('no sheet of the workbook ("填表说明", "汇总") has a header with the columns name, type, lng, lat; sheet "填表说明" was read: name the data sheet with "sheet" in region.json');
    expect(exitCode(report, {allowRejects: true})).toBe(1);
  });

  it("office-xlsx-as-csv: an .xlsx workbook under a .csv name is read as .xlsx", async () => {
    const {region, report} = await load("office-xlsx-as-csv");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.format, f.rowsRead, f.accepted, f.errors]).toEqual(["xlsx", 5, 5, []]);
    expect(f.detections).toEqual(["facilities.csv is an .xlsx workbook saved under a .csv name (its bytes are a zip file): read as .xlsx"]);
    expect(region.facilities.map((x) => x.name)).toEqual(GOOD_NAMES);
  });

  it("bad-office-xls-as-csv and bad-office-et: .xls / WPS .et bytes are a file error saying to save as .xlsx or CSV", async () => {
    for (const [fixture, message] of [
      ["bad-office-xls-as-csv", "facilities.csv is not a CSV file but a binary workbook (an Excel 97–2003 .xls or WPS .et binary workbook), which the loader cannot read: open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or CSV UTF-8, then name that file in region.json"],
      ["bad-office-et", "facilities.et is a binary workbook (an Excel 97–2003 .xls or WPS .et binary workbook), which the loader cannot read: open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or CSV UTF-8, then name that file in region.json"]
    ]) {
      const {report} = await load(fixture);
      expectAccounted(report);
      const f = file(report, "facilities");
      expect([f.rowsRead, f.errors], fixture).toEqual([0, [message]]);
      expect(exitCode(report)).toBe(1);
    }
  });
});

describe("absent figures (fixtures)", () => {
  it("absent-declared: declared-absent figures load with a note and reach region.meta.absent; a declared default status applies", async () => {
    const {region, report} = await load("absent-declared");
    expectAccounted(report);
    expect(report.files.flatMap((f) => f.errors)).toEqual([]);
    expect(exitCode(report)).toBe(0);
    expect(region.meta.absent).toEqual({villages: ["pop80", "alone"], facilities: ["nursing_beds", "social_workers"]});
    expect(file(report, "facilities").notes).toEqual([
      "not provided (declared absent in region.json): nursing_beds (护理型床位), social_workers (社会工作者); shown as 未提供, never as 0",
      'no status column: every facility is operating ("default_status" in region.json)'
    ]);
    expect(file(report, "villages").notes).toEqual(["not provided (declared absent in region.json): pop80 (80岁以上), alone (独居); shown as 未提供, never as 0"]);
    expect(region.facilities.map((x) => x.status)).toEqual(["operating", "operating", "operating", "operating", "operating"]);
  });

  it("bad-absent-undeclared: a figure column not found (beds under an unknown name) and no status column are file errors; no row is rejected for a 0 it never read", async () => {
    const {region, report} = await load("bad-absent-undeclared");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([5, 5, 0]);
    expect(f.errors).toHaveLength(2);
    expect(f.errors[0]).toMatch(/^no column for beds \(床位数\): a figure that is not found is not read as 0\. Name the column \(header line 1: "编号", "名称", "类型", "乡镇代码", "村社区代码", "经度", "纬度", "数量", /);
    expect(f.errors[0]).toMatch(/declare it in region\.json: "absent": \["beds"\] \(shown as 未提供 on the pages\)$/);
    expect(f.errors[1]).toMatch(/^no status column \(状态\): .* declare the status of every row in region\.json: "default_status": "operating"$/);
    expect(f.unknownColumns).toEqual(["数量"]);
    expect(region.meta.absent).toEqual({facilities: ["beds"]});
    expect(exitCode(report, {allowRejects: true})).toBe(1);
  });

  it("villages without a 65+ column (declared absent) keep their 80+ figure: 80+ ≤ 65+ is not checked against a 0 never read", async () => {
    const {cp, mkdtemp, readFile: read, writeFile} = await import("node:fs/promises");
    const {tmpdir} = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "cc-office-"));
    await cp(join(FIX, "good"), dir, {recursive: true});
    const lines = (await read(join(dir, "villages.csv"), "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\n").map((l) => l.split(","));
    await writeFile(join(dir, "villages.csv"), lines.map((r) => r.filter((_, i) => i !== 6).join(",")).join("\n") + "\n");
    const m = JSON.parse(await read(join(dir, "region.json"), "utf8"));
    m.files.villages.absent = ["pop65"];
    await writeFile(join(dir, "region.json"), JSON.stringify(m));
    const {region, report} = await loadRegion(dir);
    expectAccounted(report);
    const v = file(report, "villages");
    expect([v.rowsRead, v.accepted, v.errors]).toEqual([6, 6, []]);
    expect(region.villages.map((x) => x.pop80)).toEqual([150, 120, 90, 70, 60, 40]);
    expect(region.meta.absent).toEqual({villages: ["pop65"]});
  });

  it("a figure column present but empty in every row is a warning that suggests the declaration; one filled cell is enough", async () => {
    const header = "编号,名称,类型,状态,乡镇代码,经度,纬度,床位数,护理型床位,助餐座位,建筑面积,社会工作者";
    const rows = ["A1,福利中心,社会福利中心,运营,640302001,106.04,38.01,200,,0,8000,", "A2,金积镇中心,综合养老服务中心,运营,640302100,106.155,38.01,30,,60,1000,1"];
    const {report} = await loadRegion(await goodWithFacilities("f.csv", [header, ...rows].join("\n") + "\n"));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect(f.warnings.filter((w) => w.row === 0).map((w) => w.message)).toEqual([
      'f.csv: column nursing_beds (护理型床位) is empty in all 2 rows: read as 0 in every row; if the file does not have this figure, declare it in region.json ("absent": ["nursing_beds"]) so that it shows as 未提供'
    ]);
  });

  it("a declaration contradicted by the file, or naming no figure, is an error", async () => {
    const good = await readFile(join(FIX, "good/facilities.csv"));
    const both = await loadRegion(await goodWithFacilities("f.csv", good, {absent: ["beds"]}));
    expect(file(both.report, "facilities").errors).toEqual(['region.json declares beds (床位数) absent, but the file has a column for it: remove it from "absent" or the column from the file']);
    const dir = await goodWithFacilities("f.csv", good, {absent: ["beds", "name"], default_status: "开业了"});
    const {errors} = await readManifest(dir);
    expect(errors).toEqual([
      'region.json: files.facilities.absent: "name" is not a figure of the facilities file; expected some of beds (床位数), nursing_beds (护理型床位), meal_seats (助餐座位), area_m2 (建筑面积), social_workers (社会工作者)',
      'region.json: files.facilities.default_status: expected one of operating (运营), construction (在建), planned (规划), upgrading (改造), found "开业了"'
    ]);
  });
});

describe("plausibility (fixture)", () => {
  it("bad-implausible: 99 999 999 beds, 1E+03 seats, a point in Paris and 300 000 people in a village are rejected; 1 500 beds and 2 m² a bed are warnings", async () => {
    const {region, report} = await load("bad-implausible");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([5, 2, 3]);
    expect(f.rejected.map((r) => r.message)).toEqual([
      "facilities.csv line 3: 床位数 (beds): 99 999 999 beds in one facility is not plausible: expected at most 5 000 (a county institution has 50–300, a township centre ≤ 30); a typing error, a unit (万/千) or a totals row?",
      'facilities.csv line 4: 助餐座位 (meal_seats): "1E+03" is written in scientific notation: Excel shows long numbers so, and a CSV export keeps only the digits shown; format the column as a number (or text) and write the value in full (1000?)',
      'facilities.csv line 5: 经度 (lng): point 2.35, 48.85 is outside China (lng 73.4–135.1, lat 3.8–53.6); if the region really is outside China, set "config": {"outside_china": true} in region.json'
    ]);
    expect(f.warnings.map((w) => w.message)).toEqual([
      "facilities.csv line 6: 床位数 (beds): 1 500 beds in one facility is unusually many (more than 1 000; a county institution has 50–300, a township centre ≤ 30): please check",
      "facilities.csv line 6: 建筑面积 (area_m2): 3 000 m² for 1500 beds is 2.0 m² a bed, below 5 m² (GB 50437 asks ≥ 35): is the area in 万平方米 or 亩, or are the beds too many?"
    ]);
    const v = file(report, "villages");
    expect([v.rowsRead, v.accepted, v.rejected.length]).toEqual([2, 1, 1]);
    expect(v.rejected[0].message).toBe("villages.csv line 3: 60岁以上 (pop60): 300 000 people aged 60+ in one village or community is not plausible: expected at most 200 000 (a village has hundreds, a large urban community a few thousand); a typing error, a unit (万/千) or a totals row?");
    expect(region.facilities.map((x) => x.id)).toEqual(["F001", "F023"]);
  });

  it("a region that says it is outside China accepts such points (the county outline still decides)", async () => {
    const text = (await readFile(join(FIX, "good/facilities.csv"), "utf8")).trimEnd() + "\nF030,海外站,养老服务站,运营,640302100,,2.35,48.85,0,0,0,100,,0,,\n";
    const dir = await goodWithFacilities("f.csv", text);
    const {writeFile} = await import("node:fs/promises");
    const m = JSON.parse(await readFile(join(dir, "region.json"), "utf8"));
    m.config.outside_china = true;
    await writeFile(join(dir, "region.json"), JSON.stringify(m));
    const {report} = await loadRegion(dir);
    expectAccounted(report);
    const msg = file(report, "facilities").rejected.map((r) => r.message);
    expect(msg).toEqual(["f.csv line 7: lng: point 2.350000, 48.850000 (WGS84) lies outside every county boundary of the region"]);
  });
});

describe("the same class of problem in files not seen before", () => {
  const HEADER = "编号,名称,类型,状态,乡镇代码,村社区代码,经度,纬度,床位数,护理型床位,助餐座位,建筑面积,运营方式,社会工作者";
  const ROWS = ["A1,福利中心,社会福利中心,运营,640302001,,106.04,38.01,200,120,0,8000,公办公营,3", "A2,金积镇中心,综合养老服务中心,运营,640302100,,106.155,38.01,30,30,60,1000,公建民营,1"];

  it("a GBK CSV with two title lines, blank lines, a 全区合计 row and a 小计 row between data rows", async () => {
    const text = ["利通区养老机构基本情况表", ",,,", "单位：张、人", "", HEADER, ROWS[0], "小 计,,,,,,,,200,120,0,8000,,3", ROWS[1], "全区合计,,,,,,,,230,150,60,9000,,4", ""].join("\r\n");
    const {region, report} = await loadRegion(await goodWithFacilities("f.csv", iconv.encode(text, "gbk")));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.encoding, f.rowsRead, f.accepted, f.totalsRows, f.errors]).toEqual(["gb18030", 2, 2, 2, []]);
    expect(f.detections[0]).toMatch(/^header found in line 5: 2 row\(s\) above it skipped \(line 1 "利通区养老机构基本情况表"; line 3 "单位：张、人"\)/);
    expect(f.detections[1]).toBe('2 totals row(s) skipped, not read as data: line 7 "小 计", line 9 "全区合计"');
    expect(region.facilities.map((x) => x.beds)).toEqual([200, 30]);
  });

  it("a two-level header exported to CSV (merged cells left empty) with units in the child row", async () => {
    const parent = "编号,名称,类型,状态,乡镇代码,村社区代码,坐标,,床位数,,助餐座位,建筑面积,运营方式,社会工作者";
    const child = ",,,,,,经度,纬度,合计,护理型,,平方米,,";
    const {region, report} = await loadRegion(await goodWithFacilities("f.csv", [parent, child, ...ROWS].join("\n") + "\n"));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.errors]).toEqual([2, 2, []]);
    expect(f.detections).toEqual(["two-level header in lines 1–2: columns named parent/child (坐标/经度 → 经度, 坐标/纬度 → 纬度, 床位数/合计 → 床位数, 床位数/护理型 → 护理型床位数, 建筑面积/平方米 → 建筑面积(平方米))"]);
    expect(region.facilities.map((x) => [x.lng, x.beds, x.nursing_beds, x.area_m2])).toEqual([[106.04, 200, 120, 8000], [106.155, 30, 30, 1000]]);
  });

  it("an xlsx whose data sheet is third, after a cover and an instructions sheet, with a blank first row and a title", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("封面").getCell("B3").value = "2024年养老服务设施统计";
    wb.addWorksheet("说明").addRows([["说明"], ["经度纬度为高德坐标"]]);
    const ws = wb.addWorksheet("明细");
    ws.getCell("A2").value = "设施明细表";
    ws.addRow(HEADER.split(","));
    for (const r of ROWS) ws.addRow(r.split(",").map((c) => (/^\d+(\.\d+)?$/.test(c) && c.length < 9 ? Number(c) : c)));
    ws.addRow(["总计", "", "", "", "", "", "", "", 230]);
    const {region, report} = await loadRegion(await goodWithFacilities("f.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.totalsRows, f.errors]).toEqual([2, 2, 1, []]);
    expect(f.detections).toEqual([
      'sheet "封面" has no header with the columns name, type, lng, lat; read sheet "明细", which has (name the sheet with "sheet" in region.json to choose another)',
      'header found in row 3: 1 row(s) above it skipped (row 2 "设施明细表"); set "header_row" in region.json if another row is the header',
      '1 totals row(s) skipped, not read as data: row 6 "总计"'
    ]);
    expect(region.facilities.map((x) => x.name)).toEqual(["福利中心", "金积镇中心"]);
  });

  it("a tab-separated GBK export with a title line, a 合计（共2处） row and footnote / signature lines; the signer's phone appears nowhere", async () => {
    const tab = (line: string) => line.split(",").join("\t");
    const text = ["某某县养老服务设施情况统计表", tab(HEADER), ...ROWS.map(tab), tab("合计（共2处）,,,,,,,,230,150,60,9000,,4"), "注：1. 床位数含护理型床位；2. 坐标为天地图坐标。", "填表人：王建国\t联系电话：13912345678", ""].join("\r\n");
    const {region, report} = await loadRegion(await goodWithFacilities("f.txt", iconv.encode(text, "gbk")));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.delimiter, f.rowsRead, f.accepted, f.totalsRows, f.errors]).toEqual(["\t", 2, 2, 3, []]);
    expect(f.detections).toEqual([
      'header found in line 2: 1 row(s) above it skipped (line 1 "某某县养老服务设施情况统计表"); set "header_row" in region.json if another row is the header',
      '1 totals row(s) skipped, not read as data: line 5 "合计（共2处）"',
      '2 note row(s) skipped, not read as data: line 6 "注：…", line 7 "填表人：…"'
    ]);
    expect(region.facilities.map((x) => x.beds)).toEqual([200, 30]);
    const everything = JSON.stringify(report) + formatReport(report);
    expect(everything).not.toContain("13912345678");
    expect(everything).not.toContain("王建国");
  });

  it("an .xlsx workbook named .et or .xls (WPS saves some so) is read as .xlsx", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("设施").addRows([HEADER.split(","), ...ROWS.map((r) => r.split(","))]);
    const {region, report} = await loadRegion(await goodWithFacilities("f.et", new Uint8Array(await wb.xlsx.writeBuffer())));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.format, f.rowsRead, f.accepted, f.errors, f.detections]).toEqual(["xlsx", 2, 2, [], ["f.et is an .xlsx workbook under an old workbook name (its bytes are a zip file): read as .xlsx"]]);
    expect(region.facilities).toHaveLength(2);
  });

  it("an HTML table saved as .xlsx or .csv (a web system's 导出Excel) is a file error with the advice to save as .xlsx or CSV", async () => {
    const html = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>名称</td><td>类型</td></tr></table></body></html>";
    for (const name of ["f.xlsx", "f.csv", "f.xls"]) {
      const {report} = await loadRegion(await goodWithFacilities(name, html));
      expectAccounted(report);
      const f = file(report, "facilities");
      expect([f.rowsRead, f.errors], name).toEqual([0, [`${name} is an HTML or XML page, not a ${name.endsWith("csv") ? "CSV file" : "workbook"} (a web system's "导出Excel" often writes one): open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or CSV UTF-8, then name that file in region.json`]]);
    }
  });

  it("section headings (一、公办 …) and the header repeated for a second block are skipped, with the block's rows read", async () => {
    const text = [HEADER, "一、公办养老机构,,,", ROWS[0], "二、公建民营机构,,,", HEADER, ROWS[1], ""].join("\n");
    const {region, report} = await loadRegion(await goodWithFacilities("f.csv", text));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.totalsRows, f.errors]).toEqual([2, 2, 3, []]);
    expect(f.detections).toEqual(['2 section heading row(s) skipped, not read as data: line 2 "一、公办养老机构", line 4 "二、公建民营机构"', "the header repeated in 1 row(s), skipped: line 5"]);
    expect(region.facilities.map((x) => x.name)).toEqual(["福利中心", "金积镇中心"]);
  });

  it("a two-level header repeated on a second page (both rows) is skipped", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("设施");
    const parent = ["编号", "名称", "类型", "状态", "乡镇代码", "经度", "纬度", "床位数", "", "助餐座位"];
    const child = ["", "", "", "", "", "", "", "总数", "护理型", ""];
    const data = (r: string) => r.split(",").filter((_, i) => i !== 5).slice(0, 10).map((c) => (/^\d+(\.\d+)?$/.test(c) && c.length < 9 ? Number(c) : c));
    ws.addRows([parent, child, data(ROWS[0]), parent, child, data(ROWS[1])]);
    const {region, report} = await loadRegion(await goodWithFacilities("f.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()), {absent: ["area_m2", "social_workers"]}));
    expectAccounted(report);
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.errors]).toEqual([2, 2, []]);
    expect(f.detections).toEqual(["two-level header in rows 1–2: columns named parent/child (床位数/总数 → 床位数, 床位数/护理型 → 护理型床位数)", "the header repeated in 2 row(s), skipped: row 4, row 5"]);
    expect(region.facilities.map((x) => [x.beds, x.nursing_beds])).toEqual([[200, 120], [30, 30]]);
  });

  it("a declared header_row is honoured: no row above it is searched", async () => {
    const text = ["标题", HEADER, ...ROWS].join("\n") + "\n";
    const {report} = await loadRegion(await goodWithFacilities("f.csv", text, {header_row: 2}));
    const f = file(report, "facilities");
    expect([f.rowsRead, f.accepted, f.detections]).toEqual([2, 2, []]);
    expect(f.notes).toContain("1 row(s) before the header row 2 were skipped");
  });

  it("a facility whose name merely contains 合计 is a facility", async () => {
    const text = [HEADER, ROWS[0].replace("福利中心", "合计村互助院（合计村）"), ROWS[1]].join("\n") + "\n";
    const {region, report} = await loadRegion(await goodWithFacilities("f.csv", text));
    expect([file(report, "facilities").totalsRows, region.facilities.length]).toEqual([0, 2]);
  });
});

describe("office helpers", () => {
  it("sniffBytes tells zip, OLE2, UTF-16 and text apart", () => {
    expect(sniffBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe("zip");
    expect(sniffBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe("ole2");
    expect(sniffBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toBe("utf16");
    expect(sniffBytes(new TextEncoder().encode("\uFEFF\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><table>"))).toBe("markup");
    expect(sniffBytes(new TextEncoder().encode('<?xml version="1.0"?><Workbook>'))).toBe("markup");
    expect(sniffBytes(new TextEncoder().encode("名称,床位数"))).toBe("text");
    expect(sniffBytes(new Uint8Array())).toBe("empty");
  });

  it("the delimiter is counted outside quotes, over records, not lines (fast-check counterexample: a one-column file of quoted ;;)", async () => {
    expect(records('a,"b,c"\r\nd\n"x\ny",z')).toEqual(["a,", "d", ",z"]);
    const {readAll, tempFile} = await import("./helpers.ts");
    const one = await readAll(await tempFile("one.csv", 'c0\n";;"\n";a;"\n'));
    expect([one.table.delimiter, one.rows.map((r) => r.cells)]).toEqual([",", [[";;"], [";a;"]]]);
    const titled = await readAll(await tempFile("t.csv", "某县养老设施统计表\n名称\t床位数\t类型\n福利院\t120\t敬老院\n"));
    expect(titled.table.delimiter).toBe("\t");
  });

  it("levelName resolves parent/child headers", () => {
    expect(levelName("facilities", "床位数", "护理型")).toEqual({display: "床位数/护理型", key: "护理型床位数"});
    expect(levelName("facilities", "床位数", "小计")).toEqual({display: "床位数/小计", key: "床位数"});
    expect(levelName("villages", "老年人口", "60岁以上")).toEqual({display: "老年人口/60岁以上", key: "60岁以上"});
    expect(levelName("facilities", "名称", "名称")).toEqual({display: "名称", key: "名称"});
    // a personal parent keeps the column personal, whatever the child says
    expect(levelName("facilities", "负责人", "电话").key).toBe("负责人/电话");
    expect(levelName("facilities", "联系人", "名称").key).toBe("联系人/名称");
    expect(twoLevel("facilities", ["床位数", "", "名称"], ["总数", "护理型", ""]).map((x) => x.key)).toEqual(["床位数", "护理型床位数", "名称"]);
  });

  it("bestHeader needs two mapped fields and prefers the row with the required columns", () => {
    const model = {kind: "facilities" as const, required: ["name", "type", "lng", "lat"]};
    expect(bestHeader(model, [["某某表"], ["说明"]], false)).toBeUndefined();
    expect(bestHeader(model, [["名称", "备注"], ["名称", "类型", "经度", "纬度"]], false)?.at).toBe(1);
  });

  it("totalsLabel recognises totals rows, not names that contain the word", () => {
    for (const cells of [["合计"], ["", "合 计"], ["总计："], ["金山区小计"], ["全区合计", "12"]]) expect(totalsLabel(cells), cells.join("|")).toBeDefined();
    for (const cells of [["合计村互助院（合计村）"], ["小计划养老院"], ["福利院", "120"], ["某某街道社区养老服务中心合计划"]]) expect(totalsLabel(cells), cells.join("|")).toBeUndefined();
    expect(totalsLabel(["合计（共15处）", "", "230"])).toBe("合计（共15处）");
  });

  it("sectionLabel recognises numbered headings alone in a row", () => {
    expect(sectionLabel(["一、公办养老机构", "", ""])).toBe("一、公办养老机构");
    expect(sectionLabel(["（二）农村", ""])).toBe("（二）农村");
    expect(sectionLabel(["3、民办机构"])).toBe("3、民办机构");
    expect(sectionLabel(["一、公办养老机构", "F001"])).toBeUndefined();
    expect(sectionLabel(["福利院"])).toBeUndefined();
  });

  it("noteLabel recognises footnote and signature lines of one or two cells, and returns the label only", () => {
    expect(noteLabel(["注：床位数含护理型床位", "", ""])).toBe("注");
    expect(noteLabel(["填表人：王建国", "联系电话：13912345678"])).toBe("填表人");
    expect(noteLabel(["说明 2、坐标为高德坐标"])).toBe("说明");
    // a facility row, or a note cell among many values, is data
    expect(noteLabel(["备注：新建", "金积镇中心", "综合养老服务中心"])).toBeUndefined();
    expect(noteLabel(["注册养老院", "敬老院"])).toBeUndefined();
  });
});
