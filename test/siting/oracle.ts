/**
 * Slow, obviously correct references for the siting tests: enumeration of every feasible set and plain
 * (non-lazy) greedy.
 */
import {coverageOf, isFeasible} from "../../src/lib/siting/siting.ts";
import type {CoveringProblem} from "../../src/lib/siting/siting.ts";

/** Every subset of 0..n-1 with at most `k` members, smallest first. */
export function* subsets(n: number, k: number, from = 0, prefix: number[] = []): Generator<number[]> {
  yield prefix;
  if (prefix.length === k) return;
  for (let j = from; j < n; j++) yield* subsets(n, k, j + 1, [...prefix, j]);
}

/** Best coverage over all feasible sets of at most k candidates (n choose ≤ k enumeration). */
export function bruteForce(problem: CoveringProblem): {covered: number; sites: number[]} {
  let best = {covered: 0, sites: [] as number[]};
  for (const set of subsets(problem.cover.length, problem.k)) {
    if (!isFeasible(problem, set)) continue;
    const covered = coverageOf(problem, set);
    if (covered > best.covered) best = {covered, sites: set};
  }
  return best;
}

/** Plain greedy by marginal gain, ties to the lower index, no limits other than k; stops at zero gain. */
export function naiveGreedy(problem: CoveringProblem): number[] {
  const chosen: number[] = [];
  while (chosen.length < problem.k) {
    let best = -1;
    let bestGain = 0;
    const base = coverageOf(problem, chosen);
    for (let j = 0; j < problem.cover.length; j++) {
      if (chosen.includes(j)) continue;
      const gain = coverageOf(problem, [...chosen, j]) - base;
      if (gain > bestGain) [best, bestGain] = [j, gain];
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen;
}
