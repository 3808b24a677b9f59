/**
 * Figures a region declares absent (region.json "absent") flow through as missing: metrics null with the reason,
 * targets on them grey 无法评估 (never red from zeros), bed gaps not computed, pages' formatter 未提供. Uses the
 * loader fixture absent-declared (nursing beds, social workers, 80+ and living-alone not provided) against the good
 * fixture that has them all.
 */
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {regionBedGaps} from "../../src/lib/plan/beds.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {formatFigure} from "../../src/lib/view/format.ts";
import {computeMetrics, provided, unavailableMetrics} from "../../src/lib/plan/metrics.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
import {evaluate} from "../../src/lib/plan/targets.ts";
import type {Target} from "../../src/lib/types.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";

const SERVING = ["operating", "upgrading"] as const;

async function metricsOf(fixture: string) {
  const {region} = await loadRegion(`test/fixtures/loaders/${fixture}`);
  const engine = new CoverageEngine(region.villages, region.facilities, mergeRadii({}), {statuses: SERVING});
  return {region, metrics: computeMetrics(region, engine.result(), {statuses: SERVING, absent: region.meta.absent})};
}

const target = (id: string, indicator: string, threshold: number): Target => ({id, indicator, scope: "county", scope_code: "640302", comparator: ">=", threshold, deadline: "2025-12-31", source: "test"});
const TARGETS = [target("N", "nursing_share", 0.55), target("S", "social_workers_per_100_beds", 1), target("B", "beds_per_1000_60", 40)];

describe("absent figures", () => {
  it("metrics built on an absent figure are null with the figure named; the others are computed as usual", async () => {
    const {metrics} = await metricsOf("absent-declared");
    const c = metrics.counties[0];
    expect([c.nursing_beds, c.nursing_share, c.nursing_beds_per_1000_60, c.social_workers, c.social_workers_per_100_beds, c.pop80]).toEqual([null, null, null, null, null, null]);
    expect(c.unavailable).toMatchObject({nursing_share: "护理型床位数", social_workers_per_100_beds: "社会工作者人数", pop80: "80岁以上人口"});
    // every facility is operating ("default_status"), so the planned 10-bed mutual-aid home counts too
    expect(c.beds).toBe(240);
    expect(c.beds_per_1000_60).toBeCloseTo((240 * 1000) / 3700, 6);
    const good = (await metricsOf("good")).metrics.counties[0];
    expect(good.unavailable).toEqual({});
    expect(good.nursing_share).not.toBeNull();
  });

  it("targets on an absent figure are grey 无法评估; with the figure present the same targets are green or red", async () => {
    const {metrics} = await metricsOf("absent-declared");
    const s = evaluate(TARGETS, metrics, "2024-12-31");
    expect(s.map((x) => [x.target_id, x.status, x.reason])).toEqual([
      ["N", "grey", "无法评估：未提供护理型床位数"],
      ["S", "grey", "无法评估：未提供社会工作者人数"],
      ["B", "green", "已达标"]
    ]);
    // the same file read with zeros (no declaration) would have been red: the good fixture's figures decide here
    const good = evaluate(TARGETS, (await metricsOf("good")).metrics, "2024-12-31");
    expect(good.map((x) => x.status)).not.toContain("grey");
  });

  it("a zero denominator is still red 无数据, not grey: grey is only for figures not provided", async () => {
    const {metrics} = await metricsOf("good");
    const row = {...metrics.counties[0], nursing_share: null};
    const [s] = evaluate([TARGETS[0]], {counties: [row], townships: []}, "2024-12-31");
    expect([s.status, s.reason]).toEqual(["red", "无数据：无法计算"]);
  });

  it("bed gaps are not computed from absent beds; the what-if session carries the declaration", async () => {
    const {metrics} = await metricsOf("absent-declared");
    const noBeds = metrics.townships.map((t) => ({...t, beds: null}));
    expect(regionBedGaps(noBeds, []).gaps).toEqual([]);
    expect(regionBedGaps(metrics.townships, []).gaps).toHaveLength(3);
    const {region} = await metricsOf("absent-declared");
    const session = new WhatIfSession({...region, meta: {absent: region.meta.absent}}, mergeRadii({}), {statuses: SERVING, date: "2024-12-31"});
    const view = session.view(null, "pop60");
    expect(view.metrics.counties[0].nursing_share).toBeNull();
  });

  it("unavailableMetrics, provided and formatFigure", () => {
    expect(unavailableMetrics({villages: ["pop65"]})).toEqual({pop65: "65岁以上人口", meal_seats_needed: "65岁以上人口", meal_seat_ratio: "65岁以上人口", meal_seat_share_65: "65岁以上人口"});
    expect(unavailableMetrics(undefined)).toEqual({});
    expect([provided({facilities: ["beds"]}, "facilities", "beds"), provided({facilities: ["beds"]}, "villages", "beds"), provided(undefined, "facilities", "beds")]).toEqual([false, true, true]);
    expect([formatFigure(12), formatFigure(12, false), formatFigure(null), formatFigure(0)]).toEqual(["12", "未提供", "未提供", "0"]);
  });
});
