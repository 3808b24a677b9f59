import {cp, mkdtemp, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {mapHeaders, type FileKind} from "../../loaders/aliases.ts";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode} from "../../loaders/report.ts";
import {TEMPLATE_COLUMNS} from "../../loaders/templates.ts";

describe("data/templates", () => {
  it("every template header maps to a contract field", () => {
    for (const [kind, columns] of Object.entries(TEMPLATE_COLUMNS)) {
      const roles = mapHeaders(kind as FileKind, columns.map((c) => c[0]));
      expect(roles.filter((r) => r.kind !== "field").map((r) => r.header), kind).toEqual([]);
    }
  });

  it("is a valid region: every file loads with no reject, error or warning", async () => {
    const {region, report} = await loadRegion("data/templates");
    expect(exitCode(report)).toBe(0);
    expect(report.files.every((f) => f.rowsRead === 1 && f.accepted === 1 && f.warnings.length === 0 && f.unknownColumns.length === 0)).toBe(true);
    expect(region.projects[0].budget_yuan).toBe(500000);
  });

  it("the .xlsx templates load to the same records as the CSV ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "templates-"));
    await cp("data/templates", dir, {recursive: true});
    const manifest = JSON.parse(await readFile(join(dir, "region.json"), "utf8"));
    for (const spec of Object.values(manifest.files) as {path: string}[]) spec.path = spec.path.replace(/\.csv$/, ".xlsx");
    await writeFile(join(dir, "region.json"), JSON.stringify(manifest));
    const fromCsv = await loadRegion("data/templates");
    const fromXlsx = await loadRegion(dir);
    expect(fromXlsx.report.files.filter((f) => f.format === "xlsx")).toHaveLength(6);
    expect(fromXlsx.report.files.map((f) => [f.accepted, f.rejected.length])).toEqual(fromCsv.report.files.map((f) => [f.accepted, f.rejected.length]));
    const {meta: _a, ...xlsxRecords} = fromXlsx.region;
    const {meta: _b, ...csvRecords} = fromCsv.region;
    expect(xlsxRecords).toEqual(csvRecords);
  });
});
