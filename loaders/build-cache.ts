/**
 * One parse of the region per build. `scripts/data-cache.ts` (run by `npm run build` / `npm run dev` before
 * Framework starts) calls `writeBuildCache()` when the region or the code changed: the region is loaded and
 * validated once, the engine run once, every region-wide artifact (loaders/artifacts.ts) computed in that one
 * process and written to `src/.observablehq/cache/carecircle/`, and the per-county and explorer bundles
 * (src/lib/plan/units.ts) written to `src/data/units/` (generated; not in git). The Framework loaders in
 * src/data/ then print the cached text (`printArtifact`): they no longer each re-read the whole region.
 *
 * A loader run without the cache (Framework preview after a manual cache wipe, a test) computes its artifact
 * itself, so the cache is an optimisation, never a second source of truth.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {SETTLEMENTS} from "../src/lib/engine/radii.ts";
import {accessSummary, countyBundle, explorerBundle, explorerChunks, maxNetworkReach, regionSummary, resultsSummary, type SiteArtifacts} from "../src/lib/plan/units.ts";
import {accessArtifact, boundariesArtifact, gapsArtifact, projectsArtifact, qualityArtifact, regionArtifact, resultsArtifact, sqlZipArtifact} from "./artifacts.ts";
import {jsonText, log, siteData, type SiteData} from "./site-data.ts";
import {roadLinesOf} from "./roads.ts";
import {networkReachMetres, travelConfig} from "../src/lib/engine/network.ts";
import {TIER_OF, TIERS} from "../src/lib/facility-types.ts";
import type {FacilityType, Tier} from "../src/lib/types.ts";
import {sitingArtifact} from "./siting-runs.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Region-wide artifacts, one file each (inside Framework's cache folder, cleared with it). */
export const CACHE_DIR = join(ROOT, "src", ".observablehq", "cache", "carecircle");
/** Per-unit bundles the pages load by FileAttachment (static files Framework copies as they are). */
export const UNITS_DIR = join(ROOT, "src", "data", "units");

type Producer = (sd: SiteData) => unknown | Promise<unknown>;

/** Every region-wide artifact by its file name under src/data/. */
export const ARTIFACTS: Readonly<Record<string, Producer>> = {
  "region.json": regionArtifact,
  "results.json": resultsArtifact,
  "boundaries.json": boundariesArtifact,
  "gaps.json": gapsArtifact,
  "access.json": accessArtifact,
  "projects.json": projectsArtifact,
  "quality.json": qualityArtifact,
  "siting.json": sitingArtifact,
  "sql.zip": sqlZipArtifact
};

function writeAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * What the region-wide pages load of region.json and results.json: the village lists and per-village coverage stay in
 * the unit bundles (src/lib/plan/units.ts regionSummary / resultsSummary). Computed without the cache, a loader prints
 * the same summary.
 */
const SUMMARIES: Readonly<Record<string, (value: never) => unknown>> = {"region.json": regionSummary, "results.json": resultsSummary, "access.json": accessSummary};

/** An artifact's bytes as the site serves them: binary as it is (sql.zip), JSON as the region-wide summary. */
function encoded(name: string, value: unknown): string | Uint8Array {
  return value instanceof Uint8Array ? value : jsonText(SUMMARIES[name]?.(value as never) ?? value);
}

/** Print a region-wide artifact on stdout: the cached text when the build cache has it, else computed here. */
export async function printArtifact(name: string): Promise<void> {
  const cached = join(CACHE_DIR, name);
  if (existsSync(cached)) {
    log(`${name}: from the build cache (one parse of the region per build, loaders/build-cache.ts)`);
    process.stdout.write(readFileSync(cached));
    return;
  }
  const produce = ARTIFACTS[name];
  if (!produce) throw new Error(`no artifact named ${name}`);
  process.stdout.write(encoded(name, await produce(await siteData())));
}

/** The codes of the report pages (observablehq.config.ts dynamicPaths), from the units index the cache wrote. */
export function unitCodes(): {counties: string[]; townships: string[]} | undefined {
  const path = join(UNITS_DIR, "index.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf-8")) as {counties: string[]; townships: string[]}) : undefined;
}

/**
 * Compute everything once and write the cache and the unit bundles. Returns the number of files written.
 * Memory: each artifact's text is written and dropped before the next; the objects the bundles are cut from are
 * kept until the bundles are written.
 */
export async function writeBuildCache(): Promise<number> {
  const t0 = performance.now();
  const sd = await siteData();
  rmSync(CACHE_DIR, {recursive: true, force: true});
  rmSync(UNITS_DIR, {recursive: true, force: true});
  const kept: Partial<SiteArtifacts> = {};
  for (const [name, produce] of Object.entries(ARTIFACTS)) {
    const t = performance.now();
    const value = await produce(sd);
    writeAtomic(join(CACHE_DIR, name), encoded(name, value));
    const key = name.replace(/\.json$/, "") as keyof SiteArtifacts;
    if (["region", "results", "boundaries", "gaps", "access", "siting"].includes(key)) (kept as Record<string, unknown>)[key] = value;
    log(`build cache: ${name} ${Math.round(performance.now() - t)} ms`);
  }
  const a = kept as SiteArtifacts;
  let files = Object.keys(ARTIFACTS).length;
  for (const c of a.region.counties) {
    writeAtomic(join(UNITS_DIR, "county", `${c.code}.json`), jsonText(countyBundle(a, c.code)));
    files++;
  }
  const chunks = explorerChunks(a.region);
  // a facility's widest circle over the settlement classes: how far across a county line it can cover
  // with roads, also how far it can reach over them within its tier's threshold (network.ts networkReachMetres), so
  // the explorer's network coverage of a bundle counts every facility that can cover one of its villages
  const travel = sd.region.roads?.length ? {config: travelConfig(sd.region.config), lines: roadLinesOf(sd.region.roads)} : undefined;
  const roadReach = travel ? (Object.fromEntries(TIERS.map((t) => [t, networkReachMetres(t, travel.config, travel.lines)])) as Record<Tier, number>) : null;
  const roads = travel ? {...travel, reachMetres: maxNetworkReach(travel.config, travel.lines)} : undefined;
  const reach = (f: {type: string}) =>
    Math.max(...SETTLEMENTS.map((s) => sd.radii[f.type as keyof typeof sd.radii]?.[s] ?? 0), roadReach ? roadReach[TIER_OF[f.type as FacilityType]] ?? 0 : 0);
  chunks.forEach((counties, i) => {
    writeAtomic(join(UNITS_DIR, "explorer", `${i}.json`), jsonText(explorerBundle(a, counties, reach, roads)));
    files++;
  });
  writeAtomic(join(UNITS_DIR, "explorer-index.js"), explorerIndexModule(chunks, a.region.counties));
  writeAtomic(join(UNITS_DIR, "county-index.js"), countyIndexModule(a.region.counties));
  writeAtomic(join(UNITS_DIR, "index.json"), JSON.stringify({counties: a.region.counties.map((c) => c.code), townships: a.region.townships.map((t) => t.code)}));
  log(`build cache: ${files} files (${a.region.counties.length} county bundles for ${a.region.townships.length} townships, ${chunks.length} explorer bundles) in ${Math.round(performance.now() - t0)} ms`);
  return files + 3;
}

/** The module the township report imports: one FileAttachment per county bundle, by county code. */
function countyIndexModule(counties: readonly {code: string}[]): string {
  return [
    "// Generated by loaders/build-cache.ts: each county's bundle, for the township report page (do not edit).",
    'import {FileAttachment} from "observablehq:stdlib";',
    `export const bundles = {\n${counties.map((c) => `  ${JSON.stringify(c.code)}: FileAttachment(${JSON.stringify(`./county/${c.code}.json`)})`).join(",\n")}\n};`,
    ""
  ].join("\n");
}

/**
 * The module the explorer imports: one FileAttachment per explorer bundle (Framework resolves the literal paths and
 * content-hashes the files), the bundle of each county, and every county's code and name for the county picker.
 */
function explorerIndexModule(chunks: string[][], counties: readonly {code: string; name: string}[]): string {
  const of: Record<string, number> = {};
  chunks.forEach((cs, i) => cs.forEach((c) => (of[c] = i)));
  return [
    "// Generated by loaders/build-cache.ts: the explorer's per-county data bundles (do not edit).",
    'import {FileAttachment} from "observablehq:stdlib";',
    `export const bundles = [\n${chunks.map((_, i) => `  FileAttachment("./explorer/${i}.json")`).join(",\n")}\n];`,
    `export const bundleOfCounty = ${JSON.stringify(of)};`,
    `export const counties = ${JSON.stringify(counties.map((c) => ({code: c.code, name: c.name})))};`,
    ""
  ].join("\n");
}
