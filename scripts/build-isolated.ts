/**
 * Build the site on another region into its own output folder without touching this tree's build state.
 *
 * `CARECIRCLE_REGION=<folder> CARECIRCLE_OUTPUT=<folder> npm run build` leaves dist/ alone, but not the rest of the
 * tree: the data step (scripts/data-cache.ts) rewrites the build cache (src/.observablehq/cache/carecircle/), the
 * per-unit bundles (src/data/units/, which links.test.ts and the report routes read) and the fingerprint stamp, and
 * clears Framework's loader cache. In the middle of a browser test run that would leave the default site's tests
 * reading another region's unit index, and the next default build recomputing every figure; two such builds at once
 * in one tree would write the same files. So this script builds from a temporary copy instead:
 *
 *   - the tree's files as git lists them (tracked, and untracked ones not ignored: uncommitted work is built too),
 *     copied as they are in the working tree to a fresh folder under the OS temp folder;
 *   - node_modules symlinked (nothing writes there), and Framework's vendored npm modules and node imports
 *     (src/.observablehq/cache/_npm and _node: they depend on node_modules only, never on the region) copied when
 *     the tree has them, so the build does not vendor again (scripts/vendor-npm.ts checks its own stamp anyway);
 *   - `npm run build` run there with CARECIRCLE_REGION and CARECIRCLE_OUTPUT (an absolute path, so the site lands
 *     in the output folder asked for), exactly as the README's build; then the copy is deleted.
 *
 * The copy has its own data step, loader cache and unit bundles, so this tree's dist/, build cache, src/data/units/
 * and data fingerprint are never written. A build stamp beside the output (`<out>.build.json`: a hash of every file
 * copied except test/browser/, and of the region) lets a caller reuse a site already built from the same inputs
 * (`reuse: true`); a changed source, page, loader, lockfile or region file builds again.
 *
 * Usage: `npx tsx scripts/build-isolated.ts <region folder> <output folder> [--reuse]`
 */
import {spawn, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, isAbsolute, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface IsolatedBuild {
  /** the built site (absolute) */
  out: string;
  /** wall time of the copy and the build, seconds (0 when reused) */
  seconds: number;
  reused: boolean;
  /** hash of the inputs the site was built from */
  fingerprint: string;
  /** the build's output (stdout and stderr), `<out>.build.log` */
  logFile: string;
}

/** The tree's files as git lists them: tracked and untracked-but-not-ignored, present in the working tree. */
export function treeFiles(root = ROOT): string[] {
  const r = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {cwd: root, encoding: "utf8", maxBuffer: 64 * 2 ** 20});
  if (r.status !== 0) throw new Error(`build-isolated: \`git ls-files\` failed in ${root} (the isolated build copies the files git lists): ${r.stderr || r.error}`);
  return [...new Set(r.stdout.split("\0").filter(Boolean))].filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Where the region lives for the copy: its path inside the tree (copied with it) or its absolute path outside. */
function regionInCopy(region: string, root: string): {path: string; outside: boolean} {
  const abs = resolve(root, region);
  const rel = relative(root, abs);
  const outside = rel.startsWith("..") || isAbsolute(rel);
  return {path: outside ? abs : rel, outside};
}

/** Hash of what the build reads: every listed file but the browser tests, and the region (also when outside the tree). */
export function buildFingerprint(region: string, files: readonly string[], root = ROOT): string {
  const where = regionInCopy(region, root);
  const hash = createHash("sha256").update(`region=${where.path}\n`);
  for (const f of files) {
    if (f.startsWith(`test${sep}browser${sep}`) || f.startsWith("test/browser/")) continue;
    hash.update(f).update("\0").update(readFileSync(join(root, f))).update("\0");
  }
  if (where.outside) for (const f of walk(where.path).sort()) hash.update(f).update("\0").update(readFileSync(f)).update("\0");
  return hash.digest("hex");
}

/** Build `region` into `out` from a temporary copy of this tree (see the file comment). */
export async function buildIsolated(region: string, out: string, options: {reuse?: boolean; root?: string} = {}): Promise<IsolatedBuild> {
  const root = options.root ?? ROOT;
  const outAbs = resolve(root, out);
  const stampFile = `${outAbs}.build.json`;
  const logFile = `${outAbs}.build.log`;
  const where = regionInCopy(region, root);
  if (!existsSync(join(resolve(root, region), "region.json"))) throw new Error(`build-isolated: no region.json in ${region}`);
  const files = treeFiles(root);
  if (!where.outside && !files.some((f) => f.startsWith(where.path.split(sep).join("/") + "/"))) {
    throw new Error(`build-isolated: ${region} is inside the tree but git lists none of its files (ignored?) — move it out of the tree or un-ignore it`);
  }
  const fingerprint = buildFingerprint(region, files, root);
  if (options.reuse && existsSync(join(outAbs, "index.html")) && existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as {fingerprint?: string};
    if (stamp.fingerprint === fingerprint) return {out: outAbs, seconds: 0, reused: true, fingerprint, logFile};
  }
  const t0 = performance.now();
  rmSync(stampFile, {force: true});
  rmSync(outAbs, {recursive: true, force: true});
  mkdirSync(dirname(outAbs), {recursive: true});
  const copy = mkdtempSync(join(tmpdir(), "carecircle-build-"));
  try {
    for (const f of files) {
      mkdirSync(dirname(join(copy, f)), {recursive: true});
      cpSync(join(root, f), join(copy, f));
    }
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
    for (const cached of ["_npm", "_node"]) {
      const from = join(root, "src", ".observablehq", "cache", cached);
      if (existsSync(from)) cpSync(from, join(copy, "src", ".observablehq", "cache", cached), {recursive: true});
    }
    const env = {...process.env, CARECIRCLE_REGION: where.path, CARECIRCLE_OUTPUT: outAbs};
    const child = spawn("npm", ["run", "build"], {cwd: copy, env, stdio: ["ignore", "pipe", "pipe"]});
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stderr.on("data", (d: Buffer) => chunks.push(d));
    const code = await new Promise<number>((done) => {
      child.on("error", () => done(1));
      child.on("close", (c) => done(c ?? 1));
    });
    const text = Buffer.concat(chunks).toString("utf8");
    writeFileSync(logFile, text);
    if (code !== 0) throw new Error(`build-isolated: \`npm run build\` of ${region} failed (exit ${code}); log: ${logFile}\n${text.slice(-3000)}`);
  } finally {
    rmSync(copy, {recursive: true, force: true});
  }
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(stampFile, JSON.stringify({region: where.path, fingerprint, seconds: Math.round(seconds * 10) / 10, built: new Date().toISOString()}, null, 1) + "\n");
  return {out: outAbs, seconds, reused: false, fingerprint, logFile};
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== "--reuse");
  if (args.length !== 2) {
    process.stderr.write("Usage: npx tsx scripts/build-isolated.ts <region folder> <output folder> [--reuse]\n");
    process.exit(2);
  }
  const b = await buildIsolated(args[0], args[1], {reuse: process.argv.includes("--reuse")});
  process.stderr.write(b.reused ? `build-isolated: ${b.out} is up to date (same inputs)\n` : `build-isolated: ${args[0]} → ${b.out} in ${b.seconds.toFixed(1)} s (log ${b.logFile})\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
