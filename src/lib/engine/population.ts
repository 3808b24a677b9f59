/**
 * Projected demand: the older population of a future date, for targets per older person (beds per 1 000 aged
 * 60+, meal seats per 65+, social workers per 1 000 older people) judged in a future year.
 *
 * Rule (docs/targets.md, "Projected demand"): the region's population figures are those of the data date; on a
 * date d after it each village's pop60, pop65, pop80 (and disabled, alone, with pop60) are multiplied by
 * (1 + annual growth)^(years from the data date to d), years = days / 365.25. The growth rates and their source
 * come from `region.json` `config.population_projection`:
 *   {"annual_growth": {"pop60": 0.04, "pop65": 0.044, "pop80": 0.04}, "source": "…", "modelled": true}
 * Without it, every date uses the data date's population. Dates on or before the data date are never scaled.
 */
import type {Village} from "../types.js";

export interface PopulationRule {
  annual_growth: {pop60: number; pop65: number; pop80: number};
  source: string;
  /** true when the rates are an assumption rather than the region's own projection */
  modelled: boolean;
}

/** Indicators whose value depends on how many older people there are (the others are shares of them or counts). */
export const PER_OLDER_PERSON: ReadonlySet<string> = new Set([
  "beds_per_1000_60",
  "nursing_beds_per_1000_60",
  "meal_seat_share_65",
  "meal_seat_ratio",
  "social_workers_per_1000_older",
  "facilities_per_1000_older",
  "uncovered_people"
]);

/** The rule of a region config, undefined when it sets none; throws on a malformed one. */
export function populationRule(config: Record<string, unknown> | undefined): PopulationRule | undefined {
  const v = config?.population_projection;
  if (v === undefined || v === null) return undefined;
  const bad = (why: string) => new Error(`region.json: config.population_projection: ${why}`);
  if (typeof v !== "object" || Array.isArray(v)) throw bad("expected an object {annual_growth, source}");
  const o = v as Record<string, unknown>;
  const g = o.annual_growth as Record<string, unknown> | undefined;
  if (!g || typeof g !== "object") throw bad("annual_growth is missing");
  const rate = (k: "pop60" | "pop65" | "pop80"): number => {
    const x = g[k];
    if (typeof x !== "number" || !Number.isFinite(x) || x <= -0.5 || x >= 0.5) throw bad(`annual_growth.${k}: expected a yearly rate such as 0.04 (4 %), found ${JSON.stringify(x)}`);
    return x;
  };
  if (typeof o.source !== "string" || !o.source.trim()) throw bad("source is required: say where the growth rates come from");
  return {annual_growth: {pop60: rate("pop60"), pop65: rate("pop65"), pop80: rate("pop80")}, source: o.source, modelled: o.modelled !== false};
}

const DAY = 86_400_000;

/** Years from `from` to `to` (ISO dates), days / 365.25; 0 when `to` is not after `from`. */
export function yearsBetween(from: string, to: string): number {
  const d = (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY;
  return d > 0 ? d / 365.25 : 0;
}

/** The villages with their older population projected from `dataDate` to `date` (unchanged on or before it). */
export function projectVillages(villages: readonly Village[], rule: PopulationRule, dataDate: string, date: string): readonly Village[] {
  const years = yearsBetween(dataDate, date);
  if (years === 0) return villages;
  const f = (r: number) => (1 + r) ** years;
  const [f60, f65, f80] = [f(rule.annual_growth.pop60), f(rule.annual_growth.pop65), f(rule.annual_growth.pop80)];
  return villages.map((v) => ({...v, pop60: v.pop60 * f60, pop65: v.pop65 * f65, pop80: v.pop80 * f80, disabled: v.disabled * f60, alone: v.alone * f60}));
}
