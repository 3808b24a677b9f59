import {mkdtemp, readFile, readdir} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {main} from "../../loaders/cli.ts";
import {distance} from "../../src/lib/engine/geo.ts";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode, formatReport, writeRejects, type FileReport, type LoadReport} from "../../loaders/report.ts";
import {fileReport as file, expectAccounted} from "./helpers.ts";

const FIX = "test/fixtures/loaders";
/** Loads with the default indicator list: the engine's INDICATORS registry. */
const load = (name: string) => loadRegion(join(FIX, name));


/**
 * A copy of the good fixture in a temporary folder; `files` replaces or adds files (path → content, relative to the
 * folder) and `manifest` edits the parsed region.json.
 */
async function goodWith(files: Record<string, string | Uint8Array> = {}, manifest?: (m: {files: Record<string, Record<string, unknown> | undefined>; [k: string]: unknown}) => void): Promise<string> {
  const {cp, writeFile, mkdir} = await import("node:fs/promises");
  const {dirname} = await import("node:path");
  const dir = await mkdtemp(join(tmpdir(), "cc-good-"));
  await cp(join(FIX, "good"), dir, {recursive: true});
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), {recursive: true});
    await writeFile(join(dir, path), content);
  }
  if (manifest) {
    const m = JSON.parse(await readFile(join(dir, "region.json"), "utf8"));
    manifest(m);
    await writeFile(join(dir, "region.json"), JSON.stringify(m));
  }
  return dir;
}

/** The good fixture's text of a file. */
const goodText = (path: string) => readFile(join(FIX, "good", path), "utf8");

/** Every file: read = accepted + rejected, and the records hold exactly the accepted rows. */

describe("good fixture", () => {
  it("loads every row of every file with no reject, error or warning", async () => {
    const {region, report} = await load("good");
    expectAccounted(report);
    expect(report.errors).toEqual([]);
    expect(report.files.map((f) => [f.file, f.rowsRead, f.accepted, f.rejected.length, f.errors.length, f.warnings.length])).toEqual([
      ["counties", 1, 1, 0, 0, 0],
      ["county_boundaries", 1, 1, 0, 0, 0],
      ["township_boundaries", 3, 3, 0, 0, 0],
      ["villages", 6, 6, 0, 0, 0],
      ["facilities", 5, 5, 0, 0, 0],
      ["candidates", 1, 1, 0, 0, 0],
      ["targets", 2, 2, 0, 0, 0],
      ["projects", 1, 1, 0, 0, 0]
    ]);
    expect(exitCode(report)).toBe(0);
    expect(region.townships.map((t) => [t.code, t.settlement])).toEqual([["640302001", "urban"], ["640302100", "rural"], ["640302200", "pastoral"]]);
    expect(region.villages.map((v) => v.kind)).toEqual(["community", "community", "village", "village", "village", "village"]);
    expect(region.facilities.map((f) => [f.id, f.type, f.tier, f.status, f.operator])).toEqual([
      ["F001", "county_institution", "county", "operating", "public"],
      ["F002", "township_centre", "township", "operating", "public_private"],
      ["F003", "community_station", "community", "construction", "unknown"],
      ["F004", "mutual_aid", "community", "planned", "collective"],
      ["F005", "canteen", "meal", "operating", "private"]
    ]);
    expect(region.targets[1]).toMatchObject({scope_code: "*", comparator: ">=", threshold: 40, deadline: "2025-12-31"});
    expect(region.projects[0]).toMatchObject({status: "in_progress", budget_yuan: 500000, modelled: ["done_qty", "spent_yuan"]});
    expect(region.candidates[0].kind).toBe("school");
    expect(region.counties[0].area_km2).toBeGreaterThan(500);
    expect(region.townshipBoundaries.features).toHaveLength(3);
    expect(region.meta).toMatchObject({id: "good", data_date: "2024-12-31", provenance: {note: "test fixture; every value invented"}});
    expect(region.config.radii.community_station?.pastoral).toBe(10000);
  });

  it("rejects target indicators not in the given list", async () => {
    const strict = await loadRegion(join(FIX, "good"), {indicators: ["beds_per_1000_60"]});
    expect(file(strict.report, "targets").rejected[0].message).toBe('targets.csv line 2: indicator: unknown indicator "township_centre_share": expected a code or the name shown on the pages, one of beds_per_1000_60 (每千名60岁以上老人养老床位数)');
    expectAccounted(strict.report);
  });
});

/** Each bad fixture: the file, its rows read / rejected, and the exact first message of its first reject. */
const BAD: ReadonlyArray<[fixture: string, kind: FileReport["file"], read: number, rejected: number, message: string]> = [
  ["bad-duplicates", "facilities", 4, 1, 'facilities.csv line 4: id: duplicate id "F002": already used at line 3'],
  ["bad-township-code", "facilities", 2, 1, 'facilities.csv line 3: 乡镇代码 (township_code): expected a 9-digit code, found "64030210" (8 digits)'],
  ["bad-village-code", "villages", 3, 2, 'villages.csv line 3: 村社区代码 (village_code): expected a 12-digit code, found "64030210020" (11 digits)'],
  ["bad-negative-beds", "facilities", 2, 1, 'facilities.csv line 3: 床位数 (beds): expected a whole number ≥ 0, found "-5"'],
  ["bad-nonnumeric-beds", "facilities", 2, 1, 'facilities.csv line 3: 床位数 (beds): expected a whole number ≥ 0, found "十二张"'],
  ["bad-facility-type", "facilities", 2, 1, 'facilities.csv line 3: type: unknown facility type "养殖场": expected a facility type (县级养老机构/敬老院/乡镇综合养老服务中心/社区养老服务站/日间照料中心/农村互助幸福院/长者食堂/助餐点 or a synonym)'],
  ["bad-swapped", "facilities", 2, 1, "facilities.csv line 3: 经度 (lng): lng and lat look swapped: lng 38 is a latitude and lat 106.15 a longitude; swap the two columns"],
  ["bad-outside", "facilities", 2, 1, "facilities.csv line 3: lng: point 116.400000, 39.900000 (WGS84) lies outside every county boundary of the region"],
  ["bad-share-threshold", "targets", 4, 2, "targets.csv line 2: 阈值 (threshold): a share is written 0–1: 90 % is 0.9"],
  ["bad-shifted-row", "facilities", 2, 1, "facilities.csv line 3: the row has 17 cells but the header has 16 columns (an unquoted comma inside a value?)"]
];

describe("bad-input fixtures", () => {
  for (const [fixture, kind, read, rejected, message] of BAD) {
    it(`${fixture}: rejects with the expected message and loses no row`, async () => {
      const {region, report} = await load(fixture);
      expectAccounted(report);
      const f = file(report, kind);
      expect([f.rowsRead, f.rejected.length]).toEqual([read, rejected]);
      expect(f.rejected[0].message).toBe(message);
      const records = kind === "villages" ? region.villages : kind === "targets" ? region.targets : region.facilities;
      expect(records).toHaveLength(read - rejected);
      expect(exitCode(report)).toBe(1);
      expect(exitCode(report, {allowRejects: true})).toBe(0);
    });
  }

  it("bad-share-threshold: a percentage sign is read the same way; fractions and non-share thresholds load", async () => {
    const {region, report} = await load("bad-share-threshold");
    expect(file(report, "targets").rejected[1].message).toBe("targets.csv line 3: 阈值 (threshold): a share is written 0–1: 60 % is 0.6");
    expect(region.targets.map((t) => [t.id, t.threshold])).toEqual([["T3", 0.6], ["T4", 40]]);
  });

  it("bad-village-code: a code not starting with its township code is rejected too", async () => {
    const {report} = await load("bad-village-code");
    expect(file(report, "villages").rejected[1].message).toBe("villages.csv line 4: 村社区代码 (village_code): village code 640302200203 does not start with its township code 640302100");
  });

  it("bad-duplicates: the first of two rows with one id is kept, the second rejected", async () => {
    const {region} = await load("bad-duplicates");
    expect(region.facilities.map((f) => f.id)).toEqual(["F001", "F002", "F005"]);
  });

  it("bad-personal: personal columns are dropped and listed, and their values appear nowhere", async () => {
    const {region, report} = await load("bad-personal");
    const f = file(report, "villages");
    expect(f.droppedColumns).toEqual([
      {column: "姓名", reason: "personal"},
      {column: "身份证号", reason: "personal"},
      {column: "联系电话", reason: "personal"},
      {column: "家庭住址", reason: "personal"}
    ]);
    expect([f.rowsRead, f.accepted]).toEqual([1, 1]);
    const everything = JSON.stringify(region) + JSON.stringify(report);
    for (const secret of ["张三", "640302196001011234", "13912345678", "胜利街3号"]) expect(everything).not.toContain(secret);
    expect(formatReport(report)).toContain("dropped columns: 姓名 (personal), 身份证号 (personal), 联系电话 (personal), 家庭住址 (personal)");
  });
});

describe("personal data named inside brackets", () => {
  it("bad-personal-brackets: 编号(身份证号) and 备注（联系人及电话） are dropped, not mapped to id and note, and their values appear nowhere", async () => {
    const {region, report} = await load("bad-personal-brackets");
    expectAccounted(report);
    const f = file(report, "facilities");
    const t = file(report, "targets");
    expect(f.droppedColumns).toEqual([{column: "编号(身份证号)", reason: "personal"}]);
    expect(t.droppedColumns).toEqual([{column: "备注（联系人及电话）", reason: "personal"}]);
    expect(f.notes).toContain("no id column: ids generated from the line number (F-<n>)");
    expect(region.facilities.map((x) => x.id)).toEqual(["F-2", "F-3"]);
    expect(region.targets.map((x) => [x.id, x.note])).toEqual([["T1", undefined]]);
    const everything = JSON.stringify(region) + JSON.stringify(report);
    for (const secret of ["330102195001011234", "330102195202022345", "王建国", "13912345678"]) expect(everything).not.toContain(secret);
    expect(formatReport(report)).toContain("dropped columns: 备注（联系人及电话） (personal)");
  });

  it("a required column dropped for its bracketed text is a file error that says why", async () => {
    const text = (await goodText("villages.csv")).replace("村社区代码,名称,", "村社区代码,名称(户主姓名),");
    const {report} = await loadRegion(await goodWith({"villages.csv": text}));
    expect(file(report, "villages").errors).toEqual(['missing required column(s): name; every row is rejected ("名称(户主姓名)" would be name, but its header names personal data, so it was dropped)']);
  });
});

describe("units in header brackets", () => {
  it("good-units: 亩, 千人, 千元 and 亿元 are converted to the field's own unit", async () => {
    const {region, report} = await load("good-units");
    expectAccounted(report);
    expect(report.files.flatMap((f) => [...f.errors, ...f.rejected.map((r) => r.message)])).toEqual([]);
    expect(region.counties[0].area_km2).toBe(700);
    expect(region.villages[0]).toMatchObject({pop60: 1200, pop65: 800});
    expect(region.projects[0]).toMatchObject({planned_qty: 1, budget_yuan: 500_000, spent_yuan: 100_000});
  });

  it("bad-unit: a unit the loader cannot convert is a file error naming the column and the units accepted; non-empty cells are rejected", async () => {
    const {region, report} = await load("bad-unit");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect(f.errors).toEqual(['column "建筑面积（平方英尺）" (area_m2): unit "平方英尺" is not one the loader can convert (accepted: m2, 平方米, 平米, 万平方米, 亩, 公顷, ha, km2, 平方公里, 平方千米); its non-empty cells are rejected']);
    expect(f.rejected.map((r) => r.message)).toEqual(['facilities.csv line 2: 建筑面积（平方英尺） (area_m2): header unit "平方英尺" is not one the loader can convert (accepted: m2, 平方米, 平米, 万平方米, 亩, 公顷, ha, km2, 平方公里, 平方千米)']);
    expect(region.facilities.map((x) => [x.id, x.area_m2])).toEqual([["F002", 0]]);
    expect(exitCode(report, {allowRejects: true})).toBe(1);
  });
});

describe("xlsx facilities", () => {
  it("a facility whose beds are a formula with no saved value is rejected with the advice to save the file, not read as 0 beds", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const [header, ...rows] = (await goodText("facilities.csv")).trimEnd().split("\n").map((l) => l.split(","));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("设施");
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    ws.getCell("I3").value = {formula: "J3+10"} as never;
    const dir = await goodWith({"facilities.xlsx": new Uint8Array(await wb.xlsx.writeBuffer())}, (m) => (m.files.facilities!.path = "facilities.xlsx"));
    const {region, report} = await loadRegion(dir);
    const f = file(report, "facilities");
    expect(f.rejected.map((r) => r.message)).toEqual(["facilities.xlsx row 3: beds: formula =J3+10 has no saved value: open and save the file in Excel or WPS"]);
    expect(region.facilities.map((x) => x.id)).toEqual(["F001", "F003", "F004", "F005"]);
  });
});

describe("required files without rows", () => {
  it("a villages or facilities file with only a header, or a boundary file with no feature, is a file error", async () => {
    const header = async (path: string) => (await goodText(path)).split("\n")[0] + "\n";
    const {report} = await loadRegion(await goodWith({"villages.csv": await header("villages.csv"), "facilities.csv": (await header("facilities.csv")) + ",,,\n"}));
    expect(file(report, "villages").errors).toEqual(["no data rows: the file has only a header; a required file must hold at least one row"]);
    expect(file(report, "facilities").errors).toEqual(["no data rows: the file has only a header and 1 blank row(s); a required file must hold at least one row"]);
    const empty = await loadRegion(await goodWith({"boundaries/townships.geojson": JSON.stringify({type: "FeatureCollection", features: []})}));
    expect(file(empty.report, "township_boundaries").errors).toEqual(["no features: a required file must hold at least one"]);
    // an optional-content file may be empty
    const noTargets = await loadRegion(await goodWith({"targets.csv": await header("targets.csv")}));
    expect(file(noTargets.report, "targets").errors).toEqual([]);
  });
});

describe("invisible characters", () => {
  it("a zero-width space in a code and a BOM in a number are removed with a warning naming the character; the row loads", async () => {
    const text = (await goodText("villages.csv")).replace("640302001001,", "640302001001\u200B,").replace(",900,", ",900\uFEFF,");
    const {region, report} = await loadRegion(await goodWith({"villages.csv": text}));
    const v = file(report, "villages");
    expect(v.rejected).toEqual([]);
    expect(v.warnings.map((w) => w.message)).toEqual([
      'villages.csv line 2: 村社区代码 (village_code): invisible character U+200B (zero-width space) removed from "640302001001"',
      'villages.csv line 3: 60岁以上 (pop60): invisible character U+FEFF (byte order mark / zero-width no-break space) removed from "900"'
    ]);
    expect(region.villages.map((x) => x.code)).toContain("640302001001");
    expect(region.villages[1].pop60).toBe(900);
  });
});

describe("rows depending on a rejected row", () => {
  it("say the township's boundary feature, the county's row or the facility's row was rejected, and where", async () => {
    const gj = JSON.parse(await goodText("boundaries/townships.geojson")) as {features: {geometry: {coordinates: unknown[][][]}}[]};
    gj.features[1].geometry.coordinates[0][1] = [null, null];
    const facilities = (await goodText("facilities.csv")).replace(",30,30,60,1000,", ",30,31,60,1000,");
    const {report} = await loadRegion(await goodWith({"boundaries/townships.geojson": JSON.stringify(gj), "facilities.csv": facilities}));
    expect(file(report, "villages").rejected[0].message).toBe('villages.csv line 4: 村社区代码 (village_code): unknown township "640302100": its boundary feature was rejected (boundaries/townships.geojson feature 2)');
    expect(file(report, "projects").rejected[0].message).toBe('projects.csv line 2: facility_id: unknown facility "F002": its row in the facilities file was rejected (facilities.csv line 3)');
    const counties = (await goodText("counties.csv")).replace(",400000,", ",400,000,");
    const c = await loadRegion(await goodWith({"counties.csv": counties}));
    expect(file(c.report, "county_boundaries").rejected[0].message).toBe('boundaries/counties.geojson feature 1: county_code: unknown county "640302": its row in the counties file was rejected (counties.csv line 2)');
    expect(file(c.report, "township_boundaries").rejected[0].message).toBe('boundaries/townships.geojson feature 1: 乡镇代码 (township_code): township "640302001" belongs to county 640302: its row in the counties file was rejected (counties.csv line 2)');
    expect(file(c.report, "targets").rejected[0].message).toBe('targets.csv line 2: scope_code: unknown county "640302": expected "*" or a county code of the region (its row in the counties file was rejected: counties.csv line 2)');
  });
});

describe("optional files", () => {
  it("a missing file marked optional is a note and an empty list; a missing file not so marked is still an error", async () => {
    const {rm} = await import("node:fs/promises");
    const dir = await goodWith();
    await rm(join(dir, "candidates.csv"));
    const {region, report} = await loadRegion(dir);
    const c = file(report, "candidates");
    expect([c.errors, c.notes, c.rowsRead]).toEqual([[], ['optional file not found: no candidates loaded ("optional": true in region.json)'], 0]);
    expect(region.candidates).toEqual([]);
    expect(exitCode(report)).toBe(0);
    await rm(join(dir, "targets.csv"));
    const again = await loadRegion(dir);
    expect(file(again.report, "targets").errors).toEqual([`file not found: ${join(dir, "targets.csv")}`]);
    expect(exitCode(again.report)).toBe(1);
  });
});

describe("row width", () => {
  it("an Excel export whose header ends in empty columns keeps rows of that width", async () => {
    const text = (await goodText("facilities.csv")).trimEnd().split("\n").map((l) => `${l},,`).join("\r\n") + "\r\n";
    const {region, report} = await loadRegion(await goodWith({"facilities.csv": text}));
    expect(file(report, "facilities").rejected).toEqual([]);
    expect(region.facilities).toHaveLength(5);
  });
});

describe("personal values in mapped cells", () => {
  it("bad-personal-shifted: misaligned rows carry no values; phone and ID numbers reject their row, masked, and appear nowhere whole", async () => {
    const {region, report} = await load("bad-personal-shifted");
    expectAccounted(report);
    const f = file(report, "facilities");
    expect(f.rejected.map((r) => [r.row, r.field, r.found, r.message, r.values])).toEqual([
      [3, "(row)", "19 cells", "facilities.csv line 3: the row has 19 cells but the header has 18 columns (an unquoted comma inside a value?)", {}],
      [
        4,
        "(row)",
        "17 cells",
        'facilities.csv line 4: the row has 17 cells but the header has 18 columns (a lost separator?): with the personal column "负责人", "联系电话" in the file its cells cannot be matched to columns, so none is read',
        {}
      ],
      [5, "name", "330************234", "facilities.csv line 5: name: looks like an ID number (330************234): personal data must not be in this file; remove it from the source file", expect.objectContaining({id: "F005", name: "扁担沟长者食堂（户主330************234）"})]
    ]);
    const t = file(report, "targets");
    expect(t.rejected.map((r) => r.message)).toEqual(["targets.csv line 2: note: looks like a phone number (139****5678): personal data must not be in this file; remove it from the source file"]);
    expect(region.facilities.map((x) => x.id)).toEqual(["F001"]);
    expect(region.targets.map((x) => x.id)).toEqual(["T2"]);
    const dir = await mkdtemp(join(tmpdir(), "rejects-"));
    const written = await Promise.all((await writeRejects(report, dir)).map((p) => readFile(p, "utf8")));
    const everything = JSON.stringify(region) + JSON.stringify(report) + formatReport(report) + written.join("");
    for (const secret of ["13912345671", "13912345672", "13912345674", "张二", "张四", "330102195001011234", "13912345678", "王建国 1391"]) expect(everything).not.toContain(secret);
  });
});

describe("GBK CSV with Chinese headers and GCJ-02 coordinates", () => {
  it("detects GB18030, converts to WGS84 and lands within 1 m of the truth", async () => {
    const {region, report} = await load("gbk-gcj02");
    const f = file(report, "facilities");
    expect([f.encoding, f.encodingSource, f.crs, f.converted]).toEqual(["gb18030", "detected", "GCJ-02", 3]);
    expect(f.droppedColumns).toEqual([{column: "联系电话", reason: "personal"}]);
    const truth = JSON.parse(await readFile(join(FIX, "gbk-gcj02/truth.json"), "utf8")) as {id: string; name: string; lng: number; lat: number}[];
    expect(region.facilities.map((x) => x.name)).toEqual(truth.map((t) => t.name));
    for (const t of truth) {
      const got = region.facilities.find((x) => x.id === t.id)!;
      expect(distance([got.lng, got.lat], [t.lng, t.lat])).toBeLessThan(1);
    }
    expect(exitCode(report)).toBe(0);
  });
});

describe("rejects file and CLI", () => {
  it("writeRejects writes a BOM CSV with the row, reasons and raw values", async () => {
    const {report} = await load("bad-negative-beds");
    const dir = await mkdtemp(join(tmpdir(), "rejects-"));
    const paths = await writeRejects(report, dir);
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(["facilities.rejects.csv"]);
    const text = await readFile(paths[0], "utf8");
    expect(text.startsWith("\uFEFFrow,field,expected,found,message,id,name,")).toBe(true);
    expect(text).toContain('\r\n3,beds,a whole number ≥ 0,-5,"facilities.csv line 3: 床位数 (beds): expected a whole number ≥ 0, found ""-5""",F010,负床位院,敬老院,');
  });

  it("the CLI exits 1 on rejects, 0 with --allow-rejects, 0 on a clean region", async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => out.push(s) > 0) as typeof process.stderr.write;
    try {
      expect(await main([join(FIX, "bad-swapped")])).toBe(1);
      expect(await main([join(FIX, "bad-swapped"), "--allow-rejects"])).toBe(0);
      expect(await main([join(FIX, "bad-personal")])).toBe(0);
      expect(await main([join(FIX, "no-such-region")])).toBe(1);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    const text = out.join("");
    expect(text).toContain("data check failed: 1 rejected row(s) fail the check: fix them, or pass --allow-rejects to load without them\n");
    expect(text).toContain("data check failed: 1 error(s) in region.json or a file: fix them and run the check again\n");
    expect(text.match(/--allow-rejects/g)).toHaveLength(1);
    expect(text).toContain("REJECT facilities.csv line 3: 经度 (lng): lng and lat look swapped");
    expect(text).toContain("rows read 2 = accepted 1 + rejected 1");
    expect(text).toContain("ERROR region.json: not found");
  });

  it("fixture folders hold only what the builder writes", async () => {
    expect((await readdir(join(FIX, "bad-personal"))).sort()).toEqual(["region.json", "villages.csv"]);
  });
});

describe("personal column headers", () => {
  it("recognises run-together English headers and household words as personal", async () => {
    const {personalColumn} = await import("../../loaders/aliases.ts");
    for (const h of ["phonenumber", "ContactPhone", "homeaddress", "idnumber", "id_no", "passport", "户主", "户籍地"]) expect(personalColumn("villages", h), h).toBe("personal");
    for (const h of ["name", "beds", "township_code", "类型", "备注", "total"]) expect(personalColumn("villages", h), h).toBeUndefined();
    expect(personalColumn("facilities", "地址")).toBe("not needed");
  });
});

describe("optional links and columns", () => {
  it("keeps a station with an unknown linked centre (link cleared, warning with row); missing figure columns are a file error naming them, and the figures are absent, not 0", async () => {
    const {mkdtemp, cp, readFile, writeFile} = await import("node:fs/promises");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "cc-links-"));
    await cp("test/fixtures/loaders/good", dir, {recursive: true});
    const manifest = JSON.parse(await readFile(join(dir, "region.json"), "utf-8"));
    const facPath = join(dir, manifest.files.facilities.path);
    const lines = (await readFile(facPath, "utf-8")).replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/);
    const header = lines[0].split(",");
    const at = (name: string) => header.findIndex((h) => h.trim() === name);
    expect(at("linked_centre") >= 0 || at("所属中心") >= 0).toBe(true);
    const link = at("linked_centre") >= 0 ? at("linked_centre") : at("所属中心");
    const cells = lines[1].split(",");
    cells[link] = "NO-SUCH-CENTRE";
    lines[1] = cells.join(",");
    // drop the beds and nursing-beds columns entirely
    const drop = new Set(header.flatMap((h, i) => (["beds", "nursing_beds"].includes(h.trim()) ? [i] : [])));
    expect(drop.size).toBe(2);
    await writeFile(facPath, lines.map((l) => l.split(",").filter((_, i) => !drop.has(i)).join(",")).join("\n") + "\n");
    const {region, report} = await loadRegion(dir);
    const f = report.files.find((x) => x.file === "facilities")!;
    expect(f.rejected).toEqual([]);
    expect(region.facilities.length).toBe(lines.length - 1);
    expect(f.warnings.some((w) => w.row === 2 && w.field === "linked_centre" && /NO-SUCH-CENTRE/.test(w.message))).toBe(true);
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]).toMatch(/^no column for beds \(床位数\), nursing_beds \(护理型床位\): a figure that is not found is not read as 0\. Name the column \(header line 1: "id", "name", /);
    expect(f.errors[0]).toContain('declare it in region.json: "absent": ["beds", "nursing_beds"] (shown as 未提供 on the pages)');
    expect(exitCode(report, {allowRejects: true})).toBe(1);
    expect(region.meta.absent).toEqual({facilities: ["beds", "nursing_beds"]});
  });
});

describe("malformed GeoJSON geometry", () => {
  /** Copy the good fixture and let `edit` rewrite its parsed manifest and files. */
  async function goodCopy(): Promise<string> {
    const {cp} = await import("node:fs/promises");
    const dir = await mkdtemp(join(tmpdir(), "cc-geom-"));
    await cp(join(FIX, "good"), dir, {recursive: true});
    return dir;
  }

  it("a township boundary whose geometry has no or non-array coordinates is rejected with its row, not a crash", async () => {
    const {writeFile} = await import("node:fs/promises");
    const dir = await goodCopy();
    const path = join(dir, "boundaries/townships.geojson");
    const gj = JSON.parse(await readFile(path, "utf-8")) as {features: {geometry: unknown}[]};
    expect(gj.features.length).toBe(3);
    gj.features[1].geometry = {type: "MultiPolygon"};
    gj.features[2].geometry = {type: "MultiPolygon", coordinates: "abc"};
    await writeFile(path, JSON.stringify(gj));
    const {report} = await loadRegion(dir);
    expectAccounted(report);
    const f = file(report, "township_boundaries");
    expect(f.rejected.map((r) => [r.row, r.field, r.expected])).toEqual([
      [2, "geometry", "coordinates: an array of polygons"],
      [3, "geometry", "coordinates: an array of polygons"]
    ]);
    expect(f.rejected[0].message).toMatch(/^boundaries\/townships\.geojson feature 2: /);
  });

  /** The good fixture with township feature 2 (金积镇, x 106.1–106.2) given `geometry`. */
  async function townshipGeometry(geometry: unknown): Promise<LoadReport> {
    const {writeFile} = await import("node:fs/promises");
    const dir = await goodCopy();
    const path = join(dir, "boundaries/townships.geojson");
    const gj = JSON.parse(await readFile(path, "utf-8")) as {features: {geometry: unknown}[]};
    gj.features[1].geometry = geometry;
    await writeFile(path, JSON.stringify(gj));
    return (await loadRegion(dir)).report;
  }
  const sq = [[106.1, 37.9], [106.2, 37.9], [106.2, 38.1], [106.1, 38.1], [106.1, 37.9]];

  it.each([
    ["an unclosed ring", {type: "Polygon", coordinates: [sq.slice(0, 4).concat([[106.1, 38.0]])]}, "ring 1 is not closed: it starts at [106.1,37.9] and ends at [106.1,38]; repeat the first position at the end"],
    ["a [null, null] vertex", {type: "Polygon", coordinates: [[sq[0], [null, null], ...sq.slice(2)]]}, "ring 1, position 2: expected [lng, lat] as two numbers, found [null,null]"],
    ["string coordinates", {type: "Polygon", coordinates: [sq.map(([x, y]) => [String(x), String(y)])]}, 'ring 1, position 1: expected [lng, lat] as two numbers, found ["106.1","37.9"]'],
    ["a MultiPolygon with an empty part", {type: "MultiPolygon", coordinates: [[], [sq]]}, "part 1 of the MultiPolygon is empty: remove it or give it a ring"],
    ["a ring of 3 positions", {type: "Polygon", coordinates: [[sq[0], sq[1], sq[0]]]}, "ring 1 has 3 positions: a ring needs at least 4 (three corners and the first again)"],
    ["a bow-tie ring", {type: "Polygon", coordinates: [[[106.1, 37.9], [106.2, 38.1], [106.2, 37.9], [106.1, 38.1], [106.1, 37.9]]]}, 'ring 1 crosses itself near 106.150000, 38.000000 (a bow-tie): the area cannot be computed; fix the boundary in a GIS (e.g. QGIS "Fix geometries")'],
    ["a lopsided bow-tie in part 2", {type: "MultiPolygon", coordinates: [[sq], [[[106.1, 37.9], [106.2, 38.05], [106.2, 37.9], [106.1, 38.1], [106.1, 37.9]]]]}, "part 2, ring 1 crosses itself near"],
    ["a ring with no area", {type: "Polygon", coordinates: [[[106.1, 37.9], [106.2, 37.9], [106.15, 37.9], [106.1, 37.9]]]}, "ring 1 encloses no area (its positions lie on one line)"]
  ])("a township boundary with %s is rejected naming the ring, not a build crash", async (_, geometry, message) => {
    const report = await townshipGeometry(geometry);
    expectAccounted(report);
    const f = file(report, "township_boundaries");
    expect(f.rejected.map((r) => [r.row, r.field])).toEqual([[2, "geometry"]]);
    expect(f.rejected[0].message.startsWith(`boundaries/townships.geojson feature 2: geometry: ${message}`)).toBe(true);
  });

  it("a ring repeating a vertex, a hole and a two-part MultiPolygon are accepted; members beside the coordinates are not kept", async () => {
    for (const geometry of [
      {type: "Polygon", coordinates: [[sq[0], ...sq]]},
      {type: "Polygon", coordinates: [sq, [[106.12, 37.95], [106.14, 37.95], [106.14, 37.97], [106.12, 37.97], [106.12, 37.95]]]},
      {type: "MultiPolygon", coordinates: [[sq.map(([x, y]) => [x, y === 38.1 ? 38.0 : y])], [sq.map(([x, y]) => [x, y === 37.9 ? 38.0 : y])]]}
    ]) expect(file(await townshipGeometry(geometry), "township_boundaries").rejected, JSON.stringify(geometry)).toEqual([]);
    const {writeFile} = await import("node:fs/promises");
    const dir = await goodCopy();
    const path = join(dir, "boundaries/townships.geojson");
    const gj = JSON.parse(await readFile(path, "utf-8")) as {features: {geometry: Record<string, unknown>}[]};
    gj.features[1].geometry.户主 = {姓名: "李四", 电话: "13800001111"};
    await writeFile(path, JSON.stringify(gj));
    const {region} = await loadRegion(dir);
    expect(region.townshipBoundaries.features[1].geometry).toEqual({type: "Polygon", coordinates: gj.features[1].geometry.coordinates});
    expect(JSON.stringify(region)).not.toContain("13800001111");
  });

  it("a candidate Point feature without coordinates is rejected for its missing lng, not a crash (fast-check counterexample)", async () => {
    const {writeFile} = await import("node:fs/promises");
    const dir = await goodCopy();
    const manifest = JSON.parse(await readFile(join(dir, "region.json"), "utf-8"));
    manifest.files.candidates.path = "candidates.geojson";
    await writeFile(join(dir, "region.json"), JSON.stringify(manifest));
    const point = (coordinates?: unknown) => ({type: "Feature", properties: {id: "C9", name: "旧校舍", kind: "闲置小学", township_code: "640302100"}, geometry: {type: "Point", coordinates}});
    const features = [point(), {...point("106.18,38.05"), properties: {...point().properties, id: "C10"}}, {...point([106.18, 38.05]), properties: {...point().properties, id: "C11"}}];
    await writeFile(join(dir, "candidates.geojson"), JSON.stringify({type: "FeatureCollection", features}));
    const {report} = await loadRegion(dir);
    expectAccounted(report);
    const f = file(report, "candidates");
    expect([f.rowsRead, f.accepted]).toEqual([3, 1]);
    expect(f.rejected.map((r) => [r.row, r.field])).toEqual([
      [1, "lng"],
      [2, "lng"]
    ]);
  });
});

describe("dates on the network (facilities: opened, closed, expected completion)", () => {
  it("reads the date columns under their Chinese names, refuses a closing before the opening, and keeps the rows without dates", async () => {
    const {mkdtemp, cp, readFile, writeFile} = await import("node:fs/promises");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "cc-dates-"));
    await cp("test/fixtures/loaders/good", dir, {recursive: true});
    const path = join(dir, "facilities.csv");
    const lines = (await readFile(path, "utf-8")).trimEnd().split(/\r?\n/);
    const dates: Record<string, string> = {F001: ",,", F002: "2023/12/31,2022-01-01,", F003: ",,2025年12月31日", F004: "2021-05-01,,"};
    const out = [`${lines[0]},开业日期,停业日期,预计建成日期`, ...lines.slice(1).map((l) => `${l},${dates[l.split(",")[0]] ?? ",,"}`)];
    await writeFile(path, out.join("\n") + "\n");
    const {region, report} = await loadRegion(dir);
    const f = report.files.find((x) => x.file === "facilities")!;
    expect(f.rejected.map((r) => [r.row, r.field])).toEqual([[3, "closed"]]);
    expect(f.rejected[0].message).toBe("facilities.csv line 3: 停业日期 (closed): closed 2022-01-01 is before opened 2023-12-31");
    const byId = new Map(region.facilities.map((x) => [x.id, x]));
    expect(byId.get("F001")).not.toHaveProperty("opened");
    expect(byId.get("F003")?.expected_completion).toBe("2025-12-31");
    expect(byId.get("F004")?.opened).toBe("2021-05-01");
  });
});

describe("projects: spent is optional", () => {
  it("an empty 已支出 cell and a file without the column read as 未提供 (null), never 0", async () => {
    const text = await goodText("projects.csv");
    const [header, ...rows] = text.trimEnd().split("\n");
    const cols = header.split(",");
    const at = cols.indexOf("spent_yuan");
    const emptied = [header, ...rows.map((r) => r.split(",").map((c, i) => (i === at ? "" : c)).join(","))].join("\n") + "\n";
    const {region: a, report: ra} = await loadRegion(await goodWith({"projects.csv": emptied}));
    expect(a.projects.length).toBeGreaterThan(0);
    expect(a.projects.every((p) => p.spent_yuan === null)).toBe(true);
    expect(file(ra, "projects").rejected).toEqual([]);
    const dropped = [header, ...rows].map((r) => r.split(",").filter((_, i) => i !== at).join(",")).join("\n") + "\n";
    const {region: b, report: rb} = await loadRegion(await goodWith({"projects.csv": dropped.replace(/,done_qty;spent_yuan$/m, ",done_qty")}));
    expect(b.projects.every((p) => p.spent_yuan === null)).toBe(true);
    expect(file(rb, "projects").notes).toContain("no spent_yuan column (已支出): spending and the cost risk are shown as 未提供, never 0");
    expect(file(rb, "projects").warnings.map((w) => w.message).join("\n")).not.toMatch(/spent_yuan: read as 0/);
  });
});
