// Pure logic behind the coverage explorer: scenario recording (compaction keeps the meaning), Chinese scenario
// errors, service circles, legend entries, and the what-if session against the engine and metrics directly.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {serviceCircle, serviceCircles} from "../../src/lib/engine/circles.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {FACILITY_TYPES, SERVING_STATUSES, TIER_OF, TIERS} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {legendSections} from "../../src/lib/view/legend.ts";
import {LAYER_GROUPS, NETWORK_STEPS, RING_CLASSES, RING_DASH, TIER_COLOR, TYPE_COLOR, type LayerGroup} from "../../src/lib/view/map-style.ts";
import {computeMetrics} from "../../src/lib/plan/metrics.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {applyScenario, emptyScenario, parseScenario, type ScenarioOp} from "../../src/lib/engine/scenario.ts";
import {newFacilityId, recordOp, scenarioErrorZh} from "../../src/lib/engine/scenario-log.ts";
import {judgeTargets} from "../../src/lib/plan/milestones.ts";
import {evaluate} from "../../src/lib/plan/targets.ts";
import {metricsAsOf} from "../../src/lib/engine/timeline.ts";
import type {Facility, Target} from "../../src/lib/types.ts";
import {WhatIfSession} from "../../src/lib/engine/whatif.ts";
import {loadFixture} from "../helpers/fixtures.ts";

const fx = loadFixture("two-townships");
const station = (id: string, lng: number, lat: number, type: Facility["type"] = "community_station"): Facility => ({
  id, name: id, type, tier: "community", status: "operating", county_code: "640302", township_code: "640302001",
  lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []
});
const counts = (e: CoverageEngine) => TIERS.map((t) => Array.from(e.result().tiers[t].count));

describe("recordOp", () => {
  it("folds a move of an added facility into its add, and a remove of it into nothing", () => {
    const f = station("WI-1", 106, 38);
    let ops = recordOp([], {op: "add", facility: f});
    ops = recordOp(ops, {op: "move", id: "WI-1", lng: 106.01, lat: 38.01});
    expect(ops).toEqual([{op: "add", facility: {...f, lng: 106.01, lat: 38.01}}]);
    expect(recordOp(ops, {op: "remove", id: "WI-1"})).toEqual([]);
  });

  it("keeps only the last move of a data facility, and drops moves before its removal", () => {
    let ops = recordOp([], {op: "move", id: "S1", lng: 1, lat: 2});
    ops = recordOp(ops, {op: "move", id: "S1", lng: 3, lat: 4});
    expect(ops).toEqual([{op: "move", id: "S1", lng: 3, lat: 4}]);
    expect(recordOp(ops, {op: "remove", id: "S1"})).toEqual([{op: "remove", id: "S1"}]);
  });

  it("keeps the last radius per type and class, and nothing when set back to the base value", () => {
    const base = defaultRadii();
    let ops = recordOp([], {op: "radius", type: "canteen", settlement: "urban", metres: 700}, base);
    ops = recordOp(ops, {op: "radius", type: "canteen", settlement: "urban", metres: 800}, base);
    expect(ops).toEqual([{op: "radius", type: "canteen", settlement: "urban", metres: 800}]);
    expect(recordOp(ops, {op: "radius", type: "canteen", settlement: "urban", metres: base.canteen.urban}, base)).toEqual([]);
  });

  it("applying the recorded ops gives the same coverage as applying every edit (random edit sequences)", () => {
    const edit = fc.oneof(
      fc.record({kind: fc.constant("add" as const), lng: fc.double({min: 105.95, max: 106.25, noNaN: true}), lat: fc.double({min: 37.9, max: 38.1, noNaN: true}), type: fc.constantFrom(...FACILITY_TYPES)}),
      fc.record({
        kind: fc.constant("move" as const),
        pick: fc.nat(),
        lng: fc.double({min: 105.95, max: 106.25, noNaN: true}),
        lat: fc.double({min: 37.9, max: 38.1, noNaN: true}),
        place: fc.option(fc.constantFrom("640302001", "640302002").map((t) => ({county_code: "640302", township_code: t})), {nil: undefined})
      }),
      fc.record({kind: fc.constant("remove" as const), pick: fc.nat()}),
      fc.record({kind: fc.constant("radius" as const), type: fc.constantFrom(...FACILITY_TYPES), settlement: fc.constantFrom("urban" as const, "rural" as const), metres: fc.integer({min: 100, max: 30000})})
    );
    fc.assert(
      fc.property(fc.array(edit, {maxLength: 25}), (edits) => {
        const live = new CoverageEngine(fx.villages, fx.facilities, defaultRadii());
        let ops: ScenarioOp[] = [];
        let n = 0;
        for (const e of edits) {
          const ids = live.facilities().map((f) => f.id);
          let op: ScenarioOp | undefined;
          if (e.kind === "add") op = {op: "add", facility: {...station(`WI-${++n}`, e.lng, e.lat, e.type), tier: TIER_OF[e.type]}};
          else if (e.kind === "radius") op = {op: "radius", type: e.type, settlement: e.settlement, metres: e.metres};
          else if (ids.length) {
            const id = ids[e.pick % ids.length];
            op = e.kind === "move" ? {op: "move", id, lng: e.lng, lat: e.lat, ...(e.place ? {place: e.place} : {})} : {op: "remove", id};
          }
          if (!op) continue;
          applyScenario(live, {...emptyScenario("t"), ops: [op]});
          ops = recordOp(ops, op, defaultRadii());
        }
        const replay = new CoverageEngine(fx.villages, fx.facilities, defaultRadii());
        applyScenario(replay, parseScenario(JSON.parse(JSON.stringify({...emptyScenario("t"), ops}))));
        expect(counts(replay)).toEqual(counts(live));
        expect(replay.radii()).toEqual(live.radii());
        // the same facility records too: positions, townships, village codes
        const byId = (e: CoverageEngine) => [...e.facilities()].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId(replay)).toEqual(byId(live));
      }),
      {numRuns: 150, seed: 42}
    );
  });

  it("a move with a place re-homes the facility: an added one's township changes and its village code goes", () => {
    const f = {...station("WI-1", 106, 38), village_code: "640302001001"};
    const place = {county_code: "640302", township_code: "640302002"};
    const ops = recordOp([{op: "add", facility: f}], {op: "move", id: "WI-1", lng: 106.2, lat: 38, place});
    const {village_code: _, ...rest} = f;
    expect(ops).toEqual([{op: "add", facility: {...rest, lng: 106.2, lat: 38, township_code: "640302002"}}]);
  });

  it("a later move without a place keeps the township an earlier move gave", () => {
    const place = {county_code: "640302", township_code: "640302002"};
    let ops = recordOp([], {op: "move", id: "K1", lng: 106.2, lat: 38, place});
    ops = recordOp(ops, {op: "move", id: "K1", lng: 106.21, lat: 38});
    expect(ops).toEqual([{op: "move", id: "K1", lng: 106.21, lat: 38, place}]);
  });

  it("makes fresh ids", () => {
    const taken = new Set(["WI-1", "WI-2"]);
    expect(newFacilityId((id) => taken.has(id))).toBe("WI-3");
  });
});

describe("scenarioErrorZh", () => {
  const errorOf = (value: unknown, region?: string) => {
    try {
      parseScenario(value, region);
    } catch (e) {
      return scenarioErrorZh((e as Error).message);
    }
    throw new Error("no error");
  };
  const ok = emptyScenario("default");

  it("names the step and field in Chinese", () => {
    expect(errorOf({...ok, ops: [{op: "move", id: "S1", lng: "东经", lat: 38}]})).toBe('方案文件有误：第 1 步操作 · 经度 应为-180 到 180 之间的数字，实际为 "东经"。');
    expect(errorOf({...ok, ops: [{op: "fly"}]})).toMatch(/^方案文件有误：第 1 步操作 · 操作类型 应为add（新增）/);
    expect(errorOf({...ok, format: undefined})).toBe('方案文件有误：格式标识 应为"carecircle-scenario"，实际为 （缺失）。');
    expect(errorOf(ok, "other")).toMatch(/地区 应为当前地区“other”/);
  });

  it("checks a move's place", () => {
    expect(errorOf({...ok, ops: [{op: "move", id: "S1", lng: 106, lat: 38, place: 5}]})).toBe("方案文件有误：第 1 步操作 · 新位置所属乡镇 应为一个含乡镇代码和县代码的对象，实际为 5。");
    expect(errorOf({...ok, ops: [{op: "move", id: "S1", lng: 106, lat: 38, place: {county_code: "640302"}}]})).toBe("方案文件有误：第 1 步操作 · 新位置所属乡镇 · 乡镇代码 应为不超过 12 个字符的文字，实际为 （缺失）。");
    const place = {county_code: "640302", township_code: "640302002"};
    expect(parseScenario({...ok, ops: [{op: "move", id: "S1", lng: 106, lat: 38, place}]}).ops).toEqual([{op: "move", id: "S1", lng: 106, lat: 38, place}]);
  });

  it("explains engine refusals and broken JSON", () => {
    const e = new CoverageEngine(fx.villages, fx.facilities, defaultRadii());
    let msg = "";
    try {
      applyScenario(e, {...ok, ops: [{op: "remove", id: "NOPE"}]});
    } catch (err) {
      msg = scenarioErrorZh((err as Error).message);
    }
    expect(msg).toBe("方案第 1 步（remove）无法执行：找不到编号为 NOPE 的设施（方案可能基于另一版数据）。");
    let json = "";
    try {
      JSON.parse("{oops");
    } catch (err) {
      json = scenarioErrorZh((err as Error).message);
    }
    expect(json).toMatch(/^文件不是有效的 JSON 方案文件/);
  });
});

describe("service circles", () => {
  it("a ring has the type's radius for its settlement class, on the sphere", () => {
    const radii = defaultRadii();
    const c = serviceCircle(station("S", 106, 38), "rural", radii, 32);
    expect(c.properties).toEqual({id: "S", tier: "community", type: "community_station", settlement: "rural", radius: radii.community_station.rural, villages: 0, primary: true});
    const ring = c.geometry.coordinates[0];
    expect(ring.length).toBe(33);
    for (const [lng, lat] of ring) expect(haversine(106, 38, lng, lat)).toBeCloseTo(radii.community_station.rural, -1);
  });

  it("one ring per settlement class the facility reaches, by the village's class; the fallback class when it reaches none", () => {
    const radii = defaultRadii(); // community station: urban 1 km, rural 2 km, pastoral 10 km
    const east = (m: number) => 106 + m / (111_195 * Math.cos((38 * Math.PI) / 180));
    const villages = [
      {lng: east(800), lat: 38, settlement: "urban" as const}, // in the urban ring
      {lng: east(1_500), lat: 38, settlement: "urban" as const}, // beyond 1 km: not reached
      {lng: east(6_000), lat: 38, settlement: "pastoral" as const}, // in the 10 km pastoral ring
      {lng: east(3_000), lat: 38, settlement: "rural" as const} // beyond 2 km: not reached
    ];
    const all = serviceCircles([station("S", 106, 38)], villages, radii, () => "rural");
    expect(all.features.map((f) => [f.properties.settlement, f.properties.radius, f.properties.villages, f.properties.primary])).toEqual([
      ["pastoral", 10_000, 1, false],
      ["urban", 1_000, 1, true] // no rural village reached: the smallest ring is the main one
    ]);
    const none = serviceCircles([station("S", 100, 30)], villages, radii, () => undefined);
    expect(none.features.map((f) => [f.properties.settlement, f.properties.villages])).toEqual([["rural", 0]]);
  });
});

describe("legend", () => {
  const all = new Set(LAYER_GROUPS.map((g) => g.id));

  it("lists only visible groups, top layer first", () => {
    expect(legendSections(all).map((s) => s.group)).toEqual(["facilities", "access", "villages", "outlines", "circles", "gaps", "heatmap", "choropleth"]);
    // the legend's order is the map's: LAYER_GROUPS bottom first, reversed
    // (the network layer's section needs the region's roads: without them it is not offered)
    expect(legendSections(all).map((s) => s.group)).toEqual([...LAYER_GROUPS].reverse().map((g) => g.id).filter((g) => g !== "network"));
    expect(legendSections(all, {network: {tier: "community", mode: "步行", minutes: 15, areas: true}}).map((s) => s.group)).toEqual([...LAYER_GROUPS].reverse().map((g) => g.id));
    const some = new Set<LayerGroup>(["gaps", "villages"]);
    expect(legendSections(some).map((s) => s.group)).toEqual(["villages", "gaps"]);
    expect(legendSections(new Set())).toEqual([]);
  });

  it("the network section names the tier, mode and threshold; service areas only where they are drawn", () => {
    const [walk] = legendSections(new Set<LayerGroup>(["network"]), {network: {tier: "community", mode: "步行", minutes: 15, areas: true}});
    expect(walk.title).toBe("路网通行时间（村/社区级设施，步行）");
    expect(walk.items.map((i) => i.label)).toEqual(["15 分钟内（计为覆盖）", "15–30 分钟", "30 分钟以上", "路网不可达", "服务区：设施沿道路步行15分钟可达的路段", "道路"]);
    expect(walk.items.slice(0, 4).map((i) => (i.swatch as {color: string}).color)).toEqual(NETWORK_STEPS.map((x) => x.color));
    const [drive] = legendSections(new Set<LayerGroup>(["network"]), {network: {tier: "county", mode: "驾车", minutes: 30, areas: false}});
    expect(drive.items.map((i) => i.label)).not.toContain("服务区：设施沿道路驾车30分钟可达的路段");
  });

  it("takes colours and shapes from the map style tables, only for the types drawn", () => {
    const [fac] = legendSections(new Set<LayerGroup>(["facilities"]), {types: ["canteen", "township_centre"], statuses: ["operating", "planned"]});
    const markers = fac.items.filter((i) => i.swatch.kind === "marker" && i.swatch.color !== "#666666");
    expect(markers.map((m) => m.swatch)).toEqual([
      {kind: "marker", shape: "diamond", color: TYPE_COLOR.township_centre, fill: "filled"},
      {kind: "marker", shape: "triangle", color: TYPE_COLOR.canteen, fill: "filled"}
    ]);
    expect(fac.items.map((i) => i.label)).toContain("规划（空心）");
    expect(fac.items.map((i) => i.label).some((l) => l.includes("在建"))).toBe(false);
    const circles = legendSections(new Set<LayerGroup>(["circles"]))[0];
    const fills = circles.items.filter((i) => i.swatch.kind === "fill");
    expect(fills.map((i) => (i.swatch as {color: string}).color)).toEqual(TIERS.map((t) => TIER_COLOR[t]));
    // one outline style per settlement class, as the ring layers draw them
    const lines = circles.items.filter((i) => i.swatch.kind === "line");
    expect(lines.map((i) => (i.swatch as {dash?: readonly number[] | null}).dash ?? null)).toEqual(RING_CLASSES.map((c) => RING_DASH[c]));
    expect(lines.map((i) => i.label)).toEqual(["对城镇社区的半径（实线）", "对农村村庄的半径（虚线）", "对牧区嘎查/村的半径（点线）"]);
  });
});

describe("WhatIfSession", () => {
  const targets: Target[] = [
    {id: "T1", indicator: "coverage_any", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.9, deadline: "2030-12-31", source: "test"},
    {id: "T2", indicator: "station_share", scope: "township", scope_code: "640302002", comparator: ">=", threshold: 1, deadline: "2030-12-31", source: "test"},
    {id: "T3", indicator: "station_share", scope: "township", scope_code: "999999001", comparator: ">=", threshold: 1, deadline: "2030-12-31", source: "other county"}
  ];
  const data = {...fx, targets};
  const opts = {statuses: SERVING_STATUSES, date: "2025-06-30"};

  it("matches the engine, computeMetrics and evaluate run directly, before and after an edit", () => {
    const s = new WhatIfSession(data, defaultRadii(), opts);
    const add: ScenarioOp = {op: "add", facility: station("WI-1", 106.2, 38.02, "mutual_aid")};
    for (const step of [null, add]) {
      if (step) s.apply(step);
      const facilities = step ? [...fx.facilities, (step as {facility: Facility}).facility] : fx.facilities;
      const e = new CoverageEngine(fx.villages, facilities, defaultRadii(), {statuses: SERVING_STATUSES});
      const sum = e.summary("pop80");
      const v = s.view("640302", "pop80");
      expect(v.count.covered).toBe(sum.coveredAny);
      expect(v.count.total).toBe(sum.total);
      expect(v.count.byTier).toEqual(sum.covered);
      const m = computeMetrics(fx, e.result(), {statuses: SERVING_STATUSES});
      expect(v.metrics.counties[0].covered_any).toBe(m.counties[0].covered_any);
      // today's values are evaluate's; the lights are the build's judgement in time (milestones.ts)
      expect(v.statuses.map((x) => x.value)).toEqual(evaluate(targets.slice(0, 2), m, "2025-06-30").map((x) => x.value));
      expect(v.statuses).toEqual(judgeTargets(targets.slice(0, 2), (d) => metricsAsOf({...fx, facilities}, d, "2025-06-30", defaultRadii(), {statuses: SERVING_STATUSES}), "2025-06-30"));
    }
    expect(s.ops).toEqual([add]);
  });

  it("judges a passed deadline on the recorded network: an edit made today changes today's value, not the value then", () => {
    const past: Target = {id: "P", indicator: "coverage_any", scope: "county", scope_code: "640302", comparator: ">=", threshold: 0.99, deadline: "2024-12-31", source: "test"};
    const s = new WhatIfSession({...fx, targets: [past]}, defaultRadii(), opts);
    const before = s.view("640302", "pop60").statuses[0];
    s.apply({op: "add", facility: station("WI-2", 106.2, 38.1, "mutual_aid")});
    const after = s.view("640302", "pop60").statuses[0];
    expect(after.value!).toBeGreaterThan(before.value!);
    expect(after.value_at_deadline).toBe(before.value_at_deadline);
    expect(after.basis).toBe("deadline");
  });

  it("moving a facility into another township moves its beds and count there; a station's village follows its position", () => {
    const s = new WhatIfSession(data, defaultRadii(), opts);
    const row = (code: string) => s.view("640302", "pop60").metrics.townships.find((t) => t.code === code)!;
    const [t1, t2] = [row("640302001"), row("640302002")];
    const k1 = fx.facilities.find((f) => f.id === "K1")!;
    expect(k1.township_code).toBe("640302002");
    s.apply({op: "move", id: "K1", lng: 106.05, lat: 38, place: {county_code: "640302", township_code: "640302001"}});
    const [u1, u2] = [row("640302001"), row("640302002")];
    expect([u1.beds! - t1.beds!, u2.beds! - t2.beds!]).toEqual([k1.beds, -k1.beds]);
    expect([u1.facilities - t1.facilities, u2.facilities - t2.facilities]).toEqual([1, -1]);
    // a move without a place keeps the township; the station leaves the village its code named
    const s1 = fx.facilities.find((f) => f.id === "S1")!;
    expect(s1.village_code).toBe("640302001001");
    s.apply({op: "move", id: "S1", lng: s1.lng + 1e-4, lat: s1.lat});
    expect(s.facility("S1")).toMatchObject({township_code: "640302001", lng: s1.lng + 1e-4});
    expect(s.facility("S1")!.village_code).toBeUndefined();
  });

  it("resets to the data, or to imported ops, and refuses a bad import without changing anything", () => {
    const s = new WhatIfSession(data, defaultRadii(), opts);
    const before = s.view("640302", "pop60").count;
    s.apply({op: "remove", id: "S1"});
    expect(s.view("640302", "pop60").count.byTier.community).toBeLessThan(before.byTier.community);
    expect(() => s.reset([{op: "remove", id: "NOPE"}])).toThrow(/方案第 1 步/);
    expect(s.ops).toEqual([{op: "remove", id: "S1"}]);
    s.reset();
    expect(s.view("640302", "pop60").count).toEqual(before);
    expect(s.ops).toEqual([]);
  });
});
