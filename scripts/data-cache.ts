/**
 * Framework re-runs a data loader only when the loader file itself is newer than its cached output; it does not
 * know that our loaders read data/<region>/, loaders/ and src/lib/. This step fingerprints those inputs (and the
 * CARECIRCLE_REGION setting) and clears Framework's loader cache when anything changed, so a build never
 * serves stale figures. Run by `npm run build` and `npm run dev` before Framework starts.
 */
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {mkdir, rm, writeFile} from "node:fs/promises";
import {dirname, join, relative, resolve as resolvePath, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {CACHE_DIR, UNITS_DIR, writeBuildCache} from "../loaders/build-cache.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOADER_CACHE = join(ROOT, "src", ".observablehq", "cache");
const STAMP = join(LOADER_CACHE, ".carecircle-data.sha256");

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function fingerprint(region: string): string {
  const hash = createHash("sha256").update(`region=${region}\n`);
  // src/data/units/ is this step's own output, not an input
  // resolve(): an absolute CARECIRCLE_REGION stays absolute (join would graft it under the repo and hash nothing);
  // package-lock.json: an npm update of Turf, polygon-clipping or HiGHS changes figures too
  const inputs = [...[region, "loaders", join("src", "lib"), join("src", "data")].flatMap((d) => files(resolvePath(ROOT, d))), join(ROOT, "package-lock.json")]
    .filter((f) => existsSync(f) && !f.startsWith(UNITS_DIR + sep));
  for (const file of inputs.sort()) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const region = process.env.CARECIRCLE_REGION ?? join("data", "default");
  if (!existsSync(join(ROOT, region, "region.json")) && !existsSync(join(region, "region.json"))) {
    process.stderr.write(`data-cache: no region.json in ${region} (set CARECIRCLE_REGION to a region folder)\n`);
    process.exit(1);
  }
  const print = fingerprint(region);
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf-8") : "";
  if (previous === print && existsSync(join(UNITS_DIR, "index.json")) && existsSync(CACHE_DIR)) return;
  for (const dir of ["data", "_file"]) await rm(join(LOADER_CACHE, dir), {recursive: true, force: true});
  await rm(STAMP, {force: true});
  process.stderr.write(`data-cache: inputs changed (region ${region}); loader cache cleared\n`);
  // one parse of the region, every artifact and every per-unit bundle (loaders/build-cache.ts)
  await writeBuildCache();
  await mkdir(LOADER_CACHE, {recursive: true});
  await writeFile(STAMP, print);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) await main();
