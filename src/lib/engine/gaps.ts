/**
 * Gap polygons: the part of each township outside every service circle of one tier, as simplified GeoJSON with
 * its area and the older people living in it. Turf draws the circles and measures areas; polygon-clipping subtracts.
 *
 * The coverage engine's rule decides the radius: a facility serves a village by the radius of its type for the
 * village's own settlement class. So a township gets one gap feature per settlement class among its villages
 * (its own class first; the township's class alone when it has no villages): the gap of class s is the township
 * minus the circles of radius[T][s], and holds exactly the township's class-s villages the engine counts as
 * uncovered. Where a township mixes classes the gaps overlap (a rural gap lies inside the urban one when rural
 * radii are larger); each feature names its class.
 */
import * as turf from "@turf/turf";
import polygonClipping from "polygon-clipping";
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {SERVING_STATUSES, TIER_OF} from "../facility-types.js";
import {metresToDegreesLat, metresToDegreesLng} from "./geo.js";
import {SETTLEMENTS} from "./radii.js";
import {boxIndex, type BBox, type BoxIndex} from "./spatial.js";
import type {Facility, FacilityStatus, Measure, RadiusTable, SettlementClass, Tier, Township, Village} from "../types.js";

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

/**
 * The serving facilities of one tier, indexed by the widest reach of each (its radius for the settlement class it
 * reaches furthest): one box index (`spatial.ts`'s boxIndex, Flatbush: reaches from 1 to 80 km fit no one grid cell)
 * per call of gapPolygons, so finding the circles that can touch a township is a box query, not a scan of every
 * facility of the region per township and class (a province's 3 600 townships × 36 600 facilities made the gap
 * loader quadratic).
 */
class TierFacilities {
  readonly list: Facility[];
  private readonly index: BoxIndex;
  constructor(facilities: readonly Facility[], tier: Tier, radii: RadiusTable, statuses: ReadonlySet<FacilityStatus>) {
    this.list = facilities.filter((f) => TIER_OF[f.type] === tier && statuses.has(f.status));
    this.index = boxIndex(
      this.list.map((f): BBox => {
        const r = Math.max(...SETTLEMENTS.map((s) => radii[f.type][s]));
        const dLat = metresToDegreesLat(r);
        const dLng = metresToDegreesLng(r, f.lat);
        return [f.lng - dLng, f.lat - dLat, f.lng + dLng, f.lat + dLat];
      })
    );
  }

  /** The facilities whose circle for `settlement` villages reaches the box, in input order. */
  near(settlement: SettlementClass, radii: RadiusTable, bbox: number[]): Facility[] {
    const ids = this.index.search(bbox[0], bbox[1], bbox[2], bbox[3]).sort((a, b) => a - b);
    return ids.map((i) => this.list[i]).filter((f) => {
      const r = radii[f.type][settlement];
      const dLat = metresToDegreesLat(r);
      const dLng = metresToDegreesLng(r, f.lat);
      return f.lng + dLng >= bbox[0] && f.lng - dLng <= bbox[2] && f.lat + dLat >= bbox[1] && f.lat - dLat <= bbox[3];
    });
  }
}

/** Whether the planar polygon ring (lng/lat, closed) is convex: every turn the same way. */
function convexRing(ring: readonly number[][]): boolean {
  let sign = 0;
  for (let i = 0; i + 2 < ring.length + 1; i++) {
    const [a, b, c] = [ring[i], ring[(i + 1) % (ring.length - 1)], ring[(i + 2) % (ring.length - 1)]];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/** Every vertex of an area (a polygon's vertices bound it: a convex region holding them holds it all). */
function vertices(area: Feature<Area>): number[][] {
  const g = area.geometry;
  return g.type === "Polygon" ? g.coordinates.flat() : g.coordinates.flat(2);
}

/**
 * The service circles that can reach a township, as the gap needs them:
 * - when one circle (a convex 64-gon in lng/lat, as Turf draws it) holds every vertex of the township, the township
 *   is inside it: "all covered", with no union computed (a pastoral county institution's 80 km circle covers many
 *   townships whole, and unions of dozens of such circles made a province's gap step take minutes);
 * - otherwise each circle is clipped to the township's bounding box (exact: the township lies in its box, so
 *   township − circles = township − (circles ∩ box)), and the clipped circles are subtracted from the township in one
 *   sweep (no separate union).
 * The gap is the same area as the township minus the plain union of the whole circles.
 */
function circlesInBox(fs: readonly Facility[], radii: RadiusTable, settlement: SettlementClass, steps: number, township: Feature<Area>, bbox: number[]): Feature<Area>[] | "whole" | null {
  const circles = fs.map((f) => turf.circle([f.lng, f.lat], radii[f.type][settlement], {steps, units: "meters"}));
  if (circles.length === 0) return null;
  const corners = vertices(township);
  for (const c of circles) {
    if (convexRing(c.geometry.coordinates[0]) && corners.every((p) => turf.booleanPointInPolygon(p, c, {ignoreBoundary: false}))) return "whole";
  }
  // the box padded by ~0.1 m: clipped edges then never lie on the township's own extreme vertices and edges
  // (touching, collinear input is where floating-point clipping is fragile)
  const pad = 1e-6;
  const box: [number, number, number, number] = [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad];
  const clipped = circles.map((c) => turf.bboxClip(c, box)).filter((c) => c.geometry.coordinates.length > 0 && (c.geometry.coordinates[0] as unknown[]).length >= 4);
  if (clipped.length === 0) return null;
  return clipped as Feature<Area>[];
}

/**
 * township − circles, with polygon-clipping (floating-point Martinez–Rueda sweep, the library Turf 6 used): Turf 7's
 * polyclip-ts computes the same sweep in BigNumber arithmetic, ~90 % of a province's gap step (docs/scale.md).
 * Null when nothing is left.
 */
function subtract(township: Feature<Area>, circles: readonly Feature<Area>[]): Feature<Area> | null {
  const coords = (f: Feature<Area>) => f.geometry.coordinates as polygonClipping.Geom;
  const out = polygonClipping.difference(coords(township), ...circles.map(coords));
  if (out.length === 0) return null;
  return {type: "Feature", properties: {}, geometry: out.length === 1 ? {type: "Polygon", coordinates: out[0]} : {type: "MultiPolygon", coordinates: out}};
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
  const serving = new TierFacilities(facilities, tier, radii, statuses);
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
      const circles = circlesInBox(serving.near(settlement, radii, bbox), radii, settlement, steps, b, bbox);
      // township − every circle in one clipping sweep (Turf's difference subtracts all the later polygons from the first)
      const gap = circles === "whole" ? null : circles ? subtract(b, circles) : b;
      const areaKm2 = km2(b);
      const gapKm2 = km2(gap);
      const inside = gap ? mine.filter((v) => v.settlement === settlement && turf.booleanPointInPolygon([v.lng, v.lat], gap)) : [];
      const properties: GapProperties = {
        township_code: code,
        name: t?.name ?? code,
        tier,
        settlement,
        own_class: settlement === own,
        township_km2: areaKm2,
        // the rest of the township (no second polygon clipping: Turf's exact arithmetic made it half the cost)
        covered_km2: Math.max(0, areaKm2 - gapKm2),
        gap_km2: gapKm2,
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
