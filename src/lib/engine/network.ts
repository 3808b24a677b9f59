/**
 * Road-network travel (docs/access.md, "路网通行时间 / Road-network travel"): a compact road graph in typed arrays,
 * snapping of villages and facilities onto it, multi-source Dijkstra (Dijkstra 1959) from every serving facility of a
 * tier at once, and coverage by travel-time thresholds in the shape of the straight-line engine's result
 * (`CoverageResult`), so a page can show either model.
 *
 * The model, exactly (the tests' oracle builds the same model independently):
 * - **Graph.** Every polyline vertex becomes a node; a vertex within `snap_tolerance_m` (haversine, `geo.ts`, the one
 *   distance definition) of an earlier node is merged into it (the first node wins), so lines sharing endpoints or
 *   vertices connect. Lines crossing without a shared vertex do not connect (a bridge, an overpass). Each pair of
 *   consecutive vertices is an undirected segment of length haversine(node, node) between the merged nodes; its
 *   time in a mode is length / speed (one-way streets are not modelled).
 * - **Speeds.** Drive: the line's own speed when it has one, else its class's speed (`speeds_kmh`); walk: `walk` on
 *   every road but the classes in `walk_excluded` (default motorway, trunk); driving is not allowed on `path`.
 * - **Snapping.** A point is joined to the nearest point of the nearest segment usable in the mode (the foot of the
 *   perpendicular in a local equirectangular frame at the point's latitude, clamped to the segment; ties: the smaller
 *   segment index). The off-network leg (point → foot, haversine) is walked at `access_speed_kmh`; from the foot the
 *   segment is travelled to either end in proportion to the share of its length (t, 1 − t).
 * - **Time.** Village → facility = access leg of the village + network time between the two feet + access leg of the
 *   facility; two points on the same segment may also go straight along it. The distance reported is the length of
 *   the fastest route found (access legs included).
 *
 * Pure: no DOM, no Node API; runs in the build and in the browser.
 */
import {SERVING_STATUSES, TIERS, TIER_LABEL, TIER_OF} from "../facility-types.js";
import {haversine, METRES_PER_DEGREE, metresToDegreesLng, toRadians} from "./geo.js";
import type {CoverageResult, TierCoverage} from "./coverage.js";
import type {Facility, FacilityStatus, Tier, Village} from "../types.js";

/** How a tier's users travel. */
export type TravelMode = "walk" | "drive";
export const TRAVEL_MODES: readonly TravelMode[] = ["walk", "drive"];

/** Road classes of the contract; the names bureaus' files use are mapped to them by {@link roadClassOf}. */
export const ROAD_CLASSES = ["motorway", "trunk", "primary", "secondary", "tertiary", "residential", "service", "track", "path"] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/**
 * Class names seen in road files: OpenStreetMap `highway` / Geofabrik `fclass` values, the technical grades of
 * 《公路工程技术标准》JTG B01-2014, the administrative grades (国道/省道/县道/乡道/村道) and urban road classes of
 * CJJ 37-2012 (快速路/主干路/次干路/支路).
 */
const CLASS_SYNONYMS: Readonly<Record<RoadClass, readonly string[]>> = {
  motorway: ["motorway", "expressway", "高速公路", "高速", "快速路", "城市快速路"],
  trunk: ["trunk", "一级公路", "国道", "主干路", "城市主干路"],
  primary: ["primary", "二级公路", "省道", "次干路", "城市次干路"],
  secondary: ["secondary", "三级公路", "县道", "支路", "城市支路"],
  tertiary: ["tertiary", "四级公路", "乡道", "乡村道路"],
  residential: ["residential", "unclassified", "living_street", "road", "村道", "街巷", "村内道路", "居住区道路"],
  service: ["service", "services", "服务道路", "内部道路"],
  track: ["track", "等外公路", "等外路", "机耕路", "机耕道", "田间道路", "牧道", "土路"],
  path: ["path", "footway", "pedestrian", "steps", "cycleway", "bridleway", "步行道", "人行道", "小路", "步道"]
};
const CLASS_LOOKUP = new Map<string, RoadClass>(ROAD_CLASSES.flatMap((c) => CLASS_SYNONYMS[c].map((s) => [s.toLowerCase(), c] as [string, RoadClass])));

/**
 * The class of a road-class value as written in a file ("高速公路", "secondary_link", "track_grade3", "县道"), or
 * undefined when it is none of the contract's.
 * @example roadClassOf("primary_link") // "primary"
 */
export function roadClassOf(value: string): RoadClass | undefined {
  const v = value.normalize("NFKC").trim().toLowerCase().replace(/_link$/, "").replace(/^track_grade\d$/, "track");
  return CLASS_LOOKUP.get(v);
}

/** The travel model's parameters (`region.json` `config.travel`). */
export interface TravelConfig {
  /** travel mode per tier */
  mode_by_tier: Record<Tier, TravelMode>;
  /** coverage threshold per tier, minutes */
  thresholds_min: Record<Tier, number>;
  /** driving speed per road class, and `walk` (walking on any walkable road), km/h */
  speeds_kmh: Record<RoadClass | "walk", number>;
  /** speed of the off-network leg between a point and the road, km/h */
  access_speed_kmh: number;
  /** vertices of different lines closer than this are one node, metres */
  snap_tolerance_m: number;
  /** classes nobody walks on */
  walk_excluded: RoadClass[];
  /** where the defaults come from */
  source: string;
}

/**
 * Defaults. Walk 4 km/h: GB 50180-2018《城市居住区规划设计标准》sets the 15-minute life circle at a walking distance
 * of 800–1 000 m (10-minute 500 m, 5-minute 300 m), i.e. at most 4 km/h, and older people walk slower than adults.
 * Driving speeds are planning speeds below the design speeds of JTG B01-2014 (高速 80–120, 一级 60–100, 二级 60–80,
 * 三级 30–40, 四级 20–30 km/h). Thresholds: 15 min for community stations and meal sites (the 15-minute life circle);
 * 30 min by car for township and county tiers is a planning convention (县域 30 分钟 / 半小时服务圈), not a standard.
 */
export const DEFAULT_TRAVEL: Readonly<TravelConfig> = Object.freeze<TravelConfig>({
  mode_by_tier: {county: "drive", township: "drive", community: "walk", meal: "walk"},
  thresholds_min: {county: 30, township: 30, community: 15, meal: 15},
  speeds_kmh: {walk: 4, motorway: 80, trunk: 60, primary: 50, secondary: 40, tertiary: 30, residential: 20, service: 15, track: 10, path: 0},
  access_speed_kmh: 4,
  snap_tolerance_m: 1,
  walk_excluded: ["motorway", "trunk"],
  source: "步行4 km/h：GB 50180-2018 15分钟生活圈步行距离800–1000 m；车速：低于JTG B01-2014各级公路设计速度的规划车速；县乡两级驾车30分钟为规划惯例（可配置）"
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The travel parameters from `region.json` `config.travel`, every part optional (defaults {@link DEFAULT_TRAVEL}):
 * `{"mode_by_tier": {"township": "walk"}, "thresholds_min": {"community": 10}, "speeds_kmh": {"track": 15},
 * "access_speed_kmh": 3.6, "snap_tolerance_m": 1, "walk_excluded": ["motorway"], "source": "…"}`.
 * Throws, naming the key, on a malformed value.
 */
export function travelConfig(config: Record<string, unknown> | undefined): TravelConfig {
  const v = config?.travel;
  const bad = (why: string) => new Error(`region.json: config.travel: ${why}`);
  const out: TravelConfig = {
    mode_by_tier: {...DEFAULT_TRAVEL.mode_by_tier},
    thresholds_min: {...DEFAULT_TRAVEL.thresholds_min},
    speeds_kmh: {...DEFAULT_TRAVEL.speeds_kmh},
    access_speed_kmh: DEFAULT_TRAVEL.access_speed_kmh,
    snap_tolerance_m: DEFAULT_TRAVEL.snap_tolerance_m,
    walk_excluded: [...DEFAULT_TRAVEL.walk_excluded],
    source: DEFAULT_TRAVEL.source
  };
  if (v === undefined || v === null) return out;
  if (!isObject(v)) throw bad("expected an object {mode_by_tier, thresholds_min, speeds_kmh, access_speed_kmh}");
  const known = ["mode_by_tier", "thresholds_min", "speeds_kmh", "access_speed_kmh", "snap_tolerance_m", "walk_excluded", "source"];
  for (const k of Object.keys(v)) if (!known.includes(k)) throw bad(`${k}: unknown key, expected one of ${known.join(", ")}`);
  const positive = (x: unknown, where: string, max: number): number => {
    if (typeof x !== "number" || !Number.isFinite(x) || x <= 0 || x > max) throw bad(`${where}: expected a number > 0 and ≤ ${max}, found ${JSON.stringify(x)}`);
    return x;
  };
  const perTier = <T>(x: unknown, key: string, read: (y: unknown, where: string) => T, into: Record<Tier, T>) => {
    if (x === undefined) return;
    if (!isObject(x)) throw bad(`${key}: expected an object per tier (${TIERS.join(", ")})`);
    for (const [t, y] of Object.entries(x)) {
      if (!TIERS.includes(t as Tier)) throw bad(`${key}.${t}: unknown tier, expected one of ${TIERS.join(", ")}`);
      into[t as Tier] = read(y, `${key}.${t}`);
    }
  };
  perTier(v.mode_by_tier, "mode_by_tier", (y, where) => {
    if (!TRAVEL_MODES.includes(y as TravelMode)) throw bad(`${where}: expected "walk" or "drive", found ${JSON.stringify(y)}`);
    return y as TravelMode;
  }, out.mode_by_tier);
  perTier(v.thresholds_min, "thresholds_min", (y, where) => positive(y, where, 600), out.thresholds_min);
  if (v.speeds_kmh !== undefined) {
    if (!isObject(v.speeds_kmh)) throw bad("speeds_kmh: expected an object {walk, motorway, primary, …} in km/h");
    for (const [k, y] of Object.entries(v.speeds_kmh)) {
      if (k !== "walk" && !ROAD_CLASSES.includes(k as RoadClass)) throw bad(`speeds_kmh.${k}: unknown road class, expected walk or one of ${ROAD_CLASSES.join(", ")}`);
      out.speeds_kmh[k as RoadClass | "walk"] = k === "path" && y === 0 ? 0 : positive(y, `speeds_kmh.${k}`, 200);
    }
  }
  if (v.access_speed_kmh !== undefined) out.access_speed_kmh = positive(v.access_speed_kmh, "access_speed_kmh", 200);
  if (v.snap_tolerance_m !== undefined) out.snap_tolerance_m = positive(v.snap_tolerance_m, "snap_tolerance_m", 100);
  if (v.walk_excluded !== undefined) {
    if (!Array.isArray(v.walk_excluded) || v.walk_excluded.some((c) => !ROAD_CLASSES.includes(c as RoadClass))) throw bad(`walk_excluded: expected a list of road classes (${ROAD_CLASSES.join(", ")})`);
    out.walk_excluded = v.walk_excluded as RoadClass[];
  }
  if (v.source !== undefined) {
    if (typeof v.source !== "string" || !v.source.trim()) throw bad("source: expected text saying where the values come from");
    out.source = v.source;
  }
  return out;
}

/** One road line: WGS84 [lng, lat] vertices, a class, and optionally its own driving speed. */
export interface RoadLine {
  coords: readonly (readonly [number, number])[];
  road_class?: RoadClass;
  speed_kmh?: number;
}

/**
 * The road graph: nodes (merged vertices), undirected segments, and a CSR adjacency (each segment twice).
 * Costs in seconds per mode are Infinity where the mode may not use the segment.
 */
export interface RoadGraph {
  nodeCount: number;
  lng: Float64Array;
  lat: Float64Array;
  segmentCount: number;
  segA: Int32Array;
  segB: Int32Array;
  segMetres: Float64Array;
  segSeconds: Record<TravelMode, Float64Array>;
  /** CSR: the edges of node i are offsets[i] .. offsets[i + 1] − 1 */
  offsets: Int32Array;
  targets: Int32Array;
  /** segment of each CSR edge */
  edgeSeg: Int32Array;
  edgeMetres: Float64Array;
  edgeSeconds: Record<TravelMode, Float64Array>;
  /** segment grid for snapping */
  grid: SegmentGrid;
  /** the access speed in m/s */
  accessMs: number;
}

/** Uniform lat/lng grid of segments (CSR of segment ids per cell). */
interface SegmentGrid {
  minLng: number;
  minLat: number;
  cell: number;
  nx: number;
  ny: number;
  start: Int32Array;
  items: Int32Array;
}

/** Driving and walking speed of a line in km/h (0: not allowed). */
function lineSpeeds(line: RoadLine, config: TravelConfig): Record<TravelMode, number> {
  const c = line.road_class;
  const drive = line.speed_kmh !== undefined ? line.speed_kmh : c !== undefined ? config.speeds_kmh[c] : 0;
  const walk = c !== undefined && config.walk_excluded.includes(c) ? 0 : config.speeds_kmh.walk;
  return {drive, walk};
}

/**
 * Build the graph from lines.
 * @example const g = buildRoadGraph([{coords: [[120, 30], [120.01, 30]], road_class: "primary"}], travelConfig({}))
 */
export function buildRoadGraph(lines: readonly RoadLine[], config: TravelConfig): RoadGraph {
  let nv = 0;
  let maxAbsLat = 0;
  for (const l of lines) {
    nv += l.coords.length;
    for (const p of l.coords) maxAbsLat = Math.max(maxAbsLat, Math.abs(p[1]));
  }
  const tol = config.snap_tolerance_m;
  // merging cells: at least the tolerance in both axes, so a node within tolerance is in the 3 × 3 cells around
  const mcell = Math.max(metresToDegreesLng(tol, Math.min(maxAbsLat, 89)), tol / METRES_PER_DEGREE);
  const cells = new Map<number, number[]>();
  const OFF = 2 ** 25;
  const key = (ix: number, iy: number) => (ix + OFF) * 2 ** 26 + (iy + OFF);
  const lng = new Float64Array(nv), lat = new Float64Array(nv);
  let nodes = 0;
  const nodeOf = (x: number, y: number): number => {
    const ix = Math.floor(x / mcell), iy = Math.floor(y / mcell);
    let best = -1;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const list = cells.get(key(ix + dx, iy + dy));
        if (list) for (const n of list) if ((best < 0 || n < best) && haversine(x, y, lng[n], lat[n]) <= tol) best = n;
      }
    if (best >= 0) return best;
    lng[nodes] = x;
    lat[nodes] = y;
    const k = key(ix, iy);
    const list = cells.get(k);
    if (list) list.push(nodes);
    else cells.set(k, [nodes]);
    return nodes++;
  };
  const sa: number[] = [], sb: number[] = [], sm: number[] = [], sd: number[] = [], sw: number[] = [];
  for (const l of lines) {
    const sp = lineSpeeds(l, config);
    let prev = -1;
    for (const p of l.coords) {
      const n = nodeOf(p[0], p[1]);
      if (prev >= 0 && n !== prev) {
        const m = haversine(lng[prev], lat[prev], lng[n], lat[n]);
        sa.push(prev);
        sb.push(n);
        sm.push(m);
        sd.push(sp.drive > 0 ? m / (sp.drive / 3.6) : Infinity);
        sw.push(sp.walk > 0 ? m / (sp.walk / 3.6) : Infinity);
      }
      prev = n;
    }
  }
  const ns = sa.length;
  const segA = Int32Array.from(sa), segB = Int32Array.from(sb), segMetres = Float64Array.from(sm);
  const segSeconds = {drive: Float64Array.from(sd), walk: Float64Array.from(sw)};
  const offsets = new Int32Array(nodes + 1);
  for (let s = 0; s < ns; s++) {
    offsets[segA[s] + 1]++;
    offsets[segB[s] + 1]++;
  }
  for (let i = 0; i < nodes; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, nodes);
  const targets = new Int32Array(2 * ns), edgeSeg = new Int32Array(2 * ns);
  for (let s = 0; s < ns; s++) {
    let e = fill[segA[s]]++;
    targets[e] = segB[s];
    edgeSeg[e] = s;
    e = fill[segB[s]]++;
    targets[e] = segA[s];
    edgeSeg[e] = s;
  }
  const edgeMetres = new Float64Array(2 * ns), edgeDrive = new Float64Array(2 * ns), edgeWalk = new Float64Array(2 * ns);
  for (let e = 0; e < 2 * ns; e++) {
    edgeMetres[e] = segMetres[edgeSeg[e]];
    edgeDrive[e] = segSeconds.drive[edgeSeg[e]];
    edgeWalk[e] = segSeconds.walk[edgeSeg[e]];
  }
  const nodeLng = lng.slice(0, nodes), nodeLat = lat.slice(0, nodes);
  return {
    nodeCount: nodes,
    lng: nodeLng,
    lat: nodeLat,
    segmentCount: ns,
    segA,
    segB,
    segMetres,
    segSeconds,
    offsets,
    targets,
    edgeSeg,
    edgeMetres,
    edgeSeconds: {drive: edgeDrive, walk: edgeWalk},
    grid: segmentGrid(nodeLng, nodeLat, segA, segB),
    accessMs: config.access_speed_kmh / 3.6
  };
}

/** A grid of about one segment per cell over the segments' extent; each segment in every cell its box overlaps. */
function segmentGrid(lng: Float64Array, lat: Float64Array, segA: Int32Array, segB: Int32Array): SegmentGrid {
  const ns = segA.length;
  let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < lng.length; i++) {
    minLng = Math.min(minLng, lng[i]);
    maxLng = Math.max(maxLng, lng[i]);
    minLat = Math.min(minLat, lat[i]);
    maxLat = Math.max(maxLat, lat[i]);
  }
  if (ns === 0) return {minLng: 0, minLat: 0, cell: 1, nx: 0, ny: 0, start: new Int32Array(1), items: new Int32Array(0)};
  const w = Math.max(maxLng - minLng, 1e-9), h = Math.max(maxLat - minLat, 1e-9);
  const cell = Math.max(Math.sqrt((w * h) / ns), Math.max(w, h) / 4096, 1e-7);
  const nx = Math.floor(w / cell) + 1, ny = Math.floor(h / cell) + 1;
  const cx = (x: number) => Math.min(nx - 1, Math.floor((x - minLng) / cell));
  const cy = (y: number) => Math.min(ny - 1, Math.floor((y - minLat) / cell));
  const start = new Int32Array(nx * ny + 1);
  const each = (s: number, f: (c: number) => void) => {
    const a = segA[s], b = segB[s];
    const x0 = cx(Math.min(lng[a], lng[b])), x1 = cx(Math.max(lng[a], lng[b]));
    const y0 = cy(Math.min(lat[a], lat[b])), y1 = cy(Math.max(lat[a], lat[b]));
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) f(y * nx + x);
  };
  for (let s = 0; s < ns; s++) each(s, (c) => start[c + 1]++);
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(start[nx * ny]);
  for (let s = 0; s < ns; s++) each(s, (c) => (items[fill[c]++] = s));
  return {minLng, minLat, cell, nx, ny, start, items};
}

/** Where a point joins the network. `segment` −1: no segment usable in the mode. */
export interface Snap {
  segment: number;
  /** share of the segment from its node A to the foot, 0..1 */
  t: number;
  footLng: number;
  footLat: number;
  /** off-network leg, metres (haversine point → foot) */
  metres: number;
}

/**
 * Foot of the perpendicular from (lng, lat) on segment s and its squared distance in the local equirectangular frame
 * at the point's latitude (degrees of latitude). The one definition the snapping and the tests' brute force share.
 */
export function footOnSegment(g: RoadGraph, s: number, lng: number, lat: number, cos0: number): {t: number; d2: number; footLng: number; footLat: number} {
  const a = g.segA[s], b = g.segB[s];
  const ax = (g.lng[a] - lng) * cos0, ay = g.lat[a] - lat;
  const bx = (g.lng[b] - lng) * cos0, by = g.lat[b] - lat;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  t = t > 0 ? (t > 1 ? 1 : t) : 0; // (also turns −0 into 0)
  const fx = ax + t * dx, fy = ay + t * dy;
  return {t, d2: fx * fx + fy * fy, footLng: g.lng[a] + t * (g.lng[b] - g.lng[a]), footLat: g.lat[a] + t * (g.lat[b] - g.lat[a])};
}

/**
 * Snap a point to the nearest point of the nearest segment the mode may use (ties: smaller segment index). Grid
 * rings widen until no unvisited cell can hold a nearer segment.
 */
export function snapPoint(g: RoadGraph, lng: number, lat: number, mode: TravelMode): Snap {
  const {grid} = g;
  const cost = g.segSeconds[mode];
  const cos0 = Math.cos(toRadians(lat));
  let best = -1, bestD2 = Infinity, bestT = 0;
  if (grid.nx === 0) return {segment: -1, t: 0, footLng: lng, footLat: lat, metres: Infinity};
  const px = Math.floor((lng - grid.minLng) / grid.cell), py = Math.floor((lat - grid.minLat) / grid.cell);
  const visit = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= grid.nx || y >= grid.ny) return;
    const c = y * grid.nx + x;
    for (let k = grid.start[c]; k < grid.start[c + 1]; k++) {
      const s = grid.items[k];
      if (cost[s] === Infinity) continue;
      const f = footOnSegment(g, s, lng, lat, cos0);
      if (f.d2 < bestD2 || (f.d2 === bestD2 && s < best)) {
        best = s;
        bestD2 = f.d2;
        bestT = f.t;
      }
    }
  };
  // the first ring that can touch the grid
  const r0 = Math.max(0, -px, -py, px - (grid.nx - 1), py - (grid.ny - 1));
  const rMax = Math.max(px, grid.nx - 1 - px, py, grid.ny - 1 - py, r0);
  for (let r = r0; r <= rMax; r++) {
    // a cell not yet visited is in ring r or beyond: at least (r − 1) cells from the point in lng or lat
    const bound = (r - 1) * grid.cell * Math.min(cos0, 1);
    if (best >= 0 && r > r0 && bound > 0 && bound * bound > bestD2) break;
    if (r === 0) visit(px, py);
    else {
      for (let x = px - r; x <= px + r; x++) {
        visit(x, py - r);
        visit(x, py + r);
      }
      for (let y = py - r + 1; y <= py + r - 1; y++) {
        visit(px - r, y);
        visit(px + r, y);
      }
    }
  }
  if (best < 0) return {segment: -1, t: 0, footLng: lng, footLat: lat, metres: Infinity};
  const a = g.segA[best], b = g.segB[best];
  const footLng = g.lng[a] + bestT * (g.lng[b] - g.lng[a]), footLat = g.lat[a] + bestT * (g.lat[b] - g.lat[a]);
  return {segment: best, t: bestT, footLng, footLat, metres: haversine(lng, lat, footLng, footLat)};
}

/** Per-node result of a multi-source search: fastest time, its route's length, and the source reaching first. */
export interface NodeTimes {
  seconds: Float64Array;
  metres: Float64Array;
  source: Int32Array;
}

/**
 * Multi-source Dijkstra over the graph in one mode, from every source's foot at once (each source starts at both
 * ends of its segment, after its access leg and the share of the segment). Binary heap on typed arrays, lazy
 * deletion. Equal times: the label set first stays. With `limitSeconds` the search stops once the next node is
 * farther: every time ≤ the limit is exact, a larger one may be a bound or Infinity.
 */
export function multiSourceDijkstra(g: RoadGraph, sources: readonly Snap[], mode: TravelMode, limitSeconds = Infinity): NodeTimes {
  const n = g.nodeCount;
  const seconds = new Float64Array(n).fill(Infinity);
  const metres = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const segSec = g.segSeconds[mode], edgeSec = g.edgeSeconds[mode];
  const heap = new Heap(Math.max(16, 2 * sources.length));
  const relax = (node: number, t: number, m: number, src: number) => {
    if (t < seconds[node]) {
      seconds[node] = t;
      metres[node] = m;
      source[node] = src;
      heap.push(t, node);
    }
  };
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (s.segment < 0) continue;
    const acc = s.metres / g.accessMs;
    const sec = segSec[s.segment], len = g.segMetres[s.segment];
    relax(g.segA[s.segment], acc + s.t * sec, s.metres + s.t * len, i);
    relax(g.segB[s.segment], acc + (1 - s.t) * sec, s.metres + (1 - s.t) * len, i);
  }
  const {offsets, targets, edgeMetres} = g;
  while (heap.size > 0) {
    const t = heap.topKey();
    if (t > limitSeconds) break;
    const u = heap.pop();
    if (t > seconds[u]) continue;
    const mu = metres[u], su = source[u];
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const c = edgeSec[e];
      if (c === Infinity) continue;
      const v = targets[e];
      const tv = t + c;
      if (tv < seconds[v]) {
        seconds[v] = tv;
        metres[v] = mu + edgeMetres[e];
        source[v] = su;
        heap.push(tv, v);
      }
    }
  }
  return {seconds, metres, source};
}

/** A binary min-heap of (key, node) on typed arrays, growing as needed. */
class Heap {
  keys: Float64Array;
  items: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }
  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2), it = new Int32Array(this.size * 2);
      k.set(this.keys);
      it.set(this.items);
      this.keys = k;
      this.items = it;
    }
    const keys = this.keys, items = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      items[i] = items[p];
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }
  topKey(): number {
    return this.keys[0];
  }
  pop(): number {
    const keys = this.keys, items = this.items;
    const top = items[0];
    const n = --this.size;
    if (n === 0) return top;
    const key = keys[n], item = items[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      items[i] = items[c];
      i = c;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }
}

/** Per target point: the fastest time and route length to any source, and which source (−1: unreachable). */
export interface PointTimes {
  seconds: Float64Array;
  metres: Float64Array;
  source: Int32Array;
}

/**
 * Travel time from each target point to its fastest source: from the node times at both ends of the target's
 * segment, or straight along the segment when a source sits on the same one.
 */
export function pointTimes(g: RoadGraph, nodes: NodeTimes, sources: readonly Snap[], targets: readonly Snap[], mode: TravelMode): PointTimes {
  const k = targets.length;
  const seconds = new Float64Array(k).fill(Infinity), metres = new Float64Array(k).fill(Infinity), source = new Int32Array(k).fill(-1);
  const segSec = g.segSeconds[mode];
  const onSegment = new Map<number, number[]>();
  sources.forEach((s, i) => {
    if (s.segment < 0) return;
    const l = onSegment.get(s.segment);
    if (l) l.push(i);
    else onSegment.set(s.segment, [i]);
  });
  for (let i = 0; i < k; i++) {
    const p = targets[i];
    if (p.segment < 0) continue;
    const acc = p.metres / g.accessMs;
    const sec = segSec[p.segment], len = g.segMetres[p.segment];
    let bt = Infinity, bm = Infinity, bs = -1;
    const a = g.segA[p.segment], b = g.segB[p.segment];
    const ta = nodes.seconds[a] + p.t * sec, tb = nodes.seconds[b] + (1 - p.t) * sec;
    if (ta < bt) {
      bt = ta;
      bm = nodes.metres[a] + p.t * len;
      bs = nodes.source[a];
    }
    if (tb < bt) {
      bt = tb;
      bm = nodes.metres[b] + (1 - p.t) * len;
      bs = nodes.source[b];
    }
    for (const j of onSegment.get(p.segment) ?? []) {
      const s = sources[j];
      const share = Math.abs(s.t - p.t);
      const t = s.metres / g.accessMs + share * sec;
      if (t < bt || (t === bt && j < bs)) {
        bt = t;
        bm = s.metres + share * len;
        bs = j;
      }
    }
    if (bs < 0) continue;
    seconds[i] = bt + acc;
    metres[i] = bm + p.metres;
    source[i] = bs;
  }
  return {seconds, metres, source};
}

/** Options of {@link networkCoverage}. */
export interface NetworkOptions {
  /** facility statuses that serve; default SERVING_STATUSES */
  statuses?: readonly FacilityStatus[];
}

/** Network coverage of one tier: the straight-line engine's arrays, plus the travel time. */
export interface NetworkTierCoverage extends TierCoverage {
  /** 1 when the fastest facility of the tier is within the threshold, else 0 (the network model counts no more) */
  count: Int32Array;
  /** length in metres of the fastest route to the tier's fastest facility (Infinity: none reachable) */
  nearestDist: Float64Array;
  /** travel time in seconds to it */
  seconds: Float64Array;
  mode: TravelMode;
  threshold_min: number;
}

/** Network coverage of every village, per tier, in the shape of `CoverageResult`. */
export interface NetworkCoverageResult extends CoverageResult {
  tiers: Record<Tier, NetworkTierCoverage>;
}

/**
 * Coverage by travel time: per tier, the serving facilities of that tier are snapped in the tier's mode, one
 * multi-source Dijkstra gives every node its fastest facility, and each village reads its time from the two ends of
 * its own segment. A village is covered when the time is ≤ the tier's threshold.
 * @example const r = networkCoverage(villages, facilities, graph, travelConfig(region.config)); r.tiers.community.seconds[0]
 */
export function networkCoverage(villages: readonly Village[], facilities: readonly Facility[], graph: RoadGraph, config: TravelConfig, options: NetworkOptions = {}): NetworkCoverageResult {
  return new NetworkSession(graph, config, villages).coverage(facilities, options);
}

/**
 * Network coverage for a what-if (the explorer): the graph and the villages' snaps are kept, and a tier is computed
 * again only when its serving facilities changed (their ids, types and positions, in order). One edit changes one
 * tier (two when a facility changes tier): one multi-source Dijkstra each, not one per tier. `coverage()` returns
 * exactly what {@link networkCoverage} returns on the same facilities (it is what networkCoverage runs).
 * @example const s = new NetworkSession(graph, config, villages); s.coverage(facilities); s.coverage([...facilities, added]).tiers.community.count
 */
export class NetworkSession {
  private readonly snaps: Partial<Record<TravelMode, Snap[]>> = {};
  private readonly memo = new Map<Tier, {key: string; value: NetworkTierCoverage}>();
  /** tiers computed by the last `coverage()` call (the others came from the memo) */
  lastComputed: Tier[] = [];

  constructor(readonly graph: RoadGraph, readonly config: TravelConfig, readonly villages: readonly Village[]) {}

  /** Every village's snap in a mode (computed once). */
  villageSnaps(mode: TravelMode): Snap[] {
    return (this.snaps[mode] ??= this.villages.map((v) => snapPoint(this.graph, v.lng, v.lat, mode)));
  }

  coverage(facilities: readonly Facility[], options: NetworkOptions = {}): NetworkCoverageResult {
    const statuses = new Set(options.statuses ?? SERVING_STATUSES);
    const tiers = {} as Record<Tier, NetworkTierCoverage>;
    this.lastComputed = [];
    for (const tier of TIERS) {
      const serving = facilities.filter((f) => TIER_OF[f.type] === tier && statuses.has(f.status));
      const key = serving.map((f) => `${f.id}|${f.type}|${f.lng}|${f.lat}`).join("\n");
      const hit = this.memo.get(tier);
      if (hit && hit.key === key) {
        tiers[tier] = hit.value;
        continue;
      }
      tiers[tier] = this.tier(tier, serving);
      this.memo.set(tier, {key, value: tiers[tier]});
      this.lastComputed.push(tier);
    }
    return {villages: this.villages, tiers};
  }

  /** One tier: its serving facilities snapped in the tier's mode, one multi-source Dijkstra, each village's time. */
  private tier(tier: Tier, serving: readonly Facility[]): NetworkTierCoverage {
    const {graph, config} = this;
    const mode = config.mode_by_tier[tier];
    const sources = serving.map((f) => snapPoint(graph, f.lng, f.lat, mode));
    const nodes = multiSourceDijkstra(graph, sources, mode);
    const times = pointTimes(graph, nodes, sources, this.villageSnaps(mode), mode);
    const limit = config.thresholds_min[tier] * 60;
    return {
      count: Int32Array.from(times.seconds, (s) => (s <= limit ? 1 : 0)),
      nearestDist: times.metres,
      nearestId: Array.from(times.source, (j) => (j >= 0 ? serving[j].id : null)),
      seconds: times.seconds,
      mode,
      threshold_min: config.thresholds_min[tier]
    };
  }
}

/** One piece of a facility's service area along the roads (GeoJSON LineString feature). */
export interface ServiceAreaFeature {
  type: "Feature";
  geometry: {type: "LineString"; coordinates: [number, number][]};
  properties: {
    facility_id: string;
    tier: Tier;
    mode: TravelMode;
    /** the tier's threshold: every point of the piece is within it of the facility */
    minutes: number;
    segment: number;
    /** the piece as shares of the segment from its node A (0..1) */
    from: number;
    to: number;
  };
}

/**
 * The parts of segment s reachable within `limit` seconds from one source, as merged intervals of shares from its
 * node A: from node A (time ta, ta + x · c at share x), from node B (tb + (1 − x) · c), and straight along the
 * segment from the source's foot when the source is on it (its access time + |x − t| · c). Empty pieces dropped.
 */
export function reachableParts(g: RoadGraph, nodes: NodeTimes, source: Snap, s: number, mode: TravelMode, limit: number): [number, number][] {
  const c = g.segSeconds[mode][s];
  if (c === Infinity) return [];
  const reach = (spare: number) => (c > 0 ? spare / c : Infinity);
  const parts: [number, number][] = [];
  const ta = nodes.seconds[g.segA[s]], tb = nodes.seconds[g.segB[s]];
  if (ta <= limit) parts.push([0, Math.min(1, reach(limit - ta))]);
  if (tb <= limit) parts.push([Math.max(0, 1 - reach(limit - tb)), 1]);
  if (source.segment === s) {
    const acc = source.metres / g.accessMs;
    if (acc <= limit) {
      const r = reach(limit - acc);
      parts.push([Math.max(0, source.t - r), Math.min(1, source.t + r)]);
    }
  }
  parts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  return merged.filter(([a, b]) => b > a);
}

/**
 * Service areas drawn along the roads: per serving facility of each tier (or of `options.tiers`), the road
 * segments and parts of segments from which the facility is reached within the tier's threshold in the tier's mode
 * (the facility's own access leg counted; a village's walk to the road is not, it differs per village). One
 * bounded single-source Dijkstra per facility (`multiSourceDijkstra` with one source and the limit), then every
 * segment touching a reached node, or the facility's own, is cut by {@link reachableParts}. A facility off every
 * usable road has no service area. Coordinates along a segment are interpolated linearly in lng/lat, as the feet of
 * snapped points are.
 * @example serviceAreas(graph, facilities, travelConfig(region.config), {tiers: ["community"]}).features[0].properties
 *          // {facility_id: "F1", tier: "community", mode: "walk", minutes: 15, segment: 12, from: 0, to: 0.4}
 */
export function serviceAreas(
  graph: RoadGraph,
  facilities: readonly Facility[],
  config: TravelConfig,
  options: NetworkOptions & {tiers?: readonly Tier[]} = {}
): {type: "FeatureCollection"; features: ServiceAreaFeature[]} {
  const statuses = new Set(options.statuses ?? SERVING_STATUSES);
  const tiers = new Set(options.tiers ?? TIERS);
  const features: ServiceAreaFeature[] = [];
  const stamp = new Int32Array(graph.segmentCount).fill(-1);
  let run = 0;
  for (const f of facilities) {
    const tier = TIER_OF[f.type];
    if (!tiers.has(tier) || !statuses.has(f.status)) continue;
    const mode = config.mode_by_tier[tier];
    const limit = config.thresholds_min[tier] * 60;
    const src = snapPoint(graph, f.lng, f.lat, mode);
    if (src.segment < 0) continue;
    const nodes = multiSourceDijkstra(graph, [src], mode, limit);
    const segs: number[] = [];
    const touch = (s: number) => {
      if (stamp[s] !== run) {
        stamp[s] = run;
        segs.push(s);
      }
    };
    touch(src.segment);
    for (let u = 0; u < graph.nodeCount; u++) {
      if (!(nodes.seconds[u] <= limit)) continue;
      for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) touch(graph.edgeSeg[e]);
    }
    run++;
    segs.sort((a, b) => a - b);
    for (const s of segs) {
      const a = graph.segA[s], b = graph.segB[s];
      const at = (x: number): [number, number] => [graph.lng[a] + x * (graph.lng[b] - graph.lng[a]), graph.lat[a] + x * (graph.lat[b] - graph.lat[a])];
      for (const [from, to] of reachableParts(graph, nodes, src, s, mode, limit)) {
        features.push({
          type: "Feature",
          geometry: {type: "LineString", coordinates: [at(from), at(to)]},
          properties: {facility_id: f.id, tier, mode, minutes: config.thresholds_min[tier], segment: s, from, to}
        });
      }
    }
  }
  return {type: "FeatureCollection", features};
}

/**
 * How far in a straight line a facility of the tier can reach a village within the tier's threshold over the roads:
 * the threshold at the fastest speed the mode can use (the lines' own and class speeds driving, the walking speed
 * walking, and the access speed off the road), plus 1 % and 100 m for the linear interpolation along a segment. A
 * facility farther than this from every village of a bundle covers none of them (used to cut explorer bundles).
 * @example networkReachMetres("community", DEFAULT_TRAVEL, []) // 15 min at 4 km/h: 1 000 m → 1 110
 */
export function networkReachMetres(tier: Tier, config: TravelConfig, lines: readonly RoadLine[]): number {
  const mode = config.mode_by_tier[tier];
  let kmh = config.access_speed_kmh;
  if (mode === "walk") kmh = Math.max(kmh, config.speeds_kmh.walk);
  else for (const l of lines) kmh = Math.max(kmh, lineSpeeds(l, config).drive);
  return (config.thresholds_min[tier] / 60) * kmh * 1000 * 1.01 + 100;
}

/**
 * The tiers whose service areas are drawn (the county report's map, the explorer's network layer): the walking ones
 * (15 minutes on foot reach a few hundred metres of road per facility); a 30-minute drive covers most of a county from
 * every facility and would draw the whole network.
 */
export const SERVICE_AREA_TIERS: readonly Tier[] = ["community", "meal"];
/** Above this many pieces the service areas are not drawn (the page says so). */
export const MAX_SERVICE_AREA_PIECES = 50_000;

/** Chinese name of a mode. */
export const MODE_LABEL: Readonly<Record<TravelMode, string>> = {walk: "步行", drive: "驾车"};

/**
 * The sentence a page shows to name the model in use: straight-line radii, or network travel times with each tier's
 * mode and threshold.
 * @example travelModelLabel(undefined) // "直线距离服务半径"
 */
export function travelModelLabel(config: TravelConfig | undefined): string {
  if (!config) return "直线距离服务半径";
  const parts = TIERS.map((t) => `${TIER_LABEL[t]}${MODE_LABEL[config.mode_by_tier[t]]}${config.thresholds_min[t]}分钟`);
  return `路网通行时间（${parts.join("，")}；步行${config.speeds_kmh.walk} km/h，接驳${config.access_speed_kmh} km/h）`;
}

/** Per unit (county or township): the share of its older people (pop60) covered in each tier, and their mean time. */
export interface NetworkUnitSummary {
  code: string;
  pop60: number;
  /** Σ pop60 of covered villages / Σ pop60 (null: no older people) */
  covered_share: Record<Tier, number | null>;
  /** pop60-weighted mean travel time in minutes over villages that reach a facility (null: none reaches one) */
  mean_minutes: Record<Tier, number | null>;
  /** pop60 of villages that reach no facility of the tier over the network */
  unreachable_pop60: Record<Tier, number>;
}

/**
 * Summarise network coverage per unit.
 * @param unitOf the unit code of a village (county_code, township_code)
 */
export function summariseNetwork(result: NetworkCoverageResult, unitOf: (v: Village) => string): NetworkUnitSummary[] {
  const units = new Map<string, NetworkUnitSummary>();
  const sums = new Map<string, Record<Tier, {cov: number; t: number; w: number}>>();
  const zero = <T>(f: () => T) => Object.fromEntries(TIERS.map((t) => [t, f()])) as Record<Tier, T>;
  result.villages.forEach((v, i) => {
    const code = unitOf(v);
    let u = units.get(code);
    if (!u) {
      units.set(code, (u = {code, pop60: 0, covered_share: zero(() => null), mean_minutes: zero(() => null), unreachable_pop60: zero(() => 0)}));
      sums.set(code, zero(() => ({cov: 0, t: 0, w: 0})));
    }
    const s = sums.get(code)!;
    u.pop60 += v.pop60;
    for (const tier of TIERS) {
      const r = result.tiers[tier];
      if (r.count[i]) s[tier].cov += v.pop60;
      if (Number.isFinite(r.seconds[i])) {
        s[tier].t += v.pop60 * r.seconds[i];
        s[tier].w += v.pop60;
      } else u.unreachable_pop60[tier] += v.pop60;
    }
  });
  for (const u of units.values()) {
    const s = sums.get(u.code)!;
    for (const tier of TIERS) {
      u.covered_share[tier] = u.pop60 > 0 ? s[tier].cov / u.pop60 : null;
      u.mean_minutes[tier] = s[tier].w > 0 ? s[tier].t / s[tier].w / 60 : null;
    }
  }
  return [...units.values()];
}

/** What the county report shows about the travel model: the label, and per tier the network figures when there are roads. */
export interface TravelModelView {
  model: "straight_line" | "network";
  label: string;
  rows: {tier: Tier; mode: string; threshold_min: number; covered_share: number | null; mean_minutes: number | null}[];
}

/**
 * The county report's travel-model block from access.json's `travel` part (absent: no road network, straight lines).
 * @example travelModelView(undefined, "150699").label // "直线距离服务半径"
 */
export function travelModelView(travel: {config: TravelConfig; counties: readonly NetworkUnitSummary[]} | undefined | null, county: string): TravelModelView {
  if (!travel) return {model: "straight_line", label: travelModelLabel(undefined), rows: []};
  const u = travel.counties.find((c) => c.code === county);
  return {
    model: "network",
    label: travelModelLabel(travel.config),
    rows: TIERS.map((tier) => ({tier, mode: MODE_LABEL[travel.config.mode_by_tier[tier]], threshold_min: travel.config.thresholds_min[tier], covered_share: u?.covered_share[tier] ?? null, mean_minutes: u?.mean_minutes[tier] ?? null}))
  };
}

/**
 * Connected parts of the graph (union-find over segments): how many, and the share of the road length in the largest.
 * A network exported without shared vertices at junctions falls apart into many parts; the load report says so.
 */
export function graphParts(g: RoadGraph): {parts: number; largestShare: number} {
  const parent = Int32Array.from({length: g.nodeCount}, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let s = 0; s < g.segmentCount; s++) {
    const a = find(g.segA[s]), b = find(g.segB[s]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const length = new Map<number, number>();
  let total = 0;
  for (let s = 0; s < g.segmentCount; s++) {
    const r = find(g.segA[s]);
    length.set(r, (length.get(r) ?? 0) + g.segMetres[s]);
    total += g.segMetres[s];
  }
  const largest = Math.max(0, ...length.values());
  return {parts: length.size, largestShare: total > 0 ? largest / total : 0};
}
