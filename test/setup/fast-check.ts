/**
 * One seed for every property test in a run. Under CI (CI=true) the seed is fixed, so a release gate never
 * passes or fails by luck; locally each run draws a new seed, so repeated runs keep exploring. FC_SEED=<n>
 * replays a run (fast-check prints the seed and path of any counterexample it finds).
 */
import fc from "fast-check";

const given = process.env.FC_SEED ?? (process.env.CI ? "20261122" : undefined);
const seed = given !== undefined ? Number(given) : (Math.random() * 2 ** 31) | 0;
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, found ${JSON.stringify(given)}`);
fc.configureGlobal({seed});
