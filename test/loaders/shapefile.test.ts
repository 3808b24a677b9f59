/**
 * Shapefile boundaries: zipped or loose, .prj read (CGCS2000 / WGS84 accepted, Gauss-Krüger converted, Xian 1980 and
 * Beijing 1954 refused naming the system), GBK / UTF-8 attributes. The fixtures are written byte by byte by
 * test/helpers/shapefile-writer.ts (via test/fixtures/trust/build.ts), not by the library that reads them.
 */
import {area} from "@turf/turf";
import {join} from "node:path";
import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode, type FileReport, type LoadReport} from "../../loaders/report.ts";
import {dbfEncoding, readPrj} from "../../loaders/shapefile.ts";
import {unzip} from "../../loaders/unzip.ts";
import {zip} from "../../loaders/zip.ts";
import {GOOD_TOWNSHIPS} from "../fixtures/trust/build.ts";
import {distance} from "../../src/lib/engine/geo.ts";

/** The good fixture's facilities: id, name, type, beds, lng, lat (test/fixtures/loaders/build.ts). */
const GOOD_FACILITY_ROWS: [string, string, string, number, number, number][] = [
  ["F001", "利通区社会福利中心", "county_institution", 200, 106.04, 38.01],
  ["F002", "金积镇综合养老服务中心", "township_centre", 30, 106.155, 38.01],
  ["F003", "胜利社区养老服务站", "community_station", 0, 106.051, 38.001],
  ["F004", "金积村幸福院", "mutual_aid", 10, 106.151, 38.002],
  ["F005", "扁担沟长者食堂", "canteen", 0, 106.251, 38.051]
];
import {PRJ, writeDbf} from "../helpers/shapefile-writer.ts";
import proj4 from "proj4";

const FIX = "test/fixtures/trust";

function townships(report: LoadReport): FileReport {
  return report.files.find((f) => f.file === "township_boundaries")!;
}

function expectAccounted(report: LoadReport): void {
  for (const f of report.files) expect(f.rowsRead, f.path).toBe(f.accepted + f.rejected.length);
}

/** Largest distance (degrees) between the loaded outer rings and the good fixture's. */
function maxDeviation(features: {geometry: {type: string; coordinates: unknown}}[]): number {
  let worst = 0;
  features.forEach((f, i) => {
    const ring = (f.geometry.coordinates as number[][][])[0];
    const want = GOOD_TOWNSHIPS[i].rings![0];
    // the same corners, whatever the start and direction
    for (const p of want) worst = Math.max(worst, Math.min(...ring.map((q) => Math.hypot(q[0] - p[0], q[1] - p[1]))));
  });
  return worst;
}

describe("shapefile boundaries that load", () => {
  const CASES: [fixture: string, notes: string[]][] = [
    ["shp-cgcs2000-gbk", ['shapefile 乡镇界/乡镇界.shp: .prj "GCS_China_Geodetic_Coordinate_System_2000" (CGCS2000 longitude/latitude)', 'shapefile 乡镇界/乡镇界.shp: attributes decoded as GBK/GB18030 (.cpg says "GBK")']],
    ["shp-gbk-ldid", ['shapefile 乡镇界.shp: .prj "GCS_China_Geodetic_Coordinate_System_2000" (CGCS2000 longitude/latitude)', "shapefile 乡镇界.shp: attributes decoded as GBK/GB18030 (.dbf language driver 0x4D (code page 936))"]],
    ["shp-gbk-detected", ['shapefile 乡镇界.shp: .prj "GCS_WGS_1984" (WGS84 longitude/latitude)', "shapefile 乡镇界.shp: attributes decoded as GBK/GB18030 (not valid UTF-8, read as GBK/GB18030)"]],
    ["shp-utf8", ['shapefile 乡镇界.shp: .prj "GCS_WGS_1984" (WGS84 longitude/latitude)', 'shapefile 乡镇界.shp: attributes decoded as UTF-8 (.cpg says "UTF-8")']],
    ["shp-gk-zone35", ['shapefile 乡镇界.shp: .prj "CGCS2000_3_Degree_GK_Zone_35" (CGCS2000, projected) converted to longitude/latitude with proj4', 'shapefile 乡镇界.shp: attributes decoded as GBK/GB18030 (.cpg says "GBK")']],
    ["shp-loose", ["shapefile 乡镇界.shp: no .prj: coordinates read in the crs declared in region.json", 'shapefile 乡镇界.shp: attributes decoded as GBK/GB18030 (.cpg says "GBK")']]
  ];
  for (const [fixture, notes] of CASES) {
    it(`${fixture}: every feature loads with its Chinese code, name and class, on the good fixture's outline; the notes say how`, async () => {
      const {region, report} = await loadRegion(join(FIX, fixture));
      expectAccounted(report);
      const f = townships(report);
      expect([f.format, f.rowsRead, f.accepted, f.rejected.length, f.errors]).toEqual(["shapefile", 3, 3, 0, []]);
      expect(f.notes).toEqual(notes);
      expect(region.townships.map((t) => [t.code, t.name, t.settlement])).toEqual([
        ["640302001", "胜利街道", "urban"],
        ["640302100", "金积镇", "rural"],
        ["640302200", "扁担沟镇", "pastoral"]
      ]);
      expect(maxDeviation(region.townshipBoundaries.features)).toBeLessThan(fixture === "shp-gk-zone35" ? 1e-7 : 1e-12);
      // the points of the good region still fall in their townships: no row of any file is lost
      expect(exitCode(report)).toBe(0);
    });
  }

  it("shp-gk-zone35: the converted areas match the planar areas of the projected file (Gauss-Krüger scale ≈ 1 + 1.2e-4 at 1.1° from the meridian)", async () => {
    const {region} = await loadRegion(join(FIX, "shp-gk-zone35"));
    const gk = proj4(PRJ.cgcs2000Gk35);
    for (const [i, feature] of region.townshipBoundaries.features.entries()) {
      const projected = GOOD_TOWNSHIPS[i].rings![0].map((p) => gk.forward([p[0], p[1]]));
      let planar = 0;
      for (let k = 0; k + 1 < projected.length; k++) planar += projected[k][0] * projected[k + 1][1] - projected[k + 1][0] * projected[k][1];
      const ratio = area(feature) / Math.abs(planar / 2);
      expect(ratio).toBeGreaterThan(0.9985);
      expect(ratio).toBeLessThan(1.0005);
    }
  });

  it("shp-null-shape: a feature with a null shape is rejected with its number; read = accepted + rejected", async () => {
    const {report} = await loadRegion(join(FIX, "shp-null-shape"));
    expectAccounted(report);
    const f = townships(report);
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([4, 3, 1]);
    expect(f.rejected[0].message).toBe('townships.zip feature 4: geometry: expected a Polygon or MultiPolygon, found "no geometry"');
  });
});

describe("a point shapefile", () => {
  it("shp-facilities-points: a Gauss-Krüger point layer with GBK attributes gives each facility its lng/lat (within 1 mm of the truth) and its fields", async () => {
    const {region, report} = await loadRegion(join(FIX, "shp-facilities-points"));
    expectAccounted(report);
    const f = report.files.find((x) => x.file === "facilities")!;
    expect([f.format, f.rowsRead, f.accepted, f.rejected.length, f.errors]).toEqual(["shapefile", 5, 5, 0, []]);
    expect(region.facilities.map((x) => [x.id, x.name, x.type, x.beds])).toEqual(GOOD_FACILITY_ROWS.map((r) => [r[0], r[1], r[2], r[3]]));
    for (const [i, x] of region.facilities.entries()) {
      expect(distance([x.lng, x.lat], [GOOD_FACILITY_ROWS[i][4], GOOD_FACILITY_ROWS[i][5]])).toBeLessThan(0.001);
    }
  });
});

describe("shapefile boundaries that are refused", () => {
  const CASES: [fixture: string, error: string][] = [
    [
      "shp-xian80",
      '乡镇界.shp: the .prj says Xian 1980 ("GCS_Xian_1980", geographic coordinates on that datum). Xian 1980 differs from CGCS2000/WGS84 by tens of metres up to about 100 m, and the shift needs a local 7-parameter transformation the loader does not have, so it is refused rather than moved by a guess: export the layer in CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326) — ArcGIS "Project" with the bureau\'s transformation, or QGIS "Export → Save Features As…" with that CRS'
    ],
    [
      "shp-beijing54-gk",
      '乡镇界.shp: the .prj says Beijing 1954 ("Beijing_1954_GK_Zone_18", a projected system on that datum). Beijing 1954 differs from CGCS2000/WGS84 by tens of metres up to about 100 m, and the shift needs a local 7-parameter transformation the loader does not have, so it is refused rather than moved by a guess: export the layer in CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326) — ArcGIS "Project" with the bureau\'s transformation, or QGIS "Export → Save Features As…" with that CRS'
    ],
    ["shp-two-layers", "townships.zip holds 2 layers (乡镇界.shp, 村界.shp): put one layer per zip"]
  ];
  for (const [fixture, error] of CASES) {
    it(`${fixture}: a file error naming the system or the problem; nothing is loaded from it`, async () => {
      const {region, report} = await loadRegion(join(FIX, fixture));
      expectAccounted(report);
      const f = townships(report);
      expect(f.errors).toEqual([error]);
      expect([f.rowsRead, f.accepted]).toEqual([0, 0]);
      expect(region.townships).toEqual([]);
      expect(exitCode(report, {allowRejects: true})).toBe(1);
    });
  }
});

describe("coordinate evidence on a shapefile", () => {
  it("crs-townships-shp-gcj: townships traced on Amap, exported with a WGS84 .prj and declared WGS84, fail naming GCJ-02", async () => {
    const {report} = await loadRegion(join(FIX, "crs-townships-shp-gcj"));
    expectAccounted(report);
    const f = townships(report);
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]).toMatch(/^coordinates do not fit the declared WGS84 \(judged against the points of the other files and the other boundary file\): declared WGS84: 89 % \(408 of 460\) of points inside their own township; as GCJ-02: 99 % \(457 of 460\);/);
    expect(f.errors[0]).toContain("the file is probably GCJ-02 (高德/腾讯)");
  });
});

describe(".prj, .dbf and zip details", () => {
  it("readPrj names the datum of ESRI and OGC texts", () => {
    const cases: [string, string, boolean][] = [
      [PRJ.cgcs2000, "CGCS2000", false],
      [PRJ.cgcs2000Gk35, "CGCS2000", true],
      ['GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]]]', "CGCS2000", false],
      ['GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]]', "WGS84", false],
      [PRJ.xian80, "Xian 1980", false],
      ['PROJCS["Xian 1980 / 3-degree Gauss-Kruger CM 105E",GEOGCS["Xian 1980",DATUM["Xian_1980",SPHEROID["IAG 1975",6378140,298.257]]]]', "Xian 1980", true],
      [PRJ.beijing54Gk18, "Beijing 1954", true],
      ['GEOGCS["GCS_New_Beijing",DATUM["D_New_Beijing",SPHEROID["Krasovsky_1940",6378245.0,298.3]]]', "New Beijing", false],
      ['GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]]]', "unknown", false]
    ];
    expect(cases.map(([wkt]) => [readPrj(wkt).datum, readPrj(wkt).projected])).toEqual(cases.map(([, d, p]) => [d, p]));
  });

  it("dbfEncoding: the .cpg first (GBK, 936, UTF-8), then the language driver, then the bytes", () => {
    const fields = [{name: "名称", type: "C" as const, length: 20}];
    const gbk = writeDbf(fields, [{名称: "胜利街道"}], "gbk");
    const utf8 = writeDbf(fields, [{名称: "胜利街道"}], "utf8");
    expect(dbfEncoding(gbk, "936").encoding).toBe("gb18030");
    expect(dbfEncoding(utf8, "UTF-8\r\n").encoding).toBe("utf-8");
    expect(dbfEncoding(writeDbf(fields, [{名称: "胜利街道"}], "gbk", 0x4d), undefined).why).toBe(".dbf language driver 0x4D (code page 936)");
    expect(dbfEncoding(gbk, undefined).encoding).toBe("gb18030");
    expect(dbfEncoding(utf8, undefined).encoding).toBe("utf-8");
  });

  it("unzip reads member names written in GBK without the UTF-8 flag (Chinese Windows), stored and deflated", () => {
    const bytes = zip([{name: "abcdef.prj", data: PRJ.cgcs2000}, {name: "x/abcdef.cpg", data: "GBK"}]);
    // rewrite the names as GBK 乡镇界 (6 bytes, like "abcdef") and clear the UTF-8 flag, as Windows' zip does
    const gbkName = iconv.encode("乡镇界", "gbk");
    for (let i = bytes.indexOf("abcdef"); i !== -1; i = bytes.indexOf("abcdef", i + 1)) gbkName.copy(bytes, i);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = bytes.readUInt32LE(i);
      if (sig === 0x04034b50) bytes.writeUInt16LE(0, i + 6);
      if (sig === 0x02014b50) bytes.writeUInt16LE(0, i + 8);
    }
    const members = unzip(bytes);
    expect(members.map((m) => [m.name, m.data.toString("utf8")])).toEqual([["乡镇界.prj", PRJ.cgcs2000], ["x/乡镇界.cpg", "GBK"]]);
    expect(() => unzip(Buffer.from("not a zip at all, just text that is long enough"))).toThrow("not a zip archive (no central directory found)");
  });
});
