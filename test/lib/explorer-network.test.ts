// The explorer's network what-if (src/lib/view/explorer-model.ts with src/lib/engine/network.ts) on the example region
// with roads (test/fixtures/roads-region), built the way the build builds it (artifacts, the explorer bundle with its
// roads): the network line equals the build's access.json travel figures per county and tier; an added station moves
// it exactly as a fresh networkCoverage on the edited facilities says (computed here independently of the session);
// the villages drawn green are the villages counted; service areas are the engine's for the walking tiers only.
import {beforeAll, describe, expect, it} from "vitest";
import {accessArtifact, boundariesArtifact, gapsArtifact, regionArtifact, resultsArtifact} from "../../loaders/artifacts.ts";
import {siteDataOf} from "../../loaders/site-data.ts";
import {SERVING_STATUSES, TIERS} from "../../src/lib/facility-types.ts";
import {buildRoadGraph, networkCoverage, serviceAreas, SERVICE_AREA_TIERS, snapPoint} from "../../src/lib/engine/network.ts";
import {explorerBundle, maxNetworkReach, type SiteArtifacts} from "../../src/lib/plan/units.ts";
import {ExplorerModel, type BoundariesJson, type GapsJson, type RegionJson, type RoadsJson} from "../../src/lib/view/explorer-model.ts";
import {roadLinesOf} from "../../loaders/roads.ts";
import {travelConfig} from "../../src/lib/engine/network.ts";
import type {Facility} from "../../src/lib/types.ts";

const FIXTURE = "test/fixtures/roads-region";

describe("explorer model: travel times over the roads (example region)", () => {
  let bundle: {region: RegionJson; boundaries: BoundariesJson; gaps: GapsJson; roads: RoadsJson | null};
  let travel: {counties: {code: string; covered_share: Record<string, number | null>; mean_minutes: Record<string, number | null>}[]; service_areas: {features: {properties: {facility_id: string; tier: string}}[] | null}};
  let lines: number;
  beforeAll(async () => {
    const sd = await siteDataOf(FIXTURE);
    const access = accessArtifact(sd) as unknown as SiteArtifacts["access"];
    const a = {region: regionArtifact(sd), results: resultsArtifact(sd), boundaries: boundariesArtifact(sd), gaps: gapsArtifact(sd), access, siting: {runs: []}} as unknown as SiteArtifacts;
    const config = travelConfig(sd.region.config), roadLines = roadLinesOf(sd.region.roads!);
    const roads = {config, lines: roadLines, reachMetres: maxNetworkReach(config, roadLines)};
    lines = roads.lines.length;
    bundle = explorerBundle(a, a.region.counties.map((c) => c.code), () => 0, roads) as unknown as typeof bundle;
    travel = access.travel as unknown as typeof travel;
  }, 120_000);

  it("the bundle carries every road line of the small region and the region's travel config", () => {
    expect(bundle.roads).not.toBeNull();
    expect(bundle.roads!.lines.length).toBe(lines);
    expect(bundle.roads!.left_out).toBe(0);
    expect(bundle.roads!.config.thresholds_min.community).toBe(15);
  });

  it("the network line equals the build's access.json travel figures per county and tier (pop60)", () => {
    const model = new ExplorerModel(bundle.region, bundle.boundaries, bundle.gaps, {roads: bundle.roads});
    expect(model.roadGraph()!.segmentCount).toBeGreaterThan(100);
    let checked = 0;
    for (const c of travel.counties) {
      model.apply({type: "scope", county: c.code});
      for (const tier of TIERS) {
        model.apply({type: "networkTier", tier});
        const n = model.derive().network!;
        expect(n.tier).toBe(tier);
        expect(n.unit.share, `${c.code} ${tier}`).toBeCloseTo(c.covered_share[tier]!, 12);
        if (c.mean_minutes[tier] === null) expect(n.unit.meanMinutes).toBeNull();
        else expect(n.unit.meanMinutes!).toBeCloseTo(c.mean_minutes[tier]!, 9);
        expect(n.baseline).toEqual(n.unit);
        checked++;
      }
    }
    expect(checked).toBe(4 * travel.counties.length);
  });

  it("an added station moves the line by exactly what a fresh networkCoverage says; drawn green = counted; undo restores", () => {
    const model = new ExplorerModel(bundle.region, bundle.boundaries, bundle.gaps, {roads: bundle.roads});
    const county = bundle.region.counties[0].code;
    model.apply({type: "scope", county});
    model.apply({type: "networkTier", tier: "community"});
    const before = model.derive().network!;
    // a station by the uncovered village nearest its road (a village far off the roads walks its access leg whatever is built)
    const idx = bundle.region.villages.map((_, i) => i).filter((i) => bundle.region.villages[i].county_code === county);
    const g0 = model.roadGraph()!;
    const offRoad = (i: number) => snapPoint(g0, bundle.region.villages[i].lng, bundle.region.villages[i].lat, "walk").metres;
    const worst = idx.filter((i) => !before.covered[i]).reduce((a, b) => (offRoad(b) < offRoad(a) ? b : a));
    expect(before.covered[worst]).toBe(0);
    const v = bundle.region.villages[worst];
    const r = model.apply({type: "edit", op: model.addOp(v.lng + 0.0005, v.lat, "路网测试站")});
    expect(r.ok).toBe(true);
    const after = model.derive().network!;
    // independent: a new graph and networkCoverage on the edited network as the session holds it
    const g = buildRoadGraph(bundle.roads!.lines, bundle.roads!.config);
    const facilities = model.derive().view.facilities as Facility[];
    const fresh = networkCoverage(bundle.region.villages, facilities, g, bundle.roads!.config, {statuses: SERVING_STATUSES});
    let covered = 0, total = 0;
    for (const i of idx) {
      expect(after.covered[i]).toBe(fresh.tiers.community.count[i]);
      expect(after.minutes[i]).toBeCloseTo(fresh.tiers.community.seconds[i] / 60, 9);
      total += bundle.region.villages[i].pop60;
      if (fresh.tiers.community.count[i]) covered += bundle.region.villages[i].pop60;
    }
    expect(after.unit.covered).toBe(covered);
    expect(after.unit.total).toBe(total);
    expect(after.covered[worst]).toBe(1);
    expect(after.unit.covered).toBeGreaterThan(before.unit.covered);
    expect(after.baseline).toEqual(before.unit);
    // the per-village flags before the edit travel with it (the results CSV's 原覆盖 columns)
    expect(after.baselineCovered).toEqual(before.covered);
    expect(before.baselineCovered).toEqual(before.covered);
    // the other tiers' times did not move (the session computed only the community tier again)
    model.apply({type: "networkTier", tier: "county"});
    const county_ = model.derive().network!;
    expect(county_.unit).toEqual(county_.baseline);
    model.apply({type: "networkTier", tier: "community"});
    model.apply({type: "undo"});
    expect(model.derive().network!.unit).toEqual(before.unit);
  });

  it("service areas: the engine's pieces for the walking tiers' serving facilities, none drawn for a driving tier", () => {
    const model = new ExplorerModel(bundle.region, bundle.boundaries, bundle.gaps, {roads: bundle.roads, county: "*"});
    const g = model.roadGraph()!;
    for (const tier of TIERS) {
      model.apply({type: "networkTier", tier});
      const n = model.derive().network!;
      if (!SERVICE_AREA_TIERS.includes(tier)) {
        expect(n.areas).toBeNull();
        expect(n.areasNote).toContain("驾车");
        continue;
      }
      const want = serviceAreas(g, bundle.region.facilities, bundle.roads!.config, {statuses: SERVING_STATUSES, tiers: [tier]}).features;
      expect(n.areas!.length).toBe(want.length);
      expect(n.areas!.map((a) => a.geometry)).toEqual(want.map((a) => a.geometry));
      // and the build's own pieces of that tier (access.json, coordinates rounded to 1e-6)
      expect(n.areas!.length).toBe(travel.service_areas.features!.filter((f) => f.properties.tier === tier).length);
      expect(n.areas!.length).toBeGreaterThan(0);
    }
  });

  it("a region without roads has no network figures", () => {
    const model = new ExplorerModel(bundle.region, bundle.boundaries, bundle.gaps, {roads: null, layers: ["network", "villages"]});
    expect(model.derive().network).toBeNull();
    expect(model.roadGraph()).toBeNull();
    // nor a network layer to switch on (an address asking for it is ignored)
    expect([...model.current.visible]).toEqual(["villages"]);
    model.apply({type: "layer", group: "network", on: true});
    expect(model.current.visible.has("network")).toBe(false);
    const withRoads = new ExplorerModel(bundle.region, bundle.boundaries, bundle.gaps, {roads: bundle.roads, layers: ["network"]});
    expect([...withRoads.current.visible]).toEqual(["network"]);
  });
});
