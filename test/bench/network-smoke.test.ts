/**
 * The road-network bench in `npm test`, small: it runs to the end; its naive baseline (one Dijkstra per facility)
 * agrees with the engine on every village and tier, every what-if update of the NetworkSession equals
 * networkCoverage from scratch on the same facilities, and Chromium's results equal Node's (else runNetworkScale
 * throws). Chromium is required, as in the other browser-driving tests (CI installs it): without it launchBrowser
 * fails, saying how to install it. Timings are not asserted.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {markedSections} from "../../bench/readme.ts";
import {networkTable, runNetworkScale, synthCounty, whatIfInput, type NetworkScale} from "../../bench/network.bench.ts";
import {checksum, checksumDifference, coverageDifference, timeWhatIf} from "../../bench/network-page.ts";
import {buildRoadGraph, networkCoverage} from "../../src/lib/engine/network.ts";

const SMALL: NetworkScale = {name: "small", side: 30, villages: 120, facilities: 40, warmup: 0, runs: 1, whatIfWarmup: 1, whatIfRuns: 11};

describe("network bench", () => {
  it("a small county: engine and naive baseline agree, the session's what-ifs equal from scratch in Node and in Chromium; the table names the scale", async () => {
    const row = await runNetworkScale(SMALL);
    expect(row.segments).toBeGreaterThan(1500);
    expect(row.nodes).toBeLessThanOrEqual(30 * 30);
    expect(Object.values(row.covered).some((n) => n > 0)).toBe(true);
    expect(row.whatIf.runs).toBe(11);
    if (!row.browser.measured) throw new Error(`Chromium not measured: ${row.browser.why}`);
    expect(row.browser.edits).toBe(12);
    expect([row.browser.segments, row.browser.nodes]).toEqual([row.segments, row.nodes]);
    const table = networkTable([row]);
    expect(table).toContain("| small | ");
    expect(table).toMatch(/\| small \| Node \|/);
    expect(table).toMatch(/\| small \| Chromium \d/);
  });

  it("the what-if check catches an edit the session answers from its memo, and a result that differs", () => {
    const input = whatIfInput(SMALL, synthCounty(SMALL));
    const g = buildRoadGraph(input.lines, input.config);
    // a planned station serves nobody: no tier changes, the session computes nothing, and the bench says so
    const planned = input.added.map((f) => ({...f, status: "planned" as const}));
    expect(() => timeWhatIf(g, {...input, added: planned})).toThrow(/computed \[\], not \[community\]/);
    const a = networkCoverage(input.villages, [...input.facilities, input.added[0]], g, input.config);
    const b = networkCoverage(input.villages, input.facilities, g, input.config);
    expect(coverageDifference(a, a)).toBeNull();
    expect(checksumDifference(checksum(a), checksum(a))).toBeNull();
    const moved = {...a, tiers: {...a.tiers, community: {...a.tiers.community, seconds: a.tiers.community.seconds.map((s, i) => (i === 3 ? s * (1 + 1e-6) : s))}}};
    expect(coverageDifference(moved, a)).toMatch(/village 3, tier community/);
    expect(checksumDifference(checksum(moved), checksum(a))).toMatch(/tier community/);
    // the added station changes some village's community time (else the check above would prove little)
    expect(coverageDifference(a, b)).toMatch(/tier community/);
  });

  it("README.md and bench/README.md mark the network section", () => {
    for (const f of ["README.md", "bench/README.md"]) expect(markedSections(readFileSync(f, "utf8"))).toContain("network");
  });
});
