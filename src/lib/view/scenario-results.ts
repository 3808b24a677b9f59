/**
 * The explorer's results table, per township: before (the original data) and after (the scenario) — older people by
 * the measure shown, covered by any service circle, the change, and the covered shares — for the "下载各乡镇结果" CSV.
 * Counted village by village with the engine's own rule (`coveredByAny`), by the measure chosen (the what-if
 * session's metrics rows are by 60+ whatever the measure, as the build's targets are). In a region with roads, the
 * same people covered over the roads in the explorer's network tier, before and after. Pure.
 */
import {coveredByAny, type CoverageResult} from "../engine/coverage.js";
import type {Measure, Village} from "../types.js";

export const MEASURE_NAME: Readonly<Record<Measure, string>> = {pop60: "60岁以上老人", pop65: "65岁以上老人", pop80: "80岁以上老人", disabled: "失能半失能老人"};

export type ScenarioRow = Record<string, string | number | null>;

/**
 * One row per township (in `townships` order) of the villages `villageIdx` (indices into `villages`, which both
 * coverage results index alike).
 * @example scenarioTownshipRows(region.villages, view.villageIdx, before.coverage, view.coverage, townships, "pop65")
 */
export function scenarioTownshipRows(
  villages: readonly Village[],
  villageIdx: readonly number[],
  before: CoverageResult,
  after: CoverageResult,
  townships: readonly {code: string; name: string; county_code: string}[],
  measure: Measure,
  countyName: (code: string) => string = (c) => c,
  network?: ScenarioNetwork
): ScenarioRow[] {
  const sums = new Map<string, {people: number; was: number; now: number; netWas: number; netNow: number}>();
  for (const i of villageIdx) {
    const v = villages[i];
    const w = v[measure] ?? 0;
    const s = sums.get(v.township_code) ?? {people: 0, was: 0, now: 0, netWas: 0, netNow: 0};
    s.people += w;
    if (coveredByAny(before, i)) s.was += w;
    if (coveredByAny(after, i)) s.now += w;
    if (network?.before[i]) s.netWas += w;
    if (network?.after[i]) s.netNow += w;
    sums.set(v.township_code, s);
  }
  const who = MEASURE_NAME[measure];
  return townships.map((t) => {
    const s = sums.get(t.code) ?? {people: 0, was: 0, now: 0, netWas: 0, netNow: 0};
    const share = (n: number) => (s.people > 0 ? n / s.people : null);
    return {
      乡镇代码: t.code,
      乡镇: t.name,
      县区: countyName(t.county_code),
      [`${who}（人）`]: s.people,
      原覆盖人数: s.was,
      现覆盖人数: s.now,
      变化: s.now - s.was,
      原覆盖率: share(s.was),
      现覆盖率: share(s.now),
      ...(network
        ? {
            [`${network.label}原覆盖人数`]: s.netWas,
            [`${network.label}现覆盖人数`]: s.netNow,
            [`${network.label}原覆盖率`]: share(s.netWas),
            [`${network.label}现覆盖率`]: share(s.netNow)
          }
        : {})
    };
  });
}

/**
 * A region with roads: each village's coverage over the roads in one tier before and after (1: within the tier's
 * threshold), and the column prefix naming the tier, mode and threshold, e.g. "路网村/社区级步行15分钟".
 */
export interface ScenarioNetwork {
  label: string;
  before: ArrayLike<number>;
  after: ArrayLike<number>;
}
