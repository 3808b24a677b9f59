/**
 * Independent oracles for src/lib/engine/network.ts: snapping by brute force over every segment, and travel times by a plain
 * O(n²) Dijkstra on an adjacency matrix over the same graph's nodes, with every snapped point inserted as a node that
 * splits its segment (no heap, no CSR, no node-time + share shortcut). Same model, other construction.
 */
import {footOnSegment, type RoadGraph, type Snap, type TravelMode} from "../../src/lib/engine/network.ts";
import {haversine, toRadians} from "../../src/lib/engine/geo.ts";

/** Nearest point of the nearest usable segment, scanning all segments in index order (strict <: the smaller index wins). */
export function bruteSnap(g: RoadGraph, lng: number, lat: number, mode: TravelMode): Snap {
  const cos0 = Math.cos(toRadians(lat));
  let best = -1, bd = Infinity, bt = 0;
  for (let s = 0; s < g.segmentCount; s++) {
    if (g.segSeconds[mode][s] === Infinity) continue;
    const f = footOnSegment(g, s, lng, lat, cos0);
    if (f.d2 < bd) {
      best = s;
      bd = f.d2;
      bt = f.t;
    }
  }
  if (best < 0) return {segment: -1, t: 0, footLng: lng, footLat: lat, metres: Infinity};
  const a = g.segA[best], b = g.segB[best];
  const fl = g.lng[a] + bt * (g.lng[b] - g.lng[a]), fa = g.lat[a] + bt * (g.lat[b] - g.lat[a]);
  return {segment: best, t: bt, footLng: fl, footLat: fa, metres: haversine(lng, lat, fl, fa)};
}

/**
 * For each target: the fastest time (s) and its route length (m) from any source, by matrix Dijkstra.
 * Access legs: the source's is the start label of its foot; the target's is added at the end.
 */
export function matrixTimes(g: RoadGraph, sources: readonly Snap[], targets: readonly Snap[], mode: TravelMode): {seconds: number[]; metres: number[]} {
  const n0 = g.nodeCount;
  const points = [...sources, ...targets];
  const n = n0 + points.length;
  const accessMs = g.accessMs;
  const sec: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(Infinity));
  const len: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(Infinity));
  const link = (i: number, j: number, s: number, m: number) => {
    if (s < sec[i][j] || (s === sec[i][j] && m < len[i][j])) {
      sec[i][j] = sec[j][i] = s;
      len[i][j] = len[j][i] = m;
    }
  };
  for (let s = 0; s < g.segmentCount; s++) {
    const c = g.segSeconds[mode][s];
    if (c === Infinity) continue;
    const on = points.map((p, k) => ({p, k})).filter((x) => x.p.segment === s).sort((x, y) => x.p.t - y.p.t);
    let prev = g.segA[s], prevT = 0;
    for (const {p, k} of on) {
      link(prev, n0 + k, (p.t - prevT) * c, (p.t - prevT) * g.segMetres[s]);
      prev = n0 + k;
      prevT = p.t;
    }
    link(prev, g.segB[s], (1 - prevT) * c, (1 - prevT) * g.segMetres[s]);
  }
  const dist = new Array<number>(n).fill(Infinity), far = new Array<number>(n).fill(Infinity);
  sources.forEach((p, k) => {
    if (p.segment < 0) return;
    const t = p.metres / accessMs;
    if (t < dist[n0 + k]) {
      dist[n0 + k] = t;
      far[n0 + k] = p.metres;
    }
  });
  const done = new Array<boolean>(n).fill(false);
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0) break;
    done[u] = true;
    for (let v = 0; v < n; v++) {
      if (sec[u][v] === Infinity) continue;
      const t = dist[u] + sec[u][v];
      if (t < dist[v]) {
        dist[v] = t;
        far[v] = far[u] + len[u][v];
      }
    }
  }
  const seconds = targets.map((p, k) => (p.segment < 0 ? Infinity : dist[n0 + sources.length + k] + p.metres / accessMs));
  const metres = targets.map((p, k) => (p.segment < 0 ? Infinity : far[n0 + sources.length + k] + p.metres));
  return {seconds, metres};
}
