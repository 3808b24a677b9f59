// The spatial module (src/lib/engine/spatial.ts): the area index against Turf's booleanPointInPolygon on every polygon
// (brute force) on seeded random points — with holes, multipolygons, points on edges and vertices — and the point
// grid's queries against a scan of every point.
import * as turf from "@turf/turf";
import type {MultiPolygon, Polygon, Position} from "geojson";
import {describe, expect, it} from "vitest";
import {haversine} from "../../src/lib/engine/geo.ts";
import {mulberry32} from "../../src/lib/engine/random.ts";
import {AreaIndex, areaIndexOf, bboxOfPoints, boxIndex, PointGrid, pointGridOf, townshipAt, type KeyedArea} from "../../src/lib/engine/spatial.ts";

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe("AreaIndex on unit squares", () => {
  const squares = Array.from({length: 25}, (_, i) => {
    const [x, y] = [i % 5, Math.floor(i / 5)];
    return {key: `k${i}`, geometry: {type: "Polygon" as const, coordinates: [square(x, y, 1)]}};
  });
  const index = new AreaIndex(squares);

  it("agrees with a brute-force box test on random points", () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [rand() * 6 - 0.5, rand() * 6 - 0.5];
      const brute = squares.filter((s) => {
        const [[x0, y0], , [x1, y1]] = s.geometry.coordinates[0];
        return p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
      });
      expect(index.containing(p)).toEqual(brute.map((s) => s.key));
    }
  });

  it("answers per key, and undefined for an unknown key", () => {
    expect(index.contains("k0", [0.5, 0.5])).toBe(true);
    expect(index.contains("k1", [0.5, 0.5])).toBe(false);
    expect(index.contains("nope", [0.5, 0.5])).toBeUndefined();
    expect(new AreaIndex([]).containing([0, 0])).toEqual([]);
    expect(new AreaIndex([]).size).toBe(0);
  });

  it("lists a point on a shared edge in both areas, in the order given", () => {
    expect(index.containing([1, 0.5])).toEqual(["k0", "k1"]);
    expect(index.containing([1, 1])).toEqual(["k0", "k1", "k5", "k6"]);
  });
});

describe("AreaIndex against Turf: holes, multipolygons, boundaries", () => {
  // A: a square with a square hole; B: a multipolygon of two parts, one inside A's hole (an island) and one apart,
  // itself with a hole; C: a triangle sharing an edge with A; D: a second polygon under A's key (a key may have
  // several). Coordinates around a county in Ningxia.
  const x0 = 106, y0 = 38;
  const A: Polygon = {type: "Polygon", coordinates: [square(x0, y0, 0.4), square(x0 + 0.1, y0 + 0.1, 0.2).reverse()]};
  const B: MultiPolygon = {
    type: "MultiPolygon",
    coordinates: [[square(x0 + 0.15, y0 + 0.15, 0.1)], [square(x0 + 0.5, y0, 0.3), square(x0 + 0.55, y0 + 0.05, 0.1).reverse()]]
  };
  const C: Polygon = {type: "Polygon", coordinates: [[[x0, y0 + 0.4], [x0 + 0.4, y0 + 0.4], [x0 + 0.2, y0 + 0.6], [x0, y0 + 0.4]]]};
  const D: Polygon = {type: "Polygon", coordinates: [square(x0 + 0.9, y0 + 0.9, 0.05)]};
  const areas: KeyedArea[] = [
    {key: "A", geometry: A},
    {key: "B", geometry: B},
    {key: "C", geometry: C},
    {key: "A", geometry: D}
  ];
  const index = new AreaIndex(areas);
  const brute = (p: [number, number]) => areas.filter((a) => turf.booleanPointInPolygon(p, a.geometry)).map((a) => a.key);

  /** Points on every edge (vertices and points along it), and random points over and around the areas. */
  function points(seed: number): [number, number][] {
    const rand = mulberry32(seed);
    const out: [number, number][] = [];
    const rings = areas.flatMap((a) => (a.geometry.type === "Polygon" ? a.geometry.coordinates : a.geometry.coordinates.flat()));
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        out.push([a[0], a[1]]);
        // along axis-parallel edges exactly (one coordinate fixed): on the boundary with no rounding
        const t = rand();
        if (a[0] === b[0]) out.push([a[0], a[1] + t * (b[1] - a[1])]);
        else if (a[1] === b[1]) out.push([a[0] + t * (b[0] - a[0]), a[1]]);
      }
    }
    for (let i = 0; i < 3000; i++) out.push([x0 - 0.05 + rand() * 1.05, y0 - 0.05 + rand() * 1.05]);
    return out;
  }

  it("equals booleanPointInPolygon over every area on 3 000 random points and every edge", () => {
    const ps = points(2024);
    for (const p of ps) expect(index.containing(p), `at ${p}`).toEqual(brute(p));
    // the sample hits every case
    const hit = (k: string) => ps.some((p) => index.containing(p).includes(k));
    expect(["A", "B", "C"].every(hit)).toBe(true);
  });

  it("puts the hole outside, the island inside its own area only, and the boundary inside", () => {
    expect(index.containing([x0 + 0.05, y0 + 0.05])).toEqual(["A"]); // in A's ring
    expect(index.containing([x0 + 0.12, y0 + 0.12])).toEqual([]); // in A's hole, beside the island
    expect(index.containing([x0 + 0.2, y0 + 0.2])).toEqual(["B"]); // on the island (B's first part) in A's hole
    expect(index.containing([x0 + 0.6, y0 + 0.1])).toEqual([]); // in the hole of B's second part
    expect(index.containing([x0 + 0.7, y0 + 0.25])).toEqual(["B"]); // in B's second part
    expect(index.containing([x0, y0])).toEqual(["A"]); // a vertex
    expect(index.containing([x0 + 0.1, y0 + 0.2])).toEqual(["A"]); // on the hole's edge
    expect(index.containing([x0 + 0.2, y0 + 0.4])).toEqual(["A", "C"]); // on the edge A and C share
    expect(index.containing([x0 + 0.925, y0 + 0.925])).toEqual(["A"]); // A's second polygon
  });

  it("answers contains() over all the polygons of a key", () => {
    expect(index.contains("A", [x0 + 0.925, y0 + 0.925])).toBe(true);
    expect(index.contains("A", [x0 + 0.12, y0 + 0.12])).toBe(false);
    expect(index.contains("B", [x0 + 0.2, y0 + 0.2])).toBe(true);
  });
});

describe("townshipAt", () => {
  const boundaries = {
    type: "FeatureCollection" as const,
    features: [
      {type: "Feature" as const, properties: {code: "T1"}, geometry: {type: "Polygon" as const, coordinates: [square(120, 30, 0.1)]}},
      {type: "Feature" as const, properties: {township_code: "T2"}, geometry: {type: "Polygon" as const, coordinates: [square(120.1, 30, 0.1)]}}
    ]
  };
  const index = areaIndexOf(boundaries);
  const villages = [
    {lng: 120.05, lat: 30.05, township_code: "T1"},
    {lng: 120.15, lat: 30.05, township_code: "T2"}
  ];

  it("is the township whose polygon holds the point, the first given on a shared edge", () => {
    expect(townshipAt(index, 120.05, 30.05)).toBe("T1");
    expect(townshipAt(index, 120.15, 30.05)).toBe("T2");
    expect(townshipAt(index, 120.1, 30.05)).toBe("T1");
  });

  it("outside every polygon: the township of the nearest village by haversine, or null without villages", () => {
    expect(townshipAt(index, 120.3, 30.05)).toBeNull();
    expect(townshipAt(index, 120.3, 30.05, villages)).toBe("T2");
    expect(townshipAt(index, 119.9, 30.06, villages)).toBe("T1");
    // at 60°N a degree of longitude is half a degree of latitude: squared degrees would pick the wrong village
    const north = areaIndexOf({features: []});
    const vs = [
      {lng: 10.0, lat: 60.3, township_code: "N"},
      {lng: 10.5, lat: 60.0, township_code: "E"}
    ];
    expect(haversine(10, 60, 10.5, 60)).toBeLessThan(haversine(10, 60, 10, 60.3));
    expect(townshipAt(north, 10, 60, vs)).toBe("E");
  });
});

describe("PointGrid", () => {
  const rand = mulberry32(99);
  const n = 3000;
  const pts = Array.from({length: n}, () => ({lng: 105 + rand() * 2, lat: 37 + rand() * 2}));

  it("finds every point within a radius that a scan of every point finds", () => {
    const g = pointGridOf(pts, 2000);
    const q = mulberry32(5);
    for (let t = 0; t < 200; t++) {
      const [lng, lat, r] = [104.8 + q() * 2.4, 36.8 + q() * 2.4, 500 + q() * 40_000];
      const got: number[] = [];
      g.forEachNear(lng, lat, r, (i) => {
        if (haversine(pts[i].lng, pts[i].lat, lng, lat) <= r) got.push(i);
      });
      const want = pts.flatMap((p, i) => (haversine(p.lng, p.lat, lng, lat) <= r ? [i] : []));
      expect(got.sort((a, b) => a - b)).toEqual(want);
    }
  });

  it("holds every point once in cell order, and inserted points (inside and outside the box) too", () => {
    const lng = Float64Array.from(pts, (p) => p.lng), lat = Float64Array.from(pts, (p) => p.lat);
    const ids = Int32Array.from({length: n - 2}, (_, i) => i);
    const g = new PointGrid(bboxOfPoints(lng, lat, ids), lng, lat, ids, 5000, 1 << 12);
    expect([...g.items].sort((a, b) => a - b)).toEqual([...ids]);
    for (let c = 0; c < g.nx * g.ny; c++) {
      for (let k = g.start[c]; k < g.start[c + 1]; k++) expect(g.cx(lng[g.items[k]]) + g.cy(lat[g.items[k]]) * g.nx).toBe(c);
    }
    expect(Array.from(g.gather(lng))).toEqual(Array.from(g.items, (i) => lng[i]));
    g.insert(n - 2, lng[n - 2], lat[n - 2]);
    g.insert(n - 1, 110, 40); // outside the box
    const seen: number[] = [];
    g.forEachNear(lng[n - 2], lat[n - 2], 10, (i) => seen.push(i));
    expect(seen).toContain(n - 2);
    const far: number[] = [];
    g.forEachNear(105, 37, 10, (i) => far.push(i));
    expect(far).toContain(n - 1); // outliers are always candidates
  });

  it("bounds the distance to everything outside a cell rectangle from below", () => {
    const lng = Float64Array.from(pts, (p) => p.lng), lat = Float64Array.from(pts, (p) => p.lat);
    const all = Int32Array.from(pts, (_, i) => i);
    const g = new PointGrid(bboxOfPoints(lng, lat), lng, lat, all, 3000, 1 << 14);
    const q = mulberry32(11);
    for (let t = 0; t < 50; t++) {
      const i = Math.floor(q() * n);
      const [x, y] = [g.cx(lng[i]), g.cy(lat[i])];
      const k = Math.floor(q() * 4);
      const [x0, x1, y0, y1] = [Math.max(0, x - k), Math.min(g.nx - 1, x + k), Math.max(0, y - k), Math.min(g.ny - 1, y + k)];
      const lb = g.boundOutside(lng[i], lat[i], Math.cos((lat[i] * Math.PI) / 180), x0, x1, y0, y1);
      for (let j = 0; j < n; j++) {
        const [cx, cy] = [g.cx(lng[j]), g.cy(lat[j])];
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) continue;
        expect(haversine(lng[i], lat[i], lng[j], lat[j])).toBeGreaterThanOrEqual(lb);
      }
    }
  });
});

describe("boxIndex", () => {
  it("returns exactly the boxes a scan finds intersecting the query", () => {
    const rand = mulberry32(3);
    const boxes = Array.from({length: 400}, () => {
      const [x, y, w, h] = [rand() * 10, rand() * 10, rand() * 2, rand() * 2];
      return [x, y, x + w, y + h] as [number, number, number, number];
    });
    const idx = boxIndex(boxes);
    for (let t = 0; t < 100; t++) {
      const [x, y, w] = [rand() * 10, rand() * 10, rand()];
      const want = boxes.flatMap((b, i) => (b[0] <= x + w && b[2] >= x && b[1] <= y + w && b[3] >= y ? [i] : []));
      expect(idx.search(x, y, x + w, y + w).sort((a, b) => a - b)).toEqual(want);
    }
    expect(boxIndex([]).search(0, 0, 1, 1)).toEqual([]);
  });
});
