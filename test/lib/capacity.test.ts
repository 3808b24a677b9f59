// Capacity in the what-if: defaults by type from region.json config.whatif_capacity (the default region's come from
// seed 001 and the 14th five-year plan), a new facility's beds/nursing beds/meal seats/area reach the county's
// bed, nursing-share, meal and area figures; a capacity op on a data facility does too; scenario files carry
// the fields and old files (without them) still load; the log folds capacity edits.
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {SERVING} from "../../loaders/site-data.ts";
import {capacityConfigErrors, capacityDefaults, CAPACITY_DEFAULTS} from "../../src/lib/engine/capacity.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
import {parseScenario, type ScenarioOp} from "../../src/lib/engine/scenario.ts";
import {recordOp} from "../../src/lib/engine/scenario-log.ts";
import type {Facility} from "../../src/lib/types.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";

const {region} = await loadRegion("data/default");
const defaults = capacityDefaults((region.config as Record<string, unknown>).whatif_capacity);
const session = new WhatIfSession({...region, meta: {absent: region.meta.absent}}, mergeRadii(region.config.radii as never), {statuses: SERVING, date: region.meta.data_date});

describe("capacity defaults", () => {
  it("the default region sets new township centres from seed 001: 30 beds, 30–40 m² per bed, nursing ≥ 55 %", () => {
    const c = defaults.township_centre.capacity;
    expect(c.beds).toBe(30);
    expect(c.area_m2 / c.beds).toBeGreaterThanOrEqual(30);
    expect(c.area_m2 / c.beds).toBeLessThanOrEqual(40);
    expect(c.nursing_beds / c.beds).toBeGreaterThanOrEqual(0.55);
    expect(defaults.township_centre.source).toMatch(/三年行动方案/);
    // types the region does not set keep the built-in assumptions, labelled as such
    expect(defaults.canteen).toEqual(CAPACITY_DEFAULTS.canteen);
    expect(defaults.canteen.source).toMatch(/规划假设/);
  });

  it("region overrides apply per field; bad values are named", () => {
    const d = capacityDefaults({meal_site: {meal_seats: 35}, source: "本县助餐方案"});
    expect(d.meal_site.capacity).toEqual({...CAPACITY_DEFAULTS.meal_site.capacity, meal_seats: 35});
    expect(d.meal_site.source).toBe("本县助餐方案");
    expect(capacityConfigErrors({township_centre: {beds: -1}, spa: {beds: 1}, canteen: {seats: 3}})).toEqual([
      "region.json: config.whatif_capacity.township_centre.beds: expected a number ≥ 0, found -1",
      expect.stringContaining("config.whatif_capacity.spa: unknown facility type"),
      expect.stringContaining("config.whatif_capacity.canteen.seats: unknown field")
    ]);
    expect(capacityConfigErrors((region.config as Record<string, unknown>).whatif_capacity)).toEqual([]);
  });
});

describe("capacity in the what-if", () => {
  const county = region.counties[0].code;
  const township = region.townships.find((t) => t.county_code === county)!;
  const centre: Facility = {
    id: "WI-1", name: "新中心", type: "township_centre", tier: "township", status: "operating", county_code: county, township_code: township.code,
    lng: region.villages.find((v) => v.township_code === township.code)!.lng, lat: region.villages.find((v) => v.township_code === township.code)!.lat,
    ...defaults.township_centre.capacity, operator: "public", modelled: []
  };

  it("a new township centre with the defaults moves beds, nursing share, beds per 1 000 and area per bed", () => {
    session.reset([]);
    const m0 = session.view(county, "pop60").metrics.counties[0];
    session.apply({op: "add", facility: centre});
    const m1 = session.view(county, "pop60").metrics.counties[0];
    expect(m1.beds! - m0.beds!).toBe(30);
    expect(m1.nursing_beds! - m0.nursing_beds!).toBe(17);
    // the nursing share counts institution beds (county institutions, nursing homes, township centres)
    expect(m1.institution_beds! - m0.institution_beds!).toBe(30);
    expect(m1.nursing_share).not.toBeCloseTo(m0.nursing_share!, 6);
    expect(m1.nursing_share).toBeCloseTo((m0.nursing_share! * m0.institution_beds! + 17) / (m0.institution_beds! + 30), 12);
    expect(m1.beds_per_1000_60!).toBeGreaterThan(m0.beds_per_1000_60!);
    session.reset([]);
  });

  it("a capacity op on a data facility changes its figures; a canteen's seats reach the meal figures", () => {
    session.reset([]);
    const canteen = region.facilities.find((f) => f.county_code === county && (f.type === "canteen" || f.type === "meal_site") && SERVING.includes(f.status))!;
    const m0 = session.view(county, "pop60").metrics.counties[0];
    session.apply({op: "capacity", id: canteen.id, fields: {meal_seats: canteen.meal_seats + 40}});
    const m1 = session.view(county, "pop60").metrics.counties[0];
    expect(m1.meal_seats! - m0.meal_seats!).toBe(40);
    expect(session.facility(canteen.id)!.meal_seats).toBe(canteen.meal_seats + 40);
    // coverage does not depend on capacity
    expect(m1.covered_any).toBe(m0.covered_any);
    session.reset([]);
  });

  it("scenario files carry capacity; old files without the fields still load (figures 0)", () => {
    const ops: ScenarioOp[] = [{op: "add", facility: centre}, {op: "capacity", id: region.facilities[0].id, fields: {beds: 12, area_m2: 400}}];
    const file = JSON.parse(JSON.stringify({format: "carecircle-scenario", version: 1, region: region.meta.id, name: "x", created: "", ops}));
    expect(parseScenario(file, region.meta.id).ops).toEqual(ops);
    const {beds: _b, nursing_beds: _n, meal_seats: _m, area_m2: _a, social_workers: _s, ...old} = centre;
    const parsed = parseScenario({format: "carecircle-scenario", version: 1, region: region.meta.id, name: "旧", created: "", ops: [{op: "add", facility: old}]});
    expect((parsed.ops[0] as Extract<ScenarioOp, {op: "add"}>).facility).toMatchObject({beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, social_workers: 0});
    expect(() => parseScenario({...file, ops: [{op: "capacity", id: "F1", fields: {beds: -3}}]})).toThrow(/fields\.beds/);
  });

  it("the log folds capacity into an added facility's add and merges repeated edits of a data facility", () => {
    let ops = recordOp([], {op: "add", facility: centre});
    ops = recordOp(ops, {op: "capacity", id: "WI-1", fields: {beds: 20}});
    expect(ops).toEqual([{op: "add", facility: {...centre, beds: 20}}]);
    ops = recordOp(ops, {op: "capacity", id: "F1", fields: {beds: 5}});
    ops = recordOp(ops, {op: "capacity", id: "F1", fields: {area_m2: 100}});
    expect(ops.slice(1)).toEqual([{op: "capacity", id: "F1", fields: {beds: 5, area_m2: 100}}]);
    expect(recordOp(ops, {op: "remove", id: "F1"}).slice(1)).toEqual([{op: "remove", id: "F1"}]);
  });
});
