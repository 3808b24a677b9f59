// Static maps drawn with Plot (SVG): small multiples on the overview and the map in printed reports. They need
// no WebGL and print crisply. Township polygons are coloured by a figure (default: covered share).
import * as Plot from "npm:@observablehq/plot";
import type {Feature, FeatureCollection} from "geojson";
import {SHARE_STEPS} from "../lib/map-style.js";

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
}

/** A county (or several) with its townships coloured by value. */
export function TownshipMap(counties: Feature[], townships: Feature[], options: StaticMapOptions): SVGSVGElement | HTMLElement {
  const domain: FeatureCollection = {type: "FeatureCollection", features: counties};
  const value = (f: Feature) => options.values.get(String(f.properties?.code)) ?? null;
  return Plot.plot({
    width: options.width ?? 320,
    height: options.height ?? 260,
    title: options.title,
    projection: {type: "mercator", domain, inset: 6},
    color: {
      type: "threshold",
      domain: SHARE_STEPS.slice(1).map(([t]) => t),
      range: SHARE_STEPS.map(([, c]) => c),
      label: options.label ?? "覆盖率",
      tickFormat: (d: number) => `${Math.round(d * 100)}%`,
      legend: options.legend ?? false,
      unknown: "#ddd"
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
      ...(options.points ? [Plot.dot(options.points, {x: "lng", y: "lat", r: 2.2, fill: "color", stroke: "#fff", strokeWidth: 0.4})] : [])
    ]
  });
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
