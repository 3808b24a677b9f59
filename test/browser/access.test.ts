// The county report's E2SFCA section: it names the model and its parameters, labels modelled inputs, and its table
// shows the figures of an E2SFCA run on the raw region (src/lib/engine/access.ts, run here apart from the build).
import {describe, expect, it} from "vitest";
import {regionBedGaps} from "../../src/lib/plan/beds.ts";
import {accessParams, capacitatedCoverage, computeAccess, summariseAccess, summariseCapacity} from "../../src/lib/engine/access.ts";
import {formatInt, formatNumber, formatPercent} from "../../src/lib/view/format.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
import {networkAsOf, withProjectCompletion} from "../../src/lib/engine/timeline.ts";
import {SERVING_STATUSES} from "../../src/lib/facility-types.ts";
import {computeMetrics} from "../../src/lib/plan/metrics.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {loadRegion} from "../../loaders/region.ts";
import {problems, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");

describe("county report: 床位与助餐可及性（E2SFCA）", () => {
  it("names the model and shows each township's accessible beds as computed on the raw region", async () => {
    const {region} = await loadRegion("data/default");
    const facilities = networkAsOf(withProjectCompletion(region.facilities, region.projects).facilities, region.meta.data_date, region.meta.data_date);
    const radii = mergeRadii(region.config.radii as Parameters<typeof mergeRadii>[0]);
    const params = accessParams(region.config);
    const metrics = computeMetrics({...region, facilities}, new CoverageEngine(region.villages, facilities, radii).result(), {statuses: SERVING_STATUSES, absent: region.meta.absent});
    const {standards} = regionBedGaps(metrics.townships, region.targets, region.counties.map((c) => c.code));
    const sum = summariseAccess(computeAccess(region.villages, facilities, radii, params, {absent: region.meta.absent}), region.townships, region.counties, params, (c) => (standards[c]?.target_id ? standards[c].per1000 : params.standards.beds));
    for (const code of ["150626", "310116"]) {
      const v = await visit(site.browser, site.base, `/county/${code}.html`, {width: 1366});
      expect(problems(v)).toEqual([]);
      const model = await v.page.locator("[data-access-model]").innerText();
      expect(model).toContain("E2SFCA");
      expect(model).toContain("Luo & Qi 2009");
      expect(model).toContain("1.00/0.68/0.22");
      expect(await v.page.locator("#observablehq-main").innerText()).toContain("本表由模拟数据计算");
      const rows = await v.page.locator(".cc-access-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
      const townships = sum.townships.filter((t) => t.county_code === code);
      expect(rows.length).toBe(townships.length + 1);
      const county = sum.counties.find((c) => c.code === code)!;
      expect(rows[0].slice(2, 4)).toEqual([formatNumber(county.beds_mean!), formatPercent(county.beds_below_share!)]);
      // stations: capacitated coverage with the assumed capacities per type, labelled as assumed
      const headers = await v.page.locator(".cc-access-table thead th").allInnerTexts();
      const shareCol = headers.findIndex((h) => h.trim() === "站点满足率（假设容量）");
      expect(shareCol, headers.join("|")).toBeGreaterThan(0);
      expect(model).toContain("规划假设");
      const st = capacitatedCoverage(region.villages, facilities, radii, "stations", () => params.standards.stations, {stationCapacity: params.station_capacity.capacity})!;
      const stCounty = summariseCapacity(st, region.villages, (x) => x.county_code).get(code)!;
      expect(rows[0][shareCol]).toBe(formatPercent(stCounty.served_share!));
      expect(await v.page.locator("[data-station-served]").innerText()).toContain(`未服务 ${formatInt(stCounty.unserved)} 名`);
      for (const t of townships) {
        const row = rows.find((r) => r[0] === t.name)!;
        expect(row[2], t.name).toBe(t.beds_mean === null ? "—" : formatNumber(t.beds_mean));
        expect(row[5], t.name).toBe(t.meals_mean === null ? "—" : formatNumber(t.meals_mean));
      }
      await v.page.context().close();
    }
  });
});
