/**
 * The optional road network of a region (`files.roads` in region.json): GeoJSON or a shapefile of LineString /
 * MultiLineString features with a road class (class / highway / fclass / 道路等级 …) or a speed (speed_kmh / 速度 …).
 * Each feature is validated like a boundary: every position two finite numbers in range, at least two positions per
 * line, converted from the declared crs to WGS84 with the same conversion as every other file (coords.ts). A feature
 * is rejected, with the field and what was expected, when its geometry is not a line, when it has neither a class
 * nor a speed, when its class is none of the contract's and it has no speed, or when its speed is not 1–200 km/h.
 * A class the contract does not know is accepted with a warning when the feature has its own speed.
 */
import type {Geometry} from "geojson";
import {buildRoadGraph, graphParts, ROAD_CLASSES, roadClassOf, travelConfig, type RoadClass, type RoadLine} from "../src/lib/engine/network.ts";
import {fieldsOf} from "./aliases.ts";
import {quote, type RowCheck} from "./check.ts";
import {checkLngLat, toWgs84} from "./coords.ts";
import type {Ctx} from "./validate.ts";

/** An accepted road feature (WGS84). */
export interface RoadRecord {
  id: string;
  name: string;
  road_class?: RoadClass;
  speed_kmh?: number;
  /** one or more lines of [lng, lat] positions */
  lines: [number, number][][];
  modelled: string[];
}

/** Highest speed accepted, km/h. */
export const MAX_SPEED_KMH = 200;

/**
 * Validate one road feature.
 * @returns the road, or undefined with the problems recorded on `c`
 */
export function roadRow(c: RowCheck, geometry: Geometry | null | undefined, ctx: Ctx, generatedId: string | undefined): RoadRecord | undefined {
  const id = generatedId ?? c.text("id");
  const lines = roadLines(c, geometry, ctx);
  const rawClass = c.raw("road_class").trim();
  const hasSpeed = !c.empty("speed_kmh");
  let speed: number | undefined;
  if (hasSpeed) {
    const n = c.number("speed_kmh");
    if (n !== undefined && !(n > 0 && n <= MAX_SPEED_KMH)) c.fail("speed_kmh", `a speed in km/h, more than 0 and at most ${MAX_SPEED_KMH}`, c.raw("speed_kmh"));
    else speed = n;
  }
  let road_class: RoadClass | undefined;
  if (rawClass === "" && !hasSpeed) {
    const cols = c.has("road_class") || c.has("speed_kmh") ? "both cells are empty" : "the file has neither column";
    c.fail("road_class", "a road class (class, highway, fclass, 道路等级) or a speed (speed_kmh, 速度)", "", `expected a road class or a speed in km/h: ${cols}`);
  } else if (rawClass !== "") {
    road_class = roadClassOf(rawClass);
    const known = `one of ${ROAD_CLASSES.join(", ")} (or 高速公路, 国道, 省道, 县道, 乡道, 村道, OpenStreetMap highway values)`;
    if (road_class === undefined && !hasSpeed) c.fail("road_class", known, rawClass, `unknown road class ${quote(rawClass)}: expected ${known}, or give the feature a speed (speed_kmh, 速度)`);
    else if (road_class === undefined) c.warn("road_class", `unknown road class ${quote(rawClass)}: the feature's speed ${speed} km/h is used for driving, walking is allowed`);
  }
  if (!c.ok || lines === undefined || id === undefined) return undefined;
  const modelled = c.modelled([...fieldsOf("roads"), "geometry"]);
  const out: RoadRecord = {id, name: c.raw("name").trim(), lines, modelled};
  if (road_class) out.road_class = road_class;
  if (speed !== undefined) out.speed_kmh = speed;
  return out;
}

/** The lines of a LineString or MultiLineString, checked and converted to WGS84. */
function roadLines(c: RowCheck, geometry: Geometry | null | undefined, ctx: Ctx): [number, number][][] | undefined {
  if (!geometry || (geometry.type !== "LineString" && geometry.type !== "MultiLineString")) {
    return c.fail("geometry", "a LineString or MultiLineString", geometry?.type ?? "no geometry");
  }
  const multi = geometry.type === "MultiLineString";
  const coords: unknown = geometry.coordinates;
  if (!Array.isArray(coords) || (multi && !coords.every(Array.isArray))) return c.fail("geometry", multi ? "coordinates: an array of lines" : "coordinates: an array of positions", JSON.stringify(coords) ?? "nothing");
  const parts = (multi ? coords : [coords]) as unknown[][];
  if (parts.length === 0) return c.fail("geometry", "at least one line", "[]", "MultiLineString has no lines");
  const out: [number, number][][] = [];
  for (let li = 0; li < parts.length; li++) {
    const where = multi ? `line ${li + 1}` : "line";
    const part = parts[li];
    if (part.length < 2) return c.fail("geometry", "a line of at least 2 positions", JSON.stringify(part), `${where}: expected at least 2 positions, found ${part.length}`);
    const line: [number, number][] = [];
    for (let k = 0; k < part.length; k++) {
      const p: unknown = part[k];
      const ok = Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number" && Number.isFinite(p[0]) && Number.isFinite(p[1]);
      const found = JSON.stringify(p) ?? "nothing";
      if (!ok) return c.fail("geometry", "[lng, lat]: two numbers", found, `${where}, position ${k + 1}: expected [lng, lat] as two numbers, found ${found.length > 60 ? `${found.slice(0, 60)}…` : found}`);
      const [lng, lat] = p as number[];
      const problem = checkLngLat(lng, lat);
      if (problem) return c.fail("geometry", problem.expected, found, `${where}, position ${k + 1}: ${problem.message}`);
      line.push(toWgs84([lng, lat], ctx.crs));
    }
    out.push(line);
  }
  if (ctx.crs !== "WGS84") ctx.converted.n++;
  return out;
}

/** The lines of accepted road records, for `buildRoadGraph`. */
export function roadLinesOf(roads: readonly RoadRecord[]): RoadLine[] {
  return roads.flatMap((r) => r.lines.map((coords) => {
    const line: RoadLine = {coords};
    if (r.road_class) line.road_class = r.road_class;
    if (r.speed_kmh !== undefined) line.speed_kmh = r.speed_kmh;
    return line;
  }));
}

/**
 * The load report's note on the accepted roads as a network: nodes, segments and connected parts (lines connect only
 * where they share a vertex, within the snapping tolerance), so a network exported without junction vertices shows.
 */
export function roadNetworkNote(roads: readonly RoadRecord[], config: Record<string, unknown>): string {
  let travel;
  try {
    travel = travelConfig(config);
  } catch {
    travel = travelConfig(undefined); // (a malformed config.travel is a manifest error already)
  }
  const g = buildRoadGraph(roadLinesOf(roads), travel);
  const {parts, largestShare} = graphParts(g);
  const km = (g.segMetres.reduce((a, b) => a + b, 0) / 1000).toFixed(1);
  const split = parts > 1 ? `; ${parts} connected parts, the largest holding ${(largestShare * 100).toFixed(1)} % of the length (lines meet only where they share a vertex, within ${travel.snap_tolerance_m} m: a part not joined to the rest is reached only from points snapped onto it)` : "; one connected network";
  return `road network: ${roads.length} features → ${g.nodeCount} nodes, ${g.segmentCount} segments, ${km} km${split}`;
}
