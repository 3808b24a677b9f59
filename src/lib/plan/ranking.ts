/**
 * Township ranking (量化排名, seed 002): a weighted score of a few normalised figures, weights from the region
 * config (`config.ranking_weights`), shown beside the ranking so a leader can see how it was made.
 *
 * Each criterion is normalised to [0, 1]:
 * - coverage: share of older people inside some service circle (`covered_any_share`);
 * - beds: beds per 1 000 aged 60+ divided by the county's bed standard (its beds_per_1000_60 target, else the
 *   40-bed GB 50437 default; see `bedStandard` in beds.ts), capped at 1;
 * - stations: share of villages/communities with a station (`station_share`);
 * - centre: 1 when the township has a comprehensive centre, else 0;
 * - meals: meal seats against 5 % of 65+ (`meal_seat_ratio`), capped at 1.
 * A figure that cannot be computed counts 0. Score = Σ wₖ·xₖ / Σ wₖ × 100. Ties share a rank.
 */
import {DEFAULT_BED_PARAMS} from "./beds.js";
import type {UnitMetrics} from "./metrics.js";

/** What a criterion needs beyond the unit's own row. */
export interface RankContext {
  /** the bed standard the beds criterion is normalised by (beds per 1 000 aged 60+) */
  bedsPer1000: number;
}

export const CRITERIA = {
  coverage: {label: "服务覆盖率", value: (r: UnitMetrics) => r.covered_any_share ?? 0},
  beds: {label: "千人床位（对标床位标准）", value: (r: UnitMetrics, c: RankContext) => (c.bedsPer1000 > 0 ? Math.min(1, (r.beds_per_1000_60 ?? 0) / c.bedsPer1000) : 1)},
  stations: {label: "村（社区）站点覆盖", value: (r: UnitMetrics) => r.station_share ?? 0},
  centre: {label: "有综合养老服务中心", value: (r: UnitMetrics) => (r.townships_with_centre > 0 ? 1 : 0)},
  meals: {label: "助餐座位（对标65岁以上5%）", value: (r: UnitMetrics) => Math.min(1, r.meal_seat_ratio ?? 0)}
} as const satisfies Record<string, {label: string; value: (r: UnitMetrics, c: RankContext) => number}>;

export type Criterion = keyof typeof CRITERIA;

export const DEFAULT_WEIGHTS: Readonly<Record<Criterion, number>> = {coverage: 0.4, beds: 0.3, stations: 0.3, centre: 0, meals: 0};

export interface RankRow {
  rank: number;
  code: string;
  name: string;
  county_code: string;
  score: number;
  parts: Record<Criterion, number>;
}

/** Weights from a region config: known criteria only, defaults when none is given. */
export function rankingWeights(config: Record<string, number> | undefined): Record<Criterion, number> {
  const keys = Object.keys(CRITERIA) as Criterion[];
  const given = keys.filter((k) => typeof config?.[k] === "number");
  if (given.length === 0) return {...DEFAULT_WEIGHTS};
  return Object.fromEntries(keys.map((k) => [k, config?.[k] ?? 0])) as Record<Criterion, number>;
}

/**
 * Rank units (usually the townships of one county) by weighted score, best first.
 * @param context the county's bed standard (default: GB 50437's 40)
 * @example rankUnits(metrics.townships.filter((t) => t.county_code === "500120"), {coverage: 1})
 */
export function rankUnits(rows: readonly UnitMetrics[], weights: Partial<Record<Criterion, number>>, context: RankContext = {bedsPer1000: DEFAULT_BED_PARAMS.bedsPer1000}): RankRow[] {
  const keys = Object.keys(CRITERIA) as Criterion[];
  for (const k of keys) if ((weights[k] ?? 0) < 0) throw new Error(`Ranking weight ${k} must be ≥ 0, found ${weights[k]}`);
  const total = keys.reduce((s, k) => s + (weights[k] ?? 0), 0);
  if (!(total > 0)) throw new Error(`Ranking weights must add up to more than 0, found ${JSON.stringify(weights)}`);
  const scored = rows.map((r) => {
    const parts = Object.fromEntries(keys.map((k) => [k, CRITERIA[k].value(r, context)])) as Record<Criterion, number>;
    const score = (100 * keys.reduce((s, k) => s + (weights[k] ?? 0) * parts[k], 0)) / total;
    return {rank: 0, code: r.code, name: r.name, county_code: r.county_code, score, parts};
  });
  scored.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  scored.forEach((row, i) => (row.rank = i > 0 && Math.abs(row.score - scored[i - 1].score) < 1e-9 ? scored[i - 1].rank : i + 1));
  return scored;
}
