/**
 * The overview's year control: each county's main figures and target lights as of a chosen date.
 *
 * Dates offered: the end of every year from the earliest year the data dates (a facility's opening or expected
 * completion, or a deadline) to the latest, plus the data date itself. As of a date d the figures are the network
 * as of d (`timeline.ts`: recorded up to the data date, the plan after it — "projected"), and the lights are
 * `judgeTargets` with d as "today": deadlines before d judged at the deadline, the rest on the value at d and the
 * network at the deadline (for a past d this is the recorded network at the deadline, i.e. with hindsight).
 * Population: the data date's, projected after it when the region sets a rule (population.ts; `metricsAt` applies
 * it, `options.population` labels it).
 */
import {judgeTargets, type MetricsRows, type Role} from "./milestones.js";
import type {PopulationRule} from "../engine/population.js";
import type {Light} from "./targets.js";
import type {Facility, Target} from "../types.js";

export interface CountySnapshot {
  code: string;
  name: string;
  township_centre_share: number | null;
  covered_any_share: number | null;
  /** null when the region does not provide beds (region.json "absent") */
  beds: number | null;
  beds_per_1000_60: number | null;
  facilities: number;
}

export interface LightSnapshot {
  code: string;
  target_id: string;
  role: Role;
  status: Light;
  reason: string;
}

export interface YearSnapshot {
  date: string;
  /** after the data date: figures on the plan */
  projected: boolean;
  counties: CountySnapshot[];
  /** county-scope cards only */
  lights: LightSnapshot[];
}

/** Year-ends from the earliest to the latest dated year of the facilities and targets, plus the data date; sorted. */
export function snapshotDates(facilities: readonly Facility[], targets: readonly Target[], dataDate: string): string[] {
  const years = [
    ...facilities.flatMap((f) => [f.opened, f.closed, f.expected_completion]),
    ...targets.map((t) => t.deadline),
    dataDate
  ].flatMap((d) => (d ? [Number(d.slice(0, 4))] : []));
  const first = Math.min(...years);
  const last = Math.max(...years);
  const dates = new Set<string>([dataDate]);
  for (let y = first; y <= last; y++) dates.add(`${y}-12-31`);
  return [...dates].sort();
}

/** The figures and county-level lights as of each date (module doc). `metricsAt` should memoise by date. */
export function yearSnapshots(
  targets: readonly Target[],
  metricsAt: (date: string) => MetricsRows,
  dates: readonly string[],
  dataDate: string,
  options: {reference?: ReadonlySet<string>; tolerance?: number; population?: PopulationRule} = {}
): YearSnapshot[] {
  return dates.map((date) => {
    const m = metricsAt(date);
    const lights = judgeTargets(targets, metricsAt, date, options)
      .filter((s) => s.scope === "county")
      .map((s) => ({code: s.code, target_id: s.target_id, role: s.role, status: s.status, reason: s.reason}));
    return {
      date,
      projected: date > dataDate,
      counties: m.counties.map((c) => ({code: c.code, name: c.name, township_centre_share: c.township_centre_share, covered_any_share: c.covered_any_share, beds: c.beds, beds_per_1000_60: c.beds_per_1000_60, facilities: c.facilities})),
      lights
    };
  });
}
