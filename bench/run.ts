/**
 * `npm run bench`: every benchmark, seeded, each with its naive baseline in the same run.
 *   1. coverage engine vs turf.distance over all pairs (county, province, national scale)
 *   2. what-if on the largest default county vs rebuilding
 *   3. siting: greedy+swap vs the exact HiGHS optimum
 * Pass names to run a subset: `npm run bench -- coverage whatif`.
 */
export {};

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (want("coverage")) await (await import("./coverage.bench.ts")).main();
if (want("whatif")) await (await import("./whatif.bench.ts")).main();
if (want("siting")) await (await import("./siting.bench.ts")).main();
