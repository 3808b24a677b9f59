/**
 * Issue 12 (trust half): targets named in Chinese, coordinate evidence, shapefile boundaries, provenance labels.
 * Every fixture is written by test/fixtures/trust/build.ts; every test asserts rows read = accepted + rejected.
 */
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {exitCode, type FileReport, type LoadReport} from "../../loaders/report.ts";
import {INDICATORS} from "../../src/lib/plan/targets.ts";
import {fromWgs84, type Crs} from "../../loaders/coords.ts";
import {crsEvidence, judge, type EvidenceInput, type Signal} from "../../loaders/crs-evidence.ts";
import {county, type County} from "../fixtures/trust/build.ts";
import {main} from "../../loaders/cli.ts";
import {crsCheckText} from "../../src/lib/plan/quality.ts";
import {fileReport as file, expectAccounted} from "./helpers.ts";

const FIX = "test/fixtures/trust";
const load = (name: string) => loadRegion(join(FIX, name));



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

/** Errors of one file, and whether the whole check fails. */
async function evidenceOf(name: string) {
  const {region, report} = await load(name);
  expectAccounted(report);
  return {region, report, errors: (kind: FileReport["file"]) => file(report, kind).errors, verdict: (kind: FileReport["file"]) => file(report, kind).crsEvidence?.verdict};
}

describe("coordinate evidence: fixtures", () => {
  it("crs-base: every file fits its declared system (facilities GCJ-02, the rest WGS84), no error, nothing rejected", async () => {
    const {report, verdict} = await evidenceOf("crs-base");
    expect(report.files.filter((f) => f.crsEvidence).map((f) => [f.file, verdict(f.file)])).toEqual([
      ["county_boundaries", "fits"],
      ["township_boundaries", "fits"],
      ["villages", "fits"],
      ["facilities", "fits"],
      ["candidates", "fits"]
    ]);
    expect(exitCode(report)).toBe(0);
  });

  it("crs-facilities-gcj-as-wgs84: an Amap list declared WGS84 fails, naming GCJ-02 and showing the evidence", async () => {
    const {report, errors} = await evidenceOf("crs-facilities-gcj-as-wgs84");
    expect(errors("facilities")).toEqual([
      'coordinates do not fit the declared WGS84: declared WGS84: 83 % (99 of 120) of points inside their own township; as GCJ-02: 98 % (117 of 120); median distance to the linked village 399 m as declared, 46 m as GCJ-02 (120 points); declared WGS84: 99 % (119 of 120) of points inside any township; as GCJ-02: 100 % (120 of 120); declared WGS84: 99 % (119 of 120) of points inside the county outline; as GCJ-02: 100 % (120 of 120) — the file is probably GCJ-02 (高德/腾讯). Declare "crs": "GCJ-02" for files.facilities in region.json; if the file really is WGS84, set "crs_check": "off" with a "crs_check_reason" there'
    ]);
    for (const kind of ["county_boundaries", "township_boundaries", "villages", "candidates"] as const) expect(errors(kind), kind).toEqual([]);
    expect(exitCode(report, {allowRejects: true})).toBe(1);
  });

  it("crs-facilities-bd-as-gcj: a Baidu list declared GCJ-02 fails, naming BD-09", async () => {
    const {errors} = await evidenceOf("crs-facilities-bd-as-gcj");
    expect(errors("facilities")).toHaveLength(1);
    expect(errors("facilities")[0]).toMatch(/^coordinates do not fit the declared GCJ-02: declared GCJ-02: 71 % \(85 of 120\) of points inside their own township; as BD-09: 98 % \(117 of 120\);/);
    expect(errors("facilities")[0]).toContain("the file is probably BD-09 (百度)");
  });

  it("crs-villages-gcj-as-wgs84: villages picked on Amap and declared WGS84 fail; the facilities judged against them are not blamed", async () => {
    const {errors} = await evidenceOf("crs-villages-gcj-as-wgs84");
    expect(errors("villages")).toHaveLength(1);
    expect(errors("villages")[0]).toMatch(/^coordinates do not fit the declared WGS84: declared WGS84: 89 % \(286 of 320\) of points inside their own township; as GCJ-02: 100 % \(320 of 320\);/);
    expect(errors("villages")[0]).toContain("the file is probably GCJ-02 (高德/腾讯)");
    expect(errors("facilities")).toEqual([]);
  });

  it("crs-townships-gcj-as-wgs84: township boundaries in GCJ-02 declared WGS84 fail, against the points and the county outline; no point file is blamed", async () => {
    const {report, errors} = await evidenceOf("crs-townships-gcj-as-wgs84");
    expect(errors("township_boundaries")).toEqual([
      'coordinates do not fit the declared WGS84 (judged against the points of the other files and the other boundary file): declared WGS84: 89 % (408 of 460) of points inside their own township; as GCJ-02: 99 % (457 of 460); declared WGS84: 97 % (446 of 460) of points inside any township; as GCJ-02: 100 % (460 of 460); county outline and township map agree (inside both or outside both): 96 % of 2304 grid samples as declared, 100 % as GCJ-02 — the file is probably GCJ-02 (高德/腾讯). Declare "crs": "GCJ-02" for files.township_boundaries in region.json; if the file really is WGS84, set "crs_check": "off" with a "crs_check_reason" there'
    ]);
    for (const kind of ["county_boundaries", "villages", "facilities", "candidates"] as const) expect(errors(kind), kind).toEqual([]);
    expect(exitCode(report, {allowRejects: true})).toBe(1);
  });

  it("crs-county-gcj-as-wgs84: a county outline in GCJ-02 declared WGS84 fails; the townships are not blamed", async () => {
    const {errors} = await evidenceOf("crs-county-gcj-as-wgs84");
    expect(errors("county_boundaries")).toHaveLength(1);
    expect(errors("county_boundaries")[0]).toMatch(/^coordinates do not fit the declared WGS84 \(judged against the points of the other files and the other boundary file\): declared WGS84: 97 % \(446 of 460\) of points inside the county outline; as GCJ-02: 100 % \(459 of 460\);/);
    expect(errors("township_boundaries")).toEqual([]);
  });

  it("crs-check-off: the same file with \"crs_check\": \"off\" and a reason is a note giving the reason and the evidence, not an error", async () => {
    const {report, errors} = await evidenceOf("crs-check-off");
    const f = file(report, "facilities");
    expect(errors("facilities")).toEqual([]);
    const note = f.notes.find((n) => n.startsWith("coordinate check off"));
    expect(note).toMatch(/^coordinate check off \("crs_check": "off" in region.json, reason: 测试：坐标已由测绘队核实为 WGS84\); it would have failed: coordinates do not fit the declared WGS84: /);
    expect(f.crsEvidence?.likely).toBe("GCJ-02");
    expect(exitCode(report, {allowRejects: true})).toBe(0);
  });

  it("crs-check-off-no-reason: switching the check off without a reason is a region.json error", async () => {
    const {report} = await load("crs-check-off-no-reason");
    expect(report.errors).toEqual([
      'region.json: files.facilities.crs_check "off" needs a "crs_check_reason" saying why the coordinates are right although they fit another system better (it is shown on the quality page)'
    ]);
  });

  it("the default region and the own-region fixture raise no coordinate error", async () => {
    for (const folder of ["data/default", "test/fixtures/own-region"]) {
      const {report} = await loadRegion(folder);
      for (const f of report.files) {
        expect(f.errors.filter((e) => e.startsWith("coordinates do not fit")), `${folder} ${f.path}`).toEqual([]);
        if (f.crsEvidence) expect(f.crsEvidence.verdict, `${folder} ${f.path}`).not.toBe("probably");
      }
    }
  }, 30_000);

  it("data:check fails on a wrong declaration and prints the evidence", async () => {
    const out: string[] = [];
    const [write, errWrite] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => out.push(s) > 0) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main([join(FIX, "crs-facilities-gcj-as-wgs84"), "--allow-rejects"]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    expect(code).toBe(1);
    expect(out.join("")).toContain("  ERROR coordinates do not fit the declared WGS84: declared WGS84: 83 % (99 of 120) of points inside their own township; as GCJ-02: 98 % (117 of 120)");
  });
});

/** An in-memory region from a generated county: each file written in `crs` where given, else in its true system. */
function inputOf(c: County, written: Partial<Record<"villages" | "facilities" | "candidates", Crs>>, declared: Partial<Record<"villages" | "facilities" | "candidates", Crs>>): EvidenceInput {
  const poly = (code: string, ring: readonly [number, number][]) => ({type: "Feature" as const, properties: {code}, geometry: {type: "Polygon" as const, coordinates: [ring.map((p) => [...p])]}});
  return {
    declared: {county_boundaries: "WGS84", township_boundaries: "WGS84", villages: declared.villages ?? "WGS84", facilities: declared.facilities ?? "WGS84", candidates: declared.candidates ?? "WGS84"},
    samples: {
      villages: c.villages.map((v) => ({raw: fromWgs84(v.p, written.villages ?? "WGS84"), township: v.township})),
      facilities: c.facilities.map((f) => ({raw: fromWgs84(f.p, written.facilities ?? "WGS84"), township: f.township, village: f.village})),
      candidates: c.candidates.map((k) => ({raw: fromWgs84(k.p, written.candidates ?? "WGS84"), township: k.township}))
    },
    counties: [poly("640302", c.outline)],
    townships: c.townships.map((t) => poly(t.code, t.ring)),
    villages: new Map(c.villages.map((v) => [v.code, v.p]))
  };
}

describe("coordinate evidence: the rule across places and random counties", () => {
  // south (Guangzhou), north-east (Harbin), west (Kashgar), and the fixtures' place: GCJ offsets differ in size and direction
  const PLACES: [number, number][] = [[113.2, 23.0], [126.5, 45.6], [75.9, 39.4], [106.0, 37.9]];
  const SYSTEMS: Crs[] = ["WGS84", "GCJ-02", "BD-09"];
  for (const [x, y] of PLACES) {
    it(`at ${x}°E ${y}°N: right declarations pass, every wrong one of the point files is named (3 seeds)`, () => {
      for (const seed of [1, 2, 3]) {
        const c = county(seed, x, y);
        for (const truth of SYSTEMS) {
          for (const said of SYSTEMS) {
            const ev = crsEvidence(inputOf(c, {facilities: truth, villages: truth}, {facilities: said, villages: said}));
            for (const kind of ["villages", "facilities"] as const) {
              const e = ev[kind]!;
              if (truth === said) expect(e.verdict, `${kind} seed ${seed} ${truth}`).not.toBe("probably");
              else expect([e.verdict, e.likely], `${kind} seed ${seed} ${truth} declared ${said}`).toEqual(["probably", truth]);
            }
            expect(ev.township_boundaries!.verdict).not.toBe("probably");
            expect(ev.county_boundaries!.verdict).not.toBe("probably");
          }
        }
      }
    }, 60_000);
  }

  it("a file too small to show a shift is undecided, not blamed; nor is it passed as proven", () => {
    const c = county(7);
    const small = {...c, facilities: c.facilities.slice(0, 4)};
    const ev = crsEvidence(inputOf(small, {facilities: "GCJ-02"}, {facilities: "WGS84"}));
    expect(ev.facilities!.verdict).toBe("undecided");
  });
});

describe("coordinate evidence: boundaries against each other, county by county", () => {
  const poly = (code: string, ring: readonly (readonly number[])[]) => ({type: "Feature" as const, properties: {code}, geometry: {type: "Polygon" as const, coordinates: [ring.map((p) => [p[0], p[1]])]}});
  const square = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
  const gcj = (ring: readonly (readonly number[])[]) => ring.map((p) => fromWgs84([p[0], p[1]], "GCJ-02"));
  // county A: fully covered by 16 townships written in GCJ-02 (declared WGS84); county B: one small detailed town
  const a = county(5);
  const input = (withA: boolean): EvidenceInput => ({
    declared: {county_boundaries: "WGS84", township_boundaries: "WGS84"},
    samples: {},
    counties: [...(withA ? [poly("640302", a.outline)] : []), poly("640303", square(107, 38, 0.3))],
    townships: [...(withA ? a.townships.map((t) => poly(t.code, gcj(t.ring))) : []), poly("640303100", gcj(square(107.1, 38.1, 0.05)))],
    villages: new Map()
  });
  it("a shifted township map is found from the county it covers, while a county with one detailed town is left out", () => {
    const ev = crsEvidence(input(true)).township_boundaries!;
    const grid = ev.signals.find((s) => s.kind === "county_vs_townships")!;
    expect(grid.n).toBe(48 * 48);
    expect([ev.verdict, ev.likely]).toEqual(["probably", "GCJ-02"]);
  });
  it("a region whose only county is mapped in part is not compared at all (no grid samples), so not blamed", () => {
    const ev = crsEvidence(input(false)).township_boundaries!;
    expect(ev.signals.find((s) => s.kind === "county_vs_townships")!.n).toBe(0);
    expect(ev.verdict).toBe("undecided");
  });
});

describe("coordinate evidence: the decision rule", () => {
  const signal = (better: number, worse: number, min = 5): Signal => ({kind: "own_township", n: 100, value: {WGS84: 0.8, "GCJ-02": 0.9, "BD-09": 0.5}, discordant: {"GCJ-02": {better, worse}, "BD-09": {better: 0, worse: 40}}, min});
  it("needs enough discordant points, a 4:1 majority, and no signal clearly against", () => {
    expect(judge("facilities", "WGS84", [signal(5, 1)]).likely).toBe("GCJ-02");
    expect(judge("facilities", "WGS84", [signal(4, 0)]).verdict).toBe("fits");
    expect(judge("facilities", "WGS84", [signal(12, 4)]).verdict).toBe("fits");
    expect(judge("facilities", "WGS84", [signal(20, 5)]).likely).toBe("GCJ-02");
    const against: Signal = {...signal(0, 0), kind: "county", discordant: {"GCJ-02": {better: 2, worse: 6}}};
    expect(judge("facilities", "WGS84", [signal(20, 5), against]).verdict).toBe("fits");
    expect(judge("facilities", "WGS84", [{...signal(0, 0), discordant: {"GCJ-02": {better: 0, worse: 0}, "BD-09": {better: 0, worse: 0}}}]).verdict).toBe("undecided");
  });
});

describe("township code kind digits", () => {
  it("township-kinds: unknown kind digits are a warning and the township loads; zones are named in a note", async () => {
    const {region, report} = await load("township-kinds");
    expectAccounted(report);
    const f = file(report, "township_boundaries");
    expect([f.rowsRead, f.accepted, f.rejected.length, f.errors]).toEqual([5, 5, 0, []]);
    expect(f.warnings.map((w) => w.message)).toEqual([
      'townships.geojson feature 4: 乡镇代码 (township_code): digits 7–9 "701" of 640302701 are no kind of the statistical code (001–099 街道, 100–199 镇, 200–399 乡/苏木, 400–599 类似乡级单位 such as development zones): the township is counted in county shares like a town; check the code'
    ]);
    expect(f.notes).toContain("1 unit(s) coded 400–599 (类似乡级单位: development zones, farms, parks) are not counted in a county's township-centre share (乡镇综合养老服务中心覆盖率): 金积工业园区 640302450");
    expect(region.townships.map((t) => t.code)).toContain("640302701");
  });
});

describe("the coordinate check on the quality page", () => {
  it("says in Chinese what the evidence found, per file", async () => {
    const wrong = (await load("crs-facilities-gcj-as-wgs84")).report;
    expect(crsCheckText(file(wrong, "facilities"))).toBe("与声明的 WGS84 不符：很可能是 GCJ-02（高德、腾讯）");
    const base = (await load("crs-base")).report;
    expect(crsCheckText(file(base, "facilities"))).toBe("与其他文件对照，符合声明的 GCJ-02（高德、腾讯）");
    const small = (await loadRegion("test/fixtures/loaders/good")).report;
    expect(crsCheckText(file(small, "candidates"))).toBe("边界附近的点太少，无法判断（未发现问题）");
    expect(crsCheckText(file(small, "counties"))).toBeUndefined();
  });
});
