/**
 * Road-network travel at build time (src/lib/engine/network.ts, docs/access.md "路网通行时间"): when the region has a roads
 * file, the graph is built once and every village gets, per tier, the travel time, route length and fastest serving
 * facility over the network on the data date, with coverage by the tier's time threshold; per county and township
 * the share of older people covered. Without roads: undefined, and the artifacts carry nothing about it (the pages
 * then say 直线距离服务半径).
 */
import {TIERS} from "../src/lib/facility-types.ts";
import {buildRoadGraph, MAX_SERVICE_AREA_PIECES, networkCoverage, SERVICE_AREA_TIERS, serviceAreas, summariseNetwork, travelConfig, travelModelLabel, type NetworkUnitSummary, type TravelConfig} from "../src/lib/engine/network.ts";

export {MAX_SERVICE_AREA_PIECES, SERVICE_AREA_TIERS};
import type {Facility, FacilityStatus, Tier} from "../src/lib/types.ts";
import type {Region} from "./region.ts";
import {roadLinesOf} from "./roads.ts";

/** The `travel` part of access.json. */
export interface TravelArtifact {
  label: string;
  config: TravelConfig;
  graph: {features: number; lines: number; nodes: number; segments: number};
  counties: NetworkUnitSummary[];
  townships: NetworkUnitSummary[];
  /**
   * Service areas along the roads of the walking tiers' facilities (SERVICE_AREA_TIERS), for the county report's
   * map: per facility the road parts within its threshold, LineStrings with facility_id, county_code, tier, mode,
   * minutes; coordinates to 1e-6°. Left out (null, with the count) when there are more than MAX_SERVICE_AREA_PIECES.
   */
  service_areas: {tiers: Tier[]; pieces: number; features: ServiceAreaPiece[] | null};
  /** per village and tier: minutes, metres, fastest facility id, covered (null: no facility reachable) */
  villages: {code: string; minutes: Record<Tier, number | null>; metres: Record<Tier, number | null>; facility: Record<Tier, string | null>; covered: Record<Tier, 0 | 1>}[];
}

/** One piece of a service area as access.json carries it. */
export interface ServiceAreaPiece {
  type: "Feature";
  geometry: {type: "LineString"; coordinates: [number, number][]};
  properties: {facility_id: string; county_code: string; tier: Tier; mode: string; minutes: number};
}

/**
 * Network coverage of the region's villages by the facilities serving on the data date.
 * @returns undefined when the region has no roads
 */
export function networkTravel(region: Region, facilities: readonly Facility[], statuses: readonly FacilityStatus[], log?: (m: string) => void): TravelArtifact | undefined {
  if (!region.roads?.length) return undefined;
  const config = travelConfig(region.config);
  const t0 = performance.now();
  const lines = roadLinesOf(region.roads);
  const graph = buildRoadGraph(lines, config);
  const t1 = performance.now();
  const result = networkCoverage(region.villages, facilities, graph, config, {statuses});
  log?.(`roads: ${region.roads.length} features, ${graph.nodeCount} nodes, ${graph.segmentCount} segments; graph ${Math.round(t1 - t0)} ms, network coverage ${Math.round(performance.now() - t1)} ms`);
  const county = new Map(facilities.map((f) => [f.id, f.county_code]));
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const areas = serviceAreas(graph, facilities, config, {statuses, tiers: SERVICE_AREA_TIERS}).features;
  const pieces: ServiceAreaPiece[] | null =
    areas.length > MAX_SERVICE_AREA_PIECES
      ? null
      : areas.map((a) => ({
          type: "Feature",
          geometry: {type: "LineString", coordinates: a.geometry.coordinates.map(([x, y]) => [round(x), round(y)] as [number, number])},
          properties: {facility_id: a.properties.facility_id, county_code: county.get(a.properties.facility_id) ?? "", tier: a.properties.tier, mode: a.properties.mode, minutes: a.properties.minutes}
        }));
  const per = <T>(f: (tier: Tier) => T) => Object.fromEntries(TIERS.map((t) => [t, f(t)])) as Record<Tier, T>;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    label: travelModelLabel(config),
    config,
    graph: {features: region.roads.length, lines: lines.length, nodes: graph.nodeCount, segments: graph.segmentCount},
    counties: summariseNetwork(result, (v) => v.county_code),
    townships: summariseNetwork(result, (v) => v.township_code),
    service_areas: {tiers: [...SERVICE_AREA_TIERS], pieces: areas.length, features: pieces},
    villages: region.villages.map((v, i) => ({
      code: v.code,
      minutes: per((t) => finite(result.tiers[t].seconds[i] / 60)),
      metres: per((t) => finite(result.tiers[t].nearestDist[i])),
      facility: per((t) => result.tiers[t].nearestId[i]),
      covered: per((t) => (result.tiers[t].count[i] ? 1 : 0))
    }))
  };
}
