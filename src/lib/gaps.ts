/**
 * Gap polygons: the part of each township outside every service circle of one tier, as simplified GeoJSON with
 * its area and the older people living in it. Turf does the geometry (circles, union, difference, area).
 *
 * The coverage engine's rule decides the radius: a facility serves a village by the radius of its type for the
 * village's own settlement class. So a township gets one gap feature per settlement class among its villages
 * (its own class first; the township's class alone when it has no villages): the gap of class s is the township
 * minus the circles of radius[T][s], and holds exactly the township's class-s villages the engine counts as
 * uncovered. Where a township mixes classes the gaps overlap (a rural gap lies inside the urban one when rural
 * radii are larger); each feature names its class.
 */
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {SERVING_STATUSES, TIER_OF} from "./facility-types.js";
import {metresToDegreesLat, metresToDegreesLng} from "./geo.js";
import {SETTLEMENTS} from "./radii.js";
import type {Facility, FacilityStatus, Measure, RadiusTable, SettlementClass, Tier, Township, Village} from "./types.js";

type Area = Polygon | MultiPolygon;

/** Properties of a gap feature. */
export interface GapProperties {
  township_code: string;
  name: string;
  tier: Tier;
  /** the settlement class of the villages this gap is drawn for (radius of each facility type for that class) */
  settlement: SettlementClass;
  /** whether that class is the township's own */
  own_class: boolean;
  /** area of the township polygon, km² (Turf spherical area) */
  township_km2: number;
  /** area inside some service circle, km² */
  covered_km2: number;
  /** area of the gap, km² (before simplification) */
  gap_km2: number;
  /** villages of this township and class inside the gap, and their people by `measure` */
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
 * One gap feature per township polygon and settlement class of its villages (geometry null when fully covered).
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
  const villagesOf = new Map<string, Village[]>();
  for (const v of villages) {
    const list = villagesOf.get(v.township_code);
    if (list) list.push(v);
    else villagesOf.set(v.township_code, [v]);
  }
  const features = boundaries.features.flatMap((b) => {
    const code = b.properties.code ?? b.properties.township_code;
    if (code === undefined) throw new Error(`Township boundary without a code: ${JSON.stringify(b.properties).slice(0, 120)}`);
    const t = byCode.get(code);
    const own = t?.settlement ?? "rural";
    const mine = villagesOf.get(code) ?? [];
    const classes = [own, ...SETTLEMENTS.filter((s) => s !== own && mine.some((v) => v.settlement === s))];
    if (!mine.some((v) => v.settlement === own) && classes.length > 1) classes.shift();
    const bbox = turf.bbox(b);
    return classes.map((settlement) => {
      const union = circleUnion(nearbyFacilities(facilities, tier, settlement, radii, bbox, statuses), radii, settlement, steps);
      const gap = union ? turf.difference(turf.featureCollection([b, union])) : b;
      const covered = union ? turf.intersect(turf.featureCollection([b, union])) : null;
      const inside = gap ? mine.filter((v) => v.settlement === settlement && turf.booleanPointInPolygon([v.lng, v.lat], gap)) : [];
      const properties: GapProperties = {
        township_code: code,
        name: t?.name ?? code,
        tier,
        settlement,
        own_class: settlement === own,
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
  });
  return {type: "FeatureCollection", features};
}

function simplified(f: Feature<Area>, tolerance: number): Feature<Area> {
  const s = tolerance > 0 ? turf.simplify(f, {tolerance, highQuality: false}) : f;
  return turf.truncate(s, {precision: 6});
}
