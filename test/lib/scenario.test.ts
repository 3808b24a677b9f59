import {describe, expect, it} from "vitest";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {applyScenario, emptyScenario, parseScenario, scenarioCounty, type Scenario} from "../../src/lib/engine/scenario.ts";
import type {Facility, Village} from "../../src/lib/types.ts";

const village = (code: string, lng: number, lat: number, pop60: number): Village => ({
  code, name: code, township_code: code.slice(0, 9), county_code: code.slice(0, 6), kind: "village", settlement: "urban",
  lng, lat, pop60, pop65: 0, pop80: 0, disabled: 0, alone: 0, modelled: []
});
const station = (id: string, lng: number, lat: number): Facility => ({
  id, name: id, type: "community_station", tier: "community", status: "operating", county_code: "640302", township_code: "640302100",
  lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
});

describe("scenario", () => {
  // urban community_station radius 1 000 m; 0.01° of latitude ≈ 1 112 m
  const villages = [village("640302100201", 106.2, 38.0, 100), village("640302100202", 106.2, 38.02, 50)];
  const base = [station("S1", 106.2, 38.0)];

  it("applies ops in order, and the result equals building the end state from scratch", () => {
    const s: Scenario = {
      ...emptyScenario("default", "测试", "2025-01-01"),
      ops: [
        {op: "add", facility: station("N1", 106.2, 38.021)},
        {op: "move", id: "S1", lng: 106.2, lat: 38.001},
        {op: "radius", type: "community_station", settlement: "urban", metres: 500}
      ]
    };
    const e = new CoverageEngine(villages, base, defaultRadii());
    applyScenario(e, parseScenario(JSON.parse(JSON.stringify(s)), "default"));
    const radii = defaultRadii();
    radii.community_station.urban = 500;
    const fresh = new CoverageEngine(villages, [station("S1", 106.2, 38.001), station("N1", 106.2, 38.021)], radii);
    expect(Array.from(e.result().tiers.community.count)).toEqual(Array.from(fresh.result().tiers.community.count));
    expect(Array.from(e.result().tiers.community.count)).toEqual([1, 1]);
  });

  it("names the step that cannot be applied", () => {
    const e = new CoverageEngine(villages, base, defaultRadii());
    const s = {...emptyScenario("default"), ops: [{op: "remove" as const, id: "NOPE"}]};
    expect(() => applyScenario(e, s)).toThrow(/方案第 1 步（remove）/);
  });

  it("rejects a bad file with field, expectation and value", () => {
    const ok = emptyScenario("default");
    expect(() => parseScenario({...ok, format: "x"})).toThrow('scenario.format: expected "carecircle-scenario", found "x"');
    expect(() => parseScenario(ok, "other")).toThrow('scenario.region: expected the current region "other", found "default"');
    expect(() => parseScenario({...ok, ops: [{op: "radius", type: "community_station", settlement: "urban", metres: -1}]})).toThrow(
      "scenario.ops[0].metres: expected a number in [1, 500000], found -1"
    );
    expect(() => parseScenario({...ok, ops: [{op: "add", facility: {...station("X", 1, 2), type: "spaceport"}}]})).toThrow(/scenario.ops\[0\].facility.type: expected one of/);
  });

  it("keeps a hostile name as plain data (escaping is the page's job) and drops unknown fields", () => {
    const s = parseScenario({...emptyScenario("default"), ops: [{op: "add", facility: {...station("X", 106, 38), name: "<img src=x onerror=alert(1)>", extra: 1}}]});
    const f = (s.ops[0] as {facility: Facility & {extra?: number}}).facility;
    expect(f.name).toBe("<img src=x onerror=alert(1)>");
    expect(f.extra).toBeUndefined();
  });

  it("names the county a scenario's facility ops touch most", () => {
    const data = [{id: "A1", county_code: "150626"}, {id: "B1", county_code: "640302"}, {id: "B2", county_code: "640302"}];
    const inB = {...station("N1", 106.2, 38.0), county_code: "640302"};
    const inA = {...station("N2", 109.0, 39.0), county_code: "150626"};
    // siting: adds only
    expect(scenarioCounty([{op: "add", facility: inB}], data)).toBe("640302");
    // removes and moves are looked up by id: one op in A, two in B
    expect(scenarioCounty([{op: "remove", id: "A1"}, {op: "remove", id: "B1"}, {op: "move", id: "B2", lng: 106.21, lat: 38.0}], data)).toBe("640302");
    // a move into another county counts where the facility ends up; a later op on it follows it there
    expect(scenarioCounty([{op: "move", id: "A1", lng: 106.2, lat: 38.0, place: {county_code: "640302", township_code: "640302100"}}, {op: "remove", id: "B1"}], data)).toBe("640302");
    expect(scenarioCounty([{op: "move", id: "A1", lng: 106.2, lat: 38.0, place: {county_code: "640302", township_code: "640302100"}}, {op: "remove", id: "A1"}, {op: "add", facility: inA}], data)).toBe("640302");
    // ids added by the scenario itself are known to later ops
    expect(scenarioCounty([{op: "remove", id: "B1"}, {op: "add", facility: inA}, {op: "move", id: "N2", lng: 109.01, lat: 39.0}], data)).toBe("150626");
    // a tie goes to the county touched first
    expect(scenarioCounty([{op: "add", facility: inA}, {op: "add", facility: inB}], data)).toBe("150626");
    expect(scenarioCounty([{op: "add", facility: inB}, {op: "add", facility: inA}], data)).toBe("640302");
    // nothing to go by: radius changes, unknown ids
    expect(scenarioCounty([{op: "radius", type: "community_station", settlement: "urban", metres: 500}, {op: "remove", id: "ZZ"}], data)).toBeNull();
    expect(scenarioCounty([], data)).toBeNull();
  });
});
