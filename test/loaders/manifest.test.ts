/** region.json: every malformed part gets one error naming the key, what was expected and what was found. */
import {mkdtemp, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readManifest} from "../../loaders/manifest.ts";

const FILES = {
  counties: "counties.csv",
  county_boundaries: {path: "c.geojson", crs: "WGS84"},
  township_boundaries: {path: "t.geojson", crs: "GCJ-02"},
  villages: {path: "v.csv", crs: "wgs84"},
  facilities: {path: "f.xlsx", crs: "BD-09", encoding: "GBK", header_row: 3}
};

/** Write a region.json (a document without a data_date key gets a valid one, so each case tests one thing). */
async function manifest(doc: unknown): Promise<Awaited<ReturnType<typeof readManifest>>> {
  const dir = await mkdtemp(join(tmpdir(), "cc-manifest-"));
  const full = typeof doc === "object" && doc !== null && !Array.isArray(doc) && !("data_date" in doc) ? {data_date: "2024-12-31", ...doc} : doc;
  await writeFile(join(dir, "region.json"), typeof full === "string" ? full : JSON.stringify(full));
  return readManifest(dir);
}

describe("readManifest", () => {
  it("reads a good manifest: string shorthand, crs and encoding spellings normalised, header row kept", async () => {
    const {manifest: m, errors, warnings} = await manifest({id: "r", name: "县", data_date: "2024-12-31", files: FILES, config: {radii: {community_station: {rural: 1500}}, ranking_weights: {coverage: 1}, basemap: null, extra: 7}});
    expect([errors, warnings]).toEqual([[], []]);
    expect(m!.files.counties).toEqual({path: "counties.csv", encoding: "auto", optional: false});
    expect(m!.files.villages!.crs).toBe("WGS84");
    expect(m!.files.facilities).toEqual({path: "f.xlsx", crs: "BD-09", encoding: "gbk", optional: false, header_row: 3});
    expect(m!.config.radii).toEqual({community_station: {rural: 1500}});
    expect(m!.config.extra).toBe(7);
  });

  it.each([
    ["not JSON", "{files:", /^region\.json: .*JSON/],
    ["not an object", [1, 2], /^region\.json: expected a JSON object$/],
    ["files missing", {}, /^region\.json: expected "files" to be an object naming each file$/],
    ["a required file missing", {files: {...FILES, villages: undefined}}, /^region\.json: files\.villages is required$/],
    ["a file without path", {files: {...FILES, facilities: {crs: "WGS84"}}}, /^region\.json: files\.facilities: expected \{"path": "…"\}$/],
    ["a spatial file without crs", {files: {...FILES, villages: {path: "v.csv"}}}, /^region\.json: files\.villages\.crs is required for a file with coordinates/],
    ["an unknown crs", {files: {...FILES, villages: {path: "v.csv", crs: "EPSG:3857"}}}, /^region\.json: files\.villages\.crs: expected WGS84 .* found "EPSG:3857"$/],
    ["an unknown encoding", {files: {...FILES, counties: {path: "c.csv", encoding: "big5"}}}, /^region\.json: files\.counties\.encoding: expected one of auto, utf-8, gbk, gb18030, found "big5"$/],
    ["a bad header row", {files: {...FILES, counties: {path: "c.csv", header_row: 0}}}, /^region\.json: files\.counties\.header_row: expected a whole number ≥ 1, found 0$/],
    ["a sheet that is not a name", {files: {...FILES, facilities: {path: "f.xlsx", crs: "WGS84", sheet: 2}}}, /^region\.json: files\.facilities\.sheet: expected the name of a sheet of the workbook, found 2$/],
    ["config not an object", {files: FILES, config: 3}, /^region\.json: config must be an object$/],
    ["radius for an unknown type", {files: FILES, config: {radii: {spa: {urban: 1}}}}, /^region\.json: config\.radii\.spa: unknown facility type/],
    ["radius row not an object", {files: FILES, config: {radii: {community_station: 1000}}}, /^region\.json: config\.radii\.community_station: expected \{"urban": m, "rural": m, "pastoral": m\}, found 1000$/],
    ["radius for an unknown class", {files: FILES, config: {radii: {community_station: {suburban: 1}}}}, /^region\.json: config\.radii\.community_station\.suburban: expected urban, rural or pastoral$/],
    ["a radius ≤ 0", {files: FILES, config: {radii: {community_station: {urban: -5}}}}, /^region\.json: config\.radii\.community_station\.urban: expected a radius in metres, > 0 and ≤ 500000, found -5$/],
    ["a radius over 500 km", {files: FILES, config: {radii: {community_station: {urban: 30_000_000}}}}, /^region\.json: config\.radii\.community_station\.urban: expected a radius in metres, > 0 and ≤ 500000, found 30000000$/],
    ["an infinite radius (1e400 in JSON)", '{"data_date": "2024-12-31", "files": ' + JSON.stringify(FILES) + ', "config": {"radii": {"community_station": {"urban": 1e400}}}}', /^region\.json: config\.radii\.community_station\.urban: expected a radius in metres, > 0 and ≤ 500000, found Infinity \(a number too large to use\)$/],
    ["all ranking weights 0", {files: FILES, config: {ranking_weights: {coverage: 0, beds: 0, stations: 0}}}, /^region\.json: config\.ranking_weights: every weight is 0; at least one must be more than 0/],
    ["an unknown ranking criterion", {files: FILES, config: {ranking_weights: {覆盖率: 1, beds: 0.5}}}, /^region\.json: config\.ranking_weights\.覆盖率: unknown criterion, expected one of coverage, beds, stations, centre, meals$/],
    ["an infinite ranking weight", '{"data_date": "2024-12-31", "files": ' + JSON.stringify(FILES) + ', "config": {"ranking_weights": {"coverage": 1e400}}}', /^region\.json: config\.ranking_weights\.coverage: expected a number ≥ 0, found Infinity \(a number too large to use\)$/],
    ["a siting figure that is text", {files: FILES, config: {siting: {max_new_beds: "100"}}}, /^region\.json: config\.siting\.max_new_beds: expected a number ≥ 0, found "100"$/],
    ["a negative subsidy", {files: FILES, config: {siting: {subsidy_per_bed_yuan: -5}}}, /^region\.json: config\.siting\.subsidy_per_bed_yuan: expected a number ≥ 0, found -5$/],
    ["a negative upgrade cost", {files: FILES, config: {siting: {upgrade_cost_yuan: {township_centre: -1}, upgrade_cost_source: "假设"}}}, /^region\.json: config\.siting\.upgrade_cost_yuan\.township_centre: expected a number of yuan ≥ 0, found -1$/],
    ["upgrade costs without a source", {files: FILES, config: {siting: {upgrade_cost_yuan: {township_centre: 4125000}}}}, /^region\.json: config\.siting\.upgrade_cost_source: missing; say where the upgrade costs come from, or that they are assumed \(假设\)$/],
    ["a negative weight", {files: FILES, config: {ranking_weights: {coverage: -1}}}, /^region\.json: config\.ranking_weights\.coverage: expected a number ≥ 0, found -1$/],
    ["weights not an object", {files: FILES, config: {ranking_weights: [1]}}, /^region\.json: config\.ranking_weights must be an object$/],
    ["a basemap that is not a URL", {files: FILES, config: {basemap: 5}}, /^region\.json: config\.basemap: expected a tile URL or null, found 5$/]
  ])("%s: one clear error", async (_, doc, message) => {
    const {errors} = await manifest(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ["2025-06-30", "2025-06-30"],
    ["2025/06/30", "2025-06-30"],
    ["2025.6.30", "2025-06-30"],
    ["2025年6月30日", "2025-06-30"]
  ])("data_date %s is read as %s", async (given, iso) => {
    const {manifest: m, errors} = await manifest({data_date: given, files: FILES});
    expect(errors).toEqual([]);
    expect(m!.data_date).toBe(iso);
  });

  it.each([
    ["2025年6月底", 'region.json: data_date: expected a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日), found "2025年6月底"'],
    ["2025-02-30", 'region.json: data_date: expected a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日), found "2025-02-30" (no such day)'],
    [20250630, 'region.json: data_date: expected a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日), found 20250630'],
    ["", 'region.json: data_date is required: expected a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日), the day the figures describe'],
    [undefined, 'region.json: data_date is required: expected a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日), the day the figures describe']
  ])("data_date %j is a manifest error, not a build crash", async (given, message) => {
    const {errors} = await manifest({data_date: given, files: FILES});
    expect(errors).toEqual([message]);
  });

  it("region.json with a UTF-8 BOM is read; one in GBK is an error asking for UTF-8, not a manifest with a garbled name", async () => {
    const {default: iconv} = await import("iconv-lite");
    const doc = JSON.stringify({name: "青禾县", data_date: "2025-06-30", files: FILES});
    const bom = await manifest("\uFEFF" + doc);
    expect(bom.errors).toEqual([]);
    expect(bom.manifest!.name).toBe("青禾县");
    const dir = await mkdtemp(join(tmpdir(), "cc-manifest-"));
    await writeFile(join(dir, "region.json"), iconv.encode(doc, "gbk"));
    expect(await readManifest(dir)).toEqual({errors: ['region.json must be UTF-8: it is not (saved as GBK / "ANSI"?); save it again with the encoding UTF-8'], warnings: []});
  });

  it("warns about a file kind the contract does not know, and ignores it", async () => {
    const {manifest: m, errors, warnings} = await manifest({files: {...FILES, hospitals: "h.csv"}});
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^region\.json: files\.hospitals is not a file of the contract/)]);
    expect(Object.keys(m!.files)).not.toContain("hospitals");
  });
});
