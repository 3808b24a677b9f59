/**
 * Offline `npm:` imports for Observable Framework.
 *
 * Framework resolves every `npm:` specifier (the implicit d3, Plot, Inputs, htl, aq, DuckDB …) by downloading
 * from jsDelivr into `src/.observablehq/cache/_npm/<name>@<version>/…`, but only when the file is not there.
 * Intranets (and this build machine) cannot reach jsDelivr, so this step fills that cache from the installed
 * `node_modules`: one ES module per package, its vendored dependencies as relative imports to their own
 * cached modules, CommonJS converted, `browser` field honoured, minified.
 *
 * It is idempotent (a stamp file records what was built) and runs before every `build` and `dev`.
 * Usage: `npx tsx scripts/vendor-npm.ts [--force]`
 */
import {existsSync, readFileSync} from "node:fs";
import {copyFile, mkdir, readFile, rm, writeFile} from "node:fs/promises";
import {dirname, join, posix, relative} from "node:path";
import {fileURLToPath} from "node:url";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import {nodeResolve} from "@rollup/plugin-node-resolve";
import {transform} from "esbuild";
import {rollup, type Plugin} from "rollup";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = join(ROOT, "src", ".observablehq", "cache", "_npm");

/**
 * A package served under `npm:` in a folder named by its installed version; `entry` is the module bundled, `files`
 * are copied as they are.
 */
interface Vendored {
  name: string;
  entry?: string;
  files?: string[];
}

/**
 * The @duckdb/duckdb-wasm version Framework's DuckDBClient imports (`DUCKDB_WASM_VERSION` in its dist/duckdb.js:
 * "1.29.0" in Framework 1.13.4). package.json depends on exactly that version, so the folder Framework asks for,
 * `@duckdb/duckdb-wasm@<version>`, holds that version's files and no other; a mismatch after an upgrade of either
 * package stops the build here instead of serving one version under another's name.
 */
function frameworkDuckdbVersion(): string {
  const src = readFileSync(join(packageDir("@observablehq/framework"), "dist", "duckdb.js"), "utf-8");
  const m = /DUCKDB_WASM_VERSION\s*=\s*"([^"]+)"/.exec(src);
  if (!m) throw new Error("vendor-npm: DUCKDB_WASM_VERSION not found in @observablehq/framework/dist/duckdb.js");
  return m[1];
}

function checkDuckdbVersion(): void {
  const wanted = frameworkDuckdbVersion();
  const installed = installedVersion("@duckdb/duckdb-wasm");
  if (installed !== wanted) {
    throw new Error(
      `vendor-npm: Framework imports @duckdb/duckdb-wasm@${wanted} but ${installed} is installed; ` +
        `set "@duckdb/duckdb-wasm": "${wanted}" in package.json and run npm install`
    );
  }
}

const PACKAGES: Vendored[] = [
  {name: "d3"},
  {name: "d3-dsv"},
  {name: "htl"},
  {name: "isoformat"},
  {name: "@observablehq/inputs"},
  {name: "@observablehq/plot"},
  {name: "apache-arrow"},
  {name: "arquero"},
  {
    name: "@duckdb/duckdb-wasm",
    entry: "dist/duckdb-browser.mjs",
    files: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-browser-eh.worker.js"
    ]
  }
];

/**
 * Packages Framework may ask the registry about even when no page uses them (their implicit-import
 * resolution looks them up). An empty folder answers the version question with no network. A page that
 * really uses one must add it to PACKAGES.
 */
const PLACEHOLDERS = [
  "react",
  "react-dom",
  "lodash",
  "echarts",
  "leaflet",
  "mapbox-gl",
  "topojson-client",
  "parquet-wasm",
  "@observablehq/sample-datasets"
];

/** Installed package folder (read directly: some packages do not export ./package.json). */
function packageDir(name: string): string {
  return join(ROOT, "node_modules", name);
}

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf-8")).version;
}

function folderOf(p: Vendored): string {
  return `${p.name}@${installedVersion(p.name)}`;
}

/** Package name of a bare specifier ("@scope/pkg/sub" → "@scope/pkg"). */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Rollup plugin: imports of other vendored packages become relative imports of their cached module. */
function externalVendored(self: Vendored, folders: Map<string, string>): Plugin {
  const from = posix.join("/", folderOf(self), "_esm.js");
  return {
    name: "external-vendored",
    resolveId(source) {
      if (source.startsWith(".") || source.startsWith("/") || source.startsWith("\0")) return null;
      const name = packageName(source);
      const folder = folders.get(name);
      if (!folder || name === self.name || source !== name) return null;
      const target = posix.join("/", folder, "_esm.js");
      return {id: posix.relative(posix.dirname(from), target).replace(/^(?!\.)/, "./"), external: true};
    }
  };
}

async function bundle(p: Vendored, folders: Map<string, string>): Promise<string> {
  const input = p.entry ? join(packageDir(p.name), p.entry) : await resolveBrowserEntry(p.name);
  const build = await rollup({
    input,
    onwarn: (w) => {
      if (w.code !== "CIRCULAR_DEPENDENCY" && w.code !== "THIS_IS_UNDEFINED") process.stderr.write(`  ${p.name}: ${w.message}\n`);
    },
    plugins: [
      externalVendored(p, folders),
      nodeResolve({browser: true, exportConditions: ["browser", "import", "module", "default"], preferBuiltins: false}),
      commonjs(),
      json()
    ]
  });
  const {output} = await build.generate({format: "es", inlineDynamicImports: true});
  await build.close();
  const {code} = await transform(output[0].code, {minify: true, format: "esm", target: "es2022"});
  return code;
}

/** The ES module a browser would load for `import "name"` (exports → browser/import, then module, then main). */
async function resolveBrowserEntry(name: string): Promise<string> {
  const dir = packageDir(name);
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf-8"));
  const pick = (e: unknown): string | undefined => {
    if (typeof e === "string") return e;
    if (e && typeof e === "object") {
      const o = e as Record<string, unknown>;
      for (const k of ["browser", "import", "module", "default"]) {
        const r = pick(o[k]);
        if (r) return r;
      }
    }
    return undefined;
  };
  const root = pkg.exports && typeof pkg.exports === "object" && "." in pkg.exports ? pkg.exports["."] : pkg.exports;
  const rel = pick(root) ?? (typeof pkg.browser === "string" ? pkg.browser : undefined) ?? pkg.module ?? pkg.main ?? "index.js";
  return join(dir, rel);
}

async function main(): Promise<void> {
  const force = process.argv.includes("--force");
  checkDuckdbVersion();
  const folders = new Map(PACKAGES.map((p) => [p.name, folderOf(p)]));
  const stampPath = join(CACHE, ".carecircle-vendor.json");
  const stamp = JSON.stringify({packages: [...folders.values()], placeholders: PLACEHOLDERS, v: 3}); // v3: DuckDB under its own version (was 1.32.0 in the 1.29.0 folder)
  if (!force && existsSync(stampPath) && (await readFile(stampPath, "utf-8")) === stamp) {
    process.stderr.write("vendor-npm: cache up to date\n");
    return;
  }
  const t0 = performance.now();
  for (const p of PACKAGES) {
    const dir = join(CACHE, folders.get(p.name)!);
    await rm(dir, {recursive: true, force: true});
    await mkdir(dir, {recursive: true});
    const code = await bundle(p, folders);
    await writeFile(join(dir, "_esm.js"), code);
    for (const f of p.files ?? []) {
      await mkdir(dirname(join(dir, f)), {recursive: true});
      await copyFile(join(packageDir(p.name), f), join(dir, f));
    }
    process.stderr.write(`vendor-npm: ${folders.get(p.name)} (${(code.length / 1024).toFixed(0)} KiB)\n`);
  }
  for (const name of PLACEHOLDERS) {
    const dir = join(CACHE, `${name}@0.0.0`);
    if (!existsSync(dir)) await mkdir(dir, {recursive: true});
  }
  await writeFile(stampPath, stamp);
  process.stderr.write(`vendor-npm: done in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${relative(ROOT, CACHE)}\n`);
}

main().catch((error) => {
  process.stderr.write(`vendor-npm failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
