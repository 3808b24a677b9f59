// The overview for a leader, in Chromium at 1366 and 1920 px: the county ranking sorts by each column (click and
// keyboard) and shows the build's figures, its links and the watch list's resolve, the watch list has only
// townships with a reason (worked out here from the build's artifacts), nothing scrolls sideways, and on a wide
// screen the ranking stands beside the coverage maps with their legend.
import {readFileSync, readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {rankingRows} from "../../src/lib/plan/overview.ts";
import {formatPercent} from "../../src/lib/view/format.ts";
import {problems, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");
const artifact = (name: string) => {
  const file = readdirSync("dist/_file/data").find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f))!;
  return JSON.parse(readFileSync(`dist/_file/data/${file}`, "utf8"));
};

type Shown = {code: string; value: number | null};
const column = (page: Page, key: string): Promise<Shown[]> =>
  page.$$eval(`.cc-ranking-table tbody tr`, (trs, k) => trs.map((tr) => {
    const td = tr.querySelector(`td[data-key="${k}"]`) as HTMLElement;
    return {code: (tr as HTMLElement).dataset.county!, value: td.dataset.value === undefined ? null : Number(td.dataset.value)};
  }), key);

/** Values in order `direction` with every null after every number. */
function inOrder(shown: Shown[], direction: "asc" | "desc"): boolean {
  const firstNull = shown.findIndex((s) => s.value === null);
  if (firstNull >= 0 && shown.slice(firstNull).some((s) => s.value !== null)) return false;
  const values = shown.filter((s) => s.value !== null).map((s) => s.value!);
  return values.every((v, i) => i === 0 || (direction === "asc" ? values[i - 1] <= v : values[i - 1] >= v));
}

/** Each href is relative, ends in .html and answers 200 from the server. */
async function checkLinks(page: Page, selector: string): Promise<number> {
  const hrefs = await page.$$eval(selector, (as) => as.map((a) => a.getAttribute("href")!));
  for (const href of hrefs) {
    expect(href, href).toMatch(/^\.\.?\/[^:?]*\.html(\?code=\d{9})?$/);
    const response = await page.request.get(new URL(href, page.url()).href);
    expect(response.status(), href).toBe(200);
  }
  return hrefs.length;
}

describe("overview for a leader", () => {
  it("at 1366 px: the ranking shows the build's figures and sorts by each column, by click and by keyboard; links resolve; no sideways scroll", async () => {
    const v = await visit(site.browser, site.base, "/index.html", {width: 1366, height: 768, screenshot: "overview-1366"});
    expect(problems(v)).toEqual([]);
    const page = v.page;
    const size = await page.evaluate(() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth}));
    expect(size.scroll).toBeLessThanOrEqual(size.client);

    const region = artifact("region");
    const results = artifact("results");
    const projects = artifact("projects");
    const rows = rankingRows({counties: region.counties, metrics: results.metrics.counties, statuses: results.statuses, facilities: region.facilities, serving: region.meta.serving, items: projects.items});
    expect(await page.locator(".cc-ranking-table tbody tr").count()).toBe(region.counties.length);
    // the figures shown are the build's: coverage text and red-light counts per county
    for (const r of rows) {
      const tr = page.locator(`.cc-ranking-table tbody tr[data-county="${r.code}"]`);
      expect(await tr.locator('td[data-key="coverage"]').innerText()).toBe(formatPercent(r.coverage!));
      expect(await tr.locator('td[data-key="red"]').innerText()).toBe(String(r.red));
      expect(await tr.locator(".cc-ranking-name").innerText()).toBe(r.name);
    }
    // red lights are the county's own targets' reds, summed here from the judged targets
    for (const c of region.counties) {
      const red = results.statuses.filter((s: {scope: string; code: string; status: string; role?: string}) => s.scope === "county" && s.code === c.code && s.role !== "reference" && s.status === "red").length;
      expect(rows.find((r) => r.code === c.code)!.red).toBe(red);
    }

    // first shown by coverage, best first
    expect(await page.getAttribute(".cc-ranking-table", "data-sort")).toBe("coverage:desc");
    expect(inOrder(await column(page, "coverage"), "desc")).toBe(true);
    const initial = (await column(page, "coverage")).map((s) => s.code);
    for (const key of ["red", "coverage", "bedsPer1000", "onTime"]) {
      const button = page.locator(`.cc-ranking-table th[data-key="${key}"] button`);
      await button.click();
      const first = (await page.getAttribute(".cc-ranking-table", "data-sort"))!;
      const [, dir1] = first.split(":") as [string, "asc" | "desc"];
      expect(first.startsWith(`${key}:`)).toBe(true);
      expect(inOrder(await column(page, key), dir1)).toBe(true);
      expect(await page.getAttribute(`.cc-ranking-table th[data-key="${key}"]`, "aria-sort")).toBe(dir1 === "asc" ? "ascending" : "descending");
      // a second activation, from the keyboard, reverses
      await button.focus();
      await page.keyboard.press("Enter");
      const dir2 = dir1 === "asc" ? "desc" : "asc";
      expect(await page.getAttribute(".cc-ranking-table", "data-sort")).toBe(`${key}:${dir2}`);
      expect(inOrder(await column(page, key), dir2)).toBe(true);
      // one sorted column at a time
      expect(await page.locator(".cc-ranking-table th[aria-sort]").count()).toBe(1);
    }
    // in the default region, beds per 1 000 order the counties otherwise than coverage (the sort moved the rows)
    await page.locator('.cc-ranking-table th[data-key="bedsPer1000"] button').click();
    const byBeds = (await column(page, "bedsPer1000")).map((s) => s.code);
    expect([...byBeds].sort()).toEqual([...initial].sort());
    expect(byBeds).not.toEqual(initial);

    expect(await checkLinks(page, ".cc-ranking-table a")).toBe(region.counties.length);
    expect(await checkLinks(page, ".cc-county-card h3 a")).toBe(region.counties.length);
    expect(await checkLinks(page, ".cc-watch-table a")).toBeGreaterThan(0);
    await page.context().close();
  });

  it("lists only townships with something to watch, each with its reason, and no column that is 0 on every row", async () => {
    const v = await visit(site.browser, site.base, "/index.html", {width: 1366, height: 768});
    const region = artifact("region");
    const results = artifact("results");
    type T = {code: string; uncovered: number; covered_any_share: number};
    const red = (code: string) => results.statuses.filter((s: {scope: string; code: string; status: string; role?: string}) => s.scope === "township" && s.code === code && s.role !== "reference" && s.status === "red").length;
    const gap = (code: string) => results.beds.find((g: {township_code: string}) => g.township_code === code)?.gap ?? 0;
    const watched = new Set(results.metrics.townships.filter((t: T) => t.uncovered > 0 || gap(t.code) > 0 || red(t.code) > 0).map((t: T) => t.code));
    expect(watched.size).toBeGreaterThan(0);
    // some townships have nothing to watch in the default region (so the rule leaves something out)
    expect(watched.size).toBeLessThan(region.townships.length);

    const shown = await v.page.$$eval(".cc-watch-table tbody tr", (trs) => trs.map((tr) => ({
      code: (tr as HTMLElement).dataset.township!,
      reason: tr.querySelector(".cc-watch-reason")!.textContent!.trim(),
      cells: Object.fromEntries([...tr.querySelectorAll("td[data-key]")].map((td) => [(td as HTMLElement).dataset.key!, td.textContent!.trim()]))
    })));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(watched.size);
    expect(await v.page.locator("#observablehq-main").innerText()).toContain(`共 ${watched.size} 个乡镇`);
    const metrics = new Map<string, T>(results.metrics.townships.map((t: T) => [t.code, t]));
    for (const row of shown) {
      expect(watched.has(row.code), row.code).toBe(true);
      expect(row.reason.length, row.code).toBeGreaterThan(0);
      const t = metrics.get(row.code)!;
      // each reason stated is true of the township, and each true reason is stated
      expect(row.reason.includes("红灯"), row.code).toBe(red(row.code) > 0);
      expect(row.reason.includes("服务圈外"), row.code).toBe(t.uncovered > 0);
      expect(row.reason.includes("床位缺口"), row.code).toBe(gap(row.code) > 0);
    }
    // a fully covered township is listed only for another reason
    for (const row of shown.filter((r) => metrics.get(r.code)!.uncovered === 0)) expect(red(row.code) > 0 || gap(row.code) > 0).toBe(true);
    // no count column is 0 on every row
    const keys = Object.keys(shown[0].cells).filter((k) => k !== "coverage");
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(shown.some((r) => r.cells[k] !== "0"), k).toBe(true);
    await v.page.context().close();
  });

  it("at 1920 px: the ranking beside the coverage maps and the watch list, the legend beside the maps, the page shorter than 5 600 px", async () => {
    const v = await visit(site.browser, site.base, "/index.html", {width: 1920, height: 1080, screenshot: "overview-1920"});
    expect(problems(v)).toEqual([]);
    const box = async (selector: string) => (await v.page.locator(selector).first().boundingBox())!;
    const rank = await box(".cc-ov-rank");
    const maps = await box(".cc-ov-maps");
    expect(Math.abs(rank.y - maps.y)).toBeLessThan(10);
    expect(maps.x).toBeGreaterThanOrEqual(rank.x + rank.width);
    // the maps reach into the right third of the screen; the watch list is under the maps, beside the ranking
    expect(maps.x + maps.width).toBeGreaterThan(1700);
    const watch = await box(".cc-ov-watch");
    expect(watch.x).toBeGreaterThanOrEqual(rank.x + rank.width);
    expect(watch.y).toBeGreaterThanOrEqual(maps.y + maps.height - 1);
    expect(watch.y).toBeLessThan(1080);
    const cards = await v.page.$$eval(".cc-county-card", (els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const legend = await box(".cc-share-legend");
    const cardsRight = Math.max(...cards.map((c) => c.right));
    expect(legend.x).toBeGreaterThanOrEqual(cardsRight);
    expect(legend.y).toBeLessThan(Math.max(...cards.map((c) => c.bottom)));
    // the five maps in one row
    expect(new Set(cards.map((c) => Math.round(c.top))).size).toBe(1);
    // the legend's swatches are the maps' colours: no red, amber or green
    const swatches = await v.page.$$eval(".cc-share-swatch", (els) => els.map((e) => (e as HTMLElement).dataset.color!));
    const fills = await v.page.$$eval(".cc-county-card svg [fill]", (els) => [...new Set(els.map((e) => e.getAttribute("fill")!))]);
    expect(fills.filter((f) => swatches.includes(f)).length).toBeGreaterThan(1);
    expect(fills.filter((f) => /^#[0-9a-f]{6}$/i.test(f) && !["#ffffff"].includes(f.toLowerCase())).every((f) => swatches.includes(f))).toBe(true);
    const height = await v.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(5600);
    const size = await v.page.evaluate(() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth}));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    await v.page.context().close();
  });
});
