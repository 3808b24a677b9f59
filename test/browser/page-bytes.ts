/**
 * Bytes each page transfers, as measured by the link crawl (links.test.ts) on nginx with gzip on, summarised for the
 * README: one row per page, and the largest county and township report. The README's table sits between
 * `<!-- page-bytes:start -->` and `<!-- page-bytes:end -->`; the crawl test checks it against what it measured, and
 * `npx tsx test/browser/page-bytes.ts --write` rewrites it from test/output/page-bytes.json after a test run.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";

export interface PageBytes {
  page: string;
  kB: number;
}

const START = "<!-- page-bytes:start -->";
const END = "<!-- page-bytes:end -->";

/**
 * One row per page; county and township reports as their largest ("/county/*.html (largest of 5)",
 * "/township.html?code=* (largest of 53)" — one township page, opened once per township code).
 */
export function summarisePageBytes(bytes: Record<string, number>): PageBytes[] {
  const rows: PageBytes[] = [];
  const groups = new Map<string, number[]>();
  for (const [path, n] of Object.entries(bytes)) {
    const page = path === "/" ? "/index.html" : path;
    const group = /^\/county\//.test(page) ? "/county/*.html" : /^\/township\.html\?/.test(page) ? "/township.html?code=*" : undefined;
    if (group) groups.set(group, [...(groups.get(group) ?? []), n]);
    else rows.push({page, kB: Math.round(n / 1024)});
  }
  rows.sort((a, b) => a.page.localeCompare(b.page));
  for (const [group, ns] of [...groups].sort()) {
    rows.push({page: `${group} (largest of ${ns.length})`, kB: Math.round(Math.max(...ns) / 1024)});
  }
  return rows;
}

/** The README table, between its markers. */
export function pageBytesTable(rows: PageBytes[]): string {
  return [
    START,
    "| page | transferred (gzip) |",
    "|---|---:|",
    ...rows.map((r) => `| \`${r.page}\` | ${r.kB.toLocaleString("en-US")} kB |`),
    END
  ].join("\n");
}

/** The figures the README states, by page. */
export function readmeBytes(readme: string): Map<string, number> {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} table`);
  const out = new Map<string, number>();
  for (const line of readme.slice(a, b).split("\n")) {
    const m = line.match(/^\| `([^`]+)` \| ([\d,]+) kB \|$/);
    if (m) out.set(m[1], Number(m[2].replace(/,/g, "")));
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const measured = JSON.parse(readFileSync("test/output/page-bytes.json", "utf8")) as {summary: PageBytes[]};
  const readme = readFileSync("README.md", "utf8");
  const table = pageBytesTable(measured.summary);
  if (!process.argv.includes("--write")) {
    process.stdout.write(table + "\n");
  } else {
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} table`);
    writeFileSync("README.md", readme.slice(0, a) + table + readme.slice(b + END.length));
    process.stdout.write("README.md page-bytes table rewritten\n");
  }
}
