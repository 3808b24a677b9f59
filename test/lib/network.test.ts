// Road-network travel (src/lib/engine/network.ts) against independent oracles (test/helpers/network-oracle.ts): snapping by
// brute force over all segments, travel times by an O(n²) matrix Dijkstra with the snapped points inserted as nodes,
// on seeded random networks (mulberry32); plus hand-worked networks with times worked out from the haversine lengths.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {haversine} from "../../src/lib/engine/geo.ts";
import {
  buildRoadGraph,
  DEFAULT_TRAVEL,
  graphParts,
  multiSourceDijkstra,
  networkCoverage,
  networkReachMetres,
  NetworkSession,
  pointTimes,
  roadClassOf,
  ROAD_CLASSES,
  serviceAreas,
  snapPoint,
  summariseNetwork,
  travelConfig,
  travelModelLabel,
  travelModelView,
  type RoadLine,
  type ServiceAreaFeature,
  type Snap,
  type TravelMode
} from "../../src/lib/engine/network.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";
import type {Facility, FacilityType, Village} from "../../src/lib/types.ts";
import {bruteSnap, matrixTimes} from "../helpers/network-oracle.ts";

const cfg = travelConfig(undefined);
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-12));

/** A seeded network: a jittered k × k grid cut into pieces (endpoints re-jittered under the tolerance), plus a motorway. */
export function randomNetwork(seed: number, k = 7, d = 0.004): {lines: RoadLine[]; box: [number, number, number, number]; rand: () => number} {
  const rand = mulberry32(seed);
  const P = Array.from({length: k}, (_, i) => Array.from({length: k}, (_, j) => [120 + i * d + (rand() - 0.5) * d * 0.4, 30 + j * d + (rand() - 0.5) * d * 0.4] as [number, number]));
  const lines: RoadLine[] = [];
  const classes = ROAD_CLASSES.filter((c) => c !== "motorway");
  const wiggle = (p: [number, number]): [number, number] => [p[0] + (rand() - 0.5) * 1e-6, p[1] + (rand() - 0.5) * 1e-6]; // < 0.1 m
  const cut = (pts: [number, number][]) => {
    let start = 0;
    for (let i = 1; i < pts.length; i++) {
      if (i === pts.length - 1 || rand() < 0.3) {
        const piece = pts.slice(start, i + 1).map((p, n) => (n === 0 && start > 0 ? wiggle(p) : p));
        if (rand() < 0.1) { start = i; continue; } // a missing piece: parts of the grid connect only around it
        const road_class = classes[Math.floor(rand() * classes.length)];
        lines.push(rand() < 0.2 ? {coords: piece, road_class, speed_kmh: 5 + rand() * 70} : {coords: piece, road_class});
        start = i;
      }
    }
  };
  for (let j = 0; j < k; j++) cut(P.map((col) => col[j]));
  for (let i = 0; i < k; i++) cut(P[i]);
  lines.push({coords: P.map((col, i) => col[i]), road_class: "motorway"});
  return {lines, box: [120 - d, 30 - d, 120 + k * d, 30 + k * d], rand};
}

const point = (rand: () => number, box: [number, number, number, number]): [number, number] => [box[0] + rand() * (box[2] - box[0]), box[1] + rand() * (box[3] - box[1])];

function village(i: number, lng: number, lat: number): Village {
  return {code: `3309991002${String(i).padStart(2, "0")}`, name: `村${i}`, township_code: "330999100", county_code: "330999", kind: "village", settlement: "rural", lng, lat, pop60: 100, pop65: 80, pop80: 20, disabled: 5, alone: 3, modelled: []};
}
function facility(i: number, type: FacilityType, lng: number, lat: number): Facility {
  const tier = ({county_institution: "county", nursing_home: "county", township_centre: "township", community_station: "community", day_centre: "community", mutual_aid: "community", canteen: "meal", meal_site: "meal"} as const)[type];
  return {id: `F${i}`, name: `设施${i}`, type, tier, status: "operating", county_code: "330999", township_code: "330999100", lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []};
}

describe("road classes and config", () => {
  it("maps the names road files use", () => {
    expect(roadClassOf("高速公路")).toBe("motorway");
    expect(roadClassOf("primary_link")).toBe("primary");
    expect(roadClassOf("track_grade3")).toBe("track");
    expect(roadClassOf("县道")).toBe("secondary");
    expect(roadClassOf("村道")).toBe("residential");
    expect(roadClassOf("河流")).toBeUndefined();
  });
  it("defaults, overrides and named errors", () => {
    expect(cfg.thresholds_min).toEqual({county: 30, township: 30, community: 15, meal: 15});
    expect(cfg.mode_by_tier.community).toBe("walk");
    const c = travelConfig({travel: {mode_by_tier: {township: "walk"}, thresholds_min: {community: 10}, speeds_kmh: {track: 15}}});
    expect([c.mode_by_tier.township, c.thresholds_min.community, c.speeds_kmh.track, c.speeds_kmh.primary]).toEqual(["walk", 10, 15, 50]);
    expect(() => travelConfig({travel: {mode_by_tier: {county: "fly"}}})).toThrow(/config\.travel: mode_by_tier\.county: expected "walk" or "drive"/);
    expect(() => travelConfig({travel: {speeds_kmh: {boat: 10}}})).toThrow(/speeds_kmh\.boat: unknown road class/);
    expect(() => travelConfig({travel: {thresholds_min: {community: -1}}})).toThrow(/thresholds_min\.community: expected a number > 0/);
    expect(() => travelConfig({travel: {speed: 1}})).toThrow(/speed: unknown key/);
  });
  it("names the model in use", () => {
    expect(travelModelLabel(undefined)).toBe("直线距离服务半径");
    const label = travelModelLabel(cfg);
    expect(label).toMatch(/^路网通行时间（/);
    expect(label).toBe("路网通行时间（县级驾车30分钟，乡镇级驾车30分钟，村/社区级步行15分钟，助餐步行15分钟；步行4 km/h，接驳4 km/h）");
    expect(label).toContain("县级驾车30分钟");
    expect(label).toContain("步行4 km/h");
  });
});

describe("graph building", () => {
  it("merges vertices within the tolerance and keeps farther ones apart", () => {
    const dLng = 0.5 / haversine(120, 30, 120.001, 30) * 0.001; // ≈ 0.5 m of longitude
    const g = buildRoadGraph([
      {coords: [[120, 30], [120.01, 30]], road_class: "primary"},
      {coords: [[120.01 + dLng, 30], [120.02, 30]], road_class: "primary"}, // 0.5 m off: joins
      {coords: [[120.02 + 4 * dLng, 30], [120.03, 30]], road_class: "primary"} // 2 m off: does not
    ], cfg);
    expect(g.nodeCount).toBe(5);
    expect(g.segmentCount).toBe(3);
    const times = multiSourceDijkstra(g, [snapPoint(g, 120, 30, "drive")], "drive");
    expect(Number.isFinite(times.seconds[2])).toBe(true); // reached across the merged joint
    expect(times.seconds[3]).toBe(Infinity); // not across the 2 m gap
  });
  it("counts connected parts by road length", () => {
    const g = buildRoadGraph([
      {coords: [[120, 30], [120.01, 30], [120.02, 30]], road_class: "primary"},
      {coords: [[120.02, 30], [120.02, 30.01]], road_class: "primary"},
      {coords: [[121, 30], [121.01, 30]], road_class: "primary"} // apart
    ], cfg);
    const long = haversine(120, 30, 120.01, 30) + haversine(120.01, 30, 120.02, 30) + haversine(120.02, 30, 120.02, 30.01);
    const short = haversine(121, 30, 121.01, 30);
    const p = graphParts(g);
    expect(p.parts).toBe(2);
    expect(p.largestShare).toBeCloseTo(long / (long + short), 12);
    expect(graphParts(buildRoadGraph([], cfg))).toEqual({parts: 0, largestShare: 0});
  });
  it("CSR holds each segment twice with its costs", () => {
    const {lines} = randomNetwork(7);
    const g = buildRoadGraph(lines, cfg);
    expect(g.offsets[g.nodeCount]).toBe(2 * g.segmentCount);
    for (let u = 0; u < g.nodeCount; u++)
      for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
        const s = g.edgeSeg[e];
        expect([g.segA[s], g.segB[s]]).toContain(u);
        expect(g.targets[e]).toBe(g.segA[s] === u ? g.segB[s] : g.segA[s]);
        expect(g.edgeMetres[e]).toBe(haversine(g.lng[g.segA[s]], g.lat[g.segA[s]], g.lng[g.segB[s]], g.lat[g.segB[s]]));
      }
  });
});

describe("hand-worked networks", () => {
  // a road along latitude 30 with nodes at 120.00, 120.01, 120.02; 36 km/h = 10 m/s; walking 4 km/h
  const L = haversine(120, 30, 120.01, 30);
  const road = buildRoadGraph([{coords: [[120, 30], [120.01, 30], [120.02, 30]], road_class: "primary", speed_kmh: 36}], cfg);
  const walk = 4 / 3.6;

  it("a facility on the first node, a village 0.001° north of the last", () => {
    const f = snapPoint(road, 120, 30, "drive");
    const v = snapPoint(road, 120.02, 30.001, "drive");
    expect([f.segment, f.t, f.metres]).toEqual([0, 0, 0]);
    expect(v.segment).toBe(1);
    expect(v.t).toBe(1);
    const a = haversine(120.02, 30.001, 120.02, 30); // ≈ 111.2 m
    expect(v.metres).toBeCloseTo(a, 6);
    const t = pointTimes(road, multiSourceDijkstra(road, [f], "drive"), [f], [v], "drive");
    expect(t.seconds[0]).toBeCloseTo((2 * L) / 10 + a / walk, 6); // ≈ 192.6 + 100.1 s
    expect(t.metres[0]).toBeCloseTo(2 * L + a, 6);
    const w = pointTimes(road, multiSourceDijkstra(road, [f], "walk"), [f], [v], "walk");
    expect(w.seconds[0]).toBeCloseTo((2 * L + a) / walk, 6);
  });

  it("projects onto the segment, not the nearest vertex, and goes straight along a shared segment", () => {
    const v = snapPoint(road, 120.0025, 29.9995, "drive");
    expect(v.segment).toBe(0);
    expect(v.t).toBeCloseTo(0.25, 12);
    expect(v.metres).toBeCloseTo(haversine(120.0025, 29.9995, 120.0025, 30), 6);
    const f = snapPoint(road, 120.0075, 30, "drive");
    const t = pointTimes(road, multiSourceDijkstra(road, [f], "drive"), [f], [v], "drive");
    expect(t.seconds[0]).toBeCloseTo((0.5 * L) / 10 + v.metres / walk, 6); // half a segment, not via a node
  });

  it("takes the motorway detour when it is faster, and walking may not use it", () => {
    // A (120, 30) — B (120.02, 30) by a track (10 km/h); A — C (120.01, 30.005) — B by motorway (80 km/h)
    const g = buildRoadGraph([
      {coords: [[120, 30], [120.02, 30]], road_class: "track"},
      {coords: [[120, 30], [120.01, 30.005], [120.02, 30]], road_class: "motorway"}
    ], cfg);
    const f = snapPoint(g, 120, 30, "drive"), v = snapPoint(g, 120.02, 30, "drive");
    const via = haversine(120, 30, 120.01, 30.005) + haversine(120.01, 30.005, 120.02, 30);
    const d = pointTimes(g, multiSourceDijkstra(g, [f], "drive"), [f], [v], "drive");
    expect(d.seconds[0]).toBeCloseTo(via / (80 / 3.6), 6);
    expect(d.metres[0]).toBeCloseTo(via, 6);
    const fw = snapPoint(g, 120, 30, "walk"), vw = snapPoint(g, 120.02, 30, "walk");
    const w = pointTimes(g, multiSourceDijkstra(g, [fw], "walk"), [fw], [vw], "walk");
    expect(w.seconds[0]).toBeCloseTo(haversine(120, 30, 120.02, 30) / walk, 6);
  });

  it("an empty graph reaches nobody", () => {
    const g = buildRoadGraph([], cfg);
    const s = snapPoint(g, 120, 30, "walk");
    expect(s.segment).toBe(-1);
    expect(pointTimes(g, multiSourceDijkstra(g, [s], "walk"), [s], [s], "walk").seconds[0]).toBe(Infinity);
  });
});

describe("against the oracles on seeded random networks", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: snapping equals the brute force; times and lengths equal the matrix Dijkstra to 1e-6`, () => {
      const {lines, box, rand} = randomNetwork(seed);
      const g = buildRoadGraph(lines, cfg);
      for (const mode of ["walk", "drive"] as TravelMode[]) {
        const far: [number, number, number, number] = [box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01]; // some points off the grid's extent
        const pts = Array.from({length: 40}, () => point(rand, far));
        const snaps = pts.map(([x, y]) => snapPoint(g, x, y, mode));
        pts.forEach(([x, y], i) => expect(snaps[i]).toEqual(bruteSnap(g, x, y, mode)));
        const sources = snaps.slice(0, 6), targets = snaps.slice(6);
        const got = pointTimes(g, multiSourceDijkstra(g, sources, mode), sources, targets, mode);
        const want = matrixTimes(g, sources, targets, mode);
        let reached = 0;
        targets.forEach((_, i) => {
          if (want.seconds[i] === Infinity) expect(got.seconds[i]).toBe(Infinity);
          else {
            reached++;
            expect(rel(got.seconds[i], want.seconds[i])).toBeLessThan(1e-6);
            expect(rel(got.metres[i], want.metres[i])).toBeLessThan(1e-6);
            // the source named is one whose own time is the fastest
            const own = matrixTimes(g, [sources[got.source[i]]], [targets[i]], mode);
            expect(rel(own.seconds[0], want.seconds[i])).toBeLessThan(1e-6);
          }
        });
        expect(reached).toBeGreaterThan(20);
      }
    });
  }
});

describe("property: any seeded network, any mode, any number of sources", () => {
  it("multi-source times equal the matrix Dijkstra's (fast-check over seeds, sizes, source counts)", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 2 ** 31 - 1}), fc.integer({min: 2, max: 6}), fc.integer({min: 1, max: 5}), fc.constantFrom<TravelMode>("walk", "drive"), (seed, k, nSources, mode) => {
        const {lines, box, rand} = randomNetwork(seed, k);
        const g = buildRoadGraph(lines, cfg);
        const snaps = Array.from({length: nSources + 8}, () => point(rand, box)).map(([x, y]) => snapPoint(g, x, y, mode));
        const sources = snaps.slice(0, nSources), targets = snaps.slice(nSources);
        const got = pointTimes(g, multiSourceDijkstra(g, sources, mode), sources, targets, mode);
        const want = matrixTimes(g, sources, targets, mode);
        return targets.every((_, i) => (want.seconds[i] === Infinity ? got.seconds[i] === Infinity : rel(got.seconds[i], want.seconds[i]) < 1e-6 && rel(got.metres[i], want.metres[i]) < 1e-6));
      }),
      {numRuns: 60, seed: 18}
    );
  });
});

describe("networkCoverage", () => {
  it("flags and times equal the oracle's per tier, in the straight-line engine's shape", () => {
    const {lines, box, rand} = randomNetwork(11, 9);
    const g = buildRoadGraph(lines, cfg);
    const villages = Array.from({length: 60}, (_, i) => village(i, ...point(rand, box)));
    const types: FacilityType[] = ["county_institution", "township_centre", "community_station", "meal_site", "community_station", "day_centre", "canteen"];
    const facilities = types.map((t, i) => facility(i, t, ...point(rand, box)));
    facilities.push({...facility(99, "community_station", ...point(rand, box)), status: "planned"}); // does not serve
    const config = travelConfig({travel: {thresholds_min: {community: 10, meal: 8, township: 4, county: 3}}});
    const r = networkCoverage(villages, facilities, g, config);
    let covered = 0, uncovered = 0;
    for (const tier of ["county", "township", "community", "meal"] as const) {
      const mode = config.mode_by_tier[tier];
      const serving = facilities.filter((f) => f.tier === tier && f.status === "operating");
      const sources = serving.map((f) => bruteSnap(g, f.lng, f.lat, mode));
      const targets = villages.map((v) => bruteSnap(g, v.lng, v.lat, mode));
      const want = matrixTimes(g, sources, targets, mode);
      const t = r.tiers[tier];
      expect(t.mode).toBe(mode);
      villages.forEach((_, i) => {
        const flag = want.seconds[i] <= config.thresholds_min[tier] * 60 ? 1 : 0;
        expect(t.count[i]).toBe(flag);
        flag ? covered++ : uncovered++;
        expect(rel(t.seconds[i], want.seconds[i])).toBeLessThan(1e-6);
        expect(rel(t.nearestDist[i], want.metres[i])).toBeLessThan(1e-6);
        if (want.seconds[i] === Infinity) expect(t.nearestId[i]).toBeNull();
        else expect(serving.map((f) => f.id)).toContain(t.nearestId[i]);
      });
    }
    expect(covered).toBeGreaterThan(10);
    expect(uncovered).toBeGreaterThan(10);
  });
  it("default thresholds are the documented ones", () => expect(DEFAULT_TRAVEL.thresholds_min.community).toBe(15));
});

describe("networkReachMetres (how explorer bundles are cut)", () => {
  it("no facility covers a village farther in a straight line than its tier's reach (seeded networks, every tier)", () => {
    let pairs = 0, covering = 0, tight = 0;
    for (const seed of [3, 17, 29, 41]) {
      const {lines, box, rand} = randomNetwork(seed, 9);
      // generous thresholds so that covering pairs reach across much of the network
      const config = travelConfig({travel: {thresholds_min: {county: 4, township: 2, community: 20, meal: 12}}});
      const g = buildRoadGraph(lines, config);
      const villages = Array.from({length: 40}, (_, i) => village(i, ...point(rand, box)));
      const types: FacilityType[] = ["county_institution", "township_centre", "community_station", "meal_site"];
      for (let k = 0; k < 12; k++) {
        const f = facility(k, types[k % 4], ...point(rand, box));
        const r = networkCoverage(villages, [f], g, config);
        const reach = networkReachMetres(f.tier, config, lines);
        villages.forEach((v, i) => {
          pairs++;
          if (!r.tiers[f.tier].count[i]) return;
          covering++;
          const d = haversine(f.lng, f.lat, v.lng, v.lat);
          expect(d, `seed ${seed} ${f.tier}`).toBeLessThanOrEqual(reach);
          if (d > reach / 3) tight++;
        });
      }
    }
    expect(pairs).toBe(4 * 12 * 40);
    expect(covering).toBeGreaterThan(100);
    expect(tight).toBeGreaterThan(0); // not a vacuous bound: some covering pairs are far
  });

  it("uses the fastest speed the mode may use: a line's own speed driving, walking speed walking", () => {
    const config = travelConfig(undefined);
    expect(networkReachMetres("community", config, [])).toBeCloseTo((15 / 60) * 4000 * 1.01 + 100, 6);
    const fast = [{coords: [[120, 30], [120.01, 30]] as [number, number][], road_class: "residential" as const, speed_kmh: 100}];
    expect(networkReachMetres("county", config, fast)).toBeCloseTo((30 / 60) * 100_000 * 1.01 + 100, 6);
    expect(networkReachMetres("community", config, fast)).toBeCloseTo((15 / 60) * 4000 * 1.01 + 100, 6);
  });
});

describe("NetworkSession (the explorer's what-if)", () => {
  it("after each add, move, retype and removal its flags and times equal the matrix oracle's; only the changed tiers are computed again", () => {
    const {lines, box, rand} = randomNetwork(23, 9);
    const g = buildRoadGraph(lines, cfg);
    const villages = Array.from({length: 50}, (_, i) => village(i, ...point(rand, box)));
    const types: FacilityType[] = ["county_institution", "township_centre", "community_station", "meal_site", "day_centre"];
    let facilities = types.map((t, i) => facility(i, t, ...point(rand, box)));
    const config = travelConfig({travel: {thresholds_min: {community: 8, meal: 8, township: 3, county: 3}}});
    const session = new NetworkSession(g, config, villages);
    const check = () => {
      const r = session.coverage(facilities);
      for (const tier of ["county", "township", "community", "meal"] as const) {
        const mode = config.mode_by_tier[tier];
        const serving = facilities.filter((f) => f.tier === tier);
        const want = matrixTimes(g, serving.map((f) => bruteSnap(g, f.lng, f.lat, mode)), villages.map((v) => bruteSnap(g, v.lng, v.lat, mode)), mode);
        villages.forEach((_, i) => {
          expect(r.tiers[tier].count[i]).toBe(want.seconds[i] <= config.thresholds_min[tier] * 60 ? 1 : 0);
          expect(rel(r.tiers[tier].seconds[i], want.seconds[i])).toBeLessThan(1e-6);
        });
      }
      return [...session.lastComputed].sort();
    };
    expect(check()).toEqual(["community", "county", "meal", "township"]);
    expect(check()).toEqual([]); // nothing changed: all from the memo
    facilities = [...facilities, facility(10, "mutual_aid", ...point(rand, box))]; // add
    expect(check()).toEqual(["community"]);
    facilities = facilities.map((f) => (f.id === "F3" ? {...f, lng: f.lng + 0.006} : f)); // move a meal site
    expect(check()).toEqual(["meal"]);
    facilities = facilities.map((f) => (f.id === "F4" ? {...f, type: "canteen" as const, tier: "meal" as const} : f)); // day centre → canteen
    expect(check()).toEqual(["community", "meal"]);
    facilities = facilities.filter((f) => f.id !== "F1"); // remove the township centre
    expect(check()).toEqual(["township"]);
    expect(session.coverage(facilities).tiers.township.count.every((c) => c === 0)).toBe(true);
  });
});

describe("travelModelView (the county report's model block)", () => {
  it("without roads: straight-line radii, no rows", () => {
    expect(travelModelView(undefined, "150699")).toEqual({model: "straight_line", label: "直线距离服务半径", rows: []});
    expect(travelModelView(null, "150699").model).toBe("straight_line");
  });
  it("with roads: the label with parameters, and the county's shares per tier from summariseNetwork (checked by hand)", () => {
    // two villages on a 36 km/h road, one facility per tier at the west end: village A at the node (0 s), B 2 segments east
    const g = buildRoadGraph([{coords: [[120, 30], [120.01, 30], [120.02, 30]], road_class: "primary", speed_kmh: 36}], cfg);
    const villages = [{...village(1, 120, 30), pop60: 300}, {...village(2, 120.02, 30), pop60: 100, county_code: "330999"}];
    const facilities = [facility(1, "county_institution", 120, 30), facility(2, "community_station", 120, 30)];
    const r = networkCoverage(villages, facilities, g, cfg);
    const L2 = haversine(120, 30, 120.01, 30) + haversine(120.01, 30, 120.02, 30); // ≈ 1 926 m
    expect(r.tiers.community.seconds[1]).toBeCloseTo(L2 / (4 / 3.6), 6); // ≈ 29 min walked: not within 15
    expect(Array.from(r.tiers.community.count)).toEqual([1, 0]);
    expect(Array.from(r.tiers.county.count)).toEqual([1, 1]); // ≈ 3.2 min driven
    const [county] = summariseNetwork(r, (v) => v.county_code);
    expect(county.covered_share).toEqual({county: 1, township: 0, community: 0.75, meal: 0});
    expect(county.mean_minutes.community).toBeCloseTo((100 * L2 / (4 / 3.6)) / 400 / 60, 9);
    expect(county.mean_minutes.township).toBeNull(); // no facility of the tier
    expect(county.unreachable_pop60.township).toBe(400);
    const view = travelModelView({config: cfg, counties: [county]}, "330999");
    expect(view.model).toBe("network");
    expect(view.label).toBe(travelModelLabel(cfg));
    expect(view.rows.find((x) => x.tier === "community")).toEqual({tier: "community", mode: "步行", threshold_min: 15, covered_share: 0.75, mean_minutes: county.mean_minutes.community});
    expect(travelModelView({config: cfg, counties: [county]}, "999999").rows[0].covered_share).toBeNull();
  });
});

describe("service areas along the roads", () => {
  it("hand-worked: a facility on a straight road reaches 600 m each way in one minute at 10 m/s", () => {
    // road 120.00 — 120.01 — 120.02 along latitude 30, 36 km/h = 10 m/s, each segment L ≈ 964 m. A county
    // institution (drive) at 120.0075 sits on segment 0 at t = 0.75 with no access leg; 1 min = 600 m of road:
    // segment 0 from 0.75 − 600 / L to 1 (straight along it), then node B at 0.25 L / 10 s, segment 1 from 0 to
    // (60 − 0.25 L / 10) · 10 / L = 600 / L − 0.25. 1 200 m in all.
    const L = haversine(120, 30, 120.01, 30);
    const road = buildRoadGraph([{coords: [[120, 30], [120.01, 30], [120.02, 30]], road_class: "primary", speed_kmh: 36}], cfg);
    const config = travelConfig({travel: {thresholds_min: {county: 1}}});
    const fs = [facility(1, "county_institution", 120.0075, 30), {...facility(2, "county_institution", 120.001, 30), status: "planned" as const}];
    const areas = serviceAreas(road, fs, config).features;
    expect(areas.map((f) => f.properties)).toEqual([
      {facility_id: "F1", tier: "county", mode: "drive", minutes: 1, segment: 0, from: expect.closeTo(0.75 - 600 / L, 9), to: 1},
      {facility_id: "F1", tier: "county", mode: "drive", minutes: 1, segment: 1, from: 0, to: expect.closeTo(600 / L - 0.25, 9)}
    ]);
    const length = areas.reduce((a, f) => a + (f.properties.to - f.properties.from) * L, 0);
    expect(length).toBeCloseTo(1200, 6);
    const [x0, y0] = areas[0].geometry.coordinates[0];
    expect([x0, y0]).toEqual([expect.closeTo(120 + 0.01 * (0.75 - 600 / L), 9), 30]);
    expect(areas[0].geometry.coordinates[1]).toEqual([120.01, 30]);
    // the whole road within 10 min; a tier filter; nothing off the network
    const all = serviceAreas(road, fs, travelConfig({travel: {thresholds_min: {county: 10}}})).features;
    expect(all.map((f) => [f.properties.segment, f.properties.from, f.properties.to])).toEqual([[0, 0, 1], [1, 0, 1]]);
    expect(serviceAreas(road, fs, config, {tiers: ["community"]}).features).toEqual([]);
    expect(serviceAreas(buildRoadGraph([], cfg), fs, config).features).toEqual([]);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: a point of a road is in a facility's area exactly when the matrix Dijkstra reaches it within the threshold`, () => {
      const {lines, box, rand} = randomNetwork(seed);
      const g = buildRoadGraph(lines, cfg);
      const config = travelConfig({travel: {thresholds_min: {community: 12, county: 2.5}}});
      // two facilities anywhere in the box (access legs), two next to a road node
      const nearNode = (): [number, number] => {
        const n = Math.floor(rand() * g.nodeCount);
        return [g.lng[n] + 2e-5, g.lat[n] - 1e-5];
      };
      const fs = [facility(0, "community_station", ...point(rand, box)), facility(1, "day_centre", ...nearNode()), facility(2, "county_institution", ...point(rand, box)), facility(3, "nursing_home", ...nearNode())];
      const areas = serviceAreas(g, fs, config).features;
      let inside = 0, outside = 0, cut = 0;
      for (const f of fs) {
        const tier = f.tier, mode = config.mode_by_tier[tier], limit = config.thresholds_min[tier] * 60;
        const src = bruteSnap(g, f.lng, f.lat, mode);
        const mine = areas.filter((a) => a.properties.facility_id === f.id);
        expect(mine.every((a) => a.properties.tier === tier && a.properties.mode === mode && a.properties.minutes === config.thresholds_min[tier])).toBe(true);
        const bySeg = new Map<number, ServiceAreaFeature["properties"][]>();
        for (const a of mine) bySeg.set(a.properties.segment, [...(bySeg.get(a.properties.segment) ?? []), a.properties]);
        // sample every usable segment at fixed shares and at the pieces' ends
        const targets: Snap[] = [];
        for (let s = 0; s < g.segmentCount; s++) {
          if (g.segSeconds[mode][s] === Infinity) continue;
          const xs = [0, 0.1, 0.35, 0.5, 0.8, 1, ...(bySeg.get(s) ?? []).flatMap((p) => [p.from, p.to])];
          for (const t of xs) {
            const a = g.segA[s], b = g.segB[s];
            targets.push({segment: s, t, footLng: g.lng[a] + t * (g.lng[b] - g.lng[a]), footLat: g.lat[a] + t * (g.lat[b] - g.lat[a]), metres: 0});
          }
        }
        const want = matrixTimes(g, [src], targets, mode);
        targets.forEach((p, i) => {
          const pieces = bySeg.get(p.segment) ?? [];
          const inPiece = pieces.some((q) => q.from - 1e-12 <= p.t && p.t <= q.to + 1e-12);
          const isEnd = pieces.some((q) => (p.t === q.from && q.from > 0) || (p.t === q.to && q.to < 1));
          if (isEnd) {
            // a piece cut inside a segment ends where the time reaches the threshold
            expect(rel(want.seconds[i], limit), `${f.id} seg ${p.segment} t ${p.t}`).toBeLessThan(1e-6);
            cut++;
            return;
          }
          if (Math.abs(want.seconds[i] - limit) <= 1e-6 * limit) return; // on the boundary: either answer
          expect(inPiece, `${f.id} seg ${p.segment} t ${p.t}: ${want.seconds[i]} s vs ${limit}`).toBe(want.seconds[i] <= limit);
          inPiece ? inside++ : outside++;
        });
      }
      expect([inside > 30, outside > 30, cut > 5], `${inside} in, ${outside} out, ${cut} cut`).toEqual([true, true, true]);
    });
  }
});
