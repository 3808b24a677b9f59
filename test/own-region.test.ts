// A user's own region, end to end, as the guide tells it: build the site from test/fixtures/own-region (made from the
// templates: three townships, a GBK facility list in GCJ-02) with CARECIRCLE_REGION and CARECIRCLE_OUTPUT, serve the
// output folder with nginx under a sub-path, and visit pages in Chromium: no console error, no request to another host, the three township names
// shown, the quality page and the SQL page working on that data. One build (~30–60 s). data-cache.ts fingerprints
// the region, so the next default build re-runs every loader.
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {startNginx, type Nginx} from "./browser/nginx.ts";
import {crawl} from "./browser/crawl.ts";
import {launchBrowser, problems, visit} from "./browser/harness.ts";

const REGION = "test/fixtures/own-region";
const TOWNSHIPS = ["东岗街道", "清河镇", "柳湾乡"];
const out = mkdtempSync(join(tmpdir(), "carecircle-own-region-"));
let browser: Browser;
let server: Nginx;
let base: string;

function run(command: string, args: string[]): void {
  const env = {...process.env, CARECIRCLE_REGION: REGION, CARECIRCLE_OUTPUT: out};
  const r = spawnSync(command, args, {env, encoding: "utf8", timeout: 300_000});
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stderr?.slice(-3000)}`);
}

beforeAll(async () => {
  const t0 = performance.now();
  run("npm", ["run", "build"]); // the README's build (prepare-site + observable build), with the region's env
  console.log(`own region built in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out}`);
  server = await startNginx(out);
  base = server.sub; // served under a sub-path by nginx, as a bureau would
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(out, {recursive: true, force: true});
});

describe("a hand-made region built by following the guide", () => {
  it.each(["/index.html", "/reports.html", "/county/330999.html", "/township/330999100.html"])("%s renders cleanly with the region's townships", async (path) => {
    const v = await visit(browser, base, path, {screenshot: `own-region${path.replace(/\.html$/, "").replace(/\//g, "__")}`});
    expect(problems(v)).toEqual([]);
    const text = await v.page.locator("#observablehq-main").innerText();
    const expected = path.startsWith("/township/") ? ["清河镇"] : TOWNSHIPS;
    for (const name of expected) expect(text).toContain(name);
    await v.page.context().close();
  }, 120_000);

  it("every link works under a sub-path and reaches every report", async () => {
    const r = await crawl(browser, base);
    expect(r.broken.map((b) => `${b.url} → ${b.status}`)).toEqual([]);
    expect(r.problems).toEqual([]);
    for (const path of ["/county/330999.html", ...["330999001", "330999100", "330999200"].map((c) => `/township/${c}.html`)]) expect(r.pages).toContain(path);
  }, 300_000);

  it("the quality page shows the GBK / GCJ-02 facility file, the dropped phone column and the outside-township warning", async () => {
    const v = await visit(browser, base, "/quality.html", {screenshot: "own-region__quality"});
    expect(problems(v)).toEqual([]);
    expect(await v.page.locator(".cc-q-banner").getAttribute("data-verdict")).toBe("warn");
    const card = v.page.locator('.cc-q-card[data-file="facilities"]');
    const text = await card.innerText();
    expect(text).toContain("GBK / GB18030");
    expect(text).toContain("GCJ-02（高德、腾讯） → WGS84，已转换 7 个");
    expect(text).toContain("联系电话（个人信息，未读取）");
    expect(text).toContain("点位不在所属乡镇内");
    expect(await v.page.locator("#observablehq-main").innerText()).not.toMatch(/0571-8800/);
    await v.page.context().close();
  }, 120_000);

  it("the SQL page answers on the region's own tables", async () => {
    const v = await visit(browser, base, "/sql.html", {waitForMaps: false});
    await v.page.locator(".cc-sql-ready").waitFor({timeout: 60_000});
    await v.page.locator('.cc-sql-result[data-rows="3"]').waitFor({timeout: 30_000});
    const text = await v.page.locator(".cc-sql-result").innerText();
    for (const name of TOWNSHIPS) expect(text).toContain(name);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  }, 120_000);
});
