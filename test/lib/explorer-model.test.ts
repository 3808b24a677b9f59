// The explorer's model (src/lib/view/explorer-model.ts) in Node: state changes through `apply`, figures through
// `derive`, held to independent computations — the engine's own flags and covered sums, the siting page's plan
// gains (adopting a plan moves the KPI by exactly those), gap polygons recomputed with gaps.ts directly, the overview's
// year snapshots for the lights as of a past date, and filters and the table checked against plain filters.
import {beforeAll, describe, expect, it} from "vitest";
import {accessArtifact, boundariesArtifact, regionArtifact, resultsArtifact} from "../../loaders/artifacts.ts";
import {siteData} from "../../loaders/site-data.ts";
import {sitingBedParams, sitingDefaults, sitingProblem, sitingScenario, siteRows} from "../../src/lib/siting/candidates.ts";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {ExplorerModel, facilityPasses, TABLE_LIMIT, type BoundariesJson, type GapsJson, type RegionJson} from "../../src/lib/view/explorer-model.ts";
import {FACILITY_TYPES, SERVING_STATUSES, TIER_OF, TIERS} from "../../src/lib/facility-types.ts";
import {gapPolygons} from "../../src/lib/engine/gaps.ts";
import {planGains} from "../../src/lib/siting/plan-gains.ts";
import {defaultRadii} from "../../src/lib/engine/radii.ts";
import {greedySiting} from "../../src/lib/siting/siting.ts";
import type {Facility, FacilityType, Tier} from "../../src/lib/types.ts";
import {loadFixture} from "../helpers/fixtures.ts";

const noGaps = (): GapsJson => Object.fromEntries(TIERS.map((t) => [t, {type: "FeatureCollection", features: []}])) as unknown as GapsJson;

// ---- a hand-made fixture: two townships, four villages, six facilities
const fx = loadFixture("two-townships");
function fixtureModel(extra: Partial<RegionJson> = {}): ExplorerModel {
  const region: RegionJson = {
    meta: {id: "fx", name: "示例", data_date: "2025-06-30"},
    config: {radii: defaultRadii()},
    counties: fx.counties,
    townships: fx.townships,
    villages: fx.villages,
    facilities: fx.facilities,
    targets: [],
    modelled: {},
    ...extra
  };
  const boundaries: BoundariesJson = {
    counties: {type: "FeatureCollection", features: []},
    townships: {
      type: "FeatureCollection",
      features: fx.township_boundaries.features.map((f) => {
        const t = fx.townships.find((x) => x.code === f.properties.township_code)!;
        return {...f, properties: {code: t.code, name: t.name, county_code: t.county_code, settlement: t.settlement}};
      })
    }
  };
  return new ExplorerModel(region, boundaries, noGaps());
}

describe("explorer model: state", () => {
  it("ignores what it does not know: an unknown county, measure or selection", () => {
    const m = fixtureModel();
    expect(m.current.scope).toBe("640302");
    m.apply({type: "scope", county: "999999"});
    expect(m.current.scope).toBe("640302");
    m.apply({type: "measure", measure: "nonsense" as never});
    expect(m.current.measure).toBe("pop60");
    m.apply({type: "select", selection: {kind: "facility", id: "nope"}});
    expect(m.current.selected).toBeNull();
    m.apply({type: "select", selection: {kind: "village", id: fx.villages[1].code}});
    expect(m.current.selected).toEqual({kind: "village", id: fx.villages[1].code});
    expect(new ExplorerModel(m.region, m.boundaries, m.gaps, {county: "*", measure: "pop80", layers: ["gaps", "bogus"]}).current).toMatchObject({scope: null, measure: "pop80", visible: new Set(["gaps"])});
  });

  it("derive() is the engine's: covered flags, covered sums per township and per tier", () => {
    const m = fixtureModel();
    const d = m.derive();
    const engine = new CoverageEngine(fx.villages, fx.facilities, defaultRadii(), {statuses: SERVING_STATUSES}).result();
    let covered = 0, total = 0;
    const perTier = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
    fx.villages.forEach((v, i) => {
      const any = TIERS.some((t) => engine.tiers[t].count[i] > 0);
      expect(d.villageCovered[i]).toBe(any ? 1 : 0);
      total += v.pop60;
      if (any) covered += v.pop60;
      for (const t of TIERS) if (engine.tiers[t].count[i] > 0) perTier[t] += v.pop60;
    });
    expect(d.kpi.count).toMatchObject({covered, total, uncovered: total - covered});
    for (const k of d.kpi.tiers) expect(k.covered).toBe(perTier[k.tier]);
    for (const t of fx.townships) {
      const mine = fx.villages.map((v, i) => [v, i] as const).filter(([v]) => v.township_code === t.code);
      const people = mine.reduce((a, [v]) => a + v.pop60, 0);
      const cov = mine.reduce((a, [v, i]) => a + (d.villageCovered[i] ? v.pop60 : 0), 0);
      expect(d.townshipShare.get(t.code)).toBeCloseTo(cov / people, 12);
    }
    expect(d.kpi.delta).toBe(0);
  });
});

describe("explorer model: edits", () => {
  it("an added station answers with its own delta; undo and redo restore both figures and the answer clears", () => {
    const m = fixtureModel();
    const before = m.derive().kpi.count.covered;
    const i = fx.villages.findIndex((_, k) => m.derive().villageCovered[k] === 0);
    expect(i).toBeGreaterThanOrEqual(0); // the fixture has an uncovered village
    const v = fx.villages[i];
    const op = m.addOp(v.lng, v.lat, "新站");
    expect(op.facility.township_code).toBe(v.township_code);
    const r = m.apply({type: "edit", op});
    expect(r.ok).toBe(true);
    const after = m.derive();
    expect(after.villageCovered[i]).toBe(1);
    expect(after.kpi.delta).toBe(after.kpi.count.covered - before);
    expect(after.kpi.delta).toBeGreaterThanOrEqual(v.pop60);
    expect(m.answer?.delta).toBe(after.kpi.delta);
    expect(m.session.canUndo).toBe(true);
    m.apply({type: "undo"});
    expect(m.derive().kpi.count.covered).toBe(before);
    expect(m.answer).toBeNull();
    m.apply({type: "redo"});
    expect(m.derive().kpi.count.covered).toBe(after.kpi.count.covered);
  });

  it("an edit whose circle reaches no village says so; a refused edit names why and changes nothing", () => {
    const m = fixtureModel();
    const op = m.addOp(fx.villages[0].lng + 3, fx.villages[0].lat + 3);
    m.apply({type: "edit", op});
    expect(m.answer?.delta).toBe(0);
    expect(m.answer?.zeroReason).toContain("新服务圈内没有村社区");
    const ops = m.session.ops.length;
    const r = m.apply({type: "edit", op: {op: "remove", id: "NO-SUCH"}});
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/此修改/);
    expect(m.session.ops.length).toBe(ops);
  });

  it("marks the townships an edit touches and recomputes their gaps as gaps.ts does", () => {
    const m = fixtureModel();
    m.apply({type: "gapTier", tier: "community"});
    const v = fx.villages.find((_, k) => m.derive().villageCovered[k] === 0)!;
    const op = m.addOp(v.lng, v.lat);
    m.apply({type: "edit", op});
    expect(m.gapDirty.community.has(v.township_code)).toBe(true);
    expect(m.gapDirty.county.size).toBe(0);
    const done: string[] = [];
    for (let code = m.gapStep(); code !== undefined; code = m.gapStep()) done.push(code);
    expect(done).toContain(v.township_code);
    expect(m.gapsPending()).toBe(0);
    const b = m.boundaries.townships.features.find((f) => f.properties.code === v.township_code)!;
    const direct = gapPolygons({type: "FeatureCollection", features: [{...b, properties: {township_code: v.township_code}}]}, fx.townships, fx.villages.filter((x) => x.township_code === v.township_code), m.session.engine.facilities(), m.session.engine.radii(), "community", {statuses: SERVING_STATUSES, tolerance: 0.001});
    expect(m.gapOverride.community.get(v.township_code)).toEqual(direct.features);
  });

  it("a radius edit marks every township of the tier; reset returns to the data, undoably", () => {
    const m = fixtureModel();
    m.apply({type: "edit", op: {op: "radius", type: "community_station", settlement: "rural", metres: 5000}});
    expect(m.gapDirty.community.size).toBe(fx.townships.length);
    m.apply({type: "reset"});
    expect(m.session.ops).toEqual([]);
    expect(m.derive().kpi.delta).toBe(0);
    m.apply({type: "undo"});
    expect(m.session.ops).toHaveLength(1);
  });
});

describe("explorer model: filters and the table", () => {
  it("display filters hide facilities but never change what is counted", () => {
    const m = fixtureModel();
    const counted = m.derive().kpi.count.covered;
    m.apply({type: "filters", filters: {types: new Set<FacilityType>(["township_centre"])}});
    const d = m.derive();
    expect(d.facilities.every((f) => f.type === "township_centre")).toBe(true);
    expect(d.circles.every((c) => (c.properties as {type?: string}).type === undefined || (c.properties as {type: string}).type === "township_centre")).toBe(true);
    expect(d.kpi.count.covered).toBe(counted);
    // beds ≥ n: the plain filter
    m.apply({type: "filters", filters: {types: new Set(FACILITY_TYPES), minBeds: 10}});
    expect(m.derive().facilities.map((f) => f.id)).toEqual(fx.facilities.filter((f) => f.beds >= 10).map((f) => f.id));
    // a region that does not provide beds: no facility passes a beds filter (未提供 is not 0)
    expect(facilityPasses({...fx.facilities[0], beds: 0}, {...m.current.filters, minBeds: 0}, false)).toBe(false);
  });

  it("village filters: uncovered only, townships below a covered share", () => {
    const m = fixtureModel();
    m.apply({type: "filters", filters: {villageCoverage: "uncovered"}});
    let d = m.derive();
    fx.villages.forEach((_, i) => expect(d.villageShown[i]).toBe(d.villageCovered[i] ? 0 : 1));
    m.apply({type: "filters", filters: {villageCoverage: "all", maxTownshipShare: 0.5}});
    d = m.derive();
    fx.villages.forEach((v, i) => expect(d.villageShown[i]).toBe((d.townshipShare.get(v.township_code) ?? 1) < 0.5 ? 1 : 0));
  });

  it("the table lists the unit's facilities and villages matching the search, linked by id", () => {
    const m = fixtureModel();
    m.apply({type: "query", query: fx.villages[2].name.slice(0, 2)});
    const {rows, matched} = m.derive().table;
    const want = [...fx.facilities.filter((f) => f.name.includes(fx.villages[2].name.slice(0, 2))).map((f) => f.id), ...fx.villages.filter((v) => v.name.includes(fx.villages[2].name.slice(0, 2))).map((v) => v.code)];
    expect(rows.map((r) => r.id)).toEqual(want);
    expect(matched).toBe(want.length);
    expect(TABLE_LIMIT).toBeGreaterThan(0);
  });
});

// ---- the default region, as the build writes an explorer bundle of it
describe("explorer model on the default region", () => {
  let region: RegionJson;
  let boundaries: BoundariesJson;
  let timeline: {date: string; lights: {code: string; target_id: string; status: string}[]}[];
  let params: ReturnType<typeof sitingBedParams>;
  let assets: unknown[];
  beforeAll(async () => {
    const sd = await siteData();
    region = regionArtifact(sd) as unknown as RegionJson;
    boundaries = boundariesArtifact(sd) as unknown as BoundariesJson;
    timeline = (resultsArtifact(sd) as unknown as {timeline: typeof timeline}).timeline;
    params = sitingBedParams(sd.region.config.siting as never);
    assets = sd.region.candidates ?? [];
  }, 180_000);

  it("adopting a siting plan moves the KPI by the siting page's tier gain and any-tier gain, in its county", () => {
    const model = new ExplorerModel(region, boundaries, noGaps(), {county: "*"});
    const radii = region.config.radii;
    const before = new CoverageEngine(region.villages, region.facilities, radii, {statuses: SERVING_STATUSES}).result();
    let nonzero = 0;
    for (const county of region.counties.map((c) => c.code))
      for (const [type, k] of [["township_centre", 3], ["community_station", 5]] as [FacilityType, number][]) {
        const tier = TIER_OF[type];
        const {maxPerTownship, bedCap} = sitingDefaults(type, params);
        const posed = sitingProblem({villages: region.villages, facilities: region.facilities, assets: assets as never}, {county, type, measure: "pop60", radii, tierCount: before.tiers[tier].count, statuses: SERVING_STATUSES}, {k, ...(maxPerTownship === null ? {} : {maxPerTownship})});
        const greedy = greedySiting(posed.problem);
        const gains = planGains(posed, greedy.sites, region.villages, before, "pop60");
        const scenario = sitingScenario(region.meta.id, siteRows(greedy.sites, posed.candidates, new Map(), bedCap, params), type, null);
        model.apply({type: "reset"});
        model.apply({type: "scope", county: null});
        const r = model.apply({type: "replace", ops: scenario.ops});
        expect(r.ok).toBe(true);
        const d = model.derive();
        const label = `${county} ${type} k=${k}`;
        if (scenario.ops.length) expect(model.current.scope, label).toBe(county);
        else continue;
        expect(d.kpi.tiers.find((t) => t.tier === tier)!.delta, label).toBe(gains.tier);
        expect(d.kpi.delta, label).toBe(gains.any);
        if (gains.tier > 0) nonzero++;
      }
    expect(nonzero).toBeGreaterThan(region.counties.length);
  }, 300_000);

  it("the year control: 利通区 as of end-2023 shows the overview's lights then, and refuses edits", () => {
    const model = new ExplorerModel(region, boundaries, noGaps(), {county: "640302"});
    expect(model.dates).toContain("2023-12-31");
    expect(model.dates).toContain(model.dataDate);
    const today = model.derive();
    model.apply({type: "date", date: "2023-12-31"});
    const then = model.derive();
    expect(then.readOnly).toBe(true);
    const snap = timeline.find((s) => s.date === "2023-12-31")!;
    const want = snap.lights.filter((l) => l.code === "640302").map((l) => `${l.target_id}:${l.status}`).sort();
    const got = then.lights.county.map((l) => `${l.target.target_id}:${l.target.status}`).sort();
    expect(want.length).toBeGreaterThan(3);
    expect(got).toEqual(want);
    // the network then: fewer township centres serve than today (five of twelve townships had one)
    const centres = (fs: readonly Facility[]) => fs.filter((f) => f.county_code === "640302" && f.type === "township_centre" && SERVING_STATUSES.includes(f.status)).length;
    expect(centres(then.view.facilities)).toBeLessThan(centres(today.view.facilities));
    expect(then.view.metrics.counties.find((c) => c.code === "640302")?.township_centre_share).toBeCloseTo(5 / 12, 6);
    const r = model.apply({type: "edit", op: model.addOp(106.2, 37.98)});
    expect(r.ok).toBe(false);
    expect(r.error).toContain("数据日期");
    model.apply({type: "date", date: model.dataDate});
    expect(model.derive().kpi.count.covered).toBe(today.kpi.count.covered);
  }, 120_000);

  it("after the data date the plan completes and the older population is projected when the region sets a rule", () => {
    const model = new ExplorerModel(region, boundaries, noGaps(), {county: "640302"});
    const later = model.dates.filter((d) => d > model.dataDate).at(-1);
    expect(later).toBeDefined();
    model.apply({type: "date", date: later!});
    const d = model.derive();
    expect(d.projected).toBe(true);
    const planned = region.facilities.filter((f) => (f.status === "construction" || f.status === "planned") && f.expected_completion && f.expected_completion <= later!);
    for (const f of planned) expect(d.view.facilities.find((x) => x.id === f.id)?.status).toBe("operating");
    const rule = (region.config as Record<string, unknown>).population;
    if (rule) expect(d.kpi.count.total).not.toBe(new ExplorerModel(region, boundaries, noGaps(), {county: "640302"}).derive().kpi.count.total);
  }, 120_000);
});

describe("explorer model: accessible beds (E2SFCA) in the what-if", () => {
  it("equals the build's access figures per county, and rises when a facility's beds are raised", async () => {
    const sd = await siteData();
    const region = regionArtifact(sd) as unknown as RegionJson;
    const built = accessArtifact(sd) as unknown as {counties: {code: string; beds_mean: number | null; beds_below_share: number | null}[]};
    const model = new ExplorerModel(region, boundariesArtifact(sd) as unknown as BoundariesJson, noGaps());
    for (const c of built.counties) {
      model.apply({type: "scope", county: c.code});
      const a = model.derive().access.unit;
      expect(a.mean, c.code).toBeCloseTo(c.beds_mean!, 9);
      expect(a.belowShare, c.code).toBeCloseTo(c.beds_below_share!, 12);
    }
    // 利通区: a township centre's beds raised by 100 raises the mean and never lowers any village's access
    model.apply({type: "scope", county: "640302"});
    const before = model.derive();
    const centre = region.facilities.find((f) => f.county_code === "640302" && f.type === "township_centre" && SERVING_STATUSES.includes(f.status))!;
    model.apply({type: "edit", op: {op: "capacity", id: centre.id, fields: {beds: centre.beds + 100}}});
    const after = model.derive();
    expect(after.access.unit.mean!).toBeGreaterThan(before.access.unit.mean!);
    expect(after.access.baseline.mean).toBeCloseTo(before.access.unit.mean!, 12);
    after.access.beds!.forEach((a, i) => expect(a).toBeGreaterThanOrEqual(before.access.beds![i] - 1e-9));
    // coverage does not move with capacity
    expect(after.kpi.count.covered).toBe(before.kpi.count.covered);
  }, 120_000);
});
