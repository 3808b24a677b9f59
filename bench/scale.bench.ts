/**
 * Province scale (`npm run bench -- scale`, sizes with `--villages 7200,108000`; default 108 000): generate a
 * province-like region (bench/province.ts, the region contract's own files), check it with the data loader, build
 * the whole site on it exactly as `npm run build` does (CARECIRCLE_REGION / CARECIRCLE_OUTPUT), serve the result
 * with Debian's nginx (gzip, no rewrites) and open pages in Debian's Chromium:
 *   - build wall time and peak resident memory (the build's whole process tree, sampled every 100 ms; and the
 *     largest single process);
 *   - explorer ready: navigation start to the map's first idle frame in the page's own clock (median of three cold
 *     loads), and its JS heap;
 *   - one county and one township report: bytes transferred (gzip) and JS heap;
 *   - the largest county and township bundle on disk.
 * The goal figures of the issue are printed beside the measured ones. Screenshots go to bench/results/ (look at
 * them). Nothing here is asserted as a timing in `npm test`; test/bench/bench-smoke.test.ts runs a small size to
 * keep the bench from rotting.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {launchBrowser, visit} from "../test/browser/harness.ts";
import {startNginx} from "../test/browser/nginx.ts";
import {writeProvince, type ProvinceSummary} from "./province.ts";
import {median} from "./timing.ts";
import type {Sections} from "./readme.ts";

export interface ScaleRow {
  summary: ProvinceSummary;
  buildSec: number;
  peakTreeMB: number;
  peakProcessMB: number;
  explorerReadyMs: number;
  explorerHeapMB: number;
  countyKB: number;
  countyHeapMB: number;
  townshipKB: number;
  largestCountyBundleKB: number;
  pages: number;
  screenshots: string[];
  /** the region-wide pages (overview, 指挥大屏, reports list, siting): bytes transferred and heap */
  others: Record<string, {kB: number; heapMB: number}>;
}

/** Resident memory of a process tree (kB), from /proc. */
function treeRss(root: number): {total: number; max: number} {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf-8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  let max = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    const kb = rss.get(p) ?? 0;
    total += kb;
    max = Math.max(max, kb);
    stack.push(...(children.get(p) ?? []));
  }
  return {total, max};
}

/** Run `npm run build` on a region; wall time and peak memory of the whole tree. */
async function build(region: string, out: string, log: string): Promise<{sec: number; peakTreeMB: number; peakProcessMB: number}> {
  rmSync(out, {recursive: true, force: true});
  // every figure recomputed, as after a data delivery: the loader cache, the build cache and the bundles go (the
  // vendored npm modules stay, as they do between a bureau's builds)
  const cache = join("src", ".observablehq", "cache");
  for (const p of [join(cache, "data"), join(cache, "_file"), join(cache, "carecircle"), join(cache, ".carecircle-data.sha256"), join("src", "data", "units")]) rmSync(p, {recursive: true, force: true});
  const t0 = performance.now();
  const child = spawn("npm", ["run", "build"], {env: {...process.env, CARECIRCLE_REGION: region, CARECIRCLE_OUTPUT: out}, stdio: ["ignore", "pipe", "pipe"]});
  const chunks: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => chunks.push(d));
  child.stderr.on("data", (d: Buffer) => chunks.push(d));
  let peakTree = 0;
  let peakProcess = 0;
  const timer = setInterval(() => {
    const {total, max} = treeRss(child.pid!);
    peakTree = Math.max(peakTree, total);
    peakProcess = Math.max(peakProcess, max);
  }, 100);
  const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
  clearInterval(timer);
  const text = Buffer.concat(chunks).toString("utf-8");
  mkdirSync(join("bench", "results"), {recursive: true});
  writeFileSync(log, text);
  if (code !== 0) throw new Error(`build of ${region} failed (exit ${code}); log: ${log}\n${text.slice(-2000)}`);
  return {sec: (performance.now() - t0) / 1000, peakTreeMB: peakTree / 1024, peakProcessMB: peakProcess / 1024};
}

function largest(dir: string): number {
  return existsSync(dir) ? Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).size)) : 0;
}

function countPages(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) n += name.startsWith("_") ? 0 : countPages(p);
    else if (name.endsWith(".html")) n++;
  }
  return n;
}

/** JS heap in use, MB (Chrome DevTools protocol). */
async function heapMB(page: import("playwright-core").Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const {usedSize} = (await cdp.send("Runtime.getHeapUsage")) as {usedSize: number};
  return usedSize / 2 ** 20;
}

/** Records performance.now() when every map on the page first reports idle (data-idle="1"). */
const MAP_IDLE_CLOCK = `(() => {
  const check = () => {
    const maps = document.querySelectorAll(".cc-map");
    if (maps.length && Array.from(maps).every((m) => m.dataset.idle === "1") && window.__ccMapIdleAt === undefined) window.__ccMapIdleAt = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-idle"], childList: true});
})();`;

export async function measure(villages: number, options: {quiet?: boolean} = {}): Promise<ScaleRow> {
  const say = (s: string) => options.quiet || console.log(s);
  const region = resolve(".tmp", `scale-${villages}`);
  const out = resolve(".tmp", `scale-${villages}-dist`);
  rmSync(region, {recursive: true, force: true});
  const summary = writeProvince(region, {villages});
  say(`scale ${villages}: ${summary.counties} counties, ${summary.townships} townships, ${summary.villages} villages, ${summary.facilities} facilities`);
  const b = await build(region, out, join("bench", "results", `scale-${villages}-build.log`));
  say(`  build ${b.sec.toFixed(0)} s, peak RSS ${b.peakTreeMB.toFixed(0)} MB (process tree), ${b.peakProcessMB.toFixed(0)} MB (largest process)`);
  const index = JSON.parse(readFileSync(join("src", "data", "units", "index.json"), "utf-8")) as {counties: string[]; townships: string[]};
  const nginx = await startNginx(out);
  const browser = await launchBrowser();
  const screenshots: string[] = [];
  try {
    const shot = (name: string) => {
      const path = join("bench", "results", `scale-${villages}-${name}.png`);
      screenshots.push(path);
      return path;
    };
    // ready = the first moment the explorer's map reports idle (every layer drawn), in the page's own clock from
    // navigation start; the harness's later wait for network quiet (≥ 500 ms) is not counted
    // the median of three cold loads (a new browser context each: empty cache)
    const readies: number[] = [];
    let ex!: Awaited<ReturnType<typeof visit>>;
    for (let i = 0; i < 3; i++) {
      if (ex) await ex.page.context().close();
      ex = await visit(browser, nginx.root, "/explorer.html", {width: 1366, height: 768, timeoutMs: 180_000, beforeGoto: async (page) => void (await page.addInitScript(MAP_IDLE_CLOCK))});
      readies.push(await ex.page.evaluate(() => (window as unknown as {__ccMapIdleAt?: number}).__ccMapIdleAt ?? NaN));
    }
    const explorerReadyMs = median(readies);
    await ex.page.screenshot({path: shot("explorer")});
    const explorerHeapMB = await heapMB(ex.page);
    const problems = [...ex.pageErrors, ...ex.consoleErrors, ...ex.failedRequests];
    await ex.page.context().close();
    const county = index.counties[Math.floor(index.counties.length / 2)];
    const cv = await visit(browser, nginx.root, `/county/${county}.html`, {width: 1366, height: 900, timeoutMs: 180_000});
    const countyKB = (await cv.transferred()) / 1024;
    const countyHeapMB = await heapMB(cv.page);
    await cv.page.screenshot({path: shot("county"), fullPage: true});
    problems.push(...cv.pageErrors, ...cv.consoleErrors, ...cv.failedRequests);
    await cv.page.context().close();
    const township = index.townships[Math.floor(index.townships.length / 2)];
    const tv = await visit(browser, nginx.root, `/township.html?code=${township}`, {timeoutMs: 180_000});
    const townshipKB = (await tv.transferred()) / 1024;
    problems.push(...tv.pageErrors, ...tv.consoleErrors, ...tv.failedRequests);
    await tv.page.context().close();
    // the region-wide pages: bytes, heap, a screenshot each
    const others: Record<string, {kB: number; heapMB: number}> = {};
    for (const page of ["index", "command", "reports", "siting"]) {
      const v = await visit(browser, nginx.root, `/${page}.html`, {width: page === "command" ? 1920 : 1366, height: page === "command" ? 1080 : 900, timeoutMs: 180_000});
      others[page] = {kB: (await v.transferred()) / 1024, heapMB: await heapMB(v.page)};
      await v.page.screenshot({path: shot(page), fullPage: page !== "command"});
      problems.push(...v.pageErrors.map((e) => `${page}: ${e}`), ...v.consoleErrors.map((e) => `${page}: ${e}`), ...v.failedRequests.map((e) => `${page}: ${e}`));
      await v.page.context().close();
    }
    if (problems.length) throw new Error(`pages at ${villages} villages have errors:\n  ${problems.join("\n  ")}`);
    const row: ScaleRow = {
      summary, buildSec: b.sec, peakTreeMB: b.peakTreeMB, peakProcessMB: b.peakProcessMB, explorerReadyMs, explorerHeapMB,
      countyKB, countyHeapMB, townshipKB, largestCountyBundleKB: largest(join("src", "data", "units", "county")) / 1024,
      pages: countPages(out), screenshots, others
    };
    say(`  region-wide pages: ${Object.entries(others).map(([p, o]) => `${p} ${o.kB.toFixed(0)} kB (heap ${o.heapMB.toFixed(0)} MB)`).join(", ")}`);
    say(`  explorer ready ${explorerReadyMs} ms (heap ${explorerHeapMB.toFixed(0)} MB); county page ${countyKB.toFixed(0)} kB transferred (heap ${countyHeapMB.toFixed(0)} MB); township page ${townshipKB.toFixed(0)} kB; ${row.pages} pages`);
    return row;
  } finally {
    await browser.close();
    await nginx.stop();
  }
}

export function table(rows: readonly ScaleRow[]): string {
  const head = "| villages / facilities / townships / counties | build | build peak RSS (tree / largest process) | explorer ready (map idle, median of 3) | explorer heap | county page (gzip) | county page heap | township page (gzip) | pages |\n|---|---|---|---|---|---|---|---|---|";
  const lines = rows.map((r) => `| ${r.summary.villages.toLocaleString("en").replace(/,/g, " ")} / ${r.summary.facilities.toLocaleString("en").replace(/,/g, " ")} / ${r.summary.townships} / ${r.summary.counties} | ${r.buildSec.toFixed(0)} s | ${(r.peakTreeMB / 1024).toFixed(2)} GB / ${(r.peakProcessMB / 1024).toFixed(2)} GB | ${(r.explorerReadyMs / 1000).toFixed(1)} s | ${r.explorerHeapMB.toFixed(0)} MB | ${r.countyKB.toFixed(0)} kB | ${r.countyHeapMB.toFixed(0)} MB | ${r.townshipKB.toFixed(0)} kB | ${r.pages} |`);
  const pageNames: Record<string, string> = {index: "总览", command: "指挥大屏", reports: "报告列表", siting: "选址建议"};
  const others = rows.map((r) => `| ${r.summary.villages.toLocaleString("en").replace(/,/g, " ")} villages | ${Object.entries(r.others).map(([p, o]) => `${pageNames[p] ?? p} ${o.kB.toFixed(0)} kB / ${o.heapMB.toFixed(0)} MB`).join(" · ")} |`);
  return [head, ...lines, "", "| region-wide pages | transferred (gzip) / JS heap |", "|---|---|", ...others, "", "Goals (issue 14, 108 000 villages, 2 cores): build < 5 min, peak RSS < 2 GB, explorer ready < 2 s, any report page < 2 MB transferred, no page heap > 200 MB."].join("\n");
}

export async function main(): Promise<Sections> {
  const i = process.argv.indexOf("--villages");
  const sizes = (i >= 0 ? process.argv[i + 1] : "108000").split(",").map(Number);
  const rows: ScaleRow[] = [];
  for (const n of sizes) rows.push(await measure(n));
  const text = table(rows);
  console.log(`\n${text}\n`);
  console.log(`(machine: ${(await import("node:os")).cpus().length} cores; build logs and screenshots in bench/results/; the default region is rebuilt by the next npm run build)`);
  return {scale: text};
}
