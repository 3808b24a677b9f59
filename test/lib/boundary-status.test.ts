import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadRegion, type Region} from "../../loaders/region.ts";
import {readManifest} from "../../loaders/manifest.ts";
import {boundaryNotice, boundaryProvenance, outlineLabels, statusSuffix} from "../../src/lib/plan/boundary-status.ts";
import {legendSections} from "../../src/lib/view/legend.ts";

/** What src/data/region.json.ts gives the pages: the config and the modelled fields of the boundary files. */
function pageData(region: Region) {
  const fields = (rs: readonly {modelled: string[]}[]) => [...new Set(rs.flatMap((r) => r.modelled))];
  return {
    config: region.config,
    modelled: {township_boundaries: fields(region.townshipBoundaries.features.map((f) => f.properties)), county_boundaries: fields(region.countyBoundaries.features.map((f) => f.properties))}
  };
}

describe("boundary labels come from the region's data", () => {
  it("the default region keeps 县界（示意） and 乡镇界（模拟） and both sentences of the notice", async () => {
    const {region} = await loadRegion("data/default");
    const p = boundaryProvenance(pageData(region));
    expect(p).toEqual({county: "schematic", township: "modelled"});
    expect(outlineLabels(p)).toEqual({county: "县界（示意）", township: "乡镇界（模拟）"});
    expect(boundaryNotice(p)).toBe("县界轮廓为示意，非官方地图（中国地图须经审图）；乡镇边界为模拟划分。");
    expect(statusSuffix(p.township)).toBe("（模拟）");
  }, 30_000);

  it("a user's region with its own boundaries (no boundary_status, no modelled geometry) shows no 模拟 or 示意", async () => {
    const {region} = await loadRegion("test/fixtures/own-region");
    const p = boundaryProvenance(pageData(region));
    expect(p).toEqual({county: "official", township: "official"});
    expect(outlineLabels(p)).toEqual({county: "县界", township: "乡镇界"});
    expect(boundaryNotice(p)).toBe("");
    const outlines = legendSections(new Set(["outlines"]), {outlineLabels: outlineLabels(p)})[0];
    expect(outlines.items.map((i) => i.label)).toEqual(["县界", "乡镇界"]);
  });

  it("township polygons whose features say modelled: geometry are 模拟 without any declaration; a declaration wins", () => {
    expect(boundaryProvenance({config: {}, modelled: {township_boundaries: ["geometry", "settlement"]}})).toEqual({county: "official", township: "modelled"});
    expect(boundaryProvenance({config: {boundary_status: {township_boundaries: "official"}}, modelled: {township_boundaries: ["geometry"]}}).township).toBe("official");
    expect(outlineLabels({county: "modelled", township: "schematic"})).toEqual({county: "县界（模拟）", township: "乡镇界（示意）"});
  });

  it("the legend's outline labels are plain unless given", () => {
    expect(legendSections(new Set(["outlines"]))[0].items.map((i) => i.label)).toEqual(["县界", "乡镇界"]);
    expect(legendSections(new Set(["outlines"]), {outlineLabels: {county: "县界（示意）", township: "乡镇界（模拟）"}})[0].items.map((i) => i.label)).toEqual(["县界（示意）", "乡镇界（模拟）"]);
  });

  it("no page or component hard-codes a boundary label (示意/模拟 of 县界 or 乡镇界)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (!name.startsWith(".")) walk(path);
        } else if (/\.(ts|js|md)$/.test(name) && !path.endsWith("boundary-status.ts") && !path.endsWith("guide.md")) files.push(path);
      }
    };
    walk("src");
    const hard = files.filter((f) => /(县界|乡镇界|乡镇边界|县界轮廓)[^"`\n]{0,12}(（模拟）|（示意）|为示意|为模拟)/.test(readFileSync(f, "utf8")));
    expect(hard).toEqual([]);
  });

  it("region.json: config.boundary_status values are checked", async () => {
    const {mkdtemp, writeFile} = await import("node:fs/promises");
    const {tmpdir} = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "cc-bs-"));
    const m = JSON.parse(readFileSync("test/fixtures/loaders/good/region.json", "utf8"));
    m.config.boundary_status = {county_boundaries: "示意", townships: "official"};
    await writeFile(join(dir, "region.json"), JSON.stringify(m));
    const {errors} = await readManifest(dir);
    expect(errors).toEqual([
      'region.json: config.boundary_status.county_boundaries: expected one of official, schematic, modelled (official: no label; schematic: 示意; modelled: 模拟), found "示意"',
      "region.json: config.boundary_status.townships: expected county_boundaries or township_boundaries"
    ]);
  });
});
