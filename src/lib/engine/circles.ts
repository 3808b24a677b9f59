/**
 * Service circles for the map, drawn by the coverage engine's own rule: a facility of type T serves a village of
 * settlement class s when haversine(village, facility) ≤ radius[T][s] — the village's class, not the facility's
 * township's. So a facility is drawn as one ring per settlement class among the villages it actually reaches
 * (a township centre that reaches rural villages at 8 km and pastoral ones at 40 km gets both rings, each
 * labelled with its class); a village of class s is counted covered exactly when it lies inside a ring of class s
 * of some counted facility of the tier. A facility that reaches no village at all is drawn with the ring of its
 * township's class (it serves nobody; the ring shows where it would). Turf draws each ring on the sphere.
 */
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, Polygon} from "geojson";
import {TIER_OF} from "../facility-types.js";
import {haversine} from "./geo.js";
import {SETTLEMENTS} from "./radii.js";
import {pointGridOf, type PointGrid} from "./spatial.js";
import type {Facility, RadiusTable, SettlementClass, Tier} from "../types.js";

/** Properties of a circle feature. */
export interface CircleProperties {
  id: string;
  tier: Tier;
  type: Facility["type"];
  /** the settlement class of the villages this ring serves */
  settlement: SettlementClass;
  radius: number;
  /** villages of that class inside the ring (0 only for the fallback ring of a facility that reaches none) */
  villages: number;
  /**
   * the facility's main ring: its township's class, or its smallest ring when it reaches no village of that class.
   * The map fills it; the other rings are drawn as outlines with a faint fill, so many wide rings do not darken
   * the map (every ring counts alike).
   */
  primary: boolean;
}

/** A demand point as the rings need it. */
export interface RingVillage {
  lng: number;
  lat: number;
  settlement: SettlementClass;
}

/**
 * The villages of a region in the project's point grid (`spatial.ts`), to find quickly which villages of each class
 * a facility reaches.
 * @example const idx = new VillageReach(region.villages); idx.reach(f, radii) // {rural: 12, pastoral: 3}
 */
export class VillageReach {
  private readonly villages: readonly RingVillage[];
  private readonly grid: PointGrid;

  constructor(villages: readonly RingVillage[]) {
    this.villages = villages;
    this.grid = pointGridOf(villages, 5000);
  }

  /** Villages of each settlement class within that class's radius of `f` (classes with none are absent). */
  reach(f: Pick<Facility, "lng" | "lat" | "type">, radii: RadiusTable): Partial<Record<SettlementClass, number>> {
    const r = radii[f.type];
    const max = Math.max(...SETTLEMENTS.map((s) => r[s]));
    const n: Record<SettlementClass, number> = {urban: 0, rural: 0, pastoral: 0};
    this.grid.forEachNear(f.lng, f.lat, max, (i) => {
      const v = this.villages[i];
      const s = v.settlement;
      if (haversine(v.lng, v.lat, f.lng, f.lat) <= r[s]) n[s]++;
    });
    // classes in SETTLEMENTS order, whatever order the index visits the villages in
    const out: Partial<Record<SettlementClass, number>> = {};
    for (const s of SETTLEMENTS) if (n[s] > 0) out[s] = n[s];
    return out;
  }
}

/**
 * One ring of one facility: the radius of its type for villages of class `settlement`.
 * @param steps vertices of the ring (default 48)
 * @example serviceCircle(station, "urban", radii).properties.radius // 1000
 */
export function serviceCircle(f: Facility, settlement: SettlementClass, radii: RadiusTable, steps = 48, villages = 0, primary = true): Feature<Polygon, CircleProperties> {
  const radius = radii[f.type][settlement];
  const c = turf.circle([f.lng, f.lat], radius, {steps, units: "meters"});
  return {type: "Feature", geometry: c.geometry, properties: {id: f.id, tier: TIER_OF[f.type], type: f.type, settlement, radius, villages, primary}};
}

/**
 * The rings of one facility: one per settlement class it reaches, largest first (so smaller rings draw on top);
 * the `fallback` class's ring when it reaches no village.
 */
export function servingRings(f: Facility, reach: VillageReach, radii: RadiusTable, fallback: SettlementClass, steps = 48): Feature<Polygon, CircleProperties>[] {
  const counts = reach.reach(f, radii);
  const classes = SETTLEMENTS.filter((s) => (counts[s] ?? 0) > 0);
  if (classes.length === 0) return [serviceCircle(f, fallback, radii, steps, 0)];
  classes.sort((a, b) => radii[f.type][b] - radii[f.type][a]);
  const main = classes.includes(fallback) ? fallback : classes[classes.length - 1];
  return classes.map((s) => serviceCircle(f, s, radii, steps, counts[s] ?? 0, s === main));
}

/**
 * Rings of many facilities (counted ones: the caller filters by status).
 * @param fallbackOf the class drawn for a facility that reaches no village (its township's class; default rural)
 */
export function serviceCircles(
  facilities: readonly Facility[],
  villages: readonly RingVillage[] | VillageReach,
  radii: RadiusTable,
  fallbackOf: (f: Facility) => SettlementClass | undefined = () => "rural",
  steps = 48
): FeatureCollection<Polygon, CircleProperties> {
  const reach = villages instanceof VillageReach ? villages : new VillageReach(villages);
  return {type: "FeatureCollection", features: facilities.flatMap((f) => servingRings(f, reach, radii, fallbackOf(f) ?? "rural", steps))};
}
