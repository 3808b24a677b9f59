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

/**
 * Weight served by `sites` under capacities, written apart from siting.ts: a dense network (source → site at its
 * capacity, site → point unbounded where it reaches, point → sink at its weight) and Ford–Fulkerson with depth-first
 * augmenting paths over an adjacency matrix. Meant for integer weights and capacities (exact then).
 */
export function maxFlowServed(problem: CoveringProblem, sites: readonly number[]): number {
  const chosen = [...new Set(sites)];
  const m = problem.weights.length;
  const n = 2 + chosen.length + m; // 0 source, 1 sink, 2.. sites, then points
  const c = Array.from({length: n}, () => new Array<number>(n).fill(0));
  chosen.forEach((j, a) => {
    c[0][2 + a] = problem.capacity![j];
    for (const i of problem.cover[j]) c[2 + a][2 + chosen.length + i] = Infinity;
  });
  for (let i = 0; i < m; i++) c[2 + chosen.length + i][1] = problem.weights[i];
  let total = 0;
  for (;;) {
    const seen = new Array<boolean>(n).fill(false);
    const dfs = (u: number, room: number): number => {
      if (u === 1) return room;
      seen[u] = true;
      for (let v = 0; v < n; v++) {
        if (seen[v] || c[u][v] <= 0) continue;
        const got = dfs(v, Math.min(room, c[u][v]));
        if (got > 0) {
          c[u][v] -= got;
          c[v][u] += got;
          return got;
        }
      }
      return 0;
    };
    const got = dfs(0, Infinity);
    if (got <= 0) return total;
    total += got;
  }
}

/** Best weight served over all feasible sets of at most k candidates (enumeration, {@link maxFlowServed}). */
export function bruteForceServed(problem: CoveringProblem): {served: number; sites: number[]} {
  let best = {served: 0, sites: [] as number[]};
  for (const set of subsets(problem.cover.length, problem.k)) {
    if (!isFeasible(problem, set)) continue;
    const served = maxFlowServed(problem, set);
    if (served > best.served) best = {served, sites: set};
  }
  return best;
}
