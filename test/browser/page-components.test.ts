// The siting page's and county report's components (src/components/siting.ts, county-charts.ts) in Chromium, as the
// built site serves them: given rows whose names are hostile markup, every name is shown as text — no element is
// created from it, no script runs — and the figures ride on the data-* attributes the pages' tests read.
import type {Page} from "playwright-core";
import {afterAll, describe, expect, it} from "vitest";
import {problems, visit, type Visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");
const HOSTILE = `<img src=x onerror="window.__pwned=1">`;
const opened: Visit[] = [];
afterAll(async () => {
  for (const v of opened) await v.page.context().close();
});

/** import() as text, evaluated in the page: written in the test's source, Vitest would rewrite it for Node. */
const LOAD = "u => import(u)";

/** The URL of a built component module, from the page's module preloads. */
async function moduleUrl(page: Page, name: string): Promise<string> {
  const href = await page.evaluate((name) => Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]'), (l) => l.href).find((h) => h.includes(`/components/${name}.`)), name);
  if (!href) throw new Error(`no preload of components/${name} on ${page.url()}`);
  return href;
}

describe("page components with hostile names", () => {
  it("siting: the sites table, light changes, screened note and KPI cards set names as text", async () => {
    const v = await visit(site.browser, site.base, "/siting.html");
    opened.push(v);
    const url = await moduleUrl(v.page, "siting");
    const out = await v.page.evaluate(async ({url, hostile, loader}) => {
      const load = (0, eval)(loader) as (u: string) => Promise<any>;
      const m = await load(url);
      const row = {
        rank: 1, name: hostile, sourceKind: `闲置公共资产 · ${hostile}`, areaShort: true, township: hostile, gain: "1,234", beds: "30", area: "1,050", subsidy: "360.0",
        upgrade: "未提供", upgradeTitle: hostile, cost: "360.0 + 未提供", townshipGap: "12", data: {gain: 1234, subsidy: 3_600_000, upgrade: "unknown", cost: 3_600_000, costKnown: false}
      };
      const table = m.SiteTable([row], {count: 1, total: 1234, gain: "1,234", beds: "30", area: "1,050", subsidy: "360.0", upgrade: "0.0 + 未提供", cost: "360.0 + 未提供"});
      const lights = m.LightChanges({
        changes: 1, red: 1, worse: 1, empty: false, none: null, tone: "red", head: "注意", context: `（${hostile}）`, note: "n",
        items: [{indicator: "nursing_share", scope: "county", name: hostile, before: "green", after: "red", worse: true, unit: "share", role: "local", label: hostile, beforeLabel: "绿灯", afterLabel: "红灯", values: "56.0% → 46.0%", why: hostile}]
      });
      const screened = m.ScreenedNote({count: 2, text: null, lead: "已按默认规则排除 2 处候选：", reasons: [{reason: "zone", text: hostile}, {reason: "no_older", text: hostile}], tail: "。"});
      const kpis = m.SitingKpis([{label: hostile, value: "1 人", note: hostile, data: {totalGain: 1234}}]);
      const warn = m.InputWarnings([hostile]);
      const gap = m.GapSentence({source: "build", spinner: false, lead: {before: "与理论最优相差不超过 ", value: "1.00%"}, text: hostile, how: "h", data: {gap: 1, bound: 100, covered: 99, ms: 5}});
      const host = document.createElement("div");
      host.append(table, lights, screened, kpis, warn, gap);
      document.body.append(host);
      await new Promise((r) => setTimeout(r, 300));
      const cells = Array.from(table.querySelectorAll("tbody td"), (td) => (td as HTMLElement).textContent);
      return {
        imgs: host.querySelectorAll("img").length,
        pwned: (window as unknown as {__pwned?: number}).__pwned ?? 0,
        name: cells[1], township: cells[3], source: cells[2],
        upgradeTitle: (table.querySelector("td[data-upgrade]") as HTMLElement).title,
        data: {...(table.querySelector("td[data-cost]") as HTMLElement).dataset},
        total: (table.querySelector("tfoot td[data-total]") as HTMLElement).dataset.total,
        light: (lights.querySelector("li") as HTMLElement).dataset.after, lightName: lights.querySelector(".cc-lc-what b")!.textContent, why: lights.querySelector(".cc-lc-why")!.textContent,
        reasons: Array.from((screened as HTMLElement).querySelectorAll("[data-reason]"), (s) => s.textContent),
        kpi: (kpis.querySelector("[data-total-gain]") as HTMLElement).dataset.totalGain, kpiLabel: kpis.querySelector(".cc-kpi-label")!.textContent,
        warn: warn.textContent, gapValue: gap.querySelector("b.cc-gap-value")!.textContent, gapText: gap.textContent, gapData: {...gap.dataset}
      };
    }, {url, hostile: HOSTILE, loader: LOAD});
    expect(out.imgs).toBe(0);
    expect(out.pwned).toBe(0);
    expect([out.name, out.township, out.upgradeTitle, out.lightName, out.why, out.kpiLabel, out.warn]).toEqual(Array(7).fill(HOSTILE));
    expect(out.source).toBe(`闲置公共资产 · ${HOSTILE} 面积不足`);
    expect(out.data).toEqual({cost: "3600000", costKnown: "false"});
    expect(out.total).toBe("1234");
    expect(out.light).toBe("red");
    expect(out.reasons).toEqual([HOSTILE, HOSTILE]);
    expect(out.kpi).toBe("1234");
    expect(out.gapValue).toBe("1.00%");
    expect(out.gapText).toBe(`与理论最优相差不超过 1.00%${HOSTILE}h`);
    expect(out.gapData).toEqual({source: "build", gap: "1", bound: "100", covered: "99", ms: "5"});
    expect(problems(v)).toEqual([]);
  });

  it("county report: the bed and coverage charts label townships with their names as text", async () => {
    const v = await visit(site.browser, site.base, "/county/640302.html");
    opened.push(v);
    const url = await moduleUrl(v.page, "county-charts");
    const out = await v.page.evaluate(async ({url, hostile, loader}) => {
      const load = (0, eval)(loader) as (u: string) => Promise<any>;
      const m = await load(url);
      const beds = m.BedSupplyChart([
        {乡镇: hostile, 现有床位: 10, 目标床位: 40, 缺口: 30, 每千人床位: 10},
        {乡镇: "甲镇", 现有床位: 50, 目标床位: 40, 缺口: 0, 每千人床位: 50},
        {乡镇: "乙镇", 现有床位: 0, 目标床位: 0, 缺口: 0, 每千人床位: null}
      ], {width: 600, standard: 40});
      const tiers = m.TierCoverageChart(["县级", "乡镇级", "村/社区级", "助餐"].map((层级, i) => ({乡镇: hostile, 层级, 覆盖率: i === 3 ? null : i / 3})), {width: 600});
      const host = document.createElement("div");
      host.append(beds, tiers);
      document.body.append(host);
      await new Promise((r) => setTimeout(r, 300));
      const texts = (el: Element) => Array.from(el.querySelectorAll("text"), (t) => t.textContent);
      return {
        imgs: host.querySelectorAll("img").length,
        pwned: (window as unknown as {__pwned?: number}).__pwned ?? 0,
        bedTexts: texts(beds), tierTexts: texts(tiers),
        bars: Array.from((beds as Element).querySelectorAll("rect"), (r) => [r.getAttribute("fill"), r.getAttribute("width")]).filter(([f, w]) => f && f.startsWith("#") && Number(w) > 0).map(([f]) => f)
      };
    }, {url, hostile: HOSTILE, loader: LOAD});
    expect(out.imgs).toBe(0);
    expect(out.pwned).toBe(0);
    expect(out.bedTexts).toContain(HOSTILE);
    expect(out.bedTexts).toContain("目标 40");
    expect(out.tierTexts).toContain(HOSTILE);
    expect(out.tierTexts).toContain("无设施");
    // below the standard red, at or above green; no visible bar (width 0) for a township without older people
    expect(out.bars.sort()).toEqual(["#2e8540", "#c0392b"]);
    expect(problems(v)).toEqual([]);
  });
});
