/**
 * What a siting plan adds, in the two counts the pages show: the **tier gain** (older people of the county the
 * plan's tier newly reaches — what the siting optimiser maximises) and the **any-tier gain** (those of them no
 * facility of any tier reached before — what the explorer's 服务圈覆盖 figure moves by). The difference are people
 * already served by another tier. Computed from the siting problem's own cover lists and the coverage before the
 * plan, not by re-running the engine, so a test can hold the explorer's model to it. Pure.
 */
import {TIERS} from "../facility-types.js";
import type {CoverageResult} from "../engine/coverage.js";
import type {SitingProblem} from "./candidates.js";
import type {Measure, Village} from "../types.js";

export interface PlanGains {
  /** people newly reached by the plan's tier */
  tier: number;
  /** of those, people reached by no tier before */
  any: number;
  /** villages/communities behind each figure */
  tierVillages: number;
  anyVillages: number;
}

/**
 * @param posed the siting problem (demand = the county's villages the tier does not reach)
 * @param sites the chosen candidates (indices into posed.candidates)
 * @param before coverage of every village before the plan (the engine's result)
 * @example planGains(posed, greedy.sites, region.villages, engine.result(), "pop60") // {tier: 2318, any: 824, …}
 */
export function planGains(posed: SitingProblem, sites: readonly {candidate: number}[], villages: readonly Village[], before: CoverageResult, measure: Measure): PlanGains {
  const reached = new Set<number>();
  for (const s of sites) for (const k of posed.problem.cover[s.candidate] ?? []) reached.add(k);
  const out: PlanGains = {tier: 0, any: 0, tierVillages: 0, anyVillages: 0};
  for (const k of reached) {
    const i = posed.demand[k];
    const w = villages[i][measure];
    out.tier += w;
    out.tierVillages++;
    if (TIERS.every((t) => before.tiers[t].count[i] === 0)) {
      out.any += w;
      out.anyVillages++;
    }
  }
  return out;
}
