// Capacitated siting (problem.capacity): the objective is the weight served — a maximum flow from the chosen sites —
// checked against an independent dense Ford–Fulkerson (test/siting/oracle.ts maxFlowServed) and enumeration of every
// feasible set on small seeded problems.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {exactSiting} from "../../src/lib/siting/siting-exact.ts";
import {coverageOf, greedySiting, isFeasible, rankSites, servedWeight, type CoveringProblem} from "../../src/lib/siting/siting.ts";
import {rng, smallProblem} from "./instances.ts";
import {bruteForce, bruteForceServed, maxFlowServed} from "./oracle.ts";

const lists = (...sets: number[][]) => sets.map((s) => Int32Array.from(s));

/**
 * Small problems with integer capacities: most binding (below the weight a site reaches, 0–24 against points of
 * 1–20 older people, several per site), some ample (1 000) or 0. Sizes as smallProblem's, with at least 2 candidates
 * and 4 points so that sites compete.
 */
const capacitated = (sizes: Parameters<typeof smallProblem>[0] = {candidates: [2, 8], points: [4, 12], density: [0.2, 0.6]}) =>
  fc.tuple(smallProblem(sizes), fc.integer({min: 1, max: 2 ** 31 - 1})).map(([p, seed]): CoveringProblem => {
    const rand = rng(seed);
    return {...p, capacity: p.cover.map(() => (rand() < 0.1 ? 0 : rand() < 0.15 ? 1000 : Math.floor(rand() * 25)))};
  });

describe("capacitated siting: hand-worked", () => {
  // Points 0 and 1 have 100 older people each, point 2 has 30. Site A reaches 0 and 1 but serves 50; B reaches 2
  // (capacity 30); C reaches 0 (capacity 100).
  const problem: CoveringProblem = {weights: [100, 100, 30], cover: lists([0, 1], [2], [0]), k: 1, capacity: [50, 30, 100]};

  it("k = 1: covering takes A (200 covered); serving takes C (100 served, A would serve 50)", () => {
    const {capacity: _c, ...plain} = problem;
    expect(greedySiting(plain).sites.map((s) => s.candidate)).toEqual([0]);
    const r = greedySiting(problem);
    expect([r.sites, r.covered, r.totalWeight]).toEqual([[{candidate: 2, gain: 100, cost: 0}], 100, 230]);
  });

  it("k = 2: C and A serve 150 (A's 50 go to point 1, C's 100 to point 0); covering would take A and B", () => {
    const r = greedySiting({...problem, k: 2});
    expect(r.sites).toEqual([{candidate: 2, gain: 100, cost: 0}, {candidate: 0, gain: 50, cost: 0}]);
    expect(r.covered).toBe(150);
    expect(servedWeight(problem, [0, 1])).toBe(80);
    expect(coverageOf(problem, [0, 2])).toBe(150); // coverageOf serves too when the problem has capacities
  });

  it("reroutes: A first sends 50 to point 0, then C takes point 0 and A moves to point 1", () => {
    // opening A then C: A's flow must move from point 0 to point 1 for the total to reach 150 (an augmenting path
    // C → 0 → A → 1)
    expect(servedWeight({...problem, cover: lists([0, 1], [2], [0])}, [0, 2])).toBe(150);
    const tight: CoveringProblem = {weights: [10, 10], cover: lists([0, 1], [0]), k: 2, capacity: [10, 10]};
    expect(servedWeight(tight, [0, 1])).toBe(20);
    expect(rankSites(tight, [0, 1])).toEqual([{candidate: 0, gain: 10, cost: 0}, {candidate: 1, gain: 10, cost: 0}]);
  });

  it("names a bad capacity; the exact MIP refuses a capacitated problem", () => {
    expect(() => greedySiting({...problem, capacity: [1, 2]})).toThrow(/capacity has 2 entries/);
    expect(() => greedySiting({...problem, capacity: [1, -2, 3]})).toThrow(/capacity\[1\]/);
    expect(() => exactSiting(problem, {} as never)).toThrow(/capacitated/);
  });
});

describe("capacitated siting vs enumeration (seeded small problems)", () => {
  it("the weight served by any set equals the independent max flow", () => {
    fc.assert(
      fc.property(capacitated(), fc.integer({min: 1, max: 2 ** 31 - 1}), (p, seed) => {
        const rand = rng(seed);
        const set = p.cover.map((_, j) => j).filter(() => rand() < 0.5);
        expect(servedWeight(p, set)).toBeCloseTo(maxFlowServed(p, set), 9);
      }),
      {numRuns: 300, seed: 91}
    );
  });

  it("returns a feasible set, served as the oracle says, gains summing to it, never above the optimum", () => {
    let binding = 0;
    fc.assert(
      fc.property(capacitated(), (p) => {
        const r = greedySiting(p);
        const chosen = r.sites.map((s) => s.candidate);
        expect(isFeasible(p, chosen)).toBe(true);
        expect(r.covered).toBeCloseTo(maxFlowServed(p, chosen), 9);
        expect(r.sites.reduce((a, s) => a + s.gain, 0)).toBeCloseTo(r.covered, 9);
        expect(r.sites.every((s) => s.gain > 0)).toBe(true);
        expect(r.covered).toBeGreaterThanOrEqual(r.greedyCovered - 1e-9);
        const best = bruteForceServed(p).served;
        expect(r.covered).toBeLessThanOrEqual(best + 1e-9);
        const {capacity: _c, ...plain} = p;
        if (best < bruteForce(plain).covered - 1e-9) binding++;
      }),
      {numRuns: 300, seed: 92}
    );
    expect(binding, "problems where capacity binds").toBeGreaterThan(150);
  });

  it("without limits plain greedy serves at least 1 − 1/e of the optimum, and with the swap usually all of it", () => {
    let optimal = 0;
    fc.assert(
      fc.property(capacitated(), (p) => {
        const plain: CoveringProblem = {weights: p.weights, cover: p.cover, k: p.k, capacity: p.capacity};
        const best = bruteForceServed(plain).served;
        expect(greedySiting(plain, {swap: false}).covered).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
        if (greedySiting(plain).covered >= best - 1e-9) optimal++;
      }),
      {numRuns: 300, seed: 93}
    );
    expect(optimal).toBeGreaterThan(270);
  });

  it("ends in a 1-swap local optimum: no feasible single swap serves more", () => {
    fc.assert(
      fc.property(capacitated(), (p) => {
        const r = greedySiting(p);
        const chosen = r.sites.map((s) => s.candidate);
        for (const out of chosen) {
          for (let into = 0; into < p.cover.length; into++) {
            if (chosen.includes(into)) continue;
            const next = [...chosen.filter((j) => j !== out), into];
            if (isFeasible(p, next)) expect(maxFlowServed(p, next)).toBeLessThanOrEqual(r.covered + 1e-9);
          }
        }
      }),
      {numRuns: 200, seed: 94}
    );
  });

  it("with ample capacities it serves exactly what covering covers", () => {
    fc.assert(
      fc.property(smallProblem(), (p) => {
        const ample = {...p, capacity: p.cover.map(() => 1e6)};
        expect(greedySiting(ample).covered).toBeCloseTo(greedySiting(p).covered, 9);
      }),
      {numRuns: 200, seed: 95}
    );
  });
});

describe("capacitated siting: ties broken by covering (tieWeights, the siting page's covered older people)", () => {
  it("hand-worked: A and B both serve 10; without tie weights A (lower index), with them B (covers 200 people, A 100)", () => {
    const p: CoveringProblem = {weights: [10, 10, 10], cover: lists([0], [1, 2]), k: 1, capacity: [10, 10]};
    expect(greedySiting(p).sites).toEqual([{candidate: 0, gain: 10, cost: 0}]);
    const r = greedySiting({...p, tieWeights: [100, 100, 100]});
    expect([r.sites, r.covered]).toEqual([[{candidate: 1, gain: 10, cost: 0}], 10]);
  });

  it("the swap search also moves to a set serving as much and covering more", () => {
    // A reaches points 0, 1 (10 each) with 20 places; B points 0, 2 with 15; C points 1, 3 with 10; points 2 and 3 hold
    // 5 each and all the tie weight. Greedy takes A (20), then B (+5 at point 2): 25 served, 100 covered. Swapping A for
    // C serves 25 too (B 10 + 5, C 10) and covers 200; without tie weights nothing serves more, so {A, B} stays.
    const p: CoveringProblem = {weights: [10, 10, 5, 5], cover: lists([0, 1], [0, 2], [1, 3]), k: 2, capacity: [20, 15, 10]};
    const tied = {...p, tieWeights: [0, 0, 100, 100]};
    expect(greedySiting(p).sites.map((s) => s.candidate)).toEqual([0, 1]);
    expect(greedySiting(tied, {swap: false}).sites.map((s) => s.candidate)).toEqual([0, 1]);
    const r = greedySiting(tied);
    expect([r.sites.map((s) => s.candidate).sort(), r.covered, r.iterations.swaps]).toEqual([[1, 2], 25, 1]);
  });

  it("serves as the oracle says, feasibly, never above the optimum and (nearly always) as much as without tie weights", () => {
    let same = 0;
    fc.assert(
      fc.property(capacitated(), fc.integer({min: 1, max: 2 ** 31 - 1}), (p, seed) => {
        const rand = rng(seed);
        const tieWeights = p.weights.length ? Array.from(p.weights, () => Math.floor(rand() * 50)) : [];
        const r = greedySiting({...p, tieWeights});
        const chosen = r.sites.map((s) => s.candidate);
        expect(isFeasible(p, chosen)).toBe(true);
        expect(r.covered).toBeCloseTo(maxFlowServed(p, chosen), 9);
        expect(r.covered).toBeLessThanOrEqual(bruteForceServed(p).served + 1e-9);
        if (Math.abs(r.covered - greedySiting(p).covered) < 1e-9) same++;
      }),
      {numRuns: 300, seed: 96}
    );
    expect(same).toBeGreaterThan(280);
  });

  it("names tie weights of the wrong length", () => {
    expect(() => greedySiting({weights: [1, 2], cover: lists([0]), k: 1, capacity: [1], tieWeights: [1]})).toThrow(/tieWeights has 1 entries/);
  });
});
