// The data-quality page's reading of load reports, on the loader fixtures: bad deliveries are "bad" with the reason
// in Chinese, a clean region is "ok", warnings alone are "warn", and reject records never carry a personal column.
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {fileFacts, overallVerdict, reasonCounts, rejectReason, rejectRecords, verdict, warningKind, warningRecords, type QualityReport} from "../../src/lib/plan/quality.ts";
import {explainSqlError} from "../../src/lib/view/sql.ts";

const load = async (name: string) => (await loadRegion(`test/fixtures/loaders/${name}`)).report as unknown as QualityReport;

describe("quality verdicts", () => {
  it("a good region is ok everywhere", async () => {
    const report = await load("good");
    expect(overallVerdict(report)).toBe("ok");
    expect(report.files.map(verdict).every((v) => v === "ok")).toBe(true);
    expect(rejectRecords(report)).toEqual([]);
  });

  it.each([
    ["bad-duplicates", "编号重复"],
    ["bad-swapped", "经纬度颠倒"],
    ["bad-outside", "位置超出本区域"],
    ["bad-negative-beds", "床位数：值不合规"],
    ["bad-township-code", "乡镇代码：值不合规"],
    ["bad-shifted-row", "整行错位（列数与表头不符）"]
  ])("%s is bad, rejected for %s", async (name, reason) => {
    const report = await load(name);
    expect(overallVerdict(report)).toBe("bad");
    const facilities = report.files.find((f) => f.file === "facilities")!;
    expect(fileFacts(facilities).verdict).toBe("bad");
    expect(facilities.rejected.map(rejectReason)).toContain(reason);
    expect(reasonCounts(report)).toEqual([{文件: "养老设施表", 原因: reason, 行数: facilities.rejected.length}]);
    expect(rejectRecords(report)[0]).toMatchObject({文件: "养老设施表", 行号: facilities.rejected[0].row, 原因: reason});
  });

  it("reject records carry no personal column", async () => {
    const report = await load("bad-personal");
    const villages = report.files.find((f) => f.file === "villages")!;
    expect(fileFacts(villages).personalDropped).toBe(4);
    const keys = rejectRecords(report).flatMap((r) => Object.keys(r));
    expect(keys.filter((k) => /姓名|身份证|电话|住址/.test(k))).toEqual([]);
  });

  it("the hand-made region warns about the station outside its township, and drops the phone column", async () => {
    const report = (await loadRegion("test/fixtures/own-region")).report as unknown as QualityReport;
    expect(overallVerdict(report)).toBe("warn");
    const facilities = report.files.find((f) => f.file === "facilities")!;
    expect(facilities).toMatchObject({encoding: "gb18030", crs: "GCJ-02", converted: 7, rowsRead: 7, accepted: 7, unknownColumns: ["备注"]});
    expect(facilities.droppedColumns).toEqual([{column: "联系电话", reason: "personal"}]);
    expect(fileFacts(facilities).outsideTownship).toBe(1);
    expect(warningRecords(report).map((w) => w.类别)).toEqual(["点位不在所属乡镇内"]);
    expect(warningKind({message: "x is outside its own township y"})).toBe("点位不在所属乡镇内");
    expect(warningKind({message: 'x: invisible character U+200B (zero-width space) removed from "1"'})).toBe("已删除不可见字符");
    expect(rejectReason({field: "note", message: "targets.csv line 2: note: looks like a phone number (139****5678): personal data must not be in this file; remove it from the source file"})).toBe("含个人信息（电话或身份证号）");
    expect(rejectReason({field: "threshold", message: "targets.csv line 2: 阈值 (threshold): a share is written 0–1: 90 % is 0.9"})).toBe("比例应写成0–1的小数");
    expect(rejectReason({field: "village_code", message: 'villages.csv line 4: 村社区代码 (village_code): unknown township "640302100": its boundary feature was rejected (boundaries/townships.geojson feature 2)'})).toBe("所依赖的行已被拒绝");
  });
});

describe("explainSqlError", () => {
  it.each([
    ["Parser Error: syntax error at or near \"FORM\"", "SQL 语法错误"],
    ["Catalog Error: Table with name x does not exist!", "表或字段不存在"],
    ["Binder Error: Referenced column \"y\" not found", "字段无法识别"],
    ["Conversion Error: Could not convert string 'a' to INT32", "数据类型转换失败"],
    ["something else", "查询失败"]
  ])("%s → %s", (message, start) => expect(explainSqlError(message)).toContain(start));
});

describe("layout detections and plausibility in Chinese", () => {
  it("names each detection kind and the new reject and warning kinds", async () => {
    const {detectionKind, detectionRecords, rejectReason, warningKind} = await import("../../src/lib/plan/quality.ts");
    expect(detectionKind("facilities.csv is an .xlsx workbook saved under a .csv name (its bytes are a zip file): read as .xlsx")).toBe("文件实际格式与扩展名不符");
    expect(detectionKind('header found in line 4: 2 row(s) above it skipped (line 1 "金山区养老设施名录（2024年）")')).toBe("表头不在第一行（跳过标题行）");
    expect(detectionKind("two-level header in rows 2–3: columns named parent/child (床位数/其中：护理型 → 护理型床位数)")).toBe("两级表头（合并单元格）");
    expect(detectionKind('1 totals row(s) skipped, not read as data: line 10 "合计"')).toBe("合计/小计行已跳过");
    expect(detectionKind('2 note row(s) skipped, not read as data: line 6 "注：…", line 7 "填表人：…"')).toBe("表注、填表人行已跳过");
    expect(detectionKind('2 section heading row(s) skipped, not read as data: line 2 "一、公办养老机构"')).toBe("分类标题行已跳过");
    expect(detectionKind("the header repeated in 2 row(s), skipped: row 4, row 5")).toBe("重复的表头行已跳过");
    expect(detectionKind('sheet "填表说明" has no header with the columns name, type, lng, lat; read sheet "设施", which has')).toBe("数据所在工作表");
    const report = {errors: [], warnings: [], files: [{file: "facilities", path: "f.csv", converted: 0, rowsRead: 1, accepted: 1, rejected: [], warnings: [], droppedColumns: [], unknownColumns: [], blankRows: 0, errors: [], notes: [], detections: ['1 totals row(s) skipped, not read as data: line 10 "合计"']}]};
    expect(detectionRecords(report)).toEqual([{文件: "养老设施表", 识别: "合计/小计行已跳过", 说明: '1 totals row(s) skipped, not read as data: line 10 "合计"'}]);
    expect(rejectReason({field: "beds", message: "f.csv line 3: 床位数 (beds): 99 999 999 beds in one facility is not plausible: expected at most 5 000 (…)"})).toBe("数值超出合理范围");
    expect(rejectReason({field: "meal_seats", message: 'f.csv line 4: 助餐座位 (meal_seats): "1E+03" is written in scientific notation: …'})).toBe("数值为科学记数法");
    expect(rejectReason({field: "lng", message: "f.csv line 5: 经度 (lng): point 2.35, 48.85 is outside China (…)"})).toBe("位置在中国境外");
    expect(warningKind({message: "f.csv line 6: 床位数 (beds): 1 500 beds in one facility is unusually many (more than 1 000; …): please check"})).toBe("数值偏大，请核对");
    expect(warningKind({message: 'f.csv: column nursing_beds (护理型床位) is empty in all 2 rows: read as 0 in every row; if the file does not have this figure, declare it in region.json ("absent": ["nursing_beds"]) so that it shows as 未提供'})).toBe("整列为空（按0计）");
    expect(warningKind({message: "f.csv line 6: 建筑面积 (area_m2): 3 000 m² for 1500 beds is 2.0 m² a bed, below 5 m² (…)"})).toBe("床均面积异常");
  });
});
