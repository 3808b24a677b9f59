import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {haversine} from "../../src/lib/engine/geo.ts";
import {buildCoverLists} from "../../src/lib/siting/siting.ts";
import type {CandidatePoint, DemandPoint} from "../../src/lib/siting/siting.ts";
import type {FacilityType, SettlementClass} from "../../src/lib/types.ts";

const RADII: Partial<Record<FacilityType, Record<SettlementClass, number>>> = {
  community_station: {urban: 1000, rural: 2000, pastoral: 10000},
  township_centre: {urban: 3000, rural: 5000, pastoral: 30000}
};
const radiusOf = (type: FacilityType, s: SettlementClass) => RADII[type]![s];

describe("buildCoverLists", () => {
  it("uses the radius of the candidate's type and the village's settlement class", () => {
    const north = (m: number) => 38 + m / 111195.08; // metres per degree of latitude at R = 6 371 008.8 m
    const demand: DemandPoint[] = [
      {lng: 106, lat: north(1500), weight: 10, settlement: "urban"}, // 1.5 km: beyond 1 km
      {lng: 106, lat: north(1500), weight: 20, settlement: "rural"}, // 1.5 km: within 2 km
      {lng: 106, lat: north(9000), weight: 30, settlement: "pastoral"} // 9 km: within 10 km
    ];
    const candidates: CandidatePoint[] = [{lng: 106, lat: 38, type: "community_station"}];
    const {weights, cover} = buildCoverLists(demand, candidates, radiusOf);
    expect([...weights]).toEqual([10, 20, 30]);
    expect([...cover[0]]).toEqual([1, 2]);
  });

  const point = (lat0: number) =>
    fc.record({
      lng: fc.double({min: 106, max: 106.6, noNaN: true}),
      lat: fc.double({min: lat0, max: Math.min(90, lat0 + 0.4), noNaN: true}),
      weight: fc.integer({min: 0, max: 500}),
      settlement: fc.constantFrom<SettlementClass>("urban", "rural", "pastoral")
    });

  it("finds exactly the pairs an all-pairs haversine check finds (grid never misses a point)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(-45, 0, 38, 45, 60, 89.5).chain((lat0) =>
          fc.tuple(
            fc.array(point(lat0), {maxLength: 80}),
            fc.array(fc.record({lng: fc.double({min: 106, max: 106.6, noNaN: true}), lat: fc.double({min: lat0, max: Math.min(90, lat0 + 0.4), noNaN: true}), type: fc.constantFrom<FacilityType>("community_station", "township_centre")}), {maxLength: 20})
          )
        ),
        ([demand, candidates]) => {
          const {cover} = buildCoverLists(demand, candidates, radiusOf);
          candidates.forEach((c, j) => {
            const expected = demand.flatMap((d, i) => (haversine(d.lng, d.lat, c.lng, c.lat) <= radiusOf(c.type, d.settlement) ? [i] : []));
            expect([...cover[j]]).toEqual(expected);
          });
        }
      ),
      {numRuns: 200, seed: 80}
    );
  });
});
