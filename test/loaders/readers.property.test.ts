/**
 * Property tests: random and mutated inputs to every reader (CSV, xlsx, GeoJSON). Well-formed inputs must come
 * back row for row with the right row numbers; broken ones must never crash or hang, and loadRegion must account
 * for every row (read = accepted + rejected).
 */
import {cp, mkdtemp, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {FileError} from "../../loaders/read.ts";
import {loadRegion} from "../../loaders/region.ts";
import {readAll, tempFile, withinMs} from "./helpers.ts";

const RUNS = 60;
const TIME_MS = 5_000;

/** Chinese characters whose GBK bytes are all ≥ 0xC0, so GBK text with one of them is never valid UTF-8. */
const HAN = [..."中老养镇社区护理型敬福利食堂站点服务县乡街道"].filter((ch) => [...iconv.encode(ch, "gbk")].every((b) => b >= 0xc0));
const CHARS = ["a", "Z", "0", "9", " ", ",", '"', "\n", "\r", "\r\n", "\t", ";", "-", ".", ...HAN];

const cell = fc.array(fc.constantFrom(...CHARS), {maxLength: 8}).map((a) => a.join(""));
const table = fc.integer({min: 1, max: 5}).chain((width) =>
  fc.record({
    width: fc.constant(width),
    rows: fc.array(fc.array(cell, {minLength: width, maxLength: width}), {maxLength: 12}),
    eol: fc.constantFrom("\n", "\r\n"),
    encoding: fc.constantFrom("utf-8", "utf-8-bom", "gbk")
  })
);

const quoteCell = (c: string) => `"${c.replace(/"/g, '""')}"`;
const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/** Build a well-formed CSV and the rows a reader must return: [start line, ...cells] of non-blank records. */
function buildCsv(t: {width: number; rows: string[][]; eol: string; encoding: string}): {bytes: Buffer; expected: (string | number)[][]} {
  const header = Array.from({length: t.width}, (_, i) => `c${i}`);
  let line = 2;
  const expected: (string | number)[][] = [];
  for (const r of t.rows) {
    if (!r.every((c) => c.trim() === "")) expected.push([line, ...r]);
    line += 1 + r.reduce((n, c) => n + lineBreaks(c), 0);
  }
  const text = [header.join(","), ...t.rows.map((r) => r.map(quoteCell).join(","))].join(t.eol) + t.eol;
  if (t.encoding === "gbk") return {bytes: iconv.encode(text, "gbk"), expected};
  return {bytes: Buffer.from((t.encoding === "utf-8-bom" ? "\uFEFF" : "") + text, "utf8"), expected};
}

/** A mutation of a byte string: insert, delete or overwrite a slice with hostile content. */
const mutation = fc.record({
  at: fc.nat(),
  del: fc.nat({max: 20}),
  insert: fc.oneof(
    fc.uint8Array({maxLength: 16}).map((a) => Buffer.from(a)),
    fc.constantFrom('"', '""', "\n\n", "\r", "\uFEFF", ",,,", "9".repeat(400), "-1e309", "\u0000", "第三列,,\n").map((s) => Buffer.from(s, "utf8"))
  )
});

function mutate(bytes: Buffer, ms: {at: number; del: number; insert: Buffer}[]): Buffer {
  let b = bytes;
  for (const m of ms) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    b = Buffer.concat([b.subarray(0, at), m.insert, b.subarray(Math.min(b.length, at + m.del))]);
  }
  return b;
}

/** A region folder (the good fixture) with one file replaced by `bytes`. */
async function regionWith(kind: "facilities" | "candidates" | "township_boundaries", name: string, bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "region-"));
  await cp("test/fixtures/loaders/good", dir, {recursive: true});
  const manifest = JSON.parse(await (await import("node:fs/promises")).readFile(join(dir, "region.json"), "utf8"));
  manifest.files[kind] = {path: name, crs: "WGS84"};
  delete manifest.files.projects;
  await writeFile(join(dir, "region.json"), JSON.stringify(manifest));
  await writeFile(join(dir, name), bytes);
  return dir;
}

/** Load and check the accounting of every file; the file under test must be in the report. */
async function expectAccounted(dir: string): Promise<void> {
  const {report, region} = await withinMs(TIME_MS, loadRegion(dir));
  for (const f of report.files) {
    expect(f.rowsRead).toBe(f.accepted + f.rejected.length);
    for (const r of f.rejected) expect(r.row).toBeGreaterThanOrEqual(0);
  }
  const facilities = report.files.find((f) => f.file === "facilities")!;
  expect(region.facilities).toHaveLength(facilities.accepted);
}

/** Read a file; a FileError (whole file unreadable) is an allowed outcome, any other throw is not. */
async function readOrFileError(path: string): Promise<void> {
  try {
    const {rows, errors} = await withinMs(TIME_MS, readAll(path));
    for (const r of rows) expect(r.row).toBeGreaterThanOrEqual(1);
    // every record keeps its own row number: strictly increasing, so none is merged, repeated or reordered
    for (let i = 1; i < rows.length; i++) expect(rows[i].row).toBeGreaterThan(rows[i - 1].row);
    for (const e of errors) expect(e.row).toBeGreaterThanOrEqual(1);
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
  }
}

describe("CSV reader properties", () => {
  it("returns every non-blank record of a well-formed file, with its start line and exact cells", async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const {bytes, expected} = buildCsv(t);
        const {rows, errors, table: opened} = await withinMs(TIME_MS, readAll(await tempFile("p.csv", bytes)));
        expect(errors).toEqual([]);
        expect(opened.encoding).toBe(t.encoding === "gbk" ? (bytes.some((b) => b >= 0x80) ? "gb18030" : "utf-8") : t.encoding);
        expect(rows.map((r) => [r.row, ...r.cells])).toEqual(expected);
      }),
      {numRuns: RUNS * 2}
    );
  });

  it("mutated files never crash or hang, and loadRegion accounts for every row", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(mutation, {minLength: 1, maxLength: 4}), async (t, ms) => {
        const bytes = mutate(buildCsv(t).bytes, ms);
        await readOrFileError(await tempFile("m.csv", bytes));
        await expectAccounted(await regionWith("facilities", "facilities.csv", bytes));
      }),
      {numRuns: RUNS}
    );
  });

  it("random bytes never crash or hang", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({maxLength: 600}), async (a) => {
        await readOrFileError(await tempFile("r.csv", a));
        await expectAccounted(await regionWith("facilities", "facilities.csv", a));
      }),
      {numRuns: RUNS}
    );
  });
});

/** Cell values exceljs can store: text, numbers (huge ones too), booleans, dates, empties. */
const xlsxValue = fc.oneof(
  fc.array(fc.constantFrom("a", "床", "位", " ", ",", '"', "=", "1", "中"), {maxLength: 6}).map((a) => a.join("")),
  fc.double({noNaN: true, noDefaultInfinity: true}),
  fc.integer(),
  fc.boolean(),
  fc.date({min: new Date("1901-01-01"), max: new Date("2099-12-31"), noInvalidDate: true}),
  fc.constant(null)
);

function xlsxNonBlank(v: unknown): boolean {
  return !(v === null || (typeof v === "string" && v.trim() === ""));
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("s");
  ws.addRow(["name", "type", "beds"]);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    r.forEach((v, j) => {
      row.getCell(j + 1).value = v as ExcelJS.CellValue;
    });
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("xlsx reader properties", () => {
  it("returns every non-blank sheet row with its Excel row number", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(xlsxValue, {minLength: 1, maxLength: 4}), {maxLength: 10}), async (rows) => {
        const {rows: got, errors} = await withinMs(TIME_MS, readAll(await tempFile("p.xlsx", await workbook(rows))));
        expect(errors).toEqual([]);
        const expected = rows.map((r, i) => [i + 2, r] as const).filter(([, r]) => r.some(xlsxNonBlank)).map(([n]) => n);
        expect(got.map((r) => r.row)).toEqual(expected);
      }),
      {numRuns: RUNS}
    );
  });

  it("corrupted workbooks never crash or hang, and loadRegion accounts for every row", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(xlsxValue, {minLength: 1, maxLength: 4}), {maxLength: 6}), fc.array(mutation, {minLength: 1, maxLength: 3}), async (rows, ms) => {
        const bytes = mutate(await workbook(rows), ms);
        await readOrFileError(await tempFile("m.xlsx", bytes));
        await expectAccounted(await regionWith("facilities", "facilities.xlsx", bytes));
      }),
      {numRuns: RUNS}
    );
  });
});

const jsonValue = fc.oneof(fc.string({maxLength: 6}), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), {maxLength: 3}));
const featureLike = fc.oneof(
  fc.record({
    type: fc.constant("Feature"),
    properties: fc.oneof(fc.dictionary(fc.constantFrom("id", "name", "kind", "township_code", "lng", "lat", "名称"), jsonValue), fc.constant(null)),
    geometry: fc.oneof(
      fc.constant(null),
      fc.record({type: fc.constant("Point"), coordinates: fc.tuple(fc.double({min: 105, max: 107, noNaN: true}), fc.double({min: 37, max: 39, noNaN: true}))}),
      fc.record({type: fc.constantFrom("Polygon", "LineString", "Banana"), coordinates: fc.array(fc.array(fc.double(), {maxLength: 3}), {maxLength: 3})}),
      // a known geometry type whose coordinates are missing or of the wrong shape
      fc.record({type: fc.constantFrom("Point", "Polygon", "MultiPolygon"), coordinates: jsonValue}, {requiredKeys: ["type"]})
    )
  }),
  jsonValue
);

/** A township boundary feature: a square ring near the good fixture, sometimes broken in one way. */
const ring = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const boundaryLike = fc.oneof(
  fc.record({
    type: fc.constant("Feature"),
    properties: fc.record({乡镇代码: fc.constantFrom("640302001", "640302100", "640302200", "64030210", ""), 名称: fc.string({maxLength: 4}), 类型: fc.constantFrom("城镇", "农村", "牧区", "?")}),
    geometry: fc.oneof(
      fc.tuple(fc.double({min: 105.9, max: 106.3, noNaN: true}), fc.double({min: 37.8, max: 38.2, noNaN: true}), fc.double({min: 0.001, max: 0.2, noNaN: true})).map(([x, y, d]) => ({type: "Polygon", coordinates: [ring(x, y, d)]})),
      fc.tuple(fc.double({min: 105.9, max: 106.3, noNaN: true}), fc.double({min: 37.8, max: 38.2, noNaN: true})).map(([x, y]) => ({type: "MultiPolygon", coordinates: [[ring(x, y, 0.05)], [ring(x + 0.1, y, 0.05)]]})),
      fc.record({type: fc.constantFrom("Polygon", "MultiPolygon", "Point"), coordinates: jsonValue}, {requiredKeys: ["type"]}),
      fc.constant(null)
    )
  }),
  jsonValue
);

describe("GeoJSON reader properties", () => {
  it("a township boundary file of random, partly broken features never crashes and accounts for every feature", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(boundaryLike, {maxLength: 6}), fc.array(mutation, {maxLength: 2}), async (features, ms) => {
        const bytes = mutate(Buffer.from(JSON.stringify({type: "FeatureCollection", features})), ms);
        const dir = await regionWith("township_boundaries", "townships.geojson", bytes);
        const {report} = await withinMs(TIME_MS, loadRegion(dir, {indicators: []}));
        for (const f of report.files) expect(f.rowsRead, f.path).toBe(f.accepted + f.rejected.length);
        const t = report.files.find((f) => f.file === "township_boundaries")!;
        if (ms.length === 0) expect(t.rowsRead).toBe(features.length);
      }),
      {numRuns: RUNS}
    );
  });


  it("a rejected feature whose attributes are numbers, null or objects is listed with them as text (seed 1128148232 found it)", async () => {
    const features = [
      {type: "Feature", properties: {乡镇代码: 640302001, 名称: null, 类型: {x: 1}}, geometry: {type: "MultiPolygon", coordinates: -3.7e137}},
      {type: "Feature", properties: {乡镇代码: "640302001", 名称: 13912345678, 类型: "城镇"}, geometry: null}
    ];
    const dir = await regionWith("township_boundaries", "townships.geojson", Buffer.from(JSON.stringify({type: "FeatureCollection", features})));
    const {report} = await loadRegion(dir, {indicators: []});
    const t = report.files.find((f) => f.file === "township_boundaries")!;
    expect(t.rowsRead).toBe(2);
    expect(t.rejected).toHaveLength(2);
    for (const r of t.rejected) for (const v of Object.values(r.values)) expect(typeof v).toBe("string");
    // a phone number in a numeric attribute is masked like one in text
    expect(JSON.stringify(t.rejected)).not.toContain("13912345678");
  });

  it("yields one row or one read error per feature-collection item, numbered from 1", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(featureLike, {maxLength: 12}), async (features) => {
        const bytes = Buffer.from(JSON.stringify({type: "FeatureCollection", features}));
        const {rows, errors} = await withinMs(TIME_MS, readAll(await tempFile("p.geojson", bytes)));
        expect([...rows.map((r) => r.row), ...errors.map((e) => e.row)].sort((a, b) => a - b)).toEqual(features.map((_, i) => i + 1));
        const dir = await regionWith("candidates", "candidates.geojson", bytes);
        const {report} = await withinMs(TIME_MS, loadRegion(dir, {indicators: []}));
        const f = report.files.find((x) => x.file === "candidates")!;
        expect([f.rowsRead, f.accepted + f.rejected.length]).toEqual([features.length, features.length]);
      }),
      {numRuns: RUNS}
    );
  });

  it("mutated GeoJSON never crashes or hangs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(featureLike, {maxLength: 6}), fc.array(mutation, {minLength: 1, maxLength: 3}), async (features, ms) => {
        const bytes = mutate(Buffer.from(JSON.stringify({type: "FeatureCollection", features})), ms);
        await readOrFileError(await tempFile("m.geojson", bytes));
        const dir = await regionWith("candidates", "candidates.geojson", bytes);
        const {report} = await withinMs(TIME_MS, loadRegion(dir, {indicators: []}));
        for (const f of report.files) expect(f.rowsRead).toBe(f.accepted + f.rejected.length);
      }),
      {numRuns: RUNS}
    );
  });
});
