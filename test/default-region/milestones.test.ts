/**
 * Targets in time on the default region (issue 15's acceptance): 利通区's end-2023 milestone is judged at its
 * deadline on the default data's own (modelled) opening dates; no county shows the same target twice; assumed
 * deadlines and modelled thresholds say so on the card.
 */
import {describe, expect, it} from "vitest";
import {siteData} from "../../loaders/site-data.ts";
import {computeCoverage} from "../../src/lib/engine/coverage.ts";
import {computeMetrics} from "../../src/lib/plan/metrics.ts";
import {metricsAsOf} from "../../src/lib/engine/timeline.ts";

describe("milestones on the default region", async () => {
  const {region, statuses, metrics, radii, evaluationDate, metricsAt} = await siteData();
  const county = (code: string) => statuses.filter((s) => s.scope === "county" && s.code === code);

  it("dates 利通区's township centres from their projects (5 by end-2023, 2 in 2024, 高闸镇 expected end-2025), labelled modelled", () => {
    const centres = region.facilities.filter((f) => f.county_code === "640302" && f.type === "township_centre");
    expect(centres.filter((f) => f.opened === "2023-12-31")).toHaveLength(5);
    expect(centres.filter((f) => f.opened === "2024-12-31")).toHaveLength(2);
    const building = centres.filter((f) => f.status === "construction");
    expect(building.map((f) => f.expected_completion)).toEqual(["2025-12-31"]);
    for (const f of region.facilities.filter((x) => x.opened || x.expected_completion)) {
      if (f.opened) expect(f.modelled, f.id).toContain("opened");
      if (f.expected_completion) expect(f.modelled, f.id).toContain("expected_completion");
    }
  });

  it("judges 利通区's end-2023 50 % milestone missed at its deadline (5 of 12), showing today's 7 of 12", () => {
    const [t012] = county("640302").filter((s) => s.target_ids.includes("T012"));
    expect(t012).toMatchObject({status: "red", basis: "deadline", value_at_deadline: 5 / 12, value: 7 / 12});
    expect(t012.reason).toBe("2023年底 41.7%，未达标；现 58.3%");
    const [t013] = county("640302").filter((s) => s.target_ids.includes("T013"));
    // 60 % by end-2025: 7 of 12 now, 高闸镇 (end-2025) makes 8 of 12 → on the plan
    expect(t013).toMatchObject({status: "amber", basis: "trajectory", value_at_deadline: 8 / 12, target_ids: ["T008", "T013"]});
    expect(t013.reason).toContain("按计划可达标");
    // T008 cites the national plan and seed 001 in one cell, T013 seed 001: two documents, each once
    expect(t013.sources).toHaveLength(2);
    expect(t013.sources[0]).toContain("十四五");
    expect(t013.sources[1]).toContain("利通区");
  });

  it("today's figures are the records' (no facility of the default region closed or opens later)", () => {
    const plain = computeMetrics(region, computeCoverage(region.villages, region.facilities, radii), {measure: "pop60"});
    expect(metrics.counties).toEqual(plain.counties);
    expect(metricsAsOf(region, evaluationDate, evaluationDate, radii, {measure: "pop60"}).counties).toEqual(plain.counties);
  });

  it("shows no county the same target twice, own or reference", () => {
    for (const c of region.counties) {
      const keys = county(c.code).map((s) => `${s.indicator}|${s.comparator}|${s.threshold}`);
      const byDeadline = county(c.code).map((s) => `${s.indicator}|${s.comparator}|${s.threshold}|${s.deadline}`);
      expect(new Set(byDeadline).size, c.name).toBe(byDeadline.length);
      // an own and a reference card never share a rule
      const own = new Set(county(c.code).filter((s) => s.role === "own").map((s) => `${s.indicator}|${s.comparator}|${s.threshold}`));
      expect(county(c.code).filter((s) => s.role === "reference" && own.has(`${s.indicator}|${s.comparator}|${s.threshold}`)), c.name).toEqual([]);
      expect(keys.length).toBeGreaterThan(0);
    }
    // the three duplicates of the issue
    expect(county("640302").filter((s) => s.indicator === "township_centre_share" && s.threshold === 0.6)).toHaveLength(1);
    expect(county("150625").filter((s) => s.indicator.startsWith("social_workers_per"))).toHaveLength(2);
    expect(county("310116").filter((s) => s.indicator === "meal_seat_share_65")).toHaveLength(1);
  });

  it("reads 杭锦旗's \"7个苏木镇，覆盖率100%\" one way on every card: sumu/towns with a centre (6 of 6), not a count of facilities", () => {
    // T018 was count_township_centre ≥ 7: red at 6 (塔然高勒's centre, a second one in 独贵塔拉镇, still being built)
    // while the share card read 6 of 6 townships = 100 %, green. One reading: the share of sumu/towns.
    const centreCards = county("150625").filter((s) => s.indicator.startsWith("township_centre") || s.indicator === "count_township_centre");
    expect(centreCards.map((s) => s.indicator)).toEqual(["township_centre_share", "township_centre_share"]);
    const [t008] = centreCards.filter((s) => s.target_ids.includes("T008"));
    const [t018] = centreCards.filter((s) => s.target_ids.includes("T018"));
    expect(t018).toMatchObject({threshold: 1, status: "green", basis: "deadline", value_at_deadline: 1, value: 1});
    expect(t008).toMatchObject({status: "green", value: t018.value});
    // the same unit count behind both: 6 sumu/towns, the development zone (150625400) left out
    const row = metrics.counties.find((c) => c.code === "150625")!;
    expect(row.centre_units).toBe(6);
    const atDeadline = metricsAt("2024-12-31").counties.find((c) => c.code === "150625")!;
    expect(atDeadline.township_centre_share).toBe(t018.value_at_deadline);
    // the seed's 7th facility is not lost: its project item is still open after its 2024-12-31 deadline
    const tarangaole = region.projects.find((p) => p.facility_id === "150625-TC07" && p.category === "苏木镇综合养老服务设施");
    expect(tarangaole).toMatchObject({deadline: "2024-12-31", status: "in_progress"});
  });

  it("keeps the rules extended from one county's plan apart as reference standards", () => {
    const refs = statuses.filter((s) => s.role === "reference");
    expect(new Set(refs.flatMap((s) => s.target_ids))).toEqual(new Set(["T004", "T005", "T006", "T007"]));
    // each source county's own card covers its rule; the reference is not shown there
    expect(refs.filter((s) => s.code === "150625" && s.indicator.startsWith("social_workers"))).toEqual([]);
    expect(refs.filter((s) => s.code === "310116" && s.indicator === "meal_seat_share_65")).toEqual([]);
    expect(refs.filter((s) => s.code === "640302" && s.indicator === "count_county_institution")).toEqual([]);
  });

  it("says on every card whose deadline is assumed or whose threshold is modelled", () => {
    const targets = new Map(region.targets.map((t) => [t.id, t]));
    for (const s of statuses) {
      const merged = s.target_ids.map((id) => targets.get(id)!);
      const assumed = merged.every((t) => t.modelled?.includes("deadline"));
      expect(s.caveats.some((c) => c.startsWith("期限为假设")), `${s.target_ids} ${s.code}`).toBe(assumed);
      expect(s.caveats.some((c) => c.startsWith("阈值含模拟数据")), `${s.target_ids} ${s.code}`).toBe(merged.some((t) => t.modelled?.includes("threshold")));
    }
    const [beds] = county("150625").filter((s) => s.indicator === "beds");
    expect(beds.caveats).toEqual([expect.stringMatching(/^阈值含模拟数据：2022年前床位\d+张（模拟）\+ 260$/)]);
    expect(county("150625").find((s) => s.target_ids.includes("T021"))?.caveats).toEqual(["期限为假设（文件未写明期限）"]);
  });

  it("judges per-older-person targets ahead against the projected older population of their deadline, and says which", () => {
    const [beds] = county("640302").filter((s) => s.target_ids.includes("T001"));
    expect(beds.population).toBe("2025年底预计老年人口（模拟增速）");
    expect(beds.population_source).toContain("29697");
    // the 2025 plan's beds divided by a larger (projected) population than today's records
    const plan = metricsAt("2025-12-31").counties.find((c) => c.code === "640302")!;
    expect(plan.pop60).toBeGreaterThan(metrics.counties.find((c) => c.code === "640302")!.pop60);
    expect(beds.value_at_deadline).toBeCloseTo((plan.beds! * 1000) / plan.pop60, 9);
    const [t021] = county("150625").filter((s) => s.target_ids.includes("T021"));
    expect(t021.population).toBe("数据日期的老年人口"); // passed deadline
  });
});
