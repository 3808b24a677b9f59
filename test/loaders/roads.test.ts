// The optional road network of a region (loaders/roads.ts): the example region test/fixtures/roads-region loads with
// its roads (GCJ-02 converted back onto the 0.02° grid it was made from), and every bad feature is rejected with the
// file, the feature number, the field and what was expected.
import {cp, mkdtemp, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {roadLinesOf} from "../../loaders/roads.ts";
import {networkTravel, SERVICE_AREA_TIERS} from "../../loaders/travel.ts";
import {SERVING_STATUSES, TIER_OF} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {buildRoadGraph, networkCoverage, travelConfig} from "../../src/lib/engine/network.ts";
import {zip} from "../../loaders/zip.ts";
import {PRJ, writeDbf, writePolylineShp} from "../helpers/shapefile-writer.ts";
import {expectAccounted, fileReport} from "./helpers.ts";

const FIXTURE = "test/fixtures/roads-region";

async function withRoads(features: unknown[], manifest?: (m: Record<string, any>) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "roads-region-"));
  await cp(FIXTURE, dir, {recursive: true});
  await writeFile(join(dir, "roads.geojson"), JSON.stringify({type: "FeatureCollection", features: features.map((f) => ({type: "Feature", ...(f as object)}))}));
  if (manifest) {
    const m = JSON.parse(await readFile(join(dir, "region.json"), "utf8"));
    manifest(m);
    await writeFile(join(dir, "region.json"), JSON.stringify(m));
  }
  return dir;
}
const line = {type: "LineString", coordinates: [[110.0, 38.0], [110.02, 38.0]]};

describe("roads file", () => {
  it("the example region loads with its roads, no reject, error or warning", async () => {
    const {region, report} = await loadRegion(FIXTURE);
    expect(report.errors).toEqual([]);
    for (const f of report.files) {
      expect(f.errors, f.path).toEqual([]);
      expect(f.rejected, f.path).toEqual([]);
      expect(f.warnings, f.path).toEqual([]);
    }
    expectAccounted(report);
    const roads = fileReport(report, "roads");
    expect([roads.rowsRead, roads.accepted, roads.converted, roads.crs]).toEqual([19, 19, 19, "GCJ-02"]);
    expect(roads.notes).toEqual([expect.stringMatching(/^road network: 19 features → 66 nodes, 122 segments, [\d.]+ km; one connected network$/)]);
    expect(region.roads).toHaveLength(19);
    const g1 = region.roads!.find((r) => r.id === "G1")!;
    expect([g1.name, g1.road_class]).toEqual(["模拟国道", "trunk"]);
    expect(region.roads!.find((r) => r.id === "X1")).toMatchObject({speed_kmh: 40, lines: [expect.any(Array), expect.any(Array)]});
    expect(region.roads!.find((r) => r.id === "H0")!.modelled).toEqual(["geometry", "road_class"]);
    // GCJ-02 → WGS84: every vertex lands back on the grid it was made from (within 1 m)
    for (const r of region.roads!) for (const l of r.lines) for (const [x, y] of l) {
      const gx = Math.round((x - 110) / 0.02) * 0.02 + 110, gy = Math.round((y - 38) / 0.02) * 0.02 + 38;
      expect(haversine(x, y, gx, gy)).toBeLessThan(1);
    }
    // the grid connects into one network, with the 国道 on its vertices
    const config = travelConfig(region.config);
    const g = buildRoadGraph(roadLinesOf(region.roads!), config);
    expect(g.nodeCount).toBe(11 * 6); // the grid's vertices: the 国道's and the 县道's vertices are grid vertices (merged after the round trip)
    const cov = networkCoverage(region.villages, region.facilities, g, config);
    expect(cov.tiers.county.seconds.every((s) => Number.isFinite(s))).toBe(true);
    const east = region.villages.findIndex((v) => v.name === "东街社区");
    // its station is 340 m away in a straight line, but both sit far off the roads (a grid every 0.02°): walked (4 km/h)
    // east to the 村道 at 110.02°E (788 m), north along it to 38.02°N, west along the 乡道 to 110.012°E and south to
    // the station (556 m), 2.9 km, the trip takes ≈ 44 min, over the 15-minute threshold
    const walked = haversine(110.011, 38.012, 110.02, 38.012) + haversine(110.02, 38.012, 110.02, 38.02) + haversine(110.02, 38.02, 110.012, 38.02) + haversine(110.012, 38.015, 110.012, 38.02);
    expect(Math.abs(cov.tiers.community.seconds[east] - walked / (4 / 3.6)) / (walked / (4 / 3.6))).toBeLessThan(1e-3);
    expect(cov.tiers.community.nearestId[east]).toBe("LW05");
    expect(cov.tiers.community.count[east]).toBe(0);
  });

  it("access.json's travel part carries the walking tiers' service areas along the roads, each piece with its facility's county", async () => {
    const {region} = await loadRegion(FIXTURE);
    const travel = networkTravel(region, region.facilities, SERVING_STATUSES)!;
    const areas = travel.service_areas;
    expect(areas.tiers).toEqual([...SERVICE_AREA_TIERS]);
    expect(areas.features!.length).toBe(areas.pieces);
    expect(areas.pieces).toBeGreaterThan(0);
    const byId = new Map(region.facilities.map((f) => [f.id, f]));
    for (const a of areas.features!) {
      const f = byId.get(a.properties.facility_id)!;
      expect(SERVING_STATUSES).toContain(f.status);
      expect([a.properties.tier, a.properties.county_code, a.properties.mode, a.properties.minutes]).toEqual([TIER_OF[f.type], f.county_code, "walk", 15]);
      expect(SERVICE_AREA_TIERS).toContain(a.properties.tier);
      for (const [x, y] of a.geometry.coordinates) expect([Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]).toEqual([x, y]);
    }
  });

  it("a region without a roads file has no roads", async () => {
    const dir = await withRoads([], (m) => delete m.files.roads);
    const {region, report} = await loadRegion(dir);
    expect(region.roads).toBeUndefined();
    expect(report.files.some((f) => f.file === "roads")).toBe(false);
  });

  it("rejects bad geometry, no class or speed, an unknown class, a bad speed — each with its reason", async () => {
    const dir = await withRoads([
      {properties: {道路等级: "乡道"}, geometry: line},
      {properties: {道路等级: "乡道"}, geometry: {type: "Point", coordinates: [110, 38]}},
      {properties: {道路等级: "乡道"}, geometry: {type: "LineString", coordinates: [[110, 38]]}},
      {properties: {道路等级: "乡道"}, geometry: {type: "LineString", coordinates: [[110, 38], ["110.1", 38]]}},
      {properties: {道路等级: "乡道"}, geometry: {type: "LineString", coordinates: [[38, 110], [38.1, 110]]}},
      {properties: {名称: "无等级"}, geometry: line},
      {properties: {道路等级: "河流"}, geometry: line},
      {properties: {道路等级: "河流", 速度: 30}, geometry: line},
      {properties: {道路等级: "乡道", 速度: 900}, geometry: line},
      {properties: {道路等级: "primary_link"}, geometry: line}, // (one file, one class column: a second one, e.g. highway beside 道路等级, is ignored with a warning)
      {properties: {道路等级: "乡道"}, geometry: {type: "MultiLineString", coordinates: [[[110, 38], [110.01, 38]], [[110.01, 38]]]}}
    ]);
    const {region, report} = await loadRegion(dir);
    expectAccounted(report);
    const f = fileReport(report, "roads");
    expect(f.rowsRead).toBe(11);
    expect(f.accepted).toBe(3); // features 1, 8 (unknown class but a speed: warned) and 10
    const byRow = new Map(f.rejected.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({field: "geometry", expected: "a LineString or MultiLineString", found: "Point"});
    expect(byRow.get(2)!.message).toMatch(/^roads\.geojson feature 2: geometry: expected a LineString or MultiLineString/);
    expect(byRow.get(3)!.message).toBe("roads.geojson feature 3: geometry: line: expected at least 2 positions, found 1");
    expect(byRow.get(4)!.message).toBe('roads.geojson feature 4: geometry: line, position 2: expected [lng, lat] as two numbers, found ["110.1",38]');
    expect(byRow.get(5)!.message).toMatch(/feature 5: geometry: line, position 1: lng and lat look swapped/);
    expect(byRow.get(6)).toMatchObject({field: "road_class"});
    expect(byRow.get(6)!.message).toMatch(/feature 6: 道路等级 \(road_class\): expected a road class or a speed in km\/h: both cells are empty/);
    expect(byRow.get(7)!.message).toMatch(/feature 7: 道路等级 \(road_class\): unknown road class "河流": expected one of motorway, trunk/);
    expect(byRow.get(9)!.message).toMatch(/feature 9: 速度 \(speed_kmh\): expected a speed in km\/h, more than 0 and at most 200, found "900"/);
    expect(byRow.get(11)!.message).toBe("roads.geojson feature 11: geometry: line 2: expected at least 2 positions, found 1");
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 9, 11]);
    expect(f.warnings.map((w) => w.message)).toEqual(['roads.geojson feature 8: 道路等级 (road_class): unknown road class "河流": the feature\'s speed 30 km/h is used for driving, walking is allowed']);
    expect(region.roads!.map((r) => [r.id, r.road_class, r.speed_kmh])).toEqual([["R-1", "tertiary", undefined], ["R-8", undefined, 30], ["R-10", "primary", undefined]]);
    // the three accepted features are one line three times over: one part
    expect(f.notes.at(-1)).toMatch(/one connected network$/);
  });

  it("a roads file with neither a class nor a speed column rejects every feature, saying so", async () => {
    const dir = await withRoads([{properties: {名称: "甲"}, geometry: line}]);
    const f = fileReport((await loadRegion(dir)).report, "roads");
    expect(f.rejected[0].message).toMatch(/^roads\.geojson feature 1: road_class\b.*: expected a road class or a speed in km\/h: the file has neither column$/);
  });

  it("a roads file in another format, or a bad config.travel, is a named error", async () => {
    const dir = await withRoads([], (m) => {
      m.files.roads = {path: "roads.csv", crs: "WGS84"};
      m.config.travel = {thresholds_min: {community: "15分钟"}};
    });
    const {report} = await loadRegion(dir);
    expect(fileReport(report, "roads").errors[0]).toMatch(/^a roads file must be GeoJSON/);
    expect(report.errors).toContain('region.json: config.travel: thresholds_min.community: expected a number > 0 and ≤ 600, found "15分钟"');
  });

  it("a roads file must declare its crs", async () => {
    const dir = await withRoads([], (m) => delete m.files.roads.crs);
    expect((await loadRegion(dir)).report.errors).toContain('region.json: files.roads.crs is required for a file with coordinates: declare "WGS84", "GCJ-02" (Amap/Tencent) or "BD-09" (Baidu)');
  });

  it("a zipped shapefile of polylines (GBK attributes, CGCS2000 .prj) loads like GeoJSON; a bad class is rejected", async () => {
    const {shp, shx} = writePolylineShp([
      [[[110, 38], [110.02, 38], [110.04, 38]]],
      [[[110.02, 38], [110.02, 38.02]], [[110.02, 38.02], [110.04, 38.04]]],
      [[[110.04, 38], [110.04, 38.02]]]
    ]);
    const dbf = writeDbf([{name: "道路名称", type: "C", length: 20}, {name: "fclass", type: "C", length: 16}], [{道路名称: "模拟乡道", fclass: "tertiary"}, {道路名称: "模拟县道", fclass: "secondary_link"}, {道路名称: "模拟河道", fclass: "river"}], "gbk", 0x4d);
    const dir = await withRoads([], (m) => (m.files.roads = {path: "roads.zip", crs: "CGCS2000"}));
    await writeFile(join(dir, "roads.zip"), zip([{name: "roads.shp", data: shp}, {name: "roads.shx", data: shx}, {name: "roads.dbf", data: dbf}, {name: "roads.prj", data: PRJ.cgcs2000}, {name: "roads.cpg", data: "GBK"}]));
    const {region, report} = await loadRegion(dir);
    expectAccounted(report);
    const f = fileReport(report, "roads");
    expect([f.format, f.rowsRead, f.accepted]).toEqual(["shapefile", 3, 2]);
    expect(f.rejected[0].message).toMatch(/^roads\.zip feature 3: road_class: unknown road class "river"/);
    expect(region.roads!.map((r) => [r.name, r.road_class, r.lines.length])).toEqual([["模拟乡道", "tertiary", 1], ["模拟县道", "secondary", 2]]);
    expect(f.notes.at(-1)).toMatch(/^road network: 2 features → 5 nodes, 4 segments, [\d.]+ km; one connected network$/);
    expect(region.roads![1].lines[1]).toEqual([[110.02, 38.02], [110.04, 38.04]]);
  });
});
