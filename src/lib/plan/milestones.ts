/**
 * Targets judged in time (docs/targets.md, "Milestones"). `targets.ts` says whether a value meets a target; this
 * module says *which* value a target is judged on, merges duplicate targets into one card and separates the
 * region's reference standards (参考标准) from a county's own targets.
 *
 * The rule. `dataDate` is the date the data describes ("today"); values come from `metricsAt(date)` (the
 * network as of that date, `timeline.ts`: recorded openings up to the data date, the plan after it).
 * - Deadline passed (deadline < dataDate): final. Judged on the value **at the deadline**:
 *   green "已达标" when met then, red "未达标" when missed (no amber: it is over). When today's value differs it is
 *   shown too: "2023年底 41.7%，未达标；现 58.3%".
 * - Deadline ahead (deadline ≥ dataDate): judged on today's value and the **trajectory** — the value at the deadline
 *   with what is planned to complete by then (construction/planned facilities with an expected completion):
 *   - green  met today and on the plan at the deadline;
 *   - amber  not met today but met on the plan ("按计划可达标"), or met today but not on the plan at the
 *            deadline (a planned closure), or short on the plan by no more than `tolerance` (10 %, as
 *            `nearThreshold`) ("按计划仍差 …，差距在10%以内");
 *   - red    short on the plan by more than that ("按计划仍差 …").
 * - No value (zero denominator, unit not found): red "无数据".
 *
 * One target, one card: the statuses of targets with the same indicator, scope, unit, comparator, threshold and
 * deadline are merged (every id and source kept). A target listed in the region's `config.reference_targets` is a
 * reference standard (role "reference": a rule taken from one plan and extended to other units); it is left out
 * for a unit that has an own target of the same indicator, comparator and threshold (the unit's own plan governs),
 * and pages show and tally references apart.
 */
import {formatPercent, formatValue} from "../view/format.js";
import {compare, evaluate, INDICATORS, nearThreshold, type Light, type TargetStatus} from "./targets.js";
import type {UnitMetrics} from "./metrics.js";
import {PER_OLDER_PERSON, type PopulationRule} from "../engine/population.js";
import type {Target} from "../types.js";

export type MetricsRows = {townships: readonly UnitMetrics[]; counties: readonly UnitMetrics[]};

export type Role = "own" | "reference";

/** One card: a target (or several identical ones) judged for one unit. */
export interface JudgedTarget extends TargetStatus {
  /** every merged target id (target_id is the first) */
  target_ids: string[];
  /** every distinct source of the merged targets */
  sources: string[];
  role: Role;
  /** "deadline": judged at the passed deadline; "trajectory": deadline ahead, judged on today's value and the plan */
  basis: "deadline" | "trajectory";
  /** the value the light is judged on: at the deadline (passed) or planned at the deadline (ahead) */
  value_at_deadline: number | null;
  /** the notes of the merged targets */
  notes: string[];
  /** what the card must say is assumed or modelled (期限为假设 …) */
  caveats: string[];
  /** reference targets left out for this unit because this own target covers them */
  supersedes: string[];
  /** which older population the value at the deadline uses, when the indicator is per older person */
  population?: string;
  /** where a projected population's growth rates come from */
  population_source?: string;
}

/** The reference-target ids of a region config (`config.reference_targets`: an array of target ids). */
export function referenceTargets(config: Record<string, unknown> | undefined): Set<string> {
  const v = config?.reference_targets;
  if (v === undefined || v === null) return new Set();
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new Error(`region.json: config.reference_targets: expected an array of target ids, found ${JSON.stringify(v)}`);
  return new Set(v as string[]);
}

/** "2023-12-31" → "2023年底"; "2024-06-30" → "2024年6月30日". */
export function deadlineLabel(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return m[2] === "12" && m[3] === "31" ? `${m[1]}年底` : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** How far `value` is from meeting the target, in the indicator's unit (shares in percentage points). */
function gapText(value: number, t: Pick<Target, "comparator" | "threshold">, unit: string): string {
  const gap = Math.abs(t.threshold - value);
  if (unit === "share") return `${(gap * 100).toFixed(1)}个百分点`;
  return formatValue(gap, unit);
}

const show = (v: number | null, unit: string): string => (v === null ? "无数据" : unit === "share" ? formatPercent(v) : formatValue(v, unit));

/** What a target's modelled fields and note mean for its card. */
export function caveatsOf(t: Target): string[] {
  const out: string[] = [];
  const m = new Set(t.modelled ?? []);
  if (m.has("deadline")) out.push("期限为假设（文件未写明期限）");
  if (m.has("threshold")) {
    // the note's last clause says how the threshold is made ("…：阈值 = 2022年前床位313张（模拟）+ 260")
    const how = t.note && /模拟/.test(t.note) ? t.note.split(/[：:]/).pop()!.replace(/^\s*阈值\s*=\s*/, "").trim() : "";
    out.push(`阈值含模拟数据${how ? `：${how}` : ""}`);
  }
  return out;
}

/**
 * The light of one target for one unit from its value today and at the deadline (the rule in the module doc).
 * `atDeadline` is the value at the deadline: recorded when passed, on the plan when ahead.
 */
export function judge(
  t: Pick<Target, "comparator" | "threshold" | "deadline">,
  unit: string,
  today: number | null,
  atDeadline: number | null,
  dataDate: string,
  tol = 0.1
): {status: Light; reason: string; basis: JudgedTarget["basis"]} {
  const when = deadlineLabel(t.deadline);
  if (t.deadline < dataDate) {
    const differs = today !== null && atDeadline !== null && Math.abs(today - atDeadline) > 1e-9;
    const now = differs ? `；现 ${show(today, unit)}` : "";
    if (atDeadline === null || !Number.isFinite(atDeadline)) return {status: "red", basis: "deadline", reason: `${when}无数据：无法计算${now}`};
    const met = compare(atDeadline, t.comparator, t.threshold);
    return {status: met ? "green" : "red", basis: "deadline", reason: `${when} ${show(atDeadline, unit)}，${met ? "已达标" : "未达标"}${now}`};
  }
  if (today === null || !Number.isFinite(today)) return {status: "red", basis: "trajectory", reason: "无数据：无法计算"};
  const metNow = compare(today, t.comparator, t.threshold);
  const plan = atDeadline !== null && Number.isFinite(atDeadline) ? atDeadline : today;
  const metPlan = compare(plan, t.comparator, t.threshold);
  // the plan's figure is shown when it reads differently from today's
  const planText = show(plan, unit) === show(today, unit) ? "" : `，按计划${when} ${show(plan, unit)}`;
  if (metNow && metPlan) return {status: "green", basis: "trajectory", reason: `已达标${planText}`};
  if (metPlan) return {status: "amber", basis: "trajectory", reason: `现 ${show(today, unit)}，未达标${planText}：按计划可达标`};
  if (metNow) return {status: "amber", basis: "trajectory", reason: `现已达标，但按计划${when} ${show(plan, unit)}，将不达标`};
  const short = `按计划仍差 ${gapText(plan, t, unit)}`;
  if (nearThreshold(plan, t.comparator, t.threshold, tol)) return {status: "amber", basis: "trajectory", reason: `现 ${show(today, unit)}${planText}：${short}（差距在${Math.round(tol * 100)}%以内）`};
  return {status: "red", basis: "trajectory", reason: `现 ${show(today, unit)}${planText}：${short}`};
}

/**
 * Judge every target for every unit it names, as of its deadline or on its trajectory, then merge identical
 * targets and drop references covered by a unit's own target.
 * @param metricsAt metrics as of a date (memoised here per date); `metricsAt(dataDate)` is today's
 * @example judgeTargets(region.targets, (d) => metricsAsOf(region, d, dataDate, radii), "2025-06-30", {reference: referenceTargets(region.config)})
 */
export function judgeTargets(
  targets: readonly Target[],
  metricsAt: (date: string) => MetricsRows,
  dataDate: string,
  options: {tolerance?: number; reference?: ReadonlySet<string>; population?: PopulationRule} = {}
): JudgedTarget[] {
  const tol = options.tolerance ?? 0.1;
  const reference = options.reference ?? new Set<string>();
  const memo = new Map<string, MetricsRows>();
  const at = (d: string): MetricsRows => {
    let m = memo.get(d);
    if (!m) memo.set(d, (m = metricsAt(d)));
    return m;
  };
  const rows: JudgedTarget[] = [];
  for (const t of targets) {
    const now = evaluate([t], at(dataDate), dataDate, {tolerance: tol});
    const then = evaluate([t], at(t.deadline), dataDate, {tolerance: tol});
    const unit = INDICATORS.get(t.indicator)!.unit;
    now.forEach((s, i) => {
      const d = then.find((x) => x.code === s.code) ?? then[i];
      const j = judge(t, unit, s.value, d ? d.value : null, dataDate, tol);
      const noUnit = s.name === "" && s.value === null;
      // per-older-person figures: say which population the value at the deadline divides by (population.ts)
      const projected = options.population && PER_OLDER_PERSON.has(t.indicator) && t.deadline > dataDate && !noUnit;
      const population = !PER_OLDER_PERSON.has(t.indicator) || noUnit ? undefined : projected ? `${deadlineLabel(t.deadline)}预计老年人口${options.population!.modelled ? "（模拟增速）" : ""}` : "数据日期的老年人口";
      rows.push({
        ...s,
        // a figure the region does not provide stays 无法评估 (grey), today and at the deadline
        status: s.status === "grey" ? "grey" : j.status,
        reason: noUnit || s.status === "grey" ? s.reason : j.reason,
        basis: j.basis,
        value_at_deadline: d ? d.value : null,
        target_ids: [t.id],
        // a source cell may cite several documents, separated by "；" (T008: the national plan；seed 001)
        sources: t.source.split("；").map((x) => x.trim()).filter(Boolean),
        role: reference.has(t.id) ? "reference" : "own",
        notes: t.note ? [t.note] : [],
        caveats: caveatsOf(t),
        supersedes: [],
        ...(population ? {population} : {}),
        ...(projected ? {population_source: options.population!.source} : {})
      });
    });
  }
  return mergeCards(rows);
}

/** Merge identical targets per unit and drop references a unit's own target covers (module doc). */
export function mergeCards(rows: readonly JudgedTarget[]): JudgedTarget[] {
  const key = (r: JudgedTarget) => [r.scope, r.code, r.indicator, r.comparator, r.threshold].join("|");
  const own = new Map<string, JudgedTarget[]>();
  for (const r of rows) if (r.role === "own") own.set(key(r), [...(own.get(key(r)) ?? []), r]);
  const supersedes = new Map<JudgedTarget, string[]>();
  const kept: JudgedTarget[] = [];
  for (const r of rows) {
    const covering = r.role === "reference" ? own.get(key(r)) : undefined;
    if (!covering) {
      kept.push(r);
      continue;
    }
    for (const c of covering) supersedes.set(c, [...(supersedes.get(c) ?? []), ...r.target_ids]);
  }
  const out: JudgedTarget[] = [];
  const byCard = new Map<string, JudgedTarget>();
  for (const r of kept) {
    const k = `${key(r)}|${r.deadline}|${r.role}`;
    const extra = [...r.supersedes, ...(supersedes.get(r) ?? [])];
    const card = byCard.get(k);
    if (!card) {
      const c: JudgedTarget = {...r, target_ids: [...r.target_ids], sources: [...r.sources], notes: [...r.notes], caveats: [...r.caveats], supersedes: [...new Set(extra)]};
      byCard.set(k, c);
      out.push(c);
      continue;
    }
    const add = (to: string[], from: readonly string[]) => {
      for (const x of from) if (!to.includes(x)) to.push(x);
    };
    add(card.target_ids, r.target_ids);
    add(card.sources, r.sources);
    add(card.notes, r.notes);
    add(card.supersedes, extra);
    // a caveat holds for the card only when every merged target has it (a real deadline beats an assumed one)
    card.caveats = card.caveats.filter((c) => r.caveats.includes(c));
  }
  for (const c of out) c.source = c.sources.join("；");
  return out;
}
