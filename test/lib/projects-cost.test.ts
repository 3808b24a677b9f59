/**
 * Project cost risk (share of budget spent against share of work done, flagged beyond COST_MARGIN = 15 points) and
 * the plan light at its own end date, on hand-worked items evaluated on 2025-07-01.
 */
import {describe, expect, it} from "vitest";
import {COST_MARGIN, costRisk, itemStatus, itemStatuses, projectSummaries} from "../../src/lib/plan/projects.ts";
import type {ProjectItem} from "../../src/lib/types.ts";

const item = (over: Partial<ProjectItem>): ProjectItem => ({
  id: "P1", project: "某县提升改造", county_code: "150626", item: "消防", category: "消防安全", planned_qty: 10, done_qty: 0,
  budget_yuan: 100_000, spent_yuan: 0, funding_source: "本级财政", start: "2025-01-01", deadline: "2025-12-31", status: "in_progress", modelled: [], ...over
});
const on = "2025-07-01";

describe("cost risk (费用风险)", () => {
  it("flags spending ahead of the work by more than 15 points, not at 15 and not spending behind", () => {
    expect(COST_MARGIN).toBe(0.15);
    // 4 of 10 done (40 %), 60 000 of 100 000 spent (60 %): 20 points ahead → flagged
    expect(itemStatus(item({done_qty: 4, spent_yuan: 60_000}), on)).toMatchObject({spent_share: 0.6, cost_gap: expect.closeTo(0.2, 12), cost_risk: true});
    // 55 % spent against 40 % done: exactly the margin → not flagged
    expect(itemStatus(item({done_qty: 4, spent_yuan: 55_000}), on)).toMatchObject({cost_gap: expect.closeTo(0.15, 12), cost_risk: false});
    // spending behind the work (10 % spent, 40 % done) is not a cost risk
    expect(itemStatus(item({done_qty: 4, spent_yuan: 10_000}), on)).toMatchObject({cost_gap: expect.closeTo(-0.3, 12), cost_risk: false});
    // a done item that spent 105 % is 5 points over: within the margin
    expect(itemStatus(item({status: "done", done_qty: 10, spent_yuan: 105_000}), on).cost_risk).toBe(false);
  });

  it("is 未提供 (null), never 0, without a spent figure or a budget", () => {
    expect(itemStatus(item({done_qty: 4, spent_yuan: null}), on)).toMatchObject({spent_yuan: null, spent_share: null, cost_gap: null, cost_risk: false});
    expect(costRisk(0, 10, 0.5)).toEqual({spent_share: null, cost_gap: null, cost_risk: false});
  });

  it("per project: budget-weighted work share against total spent; null when any item's spent is missing", () => {
    const items = itemStatuses([
      item({id: "A", done_qty: 10, status: "done", budget_yuan: 300_000, spent_yuan: 290_000}),
      item({id: "B", done_qty: 2, budget_yuan: 700_000, spent_yuan: 500_000})
    ], on);
    const [p] = projectSummaries(items);
    // work = (300·1 + 700·0.2) / 1000 = 0.44; spent = 790 / 1000 = 0.79; gap 35 points → flagged
    expect(p).toMatchObject({progress: expect.closeTo(0.44, 12), spent_yuan: 790_000, spent_share: expect.closeTo(0.79, 12), cost_gap: expect.closeTo(0.35, 12), cost_risk: true});
    const [q] = projectSummaries(itemStatuses([item({id: "A", spent_yuan: 10_000, funding_source: "上级补助"}), item({id: "B", spent_yuan: null})], on));
    expect(q).toMatchObject({spent_yuan: null, spent_share: null, cost_risk: false});
    expect(q.by_source).toEqual([{funding_source: "上级补助", budget_yuan: 100_000, spent_yuan: 10_000}, {funding_source: "本级财政", budget_yuan: 100_000, spent_yuan: null}]);
  });
});

describe("a plan judged at its own end date", () => {
  it("is red when its last deadline has passed with any item unfinished, even one without budget", () => {
    // the big item is done (progress by budget = 100 %), a small unbudgeted one is still open after the end date
    const items = itemStatuses([
      item({id: "A", status: "done", done_qty: 10, budget_yuan: 1_000_000, spent_yuan: 950_000, deadline: "2024-12-31", start: "2024-01-01"}),
      item({id: "B", done_qty: 0, budget_yuan: 0, spent_yuan: 0, deadline: "2024-12-31", start: "2024-01-01"})
    ], on);
    const [p] = projectSummaries(items);
    expect(p.progress).toBe(1);
    expect(p).toMatchObject({unfinished: 1, deadline: "2024-12-31", light: "red", reason: "项目期限已过，仍有1项未完成"});
    // the same plan with every item done is green
    const [done] = projectSummaries(itemStatuses([item({id: "A", status: "done", done_qty: 10, deadline: "2024-12-31"})], on));
    expect([done.light, done.reason]).toEqual(["green", "已完成"]);
    // before its end date an overdue item only makes it amber
    const [ahead] = projectSummaries(itemStatuses([
      item({id: "A", done_qty: 5, deadline: "2025-12-31"}),
      item({id: "B", done_qty: 0, budget_yuan: 1, deadline: "2025-06-30"})
    ], on));
    expect(ahead.light).toBe("amber");
  });
});
