/**
 * Coverage engine benchmark: seeded county / province / national regions (`synth.ts`), the engine's full
 * computation against three baselines answering the same question in the same run, on the same data:
 *   - library: one kdbush index per tier, geokdbush `around` for the facilities within the tier's radius and for
 *     the nearest (what a developer would pick instead of a hand-written grid);
 *   - loop: a plain typed-array haversine loop over every village × facility pair;
 *   - Turf: `turf.distance` over every pair (also the oracle).
 * The question: for every village and tier, how many serving facilities cover it and how far the nearest one is.
 * Every method is warmed and timed alike (`warmup` runs, then the median of `runs`); a baseline that would take
 * too long runs on a seeded sample of villages (the same villages for all three, nested) and its time is
 * extrapolated linearly, which the table says. On every timed village all methods must agree with each other and
 * Turf with the engine: cover counts equal, nearest distances equal to 1e-9; otherwise the bench throws.
 * Run: `npm run bench -- coverage` (`--write` puts the tables into README.md and bench/README.md).
 */
import * as turf from "@turf/turf";
import {around} from "geokdbush";
import KDBush from "kdbush";
import {pathToFileURL} from "node:url";
import {CoverageEngine} from "../src/lib/engine/coverage.ts";
import {FACILITY_TYPES, SERVING_STATUSES, TIERS, TIER_OF} from "../src/lib/facility-types.ts";
import {distanceFromHav, havOfDistance, havTerm, haversine, toRadians} from "../src/lib/engine/geo.ts";
import {defaultRadii, SETTLEMENTS} from "../src/lib/engine/radii.ts";
import {mulberry32} from "../src/lib/engine/random.ts";
import type {Facility, FacilityStatus, RadiusTable, Village} from "../src/lib/types.ts";
import {environment} from "./readme.ts";
import type {Sections} from "./readme.ts";
import {synthRegion} from "./synth.ts";
import {median, timed} from "./timing.ts";

/** One benchmark scale and how much of it each baseline may evaluate before it samples villages. */
export interface Scale {
  name: string;
  villages: number;
  facilities: number;
  /** untimed runs of every method before timing */
  warmup: number;
  /** timed runs of every method; the median is reported */
  runs: number;
  /** most villages the library baseline answers per run */
  libraryVillages: number;
  /** most village × facility pairs the loop and Turf baselines evaluate per run */
  loopPairs: number;
  turfPairs: number;
}

export const SCALES: readonly Scale[] = [
  {name: "county", villages: 500, facilities: 150, warmup: 3, runs: 11, libraryVillages: Infinity, loopPairs: Infinity, turfPairs: Infinity},
  {name: "province", villages: 30_000, facilities: 10_000, warmup: 1, runs: 5, libraryVillages: Infinity, loopPairs: 40_000_000, turfPairs: 4_000_000},
  {name: "national", villages: 600_000, facilities: 400_000, warmup: 1, runs: 3, libraryVillages: 60_000, loopPairs: 40_000_000, turfPairs: 4_000_000}
];

const NT = TIERS.length;
const NS = SETTLEMENTS.length;

/** A method's answer for its villages: per village (in sample order) and tier, cover count and nearest metres. */
export interface Answer {
  count: Int32Array;
  nearest: Float64Array;
}

/** The inputs every method gets: records as a page or loader has them. */
export interface Problem {
  villages: readonly Village[];
  facilities: readonly Facility[];
  radii: RadiusTable;
  statuses: readonly FacilityStatus[];
}



const tierOfType = Uint8Array.from(FACILITY_TYPES, (t) => TIERS.indexOf(TIER_OF[t]));
const typeIndex = Object.fromEntries(FACILITY_TYPES.map((t, i) => [t, i])) as Record<Facility["type"], number>;
const settlementIndex = Object.fromEntries(SETTLEMENTS.map((s, i) => [s, i])) as Record<Village["settlement"], number>;

/** The engine's full computation: cover counts and nearest facility of every village and tier, held in the engine. */
export function engineRun(p: Problem): CoverageEngine {
  return new CoverageEngine(p.villages, p.facilities, p.radii, {statuses: p.statuses});
}

/** The engine's answer on `sample`, read from its result snapshot. */
export function engineAnswer(engine: CoverageEngine, sample: Int32Array): Answer {
  const res = engine.result();
  const out: Answer = {count: new Int32Array(sample.length * NT), nearest: new Float64Array(sample.length * NT)};
  TIERS.forEach((tier, t) => {
    const {count, nearestDist} = res.tiers[tier];
    sample.forEach((v, k) => {
      out.count[k * NT + t] = count[v];
      out.nearest[k * NT + t] = nearestDist[v];
    });
  });
  return out;
}

/** Turf over every pair: the oracle. */
export function turfAnswer(p: Problem, sample: Int32Array): Answer {
  const serving = p.facilities.filter((f) => p.statuses.includes(f.status));
  const out: Answer = {count: new Int32Array(sample.length * NT), nearest: new Float64Array(sample.length * NT).fill(Infinity)};
  sample.forEach((vi, k) => {
    const v = p.villages[vi];
    for (const f of serving) {
      const t = tierOfType[typeIndex[f.type]];
      const d = turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"});
      if (d <= p.radii[f.type][v.settlement]) out.count[k * NT + t]++;
      if (d < out.nearest[k * NT + t]) out.nearest[k * NT + t] = d;
    }
  });
  return out;
}

/** A plain loop over every pair on typed arrays: the haversine term against each radius' term, metres at the edge. */
export function loopAnswer(p: Problem, sample: Int32Array): Answer {
  const serving = p.facilities.filter((f) => p.statuses.includes(f.status));
  const m = serving.length;
  const fLng = new Float64Array(m), fLat = new Float64Array(m), fCos = new Float64Array(m), fType = new Uint8Array(m);
  serving.forEach((f, j) => {
    fLng[j] = f.lng;
    fLat[j] = f.lat;
    fCos[j] = Math.cos(toRadians(f.lat));
    fType[j] = typeIndex[f.type];
  });
  const radius = new Float64Array(FACILITY_TYPES.length * NS);
  const hav = new Float64Array(FACILITY_TYPES.length * NS);
  FACILITY_TYPES.forEach((type, ti) =>
    SETTLEMENTS.forEach((s, si) => {
      radius[ti * NS + si] = p.radii[type][s];
      hav[ti * NS + si] = havOfDistance(p.radii[type][s]);
    })
  );
  const out: Answer = {count: new Int32Array(sample.length * NT), nearest: new Float64Array(sample.length * NT)};
  const best = new Float64Array(NT);
  for (let k = 0; k < sample.length; k++) {
    const v = p.villages[sample[k]];
    const lng = v.lng, lat = v.lat, cos = Math.cos(toRadians(lat)), s = settlementIndex[v.settlement];
    best.fill(Infinity);
    for (let j = 0; j < m; j++) {
      const a = havTerm(lng, lat, cos, fLng[j], fLat[j], fCos[j]);
      const r = fType[j] * NS + s;
      const t = tierOfType[fType[j]];
      // the term decides away from the edge; within 1e-9 of it, the distance in metres does
      if (a < hav[r] * (1 - 1e-9) || (a <= hav[r] * (1 + 1e-9) && distanceFromHav(a) <= radius[r])) out.count[k * NT + t]++;
      if (a < best[t]) best[t] = a;
    }
    for (let t = 0; t < NT; t++) out.nearest[k * NT + t] = best[t] === Infinity ? Infinity : distanceFromHav(best[t]);
  }
  return out;
}

/**
 * The library baseline: a kdbush index per tier; for each village and tier, geokdbush `around` lists the
 * facilities within the tier's largest radius for the village's settlement class (geokdbush measures on a
 * 6 371 km sphere, so its list is a superset of ours once widened by 1e-6), each is checked in metres with the
 * project's haversine; with none in reach, `around(…, 1)` gives the nearest.
 */
export function libraryAnswer(p: Problem, sample: Int32Array): Answer {
  const serving = p.facilities.filter((f) => p.statuses.includes(f.status));
  const byTier: Facility[][] = TIERS.map(() => []);
  for (const f of serving) byTier[tierOfType[typeIndex[f.type]]].push(f);
  const indexes = byTier.map((fs) => {
    const index = new KDBush(Math.max(1, fs.length));
    for (const f of fs) index.add(f.lng, f.lat);
    if (fs.length === 0) index.add(0, 0); // kdbush needs one item; filtered below
    index.finish();
    return index;
  });
  const reach = TIERS.map((_, t) =>
    SETTLEMENTS.map((s) => Math.max(...FACILITY_TYPES.filter((_, ti) => tierOfType[ti] === t).map((type) => p.radii[type][s])))
  );
  const out: Answer = {count: new Int32Array(sample.length * NT), nearest: new Float64Array(sample.length * NT)};
  for (let k = 0; k < sample.length; k++) {
    const v = p.villages[sample[k]];
    for (let t = 0; t < NT; t++) {
      const fs = byTier[t];
      let count = 0;
      let nearest = Infinity;
      if (fs.length > 0) {
        const ids = around(indexes[t], v.lng, v.lat, Infinity, (reach[t][settlementIndex[v.settlement]] / 1000) * (1 + 1e-6));
        for (const id of ids) {
          const f = fs[id];
          const d = haversine(v.lng, v.lat, f.lng, f.lat);
          if (d <= p.radii[f.type][v.settlement]) count++;
          if (d < nearest) nearest = d;
        }
        if (ids.length === 0) {
          const f = fs[around(indexes[t], v.lng, v.lat, 1)[0]];
          nearest = haversine(v.lng, v.lat, f.lng, f.lat);
        }
      }
      out.count[k * NT + t] = count;
      out.nearest[k * NT + t] = nearest;
    }
  }
  return out;
}

/**
 * Throw unless `b` gives the same counts and nearest distances (to 1e-9) as `a` on the first `n` villages of the
 * sample.
 */
export function checkAgree(a: Answer, b: Answer, n: number, sample: Int32Array, names: [string, string]): void {
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < NT; t++) {
      const i = k * NT + t;
      const where = `village ${sample[k]}, tier ${TIERS[t]}`;
      if (a.count[i] !== b.count[i]) throw new Error(`${names[0]} and ${names[1]} disagree at ${where}: cover count ${a.count[i]} vs ${b.count[i]}`);
      const x = a.nearest[i], y = b.nearest[i];
      if (x !== y && !(Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)))) {
        throw new Error(`${names[0]} and ${names[1]} disagree at ${where}: nearest ${x} m vs ${y} m`);
      }
    }
  }
}

/** One method's figures at one scale. */
export interface MethodRow {
  /** median milliseconds for all villages (extrapolated when `timedVillages` < villages) */
  ms: number;
  /** median process CPU milliseconds, scaled alike */
  cpuMs: number;
  timedVillages: number;
}

/** One scale's figures. */
export interface CoverageRow {
  scale: string;
  villages: number;
  facilities: number;
  runs: number;
  engine: MethodRow;
  library: MethodRow;
  loop: MethodRow;
  turf: MethodRow;
  /** process peak resident set (MB) through the engine's runs (data + engine) and through the whole scale */
  engineRssMB: number;
  peakRssMB: number;
  /** heap used after the engine's runs (MB) */
  heapMB: number;
}

/** A seeded order of all villages; each baseline takes a prefix, so smaller samples nest in larger ones. */
function sampleOrder(n: number, seed: number): Int32Array {
  const order = Int32Array.from({length: n}, (_, i) => i);
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Run one scale: data, the engine and the three baselines, each warmed and timed alike, all checked against each
 * other on the timed villages (Turf being the oracle).
 * @param options.statuses statuses the baselines count (default SERVING_STATUSES, as the engine does)
 */
export function runScale(s: Scale, options: {statuses?: readonly FacilityStatus[]} = {}): CoverageRow {
  const region = synthRegion({seed: 2024, villages: s.villages, facilities: s.facilities});
  const radii = defaultRadii();
  const engineProblem: Problem = {villages: region.villages, facilities: region.facilities, radii, statuses: SERVING_STATUSES};
  const baseline: Problem = {...engineProblem, statuses: options.statuses ?? SERVING_STATUSES};
  const serving = region.facilities.filter((f) => baseline.statuses.includes(f.status)).length;
  const order = sampleOrder(s.villages, 7);
  const prefix = (n: number) => order.subarray(0, Math.max(1, Math.min(s.villages, Math.floor(n))));
  const librarySample = prefix(s.libraryVillages);
  const loopSample = prefix(s.loopPairs / serving);
  const turfSample = prefix(s.turfPairs / serving);

  const run = timed(() => engineRun(engineProblem), s.warmup, s.runs);
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
  const engineRssMB = process.resourceUsage().maxRSS / 1024;
  const engine = {...run, out: engineAnswer(run.out, librarySample)};
  const library = timed(() => libraryAnswer(baseline, librarySample), s.warmup, s.runs);
  const loop = timed(() => loopAnswer(baseline, loopSample), s.warmup, s.runs);
  const oracle = timed(() => turfAnswer(baseline, turfSample), s.warmup, s.runs);

  checkAgree(oracle.out, engine.out, turfSample.length, turfSample, ["Turf (oracle)", "engine"]);
  checkAgree(engine.out, library.out, librarySample.length, librarySample, ["engine", "library"]);
  checkAgree(engine.out, loop.out, loopSample.length, loopSample, ["engine", "loop"]);

  const row = (m: {ms: number; cpuMs: number}, timed: Int32Array): MethodRow => ({
    ms: (m.ms * s.villages) / timed.length,
    cpuMs: (m.cpuMs * s.villages) / timed.length,
    timedVillages: timed.length
  });
  return {
    scale: s.name,
    villages: s.villages,
    facilities: s.facilities,
    runs: s.runs,
    engine: {ms: engine.ms, cpuMs: engine.cpuMs, timedVillages: s.villages},
    library: row(library, librarySample),
    loop: row(loop, loopSample),
    turf: row(oracle, turfSample),
    engineRssMB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB
  };
}

/** Median time of each what-if operation on a county-size engine; throws unless the edited engine equals a fresh one. */
export function whatIf(iterations = 2000): Record<string, number> {
  const region = synthRegion({seed: 2024, villages: 500, facilities: 150, counties: 1, extent: [106, 37.6, 106.8, 38.3]});
  const engine = new CoverageEngine(region.villages, region.facilities, defaultRadii());
  const rand = mulberry32(99);
  const times: Record<string, number[]> = {add: [], move: [], remove: [], setRadius: []};
  const lngLat = () => [106 + rand() * 0.8, 37.6 + rand() * 0.7] as const;
  for (let i = 0; i < iterations; i++) {
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
    if (i % 2 === 0) {
      // every other facility stays, so later operations run on an engine that has been edited
      t = performance.now();
      engine.removeFacility(f.id);
      times.remove.push(performance.now() - t);
    }
    const s = SETTLEMENTS[Math.floor(rand() * 3)];
    t = performance.now();
    engine.setRadius(type, s, 200 + Math.floor(rand() * 20_000));
    times.setRadius.push(performance.now() - t);
  }
  const fresh = new CoverageEngine(region.villages, engine.facilities(), engine.radii()).result();
  const edited = engine.result();
  for (const tier of TIERS) {
    region.villages.forEach((v, i) => {
      const [a, b] = [edited.tiers[tier], fresh.tiers[tier]];
      if (a.count[i] !== b.count[i] || a.nearestId[i] !== b.nearestId[i]) {
        throw new Error(`What-if engine and a fresh engine disagree at village ${i} (${v.code}), tier ${tier}`);
      }
    });
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const fmt = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});
const ratio = (x: number) => (x >= 100 ? `${fmt(x)}×` : `${fmt(x, 1)}×`);

/** A baseline's cell: its time, and the sample it was timed on when not every village. */
function cell(m: MethodRow, villages: number): string {
  return m.timedVillages < villages ? `${fmt(m.ms)} *(${fmt(m.timedVillages)} timed)*` : fmt(m.ms, m.ms < 100 ? 1 : 0);
}

/** The Markdown table of the rows. */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const head = [
    "| scale | villages × facilities | engine ms (CPU ms) | library ms (kdbush + geokdbush) | typed-array loop ms | Turf ms | engine vs library: wall (CPU) | vs loop | vs Turf | peak RSS MB: data + engine / whole run |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.scale} | ${fmt(r.villages)} × ${fmt(r.facilities)} | ${fmt(r.engine.ms, 1)} (${fmt(r.engine.cpuMs)}) | ${cell(r.library, r.villages)} | ${cell(r.loop, r.villages)} | ${cell(r.turf, r.villages)} | **${ratio(r.library.ms / r.engine.ms)}** (${ratio(r.library.cpuMs / r.engine.cpuMs)}) | ${ratio(r.loop.ms / r.engine.ms)} | ${ratio(r.turf.ms / r.engine.ms)} | ${fmt(r.engineRssMB)} / ${fmt(r.peakRssMB)} |`
  );
  return [...head, ...lines].join("\n");
}

/** Run every scale (or those named) and the what-if timings; print, and return the README sections. */
export async function main(scales: readonly Scale[] = SCALES): Promise<Sections> {
  const env = environment();
  console.log(`# coverage engine bench — ${env}`);
  const rows: CoverageRow[] = [];
  for (const s of scales) {
    const r = runScale(s);
    rows.push(r);
    console.log(
      `${r.scale}: engine ${fmt(r.engine.ms, 1)} ms, CPU ${fmt(r.engine.cpuMs)} ms (median of ${r.runs}) · library ${fmt(r.library.ms)} ms, CPU ${fmt(r.library.cpuMs)} ms (${ratio(r.library.ms / r.engine.ms)}) · loop ${fmt(r.loop.ms)} ms · Turf ${fmt(r.turf.ms)} ms · peak RSS ${fmt(r.engineRssMB)} MB through the engine, ${fmt(r.peakRssMB)} MB in all; heap ${fmt(r.heapMB)} MB`
    );
  }
  const table = coverageTable(rows);
  console.log(`\n${table}`);
  const w = whatIf();
  const whatIfLine = Object.entries(w)
    .map(([k, v]) => `${k} ${v.toFixed(3)} ms`)
    .join(" · ");
  console.log(`\nwhat-if on a 500-village county, median of 2 000 each: ${whatIfLine}`);
  const note =
    `${env}; each method warmed, then the median of the runs (county 11, province 5, national 3). ` +
    "Engine: \`new CoverageEngine(villages, facilities, radii)\`, which computes and holds every village's cover counts and nearest facility per tier (copying them out with \`result()\` is not timed). " +
    "Times in *italics* were measured on a seeded sample of villages (all facilities) and extrapolated linearly; " +
    "each baseline's answer equals the engine's on every village it timed, and the engine's equals Turf's (the oracle) on Turf's villages (cover counts equal, nearest distances to 1e-9). " +
    "Wall time is what the ratios compare (CPU time in parentheses); CPU ms is the process's CPU time over the same runs. `npm run bench` runs Node with --single-threaded-gc, so that is one core's work, garbage collection included; where wall time is far above it, the run was waiting for a core on this shared machine. " +
    "Peak RSS is the process's high-water mark: after the engine's runs (the generated records plus the engine) and after the whole scale (plus the baselines).";
  return {
    coverage: `${table}\n\n${note}`,
    "coverage-whatif": `What-if on a 500-village county (median of 2 000 each, checked against a fresh engine at the end): ${whatIfLine} (target < 5 ms).`
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
