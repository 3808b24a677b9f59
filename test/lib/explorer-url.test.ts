import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {explorerUrl, parseExplorerUrl, type ExplorerUrlState} from "../../src/lib/view/explorer-url.ts";
import {readSaved, safeStorage, savedAtText, savedScenarioKey, serialiseSaved, type StorageLike} from "../../src/lib/view/explorer-saved.ts";
import {LAYER_GROUPS} from "../../src/lib/view/map-style.ts";
import type {ScenarioOp} from "../../src/lib/engine/scenario.ts";

const known = {
  counties: ["640302", "640303", "640323", "640324", "640381"],
  measures: ["pop60", "pop65", "pop80", "disabled"],
  layers: LAYER_GROUPS.map((g) => g.id) as string[]
};

describe("explorer URL", () => {
  it("reads county, measure, layers and selection", () => {
    expect(parseExplorerUrl("?county=640302&measure=pop65&layers=choropleth,circles,villages&select=f:F-1", known)).toEqual({
      county: "640302",
      measure: "pop65",
      layers: ["choropleth", "circles", "villages"],
      select: {kind: "facility", id: "F-1"}
    });
    expect(parseExplorerUrl("county=*&bundle=640303", known)).toEqual({county: "*", bundle: "640303"});
    expect(parseExplorerUrl("", known)).toEqual({});
  });

  it("ignores unknown or invalid values, without an error", () => {
    expect(parseExplorerUrl("?county=999999&measure=pop99&layers=nope,,x&select=q:1&bundle=640302", known)).toEqual({});
    expect(parseExplorerUrl("?county=%E0%A4%A&measure=", known)).toEqual({});
    expect(parseExplorerUrl("?select=f:" + "x".repeat(81), known)).toEqual({});
    // unknown names in a list are dropped; the list is put in the layers' own order, once each
    expect(parseExplorerUrl("?layers=villages,foo,choropleth,villages", known).layers).toEqual(["choropleth", "villages"]);
    // an empty list asks for no layers
    expect(parseExplorerUrl("?layers=", known).layers).toEqual([]);
  });

  it("writes a readable query and keeps other parameters", () => {
    expect(explorerUrl({county: "640302", measure: "pop65", layers: ["choropleth", "circles", "villages"]})).toBe("?county=640302&measure=pop65&layers=choropleth,circles,villages");
    expect(explorerUrl({county: "*", bundle: "640303"}, "?lang=zh&county=640302&layers=gaps")).toBe("?lang=zh&county=*&bundle=640303");
    expect(explorerUrl({})).toBe("");
    // bundle only goes with the all-counties view
    expect(explorerUrl({county: "640302", bundle: "640303"})).toBe("?county=640302");
    // an id with query characters is encoded
    const url = explorerUrl({county: "640302", select: {kind: "village", id: "a&b=c#d 名"}});
    expect(url).not.toContain("#");
    expect(parseExplorerUrl(url, known).select).toEqual({kind: "village", id: "a&b=c#d 名"});
  });

  it("round-trips any valid state (fast-check)", () => {
    const state = fc
      .record(
        {
          county: fc.constantFrom("*", ...known.counties),
          bundle: fc.constantFrom(...known.counties),
          measure: fc.constantFrom(...known.measures),
          layers: fc.subarray(known.layers),
          select: fc.record({kind: fc.constantFrom("facility" as const, "village" as const, "township" as const), id: fc.string({minLength: 1, maxLength: 80, unit: "grapheme"})})
        },
        {requiredKeys: []}
      )
      .map((s): ExplorerUrlState => {
        const out = {...s};
        if (out.county !== "*") delete out.bundle;
        return out;
      });
    const other = fc.dictionary(fc.constantFrom("a", "lang", "x y"), fc.string({maxLength: 10}), {maxKeys: 2});
    fc.assert(
      fc.property(state, other, (s, extra) => {
        const search = new URLSearchParams(extra).toString();
        const url = explorerUrl(s, search);
        expect(parseExplorerUrl(url, known)).toEqual(s);
        // the other parameters are still there, unchanged
        const params = new URLSearchParams(url);
        for (const [k, v] of Object.entries(extra)) expect(params.get(k)).toBe(v);
        // serialising what was read gives the same text
        expect(explorerUrl(parseExplorerUrl(url, known), url)).toBe(url);
      }),
      {numRuns: 300}
    );
  });
});

describe("explorer saved scenario", () => {
  const op: ScenarioOp = {op: "remove", id: "F1"};

  it("keys by region and bundle, apart from the siting hand-over", () => {
    expect(savedScenarioKey("default", "640302")).toBe("carecircle:explorer:default:640302");
    expect(savedScenarioKey("default", "640302")).not.toBe("carecircle.scenario.v1");
  });

  it("stores a scenario file and reads it back", () => {
    const text = serialiseSaved("default", [op, {op: "capacity", id: "F2", fields: {beds: 30}}], new Date("2026-12-01T10:00:00Z"));
    const read = readSaved(text, "default");
    expect(read.kind).toBe("ok");
    if (read.kind !== "ok") return;
    expect(read.scenario.ops).toEqual([op, {op: "capacity", id: "F2", fields: {beds: 30}}]);
    expect(read.scenario.created).toBe("2026-12-01T10:00:00.000Z");
    // nothing to offer: no text, or no ops
    expect(readSaved(null, "default")).toEqual({kind: "none"});
    expect(readSaved(serialiseSaved("default", [], new Date()), "default")).toEqual({kind: "none"});
    // unreadable or another region's: why
    expect(readSaved("{", "default").kind).toBe("invalid");
    const other = readSaved(text, "elsewhere");
    expect(other.kind === "invalid" && other.message).toMatch(/^scenario\.region/);
  });

  it("formats the save time, and leaves a non-date as it is", () => {
    expect(savedAtText("2026-12-01T10:05:00Z")).toMatch(/^2026-12-0[12] \d\d:05$/);
    expect(savedAtText("yesterday")).toBe("yesterday");
  });

  it("survives storage that is missing or throws", () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      }
    };
    for (const s of [
      safeStorage(() => throwing),
      safeStorage(() => null),
      safeStorage(() => {
        throw new Error("localStorage is not available");
      })
    ]) {
      expect(s.get("k")).toBeNull();
      expect(s.set("k", "v")).toBe(false);
      expect(s.remove("k")).toBe(false);
    }
    const map = new Map<string, string>();
    const ok = safeStorage(() => ({getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k)}));
    expect(ok.set("k", "v")).toBe(true);
    expect(ok.get("k")).toBe("v");
    expect(ok.remove("k")).toBe(true);
    expect(ok.get("k")).toBeNull();
  });
});
