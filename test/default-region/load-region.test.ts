/**
 * The default region through the project's own loader (loaders/region.ts): every row accepted, nothing
 * warned about villages or facilities, GCJ-02 facilities back within 1 m of the generator's WGS84 positions.
 */
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {CENSUS} from "../../loaders/default-region/census.ts";
import {buildRegion, readInputs} from "../../loaders/default-region/generate.ts";
import {loadRegion} from "../../loaders/region.ts";
import {INDICATORS} from "../../src/lib/plan/targets.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** Metres between two WGS84 points (haversine). */
function metres(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe("loadRegion('data/default')", async () => {
  const {region, report} = await loadRegion(join(ROOT, "data", "default"), {indicators: [...INDICATORS.keys()]});

  it("accepts every row of every file", () => {
    expect(report.errors).toEqual([]);
    expect(report.files.length).toBe(8);
    for (const f of report.files) {
      expect(f.errors, f.path).toEqual([]);
      expect(f.rejected.map((r) => r.message), f.path).toEqual([]);
      expect(f.accepted, f.path).toBe(f.rowsRead);
    }
    const rows = Object.fromEntries(report.files.map((f) => [f.file, f.rowsRead]));
    expect(rows).toMatchObject({counties: 5, county_boundaries: 5, township_boundaries: 53, villages: 746});
  });

  it("raises no warning on villages, facilities, candidates or projects", () => {
    for (const f of report.files.filter((x) => ["villages", "facilities", "candidates", "projects"].includes(x.file))) {
      expect(f.warnings.map((w) => w.message), f.path).toEqual([]);
    }
  });

  it("carries the census totals and the modelled flags", () => {
    for (const c of CENSUS) {
      const vs = region.villages.filter((v) => v.county_code === c.code);
      expect(vs.reduce((s, v) => s + v.pop60, 0)).toBe(c.pop60);
      expect(vs.reduce((s, v) => s + v.pop80, 0)).toBe(c.pop80);
    }
    expect(region.villages.every((v) => v.modelled.includes("pop60") && v.modelled.includes("lng"))).toBe(true);
    expect(region.facilities.every((f) => f.modelled.includes("lng"))).toBe(true);
  });

  it("converts the GCJ-02 facilities back to within 1 m of the generator's WGS84 positions", () => {
    const gen = new Map(buildRegion(readInputs(ROOT)).facilities.map((f) => [f.id, f]));
    const fac = report.files.find((f) => f.file === "facilities")!;
    expect(fac.converted).toBe(region.facilities.length);
    let worst = 0;
    for (const f of region.facilities) {
      const g = gen.get(f.id)!;
      worst = Math.max(worst, metres([f.lng, f.lat], [g.lng, g.lat]));
    }
    expect(worst).toBeLessThan(1);
  });
});
