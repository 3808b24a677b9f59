/**
 * Planar geometry for the default-region generator. Each county is worked in a local equirectangular
 * projection in kilometres (an affine map of lng/lat, so straight edges stay straight and the partition maps
 * back exactly); Turf does the clipping (planar polygon intersection), d3-delaunay the Voronoi diagram.
 */
import * as turf from "@turf/turf";
import {Delaunay} from "d3";
import type {Feature, MultiPolygon, Polygon, Position} from "geojson";
import type {Rng} from "./prng.ts";

export type XY = [number, number];
export type Area = Feature<Polygon | MultiPolygon>;

/** Local equirectangular projection around (lng0, lat0), in km. */
export class Proj {
  readonly kx: number;
  readonly ky = 110.574;
  constructor(readonly lng0: number, readonly lat0: number) {
    this.kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  }
  fwd(p: Position): XY {
    return [(p[0] - this.lng0) * this.kx, (p[1] - this.lat0) * this.ky];
  }
  inv(p: Position): XY {
    return [this.lng0 + p[0] / this.kx, this.lat0 + p[1] / this.ky];
  }
  geom<G extends Polygon | MultiPolygon>(g: G, f: (p: Position) => XY): G {
    if (g.type === "Polygon") return {type: "Polygon", coordinates: g.coordinates.map((r) => r.map(f))} as unknown as G;
    return {type: "MultiPolygon", coordinates: (g as MultiPolygon).coordinates.map((poly) => poly.map((r) => r.map(f)))} as unknown as G;
  }
}

export const round5 = (v: number): number => Math.round(v * 1e5) / 1e5;

/** Round every coordinate to 5 decimals and drop consecutive duplicates (and degenerate rings). */
export function roundGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of r) {
      const q = [round5(p[0]), round5(p[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates)
    .map((p) => p.map(ring).filter((r) => r.length >= 4))
    .filter((p) => p.length > 0);
  return polys.length === 1 ? {type: "Polygon", coordinates: polys[0]} : {type: "MultiPolygon", coordinates: polys};
}

function rings(a: Area): Position[][] {
  const g = a.geometry;
  return g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
}

export function inside(p: XY, a: Area): boolean {
  return turf.booleanPointInPolygon(p, a);
}

/** Planar distance (same units as the coordinates) from p to the nearest edge of a. */
export function boundaryDistance(p: XY, a: Area): number {
  let best = Infinity;
  for (const r of rings(a)) {
    for (let i = 0; i + 1 < r.length; i++) {
      const [x1, y1] = r[i];
      const [x2, y2] = r[i + 1];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((p[0] - x1) * dx + (p[1] - y1) * dy) / len2 : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = x1 + t * dx - p[0];
      const ey = y1 + t * dy - p[1];
      const d = Math.sqrt(ex * ex + ey * ey);
      if (d < best) best = d;
    }
  }
  return best;
}

/** Inside a, at least `margin` from its boundary. */
export function insideWithMargin(p: XY, a: Area, margin: number): boolean {
  return inside(p, a) && boundaryDistance(p, a) >= margin;
}

/** Planar area (shoelace, holes subtracted) and area-weighted centroid. */
export function areaCentroid(a: Area): {area: number; c: XY} {
  let A = 0;
  let cx = 0;
  let cy = 0;
  const polys = a.geometry.type === "Polygon" ? [a.geometry.coordinates] : a.geometry.coordinates;
  for (const poly of polys) {
    poly.forEach((r, k) => {
      let ra = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0; i + 1 < r.length; i++) {
        const cross = r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
        ra += cross;
        rx += (r[i][0] + r[i + 1][0]) * cross;
        ry += (r[i][1] + r[i + 1][1]) * cross;
      }
      // outer ring counts positive, holes negative, whatever their winding
      const sign = (k === 0 ? 1 : -1) * Math.sign(ra || 1);
      A += (sign * ra) / 2;
      cx += (sign * rx) / 6;
      cy += (sign * ry) / 6;
    });
  }
  return {area: A, c: A !== 0 ? [cx / A, cy / A] : [0, 0]};
}

export function bbox(a: Area): [number, number, number, number] {
  const b = turf.bbox(a);
  return [b[0], b[1], b[2], b[3]];
}

/** A uniformly random point inside a, at least `margin` from the boundary (rejection sampling). */
export function randomInside(a: Area, r: Rng, margin = 0, tries = 5000): XY | undefined {
  const [x0, y0, x1, y1] = bbox(a);
  for (let i = 0; i < tries; i++) {
    const p: XY = [r.uniform(x0, x1), r.uniform(y0, y1)];
    if (insideWithMargin(p, a, margin)) return p;
  }
  return undefined;
}

/** Clip a polygon (ring) by an area; null when they do not overlap. */
export function clip(ring: XY[], a: Area): Area | null {
  const cell = turf.polygon([ring]);
  const out = turf.intersect(turf.featureCollection([cell, a as Feature<Polygon | MultiPolygon>]));
  return out ? (out as Area) : null;
}

export interface Site {
  p: XY;
  /** fixed sites are not moved by the Lloyd relaxation (the seat cluster) */
  fixed: boolean;
}

/**
 * Voronoi partition of `outline` by `sites`, with `iterations` rounds of Lloyd relaxation on the free sites
 * (each moves to the area centroid of its clipped cell, when that centroid lies inside the outline), so that
 * modelled townships get plausible, similar areas while the seat cluster stays compact.
 * Returns one clipped cell per site (same order) and the final site positions.
 */
export function partition(outline: Area, sites: Site[], iterations: number): {cells: Area[]; sites: XY[]} {
  const [x0, y0, x1, y1] = bbox(outline);
  const bounds: [number, number, number, number] = [x0 - 5, y0 - 5, x1 + 5, y1 + 5];
  let pts = sites.map((s) => [s.p[0], s.p[1]] as XY);
  let cells: Area[] = [];
  for (let it = 0; it <= iterations; it++) {
    const vor = Delaunay.from(pts).voronoi(bounds);
    cells = pts.map((_, i) => {
      const poly = vor.cellPolygon(i) as unknown as XY[] | null;
      if (!poly) throw new Error(`partition: no Voronoi cell for site ${i}`);
      const c = clip(poly, outline);
      if (!c) throw new Error(`partition: site ${i} has an empty cell`);
      return c;
    });
    if (it === iterations) break;
    pts = pts.map((p, i) => {
      if (sites[i].fixed) return p;
      const {c} = areaCentroid(cells[i]);
      return insideWithMargin(c, outline, 0.5) ? c : p;
    });
  }
  return {cells, sites: pts};
}
