/**
 * Coverage engine benchmark: seeded county / province / national regions, the engine's full computation against
 * the naive baseline (turf.distance over every village × facility pair) on the same data, plus what-if update
 * times on a county. Run: `npx tsx bench/coverage.bench.ts` (or `npm run bench`). Results: bench/README.md.
 */
import * as turf from "@turf/turf";
import {pathToFileURL} from "node:url";
import {CoverageEngine} from "../src/lib/coverage.ts";
import {FACILITY_TYPES, SERVING_STATUSES, TIERS, TIER_OF} from "../src/lib/facility-types.ts";
import {defaultRadii, SETTLEMENTS} from "../src/lib/radii.ts";
import {mulberry32} from "../src/lib/random.ts";
import type {Facility, RadiusTable, Tier, Village} from "../src/lib/types.ts";
import {synthRegion} from "./synth.ts";

interface Scale {
  name: string;
  villages: number;
  facilities: number;
  /** most village × facility pairs the baseline may evaluate before it samples villages */
  baselinePairs: number;
}

const SCALES: Scale[] = [
  {name: "county", villages: 500, facilities: 150, baselinePairs: Infinity},
  {name: "province", villages: 30_000, facilities: 10_000, baselinePairs: 20_000_000},
  {name: "national", villages: 600_000, facilities: 400_000, baselinePairs: 20_000_000}
];

const peak = {rss: 0, heap: 0};
function sampleMemory(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The naive baseline: every pair with turf.distance; returns per-tier counts for a check. */
function naive(villages: readonly Village[], facilities: readonly Facility[], radii: RadiusTable): number[] {
  const counts = new Array<number>(villages.length * TIERS.length).fill(0);
  const tierIndex = Object.fromEntries(TIERS.map((t, i) => [t, i])) as Record<Tier, number>;
  villages.forEach((v, i) => {
    const nearest = [Infinity, Infinity, Infinity, Infinity];
    for (const f of facilities) {
      const t = tierIndex[TIER_OF[f.type]];
      const d = turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"});
      if (d <= radii[f.type][v.settlement]) counts[i * 4 + t]++;
      if (d < nearest[t]) nearest[t] = d;
    }
  });
  return counts;
}

function timeEngine(villages: Village[], facilities: Facility[], radii: RadiusTable, runs: number): {ms: number; engine: CoverageEngine} {
  let engine!: CoverageEngine;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    engine = new CoverageEngine(villages, facilities, radii);
    times.push(performance.now() - t0);
    sampleMemory();
  }
  return {ms: median(times), engine};
}

interface Row {
  scale: string;
  villages: number;
  facilities: number;
  engineMs: number;
  throughput: number;
  baselineMs: number;
  baselineSampled: number;
  speedup: number;
  rssMB: number;
  heapMB: number;
}

function runScale(s: Scale): Row {
  const region = synthRegion({seed: 2024, villages: s.villages, facilities: s.facilities});
  const counted = region.facilities.filter((f) => SERVING_STATUSES.includes(f.status));
  const radii = defaultRadii();
  sampleMemory();
  const {ms, engine} = timeEngine(region.villages, region.facilities, radii, s.villages > 100_000 ? 1 : 5);
  const sampleSize = Math.min(region.villages.length, Math.max(1, Math.floor(s.baselinePairs / counted.length)));
  const rand = mulberry32(7);
  const sample = sampleSize === region.villages.length ? region.villages.map((_, i) => i) : Array.from({length: sampleSize}, () => Math.floor(rand() * region.villages.length));
  const t0 = performance.now();
  const counts = naive(sample.map((i) => region.villages[i]), counted, radii);
  const sampleMs = performance.now() - t0;
  sampleMemory();
  const res = engine.result();
  sample.forEach((vi, k) => {
    TIERS.forEach((tier, t) => {
      if (res.tiers[tier].count[vi] !== counts[k * 4 + t]) throw new Error(`Engine and baseline disagree at village ${vi}, tier ${tier}`);
    });
  });
  const baselineMs = (sampleMs * region.villages.length) / sample.length;
  return {
    scale: s.name,
    villages: s.villages,
    facilities: s.facilities,
    engineMs: ms,
    throughput: s.villages / (ms / 1000),
    baselineMs,
    baselineSampled: sample.length,
    speedup: baselineMs / ms,
    rssMB: peak.rss / 2 ** 20,
    heapMB: peak.heap / 2 ** 20
  };
}

/** Median time of each what-if operation on a county-size engine. */
function whatIf(): Record<string, number> {
  const region = synthRegion({seed: 2024, villages: 500, facilities: 150, counties: 1, extent: [106, 37.6, 106.8, 38.3]});
  const engine = new CoverageEngine(region.villages, region.facilities, defaultRadii());
  const rand = mulberry32(99);
  const times: Record<string, number[]> = {add: [], move: [], remove: [], setRadius: []};
  const lngLat = () => [106 + rand() * 0.8, 37.6 + rand() * 0.7] as const;
  for (let i = 0; i < 2000; i++) {
    const [lng, lat] = lngLat();
    const type = FACILITY_TYPES[Math.floor(rand() * FACILITY_TYPES.length)];
    const f: Facility = {...region.facilities[0], id: `W${i}`, type, tier: TIER_OF[type], status: "operating", lng, lat};
    let t = performance.now();
    engine.addFacility(f);
    times.add.push(performance.now() - t);
    const [mLng, mLat] = lngLat();
    t = performance.now();
    engine.moveFacility(f.id, mLng, mLat);
    times.move.push(performance.now() - t);
    t = performance.now();
    engine.removeFacility(f.id);
    times.remove.push(performance.now() - t);
    const s = SETTLEMENTS[Math.floor(rand() * 3)];
    t = performance.now();
    engine.setRadius(type, s, 200 + Math.floor(rand() * 20_000));
    times.setRadius.push(performance.now() - t);
  }
  sampleMemory();
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const fmt = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});

/** Run every scale and the what-if timings; print a Markdown table. */
export async function main(): Promise<void> {
  console.log(`# coverage engine bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log("| scale | villages | facilities | engine ms | villages/s | Turf baseline ms | baseline villages timed | speed-up | peak RSS MB | peak heap MB |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const s of SCALES) {
    const r = runScale(s);
    const extrapolated = r.baselineSampled < r.villages ? " (sample, extrapolated)" : " (all)";
    console.log(
      `| ${r.scale} | ${fmt(r.villages)} | ${fmt(r.facilities)} | ${fmt(r.engineMs, 1)} | ${fmt(r.throughput)} | ${fmt(r.baselineMs)} | ${fmt(r.baselineSampled)}${extrapolated} | ${fmt(r.speedup)}× | ${fmt(r.rssMB)} | ${fmt(r.heapMB)} |`
    );
  }
  const w = whatIf();
  console.log("\nwhat-if on a 500-village county, median of 2 000 each (ms):");
  console.log(Object.entries(w).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(" · "));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
