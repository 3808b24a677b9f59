/**
 * Brute-force E2SFCA, written apart from src/lib/access.ts: every village × facility pair, turf.distance in metres,
 * the textbook two steps (Luo & Qi 2009) with maps keyed by id. The oracle src/lib/access.ts is tested against.
 */
import * as turf from "@turf/turf";
import type {Facility, FacilityStatus, FacilityType, RadiusTable, Village} from "../../src/lib/types.ts";

export type OracleDecay = {kind: "zones"; zones: number[]; weights: number[]} | {kind: "gaussian"};

function weight(decay: OracleDecay, d: number, r: number): number {
  if (d > r) return 0;
  if (decay.kind === "gaussian") return (Math.exp(-0.5 * (d / r) ** 2) - Math.exp(-0.5)) / (1 - Math.exp(-0.5));
  const zone = decay.zones.findIndex((z) => d <= z * r);
  return zone < 0 ? 0 : decay.weights[zone];
}

/** Accessible supply per 1 000 pop60 of every village, from facilities of `types` with `field` as supply. */
export function bruteE2sfca(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  decay: OracleDecay,
  types: readonly FacilityType[],
  field: "beds" | "meal_seats",
  statuses: readonly FacilityStatus[] = ["operating", "upgrading"]
): number[] {
  const supply = facilities.filter((f) => types.includes(f.type) && statuses.includes(f.status));
  const w = (v: Village, f: Facility) => weight(decay, turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"}), radii[f.type][v.settlement]);
  const ratio = new Map<string, number>();
  for (const f of supply) {
    let demand = 0;
    for (const v of villages) demand += v.pop60 * w(v, f);
    ratio.set(f.id, demand > 0 ? f[field] / demand : 0);
  }
  return villages.map((v) => 1000 * supply.reduce((s, f) => s + (ratio.get(f.id) ?? 0) * w(v, f), 0));
}
