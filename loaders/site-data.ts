/**
 * Everything the site's data loaders print comes from here: load the region folder (validated, WGS84, no
 * personal fields), run the coverage engine, compute metrics, evaluate targets and projects. Each Framework
 * loader (src/data/*.ts) calls `siteData()` and prints one artifact.
 *
 * The region folder is `CARECIRCLE_REGION` (default `data/default`). Targets are evaluated on the region's data
 * date (`region.json` data_date), the date the figures describe.
 */
import {resolve} from "node:path";
import {regionBedGaps, type BedGap, type BedStandard} from "../src/lib/plan/beds.ts";
import {CoverageEngine} from "../src/lib/engine/coverage.ts";
import {SERVING_STATUSES} from "../src/lib/facility-types.ts";
import {computeMetrics, type RegionMetrics} from "../src/lib/plan/metrics.ts";
import {itemStatuses, projectSummaries, type ItemStatus, type ProjectSummary} from "../src/lib/plan/projects.ts";
import {mergeRadii} from "../src/lib/engine/radii.ts";
import {rankingWeights, rankUnits, type Criterion, type RankRow} from "../src/lib/plan/ranking.ts";
import {judgeTargets, referenceTargets, type JudgedTarget} from "../src/lib/plan/milestones.ts";
import {populationRule} from "../src/lib/engine/population.ts";
import {metricsAsOf, networkAsOf, withProjectCompletion} from "../src/lib/engine/timeline.ts";
import type {FacilityStatus, Measure, RadiusTable} from "../src/lib/types.ts";
import {loadRegion, type Region} from "./region.ts";
import type {LoadReport} from "./report.ts";

/** Facilities that serve older people (src/lib/facility-types.ts). */
export const SERVING: readonly FacilityStatus[] = SERVING_STATUSES;

export const MEASURE: Measure = "pop60";

export interface SiteData {
  region: Region;
  report: LoadReport;
  radii: RadiusTable;
  engine: CoverageEngine;
  metrics: RegionMetrics;
  /** one card per target and unit (duplicates merged), judged in time */
  statuses: JudgedTarget[];
  items: ItemStatus[];
  projects: ProjectSummary[];
  /** each township's bed gap against its county's bed standard */
  bedGaps: BedGap[];
  /** every county's bed standard (its beds_per_1000_60 target, else GB 50437's 40) */
  bedStandards: Record<string, BedStandard>;
  /** ranking weights from the region config */
  weights: Record<Criterion, number>;
  /** the township ranking of each county, beds normalised by the county's bed standard */
  ranking: Record<string, RankRow[]>;
  /** the date targets and projects are evaluated on */
  evaluationDate: string;
  /** metrics as of any date (timeline.ts; memoised): recorded up to the data date, the plan after it */
  metricsAt: (date: string) => RegionMetrics;
}

/** The region folder the build uses. */
export function regionFolder(): string {
  return resolve(process.env.CARECIRCLE_REGION ?? "data/default");
}

/** Log to stderr (stdout is the artifact). */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

let cached: Promise<SiteData> | undefined;

/** Load and compute once per process. Throws (loader fails) when the region has file-level errors. */
export function siteData(): Promise<SiteData> {
  return (cached ??= compute(regionFolder()));
}

/** The site data of another region folder (not cached; tests building a second region, e.g. the roads example). */
export function siteDataOf(folder: string): Promise<SiteData> {
  return compute(resolve(folder));
}

async function compute(folder: string): Promise<SiteData> {
  const t0 = performance.now();
  const {region, report} = await loadRegion(folder);
  const fileErrors = [...report.errors, ...report.files.flatMap((f) => f.errors.map((e) => `${f.path}: ${e}`))];
  if (fileErrors.length) throw new Error(`Region ${folder} cannot be built:\n  ${fileErrors.join("\n  ")}\nRun: npm run data:check -- ${folder}`);
  const rejected = report.files.reduce((n, f) => n + f.rejected.length, 0);
  if (rejected) log(`warning: ${rejected} row(s) rejected — see the data-quality page or npm run data:check -- ${folder}`);
  // a facility under construction or planned with no expected completion takes its project's (timeline.ts)
  region.facilities = withProjectCompletion(region.facilities, region.projects).facilities;
  const radii = mergeRadii(region.config.radii as Parameters<typeof mergeRadii>[0]);
  const evaluationDate = region.meta.data_date;
  // the network on the data date: a facility that closed by then, or opens after it, does not serve (timeline.ts)
  const today = networkAsOf(region.facilities, evaluationDate, evaluationDate);
  const engine = new CoverageEngine(region.villages, today, radii, {statuses: SERVING});
  const metrics = computeMetrics({...region, facilities: today}, engine.result(), {measure: MEASURE, statuses: SERVING, absent: region.meta.absent});
  // targets judged at their deadline (passed) or on the plan to it (ahead): src/lib/plan/milestones.ts
  // after the data date, per-older-person figures divide by the projected older population (population.ts)
  const population = populationRule(region.config);
  const asOf = new Map<string, RegionMetrics>([[evaluationDate, metrics]]);
  const metricsAt = (d: string): RegionMetrics => {
    let m = asOf.get(d);
    if (!m) asOf.set(d, (m = metricsAsOf(region, d, evaluationDate, radii, {measure: MEASURE, statuses: SERVING, population, absent: region.meta.absent})));
    return m;
  };
  const statuses = judgeTargets(
    region.targets,
    metricsAt,
    evaluationDate,
    {reference: referenceTargets(region.config), population}
  );
  const items = itemStatuses(region.projects, evaluationDate);
  const projects = projectSummaries(items);
  const {gaps: bedGaps, standards: bedStandards} = regionBedGaps(metrics.townships, region.targets, region.counties.map((c) => c.code));
  const weights = withoutUnavailable(rankingWeights(region.config.ranking_weights), metrics);
  const ranking = Object.fromEntries(
    region.counties.map((c) => [c.code, rankUnits(metrics.townships.filter((t) => t.county_code === c.code), weights, {bedsPer1000: bedStandards[c.code].per1000})])
  );
  log(`region ${region.meta.name}: ${region.villages.length} villages, ${region.facilities.length} facilities, ${statuses.length} target results (${Math.round(performance.now() - t0)} ms)`);
  return {region, report, radii, engine, metrics, statuses, items, projects, bedGaps, bedStandards, weights, ranking, evaluationDate, metricsAt};
}

/**
 * A ranking criterion built on a figure the region does not provide (region.json "absent") is left out (weight 0),
 * never scored from zeros; when nothing is left, coverage alone ranks.
 */
function withoutUnavailable(weights: Record<Criterion, number>, metrics: RegionMetrics): Record<Criterion, number> {
  const unavailable = metrics.townships[0]?.unavailable ?? {};
  const needs: Partial<Record<Criterion, string>> = {beds: "beds_per_1000_60", meals: "meal_seat_ratio"};
  const out = {...weights};
  for (const [k, metric] of Object.entries(needs) as [Criterion, string][]) {
    if (unavailable[metric] !== undefined && out[k] > 0) {
      log(`ranking: criterion ${k} left out (${unavailable[metric]} not provided)`);
      out[k] = 0;
    }
  }
  return Object.values(out).some((w) => w > 0) ? out : {...out, coverage: 1};
}

/** The JSON text the site prints: non-integers rounded to 6 decimals (≈ 0.1 m in degrees). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v));
}

/** Print an artifact as JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value));
}
