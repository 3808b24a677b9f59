import {describe, expect, it} from "vitest";
import {bedGaps, bedStandard, bedTarget, centrePlan, planTownship, regionBedGaps, suggestedBeds} from "../../src/lib/plan/beds.ts";
import type {Target} from "../../src/lib/types.ts";

// Worked by hand: 2 345 aged 60+ × 40 / 1 000 = 93.8 → 94 beds; 50 exist → gap 44.
const A = {township_code: "640302100", pop60: 2345, beds: 50};
const B = {township_code: "640302101", pop60: 1000, beds: 40}; // exactly at target
const C = {township_code: "640302102", pop60: 1000, beds: 55}; // surplus

describe("bed gap", () => {
  it("rounds the target up and never reports a negative gap", () => {
    const gaps = bedGaps([A, B, C]);
    expect(gaps.map((g) => g.target)).toEqual([94, 40, 40]);
    expect(gaps.map((g) => g.gap)).toEqual([44, 0, 0]);
    expect(gaps.map((g) => g.per1000)).toEqual([(50 * 1000) / 2345, 40, 55]);
  });

  it("takes another target: 50 per 1 000 → 2 345 × 0.05 = 117.25 → 118", () => {
    expect(bedTarget(2345, {bedsPer1000: 50})).toBe(118);
  });

  it("reports null beds per 1 000 when nobody is 60+", () => {
    expect(bedGaps([{township_code: "x", pop60: 0, beds: 3}])[0]).toMatchObject({target: 0, gap: 0, per1000: null});
  });

  it("rejects a negative parameter, naming it", () => {
    expect(() => bedTarget(100, {bedsPer1000: -1})).toThrow(/bedsPer1000/);
  });
});

describe("bed standard from the region's targets", () => {
  const t = (id: string, scope_code: string, threshold: number, extra: Partial<Target> = {}): Target => ({
    id, indicator: "beds_per_1000_60", scope: "county", scope_code, comparator: ">=", threshold, deadline: "2025-12-31", source: `src ${id}`, ...extra
  });

  it("takes the strictest applicable county target, else the GB 50437 default of 40", () => {
    const targets = [t("T1", "*", 35), t("T2", "640302", 45), t("T3", "150627", 50), t("T4", "640302", 60, {comparator: "<="}), t("T5", "640302", 70, {scope: "township"}), t("T6", "640302", 80, {indicator: "nursing_share"})];
    expect(bedStandard(targets, "640302")).toEqual({per1000: 45, target_id: "T2", source: "src T2"});
    expect(bedStandard(targets, "500120")).toEqual({per1000: 35, target_id: "T1", source: "src T1"});
    expect(bedStandard([], "500120")).toMatchObject({per1000: 40, target_id: null, source: expect.stringContaining("GB 50437")});
  });

  it("measures each township against its own county's standard (worked by hand)", () => {
    const targets = [t("T2", "640302", 45), t("T3", "150627", 50)];
    const {gaps, standards} = regionBedGaps(
      [
        {code: "640302100", county_code: "640302", pop60: 2345, beds: 50}, // 2 345 × 45 / 1 000 = 105.5 → 106; gap 56
        {code: "150627100", county_code: "150627", pop60: 2345, beds: 50}, // 2 345 × 50 / 1 000 = 117.25 → 118; gap 68
        {code: "500120100", county_code: "500120", pop60: 1000, beds: 10} //  1 000 × 40 / 1 000 = 40; gap 30
      ],
      targets
    );
    expect(gaps.map((g) => [g.township_code, g.standard, g.target, g.gap])).toEqual([
      ["640302100", 45, 106, 56],
      ["150627100", 50, 118, 68],
      ["500120100", 40, 40, 30]
    ]);
    expect(Object.keys(standards).sort()).toEqual(["150627", "500120", "640302"]);
  });
});

describe("new centres", () => {
  it("caps a centre at 30 beds (seed 001): 30 × 35 m² = 1 050 m², 30 × 120 000 = 3.6 M yuan", () => {
    expect(centrePlan(30)).toEqual({beds: 30, areaM2: 1050, costYuan: 3_600_000});
    expect(suggestedBeds(44, 1)).toEqual([30]);
  });

  it("shares the gap evenly: 44 over 2 → 22 + 22; 45 over 2 → 23 + 22; 100 over 3 → 30 each", () => {
    expect(suggestedBeds(44, 2)).toEqual([22, 22]);
    expect(suggestedBeds(45, 2)).toEqual([23, 22]);
    expect(suggestedBeds(100, 3)).toEqual([30, 30, 30]);
    expect(suggestedBeds(0, 2)).toEqual([0, 0]);
  });

  it("plans a township: 1 centre for a gap of 44 leaves 14", () => {
    const [gapA] = bedGaps([A]);
    expect(planTownship(gapA, 1)).toEqual({
      township_code: "640302100",
      gap: 44,
      centres: [{beds: 30, areaM2: 1050, costYuan: 3_600_000}],
      beds: 30,
      areaM2: 1050,
      costYuan: 3_600_000,
      remainingGap: 14
    });
  });

  it("uses configured area and subsidy: 2 centres, 30 m² and 100 000 yuan a bed → 44 beds, 1 320 m², 4.4 M", () => {
    const [gapA] = bedGaps([A]);
    const plan = planTownship(gapA, 2, {areaPerBedM2: 30, subsidyPerBedYuan: 100_000});
    expect([plan.beds, plan.areaM2, plan.costYuan, plan.remainingGap]).toEqual([44, 1320, 4_400_000, 0]);
  });

  it("rejects a fractional bed count", () => {
    expect(() => centrePlan(2.5)).toThrow(/beds/);
  });
});
