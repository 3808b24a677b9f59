/**
 * `npm run bench`: every benchmark, seeded, each with its naive baselines in the same run.
 *   1. coverage: the engine against a kdbush + geokdbush index, a typed-array loop and Turf (county, province,
 *      national), plus what-if operations on a synthetic county
 *   2. whatif: one edit on the largest default county and the page update after it, against rebuilding
 *   3. siting: greedy+swap against the exact HiGHS optimum
 *   4. access: E2SFCA (src/lib/engine/access.ts) against the all-pairs brute force, county to national
 *   5. network: road-network coverage (src/lib/engine/network.ts) on a county-size road graph against one Dijkstra per facility,
 *      and the explorer's what-if (a NetworkSession update against networkCoverage from scratch) in Node and in Chromium
 *   6. scale (only when named, it builds whole sites): a generated province built, served by nginx and opened in
 *      Chromium — build time, peak memory, explorer ready, report page bytes (`--villages 7200,108000`)
 * Pass names to run a subset: `npm run bench -- coverage whatif`. With `--write`, the figures replace the marked
 * sections of README.md, bench/README.md and bench/SITING.md (`readme.ts`); without it the tree is left alone.
 */
import {writeSections} from "./readme.ts";
import type {Sections} from "./readme.ts";

const args = process.argv.slice(2);
const write = args.includes("--write");
// option values (`--villages 7200`) are not bench names
const only = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--villages");
const known = ["coverage", "whatif", "siting", "access", "network", "scale"];
const unknown = only.filter((a) => !known.includes(a));
if (unknown.length) throw new Error(`Unknown bench ${unknown.join(", ")}; known: ${known.join(", ")}`);
const want = (name: string) => (only.length === 0 && name !== "scale") || only.includes(name);

const sections: Sections = {};
if (want("coverage")) Object.assign(sections, await (await import("./coverage.bench.ts")).main());
if (want("whatif")) Object.assign(sections, await (await import("./whatif.bench.ts")).main());
if (want("siting")) Object.assign(sections, await (await import("./siting.bench.ts")).main());
if (want("access")) Object.assign(sections, await (await import("./access.bench.ts")).main());
if (want("network")) Object.assign(sections, await (await import("./network.bench.ts")).main());
if (want("scale")) Object.assign(sections, await (await import("./scale.bench.ts")).main());
if (write) for (const line of writeSections(sections)) console.log(`wrote ${line}`);
