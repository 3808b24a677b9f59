/**
 * Service circles for the map: one polygon per facility, its radius the facility type's radius for the
 * settlement class of the facility's township (the engine itself decides coverage per village class; the circle
 * is the picture of it). Turf draws the circle on the sphere.
 */
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, Polygon} from "geojson";
import {TIER_OF} from "./facility-types.js";
import type {Facility, RadiusTable, SettlementClass, Tier} from "./types.js";

/** Properties of a circle feature. */
export interface CircleProperties {
  id: string;
  tier: Tier;
  type: Facility["type"];
  settlement: SettlementClass;
  radius: number;
}

/**
 * The service circle of one facility.
 * @param settlement the settlement class of the facility's township
 * @param steps vertices of the ring (default 48)
 * @example serviceCircle(station, "urban", radii).properties.radius // 1000
 */
export function serviceCircle(f: Facility, settlement: SettlementClass, radii: RadiusTable, steps = 48): Feature<Polygon, CircleProperties> {
  const radius = radii[f.type][settlement];
  const c = turf.circle([f.lng, f.lat], radius, {steps, units: "meters"});
  return {type: "Feature", geometry: c.geometry, properties: {id: f.id, tier: TIER_OF[f.type], type: f.type, settlement, radius}};
}

/**
 * Circles of many facilities.
 * @param settlementOf the settlement class of a facility's township (e.g. from a code → township map; default rural)
 */
export function serviceCircles(
  facilities: readonly Facility[],
  settlementOf: (f: Facility) => SettlementClass | undefined,
  radii: RadiusTable,
  steps = 48
): FeatureCollection<Polygon, CircleProperties> {
  return {type: "FeatureCollection", features: facilities.map((f) => serviceCircle(f, settlementOf(f) ?? "rural", radii, steps))};
}
