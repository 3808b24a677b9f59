// Per-unit bundles (src/lib/plan/units.ts) are filters of the region-wide artifacts: on the default region every record
// lands in exactly one county's bundle and is the same record as in the region-wide file; a township's bundle holds
// its own villages, facilities and figures; explorer bundles group whole counties in order.
import {beforeAll, describe, expect, it} from "vitest";
import {accessArtifact, boundariesArtifact, regionArtifact, resultsArtifact} from "../../loaders/artifacts.ts";
import {siteData} from "../../loaders/site-data.ts";
import {travelConfig} from "../../src/lib/engine/network.ts";
import {accessSummary, countyBundle, explorerBundle, explorerChunks, maxNetworkReach, regionSummary, resultsSummary, type SiteArtifacts} from "../../src/lib/plan/units.ts";

let a: SiteArtifacts;

beforeAll(async () => {
  const sd = await siteData();
  const region = regionArtifact(sd) as unknown as SiteArtifacts["region"];
  // gap polygons and siting runs stand in as one record per township / county: only their keys matter to a filter
  const gapsOf = (tier: string) => ({type: "FeatureCollection" as const, features: region.townships.map((t) => ({properties: {township_code: t.code, tier}}))});
  a = {
    region,
    results: resultsArtifact(sd) as unknown as SiteArtifacts["results"],
    boundaries: boundariesArtifact(sd) as unknown as SiteArtifacts["boundaries"],
    access: accessArtifact(sd) as unknown as SiteArtifacts["access"],
    gaps: {county: gapsOf("county"), township: gapsOf("township")},
    siting: {runs: region.counties.flatMap((c) => [1, 2].map((k) => ({county: c.code, k})))}
  };
}, 120_000);

describe("county bundles", () => {
  it("partition the region's villages, facilities, townships and candidates, record for record", () => {
    const seen = {villages: 0, facilities: 0, townships: 0, candidates: 0};
    for (const c of a.region.counties) {
      const b = countyBundle(a, c.code);
      expect(b.region.counties).toEqual([c]);
      for (const key of ["villages", "facilities", "townships", "candidates"] as const) {
        const mine = (a.region[key] as {county_code: string}[]).filter((r) => r.county_code === c.code);
        expect(b.region[key]).toEqual(mine);
        seen[key] += b.region[key].length;
      }
    }
    expect(seen).toEqual({villages: a.region.villages.length, facilities: a.region.facilities.length, townships: a.region.townships.length, candidates: a.region.candidates.length});
  });

  it("carry the county's own figures, lights, ranking, bed gaps, boundaries, siting runs and access, nothing of another county", () => {
    for (const c of a.region.counties) {
      const b = countyBundle(a, c.code);
      const tCodes = new Set(a.region.townships.filter((t) => t.county_code === c.code).map((t) => t.code));
      expect(b.results.metrics.counties.map((m) => m.code)).toEqual([c.code]);
      expect(new Set(b.results.metrics.townships.map((t) => t.code))).toEqual(tCodes);
      expect(b.results.statuses).toEqual(a.results.statuses.filter((s) => (s.scope === "county" && s.code === c.code) || (s.scope === "township" && tCodes.has(s.code))));
      expect(Object.keys(b.results.ranking)).toEqual([c.code]);
      expect(b.results.beds.every((g) => tCodes.has(g.township_code))).toBe(true);
      expect(b.results.villages.length).toBe(a.results.villages.filter((v) => a.region.villages.some((x) => x.code === v.code && x.county_code === c.code)).length);
      // the wall chart's timeline: every snapshot, this county's figures and lights only
      expect(b.results.timeline.map((s) => s.date)).toEqual(a.results.timeline.map((s) => s.date));
      b.results.timeline.forEach((s, i) => {
        expect(s.counties).toEqual(a.results.timeline[i].counties.filter((x) => x.code === c.code));
        expect(s.lights).toEqual(a.results.timeline[i].lights.filter((x) => x.code === c.code));
      });
      expect(b.boundaries.counties.features.map((f) => f.properties.code)).toEqual([c.code]);
      expect(b.boundaries.townships.features.length).toBe(tCodes.size);
      expect(b.siting.runs.every((r) => r.county === c.code)).toBe(true);
      expect(b.siting.runs.length).toBe(2);
      expect(b.access.counties.map((u) => u.code)).toEqual([c.code]);
      expect(b.access.townships.every((t) => t.county_code === c.code)).toBe(true);
      // every key the page reads is still there (same shape as the region-wide files)
      expect(Object.keys(b.results).sort()).toEqual(Object.keys(a.results).sort());
      expect(Object.keys(b.region).sort()).toEqual(Object.keys(a.region).sort());
    }
  });
});

describe("road-network travel (a region with roads)", () => {
  it("goes to each county bundle cut to the county; the region-wide access.json keeps no per-village list", () => {
    const travel = {
      label: "路网",
      counties: a.region.counties.map((c) => ({code: c.code})),
      townships: a.region.townships.map((t) => ({code: t.code})),
      villages: a.region.villages.map((v) => ({code: v.code, minutes: {community: 1}})),
      service_areas: {
        tiers: ["community"],
        pieces: a.region.counties.length,
        features: a.region.counties.map((c, i) => ({type: "Feature", geometry: {type: "LineString", coordinates: [[i, 0], [i, 1]]}, properties: {facility_id: `F${i}`, county_code: c.code, tier: "community"}}))
      }
    };
    const withRoads = {...a, access: {...a.access, travel}};
    for (const c of a.region.counties) {
      const b = countyBundle(withRoads, c.code);
      expect(b.access.travel!.counties).toEqual([{code: c.code}]);
      expect(b.access.travel!.townships.map((t) => t.code)).toEqual(a.region.townships.filter((t) => t.county_code === c.code).map((t) => t.code));
      expect(b.access.travel!.villages.map((v) => v.code)).toEqual(a.region.villages.filter((v) => v.county_code === c.code).map((v) => v.code));
      expect(b.access.travel!.label).toBe("路网");
      // service areas: the pieces of the county's own facilities
      expect(b.access.travel!.service_areas!.features!.map((f) => f.properties.county_code)).toEqual([c.code]);
      expect(b.access.travel!.service_areas!.pieces).toBe(a.region.counties.length);
    }
    // too many pieces: null stays null in every bundle
    const none = {...a, access: {...a.access, travel: {...travel, service_areas: {...travel.service_areas, features: null}}}};
    expect(countyBundle(none, a.region.counties[0].code).access.travel!.service_areas!.features).toBeNull();
    const summary = accessSummary(withRoads.access) as {travel: Record<string, unknown>};
    expect("villages" in summary.travel).toBe(false);
    expect("service_areas" in summary.travel).toBe(false);
    expect(summary.travel.counties).toEqual(travel.counties);
    expect(accessSummary(a.access)).toBe(a.access);
  });
});

describe("township reports (one page, its county's bundle)", () => {
  it("find in the county bundle the township's villages with their coverage, its facilities, the centres its stations link to, its figures and ranking", () => {
    for (const t of a.region.townships) {
      const b = countyBundle(a, t.code.slice(0, 6));
      const villages = a.region.villages.filter((v) => v.township_code === t.code);
      expect(b.region.villages.filter((v) => v.township_code === t.code)).toEqual(villages);
      const covered = new Set(b.results.villages.map((v) => v.code));
      for (const v of villages) expect(covered.has(v.code)).toBe(true);
      const own = a.region.facilities.filter((f) => f.township_code === t.code);
      expect(b.region.facilities.filter((f) => f.township_code === t.code)).toEqual(own);
      for (const f of own) if (f.linked_centre) expect(b.region.facilities.map((x) => x.id)).toContain(f.linked_centre);
      expect(b.results.metrics.townships.filter((m) => m.code === t.code)).toEqual(a.results.metrics.townships.filter((m) => m.code === t.code));
      expect(b.results.statuses.filter((s) => s.scope === "township" && s.code === t.code)).toEqual(a.results.statuses.filter((s) => s.scope === "township" && s.code === t.code));
      expect(b.region.townships).toContainEqual(t);
      expect(b.boundaries.townships.features.filter((f) => f.properties.code === t.code).length).toBe(1);
      expect(b.results.ranking[t.county_code]).toEqual(a.results.ranking[t.county_code]);
    }
  });
});

describe("region-wide summaries", () => {
  it("leave out the village list and per-village coverage, keep every county, township and facility", () => {
    const r = regionSummary(a.region);
    expect("villages" in r).toBe(false);
    expect("candidates" in r).toBe(false);
    expect(r.facilities.map((f) => f.id)).toEqual(a.region.facilities.map((f) => f.id));
    expect(Object.keys(r.facilities[0]).sort()).toEqual(["county_code", "id", "lat", "lng", "name", "status", "township_code", "type"]);
    expect(r.townships).toEqual(a.region.townships);
    expect(r.summary.villages).toBe(a.region.villages.length);
    expect("villages" in resultsSummary(a.results)).toBe(false);
    expect(resultsSummary(a.results).statuses).toEqual(a.results.statuses);
  });

  it("and a county bundle is much smaller than the region-wide files", () => {
    const full = JSON.stringify(a.region).length + JSON.stringify(a.results).length;
    const largest = Math.max(...a.region.counties.map((c) => JSON.stringify(countyBundle(a, c.code)).length));
    expect(largest).toBeLessThan(full / 2);
  });
});

describe("explorer bundles", () => {
  it("keep the five default counties together (one bundle, the explorer works on all of them)", () => {
    expect(explorerChunks(a.region)).toEqual([a.region.counties.map((c) => c.code)]);
    const b = explorerBundle(a, a.region.counties.map((c) => c.code));
    expect(b.region.villages.length).toBe(a.region.villages.length);
    expect(b.gaps.county.features.length).toBe(a.region.townships.length);
  });

  it("group whole counties in order, each bundle within the limit unless one county alone exceeds it", () => {
    const counties = Array.from({length: 40}, (_, i) => ({code: String(100000 + i), name: `C${i}`}));
    const sizes = counties.map((_, i) => (i * 7919) % 900);
    const villages = counties.flatMap((c, i) => Array.from({length: sizes[i]}, () => ({county_code: c.code})));
    const max = 1000;
    const chunks = explorerChunks({counties, villages} as never, max);
    expect(chunks.flat()).toEqual(counties.map((c) => c.code));
    const n = (codes: string[]) => codes.reduce((s, c) => s + sizes[counties.findIndex((x) => x.code === c)], 0);
    for (const chunk of chunks) expect(chunk.length === 1 || n(chunk) <= max).toBe(true);
    // greedy: a bundle is closed only when the next county would not fit
    for (let i = 0; i + 1 < chunks.length; i++) expect(n(chunks[i]) + n([chunks[i + 1][0]])).toBeGreaterThan(max);
  });

  it("cut boundaries and gap polygons to the bundle's townships", () => {
    const one = [a.region.counties[1].code];
    const b = explorerBundle(a, one);
    const tCodes = new Set(a.region.townships.filter((t) => t.county_code === one[0]).map((t) => t.code));
    expect(b.gaps.township.features.every((f) => tCodes.has(String(f.properties.township_code)))).toBe(true);
    expect(b.gaps.township.features.length).toBe(tCodes.size);
    expect(b.boundaries.counties.features.map((f) => f.properties.code)).toEqual(one);
  });

  it("carry no roads without a road network, and the roads near the bundle's villages with one", () => {
    expect(explorerBundle(a, [a.region.counties[0].code]).roads).toBeNull();
    const one = a.region.counties[1].code;
    const vs = a.region.villages.filter((v) => v.county_code === one);
    const {lng: x, lat: y} = vs[0] as unknown as {lng: number; lat: number};
    const config = travelConfig(undefined);
    const near = {coords: [[x, y], [x + 0.01, y]] as [number, number][], road_class: "tertiary" as const};
    const edge = {coords: [[x + 0.3, y], [x + 0.45, y]] as [number, number][]}; // within ROADS_MARGIN_DEG of some village
    const far = {coords: [[x + 20, y], [x + 20.01, y]] as [number, number][]};
    const b = explorerBundle(a, [one], () => 0, {config, lines: [near, edge, far], reachMetres: maxNetworkReach(config, [near, edge, far])});
    expect(b.roads!.lines).toEqual([near, edge]);
    expect(b.roads!.left_out).toBe(1);
    expect(b.roads!.config).toBe(config);
  });
});
