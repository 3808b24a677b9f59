/**
 * Seeded random covering instances for the siting tests and benchmark.
 */
import fc from "fast-check";
import {mulberry32} from "../../src/lib/engine/random.ts";
import {buildCoverLists} from "../../src/lib/siting/siting.ts";
import type {CandidatePoint, CoveringProblem, DemandPoint} from "../../src/lib/siting/siting.ts";
import type {FacilityType, SettlementClass} from "../../src/lib/types.ts";

/** mulberry32 (src/lib/engine/random.ts): a small seeded PRNG returning floats in [0, 1). */
export const rng = mulberry32;

/** Size ranges of {@link smallProblem}. */
export interface SmallSizes {
  candidates?: [number, number];
  points?: [number, number];
  k?: [number, number];
  density?: [number, number];
}

/**
 * Arbitrary small abstract covering problem (for enumeration), optionally with cost, budget and townships.
 * Default sizes include the degenerate ones (no candidates, k = 0, k ≥ candidates).
 */
export function smallProblem(sizes: SmallSizes = {}): fc.Arbitrary<CoveringProblem> {
  const [n0, n1] = sizes.candidates ?? [0, 8];
  const [m0, m1] = sizes.points ?? [0, 12];
  const [k0, k1] = sizes.k ?? [0, n1 + 1];
  const [d0, d1] = sizes.density ?? [0, 0.6];
  return fc
    .record({
      n: fc.integer({min: n0, max: n1}),
      m: fc.integer({min: m0, max: m1}),
      seed: fc.integer({min: 1, max: 2 ** 31 - 1}),
      k: fc.integer({min: k0, max: k1}),
      density: fc.double({min: d0, max: d1, noNaN: true}),
      limits: fc.constantFrom("none", "budget", "township", "both")
    })
    .map(({n, m, seed, k, density, limits}) => {
      const rand = rng(seed);
      const weights = Array.from({length: m}, () => (rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 20)));
      const cover = Array.from({length: n}, () => Int32Array.from(Array.from({length: m}, (_, i) => i).filter(() => rand() < density)));
      const problem: CoveringProblem = {weights, cover, k};
      if (limits === "budget" || limits === "both") {
        problem.cost = cover.map(() => Math.floor(rand() * 5));
        problem.budget = Math.floor(rand() * 12);
      }
      if (limits === "township" || limits === "both") {
        problem.township = cover.map(() => `t${Math.floor(rand() * 3)}`);
        problem.maxPerTownship = Math.floor(rand() * 3);
      }
      return problem;
    });
}

/** Parameters of a geometric instance. */
export interface GeoInstanceSpec {
  seed: number;
  points: number;
  candidates: number;
  k: number;
  /** Service radius in metres (same for every settlement). */
  radius: number;
  /** Spread demand uniformly instead of clustering 60 % of it around town seats. */
  uniform?: boolean;
  /** Add township codes (a 4 × 4 grid over the box) with this limit per township. */
  maxPerTownship?: number;
  /** Add costs (10–30 beds × 120 000 yuan) and this budget in yuan. */
  budget?: number;
}

const BOX = {lng0: 106.0, lat0: 37.8, size: 0.5}; // about 44 km × 55 km, Litong District's latitude

/** Demand points clustered around a few seats (towns), weights like village 60+ counts. */
function demandPoints(rand: () => number, n: number, uniform: boolean): DemandPoint[] {
  const seats = Array.from({length: 12}, () => [BOX.lng0 + rand() * BOX.size, BOX.lat0 + rand() * BOX.size]);
  return Array.from({length: n}, () => {
    const near = !uniform && rand() < 0.6;
    const [lng, lat] = near ? seats[Math.floor(rand() * seats.length)] : [BOX.lng0 + rand() * BOX.size, BOX.lat0 + rand() * BOX.size];
    const spread = near ? 0.04 : 0;
    const settlement: SettlementClass = near ? "urban" : "rural";
    return {lng: lng + (rand() - 0.5) * spread, lat: lat + (rand() - 0.5) * spread, weight: 20 + Math.floor(rand() ** 2 * 400), settlement};
  });
}

/** A seeded geometric maximal covering instance built with {@link buildCoverLists}. */
export function geoInstance(spec: GeoInstanceSpec): CoveringProblem & {demand: DemandPoint[]; sites: CandidatePoint[]} {
  const rand = rng(spec.seed);
  const demand = demandPoints(rand, spec.points, spec.uniform ?? false);
  const type: FacilityType = "township_centre";
  const sites: CandidatePoint[] = Array.from({length: spec.candidates}, () => {
    if (rand() < 0.5) {
      const d = demand[Math.floor(rand() * demand.length)];
      return {lng: d.lng, lat: d.lat, type}; // an uncovered village itself
    }
    return {lng: BOX.lng0 + rand() * BOX.size, lat: BOX.lat0 + rand() * BOX.size, type};
  });
  const {weights, cover} = buildCoverLists(demand, sites, () => spec.radius);
  const problem: CoveringProblem = {weights, cover, k: spec.k};
  if (spec.maxPerTownship !== undefined) {
    problem.township = sites.map((s) => `${Math.floor(((s.lng - BOX.lng0) / BOX.size) * 4)}-${Math.floor(((s.lat - BOX.lat0) / BOX.size) * 4)}`);
    problem.maxPerTownship = spec.maxPerTownship;
  }
  if (spec.budget !== undefined) {
    problem.cost = sites.map(() => (10 + Math.floor(rand() * 21)) * 120_000);
    problem.budget = spec.budget;
  }
  return {...problem, demand, sites};
}
