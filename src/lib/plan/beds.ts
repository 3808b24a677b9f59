/**
 * Beds and cost: per township, the institution-bed gap against a target (beds per 1 000 residents aged 60+),
 * the beds suggested for new township centres, their floor area and the subsidy they cost.
 * Every parameter is configurable; the defaults say where they come from. The bed standard of a county comes from
 * the region's own `beds_per_1000_60` target when it has one ({@link bedStandard}).
 */
import type {Target} from "../types.js";

/** Parameters of the bed plan. */
export interface BedParams {
  /** Target institution beds per 1 000 residents aged 60+. */
  bedsPer1000: number;
  /** Most beds a new or rebuilt township centre gets. */
  maxBedsPerCentre: number;
  /** Floor area per bed in m². */
  areaPerBedM2: number;
  /** Subsidy per new bed in yuan. */
  subsidyPerBedYuan: number;
}

/** Defaults with their sources. */
export const DEFAULT_BED_PARAMS: Readonly<BedParams> = Object.freeze({
  bedsPer1000: 40, // GB 50437-2007 (2018 ed.) §3.2.1: ≥ 40 beds per 1 000 residents aged 60+
  maxBedsPerCentre: 30, // seed 001 (利通区 2023–2025): new or rebuilt township centres ≤ 30 beds
  areaPerBedM2: 35, // GB 50437 table 3.2.4: ≥ 35 m² per bed; seed 001 allows 30–40 m² for township centres
  subsidyPerBedYuan: 120_000 // seed 001: 120 000 yuan subsidy per bed of a new township centre
});

/** The bed standard a county is held to: beds per 1 000 aged 60+, and where that figure comes from. */
export interface BedStandard {
  per1000: number;
  /** id of the region's target that sets it, null for the GB 50437 default */
  target_id: string | null;
  source: string;
}

/** The indicator of a bed target in the targets file (see targets.ts). */
export const BED_INDICATOR = "beds_per_1000_60";
const DEFAULT_SOURCE = "GB 50437-2007（2018年版）§3.2.1（默认标准，地区目标表中未设床位目标）";

/**
 * The bed standard of a county: the strictest `beds_per_1000_60 >= x` (or `> x`) target of the region that applies
 * to it (county scope, its own code or "*"), else the GB 50437 default of 40.
 * @example bedStandard(region.targets, "640302") // → {per1000: 40, target_id: "T001", source: "GB 50437…"}
 */
export function bedStandard(targets: readonly Pick<Target, "id" | "indicator" | "scope" | "scope_code" | "comparator" | "threshold" | "source">[], countyCode: string): BedStandard {
  let best: BedStandard | undefined;
  for (const t of targets) {
    if (t.indicator !== BED_INDICATOR || t.scope !== "county" || (t.comparator !== ">=" && t.comparator !== ">")) continue;
    if (t.scope_code !== countyCode && t.scope_code !== "*") continue;
    if (!best || t.threshold > best.per1000) best = {per1000: t.threshold, target_id: t.id, source: t.source};
  }
  return best ?? {per1000: DEFAULT_BED_PARAMS.bedsPer1000, target_id: null, source: DEFAULT_SOURCE};
}

/**
 * Bed gaps of every township, each against its county's standard ({@link bedStandard}).
 * @param counties county codes whose standard is wanted even without a township (e.g. every county of the region)
 * @returns the gaps (none for a township whose beds are null: not provided), and the standard of each county named or having a township
 */
export function regionBedGaps(
  townships: readonly {code: string; county_code: string; pop60: number; beds: number | null}[],
  targets: Parameters<typeof bedStandard>[0],
  counties: readonly string[] = []
): {gaps: BedGap[]; standards: Record<string, BedStandard>} {
  const standards: Record<string, BedStandard> = Object.fromEntries(counties.map((c) => [c, bedStandard(targets, c)]));
  // a township whose beds are not provided (null: region.json "absent") has no gap: it is unknown, not the whole target
  const gaps = townships.flatMap((t) => {
    const std = (standards[t.county_code] ??= bedStandard(targets, t.county_code));
    return t.beds === null ? [] : bedGaps([{township_code: t.code, pop60: t.pop60, beds: t.beds}], {bedsPer1000: std.per1000});
  });
  return {gaps, standards};
}

/** Existing beds and older population of one township. */
export interface TownshipBeds {
  township_code: string;
  /** Residents aged 60+. */
  pop60: number;
  /** Existing institution beds. */
  beds: number;
}

/** A township's bed gap. */
export interface BedGap extends TownshipBeds {
  /** The standard used: beds per 1 000 aged 60+. */
  standard: number;
  /** Beds needed to meet the target: ⌈pop60 × bedsPer1000 / 1 000⌉. */
  target: number;
  /** max(0, target − beds). */
  gap: number;
  /** Existing beds per 1 000 aged 60+, null when pop60 is 0. */
  per1000: number | null;
}

/** Beds, floor area and cost of one new centre. */
export interface CentrePlan {
  beds: number;
  areaM2: number;
  costYuan: number;
}

/** New centres of one township and the gap they leave. */
export interface TownshipBedPlan {
  township_code: string;
  gap: number;
  centres: CentrePlan[];
  /** Totals over the township's new centres. */
  beds: number;
  areaM2: number;
  costYuan: number;
  /** Gap left after the new centres (the ≤ 30 cap can leave some). */
  remainingGap: number;
}

function params(overrides: Partial<BedParams>): BedParams {
  const p = {...DEFAULT_BED_PARAMS, ...overrides};
  for (const [key, value] of Object.entries(p)) {
    if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${key} must be finite and ≥ 0, got ${value}`);
  }
  return p;
}

/**
 * Beds a township needs: ⌈pop60 × bedsPer1000 / 1 000⌉.
 * @param pop60 residents aged 60+
 * @param overrides parameters replacing the defaults
 * @example bedTarget(2345) // → 94 (93.8 rounded up)
 */
export function bedTarget(pop60: number, overrides: Partial<BedParams> = {}): number {
  const exact = (pop60 * params(overrides).bedsPer1000) / 1000;
  return Math.max(0, Math.ceil(exact - 1e-9)); // 1e-9: a product like 40.000000000001 stays 40
}

/**
 * Bed gap of each township against the target.
 * @param townships older population and existing beds per township
 * @param overrides parameters replacing the defaults
 * @example bedGaps([{township_code: "640302100", pop60: 2345, beds: 50}])
 *   // → [{…, target: 94, gap: 44, per1000: 21.3…}]
 */
export function bedGaps(townships: readonly TownshipBeds[], overrides: Partial<BedParams> = {}): BedGap[] {
  const standard = params(overrides).bedsPer1000;
  return townships.map((t) => {
    const target = bedTarget(t.pop60, overrides);
    return {...t, standard, target, gap: Math.max(0, target - t.beds), per1000: t.pop60 > 0 ? (t.beds * 1000) / t.pop60 : null};
  });
}

/**
 * Floor area and subsidy of a new centre with a given number of beds.
 * @param beds beds of the centre (integer ≥ 0)
 * @param overrides parameters replacing the defaults
 * @example centrePlan(30) // → {beds: 30, areaM2: 1050, costYuan: 3600000}
 */
export function centrePlan(beds: number, overrides: Partial<BedParams> = {}): CentrePlan {
  if (!Number.isInteger(beds) || beds < 0) throw new RangeError(`beds must be an integer ≥ 0, got ${beds}`);
  const p = params(overrides);
  return {beds, areaM2: beds * p.areaPerBedM2, costYuan: beds * p.subsidyPerBedYuan};
}

/**
 * Beds suggested for each of `count` new centres in a township: the gap shared as evenly as possible, each
 * centre capped at `maxBedsPerCentre`.
 * @param gap the township's bed gap
 * @param count number of new centres planned there
 * @param overrides parameters replacing the defaults
 * @example suggestedBeds(44, 2) // → [22, 22];  suggestedBeds(44, 1) // → [30]
 */
export function suggestedBeds(gap: number, count: number, overrides: Partial<BedParams> = {}): number[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer ≥ 0, got ${count}`);
  if (count === 0) return [];
  const total = Math.min(Math.max(0, Math.ceil(gap)), count * Math.floor(params(overrides).maxBedsPerCentre));
  const base = Math.floor(total / count);
  return Array.from({length: count}, (_, i) => base + (i < total % count ? 1 : 0));
}

/**
 * Plan the new centres of one township: suggested beds, floor area, cost and the gap left.
 * @param gap the township's bed gap (from {@link bedGaps})
 * @param count number of new centres planned in it (e.g. chosen by siting)
 * @param overrides parameters replacing the defaults
 */
export function planTownship(gap: BedGap, count: number, overrides: Partial<BedParams> = {}): TownshipBedPlan {
  const centres = suggestedBeds(gap.gap, count, overrides).map((beds) => centrePlan(beds, overrides));
  const beds = centres.reduce((a, c) => a + c.beds, 0);
  return {
    township_code: gap.township_code,
    gap: gap.gap,
    centres,
    beds,
    areaM2: centres.reduce((a, c) => a + c.areaM2, 0),
    costYuan: centres.reduce((a, c) => a + c.costYuan, 0),
    remainingGap: gap.gap - beds
  };
}
