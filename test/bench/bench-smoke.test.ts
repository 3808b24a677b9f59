/**
 * The coverage bench at county scale, in `npm test`: it must run to the end, and its four answers (engine,
 * kdbush + geokdbush, typed-array loop, Turf as the oracle) must agree on every village. Timings are not asserted.
 */
import {describe, expect, it} from "vitest";
import {
  checkAgree,
  engineAnswer,
  engineRun,
  libraryAnswer,
  loopAnswer,
  runScale,
  SCALES,
  turfAnswer,
  whatIf
} from "../../bench/coverage.bench.ts";
import type {Problem} from "../../bench/coverage.bench.ts";
import {markedSections, replaceSection} from "../../bench/readme.ts";
import {synthRegion} from "../../bench/synth.ts";
import {SERVING_STATUSES} from "../../src/lib/facility-types.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";

const county = SCALES.find((s) => s.name === "county")!;

describe("coverage bench, county scale", () => {
  it("runs every method on every village and they agree (the bench's own check)", () => {
    const row = runScale({...county, warmup: 1, runs: 1});
    expect(row.villages).toBe(500);
    for (const m of [row.library, row.loop, row.turf]) expect(m.timedVillages).toBe(500);
    for (const m of [row.engine, row.library, row.loop, row.turf]) expect(Number.isFinite(m.ms) && m.ms > 0).toBe(true);
    expect(row.peakRssMB).toBeGreaterThan(0);
  });

  it("the engine's counts and nearest distances equal Turf's, and so do the library's and the loop's", () => {
    const region = synthRegion({seed: 2024, villages: county.villages, facilities: county.facilities});
    const p: Problem = {villages: region.villages, facilities: region.facilities, radii: defaultRadii(), statuses: SERVING_STATUSES};
    const all = Int32Array.from(region.villages, (_, i) => i);
    const oracle = turfAnswer(p, all);
    const engine = engineAnswer(engineRun(p), all);
    expect(Array.from(engine.count)).toEqual(Array.from(oracle.count));
    expect(oracle.count.some((c) => c > 0) && oracle.count.some((c) => c === 0)).toBe(true); // covered and uncovered villages
    engine.nearest.forEach((d, i) => expect(Math.abs(d - oracle.nearest[i]) <= 1e-9 * oracle.nearest[i]).toBe(true));
    for (const other of [libraryAnswer(p, all), loopAnswer(p, all)]) {
      expect(Array.from(other.count)).toEqual(Array.from(oracle.count));
      other.nearest.forEach((d, i) => expect(Math.abs(d - oracle.nearest[i]) <= 1e-9 * oracle.nearest[i]).toBe(true));
    }
  });

  it("a baseline that counts other statuses than the engine is caught (the bug that stopped `npm run bench`)", () => {
    expect(() => runScale({...county, warmup: 0, runs: 1}, {statuses: ["operating"]})).toThrow(/disagree at village \d+, tier \w+: cover count/);
  });

  it("checkAgree names the village, the tier and both values", () => {
    const a = {count: Int32Array.of(1, 0, 0, 0), nearest: Float64Array.of(10, 20, 30, 40)};
    const b = {count: Int32Array.of(1, 0, 0, 0), nearest: Float64Array.of(10, 20, 30.001, 40)};
    expect(() => checkAgree(a, a, 1, Int32Array.of(7), ["x", "y"])).not.toThrow();
    expect(() => checkAgree(a, b, 1, Int32Array.of(7), ["x", "y"])).toThrow("x and y disagree at village 7, tier community: nearest 30 m vs 30.001 m");
  });

  it("a short what-if run ends equal to a fresh engine", () => {
    const medians = whatIf(60);
    expect(Object.keys(medians).sort()).toEqual(["add", "move", "remove", "setRadius"]);
  });
});

describe("README sections written by the bench", () => {
  const text = "intro\n<!-- bench:coverage:start -->\nold table\n<!-- bench:coverage:end -->\noutro";

  it("replaces only the text between the markers, keeping them", () => {
    const out = replaceSection(text, "coverage", "| new | table |");
    expect(out).toBe("intro\n<!-- bench:coverage:start -->\n| new | table |\n<!-- bench:coverage:end -->\noutro");
    expect(replaceSection(out, "coverage", "| new | table |")).toBe(out);
    expect(markedSections(out)).toEqual(["coverage"]);
  });

  it("refuses a file without the markers instead of losing the figures", () => {
    expect(() => replaceSection(text, "siting", "x")).toThrow("No <!-- bench:siting:start --> … <!-- bench:siting:end --> pair");
  });
});
