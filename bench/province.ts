/**
 * A generated province-like region folder in the region contract's own format (docs/data-contract.md): the same
 * files a bureau supplies (counties.csv, villages.csv, facilities.csv, targets.csv, candidates.csv, county and
 * township boundaries as GeoJSON, region.json), so `npm run data:check` and `npm run build` read it exactly as they
 * read a real region. Used by the scale benchmark (bench/scale.ts) and its smoke test.
 *
 * Layout: counties tile a province-sized extent in a grid (west → pastoral banners, a street 街道 per county seat),
 * townships tile their county, villages and facilities lie inside their township's rectangle, so every point is in
 * its own township (the loader's coordinate evidence then agrees with the declared WGS84). Ratios follow the
 * issue's measured province: ~30 villages and ~10 facilities per township, 12 townships per county.
 * Seeded: same options → byte-identical files. Every name says 模拟; nothing here is real data.
 *
 *   npx tsx bench/province.ts --villages 108000 --out .tmp/province-108k
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {mulberry32} from "../src/lib/engine/random.ts";

export interface ProvinceOptions {
  villages: number;
  seed?: number;
  /** [minLng, minLat, maxLng, maxLat]; default a 12° × 10° province in north-west China */
  extent?: [number, number, number, number];
  townshipsPerCounty?: number;
}

export interface ProvinceSummary {
  counties: number;
  townships: number;
  villages: number;
  facilities: number;
  candidates: number;
}

const VILLAGES_PER_TOWNSHIP = 30;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
const csvCell = (v: unknown) => (v === undefined || v === null ? "" : String(v));

function csv(header: string[], rows: Record<string, unknown>[]): string {
  return [header.join(","), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(","))].join("\n") + "\n";
}

/** x clamped into the inner 92 % of [a, b] */
const inside = (x: number, a: number, b: number) => Math.min(b - 0.04 * (b - a), Math.max(a + 0.04 * (b - a), x));

function rect(x0: number, y0: number, x1: number, y1: number): number[][][] {
  // exterior ring counter-clockwise (RFC 7946)
  return [[[r5(x0), r5(y0)], [r5(x1), r5(y0)], [r5(x1), r5(y1)], [r5(x0), r5(y1)], [r5(x0), r5(y0)]]];
}

/** Write the region folder; returns its counts. */
export function writeProvince(out: string, opts: ProvinceOptions): ProvinceSummary {
  const rand = mulberry32(opts.seed ?? 20261201);
  const ext = opts.extent ?? [103, 31, 115, 41];
  const perCounty = opts.townshipsPerCounty ?? 12;
  const nTownships = Math.max(1, Math.round(opts.villages / VILLAGES_PER_TOWNSHIP));
  const nCounties = Math.max(1, Math.ceil(nTownships / perCounty));
  const cols = Math.ceil(Math.sqrt(nCounties * ((ext[2] - ext[0]) / (ext[3] - ext[1]))));
  const rows = Math.ceil(nCounties / cols);
  const cw = (ext[2] - ext[0]) / cols;
  const ch = (ext[3] - ext[1]) / rows;
  const tCols = Math.ceil(Math.sqrt(perCounty));
  const tRows = Math.ceil(perCounty / tCols);

  const counties: Record<string, unknown>[] = [];
  const countyFeatures: unknown[] = [];
  const townshipFeatures: unknown[] = [];
  const villages: Record<string, unknown>[] = [];
  const facilities: Record<string, unknown>[] = [];
  const candidates: Record<string, unknown>[] = [];
  let villagesLeft = opts.villages;
  let townshipsLeft = nTownships;

  for (let c = 0; c < nCounties; c++) {
    const col = c % cols;
    const row = Math.floor(c / cols);
    const x0 = ext[0] + col * cw;
    const y0 = ext[1] + row * ch;
    // codes: province 62, city = 01…, county 01…20 within its city (6 digits, unique)
    const code = `62${String(1 + Math.floor(c / 20)).padStart(2, "0")}${String(1 + (c % 20)).padStart(2, "0")}`;
    const name = `模拟县${String(c + 1).padStart(3, "0")}`;
    const pastoral = col < cols * 0.25;
    countyFeatures.push({type: "Feature", properties: {county_code: code, name}, geometry: {type: "Polygon", coordinates: rect(x0, y0, x0 + cw, y0 + ch)}});
    const nT = Math.min(perCounty, townshipsLeft - (nCounties - 1 - c));
    townshipsLeft -= nT;
    let pop60 = 0, pop65 = 0, pop80 = 0, area = 0;
    let facilityNo = 0;
    for (let t = 0; t < nT; t++) {
      const tx0 = x0 + (t % tCols) * (cw / tCols);
      const ty0 = y0 + Math.floor(t / tCols) * (ch / tRows);
      const tx1 = tx0 + cw / tCols;
      const ty1 = ty0 + ch / tRows;
      // the county seat is a street (001), then towns 1xx and townships 2xx; a development zone (400) in every 10th county
      const kind = t === 0 ? "001" : c % 10 === 9 && t === nT - 1 ? "400" : String((t % 2 ? 100 : 200) + t).padStart(3, "0");
      const tcode = code + kind;
      const settlement = t === 0 ? "urban" : pastoral ? "pastoral" : "rural";
      const tname = `${name}${t === 0 ? "城关街道" : kind === "400" ? "开发区" : `第${t}${kind.startsWith("1") ? "镇" : pastoral ? "苏木" : "乡"}`}`;
      const tArea = ((tx1 - tx0) * 111.32 * Math.cos(((ty0 + ty1) / 2) * Math.PI / 180)) * ((ty1 - ty0) * 110.57);
      area += tArea;
      townshipFeatures.push({
        type: "Feature",
        properties: {township_code: tcode, name: tname, county_code: code, settlement, area_km2: Math.round(tArea * 100) / 100, modelled: "geometry;settlement;area_km2"},
        geometry: {type: "Polygon", coordinates: rect(tx0, ty0, tx1, ty1)}
      });
      // villages: the share left, spread evenly over the townships left
      const nV = Math.max(1, Math.round(villagesLeft / (townshipsLeft + nT - t)));
      villagesLeft -= nV;
      const inset = 0.04;
      const at = (): [number, number] => [r5(tx0 + (inset + (1 - 2 * inset) * rand()) * (tx1 - tx0)), r5(ty0 + (inset + (1 - 2 * inset) * rand()) * (ty1 - ty0))];
      const seat = at();
      const tVillages: [number, number][] = [];
      for (let v = 0; v < nV; v++) {
        // urban communities crowd round the seat; villages spread over the township
        const p: [number, number] = settlement === "urban" && rand() < 0.7
          ? [r5(inside(seat[0] + (rand() - 0.5) * 0.15 * (tx1 - tx0), tx0, tx1)), r5(inside(seat[1] + (rand() - 0.5) * 0.15 * (ty1 - ty0), ty0, ty1))]
          : at();
        tVillages.push(p);
        const p60 = Math.floor((settlement === "urban" ? 300 : 80) + rand() * 500);
        const p65 = Math.floor(p60 * (0.62 + rand() * 0.15));
        const p80 = Math.floor(p65 * (0.15 + rand() * 0.08));
        pop60 += p60; pop65 += p65; pop80 += p80;
        const vcode = tcode + String((settlement === "urban" ? 1 : 200) + v).padStart(3, "0");
        villages.push({
          village_code: vcode, name: `${tname}模拟${settlement === "urban" ? "社区" : "村"}${v + 1}`, township_code: tcode, county_code: code,
          settlement, lng: p[0], lat: p[1], pop60: p60, pop65: p65, pop80: p80,
          disabled: Math.floor(p80 * 0.45 + (p60 - p80) * 0.08), alone: Math.floor(p60 * 0.12), modelled: "name;lng;lat;pop60;pop65;pop80;disabled;alone;settlement"
        });
      }
      const fac = (type: string, p: [number, number], extra: Record<string, unknown> = {}) => {
        facilityNo++;
        facilities.push({
          id: `${code}-F${String(facilityNo).padStart(4, "0")}`, name: `${tname}模拟${TYPE_NAME[type]}${facilityNo}`, type,
          status: rand() < 0.06 ? (rand() < 0.5 ? "construction" : "planned") : "operating",
          county_code: code, township_code: tcode, village_code: "", lng: p[0], lat: p[1],
          beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 300, operator: rand() < 0.7 ? "public" : "private",
          social_workers: Math.floor(rand() * 2), linked_centre: "", opened: "", expected_completion: "", modelled: "name;type;status;lng;lat;beds;nursing_beds;meal_seats;area_m2;operator;social_workers", ...extra
        });
      };
      if (t === 0) {
        const beds = 150 + Math.floor(rand() * 250);
        fac("county_institution", seat, {beds, nursing_beds: Math.floor(beds * (0.4 + rand() * 0.3)), area_m2: beds * 40, status: "operating"});
      }
      if (rand() < 0.85 && kind !== "400") {
        const beds = 10 + Math.floor(rand() * 21);
        fac("township_centre", seat, {beds, nursing_beds: Math.floor(beds * rand() * 0.7), area_m2: beds * 35});
      }
      if (t % 4 === 1) {
        const beds = 40 + Math.floor(rand() * 80);
        fac("nursing_home", at(), {beds, nursing_beds: Math.floor(beds * (0.3 + rand() * 0.4)), area_m2: beds * 38});
      }
      // ~9 village-level places per township, at villages (what makes 36 600 facilities for 108 000 villages)
      for (let v = 0; v < tVillages.length; v++) {
        const r = rand();
        if (r < 0.12) fac("community_station", tVillages[v], {area_m2: 250 + Math.floor(rand() * 300)});
        else if (r < 0.2) fac("mutual_aid", tVillages[v], {area_m2: 150 + Math.floor(rand() * 200)});
        else if (r < 0.26) fac("meal_site", tVillages[v], {meal_seats: 20 + Math.floor(rand() * 60)});
        else if (r < 0.3) fac("day_centre", tVillages[v], {area_m2: 300 + Math.floor(rand() * 300)});
      }
      if (rand() < 0.3) fac("canteen", seat, {meal_seats: 60 + Math.floor(rand() * 140)});
      if (rand() < 0.5) candidates.push({id: `C${tcode}`, name: `${tname}闲置校舍（模拟）`, kind: "school", county_code: code, township_code: tcode, lng: at()[0], lat: at()[1], area_m2: 800 + Math.floor(rand() * 1500), modelled: "name;lng;lat;area_m2"});
    }
    counties.push({
      county_code: code, name, province: "模拟省", city: `模拟市${Math.floor(c / 20) + 1}`,
      pop_total: Math.round(pop60 / 0.21), pop60, pop65, pop80, households65: Math.round(pop65 * 0.7), area_km2: Math.round(area * 100) / 100, modelled: "name;pop_total;pop60;pop65;pop80;households65;area_km2"
    });
  }

  mkdirSync(join(out, "boundaries"), {recursive: true});
  writeFileSync(join(out, "counties.csv"), csv(["county_code", "name", "province", "city", "pop_total", "pop60", "pop65", "pop80", "households65", "area_km2", "modelled"], counties));
  writeFileSync(join(out, "villages.csv"), csv(["village_code", "name", "township_code", "county_code", "settlement", "lng", "lat", "pop60", "pop65", "pop80", "disabled", "alone", "modelled"], villages));
  writeFileSync(join(out, "facilities.csv"), csv(["id", "name", "type", "status", "county_code", "township_code", "village_code", "lng", "lat", "beds", "nursing_beds", "meal_seats", "area_m2", "operator", "social_workers", "linked_centre", "opened", "expected_completion", "modelled"], facilities));
  writeFileSync(join(out, "candidates.csv"), csv(["id", "name", "kind", "county_code", "township_code", "lng", "lat", "area_m2", "modelled"], candidates));
  writeFileSync(join(out, "targets.csv"), csv(["id", "indicator", "scope", "scope_code", "comparator", "threshold", "deadline", "source", "note", "modelled"], TARGETS));
  writeFileSync(join(out, "boundaries", "counties.geojson"), JSON.stringify({type: "FeatureCollection", features: countyFeatures}));
  writeFileSync(join(out, "boundaries", "townships.geojson"), JSON.stringify({type: "FeatureCollection", features: townshipFeatures}));
  writeFileSync(join(out, "region.json"), JSON.stringify(regionJson(opts.villages), null, 2) + "\n");
  return {counties: counties.length, townships: townshipFeatures.length, villages: villages.length, facilities: facilities.length, candidates: candidates.length};
}

const TYPE_NAME: Record<string, string> = {
  county_institution: "社会福利中心", nursing_home: "敬老院", township_centre: "养老服务中心", community_station: "养老服务站",
  mutual_aid: "互助幸福院", meal_site: "助餐点", canteen: "老年食堂", day_centre: "日间照料中心"
};

const TARGETS: Record<string, unknown>[] = [
  {id: "T001", indicator: "beds_per_1000_60", scope: "county", scope_code: "*", comparator: ">=", threshold: 40, deadline: "2025-12-31", source: "GB 50437-2007（2018年版）§3.2.1", note: "模拟省区域的示例目标", modelled: "deadline"},
  {id: "T002", indicator: "nursing_share", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.55, deadline: "2025-12-31", source: "国发〔2021〕35号", note: "模拟省区域的示例目标", modelled: ""},
  {id: "T003", indicator: "township_centre_share", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.6, deadline: "2025-12-31", source: "民发〔2023〕xx号（模拟）", note: "模拟省区域的示例目标", modelled: "source;threshold;deadline"}
];

function regionJson(villages: number): unknown {
  return {
    id: `province-${villages}`,
    name: `模拟省（${villages} 个村社区，规模测试用生成数据）`,
    description: "bench/province.ts 生成的省级规模测试区域：县、乡镇、村社区、设施和边界全部为模拟数据，非真实地图。",
    data_date: "2025-06-30",
    files: {
      counties: {path: "counties.csv"},
      county_boundaries: {path: "boundaries/counties.geojson", crs: "WGS84"},
      township_boundaries: {path: "boundaries/townships.geojson", crs: "WGS84"},
      villages: {path: "villages.csv", crs: "WGS84", encoding: "utf-8"},
      facilities: {path: "facilities.csv", crs: "WGS84", encoding: "utf-8"},
      targets: {path: "targets.csv"},
      candidates: {path: "candidates.csv", crs: "WGS84", optional: true}
    },
    config: {
      ranking_weights: {coverage: 0.4, beds: 0.3, stations: 0.3},
      boundary_status: {county_boundaries: "modelled", township_boundaries: "modelled"}
    }
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const villages = Number(arg("villages") ?? 108000);
  const out = arg("out") ?? join(".tmp", `province-${villages}`);
  const t0 = performance.now();
  const s = writeProvince(out, {villages, seed: Number(arg("seed") ?? 20261201)});
  process.stderr.write(`province: ${s.counties} counties, ${s.townships} townships, ${s.villages} villages, ${s.facilities} facilities, ${s.candidates} candidates → ${out} (${Math.round(performance.now() - t0)} ms)\n`);
}
