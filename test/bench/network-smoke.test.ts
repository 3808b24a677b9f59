/**
 * The road-network bench in `npm test`, small: it runs to the end, and its naive baseline (one Dijkstra per facility)
 * agrees with the engine on every village and tier (else runNetworkScale throws). Timings are not asserted.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {markedSections} from "../../bench/readme.ts";
import {networkTable, runNetworkScale} from "../../bench/network.bench.ts";

describe("network bench", () => {
  it("a small county: engine and naive baseline agree; the table names the scale", () => {
    const row = runNetworkScale({name: "small", side: 30, villages: 120, facilities: 40, warmup: 0, runs: 1});
    expect(row.segments).toBeGreaterThan(1500);
    expect(row.nodes).toBeLessThanOrEqual(30 * 30);
    expect(Object.values(row.covered).some((n) => n > 0)).toBe(true);
    expect(networkTable([row])).toContain("| small | ");
  });

  it("README.md and bench/README.md mark the network section", () => {
    for (const f of ["README.md", "bench/README.md"]) expect(markedSections(readFileSync(f, "utf8"))).toContain("network");
  });
});
