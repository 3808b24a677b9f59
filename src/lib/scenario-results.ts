/**
 * The explorer's results table, per township: before (the original data) and after (the scenario) — older people by
 * the measure shown, covered by any service circle, the change, and the covered shares — for the "下载各乡镇结果" CSV.
 * Pure; rows in the order of `after` (the view's townships).
 */
import type {Measure} from "./types.js";

/** The township figures the table reads (src/lib/metrics.ts UnitMetrics). */
export interface TownshipCoverage {
  code: string;
  name: string;
  county_code: string;
  people: number;
  covered_any: number;
  covered_any_share: number | null;
}

export const MEASURE_NAME: Readonly<Record<Measure, string>> = {pop60: "60岁以上老人", pop65: "65岁以上老人", pop80: "80岁以上老人", disabled: "失能半失能老人"};

export type ScenarioRow = Record<string, string | number | null>;

/**
 * One row per township of `after`, with its `before` figures (a township missing from `before` reads null there).
 * @example scenarioTownshipRows(original.view(s, m).metrics.townships, session.view(s, m).metrics.townships, m, countyName)
 */
export function scenarioTownshipRows(
  before: readonly TownshipCoverage[],
  after: readonly TownshipCoverage[],
  measure: Measure,
  countyName: (code: string) => string = (c) => c
): ScenarioRow[] {
  const was = new Map(before.map((t) => [t.code, t]));
  const who = MEASURE_NAME[measure];
  return after.map((t) => {
    const b = was.get(t.code);
    return {
      乡镇代码: t.code,
      乡镇: t.name,
      县区: countyName(t.county_code),
      [`${who}（人）`]: t.people,
      原覆盖人数: b ? b.covered_any : null,
      现覆盖人数: t.covered_any,
      变化: b ? t.covered_any - b.covered_any : null,
      原覆盖率: b ? b.covered_any_share : null,
      现覆盖率: t.covered_any_share
    };
  });
}
