/**
 * Issue 12 (trust half): targets named in Chinese, coordinate evidence, shapefile boundaries, provenance labels.
 * Every fixture is written by test/fixtures/trust/build.ts; every test asserts rows read = accepted + rejected.
 */
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode, type FileReport, type LoadReport} from "../../loaders/report.ts";
import {INDICATORS} from "../../src/lib/targets.ts";

const FIX = "test/fixtures/trust";
const load = (name: string) => loadRegion(join(FIX, name));

function file(report: LoadReport, kind: FileReport["file"]): FileReport {
  const f = report.files.find((x) => x.file === kind);
  if (!f) throw new Error(`no ${kind} in report`);
  return f;
}

function expectAccounted(report: LoadReport): void {
  for (const f of report.files) expect(f.rowsRead, f.path).toBe(f.accepted + f.rejected.length);
}

describe("targets named in Chinese", () => {
  it("accept the names the pages show (full-width or ASCII brackets, spaces) as well as the codes; an unknown name is rejected with the closest names", async () => {
    const {region, report} = await load("targets-chinese");
    expectAccounted(report);
    const f = file(report, "targets");
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([5, 4, 1]);
    expect(region.targets.map((t) => [t.id, t.indicator])).toEqual([
      ["T1", "beds_per_1000_60"],
      ["T2", "township_centre_share"],
      ["T3", "meal_seat_ratio"],
      ["T4", "township_centre_share"]
    ]);
    expect(f.rejected[0].message).toBe(
      'targets.csv line 6: 指标 (indicator): unknown indicator "每千名老人养老床位数": expected a code or the name shown on the pages, e.g. beds_per_1000_60 (每千名60岁以上老人养老床位数), beds (养老床位数), nursing_beds_per_1000_60 (每千名60岁以上老人护理型床位数) (the data guide lists all 52 with their codes)'
    );
    expect(exitCode(report)).toBe(1);
  });

  it("every indicator's page name is accepted and maps to its own code", async () => {
    const labels = new Set([...INDICATORS.values()].map((i) => i.label));
    expect(labels.size).toBe(INDICATORS.size);
    const {readFile, writeFile, mkdtemp, cp} = await import("node:fs/promises");
    const {tmpdir} = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "cc-ind-"));
    await cp(join(FIX, "targets-chinese"), dir, {recursive: true});
    const m = (await readFile(join(dir, "region.json"), "utf8")).replaceAll("../../loaders/good", join(process.cwd(), "test/fixtures/loaders/good"));
    await writeFile(join(dir, "region.json"), m);
    const rows = [...INDICATORS.values()].map((ind, n) => `T${n},${ind.label.includes(",") ? `"${ind.label}"` : ind.label},${ind.scopes[0] === "county" ? "区县" : "乡镇"},*,>=,0,2025-12-31,方案`);
    await writeFile(join(dir, "targets.csv"), ["编号,指标,范围,范围代码,比较,阈值,期限,来源", ...rows].join("\n") + "\n");
    const {region, report} = await loadRegion(dir);
    expectAccounted(report);
    expect(file(report, "targets").rejected.map((r) => r.message)).toEqual([]);
    expect(region.targets.map((t) => t.indicator)).toEqual([...INDICATORS.keys()]);
  });
});
