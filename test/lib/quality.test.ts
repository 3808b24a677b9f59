// The data-quality page's reading of load reports, on the loader fixtures: bad deliveries are "bad" with the reason
// in Chinese, a clean region is "ok", warnings alone are "warn", and reject records never carry a personal column.
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {fileFacts, overallVerdict, reasonCounts, rejectReason, rejectRecords, verdict, warningKind, warningRecords, type QualityReport} from "../../src/lib/quality.ts";
import {explainSqlError} from "../../src/lib/sql.ts";

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
