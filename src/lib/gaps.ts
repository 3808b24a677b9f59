/**
 * Gap polygons: the part of each township outside every service circle of one tier, as simplified GeoJSON with
 * its area and the older people living in it. Turf does the geometry (circles, union, difference, area); the
 * circle radius of a facility type is the one for the township's settlement class.
 */
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {SERVING_STATUSES, TIER_OF} from "./facility-types.js";
import {metresToDegreesLat, metresToDegreesLng} from "./geo.js";
import type {Facility, FacilityStatus, Measure, RadiusTable, SettlementClass, Tier, Township, Village} from "./types.js";

type Area = Polygon | MultiPolygon;

/** Properties of a gap feature. */
export interface GapProperties {
  township_code: string;
  name: string;
  tier: Tier;
  /** area of the township polygon, km² (Turf spherical area) */
  township_km2: number;
  /** area inside some service circle, km² */
  covered_km2: number;
  /** area of the gap, km² (before simplification) */
  gap_km2: number;
  /** villages of this township inside the gap, and their people by `measure` */
  villages: number;
  people: number;
  measure: Measure;
}

/** Options of {@link gapPolygons}. */
export interface GapOptions {
  measure?: Measure;
  statuses?: readonly FacilityStatus[];
  /** vertices per circle (default 64) */
  steps?: number;
  /** simplification tolerance in degrees (default 0.0005 ≈ 50 m); 0 = none */
  tolerance?: number;
}

/** Counted facilities of `tier` whose circle may reach the bbox. */
function nearbyFacilities(facilities: readonly Facility[], tier: Tier, settlement: SettlementClass, radii: RadiusTable, bbox: number[], statuses: ReadonlySet<FacilityStatus>): Facility[] {
  return facilities.filter((f) => {
    if (TIER_OF[f.type] !== tier || !statuses.has(f.status)) return false;
    const r = radii[f.type][settlement];
    const dLat = metresToDegreesLat(r);
    const dLng = metresToDegreesLng(r, f.lat);
    return f.lng + dLng >= bbox[0] && f.lng - dLng <= bbox[2] && f.lat + dLat >= bbox[1] && f.lat - dLat <= bbox[3];
  });
}

/** The union of the circles, or null when there are none. */
function circleUnion(fs: readonly Facility[], radii: RadiusTable, settlement: SettlementClass, steps: number): Feature<Area> | null {
  const circles = fs.map((f) => turf.circle([f.lng, f.lat], radii[f.type][settlement], {steps, units: "meters"}));
  if (circles.length === 0) return null;
  if (circles.length === 1) return circles[0];
  return turf.union(turf.featureCollection(circles));
}

function km2(f: Feature<Area> | null): number {
  return f ? turf.area(f) / 1e6 : 0;
}

/**
 * One gap feature per township polygon (geometry null when fully covered).
 * @param boundaries township polygons whose properties name the township by `code` (as the region loader gives
 *   them) or `township_code` (as in a region's boundary file)
 * @example gapPolygons(boundaries, townships, villages, facilities, radii, "community")
 */
export function gapPolygons(
  boundaries: FeatureCollection<Area, {code?: string; township_code?: string}>,
  townships: readonly Township[],
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  tier: Tier,
  options: GapOptions = {}
): FeatureCollection<Area | null, GapProperties> {
  const measure = options.measure ?? "pop60";
  const statuses = new Set<FacilityStatus>(options.statuses ?? SERVING_STATUSES);
  const steps = options.steps ?? 64;
  const tolerance = options.tolerance ?? 0.0005;
  const byCode = new Map(townships.map((t) => [t.code, t]));
  const features = boundaries.features.map((b) => {
    const code = b.properties.code ?? b.properties.township_code;
    if (code === undefined) throw new Error(`Township boundary without a code: ${JSON.stringify(b.properties).slice(0, 120)}`);
    const t = byCode.get(code);
    const settlement = t?.settlement ?? "rural";
    const union = circleUnion(nearbyFacilities(facilities, tier, settlement, radii, turf.bbox(b), statuses), radii, settlement, steps);
    const gap = union ? turf.difference(turf.featureCollection([b, union])) : b;
    const covered = union ? turf.intersect(turf.featureCollection([b, union])) : null;
    const inside = gap ? villages.filter((v) => v.township_code === code && turf.booleanPointInPolygon([v.lng, v.lat], gap)) : [];
    const properties: GapProperties = {
      township_code: code,
      name: t?.name ?? code,
      tier,
      township_km2: km2(b),
      covered_km2: km2(covered),
      gap_km2: km2(gap),
      villages: inside.length,
      people: inside.reduce((s, v) => s + v[measure], 0),
      measure
    };
    const geometry = gap ? simplified(gap, tolerance).geometry : null;
    return {type: "Feature" as const, properties, geometry};
  });
  return {type: "FeatureCollection", features};
}

function simplified(f: Feature<Area>, tolerance: number): Feature<Area> {
  const s = tolerance > 0 ? turf.simplify(f, {tolerance, highQuality: false}) : f;
  return turf.truncate(s, {precision: 6});
}
