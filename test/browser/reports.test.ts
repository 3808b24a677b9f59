// Leaders' reports: the overview's lights agree with the targets engine run independently on the raw region
// data; a county report prints to A4 PDF with nothing wider than the page; a downloaded CSV re-read equals the
// table shown.
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {SERVING_STATUSES} from "../../src/lib/facility-types.ts";
import {formatNumber, formatPercent} from "../../src/lib/view/format.ts";
import {computeMetrics} from "../../src/lib/plan/metrics.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
import {judgeTargets, referenceTargets} from "../../src/lib/plan/milestones.ts";
import {populationRule} from "../../src/lib/engine/population.ts";
import {metricsAsOf, withProjectCompletion} from "../../src/lib/engine/timeline.ts";
import type {Page} from "playwright-core";
import {problems, SCREENSHOTS, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");

/**
 * Lay the page out as Chromium prints it on A4 (210 mm less 2 × 12 mm margins ≈ 703 CSS px) and list every chart,
 * table, card, grid, figure or notice that reaches past the page's right edge.
 */
async function printOverflow(page: Page): Promise<{tag: string; cls: string; right: number; width: number}[]> {
  await page.emulateMedia({media: "print"});
  await page.setViewportSize({width: 700, height: 1000});
  await page.waitForTimeout(300);
  const selector = ["svg", "table", ".card", "figure", ".grid", ".cc-kpi-grid", ".cc-modelled-notice"].map((s) => `#observablehq-main ${s}`).join(", ");
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null || e instanceof SVGElement)
      .map((e) => ({tag: e.tagName, cls: String(e.getAttribute("class") ?? ""), right: Math.round(e.getBoundingClientRect().right), width: Math.round(e.getBoundingClientRect().width)}))
      .filter((r) => r.width > 0 && r.right > document.documentElement.clientWidth + 1)
  );
}

/** Pages in a PDF written by Chromium: the page tree's /Count. */
function pdfPages(pdf: Buffer): number {
  return Math.max(0, ...[...pdf.toString("latin1").matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
}

/** How many lines each element matching `selector` takes (text line boxes, tops within 4 px counted once). */
async function lineCounts(page: Page, selector: string): Promise<{text: string; lines: number}[]> {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops: number[] = [];
      for (const r of range.getClientRects()) if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 4)) tops.push(r.top);
      return {text: (el.textContent ?? "").trim(), lines: tops.length};
    })
  );
}


describe("overview", () => {
  it("shows, for every county target, the light the targets engine gives on the raw data", async () => {
    const {region} = await loadRegion("data/default");
    const engine = new CoverageEngine(region.villages, region.facilities, mergeRadii(region.config.radii as never), {statuses: SERVING_STATUSES});
    const metrics = computeMetrics(region, engine.result(), {statuses: SERVING_STATUSES});
    // judged in time on the raw data (milestones.ts: passed deadlines at the deadline, the rest on the plan)
    const date = region.meta.data_date;
    const dated = withProjectCompletion(region.facilities, region.projects).facilities;
    const radii = mergeRadii(region.config.radii as never);
    const population = populationRule(region.config);
    const expected = judgeTargets(region.targets, (d) => (d === date ? metrics : metricsAsOf({...region, facilities: dated}, d, date, radii, {statuses: SERVING_STATUSES, population})), date, {reference: referenceTargets(region.config), population})
      .filter((s) => s.scope === "county")
      .map((s) => `${s.code} ${s.target_id} ${s.status}`)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    // the default region's lights are not all one colour (else a page that painted everything green would pass)
    expect(expected.some((e) => e.endsWith(" green"))).toBe(true);
    expect(expected.some((e) => e.endsWith(" red"))).toBe(true);

    const v = await visit(site.browser, site.base, "/index.html");
    expect(problems(v)).toEqual([]);
    const shown = await v.page.$$eval(".cc-kpi", (cards) => cards.map((c) => `${(c as HTMLElement).dataset.code} ${(c as HTMLElement).dataset.target} ${(c as HTMLElement).dataset.light}`));
    expect(shown.sort()).toEqual(expected);
    await v.page.context().close();
  });
});

describe("county report", () => {
  const code = "500120";

  it("prints to A4 with no chart, table, card or notice wider than the page, every table header on one line", async () => {
    const v = await visit(site.browser, site.base, `/county/${code}.html`, {width: 1366});
    const screenHeaders = await lineCounts(v.page, ".cc-table thead th");
    expect(screenHeaders.length).toBeGreaterThan(20);
    expect(screenHeaders.filter((h) => h.lines !== 1)).toEqual([]);
    expect(await printOverflow(v.page)).toEqual([]);
    // no "排/名", "达/标" or "≥ 1/个": headers, lights and targets keep to one line on the printed page too
    expect((await lineCounts(v.page, ".cc-table thead th")).filter((h) => h.lines !== 1)).toEqual([]);
    const short = await lineCounts(v.page, ".cc-table td.cc-nowrap, .cc-table td.cc-num");
    expect(short.length).toBeGreaterThan(100);
    expect(short.filter((c) => c.lines > 1)).toEqual([]);
    // the link hidden in print takes its "·" separator with it
    expect((await v.page.locator("#observablehq-main p.cc-meta").first().innerText()).trim()).toMatch(/苏木）$/);
    const pdf = await v.page.pdf({path: join(SCREENSHOTS, `county-${code}.pdf`), format: "A4", printBackground: true});
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("measures bed supply against the region's own bed target, and the bed-gap CSV equals the gaps worked out here", async () => {
    const {region} = await loadRegion("data/default");
    const bedTargets = region.targets.filter((t) => t.indicator === "beds_per_1000_60" && t.scope === "county" && (t.scope_code === "*" || t.scope_code === code));
    expect(bedTargets.length).toBeGreaterThan(0);
    const target = bedTargets.reduce((a, b) => (b.threshold > a.threshold ? b : a));
    const engine = new CoverageEngine(region.villages, region.facilities, mergeRadii(region.config.radii as never), {statuses: SERVING_STATUSES});
    const metrics = computeMetrics(region, engine.result(), {statuses: SERVING_STATUSES});
    const expected = metrics.townships
      .filter((t) => t.county_code === code)
      .map((t) => {
        const need = Math.ceil((t.pop60 * target.threshold) / 1000 - 1e-9);
        return {乡镇: t.name, 现有床位: String(t.beds), 目标床位: String(need), 缺口: String(Math.max(0, need - t.beds!))};
      });
    const v = await visit(site.browser, site.base, `/county/${code}.html`);
    expect(await v.page.textContent("body")).toContain(`按每千名60岁以上老人 ${formatNumber(target.threshold, 0)} 张床位测算各乡镇床位缺口（目标 ${target.id}：`);
    const button = v.page.locator(`button[data-filename="${code}-床位缺口.csv"]`);
    const [download] = await Promise.all([v.page.waitForEvent("download"), button.click()]);
    const csv = parse((await readFile((await download.path())!)).subarray(3).toString("utf-8"), {columns: true}) as Record<string, string>[];
    const byName = (a: {乡镇: string}, b: {乡镇: string}) => a.乡镇.localeCompare(b.乡镇, "zh");
    expect(csv.map(({乡镇, 现有床位, 目标床位, 缺口}) => ({乡镇, 现有床位, 目标床位, 缺口})).sort(byName)).toEqual(expected.sort(byName));
    // sorted like the chart: most beds per 1 000 older people first
    const per1000 = csv.map((r) => Number(r.每千人床位));
    expect(per1000).toEqual([...per1000].sort((a, b) => b - a));
    expect(per1000[0]).toBeGreaterThan(per1000[per1000.length - 1]);
    // the table shown has the CSV's rows in the CSV's order, and the chart's bars come in the same order
    const shown = await button.evaluate((b) => {
      let el: Element | null = b.closest(".cc-downloads");
      while (el && !el.querySelector?.("table")) el = el.previousElementSibling;
      const rows = [...el!.querySelectorAll("tbody tr")].map((tr) => tr.querySelector("td")!.textContent!.trim());
      while (el && !el.querySelector?.('[aria-label="y-axis tick label"]')) el = el.previousElementSibling;
      const bars = [...el!.querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent!.trim());
      return {rows, bars};
    });
    expect(shown.rows).toEqual(csv.map((r) => r.乡镇));
    expect(shown.bars).toEqual(csv.map((r) => r.乡镇));
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("labels the bed target above the bars on every county page, where no bar can cover it", async () => {
    const {region} = await loadRegion("data/default");
    let beyond = 0; // counties with a bar longer than the target (where the label used to be covered)
    for (const c of region.counties) {
      const v = await visit(site.browser, site.base, `/county/${c.code}.html`, {width: 1366});
      const r = await v.page.evaluate(() => {
        const label = [...document.querySelectorAll("svg text")].find((t) => /^目标 \d/.test(t.textContent ?? ""))!;
        const svg = label.closest("svg")!;
        const box = label.getBoundingClientRect();
        const bars = [...svg.querySelectorAll('[aria-label="bar"] rect')].map((b) => b.getBoundingClientRect());
        const rule = svg.querySelector('[aria-label="rule"] line')!.getBoundingClientRect();
        return {
          covered: bars.filter((b) => b.width > 0 && b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom).length,
          aboveBars: bars.every((b) => box.bottom <= b.top + 0.5),
          longer: bars.filter((b) => b.right > rule.left + 1).length
        };
      });
      expect(r.covered, c.name).toBe(0);
      expect(r.aboveBars, c.name).toBe(true);
      if (r.longer > 0) beyond++;
      expect(problems(v)).toEqual([]);
      await v.page.context().close();
    }
    expect(beyond).toBeGreaterThan(0);
  });

  it("downloads the ranking as a CSV (UTF-8 with BOM) whose rows equal the table shown", async () => {
    const v = await visit(site.browser, site.base, `/county/${code}.html`);
    const button = v.page.locator(`button[data-filename="${code}-乡镇排名.csv"]`);
    const [download] = await Promise.all([v.page.waitForEvent("download"), button.click()]);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parse(bytes.subarray(3).toString("utf-8"), {columns: true}) as Record<string, string>[];
    // the table right before the button
    const table = await button.evaluate((b) => {
      let el: Element | null = b.closest(".cc-downloads");
      while (el && !el.querySelector?.("table")) el = el.previousElementSibling;
      const t = el!.querySelector("table")!;
      const head = [...t.querySelectorAll("thead th")].map((th) => th.textContent!.trim());
      const rows = [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim()));
      return {head, rows};
    });
    const columns = table.head.filter((h) => h !== "");
    expect(csv.length).toBe(table.rows.length);
    expect(csv.length).toBeGreaterThan(5);
    const shownRows = table.rows.map((r) => r.slice(r.length - columns.length));
    csv.forEach((row, i) => {
      const expected = columns.map((c) => (c === "得分" ? formatNumber(Number(row[c]), 1) : c === "排名" || c === "乡镇" ? row[c] : formatPercent(Number(row[c]))));
      expect(shownRows[i]).toEqual(expected);
    });
    await v.page.context().close();
  });
});

describe("overview print", () => {
  it("prints the county cards and target cards in columns, nothing wider than the page, in a few pages", async () => {
    const v = await visit(site.browser, site.base, "/index.html", {width: 1366});
    expect(await printOverflow(v.page)).toEqual([]);
    const columns = (selector: string) => v.page.$$eval(selector, (els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().left))).size);
    expect(await v.page.locator(".cc-county-card").count()).toBe(5);
    expect(await columns(".cc-county-card")).toBe(3);
    expect(await columns(".cc-kpi")).toBe(3);
    const pdf = await v.page.pdf({path: join(SCREENSHOTS, "overview.pdf"), format: "A4", printBackground: true});
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(6); // was 8, one county card a row
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });
});

describe("projects", () => {
  const itemTable = "table.cc-project-items";

  it("prints the line items compactly: nothing wider than the page, header repeated, short cells on one line, a handful of pages", async () => {
    const v = await visit(site.browser, site.base, "/projects.html", {width: 1366});
    expect(await printOverflow(v.page)).toEqual([]);
    const head = await v.page.$$eval(`${itemTable} thead th`, (ths) => ths.map((th) => th.textContent));
    expect(head).toEqual(["状态", "年度", "内容", "类别", "计划", "完成", "进度", "应完成", "预算", "已支出", "支出率", "资金来源", "期限"]);
    expect(await v.page.$eval(`${itemTable} thead`, (t) => getComputedStyle(t).display)).toBe("table-header-group");
    // 210 items in six project groups (杭锦旗's yearly tasks are a plan of their own)
    expect(await v.page.locator(`${itemTable} tbody tr.cc-group`).count()).toBe(6);
    expect(await v.page.locator(`${itemTable} tbody tr:not(.cc-group)`).count()).toBe(210);
    // a cost risk is a red dot on the spent share, its gap in the title
    expect(await v.page.locator(`${itemTable} [data-cost-risk]`).first().getAttribute("title")).toMatch(/^支出超前\d+\.\d个百分点$/);
    const short = await lineCounts(v.page, `${itemTable} td.cc-nowrap, ${itemTable} td.cc-num`);
    expect(short.length).toBeGreaterThan(210 * 8);
    expect(short.filter((c) => c.lines > 1)).toEqual([]);
    // a printed item takes at most two lines (it took up to eight)
    const rows = await lineCounts(v.page, `${itemTable} tbody tr:not(.cc-group) td:nth-child(3)`);
    expect(Math.max(...rows.map((r) => r.lines))).toBeLessThanOrEqual(2);
    const pdf = await v.page.pdf({path: join(SCREENSHOTS, "projects.pdf"), format: "A4", printBackground: true});
    expect(pdfPages(pdf)).toBeLessThanOrEqual(10); // was 29
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("on screen keeps status, dates and money on one line, uses the width of a wide screen, and shows the funding chart's labels whole", async () => {
    const mainWidth: number[] = [];
    for (const width of [1366, 1920]) {
      const v = await visit(site.browser, site.base, "/projects.html", {width, height: width === 1920 ? 1080 : 768});
      expect(await v.page.$eval(`${itemTable}`, (t) => getComputedStyle(t.parentElement!).overflowX)).toBe("auto");
      const short = await lineCounts(v.page, `${itemTable} td.cc-nowrap, ${itemTable} td.cc-num`);
      expect(short.filter((c) => c.lines > 1)).toEqual([]);
      const content = await lineCounts(v.page, `${itemTable} tbody tr:not(.cc-group) td:nth-child(3)`);
      // an item's text took up to eight lines at 1366 px; now at most three (the longest, 44 characters), one at 1920 px
      expect(Math.max(...content.map((r) => r.lines)), `${width}`).toBeLessThanOrEqual(width === 1920 ? 1 : 3);
      mainWidth.push(await v.page.$eval("#observablehq-main", (m) => m.getBoundingClientRect().width));
      // every y label of the funding chart lies inside the chart (it was cut: "刂通区…")
      const cut = await v.page.evaluate(() => {
        const svg = [...document.querySelectorAll("svg")].find((s) => s.textContent?.includes("金额（万元）"))!;
        const left = svg.getBoundingClientRect().left;
        return [...svg.querySelectorAll('[aria-label="y-axis tick label"] text')].filter((t) => t.getBoundingClientRect().left < left - 0.5).map((t) => t.textContent);
      });
      expect(cut).toEqual([]);
      expect(problems(v)).toEqual([]);
      await v.page.context().close();
    }
    expect(mainWidth[1]).toBeGreaterThan(mainWidth[0] + 400); // not capped at Framework's 1440 px body
  });
});

describe("township report", () => {
  it("fits the village table at 1366 px, names on one line", async () => {
    for (const code of ["310116001", "150625100"]) {
      const v = await visit(site.browser, site.base, `/township.html?code=${code}`, {width: 1366, height: 768});
      const fit = await v.page.evaluate(() => {
        const th = [...document.querySelectorAll(".cc-table thead th")].find((h) => h.textContent === "村社区")!;
        const table = th.closest("table")!;
        table.dataset.test = "villages";
        return {table: table.getBoundingClientRect().width, wrap: table.parentElement!.clientWidth, head: [...table.querySelectorAll("thead th")].map((h) => h.textContent)};
      });
      expect(fit.table, code).toBeLessThanOrEqual(fit.wrap + 1);
      expect(fit.head.slice(0, 3)).toEqual(["村社区", "类型", "已覆盖"]);
      const names = await lineCounts(v.page, 'table[data-test="villages"] tbody td:first-child');
      expect(names.length).toBeGreaterThan(5);
      expect(names.filter((n) => n.lines > 1)).toEqual([]);
      expect(problems(v)).toEqual([]);
      await v.page.context().close();
    }
  });

  it("says so when a township has no facility, and offers no empty download", async () => {
    const {region} = await loadRegion("data/default");
    const empty = region.townships.find((t) => !region.facilities.some((f) => f.township_code === t.code))!;
    expect(empty).toBeDefined();
    const v = await visit(site.browser, site.base, `/township.html?code=${empty.code}`);
    expect(await v.page.locator('[data-empty="facilities"]').innerText()).toBe("本乡镇暂无养老服务设施（计入覆盖的状态）。");
    expect(await v.page.locator(`button[data-filename="${empty.code}-设施.csv"]`).count()).toBe(0);
    expect(await v.page.locator(`button[data-filename="${empty.code}-设施.geojson"]`).count()).toBe(0);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
    // a township with facilities has both downloads and no such notice
    const full = await visit(site.browser, site.base, "/township.html?code=310116001");
    expect(await full.page.locator('[data-empty="facilities"]').count()).toBe(0);
    expect(await full.page.locator('button[data-filename="310116001-设施.csv"]').count()).toBe(1);
    expect(await full.page.locator('button[data-filename="310116001-设施.geojson"]').count()).toBe(1);
    await full.page.context().close();
  });

  it("labels facilities on the map without two names overlapping, and a legend lists the symbols drawn", async () => {
    const {region} = await loadRegion("data/default");
    for (const code of ["310116001", "150625100"]) {
      const facilities = region.facilities.filter((f) => f.township_code === code);
      const v = await visit(site.browser, site.base, `/township.html?code=${code}`, {width: 1366});
      const r = await v.page.evaluate(() => {
        const map = [...document.querySelectorAll("#observablehq-main svg")].find((s) => s.querySelector('[aria-label="geo"]') && s.querySelector('[aria-label="text"]'))!;
        const boxes = [...map.querySelectorAll('[aria-label="text"] text')].map((t) => t.getBoundingClientRect());
        let overlaps = 0;
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i], boxes[j]];
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
          }
        const legend = [...map.closest(".cc-avoid-break")!.querySelectorAll(".cc-legend-entry")].map((e) => e.textContent);
        return {labels: boxes.length, overlaps, legend};
      });
      expect(r.overlaps, code).toBe(0);
      expect(r.labels, code).toBeGreaterThanOrEqual(3);
      expect(r.labels, code).toBeLessThan(facilities.length); // piled-up names were dropped
      const types = new Set(facilities.map((f) => f.type));
      expect(types.size).toBeGreaterThan(1);
      const hollow = facilities.some((f) => f.status === "planned" || f.status === "construction");
      expect(r.legend.length, code).toBe(2 + types.size + (hollow ? 1 : 0));
      expect(problems(v)).toEqual([]);
      await v.page.context().close();
    }
  });
});
