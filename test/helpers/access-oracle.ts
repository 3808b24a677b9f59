/**
 * Brute-force E2SFCA, written apart from src/lib/engine/access.ts: every village × facility pair, turf.distance in metres,
 * the textbook two steps (Luo & Qi 2009) with maps keyed by id. The oracle src/lib/engine/access.ts is tested against.
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

/**
 * Brute-force capacitated allocation, nearest first: every pair within the catchment (turf.distance), sorted by
 * distance, then village index, then facility id; each takes what both sides have left. `field` names the capacity
 * (beds, meal seats) or gives it per facility (stations: the configured people per type); facilities with no
 * capacity serve nobody.
 */
export function bruteCapacity(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  types: readonly FacilityType[],
  field: "beds" | "meal_seats" | ((f: Facility) => number),
  per1000: number,
  statuses: readonly FacilityStatus[] = ["operating", "upgrading"]
): {served: number[]; left: Map<string, number>} {
  const cap = (f: Facility) => (typeof field === "function" ? field(f) : f[field]);
  const supply = facilities.filter((f) => types.includes(f.type) && statuses.includes(f.status));
  const pairs: {d: number; v: number; f: Facility}[] = [];
  villages.forEach((v, i) => {
    for (const f of supply) {
      const d = turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"});
      if (d <= radii[f.type][v.settlement]) pairs.push({d, v: i, f});
    }
  });
  pairs.sort((a, b) => a.d - b.d || a.v - b.v || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
  const need = villages.map((v) => (v.pop60 * per1000) / 1000);
  const served = villages.map(() => 0);
  const left = new Map(supply.map((f) => [f.id, cap(f)]));
  for (const p of pairs) {
    const x = Math.min(need[p.v] - served[p.v], left.get(p.f.id)!);
    if (x > 0) {
      served[p.v] += x;
      left.set(p.f.id, left.get(p.f.id)! - x);
    }
  }
  return {served, left};
}
