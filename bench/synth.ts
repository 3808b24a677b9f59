/**
 * Seeded synthetic regions for benchmarks and tests: counties scattered over a China-like extent (denser in
 * the east), townships clustered around county seats, villages and facilities clustered around township seats.
 * Urban clusters are tight, pastoral ones wide. Nothing here is real data.
 */
import {TIER_OF} from "../src/lib/facility-types.ts";
import {gaussian, mulberry32} from "../src/lib/engine/random.ts";
import type {County, Facility, FacilityStatus, FacilityType, SettlementClass, Township, Village} from "../src/lib/types.ts";

export interface SynthOptions {
  seed: number;
  villages: number;
  facilities: number;
  /** [minLng, minLat, maxLng, maxLat]; default China-like 75–134°E, 18–53°N */
  extent?: [number, number, number, number];
  /** number of counties; default villages / 250 (at least 1) */
  counties?: number;
  /** share of facilities not operating (default 0.1) */
  idleShare?: number;
}

export interface SynthRegion {
  counties: County[];
  townships: Township[];
  villages: Village[];
  facilities: Facility[];
}

const SPREAD: Record<SettlementClass, number> = {urban: 0.03, rural: 0.12, pastoral: 0.5};
const TYPE_WEIGHTS: [FacilityType, number][] = [
  ["county_institution", 0.02],
  ["nursing_home", 0.05],
  ["township_centre", 0.1],
  ["community_station", 0.33],
  ["day_centre", 0.1],
  ["mutual_aid", 0.17],
  ["canteen", 0.08],
  ["meal_site", 0.15]
];

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of weighted) if ((r -= w) < 0) return x;
  return weighted[weighted.length - 1][0];
}

function clampTo(ext: [number, number, number, number], lng: number, lat: number): [number, number] {
  return [Math.min(ext[2], Math.max(ext[0], lng)), Math.min(ext[3], Math.max(ext[1], lat))];
}

/** Generate a seeded region. Same options → same region. */
export function synthRegion(opts: SynthOptions): SynthRegion {
  const rand = mulberry32(opts.seed);
  const ext = opts.extent ?? [75, 18, 134, 53];
  const nCounties = opts.counties ?? Math.max(1, Math.round(opts.villages / 250));
  const counties: County[] = [];
  const townships: (Township & {lng: number; lat: number})[] = [];
  for (let c = 0; c < nCounties; c++) {
    const code = String(110000 + c).padStart(6, "0");
    // east-heavy: sqrt pushes longitudes towards the eastern edge
    const lng = ext[0] + Math.sqrt(rand()) * (ext[2] - ext[0]);
    const lat = ext[1] + rand() * (ext[3] - ext[1]);
    const west = (lng - ext[0]) / (ext[2] - ext[0] || 1) < 0.35;
    const nT = 3 + Math.floor(rand() * 10);
    for (let t = 0; t < nT; t++) {
      const settlement: SettlementClass = west ? (rand() < 0.7 ? "pastoral" : "rural") : t === 0 || rand() < 0.2 ? "urban" : "rural";
      const s = SPREAD[settlement] * 2;
      const [tl, tb] = clampTo(ext, lng + gaussian(rand) * s, lat + gaussian(rand) * s);
      townships.push({code: code + String(100 + t).padStart(3, "0"), name: `T${c}-${t}`, county_code: code, settlement, area_km2: 0, modelled: ["all"], lng: tl, lat: tb});
    }
    counties.push({code, name: `C${c}`, pop_total: 0, pop60: 0, pop65: 0, pop80: 0, area_km2: 0, modelled: ["all"]});
  }
  const villages: Village[] = [];
  const perTownship = new Map<string, number>();
  for (let i = 0; i < opts.villages; i++) {
    const t = townships[Math.floor(rand() * townships.length)];
    const k = perTownship.get(t.code) ?? 0;
    perTownship.set(t.code, k + 1);
    const s = SPREAD[t.settlement];
    const [lng, lat] = clampTo(ext, t.lng + gaussian(rand) * s, t.lat + gaussian(rand) * s);
    const pop60 = Math.floor(50 + rand() * 600);
    const pop65 = Math.floor(pop60 * (0.6 + rand() * 0.2));
    const pop80 = Math.floor(pop65 * (0.15 + rand() * 0.1));
    villages.push({
      code: t.code + String(k % 1000).padStart(3, "0"),
      name: `V${i}`,
      township_code: t.code,
      county_code: t.county_code,
      kind: t.settlement === "urban" ? "community" : "village",
      settlement: t.settlement,
      lng,
      lat,
      pop60,
      pop65,
      pop80,
      disabled: Math.floor(pop60 * 0.05 * rand()),
      alone: Math.floor(pop60 * 0.1 * rand()),
      modelled: ["all"]
    });
  }
  const facilities: Facility[] = [];
  const idleShare = opts.idleShare ?? 0.1;
  const statuses: [FacilityStatus, number][] = [["construction", 0.4], ["planned", 0.4], ["upgrading", 0.2]];
  for (let i = 0; i < opts.facilities; i++) {
    const t = townships[Math.floor(rand() * townships.length)];
    const type = pick(rand, TYPE_WEIGHTS);
    const s = SPREAD[t.settlement];
    const [lng, lat] = clampTo(ext, t.lng + gaussian(rand) * s, t.lat + gaussian(rand) * s);
    const beds = TIER_OF[type] === "county" ? 50 + Math.floor(rand() * 250) : type === "township_centre" ? Math.floor(rand() * 31) : 0;
    facilities.push({
      id: `F${String(i).padStart(7, "0")}`,
      name: `F${i}`,
      type,
      tier: TIER_OF[type],
      status: rand() < idleShare ? pick(rand, statuses) : "operating",
      county_code: t.county_code,
      township_code: t.code,
      lng,
      lat,
      beds,
      nursing_beds: Math.floor(beds * rand()),
      meal_seats: TIER_OF[type] === "meal" ? 20 + Math.floor(rand() * 180) : 0,
      area_m2: beds * 35 + 200,
      operator: "public",
      social_workers: Math.floor(rand() * 3),
      modelled: ["all"]
    });
  }
  return {counties, townships: townships.map(({lng: _l, lat: _b, ...t}) => t), villages, facilities};
}
