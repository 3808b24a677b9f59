/**
 * Which lights a siting plan changes, and why (src/lib/plan/plan-lights.ts). A hand-made county where a new centre
 * with 30 beds and no nursing beds pulls the nursing-bed share below 55 % while it lifts coverage above its target;
 * then the default region: the page's default plan for 利通区 (three township centres) turns the county's
 * nursing-bed share red, with the figures checked against a count of the facilities themselves.
 */
import {describe, expect, it} from "vitest";
import {SERVING, siteData} from "../../loaders/site-data.ts";
import {sitingBedParams, sitingDefaults, sitingProblem, sitingScenario, siteRows, upgradeCostYuan} from "../../src/lib/siting/candidates.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {INSTITUTION_TYPES, TIER_OF} from "../../src/lib/facility-types.ts";
import {addedSummary, lightChanges, planLightChanges} from "../../src/lib/plan/plan-lights.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import type {ScenarioOp} from "../../src/lib/engine/scenario.ts";
import {greedySiting} from "../../src/lib/siting/siting.ts";
import type {Facility, FacilityType, Target, Village} from "../../src/lib/types.ts";
import {WhatIfSession, type WhatIfData} from "../../src/lib/engine/whatif.ts";

const facility = (id: string, type: FacilityType, lng: number, lat: number, beds: number, nursing: number): Facility => ({
  id, name: `设施${id}`, type, tier: TIER_OF[type], status: "operating", county_code: "640302", township_code: "640302100", lng, lat,
  beds, nursing_beds: nursing, meal_seats: 0, area_m2: beds * 35, operator: "public", social_workers: 1, modelled: []
});
const village = (n: number, lng: number, pop60: number): Village => ({
  code: `640302100${200 + n}`, name: `村${n}<b>`, township_code: "640302100", county_code: "640302", kind: "village", settlement: "rural",
  lng, lat: 37, pop60, pop65: pop60, pop80: 0, disabled: 0, alone: 0, modelled: []
});
const target = (id: string, indicator: string, threshold: number): Target => ({id, indicator, scope: "county", scope_code: "640302", comparator: ">=", threshold, deadline: "2030-12-31", source: "测试"});

describe("lights a plan changes (hand-made county)", () => {
  const data: WhatIfData = {
    counties: [{code: "640302", name: "测试县", pop_total: 10_000, pop60: 1_000, pop65: 1_000, pop80: 0, area_km2: 500, modelled: []}],
    townships: [{code: "640302100", name: "测试镇", county_code: "640302", settlement: "rural", area_km2: 500, modelled: []}],
    villages: [village(0, 106.0, 500), village(1, 106.5, 500)],
    // a nursing home of 100 beds, 60 nursing (60 %), covering village 0 only at the township tier
    facilities: [facility("N1", "nursing_home", 106.0, 37.0, 100, 60)],
    targets: [target("T1", "nursing_share", 0.55), target("T2", "coverage_any", 0.9), target("T3", "beds", 100)]
  };
  const session = new WhatIfSession(data, defaultRadii(), {statuses: SERVING, date: "2025-06-30"});
  const centre = facility("S1", "township_centre", 106.5, 37.0, 30, 0);
  const ops: ScenarioOp[] = [{op: "add", facility: centre}];

  it("lists the nursing share turning red and coverage turning green, worst first, with the figures behind them", () => {
    const {before, after, changes} = planLightChanges(session, "640302", ops);
    // independent figures: nursing share 60/100 → 60/130; coverage 500/1000 → 1000/1000
    const share = (v: typeof before) => v.statuses.find((s) => s.indicator === "nursing_share")!.value;
    expect(share(before)).toBeCloseTo(0.6, 12);
    expect(share(after)).toBeCloseTo(60 / 130, 12);
    expect(changes.map((c) => [c.indicator, c.before, c.after, c.worse])).toEqual([
      ["nursing_share", "green", "red", true],
      ["coverage_any", "red", "green", false]
    ]);
    const n = changes[0];
    expect(n.valueBefore).toBeCloseTo(0.6, 12);
    expect(n.valueAfter).toBeCloseTo(60 / 130, 12);
    expect(n.why).toContain("新增 1 处乡镇综合养老服务中心，共 30 张床位、其中护理型 0 张");
    expect(n.why).toContain("养老机构床位 100 张 → 130 张");
    expect(n.why).toContain("护理型床位 60 张 → 60 张");
    expect(n.why).toContain("养老机构护理型床位占比 60.0% → 46.2%，低于目标 ≥ 55.0%（2030年底）");
    expect(changes[1].why).toContain("服务圈内老人 500 人 → 1,000 人");
    // the beds target (≥ 100) was green and stays green: not listed
    expect(changes.some((c) => c.indicator === "beds")).toBe(false);
  });

  it("lists nothing when the plan changes no light, and nothing for identical views", () => {
    const withNursing = {...centre, nursing_beds: 30};
    const {changes} = planLightChanges(session, "640302", [{op: "add", facility: {...withNursing, lng: 106.0}}]);
    expect(changes).toEqual([]);
    const v = session.view("640302", "pop60");
    expect(lightChanges(v, v, [])).toEqual([]);
  });

  it("says what a plan adds, as far as the indicator needs", () => {
    expect(addedSummary([], "beds")).toBe("方案未新增设施");
    expect(addedSummary([centre, centre], "coverage_any")).toBe("新增 2 处乡镇综合养老服务中心");
    expect(addedSummary([centre], "social_operation_share")).toBe("新增 1 处乡镇综合养老服务中心，其中 1 处按公办运营计");
    expect(addedSummary([centre], "area_per_bed")).toBe("新增 1 处乡镇综合养老服务中心，共 30 张床位、其中护理型 0 张，建筑面积 1,050 m²");
  });
});

describe("lights a plan changes (default region)", () => {
  it("the siting page's default plan for 利通区 turns the county's nursing-bed share red, and the figures add up", async () => {
    const {region, radii, bedGaps} = await siteData();
    const type: FacilityType = "township_centre";
    const params = sitingBedParams(region.config.siting as never);
    const {maxPerTownship, bedCap} = sitingDefaults(type, params);
    const engine = new CoverageEngine(region.villages, region.facilities, radii, {statuses: SERVING});
    const posed = sitingProblem({villages: region.villages, facilities: region.facilities, assets: region.candidates ?? []}, {county: "640302", type, measure: "pop60", radii, tierCount: engine.result().tiers.township.count, statuses: SERVING}, {k: 3, ...(maxPerTownship === null ? {} : {maxPerTownship})});
    const rows = siteRows(greedySiting(posed.problem).sites, posed.candidates, new Map(bedGaps.map((g) => [g.township_code, g])), bedCap, params, upgradeCostYuan(region.config.siting, type));
    const scenario = sitingScenario(region.meta.id, rows, type, null);
    const session = new WhatIfSession({...region, meta: {absent: region.meta.absent}}, radii, {statuses: SERVING, date: region.meta.data_date});
    const {changes} = planLightChanges(session, "640302", scenario.ops);
    const red = changes.find((c) => c.indicator === "nursing_share" && c.scope === "county");
    expect(red).toBeDefined();
    expect([red!.before, red!.after, red!.worse]).toEqual(["green", "red", true]);
    expect(changes[0]).toBe(red); // worst news first
    // independent: institution beds and nursing beds of 利通区's serving facilities, then plus the plan's
    const inst = region.facilities.filter((f) => f.county_code === "640302" && INSTITUTION_TYPES.has(f.type) && (SERVING as readonly string[]).includes(f.status));
    const beds = inst.reduce((a, f) => a + f.beds, 0);
    const nursing = inst.reduce((a, f) => a + f.nursing_beds, 0);
    const added = rows.reduce((a, r) => a + r.beds, 0);
    expect(added).toBeGreaterThan(0);
    expect(red!.valueBefore).toBeCloseTo(nursing / beds, 12);
    expect(red!.valueAfter).toBeCloseTo(nursing / (beds + added), 12);
    expect(red!.valueAfter!).toBeLessThan(red!.threshold);
    expect(red!.why).toContain(`共 ${added} 张床位、其中护理型 0 张`);
    expect(red!.why).toContain(`养老机构床位 ${beds} 张 → ${beds + added} 张`);
  }, 120_000);
});
