// Static maps drawn with Plot (SVG): small multiples on the overview and the map in printed reports. They need
// no WebGL and print crisply. Township polygons are coloured by a figure (default: covered share).
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import type {Feature, FeatureCollection} from "geojson";
import {SwatchSvg} from "./legend.js";
import {STATUS_LABEL, TIER_LABEL, TIER_OF, TYPE_LABEL} from "../lib/facility-types.js";
import {placeLabels, type Box} from "../lib/view/labels.js";
import {EARTH_RADIUS_M} from "../lib/engine/geo.js";
import {scaleBar} from "../lib/view/scale-bar.js";
import {COVERED_COLOR, SHARE_STEPS, SHARE_UNKNOWN, STATUS_FILL, TIER_SHAPE, TYPE_COLOR, UNCOVERED_COLOR, type Shape} from "../lib/view/map-style.js";
import type {FacilityStatus, FacilityType, Tier} from "../lib/types.js";

export interface StaticMapOptions {
  width?: number;
  height?: number;
  /** township code → value in [0, 1] (share); missing → grey */
  values: ReadonlyMap<string, number | null>;
  /** legend / tooltip label of the value */
  label?: string;
  title?: string;
  /** facilities or other points to draw */
  points?: {lng: number; lat: number; color: string; name: string}[];
  legend?: boolean;
  /** township names on the map (printed reports) */
  labels?: boolean;
  /** a scale bar (bottom left) and a north arrow (top right), as a map on paper needs */
  furniture?: boolean;
  /** lines to draw over the townships (service areas along the roads), each with its stroke colour */
  lines?: {type: "Feature"; geometry: {type: "LineString"; coordinates: [number, number][]}; properties: {color: string}}[];
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A map label: a name of more than 16 characters is cut with "…" (the full name is the label's title). */
export const shortName = (name: string): string => (Array.from(name).length > 16 ? Array.from(name).slice(0, 15).join("") + "…" : name);

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Scale bar and north arrow drawn over a map whose projection is known (Mercator: north is up). */
function addFurniture(svg: SVGSVGElement, projection: d3.GeoProjection, width: number, height: number): void {
  const [cx, cy] = [width / 2, height / 2];
  const a = projection.invert?.([cx, cy]);
  const b = projection.invert?.([cx + 100, cy]);
  if (!a || !b) return;
  const metresPerPx = (d3.geoDistance(a, b) * EARTH_RADIUS_M) / 100;
  const bar = scaleBar(metresPerPx, width / 4);
  const g = svgEl("g", {class: "cc-map-furniture", "font-size": 10, "font-family": "var(--sans-serif)"});
  const x = 10;
  const y = height - 12;
  g.append(
    svgEl("rect", {x: x - 4, y: y - 16, width: bar.px + 8 + 40, height: 22, fill: "white", "fill-opacity": 0.8}),
    svgEl("path", {d: `M${x},${y - 5}V${y}H${x + bar.px}V${y - 5}`, fill: "none", stroke: "#222", "stroke-width": 1.5}),
    svgEl("text", {x: x + bar.px + 5, y: y, fill: "#222"}, bar.label)
  );
  const nx = width - 18;
  const ny = 10;
  g.append(
    svgEl("path", {d: `M${nx},${ny}L${nx + 7},${ny + 20}L${nx},${ny + 15}L${nx - 7},${ny + 20}Z`, fill: "#222", stroke: "white", "stroke-width": 0.8}),
    svgEl("text", {x: nx, y: ny + 33, "text-anchor": "middle", fill: "#222", "font-weight": 600, stroke: "white", "stroke-width": 3, "paint-order": "stroke"}, "北")
  );
  svg.append(g);
}

/** A county (or several) with its townships coloured by value. */
export function TownshipMap(counties: Feature[], townships: Feature[], options: StaticMapOptions): SVGSVGElement | HTMLElement {
  const domain: FeatureCollection = {type: "FeatureCollection", features: counties};
  const value = (f: Feature) => options.values.get(String(f.properties?.code)) ?? null;
  const width = options.width ?? 320;
  const height = options.height ?? 260;
  // our own projection (Mercator fitted to the county with a 6 px inset), so the scale bar knows the map's scale
  let fitted: d3.GeoProjection | undefined;
  const projection = ({width: w, height: h}: {width: number; height: number}) =>
    (fitted = d3.geoMercator().fitExtent([[6, 6], [w - 6, h - 6]], domain as d3.ExtendedFeatureCollection));
  const plot = Plot.plot({
    width,
    height,
    title: options.title,
    projection,
    color: {
      type: "threshold",
      domain: SHARE_STEPS.slice(1).map(([t]) => t),
      range: SHARE_STEPS.map(([, c]) => c),
      label: options.label ?? "覆盖率",
      tickFormat: (d: number) => `${Math.round(d * 100)}%`,
      legend: options.legend ?? false,
      unknown: SHARE_UNKNOWN
    },
    marks: [
      Plot.geo(townships, {
        fill: (f: Feature) => value(f),
        fillOpacity: 0.8,
        stroke: "#fff",
        strokeWidth: 0.6,
        title: (f: Feature) => `${f.properties?.name ?? ""}\n${options.label ?? "覆盖率"}：${value(f) === null ? "—" : `${(100 * (value(f) as number)).toFixed(1)}%`}`,
        tip: true
      }),
      Plot.geo(counties, {stroke: "#222", strokeWidth: 1.4}),
      ...(options.lines?.length ? [Plot.geo(options.lines as unknown as Feature[], {stroke: (f: Feature) => String(f.properties?.color), strokeWidth: 1.8, strokeLinecap: "round"})] : []),
      ...(options.points ? [Plot.dot(options.points, {x: "lng", y: "lat", r: 2.2, fill: "color", stroke: "#fff", strokeWidth: 0.4})] : []),
      ...(options.labels
        ? [Plot.text(townships, Plot.centroid({text: (f: Feature) => shortName(String(f.properties?.name ?? "")), title: (f: Feature) => String(f.properties?.name ?? ""), fontSize: 10, fill: "#111", stroke: "white", strokeWidth: 3, lineWidth: 6, className: "cc-township-label"}))]
        : [])
    ]
  }) as SVGSVGElement | HTMLElement;
  const svg = plot instanceof SVGSVGElement ? plot : plot.querySelector("svg");
  if (options.furniture && svg && fitted) addFurniture(svg, fitted, width, height);
  return plot;
}

/** The legend of covered-share colours (thresholds of SHARE_STEPS). */
export function ShareLegend(label = "服务圈覆盖率（60岁以上老人）"): HTMLElement | SVGElement {
  return Plot.legend({
    color: {
      type: "threshold",
      domain: SHARE_STEPS.slice(1).map(([t]) => t),
      range: SHARE_STEPS.map(([, c]) => c),
      label,
      tickFormat: (d: number) => `${Math.round(d * 100)}%`
    }
  });
}

/**
 * The covered-share colours as an upright list (darkest, best covered, first) with the no-data fill, to stand
 * beside small multiples; the same SHARE_STEPS as ShareLegend and the explorer's choropleth.
 */
export function ShareLegendList(label = "服务圈覆盖率（60岁以上老人）"): HTMLElement {
  const box = document.createElement("div");
  box.className = "cc-share-legend";
  const title = document.createElement("div");
  title.className = "cc-share-legend-title";
  title.textContent = label;
  const list = document.createElement("ul");
  const pct = (t: number) => `${Math.round(t * 100)}%`;
  const entries = SHARE_STEPS.map(([t, color], i) => {
    const next = SHARE_STEPS[i + 1];
    return {color, text: !next ? `≥ ${pct(t)}` : i === 0 ? `< ${pct(next[0])}` : `${pct(t)}–${pct(next[0])}`};
  }).reverse();
  entries.push({color: SHARE_UNKNOWN, text: "无数据"});
  for (const e of entries) {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "cc-share-swatch";
    swatch.style.background = e.color;
    swatch.dataset.color = e.color;
    const text = document.createElement("span");
    text.textContent = e.text;
    li.append(swatch, text);
    list.append(li);
  }
  box.append(title, list);
  return box;
}

/** A facility as the static maps draw it. */
export interface MapFacility {
  lng: number;
  lat: number;
  name: string;
  type: FacilityType;
  status: FacilityStatus;
  beds?: number | null;
}

/** Plot's symbol for each marker shape of the interactive map (map-style.ts TIER_SHAPE), so both maps agree. */
const PLOT_SYMBOL: Record<Shape, string> = {square: "square", diamond: "diamond2", circle: "circle", triangle: "triangle"};
const TIER_RANK: Record<Tier, number> = {county: 4, township: 3, community: 2, meal: 1};
const MARKER_R = 4.5;

/**
 * Facility markers (shape by tier, colour by type, hollow when planned or under construction, as on the
 * interactive map) and their names, labelled greedily so that no two names and no name and marker overlap:
 * larger facilities (higher tier, then more beds) are labelled first, a name that finds no free place above,
 * below, right or left of its marker is left out (the marker's tooltip still gives it).
 */
export function FacilityMarks(facilities: readonly MapFacility[], options: {labels?: boolean; fontSize?: number} = {}): Plot.Markish[] {
  const fontSize = options.fontSize ?? 10;
  const priority = (f: MapFacility) => TIER_RANK[TIER_OF[f.type]] * 1e6 + (f.beds ?? 0);
  const hollow = (f: MapFacility) => STATUS_FILL[f.status] === "hollow";
  const marks: Plot.Markish[] = [
    Plot.dot(facilities, {
      x: "lng",
      y: "lat",
      symbol: (f: MapFacility) => PLOT_SYMBOL[TIER_SHAPE[TIER_OF[f.type]]],
      r: MARKER_R,
      fill: (f: MapFacility) => (hollow(f) ? "white" : TYPE_COLOR[f.type]),
      stroke: (f: MapFacility) => (hollow(f) ? TYPE_COLOR[f.type] : "#111"),
      strokeWidth: (f: MapFacility) => (hollow(f) ? 1.6 : 0.6),
      title: (f: MapFacility) => `${f.name}\n${TYPE_LABEL[f.type]}（${STATUS_LABEL[f.status]}）`,
      tip: true
    })
  ];
  if (options.labels ?? true) {
    marks.push(
      Plot.text(facilities, {
        x: "lng",
        y: "lat",
        text: "name",
        fontSize,
        textAnchor: "middle",
        lineAnchor: "middle",
        stroke: "white",
        strokeWidth: 3,
        fill: "#222",
        render(index, scales, values, dimensions, context, next) {
          const X = values.x as ArrayLike<number>;
          const Y = values.y as ArrayLike<number>;
          const {width, height, marginTop, marginRight, marginBottom, marginLeft} = dimensions;
          // Plot may hand over the index as a typed array: map it through Array.from, not .map
          const markers: Box[] = Array.from(index, (i) => ({x0: X[i] - MARKER_R + 1, y0: Y[i] - MARKER_R + 1, x1: X[i] + MARKER_R - 1, y1: Y[i] + MARKER_R - 1}));
          const placed = placeLabels(
            Array.from(index, (i) => ({x: X[i], y: Y[i], text: String(facilities[i].name ?? ""), priority: priority(facilities[i])})),
            {fontSize, offset: MARKER_R + 2, bounds: {x0: marginLeft, y0: marginTop, x1: width - marginRight, y1: height - marginBottom}, obstacles: markers}
          );
          const x = Array.from(X);
          const y = Array.from(Y);
          for (const p of placed) {
            x[index[p.index]] = p.cx;
            y[index[p.index]] = p.cy;
          }
          const kept = placed.map((p) => index[p.index]).sort((a, b) => a - b);
          return next!(kept, scales, {...values, x, y} as unknown as typeof values, dimensions, context);
        }
      })
    );
  }
  return marks;
}

/** The legend of a township map: villages by coverage, then the facility types (and hollow statuses) drawn. */
export function FacilityLegend(facilities: readonly MapFacility[], options: {villages?: boolean} = {}): HTMLElement {
  const row = document.createElement("div");
  row.className = "cc-legend-row";
  const item = (swatch: Parameters<typeof SwatchSvg>[0], label: string) => {
    const span = document.createElement("span");
    span.className = "cc-legend-entry";
    const text = document.createElement("span");
    text.textContent = label;
    span.append(SwatchSvg(swatch), text);
    row.append(span);
  };
  if (options.villages ?? true) {
    item({kind: "dot", color: COVERED_COLOR, radius: 5}, "村/社区 已覆盖");
    item({kind: "dot", color: UNCOVERED_COLOR, radius: 5}, "村/社区 未覆盖（圆点大小按60岁以上人口）");
  }
  const types = [...new Set(facilities.map((f) => f.type))].sort((a, b) => TIER_RANK[TIER_OF[b]] - TIER_RANK[TIER_OF[a]]);
  for (const t of types) item({kind: "marker", shape: TIER_SHAPE[TIER_OF[t]], color: TYPE_COLOR[t], fill: "filled"}, `${TYPE_LABEL[t]}（${TIER_LABEL[TIER_OF[t]]}）`);
  if (facilities.some((f) => STATUS_FILL[f.status] === "hollow")) item({kind: "marker", shape: "circle", color: "#666666", fill: "hollow"}, "空心：规划或在建（不计入覆盖）");
  return row;
}
