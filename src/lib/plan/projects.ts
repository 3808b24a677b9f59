/**
 * Project tracking (seed 000's upgrade project, seed 004's annual plan, …): progress against the schedule,
 * spending by funding source, and a traffic light per item and per project.
 *
 * Schedule rule (亮灯), evaluated on a date (the data date):
 * - progress = done_qty / planned_qty (status "done" counts 100 %); expected = the share of the item's time
 *   window [start, deadline] elapsed on the date (0 before start, 1 after the deadline; no start → the
 *   window is the deadline's calendar year);
 * - green: done, or progress ≥ expected − 10 percentage points;
 * - amber: progress ≥ expected − 25 points, deadline not passed;
 * - red: deadline passed and not done ("overdue"), or further behind than 25 points.
 * A project's progress and expected progress are budget-weighted over its items (count-weighted without
 * budgets); its light applies the same thresholds to those two figures, made at least amber when some item is
 * overdue, and red when the plan's own end date (its last item deadline) has passed with any item unfinished —
 * an unfinished item without budget counts too, though it weighs nothing in the budget-weighted progress.
 *
 * Cost risk (费用风险), per item and per project: spent share = spent ÷ budget, work share = progress (the
 * project's budget-weighted progress); cost gap = spent share − work share. Flagged (`cost_risk`) when the gap is
 * more than COST_MARGIN (15 percentage points): money is going out faster than the work it pays for. Spending
 * behind the work is not flagged (payment usually follows acceptance). Not computable (null, shown 未提供, never
 * 0) when the spent figure is not provided (`spent_yuan` null: an empty cell or no such column) or the budget is
 * 0; a project's spent figure is null when any of its items' is. The cost risk does not change the schedule light.
 */
import type {ProjectItem} from "../types.js";
import type {Light} from "./targets.js";

export interface ItemStatus {
  id: string;
  project: string;
  county_code: string;
  item: string;
  category: string;
  year: number | undefined;
  facility_id: string | undefined;
  planned_qty: number;
  done_qty: number;
  progress: number;
  expected: number;
  budget_yuan: number;
  /** null: not provided (未提供) */
  spent_yuan: number | null;
  /** spent ÷ budget, null when spent is not provided or the budget is 0 */
  spent_share: number | null;
  /** spent share − progress, null when the spent share is */
  cost_gap: number | null;
  /** cost gap > COST_MARGIN */
  cost_risk: boolean;
  funding_source: string;
  deadline: string;
  overdue: boolean;
  light: Light;
  reason: string;
  modelled: string[];
  /** the date the item was evaluated on */
  on: string;
}

export interface ProjectSummary {
  project: string;
  county_code: string;
  items: number;
  done: number;
  overdue: number;
  budget_yuan: number;
  /** null when any item's spent figure is not provided */
  spent_yuan: number | null;
  progress: number;
  expected: number;
  spent_share: number | null;
  cost_gap: number | null;
  cost_risk: boolean;
  /** items not finished */
  unfinished: number;
  /** the plan's own end date: its last item deadline */
  deadline: string;
  light: Light;
  reason: string;
  by_source: {funding_source: string; budget_yuan: number; spent_yuan: number | null}[];
}

/** Spending ahead of the work by more than this share of the budget is a cost risk (15 percentage points). */
export const COST_MARGIN = 0.15;

/** Spent share, cost gap and flag of a budget, a spent figure (null: 未提供) and a work share. */
export function costRisk(budget: number, spent: number | null, work: number): {spent_share: number | null; cost_gap: number | null; cost_risk: boolean} {
  if (spent === null || !(budget > 0)) return {spent_share: null, cost_gap: null, cost_risk: false};
  const share = spent / budget;
  const gap = share - work;
  return {spent_share: share, cost_gap: gap, cost_risk: gap > COST_MARGIN + 1e-12};
}

const DAY = 86_400_000;
const RANK: Record<Light, number> = {grey: -1, green: 0, amber: 1, red: 2};

function day(iso: string): number {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`Not a date: ${JSON.stringify(iso)} (expected YYYY-MM-DD)`);
  return t;
}

/** Share of [start, deadline] elapsed on `on` (inclusive days), in [0, 1]. */
export function expectedProgress(start: string | undefined, deadline: string, on: string): number {
  const end = day(deadline) + DAY;
  const begin = start ? day(start) : day(`${deadline.slice(0, 4)}-01-01`);
  const now = day(on) + DAY;
  if (end <= begin) return now >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (now - begin) / (end - begin)));
}

/** Evaluate one item on a date. */
export function itemStatus(p: ProjectItem, on: string): ItemStatus {
  const done = p.status === "done";
  const progress = done ? 1 : p.planned_qty > 0 ? Math.min(1, p.done_qty / p.planned_qty) : 0;
  const expected = expectedProgress(p.start, p.deadline, on);
  const overdue = !done && progress < 1 && day(on) > day(p.deadline);
  let light: Light;
  let reason: string;
  if (done || progress >= 1) [light, reason] = ["green", "已完成"];
  else if (overdue) [light, reason] = ["red", "已逾期未完成"];
  else if (progress >= expected - 0.1) [light, reason] = ["green", "进度正常"];
  else if (progress >= expected - 0.25) [light, reason] = ["amber", "进度滞后（10–25个百分点）"];
  else [light, reason] = ["red", "进度严重滞后（超过25个百分点）"];
  return {
    id: p.id,
    project: p.project,
    county_code: p.county_code,
    item: p.item,
    category: p.category,
    year: p.year,
    facility_id: p.facility_id,
    planned_qty: p.planned_qty,
    done_qty: p.done_qty,
    progress,
    expected,
    budget_yuan: p.budget_yuan,
    spent_yuan: p.spent_yuan ?? null,
    ...costRisk(p.budget_yuan, p.spent_yuan ?? null, progress),
    funding_source: p.funding_source,
    deadline: p.deadline,
    overdue,
    light,
    reason,
    modelled: p.modelled,
    on
  };
}

/** Items evaluated on a date, overdue first, then red, amber, green; then by deadline. */
export function itemStatuses(items: readonly ProjectItem[], on: string): ItemStatus[] {
  return items
    .map((p) => itemStatus(p, on))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || RANK[b.light] - RANK[a.light] || a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

function projectLight(progress: number, expected: number, overdue: number, unfinished: number, pastDeadline: boolean): [Light, string] {
  if (unfinished === 0) return ["green", "已完成"];
  if (pastDeadline) return ["red", `项目期限已过，仍有${unfinished}项未完成`];
  if (progress < expected - 0.25) return ["red", "进度严重滞后（超过25个百分点）"];
  if (progress < expected - 0.1) return ["amber", "进度滞后（10–25个百分点）"];
  if (overdue > 0) return ["amber", `进度总体正常，但有${overdue}项逾期`];
  return ["green", "进度正常"];
}

/** Roll items up per project. */
export function projectSummaries(statuses: readonly ItemStatus[]): ProjectSummary[] {
  const groups = new Map<string, ItemStatus[]>();
  for (const s of statuses) {
    // a project is named within its county: two counties' "年度建设计划" are two projects
    const key = `${s.county_code}\u0000${s.project}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((items) => {
    const project = items[0].project;
    const budget = items.reduce((t, i) => t + i.budget_yuan, 0);
    const mean = (f: (i: ItemStatus) => number) => (budget > 0 ? items.reduce((t, i) => t + f(i) * i.budget_yuan, 0) / budget : items.reduce((t, i) => t + f(i), 0) / items.length);
    const progress = mean((i) => i.progress);
    const expected = mean((i) => i.expected);
    const deadline = items.reduce((d, i) => (i.deadline > d ? i.deadline : d), "");
    const overdue = items.filter((i) => i.overdue).length;
    const unfinished = items.filter((i) => i.progress < 1).length;
    const [light, reason] = projectLight(progress, expected, overdue, unfinished, deadline < items[0].on);
    const sumSpent = (xs: readonly ItemStatus[]): number | null => (xs.some((i) => i.spent_yuan === null) ? null : xs.reduce((t, i) => t + (i.spent_yuan as number), 0));
    const spent = sumSpent(items);
    const sources = new Map<string, ItemStatus[]>();
    for (const i of items) {
      const key = i.funding_source || "未注明";
      sources.set(key, [...(sources.get(key) ?? []), i]);
    }
    return {
      project,
      county_code: items[0].county_code,
      items: items.length,
      done: items.filter((i) => i.progress >= 1).length,
      overdue,
      budget_yuan: budget,
      spent_yuan: spent,
      progress,
      expected,
      ...costRisk(budget, spent, progress),
      unfinished,
      deadline,
      light,
      reason,
      by_source: [...sources].map(([funding_source, xs]) => ({funding_source, budget_yuan: xs.reduce((t, i) => t + i.budget_yuan, 0), spent_yuan: sumSpent(xs)}))
    };
  });
}
