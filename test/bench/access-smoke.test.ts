/**
 * The E2SFCA bench in `npm test`: at county scale it runs to the end with its brute-force check on every facility
 * and village; at a sampled scale the check runs on the sample. Timings are not asserted.
 */
import {describe, expect, it} from "vitest";
import {ACCESS_SCALES, accessTable, runAccessScale} from "../../bench/access.bench.ts";
import {markedSections} from "../../bench/readme.ts";
import {readFileSync} from "node:fs";

describe("access bench", () => {
  it("county scale: unsampled brute force agrees with the engine (else runAccessScale throws)", () => {
    const county = ACCESS_SCALES.find((s) => s.name === "county")!;
    const row = runAccessScale({...county, warmup: 0, runs: 1});
    expect(row.brute.sampled).toBe(false);
    expect(row.supplying.beds).toBeGreaterThan(0);
    expect(row.supplying.meals).toBeGreaterThan(0);
    expect(accessTable([row])).toContain("| county | 500 × 150");
  });

  it("a sampled scale extrapolates and still checks the sample", () => {
    const row = runAccessScale({name: "small", villages: 3000, facilities: 1000, warmup: 0, runs: 1, bruteFacilities: 20, bruteVillages: 50});
    expect(row.brute.sampled).toBe(true);
    expect(accessTable([row])).toContain("timed per good");
  });

  it("README.md and bench/README.md mark the access section", () => {
    for (const f of ["README.md", "bench/README.md"]) expect(markedSections(readFileSync(f, "utf8"))).toContain("access");
  });
});
