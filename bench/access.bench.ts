/**
 * E2SFCA benchmark (`npm run bench -- access`): src/lib/engine/access.ts `computeAccess` (beds and meal seats, default
 * radii and Luo & Qi zones) on seeded synthetic regions (`synth.ts`, seed 2024, as the coverage bench), against the
 * brute force in the same run: a plain all-pairs loop on typed arrays with the project's haversine (`geo.ts`).
 * The brute force evaluates every village × supplying facility pair twice (step 1 per facility over every village,
 * step 2 per village over every facility); where that would take too long it runs step 1 on a seeded sample of
 * facilities and step 2 on a seeded sample of villages, and its time is extrapolated linearly (the table says so).
 * Checks, else it throws: each sampled facility's ratio equals the engine's, and each sampled village's accessibility
 * computed from the engine's ratios equals the engine's (relative 1e-9); so both steps are checked on the sample.
 */
import {pathToFileURL} from "node:url";
import {accessParams, computeAccess, decayWeight, GOOD_FIELD, GOOD_TYPES, GOODS, type AccessParams, type AccessResult, type Good} from "../src/lib/engine/access.ts";
import {SERVING_STATUSES} from "../src/lib/facility-types.ts";
import {haversine} from "../src/lib/engine/geo.ts";
import {defaultRadii} from "../src/lib/engine/radii.ts";
import {mulberry32} from "../src/lib/engine/random.ts";
import type {Facility, RadiusTable, Village} from "../src/lib/types.ts";
import {environment, type Sections} from "./readme.ts";
import {synthRegion} from "./synth.ts";
import {timed} from "./timing.ts";

export interface AccessScale {
  name: string;
  villages: number;
  facilities: number;
  warmup: number;
  runs: number;
  /** most facilities (step 1) and villages (step 2) the brute force evaluates per good */
  bruteFacilities: number;
  bruteVillages: number;
}

export const ACCESS_SCALES: readonly AccessScale[] = [
  {name: "county", villages: 500, facilities: 150, warmup: 3, runs: 11, bruteFacilities: Infinity, bruteVillages: Infinity},
  {name: "province", villages: 30_000, facilities: 10_000, warmup: 1, runs: 5, bruteFacilities: 400, bruteVillages: 1_000},
  {name: "national", villages: 600_000, facilities: 400_000, warmup: 1, runs: 3, bruteFacilities: 40, bruteVillages: 150}
];



/** A seeded sample of k indices out of n (all when k ≥ n). */
function sample(n: number, k: number, seed: number): Int32Array {
  const idx = Int32Array.from({length: n}, (_, i) => i);
  if (k >= n) return idx;
  const rand = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, k);
}

const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Brute force of one good on samples: ms per facility of step 1 and per village of step 2, checked. */
function brute(villages: readonly Village[], facilities: readonly Facility[], radii: RadiusTable, params: AccessParams, res: AccessResult, good: Good, s: AccessScale) {
  const types = new Set(GOOD_TYPES[good]);
  const field = GOOD_FIELD[good];
  const sup = facilities.filter((f) => types.has(f.type) && SERVING_STATUSES.includes(f.status) && f[field] > 0);
  const n = villages.length, m = sup.length;
  const vLng = Float64Array.from(villages, (v) => v.lng), vLat = Float64Array.from(villages, (v) => v.lat), vPop = Float64Array.from(villages, (v) => v.pop60);
  const vSet = villages.map((v) => v.settlement);
  const fLng = Float64Array.from(sup, (f) => f.lng), fLat = Float64Array.from(sup, (f) => f.lat), fS = Float64Array.from(sup, (f) => f[field]);
  const rOf = (j: number, i: number) => radii[sup[j].type][vSet[i]];
  const ratios = res.ratios![good];
  // step 1 on sampled facilities: every village
  const fs = sample(m, s.bruteFacilities, 7);
  const vs = sample(n, s.bruteVillages, 8);
  // unsampled (county): warmed and repeated like the engine; sampled: one run each
  const [warm, runs] = fs.length < m || vs.length < n ? [0, 1] : [s.warmup, s.runs];
  const t1 = timed(() => {
    const out = new Float64Array(fs.length);
    fs.forEach((j, k) => {
      let d = 0;
      for (let i = 0; i < n; i++) {
        const r = rOf(j, i);
        const x = haversine(vLng[i], vLat[i], fLng[j], fLat[j]);
        if (x <= r) d += vPop[i] * decayWeight(params.decay, x, r);
      }
      out[k] = d > 0 ? fS[j] / d : 0;
    });
    return out;
  }, warm, runs);
  fs.forEach((j, k) => {
    if (!rel(t1.out[k], ratios.get(sup[j].id)!)) throw new Error(`${s.name} ${good}: facility ${sup[j].id} ratio ${t1.out[k]} ≠ engine ${ratios.get(sup[j].id)}`);
  });
  // step 2 on sampled villages: every facility, with the engine's (checked) ratios
  const R = Float64Array.from(sup, (f) => ratios.get(f.id)!);
  const t2 = timed(() => {
    const out = new Float64Array(vs.length);
    vs.forEach((i, k) => {
      let a = 0;
      for (let j = 0; j < m; j++) {
        const r = rOf(j, i);
        const x = haversine(vLng[i], vLat[i], fLng[j], fLat[j]);
        if (x <= r) a += R[j] * decayWeight(params.decay, x, r);
      }
      out[k] = 1000 * a;
    });
    return out;
  }, warm, runs);
  const acc = res[good]!;
  vs.forEach((i, k) => {
    if (!rel(t2.out[k], acc[i])) throw new Error(`${s.name} ${good}: village ${villages[i].code} ${t2.out[k]} ≠ engine ${acc[i]}`);
  });
  const ms = (t1.ms / fs.length) * m + (t2.ms / vs.length) * n;
  const cpuMs = (t1.cpuMs / fs.length) * m + (t2.cpuMs / vs.length) * n;
  return {ms, cpuMs, supply: m, sampledFacilities: fs.length, sampledVillages: vs.length, sampled: fs.length < m || vs.length < n};
}

export interface AccessRow {
  scale: string;
  villages: number;
  facilities: number;
  supplying: Record<Good, number>;
  engine: {ms: number; cpuMs: number};
  brute: {ms: number; cpuMs: number; sampled: boolean; facilities: number; villages: number};
  runs: number;
}

export function runAccessScale(s: AccessScale): AccessRow {
  const r = synthRegion({seed: 2024, villages: s.villages, facilities: s.facilities});
  const radii = defaultRadii();
  const params = accessParams(undefined);
  const run = timed(() => computeAccess(r.villages, r.facilities, radii, params), s.warmup, s.runs);
  const res = computeAccess(r.villages, r.facilities, radii, params, {ratios: true});
  const b = GOODS.map((g) => brute(r.villages, r.facilities, radii, params, res, g, s));
  return {
    scale: s.name,
    villages: s.villages,
    facilities: s.facilities,
    supplying: {beds: b[0].supply, meals: b[1].supply},
    engine: {ms: run.ms, cpuMs: run.cpuMs},
    brute: {ms: b[0].ms + b[1].ms, cpuMs: b[0].cpuMs + b[1].cpuMs, sampled: b.some((x) => x.sampled), facilities: Math.min(b[0].sampledFacilities, b[1].sampledFacilities), villages: b[0].sampledVillages},
    runs: s.runs
  };
}

const fmt = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});

export function accessTable(rows: readonly AccessRow[]): string {
  const head = ["| scale | villages × facilities (supplying beds / seats) | E2SFCA ms (CPU ms) | brute force ms (CPU ms) | ratio wall (CPU) |", "|---|---|---:|---:|---:|"];
  const lines = rows.map((r) => {
    const b = `${fmt(r.brute.ms)} (${fmt(r.brute.cpuMs)})`;
    const bc = r.brute.sampled ? `*${b}* *(${r.brute.facilities} facilities, ${r.brute.villages} villages timed per good)*` : b;
    return `| ${r.scale} | ${fmt(r.villages)} × ${fmt(r.facilities)} (${fmt(r.supplying.beds)} / ${fmt(r.supplying.meals)}) | ${fmt(r.engine.ms, 1)} (${fmt(r.engine.cpuMs)}) | ${bc} | **${fmt(r.brute.ms / r.engine.ms)}×** (${fmt(r.brute.cpuMs / r.engine.cpuMs)}×) |`;
  });
  return [...head, ...lines].join("\n");
}

export async function main(scales: readonly AccessScale[] = ACCESS_SCALES): Promise<Sections> {
  const env = environment();
  console.log(`# E2SFCA bench — ${env}`);
  const rows: AccessRow[] = [];
  for (const s of scales) {
    const r = runAccessScale(s);
    rows.push(r);
    console.log(`${r.scale}: E2SFCA ${fmt(r.engine.ms, 1)} ms (CPU ${fmt(r.engine.cpuMs)}), brute force ${fmt(r.brute.ms)} ms${r.brute.sampled ? " extrapolated" : ""} (CPU ${fmt(r.brute.cpuMs)})`);
  }
  const table = accessTable(rows);
  console.log(`\n${table}`);
  const note =
    `${env}; E2SFCA warmed, then the median of the runs (county 11, province 5, national 3): \`computeAccess(villages, facilities, radii, params)\` (src/lib/engine/access.ts) for beds and meal seats, default radii, Luo & Qi zones. ` +
    "Brute force: every village × supplying-facility pair with `haversine`, both steps; times in *italics* ran step 1 on a seeded sample of facilities and step 2 on a seeded sample of villages (one run each) and are extrapolated linearly; unsampled ones are warmed and repeated like the engine. " +
    "On the sample, the brute force's ratios equal the engine's and its accessibility (from the engine's ratios) equals the engine's to 1e-9 relative; the bench throws otherwise. " +
    "CPU ms is one core's work (--single-threaded-gc); wall far above it means waiting for a core on this shared machine.";
  return {access: `${table}\n\n${note}`};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
