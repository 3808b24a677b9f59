/**
 * Road-network travel benchmark (`npm run bench -- network`): src/lib/engine/network.ts on a seeded synthetic county
 * (模拟): a jittered grid of roads (tertiary / residential / track, every row and column cut into lines of a few
 * vertices that share their end vertices) with trunk roads on the grid's diagonals, villages and facilities scattered
 * over it, and facilities of every tier.
 *
 * Build time, in Node: building the graph (`buildRoadGraph`) and the network coverage (`networkCoverage`: snapping,
 * one multi-source Dijkstra per tier, each village's time), against the naive baseline in the same run: one
 * single-source Dijkstra per facility (same graph, same heap) and, per village, the minimum over the facilities of
 * its tier. The baseline's times must equal the engine's (relative 1e-9), else the bench throws.
 *
 * The explorer's what-if, in Node and in headless Chromium (`network-page.ts`, the same code in both): a
 * `NetworkSession` primed with the county's facilities, then `session.coverage([...facilities, added])` for a fresh
 * community station each run (only the community tier is computed again, asserted), against `networkCoverage` from
 * scratch on the same edited facilities; every update must equal its from-scratch coverage. In Chromium the page
 * (about:blank, no request allowed) gets the county as JSON and also times the graph build and the session's first
 * full coverage; its results must match Node's (per edit and tier: villages covered, unreachable, sum of times).
 * Chromium is Debian's (`/usr/bin/chromium` or CHROMIUM_PATH); without it the row says so (never downloaded).
 */
import {existsSync} from "node:fs";
import {fileURLToPath, pathToFileURL} from "node:url";
import {TIERS, TIER_OF} from "../src/lib/facility-types.ts";
import {buildRoadGraph, multiSourceDijkstra, networkCoverage, pointTimes, snapPoint, travelConfig, type RoadClass, type RoadLine} from "../src/lib/engine/network.ts";
import {mulberry32} from "../src/lib/engine/random.ts";
import type {Facility, FacilityType, Village} from "../src/lib/types.ts";
import {checksumDifference, timeWhatIf, type Checksum, type WhatIfInput, type WhatIfTimes} from "./network-page.ts";
import {environment, type Sections} from "./readme.ts";
import {timed} from "./timing.ts";

export interface NetworkScale {
  name: string;
  /** grid nodes per side (segments ≈ 2 · side²) */
  side: number;
  villages: number;
  facilities: number;
  /** graph build and network coverage in Node */
  warmup: number;
  runs: number;
  /** the what-if (Node and Chromium) and everything timed in Chromium: warm-up runs, then the median of `whatIfRuns` */
  whatIfWarmup: number;
  whatIfRuns: number;
}

export const NETWORK_SCALES: readonly NetworkScale[] = [{name: "county", side: 160, villages: 1000, facilities: 300, warmup: 1, runs: 5, whatIfWarmup: 3, whatIfRuns: 21}];

/** A seeded county: roads, villages, facilities (all 模拟). Spacing 0.004° (≈ 350–450 m), the county ≈ 60 km across. */
export function synthCounty(s: Pick<NetworkScale, "side" | "villages" | "facilities">, seed = 2024): {lines: RoadLine[]; villages: Village[]; facilities: Facility[]} {
  const rand = mulberry32(seed);
  const d = 0.004, x0 = 110, y0 = 38, n = s.side;
  const P = Array.from({length: n}, (_, i) => Array.from({length: n}, (_, j) => [x0 + i * d + (rand() - 0.5) * d * 0.5, y0 + j * d + (rand() - 0.5) * d * 0.5] as [number, number]));
  const lines: RoadLine[] = [];
  const classes: RoadClass[] = ["tertiary", "residential", "residential", "track"];
  const cut = (pts: [number, number][]) => {
    let start = 0;
    while (start < pts.length - 1) {
      const end = Math.min(pts.length - 1, start + 1 + Math.floor(rand() * 6));
      if (rand() > 0.05) lines.push({coords: pts.slice(start, end + 1), road_class: classes[Math.floor(rand() * classes.length)]});
      start = end;
    }
  };
  for (let j = 0; j < n; j++) cut(P.map((col) => col[j]));
  for (let i = 0; i < n; i++) cut(P[i]);
  for (let k = 0; k < n; k += 40) {
    lines.push({coords: Array.from({length: n - k}, (_, i) => P[i + k][i]), road_class: "trunk"});
    lines.push({coords: Array.from({length: n - k}, (_, i) => P[i][i + k]), road_class: "trunk"});
  }
  const span = (n - 1) * d;
  const at = () => [x0 + rand() * span, y0 + rand() * span] as [number, number];
  const villages: Village[] = Array.from({length: s.villages}, (_, i) => {
    const [lng, lat] = at();
    return {code: `150699${String(100 + (i % 50)).padStart(3, "0")}${String(200 + i).padStart(3, "0")}`, name: `模拟村${i}`, township_code: `150699${String(100 + (i % 50)).padStart(3, "0")}`, county_code: "150699", kind: "village", settlement: "rural", lng, lat, pop60: 50 + Math.floor(rand() * 500), pop65: 0, pop80: 0, disabled: 0, alone: 0, modelled: ["all"]};
  });
  const types: FacilityType[] = ["county_institution", "nursing_home", "township_centre", "township_centre", "community_station", "community_station", "mutual_aid", "day_centre", "canteen", "meal_site"];
  const facilities: Facility[] = Array.from({length: s.facilities}, (_, i) => {
    const [lng, lat] = at();
    const type = types[Math.floor(rand() * types.length)];
    return {id: `F${i}`, name: `模拟设施${i}`, type, tier: TIER_OF[type], status: "operating", county_code: "150699", township_code: "150699100", lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: ["all"]};
  });
  return {lines, villages, facilities};
}

/** `count` new community stations at seeded positions over the county of {@link synthCounty}, ids NEW0, NEW1, … */
export function addedStations(s: Pick<NetworkScale, "side">, count: number, seed = 7): Facility[] {
  const rand = mulberry32(seed);
  const d = 0.004, x0 = 110, y0 = 38, span = (s.side - 1) * d;
  return Array.from({length: count}, (_, i) => ({
    id: `NEW${i}`, name: `新增社区养老服务站${i}`, type: "community_station", tier: "community", status: "operating", county_code: "150699", township_code: "150699100",
    lng: x0 + rand() * span, lat: y0 + rand() * span, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: ["all"]
  }));
}



/** The what-if in Chromium, or why it was not measured. */
export type BrowserWhatIf = ({measured: true; version: string; edits: number} & Omit<WhatIfTimes, "checksums">) | {measured: false; why: string};

export interface NetworkRow {
  scale: string;
  segments: number;
  nodes: number;
  villages: number;
  facilities: number;
  build: {ms: number; cpuMs: number};
  engine: {ms: number; cpuMs: number};
  naive: {ms: number; cpuMs: number};
  /** the session's what-if update and `networkCoverage` from scratch on the same edited facilities, median ms in Node */
  whatIf: {ms: number; cpuMs: number; scratchMs: number; scratchCpuMs: number; runs: number};
  covered: Record<string, number>;
  browser: BrowserWhatIf;
}

/** What the what-if runs on: the county, its config and the added stations (warm-up edits first). */
export function whatIfInput(s: NetworkScale, county: ReturnType<typeof synthCounty> = synthCounty(s)): WhatIfInput {
  return {...county, config: travelConfig(undefined), added: addedStations(s, s.whatIfWarmup + s.whatIfRuns), warmup: s.whatIfWarmup, runs: s.whatIfRuns};
}

/** The Node figures of a scale, and the checksums of its what-if edits (for the browser's to be compared with). */
export function runNetworkNode(s: NetworkScale): {row: Omit<NetworkRow, "browser">; input: WhatIfInput; checksums: Checksum[]} {
  const input = whatIfInput(s);
  const {villages, facilities, lines, config} = input;
  const build = timed(() => buildRoadGraph(lines, config), s.warmup, s.runs);
  const g = build.out;
  const engine = timed(() => networkCoverage(villages, facilities, g, config), s.warmup, s.runs);
  const res = engine.out;
  // naive: one single-source search per facility, then each village's minimum over its tier's facilities
  const naive = timed(() => {
    const out: Record<string, Float64Array> = {};
    for (const tier of TIERS) {
      const mode = config.mode_by_tier[tier];
      const vs = villages.map((v) => snapPoint(g, v.lng, v.lat, mode));
      const best = new Float64Array(villages.length).fill(Infinity);
      for (const f of facilities) {
        if (f.tier !== tier) continue;
        const src = [snapPoint(g, f.lng, f.lat, mode)];
        const t = pointTimes(g, multiSourceDijkstra(g, src, mode), src, vs, mode).seconds;
        for (let i = 0; i < best.length; i++) if (t[i] < best[i]) best[i] = t[i];
      }
      out[tier] = best;
    }
    return out;
  }, 0, 1);
  for (const tier of TIERS) {
    const a = res.tiers[tier].seconds, b = naive.out[tier];
    for (let i = 0; i < a.length; i++) {
      const same = a[i] === b[i] || Math.abs(a[i] - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i]));
      if (!same) throw new Error(`${s.name}: village ${i}, tier ${tier}: network ${a[i]} s ≠ naive ${b[i]} s`);
    }
  }
  // the explorer's what-if: a primed NetworkSession, one added community station per run, against from scratch
  const w = timeWhatIf(g, input, () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  });
  const covered = Object.fromEntries(TIERS.map((t) => [t, res.tiers[t].count.reduce((n, c) => n + c, 0)]));
  const row = {scale: s.name, segments: g.segmentCount, nodes: g.nodeCount, villages: villages.length, facilities: facilities.length, build: {ms: build.ms, cpuMs: build.cpuMs}, engine: {ms: engine.ms, cpuMs: engine.cpuMs}, naive: {ms: naive.ms, cpuMs: naive.cpuMs}, whatIf: {ms: w.update.ms, cpuMs: w.update.cpuMs ?? NaN, scratchMs: w.scratch.ms, scratchCpuMs: w.scratch.cpuMs ?? NaN, runs: s.whatIfRuns}, covered};
  return {row, input, checksums: w.checksums};
}

/** network-page.ts and what it imports (src/lib/engine/network.ts …) as one IIFE that sets `globalThis.CareCircleNetworkBench`. */
export async function bundleWhatIfPage(): Promise<string> {
  const {build} = await import("esbuild");
  const out = await build({
    entryPoints: [fileURLToPath(new URL("./network-page.ts", import.meta.url))],
    bundle: true,
    format: "iife",
    globalName: "CareCircleNetworkBench",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent"
  });
  return out.outputFiles[0].text;
}

type PageModule = typeof import("./network-page.ts");

/**
 * Time the what-if in headless Chromium: a blank page (about:blank; every request is aborted and fails the run), the
 * bundle added as an inline script, the county passed as one JSON string, everything timed in the page with
 * performance.now(). The page checks each update against its from-scratch coverage; here the graph's size and each
 * edit's checksum are compared with Node's (`nodeChecksums`, same edits).
 * @throws when Chromium is missing (launchBrowser says how to install it), the page requests anything, or a result differs
 */
export async function runNetworkBrowser(input: WhatIfInput, node: {segments: number; nodes: number; checksums: readonly Checksum[]}): Promise<BrowserWhatIf & {measured: true}> {
  const code = await bundleWhatIfPage();
  const {launchBrowser} = await import("../test/browser/harness.ts");
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const requests: string[] = [];
    await context.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
    await page.addScriptTag({content: code});
    const times = await page.evaluate((json) => (globalThis as unknown as {CareCircleNetworkBench: PageModule}).CareCircleNetworkBench.whatIfFromLines(JSON.parse(json) as WhatIfInput), JSON.stringify(input));
    if (page.url() !== "about:blank") throw new Error(`the bench page navigated to ${page.url()}`);
    if (requests.length) throw new Error(`the bench page made requests: ${[...new Set(requests)].join(", ")}`);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    if (times.segments !== node.segments || times.nodes !== node.nodes) throw new Error(`Chromium's graph has ${times.segments} segments / ${times.nodes} nodes, Node's ${node.segments} / ${node.nodes}`);
    if (times.checksums.length !== node.checksums.length) throw new Error(`Chromium ran ${times.checksums.length} edits, Node ${node.checksums.length}`);
    times.checksums.forEach((c, i) => {
      const diff = checksumDifference(c, node.checksums[i]);
      if (diff) throw new Error(`edit ${i}: Chromium's update ≠ Node's: ${diff}`);
    });
    const {checksums, ...rest} = times;
    return {measured: true, version: browser.version(), edits: checksums.length, ...rest};
  } finally {
    await browser.close();
  }
}

/** One scale: the Node figures, then the browser's when Chromium is installed (else the row says why not). */
export async function runNetworkScale(s: NetworkScale): Promise<NetworkRow> {
  const {row, input, checksums} = runNetworkNode(s);
  let browser: BrowserWhatIf;
  // as test/browser/harness.ts launches it (imported only here: the Node figures above run without playwright loaded)
  const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(CHROMIUM)) browser = {measured: false, why: `no Chromium at ${CHROMIUM} (Debian's chromium package, or set CHROMIUM_PATH; the bench never downloads a browser)`};
  else browser = await runNetworkBrowser(input, {segments: row.segments, nodes: row.nodes, checksums});
  return {...row, browser};
}

const fmt = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});

export function networkTable(rows: readonly NetworkRow[]): string {
  const build = [
    "| scale | segments / nodes | villages × facilities | graph build ms (CPU) | network coverage ms (CPU) | naive: one Dijkstra per facility ms (CPU) | ratio wall (CPU) |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.scale} | ${fmt(r.segments)} / ${fmt(r.nodes)} | ${fmt(r.villages)} × ${fmt(r.facilities)} | ${fmt(r.build.ms, 1)} (${fmt(r.build.cpuMs)}) | ${fmt(r.engine.ms, 1)} (${fmt(r.engine.cpuMs)}) | ${fmt(r.naive.ms)} (${fmt(r.naive.cpuMs)}) | **${fmt(r.naive.ms / r.engine.ms)}×** (${fmt(r.naive.cpuMs / Math.max(r.engine.cpuMs, 1))}×) |`
    )
  ];
  const whatIf = [
    "| scale | runs in | graph build ms (CPU) | first full coverage ms (CPU) | what-if update ms (CPU): add a community station | from scratch ms (CPU): `networkCoverage` | update vs from scratch: wall (CPU) |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.flatMap((r) => {
      const b = r.browser;
      return [
        `| ${r.scale} | Node | ${fmt(r.build.ms, 1)} (${fmt(r.build.cpuMs)}) | ${fmt(r.engine.ms, 1)} (${fmt(r.engine.cpuMs)}) | ${fmt(r.whatIf.ms, 1)} (${fmt(r.whatIf.cpuMs, 1)}) | ${fmt(r.whatIf.scratchMs, 1)} (${fmt(r.whatIf.scratchCpuMs, 1)}) | **${fmt(r.whatIf.scratchMs / r.whatIf.ms, 1)}×** (${fmt(r.whatIf.scratchCpuMs / Math.max(r.whatIf.cpuMs, 0.001), 1)}×) |`,
        b.measured
          ? `| ${r.scale} | Chromium ${b.version} | ${fmt(b.build.ms, 1)} | ${fmt(b.firstCoverage.ms, 1)} | ${fmt(b.update.ms, 1)} | ${fmt(b.scratch.ms, 1)} | **${fmt(b.scratch.ms / b.update.ms, 1)}×** |`
          : `| ${r.scale} | Chromium: not measured (${b.why}) | – | – | – | – | – |`
      ];
    })
  ];
  return `${build.join("\n")}\n\n${whatIf.join("\n")}`;
}

export async function main(scales: readonly NetworkScale[] = NETWORK_SCALES): Promise<Sections> {
  const env = environment();
  console.log(`# Road-network bench — ${env}`);
  const rows: NetworkRow[] = [];
  for (const s of scales) {
    const r = await runNetworkScale(s);
    const b = r.browser;
    console.log(
      `${r.scale}: ${fmt(r.segments)} segments; graph ${fmt(r.build.ms, 1)} ms, network coverage ${fmt(r.engine.ms, 1)} ms, naive ${fmt(r.naive.ms)} ms; ` +
        `what-if update ${fmt(r.whatIf.ms, 2)} ms (CPU ${fmt(r.whatIf.cpuMs, 2)}) vs from scratch ${fmt(r.whatIf.scratchMs, 1)} ms (CPU ${fmt(r.whatIf.scratchCpuMs, 1)}) in Node; ` +
        (b.measured ? `in Chromium ${b.version}: graph ${fmt(b.build.ms, 1)} ms, first coverage ${fmt(b.firstCoverage.ms, 1)} ms, update ${fmt(b.update.ms, 2)} ms vs from scratch ${fmt(b.scratch.ms, 1)} ms (${b.edits} edits equal Node's); ` : `Chromium not measured: ${b.why}; `) +
        `villages covered per tier ${JSON.stringify(r.covered)}`
    );
    rows.push(r);
  }
  const table = networkTable(rows);
  console.log(`\n${table}`);
  const s = scales[0];
  const note =
    `${env}; a seeded synthetic county (模拟: jittered road grid every 0.004°, trunk roads on diagonals, ≈ 60 km across), default travel config (walk for community and meal tiers, drive for township and county). ` +
    `First table, build time in Node: graph build and network coverage (\`buildRoadGraph\`, \`networkCoverage\`: snapping, one multi-source Dijkstra per tier, each village's time) warmed ${s.warmup === 1 ? "once" : `${s.warmup} times`}, then the median of ${s.runs} runs. ` +
    "Naive: one single-source Dijkstra per facility on the same graph and heap, each village taking the minimum over its tier's facilities (one run); its times equal the engine's to 1e-9 relative on every village and tier, else the bench throws. " +
    `Second table, the explorer's what-if (\`bench/network-page.ts\`, the same code in Node and in the page): a \`NetworkSession\` primed with the county's facilities, then \`session.coverage([...facilities, added])\` with a fresh community station each run, so only the community tier is computed again (one multi-source Dijkstra + each village's time; \`lastComputed\` is asserted to be [community]); from scratch: \`networkCoverage\` on the same edited facilities, all four tiers and the villages' snapping, what the edit costs without the session. ${s.whatIfWarmup} warm-up edits, then the median of ${s.whatIfRuns}; every edit's update equals its from-scratch coverage (cover flags equal, times to 1e-9 relative), else the bench throws. ` +
    `The Node row repeats the first table's graph build and network coverage (a fresh session's first full coverage is what \`networkCoverage\` runs). Chromium: Debian's, headless, a blank page (about:blank, every request aborted and none made) given the county as JSON and the engine bundled by esbuild; graph build, a fresh session's first full coverage, the update and from scratch all timed in the page with performance.now() (${s.whatIfWarmup} warm-up runs, median of ${s.whatIfRuns}); the page's graph size and, for every edit, the villages covered and unreachable and the sum of times per tier equal Node's, else the bench throws. CPU ms (Node figures) is the process's CPU time over the same runs, one core's work (--single-threaded-gc); the page has no CPU clock, its figures are wall time. Wall far above CPU means the run waited for a core on this shared machine.`;
  return {network: `${table}\n\n${note}`};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
