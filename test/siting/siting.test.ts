import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {coverageOf, greedySiting, isFeasible, rankSites} from "../../src/lib/siting/siting.ts";
import type {CoveringProblem} from "../../src/lib/siting/siting.ts";
import {bruteForce, naiveGreedy} from "./oracle.ts";
import {smallProblem} from "./instances.ts";

const lists = (...sets: number[][]) => sets.map((s) => Int32Array.from(s));

/** Greedy trap: greedy takes the middle site (12), then 5 more = 17; the two outer sites cover 22. */
const trap: CoveringProblem = {weights: [5, 6, 6, 5], cover: lists([1, 2], [0, 1], [2, 3]), k: 2};

describe("greedySiting", () => {
  it("picks the highest marginal gain first and ranks by it", () => {
    const r = greedySiting({weights: [5, 3, 4], cover: lists([0, 1], [1, 2], [2]), k: 2});
    expect(r.sites).toEqual([{candidate: 0, gain: 8, cost: 0}, {candidate: 1, gain: 4, cost: 0}]);
    expect(r.covered).toBe(12);
  });

  it("escapes the greedy trap with a swap", () => {
    const plain = greedySiting(trap, {swap: false});
    expect([plain.covered, plain.sites.map((s) => s.candidate)]).toEqual([17, [0, 1]]);
    const r = greedySiting(trap);
    expect([r.greedyCovered, r.covered, r.iterations.swaps]).toEqual([17, 22, 1]);
    expect(r.sites.map((s) => s.candidate).sort()).toEqual([1, 2]);
  });

  it("keeps two sites out of one township when the limit is 1", () => {
    const problem: CoveringProblem = {...trap, township: ["a", "b", "b"], maxPerTownship: 1};
    const r = greedySiting(problem);
    expect(r.sites.map((s) => s.candidate).sort()).toEqual([0, 1]);
    expect(r.covered).toBe(17);
  });

  it("under a budget, prefers two cheap sites to one dear one", () => {
    // site 0 covers 10 for cost 10; sites 1 and 2 cover 6 each for cost 5.
    const problem: CoveringProblem = {weights: [10, 6, 6], cover: lists([0], [1], [2]), k: 3, cost: [10, 5, 5], budget: 10};
    expect(greedySiting(problem).covered).toBe(12);
  });

  it("returns no site when nothing can be covered, k is 0 or there are no candidates", () => {
    expect(greedySiting({weights: [0, 0], cover: lists([0, 1]), k: 2}).sites).toEqual([]);
    expect(greedySiting({weights: [3], cover: lists([], []), k: 2}).sites).toEqual([]);
    expect(greedySiting({weights: [3], cover: lists([0]), k: 0}).sites).toEqual([]);
    expect(greedySiting({weights: [3], cover: [], k: 2}).covered).toBe(0);
  });

  it("with k ≥ candidates covers every coverable point and returns only sites that add something", () => {
    const r = greedySiting({weights: [1, 2, 3, 4], cover: lists([0, 1], [1], [2]), k: 5});
    expect([r.covered, r.totalWeight, r.sites.length]).toEqual([6, 10, 2]);
  });

  it("names the bad value", () => {
    expect(() => greedySiting({weights: [-1], cover: lists([0]), k: 1})).toThrow(/weights\[0\]/);
    expect(() => greedySiting({weights: [1], cover: lists([1]), k: 1})).toThrow(/cover\[0\] holds 1/);
    expect(() => greedySiting({weights: [1], cover: lists([0]), k: 1.5})).toThrow(/k must/);
    expect(() => greedySiting({weights: [1], cover: lists([0]), k: 1, maxPerTownship: 1})).toThrow(/township/);
    expect(() => greedySiting({weights: [1], cover: lists([0]), k: 1, cost: [1, 2]})).toThrow(/cost has 2/);
  });

  it("lazy greedy chooses the same sites as plain greedy (no swap, no limits)", () => {
    fc.assert(
      fc.property(smallProblem({candidates: [0, 10], points: [0, 14]}), (p) => {
        const plain = {weights: p.weights, cover: p.cover, k: p.k};
        expect(greedySiting(plain, {swap: false}).sites.map((s) => s.candidate)).toEqual(naiveGreedy(plain));
      }),
      {numRuns: 300, seed: 8}
    );
  });

  it("returns a feasible set whose ranked gains sum to its coverage", () => {
    fc.assert(
      fc.property(smallProblem(), (p) => {
        const r = greedySiting(p);
        const chosen = r.sites.map((s) => s.candidate);
        expect(isFeasible(p, chosen)).toBe(true);
        expect(r.covered).toBeCloseTo(coverageOf(p, chosen), 9);
        expect(r.sites.reduce((a, s) => a + s.gain, 0)).toBeCloseTo(r.covered, 9);
        expect(r.sites.every((s) => s.gain > 0)).toBe(true);
        expect(r.covered).toBeGreaterThanOrEqual(r.greedyCovered);
      }),
      {numRuns: 300, seed: 81}
    );
  });

  it("never beats the optimum, and without limits reaches at least 1 − 1/e of it", () => {
    fc.assert(
      fc.property(smallProblem(), (p) => {
        const best = bruteForce(p).covered;
        expect(greedySiting(p).covered).toBeLessThanOrEqual(best + 1e-9);
        const plain = {weights: p.weights, cover: p.cover, k: p.k};
        expect(greedySiting(plain, {swap: false}).covered).toBeGreaterThanOrEqual((1 - 1 / Math.E) * bruteForce(plain).covered - 1e-9);
      }),
      {numRuns: 300, seed: 82}
    );
  });

  it("ends in a 1-swap local optimum: no feasible single swap improves it", () => {
    fc.assert(
      fc.property(smallProblem(), (p) => {
        const r = greedySiting(p);
        const chosen = r.sites.map((s) => s.candidate);
        for (const out of chosen) {
          for (let into = 0; into < p.cover.length; into++) {
            if (chosen.includes(into)) continue;
            const next = [...chosen.filter((j) => j !== out), into];
            if (isFeasible(p, next)) expect(coverageOf(p, next)).toBeLessThanOrEqual(r.covered + 1e-9);
          }
        }
      }),
      {numRuns: 300, seed: 83}
    );
  });
});

describe("rankSites", () => {
  it("orders by marginal gain and drops a site that adds nothing", () => {
    const problem: CoveringProblem = {weights: [5, 3], cover: lists([0, 1], [1]), k: 2};
    expect(rankSites(problem, [1, 0])).toEqual([{candidate: 0, gain: 8, cost: 0}]);
  });
});
