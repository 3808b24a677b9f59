/**
 * After `observable build`: make the output folder servable by any static web server in its default configuration.
 *
 * 1. No `.mjs` files. A default nginx (Debian's mime.types) and IIS serve `.mjs` as application/octet-stream or
 *    not at all, and browsers refuse a module script with that type — every map page would break. Each `.mjs`
 *    (maplibre's ESM build and its worker, under `_node/`) is renamed to `.js`, and every reference to it in the
 *    site's `.html` and `.js` files is rewritten (references are relative paths that end with the file's path
 *    from the output root).
 * 2. A `web.config` for IIS, which refuses files whose extension has no MIME type: `.wasm`, `.arrow`, `.geojson`,
 *    `.json` get theirs, with static compression and long caching for the content-hashed `_file/`, `_import/`,
 *    `_npm/`, `_node/` and `_observablehq/` folders. nginx and Apache ignore it.
 *
 * Run by `npm run build` after `observable build`. Usage: `npx tsx scripts/finish-dist.ts [folder]` (default: the
 * CARECIRCLE_OUTPUT folder, else dist).
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Extensions a page fetches whose MIME type IIS does not know by default (and the type to declare). */
export const IIS_MIME: readonly [string, string][] = [
  [".wasm", "application/wasm"],
  [".arrow", "application/vnd.apache.arrow.file"],
  [".geojson", "application/geo+json"],
  [".json", "application/json"],
  [".js", "text/javascript"],
  [".csv", "text/csv"],
  [".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
];

export function webConfig(): string {
  const maps = IIS_MIME.map(([ext, type]) => `      <remove fileExtension="${ext}" />\n      <mimeMap fileExtension="${ext}" mimeType="${type}" />`).join("\n");
  const hashed = ["_file", "_import", "_npm", "_node", "_observablehq"].map((folder) => `  <location path="${folder}">
    <system.webServer>
      <staticContent>
        <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="365.00:00:00" />
      </staticContent>
    </system.webServer>
  </location>`).join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- CareCircle 养老服务圈: IIS settings for this static site (written by scripts/finish-dist.ts). No rewrite rules are
     needed: every link ends in .html. Files under the folders below have content hashes or versions in their names,
     so they may be cached for a year; pages (.html) are revalidated. -->
<configuration>
  <system.webServer>
    <staticContent>
${maps}
    </staticContent>
    <urlCompression doStaticCompression="true" doDynamicCompression="false" />
    <defaultDocument enabled="true">
      <files>
        <clear />
        <add value="index.html" />
      </files>
    </defaultDocument>
  </system.webServer>
${hashed}
</configuration>
`;
}

/** Rename `.mjs` files to `.js` and rewrite the references; returns the renames (paths relative to `out`). */
export function renameModules(out: string): [string, string][] {
  const all = files(out);
  const renames: [string, string][] = [];
  for (const file of all.filter((f) => f.endsWith(".mjs"))) {
    const from = relative(out, file).split("\\").join("/");
    let to = from.replace(/\.mjs$/, ".js");
    if (existsSync(join(out, to))) to = from + ".js";
    renameSync(file, join(out, to));
    renames.push([from, to]);
  }
  if (!renames.length) return renames;
  for (const file of all.filter((f) => /\.(html|js|css)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    let next = text;
    for (const [from, to] of renames) next = next.split(from).join(to);
    if (next !== text) writeFileSync(file, next);
  }
  return renames;
}

/** The page that sends an old township-report address (`township/<code>.html`) to `../township.html?code=<code>`. */
export function townshipRedirect(code: string): string {
  const target = `../township.html?code=${encodeURIComponent(code)}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>乡镇报告已移至新地址</title>
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="icon" href="data:,">
</head><body><p>乡镇报告已移至新地址：<a href="${target}">${target}</a></p></body></html>
`;
}

/**
 * 3. Old township links keep working. The township report used to be one page per township
 *    (`township/<code>.html`); it is now one page, `township.html?code=<code>` (docs/scale.md). For every township of
 *    the region (src/data/units/index.json) a small static page at the old address forwards there — plain files
 *    written here, not Framework pages, so they cost the build nothing worth measuring. Codes are 9 digits
 *    (validated by the loader); anything else is skipped.
 */
export function writeTownshipRedirects(out: string, codes: readonly string[]): number {
  const valid = codes.filter((c) => /^\d{9}$/.test(c));
  if (!valid.length) return 0;
  mkdirSync(join(out, "township"), {recursive: true});
  for (const code of valid) writeFileSync(join(out, "township", `${code}.html`), townshipRedirect(code));
  return valid.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? process.env.CARECIRCLE_OUTPUT ?? "dist";
  if (!existsSync(join(out, "index.html"))) {
    process.stderr.write(`finish-dist: no built site in ${out}/ — run \`observable build\` first.\n`);
    process.exit(1);
  }
  for (const [from, to] of renameModules(out)) process.stderr.write(`finish-dist: ${from} → ${to} (default servers do not serve .mjs as JavaScript)\n`);
  writeFileSync(join(out, "web.config"), webConfig());
  process.stderr.write(`finish-dist: wrote ${join(out, "web.config")} for IIS\n`);
  const units = join("src", "data", "units", "index.json");
  if (existsSync(units)) {
    const n = writeTownshipRedirects(out, (JSON.parse(readFileSync(units, "utf-8")) as {townships: string[]}).townships);
    process.stderr.write(`finish-dist: ${n} township/<code>.html pages forward old links to township.html?code=\n`);
  }
}
