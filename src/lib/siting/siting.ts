/**
 * Maximal covering siting: choose up to k new sites among candidates so that the most (weighted) currently
 * uncovered older people fall within a service radius of a chosen site.
 *
 * The input is a plain covering problem, independent of the coverage engine: the caller gives the weight of
 * each uncovered demand point (villages already covered by an existing facility are left out, so existing
 * facilities are fixed) and, for each candidate, the indices of the demand points within its radius.
 * {@link buildCoverLists} builds those lists from coordinates.
 *
 * {@link greedySiting} is lazy greedy followed by 1-swap local search; `siting-exact.ts` solves the same
 * problem as a MIP with HiGHS and gives a bound on the optimum.
 */
import {haversine} from "../engine/geo.js";
import {pointGridOf} from "../engine/spatial.js";
import type {FacilityType, SettlementClass} from "../types.js";

/** A maximal covering problem. Indices of demand points and candidates are positions in these arrays. */
export interface CoveringProblem {
  /** Weight of each demand point (older people of an uncovered village, by the chosen measure); ≥ 0. */
  weights: ArrayLike<number>;
  /** For each candidate, the indices of the demand points within its service radius. */
  cover: readonly Int32Array[];
  /** Maximum number of sites to choose. */
  k: number;
  /** Cost of each candidate (e.g. yuan); only used with `budget`. Default 0 each. */
  cost?: ArrayLike<number>;
  /** Township code of each candidate; only used with `maxPerTownship`. */
  township?: readonly string[];
  /** At most this many chosen sites in one township. */
  maxPerTownship?: number;
  /** Total cost of the chosen sites at most this. */
  budget?: number;
  /**
   * Capacitated siting (issue 18): the weight each candidate can serve at most (beds, seats or older people of its
   * type). With it the objective is the weight *served* — the maximum flow from the chosen sites to the demand points
   * they reach, each site sending at most its capacity, each point receiving at most its weight (a point may be
   * split between sites) — instead of the weight covered. See {@link servedWeight}.
   */
  capacity?: ArrayLike<number>;
  /**
   * With `capacity` only: covering weights that break ties between sets serving the same (within rounding) — the set
   * covering more of these weights wins. Capacities often bind everywhere (every site serves exactly its capacity), and
   * then this picks, among the sets serving the most, one covering more people instead of the lowest-numbered sites.
   */
  tieWeights?: ArrayLike<number>;
}

/** One chosen site with what it adds. */
export interface SiteChoice {
  /** Index of the candidate. */
  candidate: number;
  /** Weight it covers that the sites ranked before it do not (its marginal gain). */
  gain: number;
  /** Its cost (0 when the problem has no costs). */
  cost: number;
}

/** Result of {@link greedySiting}. */
export interface SitingResult {
  /** Chosen sites, ranked: each site's gain is given the sites before it, so gains sum to `covered`. */
  sites: SiteChoice[];
  /** Total weight covered by the chosen sites. */
  covered: number;
  /** Weight covered by plain greedy before the swap search. */
  greedyCovered: number;
  /** Sum of all weights (coverable or not). */
  totalWeight: number;
  /** Total cost of the chosen sites. */
  cost: number;
  /** Work done: marginal-gain evaluations, local-search passes and improving moves applied. */
  iterations: {evaluations: number; swapPasses: number; swaps: number};
}

/** Options of {@link greedySiting}. */
export interface GreedyOptions {
  /** Run the 1-swap local search after greedy (default true). */
  swap?: boolean;
  /** Stop the swap search after this many improving swaps (default 10 000). */
  maxSwaps?: number;
}

/** Internal normalized problem: typed arrays, township indices, limits as numbers. */
interface Normalized {
  w: Float64Array;
  cover: readonly Int32Array[];
  /** coveredBy[i]: candidates covering demand point i (inverse of `cover`). */
  coveredBy: Int32Array[];
  cost: Float64Array;
  town: Int32Array; // -1 = no township
  nTowns: number;
  k: number;
  maxPerTown: number;
  budget: number;
}

/** Mutable selection state shared by greedy and swap. */
interface State {
  count: Int32Array; // chosen sites covering each demand point
  chosen: Uint8Array;
  sites: number[];
  townCount: Int32Array;
  spent: number;
}

/**
 * Check a covering problem and throw a RangeError naming the first bad value.
 * @param problem the problem to check
 */
export function validateProblem(problem: CoveringProblem): void {
  const {weights, cover, k, cost, township, maxPerTownship, budget} = problem;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw new RangeError(`weights[${i}] must be finite and ≥ 0, got ${weights[i]}`);
  }
  for (let j = 0; j < cover.length; j++) {
    for (const i of cover[j]) {
      if (i < 0 || i >= weights.length) throw new RangeError(`cover[${j}] holds ${i}, outside 0..${weights.length - 1}`);
    }
  }
  if (cost && cost.length !== cover.length) throw new RangeError(`cost has ${cost.length} entries for ${cover.length} candidates`);
  if (cost) for (let j = 0; j < cost.length; j++) {
    if (!(cost[j] >= 0) || !Number.isFinite(cost[j])) throw new RangeError(`cost[${j}] must be finite and ≥ 0, got ${cost[j]}`);
  }
  if (township && township.length !== cover.length) throw new RangeError(`township has ${township.length} entries for ${cover.length} candidates`);
  if (maxPerTownship !== undefined && (!Number.isInteger(maxPerTownship) || maxPerTownship < 0)) {
    throw new RangeError(`maxPerTownship must be a non-negative integer, got ${maxPerTownship}`);
  }
  if (maxPerTownship !== undefined && !township) throw new RangeError("maxPerTownship needs township of each candidate");
  if (budget !== undefined && !(budget >= 0)) throw new RangeError(`budget must be ≥ 0, got ${budget}`);
  const {capacity} = problem;
  if (capacity && capacity.length !== cover.length) throw new RangeError(`capacity has ${capacity.length} entries for ${cover.length} candidates`);
  if (capacity) for (let j = 0; j < capacity.length; j++) {
    if (!(capacity[j] >= 0) || !Number.isFinite(capacity[j])) throw new RangeError(`capacity[${j}] must be finite and ≥ 0, got ${capacity[j]}`);
  }
  const {tieWeights} = problem;
  if (tieWeights && tieWeights.length !== weights.length) throw new RangeError(`tieWeights has ${tieWeights.length} entries for ${weights.length} demand points`);
  if (tieWeights) for (let i = 0; i < tieWeights.length; i++) {
    if (!(tieWeights[i] >= 0) || !Number.isFinite(tieWeights[i])) throw new RangeError(`tieWeights[${i}] must be finite and ≥ 0, got ${tieWeights[i]}`);
  }
}

/** Inverse of the cover lists: for each demand point, the candidates covering it. */
export function invertCover(cover: readonly Int32Array[], nDemand: number): Int32Array[] {
  const sizes = new Int32Array(nDemand);
  for (const list of cover) for (const i of list) sizes[i]++;
  const out = Array.from(sizes, (n) => new Int32Array(n));
  sizes.fill(0);
  cover.forEach((list, j) => {
    for (const i of list) out[i][sizes[i]++] = j;
  });
  return out;
}

function normalize(problem: CoveringProblem): Normalized {
  validateProblem(problem);
  const n = problem.cover.length;
  const townIndex = new Map<string, number>();
  const town = new Int32Array(n).fill(-1);
  if (problem.township && problem.maxPerTownship !== undefined) {
    problem.township.forEach((code, j) => {
      if (!townIndex.has(code)) townIndex.set(code, townIndex.size);
      town[j] = townIndex.get(code)!;
    });
  }
  return {
    w: Float64Array.from(problem.weights),
    cover: problem.cover,
    coveredBy: invertCover(problem.cover, problem.weights.length),
    cost: problem.cost ? Float64Array.from(problem.cost) : new Float64Array(n),
    town,
    nTowns: townIndex.size,
    k: problem.k,
    maxPerTown: problem.maxPerTownship ?? Infinity,
    budget: problem.budget ?? Infinity
  };
}

function emptyState(p: Normalized): State {
  return {
    count: new Int32Array(p.w.length),
    chosen: new Uint8Array(p.cover.length),
    sites: [],
    townCount: new Int32Array(p.nTowns),
    spent: 0
  };
}

/** Budget comparisons allow a relative rounding slack, so sums of yuan amounts compare as expected. */
function withinBudget(spent: number, budget: number): boolean {
  return spent <= budget + 1e-9 * Math.max(1, Math.abs(budget));
}

function canAdd(p: Normalized, s: State, j: number): boolean {
  if (s.chosen[j] || s.sites.length >= p.k) return false;
  if (!withinBudget(s.spent + p.cost[j], p.budget)) return false;
  return p.town[j] < 0 || s.townCount[p.town[j]] < p.maxPerTown;
}

function canSwap(p: Normalized, s: State, out: number, into: number): boolean {
  if (s.chosen[into] || !withinBudget(s.spent - p.cost[out] + p.cost[into], p.budget)) return false;
  const t = p.town[into];
  if (t < 0) return true;
  return s.townCount[t] - (p.town[out] === t ? 1 : 0) < p.maxPerTown;
}

function add(p: Normalized, s: State, j: number): void {
  s.chosen[j] = 1;
  s.sites.push(j);
  s.spent += p.cost[j];
  if (p.town[j] >= 0) s.townCount[p.town[j]]++;
  for (const i of p.cover[j]) s.count[i]++;
}

function remove(p: Normalized, s: State, j: number): void {
  s.chosen[j] = 0;
  s.sites.splice(s.sites.indexOf(j), 1);
  s.spent -= p.cost[j];
  if (p.town[j] >= 0) s.townCount[p.town[j]]--;
  for (const i of p.cover[j]) s.count[i]--;
}

/** Weight of the points of candidate j not yet covered. */
function gainOf(p: Normalized, s: State, j: number): number {
  let g = 0;
  for (const i of p.cover[j]) if (s.count[i] === 0) g += p.w[i];
  return g;
}

/**
 * Binary max-heap of candidate ids by priority; ties go to the lower id so results are deterministic.
 */
class MaxHeap {
  private ids: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  push(id: number, key: number): void {
    this.ids.push(id);
    this.keys.push(key);
    this.up(this.ids.length - 1);
  }

  /** Remove and return the top id (undefined when empty). */
  pop(): number | undefined {
    const top = this.ids[0];
    const lastId = this.ids.pop()!;
    const lastKey = this.keys.pop()!;
    if (this.ids.length > 0) {
      this.ids[0] = lastId;
      this.keys[0] = lastKey;
      this.down(0);
    }
    return top;
  }

  peekKey(): number {
    return this.keys[0];
  }

  private above(a: number, b: number): boolean {
    return this.keys[a] > this.keys[b] || (this.keys[a] === this.keys[b] && this.ids[a] < this.ids[b]);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b], this.ids[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.ids.length && this.above(l, top)) top = l;
      if (r < this.ids.length && this.above(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }
}

type Rule = "gain" | "ratio";

function priority(rule: Rule, gain: number, cost: number): number {
  if (rule === "gain" || gain <= 0) return gain;
  return cost > 0 ? gain / cost : Infinity;
}

/**
 * Lazy greedy: add the candidate of highest priority (marginal gain, or gain per cost) while one fits the
 * limits and adds weight. Marginal gains only shrink as sites are added, so a stale heap key is an upper
 * bound and only the top needs re-evaluating. Returns the number of gain evaluations.
 */
function lazyGreedy(p: Normalized, s: State, rule: Rule): number {
  const heap = new MaxHeap();
  const stamp = new Int32Array(p.cover.length);
  let evaluations = 0;
  for (let j = 0; j < p.cover.length; j++) {
    if (!canAdd(p, s, j)) continue;
    heap.push(j, priority(rule, gainOf(p, s, j), p.cost[j]));
    evaluations++;
    stamp[j] = s.sites.length;
  }
  while (heap.size > 0 && s.sites.length < p.k && heap.peekKey() > 0) {
    const j = heap.pop()!;
    if (!canAdd(p, s, j)) continue; // budget and township room only shrink: drop it for good
    if (stamp[j] === s.sites.length) {
      add(p, s, j);
      continue;
    }
    heap.push(j, priority(rule, gainOf(p, s, j), p.cost[j]));
    evaluations++;
    stamp[j] = s.sites.length;
  }
  return evaluations;
}

/** Best improving swap (out of the chosen set, into it), or undefined. Uses the inverse cover lists. */
function bestSwap(p: Normalized, s: State, minDelta: number): {out: number; into: number} | undefined {
  const n = p.cover.length;
  const gain0 = new Float64Array(n);
  for (let j = 0; j < n; j++) if (!s.chosen[j]) gain0[j] = gainOf(p, s, j);
  const extra = new Float64Array(n);
  let best: {out: number; into: number} | undefined;
  let bestDelta = minDelta;
  for (const out of s.sites) {
    extra.fill(0);
    let loss = 0;
    for (const i of p.cover[out]) {
      if (s.count[i] !== 1) continue; // still covered by another site once `out` leaves
      loss += p.w[i];
      for (const j of p.coveredBy[i]) extra[j] += p.w[i];
    }
    for (let into = 0; into < n; into++) {
      const delta = gain0[into] + extra[into] - loss;
      if (delta > bestDelta && canSwap(p, s, out, into)) {
        bestDelta = delta;
        best = {out, into};
      }
    }
  }
  return best;
}

/** Sum of weights of points covered at least once. */
function coveredWeight(p: Normalized, s: State): number {
  let total = 0;
  for (let i = 0; i < p.w.length; i++) if (s.count[i] > 0) total += p.w[i];
  return total;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function cloneState(s: State): State {
  return {count: s.count.slice(), chosen: s.chosen.slice(), sites: [...s.sites], townCount: s.townCount.slice(), spent: s.spent};
}

/** Chosen sites to drop together: every single site, then every pair. */
function* dropSets(sites: readonly number[]): Generator<number[]> {
  for (const a of sites) yield [a];
  for (let i = 0; i < sites.length; i++) for (let j = i + 1; j < sites.length; j++) yield [sites[i], sites[j]];
}

/**
 * Drop one or two chosen sites and refill greedily (by gain and by gain per cost). Under a budget this trades
 * an expensive site for several cheap ones; under a township limit it moves two sites at once (one into the
 * township the other leaves), neither of which a 1-swap can do. Returns the first improving state found.
 */
function dropAndRefill(p: Normalized, s: State, covered: number, minDelta: number, iterations: SitingResult["iterations"]): State | undefined {
  for (const drop of dropSets(s.sites)) {
    for (const rule of ["gain", "ratio"] as const) {
      const next = cloneState(s);
      for (const j of drop) remove(p, next, j);
      for (const j of drop) next.chosen[j] = 1; // keep dropped sites from coming straight back
      iterations.evaluations += lazyGreedy(p, next, rule);
      for (const j of drop) next.chosen[j] = 0;
      if (coveredWeight(p, next) > covered + minDelta) return next;
    }
  }
  return undefined;
}

/** 1-swap local search (plus drop-and-refill under a budget or township limit) until no move improves or `maxSwaps` is hit. */
function localSearch(p: Normalized, state: State, options: GreedyOptions, iterations: SitingResult["iterations"]): State {
  const minDelta = 1e-9 * Math.max(1, sum(p.w));
  const maxSwaps = options.maxSwaps ?? 10_000;
  while (iterations.swaps < maxSwaps) {
    iterations.swapPasses++;
    const move = bestSwap(p, state, minDelta);
    if (move) {
      remove(p, state, move.out);
      add(p, state, move.into);
      iterations.swaps++;
      iterations.evaluations += lazyGreedy(p, state, "gain"); // a swap may free budget or a township slot
      continue;
    }
    const limited = Number.isFinite(p.budget) || Number.isFinite(p.maxPerTown);
    const next = limited ? dropAndRefill(p, state, coveredWeight(p, state), minDelta, iterations) : undefined;
    if (!next) break;
    state = next;
    iterations.swaps++;
  }
  return state;
}

/** Greedy from an empty set, then local search; a budget also starts from gain-per-cost greedy. Best kept. */
function solveGreedy(p: Normalized, options: GreedyOptions): {state: State; greedyCovered: number; iterations: SitingResult["iterations"]} {
  const rules: Rule[] = Number.isFinite(p.budget) ? ["gain", "ratio"] : ["gain"];
  const iterations = {evaluations: 0, swapPasses: 0, swaps: 0};
  let best: State | undefined;
  let greedyCovered = 0;
  for (const rule of rules) {
    let state = emptyState(p);
    iterations.evaluations += lazyGreedy(p, state, rule);
    greedyCovered = Math.max(greedyCovered, coveredWeight(p, state));
    if (options.swap !== false) state = localSearch(p, state, options, iterations);
    if (!best || coveredWeight(p, state) > coveredWeight(p, best)) best = state;
  }
  return {state: best!, greedyCovered, iterations};
}

/**
 * Rank a set of sites: repeatedly take the one adding most weight given those already taken (ties to the
 * lower index), so each site's gain is its marginal gain and the gains sum to the set's coverage. Sites that
 * add nothing are dropped.
 * @param problem the covering problem
 * @param sites candidate indices
 * @returns ranked sites with marginal gains and costs
 * @example rankSites({weights: [5, 3], cover: [Int32Array.of(0, 1), Int32Array.of(1)], k: 2}, [1, 0])
 *   // → [{candidate: 0, gain: 8, cost: 0}]
 */
export function rankSites(problem: CoveringProblem, sites: readonly number[]): SiteChoice[] {
  if (problem.capacity) return rankServed(problem, sites);
  const p = normalize({...problem, k: Math.max(problem.k, sites.length), budget: undefined, maxPerTownship: undefined});
  const s = emptyState(p);
  const left = [...new Set(sites)].sort((a, b) => a - b);
  const ranked: SiteChoice[] = [];
  while (left.length > 0) {
    let best = -1;
    let bestGain = 0;
    for (const j of left) {
      const g = gainOf(p, s, j);
      if (g > bestGain) [best, bestGain] = [j, g]; // strict: ties keep the lower index
    }
    if (best < 0) break;
    left.splice(left.indexOf(best), 1);
    add(p, s, best);
    ranked.push({candidate: best, gain: bestGain, cost: p.cost[best]});
  }
  return ranked;
}

/**
 * Total weight covered by a set of sites (with `capacity`: served, {@link servedWeight}).
 * @param problem the covering problem
 * @param sites candidate indices
 */
export function coverageOf(problem: CoveringProblem, sites: readonly number[]): number {
  if (problem.capacity) return servedWeight(problem, sites);
  const hit = new Uint8Array(problem.weights.length);
  let total = 0;
  for (const j of sites) {
    for (const i of problem.cover[j]) {
      if (hit[i]) continue;
      hit[i] = 1;
      total += problem.weights[i];
    }
  }
  return total;
}

/**
 * Whether a set of sites respects k, the budget and the per-township limit of a problem.
 * @param problem the covering problem
 * @param sites candidate indices (distinct)
 */
export function isFeasible(problem: CoveringProblem, sites: readonly number[]): boolean {
  if (new Set(sites).size !== sites.length || sites.length > problem.k) return false;
  if (problem.budget !== undefined) {
    const spent = sites.reduce((total, j) => total + (problem.cost?.[j] ?? 0), 0);
    if (!withinBudget(spent, problem.budget)) return false;
  }
  if (problem.maxPerTownship === undefined || !problem.township) return true;
  const perTown = new Map<string, number>();
  for (const j of sites) perTown.set(problem.township[j], (perTown.get(problem.township[j]) ?? 0) + 1);
  return [...perTown.values()].every((n) => n <= problem.maxPerTownship!);
}

/**
 * Choose up to k sites by lazy greedy (highest marginal gain first) followed by 1-swap local search: swap a
 * chosen site for an unchosen one while the best swap improves coverage and the limits hold. With a budget,
 * greedy also runs by gain per cost. With a budget or a township limit the local search also tries dropping
 * one or two sites and refilling greedily (one expensive site for several cheap ones; two sites moved at once
 * across a full township). The best result is kept. Fewer than k sites are returned when no further site fits the limits
 * or adds weight. Without budget or township limits the greedy part alone is within 1 − 1/e of the optimum.
 * @param problem the covering problem
 * @param options swap on/off and its cap
 * @returns ranked sites, covered weight, greedy-only coverage and iteration counts
 * @example
 * greedySiting({weights: [5, 3, 4], cover: [Int32Array.of(0, 1), Int32Array.of(1, 2), Int32Array.of(2)], k: 1})
 *   // → sites [{candidate: 0, gain: 8, cost: 0}], covered 8
 */
export function greedySiting(problem: CoveringProblem, options: GreedyOptions = {}): SitingResult {
  if (problem.capacity) return capacitatedSiting(problem, options);
  const p = normalize(problem);
  const {state, greedyCovered, iterations} = solveGreedy(p, options);
  const sites = rankSites(problem, state.sites);
  const covered = coveredWeight(p, state);
  return {sites, covered, greedyCovered, totalWeight: sum(p.w), cost: state.spent, iterations};
}

// ---------------------------------------------------------------------------------------------------------
// Capacitated siting: the weight served by the chosen sites is a maximum flow

/**
 * Flow from chosen sites to demand points: site j sends flow[j][t] to point cover[j][t]; at most capacity[j] in
 * all, each point receives at most its weight. Edges between a site and a point it reaches are uncapacitated, so the
 * residual network has a forward edge site → point for every reach, a backward edge point → site where the site
 * sends flow, and a point with room left (received < weight) is a sink.
 */
class ServedFlow {
  readonly flow: Float64Array[];
  readonly out: Float64Array;
  readonly received: Float64Array;
  readonly open: Uint8Array;
  /** coveredBy[i][q] = site, at[i][q] = position of i in cover[site] */
  private readonly coveredBy: Int32Array[];
  private readonly at: Int32Array[];
  private readonly eps: number;
  /** undo log of a trial: (site, position, old value), site −1 for out[], −2 for received[]; null outside a trial */
  private log: number[] | null = null;
  total = 0;

  constructor(
    private readonly w: Float64Array,
    private readonly cover: readonly Int32Array[],
    private readonly cap: Float64Array
  ) {
    this.flow = cover.map((c) => new Float64Array(c.length));
    this.out = new Float64Array(cover.length);
    this.received = new Float64Array(w.length);
    this.open = new Uint8Array(cover.length);
    this.coveredBy = invertCover(cover, w.length);
    const fill = new Int32Array(w.length);
    this.at = this.coveredBy.map((l) => new Int32Array(l.length));
    cover.forEach((list, j) => list.forEach((i, t) => (this.at[i][fill[i]++] = t)));
    let scale = 1;
    for (let i = 0; i < w.length; i++) scale += w[i];
    this.eps = 1e-12 * scale;
  }

  /**
   * Open site j and push as much flow from it as the network takes: shortest augmenting paths (BFS, Edmonds &
   * Karp 1972) from j alone. Opening one source and augmenting only from it keeps the flow maximum for the open set:
   * a path from an earlier site made possible by this augmentation would continue along the augmented path, so
   * it would have existed before. Returns the flow added.
   */
  openSite(j: number): number {
    this.open[j] = 1;
    const nS = this.cover.length;
    const prev = new Int32Array(nS + this.w.length); // node: site u = u, point i = nS + i; -1 unseen
    let added = 0;
    while (this.cap[j] - this.out[j] > this.eps) {
      prev.fill(-1);
      prev[j] = j;
      const queue = [j];
      let sink = -1;
      for (let h = 0; h < queue.length && sink < 0; h++) {
        const node = queue[h];
        if (node < nS) {
          for (const i of this.cover[node]) {
            if (prev[nS + i] >= 0) continue;
            prev[nS + i] = node;
            if (this.w[i] - this.received[i] > this.eps) {
              sink = nS + i;
              break;
            }
            queue.push(nS + i);
          }
        } else {
          const i = node - nS, by = this.coveredBy[i], at = this.at[i];
          for (let q = 0; q < by.length; q++) {
            const u = by[q];
            if (!this.open[u] || prev[u] >= 0 || this.flow[u][at[q]] <= this.eps) continue;
            prev[u] = node;
            queue.push(u);
          }
        }
      }
      if (sink < 0) break;
      // bottleneck: j's room, the sink's room, the flow on every backward edge (point → site)
      let delta = Math.min(this.cap[j] - this.out[j], this.w[sink - nS] - this.received[sink - nS]);
      for (let v = sink; v !== j; v = prev[v]) if (v < nS) delta = Math.min(delta, this.flow[v][this.pos(v, prev[v] - nS)]);
      for (let v = sink; v !== j; v = prev[v]) {
        const u = prev[v];
        if (v >= nS) this.push(u, this.pos(u, v - nS), delta); // forward u → point
        else this.push(v, this.pos(v, u - nS), -delta); // backward point → site v: v sends less to that point
      }
      this.log?.push(-1, j, this.out[j], -2, sink - nS, this.received[sink - nS]);
      this.out[j] += delta;
      this.received[sink - nS] += delta;
      added += delta;
    }
    this.total += added;
    return added;
  }

  /** Position of point i in cover[u]. */
  private pos(u: number, i: number): number {
    const by = this.coveredBy[i];
    for (let q = 0; q < by.length; q++) if (by[q] === u) return this.at[i][q];
    throw new Error(`point ${i} is not in reach of site ${u}`);
  }

  private push(u: number, t: number, delta: number): void {
    this.log?.push(u, t, this.flow[u][t]);
    this.flow[u][t] += delta;
  }

  /** Marginal gain of opening j (j closed): opened, measured, undone. */
  trial(j: number): number {
    const log: number[] = (this.log = []);
    const total = this.total;
    const gain = this.openSite(j);
    this.log = null;
    for (let e = log.length - 3; e >= 0; e -= 3) {
      const a = log[e], b = log[e + 1], old = log[e + 2];
      if (a === -1) this.out[b] = old;
      else if (a === -2) this.received[b] = old;
      else this.flow[a][b] = old;
    }
    this.open[j] = 0;
    this.total = total;
    return gain;
  }
}

function capacityOf(problem: CoveringProblem): Float64Array {
  return Float64Array.from(problem.capacity!);
}

/**
 * Weight served by a set of sites when each serves at most its capacity (problem.capacity): the maximum flow from
 * the sites to the demand points they reach (a point receives at most its weight and may be split between sites).
 * Covering is the special case of unbounded capacities.
 * @example servedWeight({weights: [5, 3], cover: [Int32Array.of(0, 1)], k: 1, capacity: [6]}, [0]) // 6
 */
export function servedWeight(problem: CoveringProblem, sites: readonly number[]): number {
  validateProblem(problem);
  const f = new ServedFlow(Float64Array.from(problem.weights), problem.cover, capacityOf(problem));
  for (const j of new Set(sites)) f.openSite(j);
  return f.total;
}

/** Rank a set of sites by marginal weight served (ties to the lower index); sites adding nothing are dropped. */
function rankServed(problem: CoveringProblem, sites: readonly number[]): SiteChoice[] {
  const f = new ServedFlow(Float64Array.from(problem.weights), problem.cover, capacityOf(problem));
  const left = [...new Set(sites)].sort((a, b) => a - b);
  const minGain = 1e-9 * Math.max(1, sum(problem.weights));
  const ranked: SiteChoice[] = [];
  while (left.length > 0) {
    let best = -1, bestGain = minGain;
    for (const j of left) {
      const g = f.trial(j);
      if (g > bestGain) [best, bestGain] = [j, g];
    }
    if (best < 0) break;
    left.splice(left.indexOf(best), 1);
    const g = f.openSite(best);
    ranked.push({candidate: best, gain: g, cost: problem.cost?.[best] ?? 0});
  }
  return ranked;
}

/**
 * Capacitated siting: lazy greedy on the marginal weight served (a maximum flow grows by augmenting paths from the
 * new site only), then 1-swap local search (each chosen site out, every unchosen in, the best improving swap) within
 * k, the budget and the township limit. The weight served by a set of sources is a polymatroid rank function
 * (submodular, monotone), so stale greedy keys are upper bounds and plain greedy keeps its 1 − 1/e guarantee without
 * limits. No drop-and-refill move: under a budget or a township limit the result is a 1-swap local optimum only.
 * With `tieWeights`, greedy's key is the served gain plus a covering gain scaled to under half the served tolerance
 * (only exact or near ties change order), and a swap also counts as improving when it serves as much (within the
 * tolerance of the best served so far, so ties cannot drift the served down) and covers more of the tie weights.
 */
function capacitatedSiting(problem: CoveringProblem, options: GreedyOptions): SitingResult {
  const p = normalize(problem);
  const cap = capacityOf(problem);
  const iterations = {evaluations: 0, swapPasses: 0, swaps: 0};
  const minDelta = 1e-9 * Math.max(1, sum(p.w));
  const tw = problem.tieWeights ? Float64Array.from(problem.tieWeights) : null;
  const eps = tw ? (0.5 * minDelta) / Math.max(1, sum(tw)) : 0;
  const tieDelta = tw ? 1e-9 * Math.max(1, sum(tw)) : 0;
  /** tie weight of j's points no chosen site covers yet */
  const tieGain = (s: State, j: number) => {
    if (!tw) return 0;
    let g = 0;
    for (const i of p.cover[j]) if (s.count[i] === 0) g += tw[i];
    return g;
  };
  const tieCovered = (sites: readonly number[]) => {
    if (!tw) return 0;
    const hit = new Uint8Array(tw.length);
    let total = 0;
    for (const j of sites) {
      for (const i of p.cover[j]) {
        if (hit[i]) continue;
        hit[i] = 1;
        total += tw[i];
      }
    }
    return total;
  };
  const greedyFrom = (s: State, f: ServedFlow) => {
    const heap = new MaxHeap();
    const stamp = new Int32Array(p.cover.length);
    // a site serving nothing more is dropped for good (served gains only shrink), whatever it would cover
    const push = (j: number) => {
      const g = f.trial(j);
      iterations.evaluations++;
      stamp[j] = s.sites.length;
      if (g > minDelta) heap.push(j, g + eps * tieGain(s, j));
    };
    for (let j = 0; j < p.cover.length; j++) if (canAdd(p, s, j)) push(j);
    while (heap.size > 0 && s.sites.length < p.k) {
      const j = heap.pop()!;
      if (!canAdd(p, s, j)) continue;
      if (stamp[j] === s.sites.length) {
        add(p, s, j);
        f.openSite(j);
        continue;
      }
      push(j);
    }
  };
  const flowOf = (sites: readonly number[]) => {
    const f = new ServedFlow(p.w, p.cover, cap);
    for (const j of sites) f.openSite(j);
    return f;
  };
  let state = emptyState(p);
  let flow = flowOf([]);
  greedyFrom(state, flow);
  const greedyCovered = flow.total;
  const maxSwaps = options.maxSwaps ?? 10_000;
  let bestServed = flow.total;
  while (options.swap !== false && iterations.swaps < maxSwaps) {
    iterations.swapPasses++;
    let best: {out: number; into: number} | undefined;
    // improving: serves more by the tolerance, or (tie weights) serves as much and covers more
    let bestValue = flow.total, bestTie = tieCovered(state.sites);
    const better = (value: number, tie: number) =>
      value > bestValue + minDelta || (tw !== null && value >= bestServed - minDelta && value >= bestValue - minDelta && tie > bestTie + tieDelta);
    for (const out of state.sites) {
      const others = state.sites.filter((j) => j !== out);
      const rest = flowOf(others);
      for (let into = 0; into < p.cover.length; into++) {
        if (into === out || !canSwap(p, state, out, into)) continue;
        const value = rest.total + rest.trial(into);
        iterations.evaluations++;
        const tie = tw ? tieCovered([...others, into]) : 0;
        if (better(value, tie)) [bestValue, bestTie, best] = [value, tie, {out, into}];
      }
    }
    if (!best) break;
    remove(p, state, best.out);
    add(p, state, best.into);
    iterations.swaps++;
    flow = flowOf(state.sites);
    greedyFrom(state, flow); // a swap may free budget or a township slot
    bestServed = Math.max(bestServed, flow.total);
  }
  const sites = rankServed(problem, state.sites);
  return {sites, covered: flow.total, greedyCovered, totalWeight: sum(p.w), cost: state.spent, iterations};
}

// ---------------------------------------------------------------------------------------------------------
// Cover lists from coordinates

/** A demand point: an uncovered village with its weight. */
export interface DemandPoint {
  lng: number;
  lat: number;
  weight: number;
  settlement: SettlementClass;
}

/** A candidate site with the facility type it would become. */
export interface CandidatePoint {
  lng: number;
  lat: number;
  type: FacilityType;
}

/**
 * Build the covering problem's weights and cover lists from coordinates: candidate j covers demand point i
 * when their haversine distance (`geo.ts`, the engine's definition) is at most
 * `radiusOf(candidate.type, point.settlement)` metres. The project's point grid (`spatial.ts`) over the demand
 * points, with cells as large as the largest radius, limits the distance checks.
 * @param demand uncovered demand points with weights
 * @param candidates candidate sites
 * @param radiusOf service radius in metres by facility type and settlement class of the demand point
 * @returns weights and, per candidate, the sorted indices of the demand points it covers
 * @example
 * const {weights, cover} = buildCoverLists(villages, candidates, (type, s) => radii[type][s]);
 * greedySiting({weights, cover, k: 5});
 */
export function buildCoverLists(
  demand: readonly DemandPoint[],
  candidates: readonly CandidatePoint[],
  radiusOf: (type: FacilityType, settlement: SettlementClass) => number
): {weights: Float64Array; cover: Int32Array[]} {
  const weights = Float64Array.from(demand, (d) => d.weight);
  const settlements = [...new Set(demand.map((d) => d.settlement))];
  const maxRadius = (type: FacilityType) => Math.max(0, ...settlements.map((s) => radiusOf(type, s)));
  const rMax = Math.max(1, ...candidates.map((c) => maxRadius(c.type)));
  // Cell size only affects speed; each candidate's search box is an exact (slightly widened) bound.
  const grid = pointGridOf(demand, rMax);
  const cover = candidates.map((c) => {
    const hits: number[] = [];
    grid.forEachNear(c.lng, c.lat, maxRadius(c.type), (i) => {
      const d = demand[i];
      // village first, as the coverage engine calls it, so both agree to the last bit
      if (haversine(d.lng, d.lat, c.lng, c.lat) <= radiusOf(c.type, d.settlement)) hits.push(i);
    });
    return Int32Array.from(hits).sort();
  });
  return {weights, cover};
}
