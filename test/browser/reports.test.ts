// Leaders' reports: the overview's lights agree with the targets engine run independently on the raw region
// data; a county report prints to A4 PDF with nothing wider than the page; a downloaded CSV re-read equals the
// table shown.
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {CoverageEngine} from "../../src/lib/coverage.ts";
import {SERVING_STATUSES} from "../../src/lib/facility-types.ts";
import {formatNumber, formatPercent} from "../../src/lib/format.ts";
import {computeMetrics} from "../../src/lib/metrics.ts";
import {mergeRadii} from "../../src/lib/radii.ts";
import {evaluate} from "../../src/lib/targets.ts";
import {problems, SCREENSHOTS, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");


describe("overview", () => {
  it("shows, for every county target, the light the targets engine gives on the raw data", async () => {
    const {region} = await loadRegion("data/default");
    const engine = new CoverageEngine(region.villages, region.facilities, mergeRadii(region.config.radii as never), {statuses: SERVING_STATUSES});
    const metrics = computeMetrics(region, engine.result(), {statuses: SERVING_STATUSES});
    const expected = evaluate(region.targets, metrics, region.meta.data_date)
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

  it("prints to A4 with no chart, table or card wider than the page", async () => {
    const v = await visit(site.browser, site.base, `/county/${code}.html`, {width: 1366});
    await v.page.emulateMedia({media: "print"});
    await v.page.setViewportSize({width: 700, height: 1000}); // A4 width less 12 mm margins, at 96 dpi ≈ 703 px
    await v.page.waitForTimeout(300);
    const overflow = await v.page.$$eval("#observablehq-main svg, #observablehq-main table, #observablehq-main .card, #observablehq-main figure", (els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null || e instanceof SVGElement)
        .map((e) => ({tag: e.tagName, right: Math.round(e.getBoundingClientRect().right), width: Math.round(e.getBoundingClientRect().width)}))
        .filter((r) => r.width > 0 && r.right > document.documentElement.clientWidth + 1)
    );
    expect(overflow).toEqual([]);
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
        return {乡镇: t.name, 现有床位: String(t.beds), 目标床位: String(need), 缺口: String(Math.max(0, need - t.beds))};
      });
    const v = await visit(site.browser, site.base, `/county/${code}.html`);
    expect(await v.page.textContent("body")).toContain(`按每千名60岁以上老人 ${formatNumber(target.threshold, 0)} 张床位测算各乡镇床位缺口（目标 ${target.id}：`);
    const button = v.page.locator(`button[data-filename="${code}-床位缺口.csv"]`);
    const [download] = await Promise.all([v.page.waitForEvent("download"), button.click()]);
    const csv = parse((await readFile((await download.path())!)).subarray(3).toString("utf-8"), {columns: true}) as Record<string, string>[];
    expect(csv.map(({乡镇, 现有床位, 目标床位, 缺口}) => ({乡镇, 现有床位, 目标床位, 缺口}))).toEqual(expected);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
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
