/**
 * Copy the binary assets pages load with FileAttachment from node_modules into the source tree (git-ignored):
 * HiGHS's wasm for the siting page's on-demand exact solve. Idempotent: a file whose bytes already match is
 * left alone. Run by `npm run build` and `npm run dev` (prepare-site).
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {copyFile, mkdir} from "node:fs/promises";
import {dirname, join, relative, resolve as resolvePath} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** [from (under node_modules), to (under src)] */
export const ASSETS: readonly [string, string][] = [["highs/build/highs.wasm", "assets/highs.wasm"]];

const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

async function main(): Promise<void> {
  for (const [from, to] of ASSETS) {
    const source = join(ROOT, "node_modules", from);
    const target = join(ROOT, "src", to);
    if (!existsSync(source)) throw new Error(`copy-assets: ${relative(ROOT, source)} is missing — run npm install`);
    if (existsSync(target) && digest(source) === digest(target)) continue;
    await mkdir(dirname(target), {recursive: true});
    await copyFile(source, target);
    process.stderr.write(`copy-assets: ${relative(ROOT, source)} → ${relative(ROOT, target)}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) await main();
