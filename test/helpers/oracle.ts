/** Brute-force coverage with turf.distance: the oracle the engine is tested against. */
import * as turf from "@turf/turf";
import {SERVING_STATUSES, TIER_OF} from "../../src/lib/facility-types.ts";
import type {Facility, FacilityStatus, RadiusTable, Tier, Village} from "../../src/lib/types.ts";

export interface OracleVillage {
  covering: Record<Tier, string[]>;
  nearestDist: Record<Tier, number>;
  nearestId: Record<Tier, string | null>;
}

/** Every pair, turf.distance in metres; nearest ties go to the smaller id. */
export function bruteForce(
  villages: readonly Village[],
  facilities: readonly Facility[],
  radii: RadiusTable,
  statuses: readonly FacilityStatus[] = SERVING_STATUSES
): OracleVillage[] {
  const counted = facilities.filter((f) => statuses.includes(f.status));
  return villages.map((v) => {
    const out: OracleVillage = {
      covering: {county: [], township: [], community: [], meal: []},
      nearestDist: {county: Infinity, township: Infinity, community: Infinity, meal: Infinity},
      nearestId: {county: null, township: null, community: null, meal: null}
    };
    for (const f of counted) {
      const tier = TIER_OF[f.type];
      const d = turf.distance([v.lng, v.lat], [f.lng, f.lat], {units: "meters"});
      if (d <= radii[f.type][v.settlement]) out.covering[tier].push(f.id);
      const best = out.nearestDist[tier];
      if (d < best || (d === best && f.id < (out.nearestId[tier] ?? ""))) {
        out.nearestDist[tier] = d;
        out.nearestId[tier] = f.id;
      }
    }
    for (const t of Object.keys(out.covering) as Tier[]) out.covering[t].sort();
    return out;
  });
}
