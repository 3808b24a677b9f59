import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {synthRegion} from "../../bench/synth.ts";
import {CoverageEngine, computeCoverage} from "../../src/lib/engine/coverage.ts";
import {FACILITY_TYPES, TIERS, TIER_OF} from "../../src/lib/facility-types.ts";
import {haversine} from "../../src/lib/engine/geo.ts";
import {defaultRadii, SETTLEMENTS} from "../../src/lib/engine/radii.ts";
import type {CoverageResult} from "../../src/lib/engine/coverage.ts";
import type {Facility, FacilityStatus, RadiusTable, Village} from "../../src/lib/types.ts";
import {bruteForce} from "../helpers/oracle.ts";

function relClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

function expectMatchesOracle(villages: Village[], facilities: Facility[], radii: RadiusTable, statuses?: FacilityStatus[]): void {
  const engine = new CoverageEngine(villages, facilities, radii, {statuses});
  const res = engine.result();
  const oracle = bruteForce(villages, facilities, radii, statuses);
  villages.forEach((v, i) => {
    for (const tier of TIERS) {
      const o = oracle[i];
      expect(engine.covering(i, tier), `${v.code} ${tier} covering`).toEqual(o.covering[tier]);
      expect(res.tiers[tier].count[i], `${v.code} ${tier} count`).toBe(o.covering[tier].length);
      expect(res.tiers[tier].nearestId[i], `${v.code} ${tier} nearest id`).toBe(o.nearestId[tier]);
      expect(relClose(res.tiers[tier].nearestDist[i], o.nearestDist[tier]), `${v.code} ${tier} nearest dist`).toBe(true);
    }
  });
}

describe("coverage engine vs brute force (turf.distance)", () => {
  for (const seed of [1, 2, 3]) {
    it(`county-size seeded region ${seed}`, () => {
      const r = synthRegion({seed, villages: 400, facilities: 150, counties: 2, extent: [106, 37.5, 107, 38.5]});
      expectMatchesOracle(r.villages, r.facilities, defaultRadii());
    });
  }

  it("China-wide sparse region (long nearest searches, pastoral radii)", () => {
    const r = synthRegion({seed: 7, villages: 600, facilities: 60, counties: 12});
    expectMatchesOracle(r.villages, r.facilities, defaultRadii());
  });

  it("construction and planned facilities count when asked", () => {
    const r = synthRegion({seed: 11, villages: 300, facilities: 120, counties: 2, extent: [120, 30, 121, 31], idleShare: 0.5});
    expectMatchesOracle(r.villages, r.facilities, defaultRadii(), ["operating", "construction", "planned"]);
  });

  it("random radii including tiny and huge ones", () => {
    const r = synthRegion({seed: 5, villages: 300, facilities: 100, counties: 3, extent: [110, 40, 113, 42]});
    const radii = defaultRadii();
    radii.community_station.rural = 50;
    radii.meal_site.rural = 120_000;
    radii.township_centre.urban = 7;
    expectMatchesOracle(r.villages, r.facilities, radii);
  });

  it("ties and near-ties (mirror images, the same spot, exactly at or just past the radius) are decided as the exact distance decides", () => {
    // The engine filters pairs on the squared chord; these pairs sit inside its rounding bound, so the exact
    // haversine term must decide. Mirror images east and west (Δ a power of two, so both differences are exact)
    // are at the same exact distance but their chords differ in the last bits: the smaller id must win.
    const villages: Village[] = [];
    const facilities: Facility[] = [];
    const step = 2 ** -7;
    for (let i = 0; i < 48; i++) {
      const lng = 100 + i * 0.625;
      const lat = 20 + i * 0.5;
      villages.push(village(`1101010010${String(i).padStart(2, "0")}`, lng, lat, i % 3 === 0 ? "urban" : "rural"));
      const type = FACILITY_TYPES[i % FACILITY_TYPES.length];
      facilities.push(facility(`E${String(i).padStart(2, "0")}${i % 2 ? "b" : "a"}`, type, lng + step, lat));
      facilities.push(facility(`E${String(i).padStart(2, "0")}${i % 2 ? "a" : "b"}`, type, lng - step, lat));
      facilities.push(facility(`S${i}`, type, lng, lat + step)); // same spot as T: a tie
      facilities.push(facility(`T${i}`, type, lng, lat + step));
    }
    // the edge: a village with a canteen exactly at the canteen radius and a meal site just past the meal radius
    const edge = village("110101002001", 111.3, 36.7, "rural");
    villages.push(edge);
    facilities.push(facility("C-edge", "canteen", edge.lng + 0.003, edge.lat), facility("M-edge", "meal_site", edge.lng, edge.lat + 0.002));
    const radii = defaultRadii();
    radii.canteen.rural = haversine(edge.lng, edge.lat, edge.lng + 0.003, edge.lat);
    radii.meal_site.rural = haversine(edge.lng, edge.lat, edge.lng, edge.lat + 0.002) * (1 - 1e-11);
    expectMatchesOracle(villages, facilities, radii);
  });

  it("results are indexed like the input villages, whatever their order in space", () => {
    const r = synthRegion({seed: 9, villages: 300, facilities: 120, counties: 3, extent: [100, 30, 104, 33]});
    const reversed = [...r.villages].reverse();
    const a = computeCoverage(r.villages, r.facilities, defaultRadii());
    const b = computeCoverage(reversed, r.facilities, defaultRadii());
    for (const tier of TIERS) {
      expect(Array.from(b.tiers[tier].count).reverse(), `${tier} counts`).toEqual(Array.from(a.tiers[tier].count));
      expect([...b.tiers[tier].nearestId].reverse(), `${tier} nearest ids`).toEqual(a.tiers[tier].nearestId);
    }
    expectMatchesOracle(reversed, r.facilities, defaultRadii());
  });

  it("a facility exactly at the radius covers; one metre further does not", () => {
    const v = village("110101001001", 116, 40, "urban");
    const r = defaultRadii().community_station.urban;
    const edgeLat = 40 + r / 111_195.08; // along the meridian: d = Δlat · R · π/180
    const f1 = facility("A", "community_station", 116, edgeLat);
    const f2 = facility("B", "community_station", 116, 40 + (r + 1) / 111_195.08);
    const res = computeCoverage([v], [f1, f2], {...defaultRadii(), community_station: {urban: haversine(116, 40, 116, edgeLat), rural: 1, pastoral: 1}});
    expect(res.tiers.community.count[0]).toBe(1);
    expect(res.tiers.community.nearestId[0]).toBe("A");
  });

  it("a tier with no facility has no nearest and zero counts", () => {
    const res = computeCoverage([village("110101001001", 116, 40, "rural")], [facility("A", "meal_site", 116, 40)], defaultRadii());
    expect(res.tiers.county.nearestId[0]).toBeNull();
    expect(res.tiers.county.nearestDist[0]).toBe(Infinity);
    expect(res.tiers.meal.count[0]).toBe(1);
    expect(res.tiers.meal.nearestDist[0]).toBe(0);
  });

  it("rejects duplicate ids and invalid coordinates with the value in the message", () => {
    const v = [village("110101001001", 116, 40, "rural")];
    expect(() => new CoverageEngine(v, [facility("A", "canteen", 116, 40), facility("A", "canteen", 116, 40)], defaultRadii())).toThrow(/Duplicate facility id: A/);
    expect(() => new CoverageEngine(v, [facility("B", "canteen", 200, 40)], defaultRadii())).toThrow(/B: invalid coordinates 200/);
  });
});

// ---- incremental what-if == full recomputation ----

type Op =
  | {kind: "add"; type: number; x: number; y: number; status: number}
  | {kind: "move"; pick: number; x: number; y: number}
  | {kind: "remove"; pick: number}
  | {kind: "radius"; type: number; settlement: number; metres: number};

const STATUSES: FacilityStatus[] = ["operating", "operating", "construction", "planned"];
const EXT = [106, 37.5, 106.6, 38] as const;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({kind: fc.constant("add" as const), type: fc.nat(7), x: fc.double({min: -0.1, max: 1.1, noNaN: true}), y: fc.double({min: -0.1, max: 1.1, noNaN: true}), status: fc.nat(3)}),
  fc.record({kind: fc.constant("move" as const), pick: fc.nat(1000), x: fc.double({min: -0.2, max: 1.2, noNaN: true}), y: fc.double({min: -0.2, max: 1.2, noNaN: true})}),
  fc.record({kind: fc.constant("remove" as const), pick: fc.nat(1000)}),
  fc.record({kind: fc.constant("radius" as const), type: fc.nat(7), settlement: fc.nat(2), metres: fc.integer({min: 10, max: 60_000})})
);

function applyOp(engine: CoverageEngine, op: Op, n: number): void {
  const ids = engine.facilities().map((f) => f.id);
  const lng = EXT[0] + (op.kind === "add" || op.kind === "move" ? op.x : 0) * (EXT[2] - EXT[0]);
  const lat = EXT[1] + (op.kind === "add" || op.kind === "move" ? op.y : 0) * (EXT[3] - EXT[1]);
  if (op.kind === "add") {
    engine.addFacility({...facility(`N${n}`, FACILITY_TYPES[op.type], lng, lat), status: STATUSES[op.status]});
  } else if (op.kind === "move" && ids.length) {
    engine.moveFacility(ids[op.pick % ids.length], lng, lat);
  } else if (op.kind === "remove" && ids.length) {
    engine.removeFacility(ids[op.pick % ids.length]);
  } else if (op.kind === "radius") {
    engine.setRadius(FACILITY_TYPES[op.type], SETTLEMENTS[op.settlement], op.metres);
  }
}

function expectSameResult(a: CoverageResult, b: CoverageResult): void {
  for (const tier of TIERS) {
    expect(Array.from(a.tiers[tier].count), `${tier} counts`).toEqual(Array.from(b.tiers[tier].count));
    expect(a.tiers[tier].nearestId, `${tier} nearest ids`).toEqual(b.tiers[tier].nearestId);
    expect(Array.from(a.tiers[tier].nearestDist), `${tier} nearest dist`).toEqual(Array.from(b.tiers[tier].nearestDist));
  }
}

describe("incremental what-if equals a fresh full computation", () => {
  const base = synthRegion({seed: 21, villages: 150, facilities: 40, counties: 1, extent: [...EXT]});

  it("after random sequences of add / move / remove / setRadius", () => {
    fc.assert(
      fc.property(fc.array(opArb, {minLength: 1, maxLength: 25}), (ops) => {
        const engine = new CoverageEngine(base.villages, base.facilities, defaultRadii());
        ops.forEach((op, i) => applyOp(engine, op, i));
        const fresh = new CoverageEngine(base.villages, engine.facilities(), engine.radii());
        expectSameResult(engine.result(), fresh.result());
      }),
      {numRuns: 150, seed: 4242}
    );
  });

  it("removing every facility of a tier leaves no nearest; adding one back restores it", () => {
    const engine = new CoverageEngine(base.villages, base.facilities, defaultRadii());
    const county = engine.facilities().filter((f) => TIER_OF[f.type] === "county" && f.status === "operating");
    expect(county.length).toBeGreaterThan(0);
    for (const f of county) engine.removeFacility(f.id);
    expect(engine.result().tiers.county.nearestId.every((x) => x === null)).toBe(true);
    engine.addFacility(county[0]);
    expect(engine.result().tiers.county.nearestId.every((x) => x === county[0].id)).toBe(true);
  });

  it("unknown ids and bad radii throw", () => {
    const engine = new CoverageEngine(base.villages, base.facilities, defaultRadii());
    expect(() => engine.removeFacility("nope")).toThrow(/Unknown facility id: nope/);
    expect(() => engine.setRadius("canteen", "urban", -5)).toThrow(/Invalid radius -5/);
  });
});

function village(code: string, lng: number, lat: number, settlement: Village["settlement"]): Village {
  return {code, name: code, township_code: code.slice(0, 9), county_code: code.slice(0, 6), kind: "village", settlement, lng, lat, pop60: 100, pop65: 80, pop80: 20, disabled: 5, alone: 3, modelled: []};
}

function facility(id: string, type: Facility["type"], lng: number, lat: number): Facility {
  return {id, name: id, type, tier: TIER_OF[type], status: "operating", county_code: "110101", township_code: "110101001", lng, lat, beds: 0, nursing_beds: 0, meal_seats: 0, area_m2: 0, operator: "public", social_workers: 0, modelled: []};
}
