// A user's own region, end to end, as the guide tells it: build the site from test/fixtures/own-region (made from the
// templates: three townships, a GBK facility list in GCJ-02) with CARECIRCLE_REGION and CARECIRCLE_OUTPUT, serve the
// output folder with nginx under a sub-path, and visit pages in Chromium: no console error, no request to another host, the three township names
// shown, the quality page and the SQL page working on that data. One build (~30–60 s). data-cache.ts fingerprints
// the region, so the next default build re-runs every loader.
import {spawnSync} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
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

function run(command: string, args: string[], region = REGION, output = out): void {
  const env = {...process.env, CARECIRCLE_REGION: region, CARECIRCLE_OUTPUT: output};
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
  it.each(["/index.html", "/reports.html", "/county/330999.html", "/township.html?code=330999100"])("%s renders cleanly with the region's townships", async (path) => {
    const v = await visit(browser, base, path, {screenshot: `own-region${path.replace(/\.html\?code=/, "__").replace(/\.html$/, "").replace(/\//g, "__")}`});
    expect(problems(v)).toEqual([]);
    const text = await v.page.locator("#observablehq-main").innerText();
    const expected = path.startsWith("/township.html") ? ["清河镇"] : TOWNSHIPS;
    for (const name of expected) expect(text).toContain(name);
    await v.page.context().close();
  }, 120_000);

  it("every link works under a sub-path and reaches every report", async () => {
    const r = await crawl(browser, base);
    expect(r.broken.map((b) => `${b.url} → ${b.status}`)).toEqual([]);
    expect(r.problems).toEqual([]);
    for (const path of ["/county/330999.html", ...["330999001", "330999100", "330999200"].map((c) => `/township.html?code=${c}`)]) expect(r.pages).toContain(path);
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

// Long and hostile names: the same region with a 500-character township name, village name and facility name — CJK
// text, a 120-character run with no break opportunity, and markup that must stay text — built a second time (after
// the tests above, so the two builds never share Framework's cache at once). Every page at 1366 px renders with no
// sideways scroll, no console error and no request the markup could make (an <img src=x> would request /x), and
// the printed township report keeps its number columns on the page.
describe("long and hostile names", () => {
  const LONG = (prefix: string) => (prefix + "超长名称测试" + "<img src=x onerror=alert(1)>&amp;" + "A".repeat(120) + "很长的名字".repeat(100)).slice(0, 500);
  const region = mkdtempSync(join(tmpdir(), "carecircle-hostile-region-"));
  const site = mkdtempSync(join(tmpdir(), "carecircle-hostile-site-"));
  let hostile: Nginx;

  beforeAll(async () => {
    cpSync(REGION, region, {recursive: true});
    const townships = JSON.parse(readFileSync(join(region, "boundaries/townships.geojson"), "utf8"));
    const liuwan = townships.features.find((f: {properties: Record<string, string>}) => f.properties["乡镇代码"] === "330999200");
    liuwan.properties["名称"] = LONG("柳湾乡");
    writeFileSync(join(region, "boundaries/townships.geojson"), JSON.stringify(townships));
    const villages = readFileSync(join(region, "villages.csv"), "utf8").split("\n");
    const row = villages.findIndex((l) => l.startsWith("330999200"));
    villages[row] = villages[row].replace(/^(\d+),[^,]*,/, (_m, code) => `${code},"${LONG("村").replace(/"/g, '""')}",`);
    writeFileSync(join(region, "villages.csv"), villages.join("\n"));
    run("npm", ["run", "build"], region, site);
    hostile = await startNginx(site);
  }, 400_000);

  afterAll(async () => {
    await hostile?.stop();
    rmSync(region, {recursive: true, force: true});
    rmSync(site, {recursive: true, force: true});
  });

  it("every page renders at 1366 px with no sideways scroll and the markup stays text", async () => {
    const r = await crawl(browser, hostile.root, {overflow: true});
    expect(r.broken.map((b) => `${b.url} → ${b.status}`)).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.overflowing).toEqual([]);
    expect(r.pages).toContain("/township.html?code=330999200");
    const v = await visit(browser, hostile.root, "/township.html?code=330999200", {screenshot: "hostile-township"});
    expect(await v.page.locator("#observablehq-main").innerText()).toContain("<img src=x onerror=alert(1)>");
    expect(await v.page.locator("#observablehq-main img").count()).toBe(0);
    // printed: no table cell past the page's right edge (A4 less margins ≈ 700 CSS px)
    await v.page.emulateMedia({media: "print"});
    await v.page.setViewportSize({width: 700, height: 1000});
    await v.page.waitForTimeout(300);
    const cut = await v.page.$$eval("#observablehq-main td, #observablehq-main th, #observablehq-main h1, #observablehq-main p", (els) =>
      els.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => (e.textContent ?? "").slice(0, 40)));
    expect(cut).toEqual([]);
    await v.page.context().close();
  }, 600_000);
});
