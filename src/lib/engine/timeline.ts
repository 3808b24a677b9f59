/**
 * The network in time: which facilities serve on a given date, and metrics as of that date computed by the
 * unchanged coverage engine and metrics (`coverage.ts`, `metrics.ts`). Pure functions, no I/O.
 *
 * Rule (docs/targets.md, "The network as of a date"). `dataDate` is the date the records describe (region.json
 * data_date); a record's status is its state on that day. A facility serves on day `d` when
 * - d ≤ dataDate (the past, as recorded): its status is counted (operating, upgrading) and it had opened
 *   (`opened` ≤ d, or no `opened`: in service before any date the data describes) and had not closed
 *   (no `closed`, or d < `closed`);
 * - d > dataDate (the plan): it serves on the data date and has not closed by d, or it is under construction or
 *   planned with an `expected_completion` ≤ d (a planned facility with no expected date never serves).
 * A facility that does not serve on d is kept in the pipeline (status "planned" or its own construction/planned
 * status) unless it has closed by d, when it is left out.
 */
import {SERVING_STATUSES} from "../facility-types.js";
import {computeCoverage, type CoverageOptions} from "./coverage.js";
import {computeMetrics, type MetricsInput, type MetricsOptions, type RegionMetrics} from "../plan/metrics.js";
import {projectVillages, type PopulationRule} from "./population.js";
import type {Facility, FacilityStatus, ProjectItem, RadiusTable} from "../types.js";

const SERVING: ReadonlySet<FacilityStatus> = new Set(SERVING_STATUSES);

/** Does facility `f` serve on day `d` (ISO dates compared as strings)? The rule in the module doc. */
export function servesOn(f: Facility, d: string, dataDate: string): boolean {
  if (f.closed && f.closed <= d) return false;
  const servesToday = SERVING.has(f.status) && (!f.opened || f.opened <= dataDate);
  if (d <= dataDate) return SERVING.has(f.status) && (!f.opened || f.opened <= d);
  if (servesToday) return true;
  return (f.status === "construction" || f.status === "planned") && !!f.expected_completion && f.expected_completion <= d;
}

/** The facilities as they stand on day `d`: serving ones "operating" (or "upgrading" on the data date and before), the rest in the pipeline, closed ones left out. */
export function networkAsOf(facilities: readonly Facility[], d: string, dataDate: string): Facility[] {
  const out: Facility[] = [];
  for (const f of facilities) {
    if (f.closed && f.closed <= d) continue;
    if (servesOn(f, d, dataDate)) out.push(f.status === "operating" || (f.status === "upgrading" && d <= dataDate) ? f : {...f, status: "operating"});
    else out.push(SERVING.has(f.status) ? {...f, status: "planned"} : f);
  }
  return out;
}

/**
 * Fill `expected_completion` of construction / planned facilities that have none from their linked project items:
 * the latest deadline of the unfinished items naming the facility (`facility_id`). Returns new records; the
 * filled ones list `expected_completion` in `derived` so a page can say where the date came from.
 */
export function withProjectCompletion(facilities: readonly Facility[], projects: readonly ProjectItem[]): {facilities: Facility[]; derived: Set<string>} {
  const due = new Map<string, string>();
  for (const p of projects) {
    if (!p.facility_id || p.status === "done") continue;
    const prev = due.get(p.facility_id);
    if (!prev || p.deadline > prev) due.set(p.facility_id, p.deadline);
  }
  const derived = new Set<string>();
  const out = facilities.map((f) => {
    if (f.expected_completion || (f.status !== "construction" && f.status !== "planned")) return f;
    const d = due.get(f.id);
    if (!d) return f;
    derived.add(f.id);
    return {...f, expected_completion: d};
  });
  return {facilities: out, derived};
}

/**
 * Metrics as of day `d`. Population: the data date's, or, after the data date and with a `population` rule,
 * projected to `d` (population.ts).
 */
export function metricsAsOf(input: MetricsInput, d: string, dataDate: string, radii: RadiusTable, options: MetricsOptions & CoverageOptions & {population?: PopulationRule} = {}): RegionMetrics {
  const {population, ...rest} = options;
  const facilities = networkAsOf(input.facilities, d, dataDate);
  const villages = population ? projectVillages(input.villages, population, dataDate, d) : input.villages;
  const statuses = rest.statuses ?? SERVING_STATUSES;
  const coverage = computeCoverage(villages, facilities, radii, {...rest, statuses});
  return computeMetrics({...input, villages, facilities}, coverage, {...rest, statuses});
}

/** Every date on which the network changes (openings, closings, expected completions), sorted, unique. */
export function changeDates(facilities: readonly Facility[]): string[] {
  const s = new Set<string>();
  for (const f of facilities) for (const d of [f.opened, f.closed, f.expected_completion]) if (d) s.add(d);
  return [...s].sort();
}
