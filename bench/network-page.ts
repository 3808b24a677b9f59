/**
 * The road-network what-if as the explorer runs it, timed with `performance.now()` wherever this runs: in Node
 * (imported by network.bench.ts) and in headless Chromium (network.bench.ts bundles this file and
 * src/lib/engine/network.ts with esbuild into one IIFE and evaluates it in a blank page). Pure: no DOM, no Node API.
 *
 * Timed: the graph build from the road lines (`buildRoadGraph`), the session's first full coverage (a new
 * `NetworkSession` and `coverage(facilities)`: every tier, village snapping included), the what-if update (the
 * session primed with the county's facilities, then `coverage([...facilities, added])` for a fresh community station
 * each run, so the memo never answers: `lastComputed` must be ["community"] every time) and the same edits from
 * scratch (`networkCoverage` on the edited facilities: what the update would cost without the session). Each edit's
 * update must equal its from-scratch coverage (cover flags equal, times to 1e-9 relative), else it throws.
 */
import {buildRoadGraph, networkCoverage, NetworkSession, type NetworkCoverageResult, type RoadGraph, type RoadLine, type TravelConfig} from "../src/lib/engine/network.ts";
import {TIERS} from "../src/lib/facility-types.ts";
import type {Facility, Tier, Village} from "../src/lib/types.ts";
import {median} from "./timing.ts";

/** What the what-if run needs (JSON-safe: it is passed into the page as one JSON string). */
export interface WhatIfInput {
  lines: RoadLine[];
  villages: Village[];
  facilities: Facility[];
  config: TravelConfig;
  /** one added community station per run: warm-up runs first, then timed runs */
  added: Facility[];
  warmup: number;
  runs: number;
}

/** Per tier: villages covered, villages reaching no facility, the sum of the finite times (s). */
export type Checksum = Record<Tier, {covered: number; unreachable: number; seconds: number}>;

export interface WhatIfTimes {
  /** median ms, and how many runs it is the median of (after `warmup` unrecorded ones) */
  build: {ms: number; runs: number};
  firstCoverage: {ms: number; runs: number};
  update: {ms: number; runs: number};
  scratch: {ms: number; runs: number};
  segments: number;
  nodes: number;
  /** the checksum of every edit's update, in the order of `added` (warm-up edits included) */
  checksums: Checksum[];
}

/** A clock of the process's CPU time in ms (Node passes one; a page has none). */
export type CpuClock = () => number;

/**
 * Warm `f` up, then the median wall ms of `runs` calls (performance.now()), and the median CPU ms when given a CPU
 * clock; `f` gets the call's index.
 */
function clock(f: (i: number) => void, warmup: number, runs: number, cpuNow?: CpuClock): {ms: number; cpuMs?: number} {
  for (let i = 0; i < warmup; i++) f(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = warmup; i < warmup + runs; i++) {
    const c0 = cpuNow?.() ?? 0;
    const t0 = performance.now();
    f(i);
    times.push(performance.now() - t0);
    if (cpuNow) cpu.push(cpuNow() - c0);
  }
  return {ms: median(times), cpuMs: cpuNow ? median(cpu) : undefined};
}

/** The checksum of a coverage result (see {@link Checksum}). */
export function checksum(r: NetworkCoverageResult): Checksum {
  const out = {} as Checksum;
  for (const tier of TIERS) {
    const t = r.tiers[tier];
    let covered = 0, unreachable = 0, seconds = 0;
    for (let i = 0; i < t.seconds.length; i++) {
      covered += t.count[i];
      if (Number.isFinite(t.seconds[i])) seconds += t.seconds[i];
      else unreachable++;
    }
    out[tier] = {covered, unreachable, seconds};
  }
  return out;
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The first difference between two coverage results (cover flags equal, times to 1e-9 relative), or null. */
export function coverageDifference(a: NetworkCoverageResult, b: NetworkCoverageResult): string | null {
  for (const tier of TIERS) {
    const x = a.tiers[tier], y = b.tiers[tier];
    if (x.seconds.length !== y.seconds.length) return `tier ${tier}: ${x.seconds.length} villages ≠ ${y.seconds.length}`;
    for (let i = 0; i < x.seconds.length; i++) {
      if (x.count[i] !== y.count[i]) return `village ${i}, tier ${tier}: covered ${x.count[i]} ≠ ${y.count[i]}`;
      if (!close(x.seconds[i], y.seconds[i])) return `village ${i}, tier ${tier}: ${x.seconds[i]} s ≠ ${y.seconds[i]} s`;
    }
  }
  return null;
}

/** The first difference between two checksums (counts equal, time sums to 1e-9 relative), or null. */
export function checksumDifference(a: Checksum, b: Checksum): string | null {
  for (const tier of TIERS) {
    const x = a[tier], y = b[tier];
    if (x.covered !== y.covered || x.unreachable !== y.unreachable || !close(x.seconds, y.seconds)) return `tier ${tier}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`;
  }
  return null;
}

/**
 * The what-if update and its from-scratch baseline on a built graph, each edit checked. Every call of `update` and
 * `scratch` gets edit i (a fresh added station), so the session's memo never holds the answer.
 * @throws when an update computes another tier than "community" or differs from networkCoverage on the same facilities
 */
export function timeWhatIf(g: RoadGraph, input: Omit<WhatIfInput, "lines">, cpuNow?: CpuClock): {update: {ms: number; cpuMs?: number}; scratch: {ms: number; cpuMs?: number}; checksums: Checksum[]} {
  const {villages, facilities, config, added, warmup, runs} = input;
  if (added.length < warmup + runs) throw new Error(`${added.length} added stations for ${warmup} + ${runs} runs`);
  const edited = added.map((a) => [...facilities, a]);
  const session = new NetworkSession(g, config, villages);
  session.coverage(facilities);
  const updates: NetworkCoverageResult[] = [];
  const computed: (readonly Tier[])[] = [];
  const update = clock((i) => {
    updates[i] = session.coverage(edited[i]);
    computed[i] = session.lastComputed;
  }, warmup, runs, cpuNow);
  const scratches: NetworkCoverageResult[] = [];
  const scratch = clock((i) => void (scratches[i] = networkCoverage(villages, edited[i], g, config)), warmup, runs, cpuNow);
  for (let i = 0; i < warmup + runs; i++) {
    if (computed[i].join() !== "community") throw new Error(`edit ${i}: the session computed [${computed[i].join(", ")}], not [community]`);
    const diff = coverageDifference(updates[i], scratches[i]);
    if (diff) throw new Error(`edit ${i} (${added[i].id}): the session's update ≠ networkCoverage from scratch: ${diff}`);
  }
  return {update, scratch, checksums: updates.map(checksum)};
}

/**
 * Everything the browser measures, from the road lines up: graph build, the session's first full coverage, the
 * what-if update and its from-scratch baseline (each warmed, then the median of `runs`).
 */
export function whatIfFromLines(input: WhatIfInput): WhatIfTimes {
  const {lines, villages, facilities, config, warmup, runs} = input;
  let g!: RoadGraph;
  const build = clock(() => void (g = buildRoadGraph(lines, config)), warmup, runs);
  const firstCoverage = clock(() => void new NetworkSession(g, config, villages).coverage(facilities), warmup, runs);
  const w = timeWhatIf(g, input);
  return {
    build: {ms: build.ms, runs},
    firstCoverage: {ms: firstCoverage.ms, runs},
    update: {ms: w.update.ms, runs},
    scratch: {ms: w.scratch.ms, runs},
    segments: g.segmentCount,
    nodes: g.nodeCount,
    checksums: w.checksums
  };
}
