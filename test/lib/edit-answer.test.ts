// Every edit answers, and can be undone: on the default region, each edit's change of 服务圈覆盖 (and per tier) is
// the difference of the session's views, a zero change says why ("新服务圈内没有村社区" when the circle reaches no
// village), and undo/redo walk back and forth through the same figures.
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {SERVING} from "../../loaders/site-data.ts";
import {VillageReach} from "../../src/lib/engine/circles.ts";
import {editAnswer} from "../../src/lib/view/edit-answer.ts";
import {TIERS} from "../../src/lib/facility-types.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";
import type {ScenarioOp} from "../../src/lib/engine/scenario.ts";
import type {Facility} from "../../src/lib/types.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";

const {region} = await loadRegion("data/default");
const session = new WhatIfSession({...region, meta: {absent: region.meta.absent}}, mergeRadii(region.config.radii as never), {statuses: SERVING, date: region.meta.data_date});
const reach = new VillageReach(region.villages);
const county = region.counties.some((c) => c.code === "640302") ? "640302" : region.counties[0].code; // 利通区: has villages no tier reaches
const station = (id: string, lng: number, lat: number): Facility => ({
  id, name: id, type: "community_station", tier: "community", status: "operating", county_code: county, township_code: region.townships.find((t) => t.county_code === county)!.code,
  lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
});

/** Apply an op and answer it as the explorer does. */
function answer(op: ScenarioOp) {
  const before = session.view(county, "pop60").count;
  session.apply(op);
  const after = session.view(county, "pop60").count;
  const placed = op.op === "add" ? session.facility(op.facility.id) : op.op === "move" ? session.facility(op.id) : undefined;
  const reached = placed ? Object.values(reach.reach(placed, session.engine.radii())).reduce((a, n) => a + (n ?? 0), 0) : null;
  return {before, after, a: editAnswer(op, before, after, {reached, counted: true})};
}

describe("every edit answers", () => {
  it("names the change, and why it is zero", () => {
    session.reset([]);
    const cov = session.view(county, "pop60");
    // a station at a village no tier reaches: + that village's people (at least), no zero reason
    const k = cov.villageIdx.find((i) => TIERS.every((t) => cov.coverage.tiers[t].count[i] === 0) && region.villages[i].pop60 > 0)!;
    expect(k).toBeDefined();
    const v = region.villages[k];
    const hit = answer({op: "add", facility: station("WI-1", v.lng, v.lat)});
    expect(hit.a.delta).toBe(hit.after.covered - hit.before.covered);
    expect(hit.a.delta).toBeGreaterThanOrEqual(v.pop60);
    expect(hit.a.tierDelta.community).toBeGreaterThanOrEqual(v.pop60);
    expect(hit.a.zeroReason).toBeNull();
    expect(hit.a.text).toContain(`+${(hit.a.delta).toLocaleString("zh-CN")}`);
    // the same place again: the villages there are already covered by the tier
    const again = answer({op: "add", facility: station("WI-2", v.lng, v.lat)});
    expect([again.a.delta, again.a.zeroReason]).toEqual([0, "新服务圈内的村社区已被同层级设施覆盖"]);
    // far from every village: the circle reaches none
    const far = answer({op: "add", facility: station("WI-3", v.lng + 3, v.lat + 3)});
    expect([far.a.delta, far.a.zeroReason]).toEqual([0, "新服务圈内没有村社区"]);
    expect(far.a.text).toContain("新服务圈内没有村社区");
    // capacity never moves coverage
    const cap = answer({op: "capacity", id: "WI-1", fields: {area_m2: 120}});
    expect(cap.a.zeroReason).toMatch(/^容量修改不改变服务圈覆盖/);
    // removing the first station loses nothing: WI-2 stands at the same place
    const rm = answer({op: "remove", id: "WI-1"});
    expect([rm.a.delta, rm.a.zeroReason]).toEqual([0, "这些村社区仍在同层级其他设施的服务圈内"]);
    session.reset([]);
  });
});

describe("undo and redo", () => {
  it("walk back to the data and forward again through the same figures; a new edit drops the redo steps", () => {
    const session = new WhatIfSession({...region, meta: {absent: region.meta.absent}}, mergeRadii(region.config.radii as never), {statuses: SERVING, date: region.meta.data_date});
    expect([session.canUndo, session.canRedo]).toEqual([false, false]);
    const f = region.facilities.find((x) => x.county_code === county && x.tier === "community" && SERVING.includes(x.status))!;
    expect(f).toBeDefined();
    // two villages of the county the community tier does not reach
    const cov = session.view(county, "pop60");
    const [a, b] = cov.villageIdx.filter((i) => cov.coverage.tiers.community.count[i] === 0 && region.villages[i].pop60 > 0).map((i) => region.villages[i]);
    const ops: ScenarioOp[] = [
      {op: "add", facility: station("WI-9", a.lng, a.lat)},
      {op: "move", id: f.id, lng: b.lng, lat: b.lat},
      {op: "radius", type: f.type, settlement: "rural", metres: 6000},
      {op: "capacity", id: f.id, fields: {beds: 4}},
      {op: "remove", id: "WI-9"}
    ];
    const snap = () => {
      const v = session.view(county, "pop60");
      return {covered: v.count.covered, byTier: v.count.byTier, beds: v.metrics.counties[0].beds, ops: session.ops};
    };
    const states = [snap()];
    for (const op of ops) {
      session.apply(op);
      states.push(snap());
    }
    // the edits change the figures (the community tier, and beds), so walking back and forth is a real check
    expect(new Set(states.map((s) => s.byTier.community)).size).toBeGreaterThan(2);
    expect(new Set(states.map((s) => s.beds)).size).toBeGreaterThan(1);
    for (let i = states.length - 2; i >= 0; i--) {
      expect(session.undo()).toBe(true);
      expect(snap(), `undo to state ${i}`).toEqual(states[i]);
    }
    expect(session.canUndo).toBe(false);
    expect(session.undo()).toBe(false);
    for (let i = 1; i < states.length; i++) {
      expect(session.redo()).toBe(true);
      expect(snap(), `redo to state ${i}`).toEqual(states[i]);
    }
    expect(session.canRedo).toBe(false);
    session.undo();
    session.undo();
    expect(session.canRedo).toBe(true);
    session.apply({op: "remove", id: f.id});
    expect(session.canRedo).toBe(false);
    // replacing the scenario (import, reset to the data) is one undoable step
    const before = snap();
    session.replace([]);
    expect(session.ops).toEqual([]);
    session.undo();
    expect(snap()).toEqual(before);
    session.reset([]);
  });
});
