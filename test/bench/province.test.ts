/**
 * The scale bench's province generator (bench/province.ts) in `npm test`: a small province is written in the region
 * contract's own files and read back by the region loader with no error, no rejected row and no warning (the scale
 * figures are only worth something if the loader reads the province as it reads a bureau's files), every village
 * and facility lies in its own township, the bundles partition it, and the same seed writes the same bytes.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import * as turf from "@turf/turf";
import {afterAll, describe, expect, it} from "vitest";
import {writeProvince} from "../../bench/province.ts";
import {loadRegion} from "../../loaders/region.ts";
import {explorerChunks} from "../../src/lib/plan/units.ts";

const dir = mkdtempSync(join(tmpdir(), "cc-province-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("bench/province.ts", () => {
  it("writes a province the loader accepts whole: no error, no rejected row, no warning", async () => {
    const s = writeProvince(join(dir, "a"), {villages: 1500, seed: 7});
    expect(s).toMatchObject({villages: 1500, townships: 50, counties: 5});
    const {region, report} = await loadRegion(join(dir, "a"));
    expect(report.errors).toEqual([]);
    for (const f of report.files) {
      expect(f.errors, f.path).toEqual([]);
      expect(f.rejected, f.path).toEqual([]);
      expect(f.warnings, f.path).toEqual([]);
    }
    expect(region.villages.length).toBe(1500);
    expect(region.facilities.length).toBe(s.facilities);
    expect(region.townships.length).toBe(50);
    // every point in its own township's polygon (Turf as the oracle)
    const polygon = new Map(region.townshipBoundaries.features.map((f) => [f.properties.code, f]));
    for (const p of [...region.villages, ...region.facilities]) expect(turf.booleanPointInPolygon([p.lng, p.lat], polygon.get(p.township_code)!)).toBe(true);
    // explorer bundles of whole counties in order
    expect(explorerChunks({counties: region.counties, villages: region.villages} as never, 400).flat()).toEqual(region.counties.map((c) => c.code));
  }, 60_000);

  it("is seeded: the same options write the same files", () => {
    writeProvince(join(dir, "b"), {villages: 600, seed: 11});
    writeProvince(join(dir, "c"), {villages: 600, seed: 11});
    for (const f of ["villages.csv", "facilities.csv", "counties.csv", "boundaries/townships.geojson", "region.json"]) {
      expect(readFileSync(join(dir, "b", f), "utf-8")).toBe(readFileSync(join(dir, "c", f), "utf-8"));
    }
  });
});
