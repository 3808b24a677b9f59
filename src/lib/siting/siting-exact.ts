/**
 * Exact maximal covering siting with HiGHS (MIP, compiled to wasm), plus the bounds a page needs to say how
 * far a heuristic answer can be from the best possible.
 *
 * Model (MCLP, Church & ReVelle 1974), over demand groups g and candidates j:
 *
 *     max Σ_g w_g y_g
 *     s.t. y_g ≤ Σ_{j covers g} x_j      for every group g
 *          Σ_j x_j ≤ k
 *          Σ_j c_j x_j ≤ B               (with a budget)
 *          Σ_{j in township t} x_j ≤ m   (with a per-township limit)
 *          x_j ∈ {0, 1}, 0 ≤ y_g ≤ 1
 *
 * Before building it, demand points covered by the same set of candidates are merged into one group (weights
 * summed), points no candidate covers or with zero weight are dropped, and candidates covering no weight are
 * dropped. The merge is exact for the MIP and its LP relaxation.
 *
 * Loading HiGHS: in Node, `const highs = await (await import("highs")).default()` finds `highs.wasm` next to
 * the package loader. In a browser the wasm file must be served and located explicitly. What worked with
 * Framework 1.13.4 offline (built and run in headless Chromium): a build step copies
 * `node_modules/highs/build/highs.wasm` under `src/` (3.5 MB), and the page does
 *
 *     import loadHighs from "highs"; // node_modules import, bundled to /_node/highs@…/
 *     const wasmUrl = FileAttachment("<path>/highs.wasm").href;
 *     const highs = await loadHighs({locateFile: () => wasmUrl});
 *
 * (`import.meta.resolve("highs/build/highs.wasm")` is left unresolved by Framework, `"highs/runtime"` breaks the
 * build, and `npm:highs` needs jsDelivr.) Solves are synchronous; run large ones in a Web Worker.
 */
import type {Highs, HighsConstants, ModelData} from "highs";
import {coverageOf, greedySiting, rankSites, validateProblem, invertCover} from "./siting.js";
import type {CoveringProblem, SiteChoice} from "./siting.js";

/** The problem after merging demand points and dropping useless candidates. */
export interface ReducedProblem {
  /** Weight of each demand group. */
  weights: number[];
  /** For each group, the (reduced) candidates covering it. */
  coveredBy: Int32Array[];
  /** Original index of each reduced candidate. */
  candidates: number[];
  /** Cost of each reduced candidate. */
  cost: number[];
  /** Township index of each reduced candidate, -1 when there is no per-township limit. */
  town: number[];
  k: number;
  maxPerTownship: number;
  budget: number;
}

/** Options of {@link exactSiting}. */
export interface ExactOptions {
  /** Wall-clock limit of the MIP in seconds (default 60). On reaching it the best solution found and the
   * proven bound are returned with status "time_limit". */
  timeLimitSec?: number;
  /** Relative MIP gap at which HiGHS may stop (default 0: prove optimality). */
  relGap?: number;
  /** Start the MIP from the greedy+swap solution (default true). */
  warmStart?: boolean;
}

/** Result of {@link exactSiting}. */
export interface ExactResult {
  /** "optimal": proven optimum (within `relGap` when set); "time_limit": best found within the limit; "trivial": solved without the
   * MIP (nothing to cover, k = 0, or every useful candidate fits the limits). */
  status: "optimal" | "time_limit" | "trivial";
  /** Chosen sites ranked by marginal gain (see `rankSites`). */
  sites: SiteChoice[];
  /** Weight covered by the chosen sites (recomputed from the original problem). */
  covered: number;
  /** Upper bound on the best possible coverage: the MIP's dual bound (= `covered` when optimal). */
  bound: number;
  /** Upper bound from the LP relaxation alone (weaker, cheap). */
  lpBound: number;
  /** (bound − covered) / bound, 0 when bound is 0. */
  gap: number;
  /** Sum of all weights. */
  totalWeight: number;
  /** Total cost of the chosen sites. */
  cost: number;
  /** Size of the model HiGHS saw: demand groups, candidates. */
  size: {groups: number; candidates: number};
  /** Milliseconds spent in the LP relaxation and in the MIP. */
  timeMs: {lp: number; mip: number};
}

/**
 * Merge demand points with the same covering candidates, drop zero-weight or uncoverable points and
 * candidates covering no weight.
 * @param problem a valid covering problem
 */
export function reduceProblem(problem: CoveringProblem): ReducedProblem {
  const {weights, cover} = problem;
  const useful = cover.map((list) => list.some((i) => weights[i] > 0));
  const candidates = cover.flatMap((_, j) => (useful[j] ? [j] : []));
  const newIndex = new Int32Array(cover.length).fill(-1);
  candidates.forEach((j, r) => (newIndex[j] = r));
  const groups = new Map<string, number>();
  const out: ReducedProblem["weights"] = [];
  const coveredBy: Int32Array[] = [];
  invertCover(cover, weights.length).forEach((by, i) => {
    if (!(weights[i] > 0) || by.length === 0) return;
    const key = by.join(",");
    const g = groups.get(key);
    if (g !== undefined) out[g] += weights[i];
    else {
      groups.set(key, out.length);
      out.push(weights[i]);
      coveredBy.push(by.map((j) => newIndex[j]));
    }
  });
  return {
    weights: out,
    coveredBy,
    candidates,
    cost: candidates.map((j) => problem.cost?.[j] ?? 0),
    town: townIndices(problem, candidates),
    k: problem.k,
    maxPerTownship: problem.maxPerTownship ?? Infinity,
    budget: problem.budget ?? Infinity
  };
}

function townIndices(problem: CoveringProblem, candidates: number[]): number[] {
  if (problem.maxPerTownship === undefined || !problem.township) return candidates.map(() => -1);
  const index = new Map<string, number>();
  return candidates.map((j) => {
    const code = problem.township![j];
    if (!index.has(code)) index.set(code, index.size);
    return index.get(code)!;
  });
}

/** The MCLP as HiGHS's structured model: bounds, objective and a row-wise sparse matrix (see {@link buildMclpModel}). */
export type MclpModel = ModelData & {colNames: string[]; rowNames: string[]};

/**
 * The MCLP as a structured HiGHS model. Columns: `x<j>` per reduced candidate (0 ≤ x ≤ 1, integer in the MIP), then
 * `y<g>` per demand group (0 ≤ y ≤ 1, weight w_g in the objective, maximized). Rows: `d<g>`: y_g − Σ x_j over the
 * candidates covering g ≤ 0; `k`: Σ x ≤ k (when k < candidates); `budget`: Σ cost_j x_j ≤ budget (when finite and
 * some cost is positive); `t<t>`: Σ x over a township's candidates ≤ the per-township limit (when it binds).
 * @param r the reduced problem
 * @param integral declare x integer (MIP) or only 0 ≤ x ≤ 1 (LP relaxation)
 * @param constants `highs.constants` (objective sense and variable types, named)
 * @param infinity `highs.infinity`
 */
export function buildMclpModel(r: ReducedProblem, integral: boolean, constants: HighsConstants, infinity: number): MclpModel {
  const n = r.candidates.length;
  const groups = r.weights.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowNames: string[] = [];
  const rowUpper: number[] = [];
  const row = (name: string, cols: number[], coefs: number[], upper: number) => {
    indices.push(...cols);
    values.push(...coefs);
    starts.push(indices.length);
    rowNames.push(name);
    rowUpper.push(upper);
  };
  r.coveredBy.forEach((by, g) => row(`d${g}`, [n + g, ...by], [1, ...Array.from(by, () => -1)], 0));
  const xs = r.candidates.map((_, j) => j);
  if (r.k < n) row("k", xs, xs.map(() => 1), r.k);
  const costly = xs.filter((j) => r.cost[j] > 0);
  if (Number.isFinite(r.budget) && costly.length > 0) row("budget", costly, costly.map((j) => r.cost[j]), r.budget);
  if (Number.isFinite(r.maxPerTownship)) {
    const byTown = new Map<number, number[]>();
    r.town.forEach((t, j) => byTown.set(t, [...(byTown.get(t) ?? []), j]));
    for (const [t, cols] of byTown) if (cols.length > r.maxPerTownship) row(`t${t}`, cols, cols.map(() => 1), r.maxPerTownship);
  }
  const {continuous, integer} = constants.variableType;
  return {
    numCols: n + groups,
    numRows: rowNames.length,
    sense: constants.objectiveSense.maximize,
    colCost: [...xs.map(() => 0), ...r.weights],
    colLower: new Array<number>(n + groups).fill(0),
    colUpper: new Array<number>(n + groups).fill(1),
    rowLower: rowNames.map(() => -infinity),
    rowUpper,
    matrix: {format: "csr", numRows: rowNames.length, numCols: n + groups, starts, indices, values},
    integrality: [...xs.map(() => (integral ? integer : continuous)), ...r.weights.map(() => continuous)],
    colNames: [...xs.map((j) => `x${j}`), ...r.weights.map((_, g) => `y${g}`)],
    rowNames
  };
}

interface Solve {
  /** `highs.constants.modelStatus` code */
  status: number;
  objective: number;
  dualBound: number;
  x: number[] | undefined; // value of each reduced candidate, when a feasible solution exists
  ms: number;
}

/** Solve a model built by {@link buildMclpModel}; `start` sets x_j = 1 for those candidates as a starting solution. */
function solveModel(highs: Highs, data: MclpModel, nCand: number, settings: Record<string, number | boolean | string>, start?: number[]): Solve {
  const t0 = performance.now();
  const model = highs.createModel(data);
  try {
    model.options.set(settings);
    if (start && start.length > 0) model.setSolution({indices: start, values: start.map(() => 1)}); // x_j is column j
    model.run();
    const feasible = model.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible;
    const colValue = feasible ? model.getSolution().colValue : undefined;
    return {
      status: model.getModelStatus(),
      objective: model.getObjectiveValue(),
      dualBound: Number(model.info.get("mip_dual_bound")),
      x: colValue ? Array.from({length: nCand}, (_, j) => colValue[j]) : undefined,
      ms: performance.now() - t0
    };
  } finally {
    model.dispose();
  }
}

function trivialResult(problem: CoveringProblem, sites: number[], totalWeight: number): ExactResult {
  const ranked = rankSites(problem, sites);
  const covered = coverageOf(problem, sites);
  const cost = ranked.reduce((total, s) => total + s.cost, 0);
  return {status: "trivial", sites: ranked, covered, bound: covered, lpBound: covered, gap: 0, totalWeight, cost, size: {groups: 0, candidates: sites.length}, timeMs: {lp: 0, mip: 0}};
}

/** Whether every useful candidate can be chosen at once (then that is optimal). */
function allFit(r: ReducedProblem): boolean {
  if (r.candidates.length > r.k) return false;
  if (r.cost.reduce((a, b) => a + b, 0) > r.budget) return false;
  const perTown = new Map<number, number>();
  for (const t of r.town) if (t >= 0) perTown.set(t, (perTown.get(t) ?? 0) + 1);
  return [...perTown.values()].every((n) => n <= r.maxPerTownship);
}

/**
 * Solve a maximal covering problem exactly (or up to a time limit) with HiGHS, and bound the optimum.
 * The LP relaxation is solved first for `lpBound`; when the greedy+swap solution reaches it, that solution is
 * optimal and the MIP is skipped (`timeMs.mip` = 0); otherwise the MIP starts from it.
 * Sites that add no weight are not returned, so fewer than k sites can come back.
 * @param problem the covering problem (same as for `greedySiting`)
 * @param highs a loaded HiGHS runtime (see the module comment for Node and browser loading)
 * @param options time limit, gap, warm start
 * @returns the chosen sites, covered weight, MIP and LP bounds and the remaining gap
 * @example
 * const highs = await (await import("highs")).default();
 * const r = exactSiting({weights, cover, k: 5}, highs, {timeLimitSec: 10});
 * `within ${(100 * (r.bound - greedy.covered) / r.bound).toFixed(1)} % of the best possible`
 */
export function exactSiting(problem: CoveringProblem, highs: Highs, options: ExactOptions = {}): ExactResult {
  validateProblem(problem);
  // the MIP models covering, not serving: a capacitated problem has no exact bound here (greedy + swap only)
  if (problem.capacity) throw new RangeError("exactSiting: capacitated siting (problem.capacity) has no exact model; use greedySiting");
  let totalWeight = 0;
  for (let i = 0; i < problem.weights.length; i++) totalWeight += problem.weights[i];
  const r = reduceProblem(problem);
  if (r.weights.length === 0 || r.k === 0) return trivialResult(problem, [], totalWeight);
  if (allFit(r)) return trivialResult(problem, r.candidates, totalWeight);
  const base = {output_flag: false, time_limit: options.timeLimitSec ?? 60};
  // Primal simplex (strategy 4): on 5 000-village instances it ran ~20× faster than dual simplex (bench/SITING.md).
  const {modelStatus} = highs.constants;
  const model = (integral: boolean) => buildMclpModel(r, integral, highs.constants, highs.infinity);
  const lp = solveModel(highs, model(false), r.candidates.length, {...base, solver: "simplex", simplex_strategy: 4});
  // A relaxation stopped early bounds nothing: fall back to the weight any site could cover.
  if (lp.status !== modelStatus.optimal) lp.objective = r.weights.reduce((a, w) => a + w, 0);
  const start = options.warmStart === false ? undefined : warmStart(problem, r);
  if (start && coverageOf(problem, start.map((j) => r.candidates[j])) >= lp.objective * (1 - 1e-9)) {
    // the LP bound proves the greedy solution optimal
    const noMip: Solve = {status: modelStatus.optimal, objective: lp.objective, dualBound: lp.objective, x: undefined, ms: 0};
    return mipResult(problem, r, lp, noMip, start, totalWeight, modelStatus);
  }
  const mipSettings = {...base, mip_rel_gap: options.relGap ?? 0};
  const mip = solveModel(highs, model(true), r.candidates.length, mipSettings, start);
  return mipResult(problem, r, lp, mip, start ?? [], totalWeight, modelStatus);
}

/** Greedy+swap solution as reduced candidate indices. */
function warmStart(problem: CoveringProblem, r: ReducedProblem): number[] {
  const position = new Map(r.candidates.map((j, i) => [j, i]));
  return greedySiting(problem).sites.map((s) => position.get(s.candidate)!);
}

function mipResult(
  problem: CoveringProblem,
  r: ReducedProblem,
  lp: Solve,
  mip: Solve,
  start: number[],
  totalWeight: number,
  modelStatus: HighsConstants["modelStatus"]
): ExactResult {
  const optimal = mip.status === modelStatus.optimal;
  const timeLimit = mip.status === modelStatus.timeLimit || mip.status === modelStatus.interrupted;
  if (!optimal && !timeLimit) throw new Error(`HiGHS ended the siting MIP with model status ${mip.status}`);
  let chosen = mip.x ? mip.x.flatMap((v, j) => (v > 0.5 ? [r.candidates[j]] : [])) : [];
  const startSites = start.map((j) => r.candidates[j]);
  if (coverageOf(problem, startSites) > coverageOf(problem, chosen)) chosen = startSites;
  const sites = rankSites(problem, chosen);
  const covered = coverageOf(problem, chosen);
  const lpBound = Math.max(covered, lp.objective);
  // The dual bound can sit a tolerance below the incumbent; the bound is never below what is achieved.
  const bound = Math.max(covered, Math.min(Number.isFinite(mip.dualBound) ? mip.dualBound : Infinity, lpBound));
  return {
    status: optimal ? "optimal" : "time_limit",
    sites,
    covered,
    bound,
    lpBound,
    gap: relativeGap(covered, bound),
    totalWeight,
    cost: sites.reduce((total, s) => total + s.cost, 0),
    size: {groups: r.weights.length, candidates: r.candidates.length},
    timeMs: {lp: lp.ms, mip: mip.ms}
  };
}

/**
 * Relative gap between a solution's value and an upper bound on the optimum: (bound − value) / bound.
 * "Within x % of the best possible" with x = 100 × this.
 * @param value covered weight of a solution
 * @param bound upper bound on the optimum (≥ value)
 * @returns a fraction in [0, 1]; 0 when bound is 0
 */
export function relativeGap(value: number, bound: number): number {
  if (!(bound > 0)) return 0;
  return Math.max(0, (bound - value) / bound);
}
