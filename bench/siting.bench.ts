/**
 * Greedy+swap against the exact HiGHS MIP on seeded geometric instances: time and quality.
 * "exact" is `exactSiting` as shipped: LP relaxation, then (unless greedy+swap already reaches the LP bound)
 * the MIP warm-started from greedy+swap.
 * Run: npx tsx bench/siting.bench.ts, or `npm run bench -- siting` (`--write` puts the results into bench/SITING.md
 * and the summary into README.md).
 */
import {pathToFileURL} from "node:url";
import loadHighs from "highs";
import {greedySiting} from "../src/lib/siting/siting.ts";
import {exactSiting, relativeGap} from "../src/lib/siting/siting-exact.ts";
import {geoInstance} from "../test/siting/instances.ts";
import {environment} from "./readme.ts";
import type {Sections} from "./readme.ts";
import type {GeoInstanceSpec} from "../test/siting/instances.ts";

/** One benchmark row. */
export interface SitingBenchRow {
  variant: string;
  points: number;
  candidates: number;
  k: number;
  seed: number;
  greedyMs: number;
  exactMs: number;
  lpMs: number;
  mipMs: number;
  status: string;
  greedyOnlyGapPct: number;
  gapPct: number;
  boundGapPct: number;
}

/** Instance sizes: demand points × candidates, each with k = 3, 5, 10 and three seeds. */
const SIZES: [number, number][] = [[200, 50], [1000, 200], [5000, 500]];
const KS = [3, 5, 10];
const SEEDS = [1, 2, 3];

/**
 * Instance families. "clustered": 60 % of villages around 12 town seats, 3 km radius (a rural township-centre
 * circle). "uniform-6km": villages spread evenly, 6 km radius, so circles overlap heavily (harder for greedy).
 * "limits": uniform-6km with at most 1 site per township (4 × 4 grid) and a budget of 60 beds' subsidy per
 * 3 sites (costs 10–30 beds × 120 000 yuan).
 */
const VARIANTS: Record<string, (k: number) => Partial<GeoInstanceSpec>> = {
  clustered: () => ({radius: 3000}),
  "uniform-6km": () => ({radius: 6000, uniform: true}),
  limits: (k) => ({radius: 6000, uniform: true, maxPerTownship: 1, budget: Math.round((k / 3) * 60) * 120_000})
};

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

const pct = (x: number) => 100 * x;

async function runOne(highs: Awaited<ReturnType<typeof loadHighs>>, variant: string, spec: GeoInstanceSpec): Promise<SitingBenchRow> {
  const problem = geoInstance(spec);
  const [greedy, greedyMs] = time(() => greedySiting(problem));
  const [exact, exactMs] = time(() => exactSiting(problem, highs, {timeLimitSec: 60}));
  return {
    variant,
    points: spec.points,
    candidates: spec.candidates,
    k: spec.k,
    seed: spec.seed,
    greedyMs,
    exactMs,
    lpMs: exact.timeMs.lp,
    mipMs: exact.timeMs.mip,
    status: exact.status,
    greedyOnlyGapPct: pct(relativeGap(greedy.greedyCovered, exact.covered)),
    gapPct: pct(relativeGap(greedy.covered, exact.covered)),
    boundGapPct: pct(relativeGap(greedy.covered, exact.bound))
  };
}

function table(rows: SitingBenchRow[]): string {
  const head = "| variant | points | candidates | k | seed | greedy+swap ms | exact ms (LP / MIP) | exact status | greedy-only gap % | greedy+swap gap % | gap to bound % |";
  const lines = rows.map((r) =>
    `| ${r.variant} | ${r.points} | ${r.candidates} | ${r.k} | ${r.seed} | ${r.greedyMs.toFixed(1)} | ${r.exactMs.toFixed(0)} (${r.lpMs.toFixed(0)} / ${r.mipMs.toFixed(0)}) | ${r.status} | ${r.greedyOnlyGapPct.toFixed(2)} | ${r.gapPct.toFixed(2)} | ${r.boundGapPct.toFixed(2)} |`
  );
  return [head, "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|", ...lines].join("\n");
}

/** Run every instance; the rows. */
export async function measure(): Promise<SitingBenchRow[]> {
  const highs = await loadHighs();
  const rows: SitingBenchRow[] = [];
  for (const [variant, extra] of Object.entries(VARIANTS)) {
    for (const [points, candidates] of SIZES) {
      for (const k of KS) {
        for (const seed of SEEDS) rows.push(await runOne(highs, variant, {seed, points, candidates, k, radius: 0, ...extra(k)}));
      }
    }
  }
  return rows;
}

/** Run every instance, print a Markdown table and a summary, return the README sections. */
export async function main(): Promise<Sections> {
  const env = environment();
  const t0 = performance.now();
  const rows = await measure();
  const seconds = (performance.now() - t0) / 1000;
  console.log(table(rows));
  const worst = Math.max(...rows.map((r) => r.gapPct));
  const mean = rows.reduce((a, r) => a + r.gapPct, 0) / rows.length;
  const worstGreedy = Math.max(...rows.map((r) => r.greedyOnlyGapPct));
  const optimal = rows.filter((r) => r.status !== "time_limit").length;
  const exactRange = `${(Math.min(...rows.map((r) => r.exactMs)) / 1000).toFixed(2)}–${(Math.max(...rows.map((r) => r.exactMs)) / 1000).toFixed(1)} s`;
  const summary =
    `exact proved optimal on ${optimal} of ${rows.length}; greedy+swap worst gap ${worst.toFixed(2)} %, mean ${mean.toFixed(3)} %; ` +
    `greedy alone worst ${worstGreedy.toFixed(2)} %; exact solves ${exactRange}`;
  console.log(`\n${summary}`);
  return {
    siting: `${env}; HiGHS wasm, single thread; whole run ${seconds.toFixed(0)} s (times scale with the machine's load).\n\n**Summary: ${summary}.**\n\n${table(rows)}`,
    "siting-summary": `Siting, greedy + swap against the exact HiGHS optimum on ${rows.length} seeded instances (\`npm run bench -- siting\`, \`bench/SITING.md\`): ${summary}.`
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
