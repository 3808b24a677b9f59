/**
 * A what-if session: the region's data, one CoverageEngine over all of it (a facility near a county border
 * covers villages across it, as in the build), the planner's edits recorded as a scenario, and the figures of
 * one county (or the whole region) recomputed after each edit with the same functions the build uses:
 * `computeMetrics` for the unit and `judgeTargets` (milestones.ts) for the targets that apply to it: a passed
 * deadline is judged on the recorded network then (edits are made today and do not change the past), a deadline
 * ahead on the edited network plus what is planned to complete by then. Pure, no DOM.
 */
import {computeCoverage, CoverageEngine, type CoverageResult, type TierCoverage} from "./coverage.js";
import {TIERS} from "../facility-types.js";
import {computeMetrics, type RegionMetrics} from "../plan/metrics.js";
import {applyOp, applyScenario, type Scenario, type ScenarioOp} from "./scenario.js";
import {recordOp} from "./scenario-log.js";
import {judgeTargets, referenceTargets, type JudgedTarget, type MetricsRows} from "../plan/milestones.js";
import {populationRule, projectVillages} from "./population.js";
import {metricsAsOf, networkAsOf} from "./timeline.js";
import type {AbsentFigures, County, Facility, FacilityStatus, Measure, RadiusTable, Target, Tier, Township, Village} from "../types.js";

export interface WhatIfData {
  counties: readonly County[];
  townships: readonly Township[];
  villages: readonly Village[];
  facilities: readonly Facility[];
  targets: readonly Target[];
  /** region config: `reference_targets` names the reference standards (milestones.ts) */
  config?: Record<string, unknown>;
  /** figures the region does not provide (region.json "absent"): their metrics stay null, their targets grey */
  meta?: {absent?: AbsentFigures};
}

/** People of one measure covered in a unit. */
export interface CoverageCount {
  measure: Measure;
  total: number;
  covered: number;
  uncovered: number;
  share: number | null;
  byTier: Record<Tier, number>;
}

/** What the page shows for a unit after an edit. */
export interface UnitView {
  /** county code, or null for the whole region */
  scope: string | null;
  count: CoverageCount;
  metrics: RegionMetrics;
  statuses: JudgedTarget[];
  /** village indices (into the region's villages) of the unit */
  villageIdx: readonly number[];
  coverage: CoverageResult;
  /** the date the view is as of (the session's date unless asked for another) */
  asOf: string;
  /** the network as of that date (timeline.ts networkAsOf; the edited facilities on the session's date) */
  facilities: readonly Facility[];
  /** the villages counted (the older population projected after the session's date when the region sets a rule) */
  villages: readonly Village[];
  radii: RadiusTable;
}

interface Scope {
  villageIdx: number[];
  counties: County[];
  townships: Township[];
  villages: Village[];
  targets: Target[];
  /** metrics of the recorded network on past deadlines (edits do not change the past), by date */
  past: Map<string, MetricsRows>;
}

/** Sum of `measure` over villages of `idx` covered by any tier, and per tier. */
export function countCovered(villages: readonly Village[], idx: readonly number[], cov: CoverageResult, measure: Measure): CoverageCount {
  const byTier = {county: 0, township: 0, community: 0, meal: 0} as Record<Tier, number>;
  const counts = TIERS.map((t) => cov.tiers[t].count);
  let total = 0;
  let covered = 0;
  for (const i of idx) {
    const w = villages[i][measure];
    total += w;
    let any = false;
    for (let t = 0; t < counts.length; t++) {
      if (counts[t][i] > 0) {
        byTier[TIERS[t]] += w;
        any = true;
      }
    }
    if (any) covered += w;
  }
  return {measure, total, covered, uncovered: total - covered, share: total ? covered / total : null, byTier};
}

function subset(cov: CoverageResult, idx: readonly number[], villages: Village[]): CoverageResult {
  const tiers = {} as Record<Tier, TierCoverage>;
  for (const t of TIERS) {
    const src = cov.tiers[t];
    tiers[t] = {
      count: Int32Array.from(idx, (i) => src.count[i]),
      nearestDist: Float64Array.from(idx, (i) => src.nearestDist[i]),
      nearestId: idx.map((i) => src.nearestId[i])
    };
  }
  return {villages, tiers};
}

/**
 * @example
 * const s = new WhatIfSession(region, radii, {statuses: SERVING_STATUSES, date: "2025-06-30"});
 * s.apply({op: "add", facility});
 * s.view("640302", "pop60").count.covered
 */
export class WhatIfSession {
  readonly data: WhatIfData;
  readonly baseRadii: RadiusTable;
  readonly date: string;
  statuses: readonly FacilityStatus[];
  engine: CoverageEngine;
  ops: ScenarioOp[] = [];
  private readonly scopes = new Map<string, Scope>();

  constructor(data: WhatIfData, radii: RadiusTable, options: {statuses: readonly FacilityStatus[]; date: string}) {
    this.data = data;
    this.baseRadii = radii;
    this.date = options.date;
    this.statuses = options.statuses;
    this.engine = new CoverageEngine(data.villages, data.facilities, radii, {statuses: options.statuses});
  }

  /** Recorded op lists before each edit (undo) and after each undone one (redo). */
  private past: ScenarioOp[][] = [];
  private future: ScenarioOp[][] = [];

  /** Apply one edit and record it (undoable). Throws (and records nothing) when the engine refuses it. */
  apply(op: ScenarioOp): void {
    applyOp(this.engine, op);
    this.past.push(this.ops);
    this.future = [];
    this.ops = recordOp(this.ops, op, this.baseRadii);
  }

  /** Replace the whole scenario (an import, or back to the data with `[]`) as one undoable step. */
  replace(ops: readonly ScenarioOp[]): void {
    const current = this.ops;
    this.reset(ops);
    this.past.push(current);
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /**
   * Go back one step: the recorded ops before the last edit are applied to the data afresh (the engine's state
   * depends only on them, scenario-log.ts). Returns false when there is nothing to undo.
   */
  undo(): boolean {
    const previous = this.past.pop();
    if (!previous) return false;
    const current = this.ops;
    this.reset(previous);
    this.future.push(current);
    return true;
  }

  /** Redo the last undone step. Returns false when there is none. */
  redo(): boolean {
    const next = this.future.pop();
    if (!next) return false;
    const current = this.ops;
    this.reset(next);
    this.past.push(current);
    return true;
  }

  /** Start again from the data, optionally with other counted statuses, then apply `ops` (e.g. an imported scenario). */
  reset(ops: readonly ScenarioOp[] = [], statuses: readonly FacilityStatus[] = this.statuses): void {
    const engine = new CoverageEngine(this.data.villages, this.data.facilities, this.baseRadii, {statuses});
    const scenario: Scenario = {format: "carecircle-scenario", version: 1, region: "", name: "", created: "", ops: [...ops]};
    applyScenario(engine, scenario); // throws before anything changes here
    this.engine = engine;
    this.statuses = statuses;
    this.ops = ops.reduce<ScenarioOp[]>((acc, op) => recordOp(acc, op, this.baseRadii), []);
  }

  /** Is there a facility with this id (counted or not)? */
  has(id: string): boolean {
    return this.facility(id) !== undefined;
  }

  /** The current record of a facility. */
  facility(id: string): Facility | undefined {
    return this.engine.facilities().find((f) => f.id === id);
  }

  private scope(code: string | null): Scope {
    const key = code ?? "*";
    let s = this.scopes.get(key);
    if (!s) {
      const d = this.data;
      const villageIdx: number[] = [];
      d.villages.forEach((v, i) => (code === null || v.county_code === code) && villageIdx.push(i));
      const townships = d.townships.filter((t) => code === null || t.county_code === code);
      const tCodes = new Set(townships.map((t) => t.code));
      s = {
        villageIdx,
        counties: d.counties.filter((c) => code === null || c.code === code),
        townships,
        villages: villageIdx.map((i) => d.villages[i]),
        targets: d.targets.filter((t) => code === null || t.scope_code === "*" || t.scope_code === code || tCodes.has(t.scope_code)),
        past: new Map()
      };
      this.scopes.set(key, s);
    }
    return s;
  }

  /**
   * Figures of one county (or the region, `null`): people covered by `measure`, metrics rows and target lights.
   * Targets are evaluated as the build does (coverage weighted by 60+), whatever the measure shown.
   *
   * `asOf` (default the session's date) shows the network on another day (timeline.ts): before the session's date
   * the recorded network (edits are made today and do not change the past), after it the edited network and what
   * is planned to complete by then, with the older population projected by the region's rule; the lights are judged
   * with `asOf` as "today" on the same metrics as of each deadline — the overview's year control (year-view.ts).
   */
  view(code: string | null, measure: Measure, asOf: string = this.date): UnitView {
    const s = this.scope(code);
    const radii = this.engine.radii();
    const population = populationRule(this.data.config);
    const absent = this.data.meta?.absent;
    const options = {measure: "pop60" as const, statuses: this.statuses, population, absent};
    const unitFacilities = (all: readonly Facility[]) => all.filter((f) => code === null || f.county_code === code);
    const input = {counties: s.counties, townships: s.townships, villages: s.villages, facilities: unitFacilities(this.engine.facilities())};
    let today: MetricsRows | undefined;
    // as of another date the coverage is recomputed with every facility (a neighbour county's circle covers across
    // the line, as in the build's timeline); the rows stay the unit's (input.counties / input.townships)
    const at = (d: string): MetricsRows => {
      if (d === this.date) return (today ??= computeMetrics(input, this.subsetOf(this.engine.result(), s), {measure: "pop60", statuses: this.statuses, absent}));
      if (d > this.date) return metricsAsOf({...input, facilities: this.engine.facilities()}, d, this.date, radii, options);
      let m = s.past.get(d);
      if (!m) s.past.set(d, (m = metricsAsOf({...input, facilities: this.data.facilities}, d, this.date, this.baseRadii, options)));
      return m;
    };
    const statuses = judgeTargets(s.targets, at, asOf, {reference: referenceTargets(this.data.config), population});
    if (asOf === this.date) {
      const full = this.engine.result();
      return {scope: code, count: countCovered(this.data.villages, s.villageIdx, full, measure), metrics: at(asOf) as RegionMetrics, statuses, villageIdx: s.villageIdx, coverage: full, asOf, facilities: this.engine.facilities(), villages: this.data.villages, radii};
    }
    const past = asOf < this.date;
    const facilities = networkAsOf(past ? this.data.facilities : this.engine.facilities(), asOf, this.date);
    const villages = !past && population ? projectVillages(this.data.villages, population, this.date, asOf) : this.data.villages;
    const shownRadii = past ? this.baseRadii : radii;
    const full = computeCoverage(villages, facilities, shownRadii, {statuses: this.statuses});
    return {scope: code, count: countCovered(villages, s.villageIdx, full, measure), metrics: at(asOf) as RegionMetrics, statuses, villageIdx: s.villageIdx, coverage: full, asOf, facilities, villages, radii: shownRadii};
  }

  private subsetOf(full: CoverageResult, s: Scope): CoverageResult {
    return s.villageIdx.length === this.data.villages.length ? full : subset(full, s.villageIdx, s.villages);
  }
}
