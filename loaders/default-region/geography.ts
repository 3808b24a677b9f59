/**
 * Modelled geography and demand of the default region: township polygons inside each real county outline,
 * village/community positions inside their township, and the split of the census older population over
 * villages. Real inputs: data/sources/county-outlines.geojson and data/sources/divisions.json (see
 * scripts/extract-outlines.ts); census figures in ./census.ts.
 */
import * as turf from "@turf/turf";
import type {Feature, MultiPolygon, Polygon} from "geojson";
import type {SettlementClass} from "../../src/lib/types.ts";
import {apportion} from "./apportion.ts";
import type {CensusCounty} from "./census.ts";
import {Proj, type Area, type XY, areaCentroid, boundaryDistance, insideWithMargin, partition, randomInside, roundGeometry, round5} from "./geometry.ts";
import {rng, type Rng} from "./prng.ts";

export interface DivisionVillage {code: string; name: string; official_name: string; kind: "community" | "village"}
export interface DivisionTownship {code: string; name: string; villages: DivisionVillage[]}
export interface DivisionCounty {county_code: string; name: string; townships: DivisionTownship[]}
export interface OutlineProps {county_code: string; name: string; area_km2: number; label_point: [number, number]; source: string}

/** The seat township of each county (where the county label point of the source map anchors the seat cluster). Modelled choice. */
export const SEAT_TOWNSHIP: Readonly<Record<string, string>> = {
  "150626": "150626100", // 嘎鲁图镇
  "150625": "150625100", // 锡尼镇
  "640302": "640302106", // 金星镇
  "500120": "500120001", // 璧城街道
  "310116": "310116101" // 朱泾镇
};

export interface TownshipGeo {
  code: string;
  name: string;
  county_code: string;
  settlement: SettlementClass;
  isSeat: boolean;
  cellKm: Area;
  geometry: Polygon | MultiPolygon; // WGS84, rounded to 5 decimals
  area_km2: number;
  seatKm: XY;
  villages: VillageGeo[];
}

export interface VillageGeo {
  code: string;
  name: string;
  official_name: string;
  kind: "community" | "village";
  settlement: SettlementClass;
  township: TownshipGeo;
  km: XY;
  lng: number;
  lat: number;
  weight: number;
  pop60: number;
  pop65: number;
  pop80: number;
  disabled: number;
  alone: number;
}

export interface CountyGeo {
  census: CensusCounty;
  proj: Proj;
  outline: Feature<Polygon | MultiPolygon, OutlineProps>;
  outlineKm: Area;
  area_km2: number;
  townships: TownshipGeo[];
  villages: VillageGeo[];
}

/** A development zone whose divisions are only a virtual community or farm living quarters. */
export function isZone(t: DivisionTownship): boolean {
  return /开发区|园区/.test(t.name) && t.villages.length <= 2 && t.villages.every((v) => /虚拟社区|生活区/.test(v.name));
}

const isOrdos = (code: string): boolean => code.startsWith("1506");

/** Settlement class of a township (rule, documented in provenance). */
export function townshipSettlement(county: string, t: DivisionTownship): SettlementClass {
  const n = t.villages.length || 1;
  const communities = t.villages.filter((v) => v.kind === "community").length;
  if (t.name.endsWith("街道") || communities / n >= 0.6) return "urban";
  if (isOrdos(county)) {
    const villages = t.villages.filter((v) => v.kind === "village");
    const gacha = villages.filter((v) => v.name.includes("嘎查")).length;
    if (t.name.endsWith("苏木") || gacha / (villages.length || 1) >= 0.4) return "pastoral";
  }
  return "rural";
}

/** Settlement class of a village/community (rule): communities urban; Ordos gacha or villages of pastoral townships pastoral. */
export function villageSettlement(county: string, v: DivisionVillage, township: SettlementClass): SettlementClass {
  if (v.kind === "community") return "urban";
  if (isOrdos(county) && (v.name.includes("嘎查") || township === "pastoral")) return "pastoral";
  if (township === "urban" && v.name.endsWith("生活区")) return "urban";
  return "rural";
}

/** Relative older-population weight of a village (modelled: lognormal around a class mean). */
function villageWeight(v: DivisionVillage, s: SettlementClass, townshipUrban: boolean, r: Rng): number {
  let mean: number;
  if (/虚拟社区|生活区/.test(v.name)) mean = 0.08;
  else if (v.kind === "community") mean = townshipUrban ? 1.0 : 0.7;
  else if (s === "pastoral") mean = 0.22;
  else mean = 0.5;
  return mean * Math.exp(0.35 * r.normal());
}

function buildTownships(c: CensusCounty, div: DivisionCounty, proj: Proj, outlineKm: Area, labelKm: XY): TownshipGeo[] {
  const r = rng(`${c.code}:townships`);
  const seatCode = SEAT_TOWNSHIP[c.code];
  const ts = div.townships;
  const settlement = ts.map((t) => townshipSettlement(c.code, t));
  const total = ts.length;
  const countyArea = Math.abs(polyAreaKm(outlineKm));
  const spacing = Math.sqrt(countyArea / total);
  const urbanIdx = ts.map((_, i) => i).filter((i) => settlement[i] === "urban" && ts[i].code !== seatCode);
  // Development zones with hardly any residents (虚拟社区, 生活区 only) get a small cell next to the seat.
  const zoneIdx = ts.map((_, i) => i).filter((i) => isZone(ts[i]) && ts[i].code !== seatCode && !urbanIdx.includes(i));
  const sites: {p: XY; fixed: boolean}[] = new Array(total);
  const seatIdx = ts.findIndex((t) => t.code === seatCode);
  if (seatIdx < 0) throw new Error(`${c.code}: seat township ${seatCode} not in divisions`);
  sites[seatIdx] = {p: labelKm, fixed: true};
  // Urban townships ring the seat (the urban core); placed, then fixed.
  const ringR = 0.55 * spacing;
  urbanIdx.forEach((i, k) => {
    let rad = ringR;
    const ang = (2 * Math.PI * k) / urbanIdx.length + r.uniform(-0.3, 0.3);
    let p: XY = [labelKm[0] + rad * Math.cos(ang), labelKm[1] + rad * Math.sin(ang)];
    while (!insideWithMargin(p, outlineKm, 0.5) && rad > 0.3) {
      rad *= 0.8;
      p = [labelKm[0] + rad * Math.cos(ang), labelKm[1] + rad * Math.sin(ang)];
    }
    sites[i] = {p, fixed: true};
  });
  zoneIdx.forEach((i, k) => {
    let rad = 0.45 * spacing;
    const ang = r.uniform(0, 2 * Math.PI) + k;
    let p: XY = [labelKm[0] + rad * Math.cos(ang), labelKm[1] + rad * Math.sin(ang)];
    while (!insideWithMargin(p, outlineKm, 0.5) && rad > 0.3) {
      rad *= 0.8;
      p = [labelKm[0] + rad * Math.cos(ang), labelKm[1] + rad * Math.sin(ang)];
    }
    sites[i] = {p, fixed: true};
  });
  // Others: best-candidate sampling (well spread), then Lloyd-relaxed.
  const placed = (): XY[] => sites.filter(Boolean).map((s) => s.p);
  ts.forEach((_, i) => {
    if (sites[i]) return;
    let best: XY | undefined;
    let bestD = -1;
    for (let k = 0; k < 40; k++) {
      const p = randomInside(outlineKm, r, 0.5);
      if (!p) continue;
      const d = Math.min(...placed().map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
      if (d > bestD) {
        bestD = d;
        best = p;
      }
    }
    if (!best) throw new Error(`${c.code}: cannot place township site ${ts[i].code}`);
    sites[i] = {p: best, fixed: false};
  });
  // Voronoi over the ordinary townships; development zones are then carved out as small discs (~2 % of the
  // county), so that the union of all townships is still exactly the county outline.
  const ordinary = ts.map((_, i) => i).filter((i) => !zoneIdx.includes(i));
  const part = partition(outlineKm, ordinary.map((i) => sites[i]), 8);
  const cells: Area[] = new Array(total);
  const finalSites: XY[] = new Array(total);
  ordinary.forEach((i, k) => {
    cells[i] = part.cells[k];
    finalSites[i] = part.sites[k];
  });
  // A zone is a disc inside one rural cell near the seat (an enclave: that cell gets a hole), so no township
  // is cut in two. The disc is as large as fits, up to ~2 % of the county.
  for (const i of zoneIdx) {
    const target = Math.sqrt((0.02 * countyArea) / Math.PI);
    const hosts = ordinary
      .filter((j) => settlement[j] !== "urban" && ts[j].code !== seatCode)
      .sort((a, b) => dist(finalSites[a], labelKm) - dist(finalSites[b], labelKm) || a - b)
      .slice(0, 3);
    let best: {j: number; p: XY; room: number} | undefined;
    for (const j of hosts) {
      for (let k = 0; k < 300; k++) {
        const p = randomInside(cells[j], r, 0.5);
        if (!p) break;
        const room = boundaryDistance(p, cells[j]);
        if (!best || room > best.room) best = {j, p, room};
      }
    }
    if (!best) throw new Error(`${c.code}: no host cell for zone ${ts[i].code}`);
    const radius = Math.min(target, best.room - 0.3);
    const ring: XY[] = [];
    for (let k = 0; k <= 48; k++) {
      const a = (2 * Math.PI * (k % 48)) / 48;
      ring.push([best.p[0] + radius * Math.cos(a), best.p[1] + radius * Math.sin(a)]);
    }
    const zone: Area = turf.polygon([ring]) as Area;
    const rest = turf.difference(turf.featureCollection([cells[best.j], zone]));
    if (!rest) throw new Error(`${c.code}: zone ${ts[i].code} swallows township ${ts[best.j].code}`);
    cells[best.j] = rest as Area;
    cells[i] = zone;
    finalSites[i] = best.p;
  }
  mergeSlivers(cells, 0.1);
  return ts.map((t, i) => {
    const geometry = roundGeometry(proj.geom(cells[i].geometry, (p) => proj.inv(p)));
    return {
      code: t.code,
      name: t.name,
      county_code: c.code,
      settlement: settlement[i],
      isSeat: t.code === seatCode,
      cellKm: cells[i],
      geometry,
      area_km2: Math.round(turf.area(geometry) / 1e4) / 100,
      seatKm: finalSites[i],
      villages: []
    };
  });
}

const dist = (a: XY, b: XY): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Clipping a Voronoi cell by a concave outline can leave detached slivers. Every part smaller than `share` of
 * its township's area is handed to the township whose boundary is nearest to it (union), so townships stay
 * compact and the tiling is unchanged.
 */
function mergeSlivers(cells: Area[], share: number): void {
  for (let i = 0; i < cells.length; i++) {
    const g = cells[i].geometry;
    if (g.type !== "MultiPolygon") continue;
    const parts = g.coordinates.map((poly) => ({poly, area: Math.abs(polyAreaKm(turf.polygon(poly) as Area))}));
    const total = parts.reduce((s, p) => s + p.area, 0);
    const keep = parts.filter((p) => p.area >= share * total);
    const small = parts.filter((p) => p.area < share * total);
    if (!small.length || !keep.length) continue;
    cells[i] = (keep.length === 1 ? turf.polygon(keep[0].poly) : turf.multiPolygon(keep.map((p) => p.poly))) as Area;
    for (const p of small) {
      const part = turf.polygon(p.poly) as Area;
      const {c} = areaCentroid(part);
      let bestJ = -1;
      let bestD = Infinity;
      cells.forEach((cell, j) => {
        if (j === i) return;
        const d = boundaryDistance(c, cell);
        if (d < bestD) {
          bestD = d;
          bestJ = j;
        }
      });
      const merged = turf.union(turf.featureCollection([cells[bestJ], part]));
      if (merged) cells[bestJ] = merged as Area;
    }
  }
}

function polyAreaKm(a: Area): number {
  const polys = a.geometry.type === "Polygon" ? [a.geometry.coordinates] : a.geometry.coordinates;
  let s = 0;
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      let ra = 0;
      for (let i = 0; i + 1 < ring.length; i++) ra += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      s += (k === 0 ? 1 : -1) * Math.abs(ra / 2);
    });
  }
  return s;
}

/** Is a lng/lat point inside the rounded WGS84 township polygon? (the check the loaders and tests make) */
export function insideLngLat(p: [number, number], g: Polygon | MultiPolygon): boolean {
  return turf.booleanPointInPolygon(p, {type: "Feature", properties: {}, geometry: g});
}

/**
 * A point inside township t (km space) near `anchor` (distance |N(0, sigma)|, at least `minKm` from every point
 * in `avoid`), at least `margin` km inside the township boundary, and inside the rounded WGS84 polygon.
 */
export function pointNear(t: TownshipGeo, proj: Proj, anchor: XY, sigma: number, r: Rng, avoid: XY[] = [], minKm = 0, margin = 0.1): XY {
  let s = sigma;
  for (let attempt = 0; attempt < 4000; attempt++) {
    const d = Math.abs(r.normal()) * s;
    const a = r.uniform(0, 2 * Math.PI);
    const p: XY = [anchor[0] + d * Math.cos(a), anchor[1] + d * Math.sin(a)];
    if (attempt % 200 === 199) s *= 1.4;
    if (!insideWithMargin(p, t.cellKm, margin)) continue;
    if (avoid.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < minKm)) continue;
    const ll = proj.inv(p);
    if (!insideLngLat([round5(ll[0]), round5(ll[1])], t.geometry)) continue;
    return p;
  }
  throw new Error(`pointNear: no point found in ${t.code} ${t.name}`);
}

function placeVillages(c: CensusCounty, proj: Proj, t: TownshipGeo, div: DivisionTownship): void {
  const r = rng(`${c.code}:villages:${t.code}`);
  const placed: XY[] = [t.seatKm];
  const area = t.area_km2;
  const margin = Math.min(0.15, 0.05 * Math.sqrt(area));
  const communitySigma = t.settlement === "urban" ? Math.max(0.8, 0.22 * Math.sqrt(area)) : 0.7;
  for (const dv of div.villages) {
    const settlement = villageSettlement(c.code, dv, t.settlement);
    let km: XY;
    if (dv.kind === "community") {
      km = pointNear(t, proj, t.seatKm, communitySigma, r, placed, 0.12, margin);
    } else {
      // Best candidate: spread villages over the township, away from other points.
      let best: XY | undefined;
      let bestD = -1;
      for (let k = 0; k < 25; k++) {
        const p = randomInside(t.cellKm, r, margin * 2, 2000);
        if (!p) continue;
        const ll = proj.inv(p);
        if (!insideLngLat([round5(ll[0]), round5(ll[1])], t.geometry)) continue;
        const d = Math.min(...placed.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
        if (d > bestD) {
          bestD = d;
          best = p;
        }
      }
      km = best ?? pointNear(t, proj, t.seatKm, 1, r, [], 0, margin);
    }
    placed.push(km);
    const ll = proj.inv(km);
    t.villages.push({
      code: dv.code,
      name: dv.name,
      official_name: dv.official_name,
      kind: dv.kind,
      settlement,
      township: t,
      km,
      lng: round5(ll[0]),
      lat: round5(ll[1]),
      weight: villageWeight(dv, settlement, t.settlement === "urban", r),
      pop60: 0,
      pop65: 0,
      pop80: 0,
      disabled: 0,
      alone: 0
    });
  }
}

/** Modelled rates (documented in provenance.json and the data README). */
export const DISABLED_RATE_80 = 0.45;
export const DISABLED_RATE_60_79 = 0.08;
export const ALONE_RATE: Readonly<Record<SettlementClass, number>> = {urban: 0.1, rural: 0.13, pastoral: 0.15};

/** Split the county census counts over villages: exact sums, 80+ ≤ 65+ ≤ 60+ per village. */
function apportionPopulation(c: CensusCounty, villages: VillageGeo[]): void {
  const r = rng(`${c.code}:population`);
  const w60 = villages.map((v) => v.weight);
  const p60 = apportion(c.pop60, w60);
  // 65+/60+ and 80+/65+ ratios vary by village (rural villages older), capped by the larger band.
  const w65 = villages.map((v, i) => p60[i] * (v.kind === "village" ? 1.05 : 0.97) * Math.exp(0.06 * r.normal()));
  const p65 = apportion(c.pop65, w65, p60);
  const w80 = villages.map((_, i) => p65[i] * Math.exp(0.12 * r.normal()));
  const p80 = apportion(c.pop80, w80, p65);
  villages.forEach((v, i) => {
    v.pop60 = p60[i];
    v.pop65 = p65[i];
    v.pop80 = p80[i];
    v.disabled = Math.min(v.pop60, Math.round(DISABLED_RATE_80 * v.pop80 + DISABLED_RATE_60_79 * (v.pop60 - v.pop80)));
    v.alone = Math.min(v.pop60, Math.round(ALONE_RATE[v.settlement] * v.pop60));
  });
}

export function buildCounty(c: CensusCounty, outline: Feature<Polygon | MultiPolygon, OutlineProps>, div: DivisionCounty): CountyGeo {
  const lp = outline.properties.label_point;
  const proj = new Proj(lp[0], lp[1]);
  const outlineKm: Area = {type: "Feature", properties: {}, geometry: proj.geom(outline.geometry, (p) => proj.fwd(p))};
  const townships = buildTownships(c, div, proj, outlineKm, proj.fwd(lp));
  townships.forEach((t, i) => placeVillages(c, proj, t, div.townships[i]));
  const villages = townships.flatMap((t) => t.villages);
  apportionPopulation(c, villages);
  return {census: c, proj, outline, outlineKm, area_km2: outline.properties.area_km2, townships, villages};
}

