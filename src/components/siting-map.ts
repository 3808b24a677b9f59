// The siting map: the county and its townships, the uncovered villages (demand, sized by older people), existing
// facilities of the tier, every candidate site coloured by source, and the suggested sites numbered by rank with
// their service circles. No tiles (map.ts). Text from data goes through textContent only.
import type {Feature, FeatureCollection, Geometry} from "geojson";
import type {GeoJSONSource, LayerSpecification, MapMouseEvent} from "maplibre-gl/dist/maplibre-gl.mjs";
import type {CandidateSource} from "../lib/siting/candidates.js";
import {EARTH_RADIUS_M, toRadians} from "../lib/engine/geo.js";
import {maplibregl, MapView} from "./map.js";

/** One colour per candidate source. */
export const SOURCE_COLOR: Readonly<Record<CandidateSource, string>> = {village: "#e67e22", asset: "#7b4fb0", upgrade: "#1f5fa8"};
export const DEMAND_COLOR = "#c0392b";
export const EXISTING_COLOR = "#2c3e50";
export const SITE_COLOR = "#0b7a43";

export interface SitingMapData {
  county: Feature[];
  townships: Feature[];
  /** uncovered villages: properties name, weight */
  demand: Feature[];
  /** existing facilities of the tier: properties name */
  existing: Feature[];
  /** candidates: properties id, name, source, kind */
  candidates: Feature[];
  /**
   * suggested sites in rank order, each with its rings: one per settlement class of the villages it reaches, the
   * radius (metres) its type has for that class — the rule the gains are counted by
   */
  sites: {lng: number; lat: number; name: string; rings: {settlement: string; radius: number}[]; gain: number}[];
}

export interface SitingMapOptions {
  bounds: [[number, number], [number, number]];
  height?: number;
  basemap?: string | null;
  sourceLabel: Readonly<Record<CandidateSource, string>>;
}

type SourceId = "county" | "townships" | "demand" | "existing" | "candidates" | "circles";
const collection = (features: Feature[]): FeatureCollection => ({type: "FeatureCollection", features});

/**
 * A circle of `metres` around a point as a polygon ring on the sphere (same Earth radius as geo.ts).
 * @example circle(106.2, 37.9, 2000).coordinates[0].length // 65
 */
export function circle(lng: number, lat: number, metres: number, steps = 64): Geometry {
  const d = metres / EARTH_RADIUS_M;
  const phi1 = toRadians(lat);
  const lam1 = toRadians(lng);
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const theta = (2 * Math.PI * (i % steps)) / steps;
    const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(theta));
    const lam2 = lam1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
    ring.push([(lam2 * 180) / Math.PI, (phi2 * 180) / Math.PI]);
  }
  return {type: "Polygon", coordinates: [ring]};
}

/** [[west, south], [east, north]] of some features (polygons or points). */
export function boundsOf(features: Feature[]): [[number, number], [number, number]] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of features) if (f.geometry && "coordinates" in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [[w, s], [e, n]] : [[73, 18], [135, 54]];
}

function layers(): LayerSpecification[] {
  return [
    {id: "townships-fill", type: "fill", source: "townships", paint: {"fill-color": "#ffffff", "fill-opacity": 0.6}},
    {id: "circles-fill", type: "fill", source: "circles", paint: {"fill-color": SITE_COLOR, "fill-opacity": 0.12}},
    {id: "circles-line", type: "line", source: "circles", paint: {"line-color": SITE_COLOR, "line-width": 1.2, "line-dasharray": [2, 1]}},
    {id: "townships-line", type: "line", source: "townships", paint: {"line-color": "#8a8f98", "line-width": 0.8}},
    {id: "county-line", type: "line", source: "county", paint: {"line-color": "#222", "line-width": 2}},
    {
      id: "demand-circle",
      type: "circle",
      source: "demand",
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "weight"]], 0, 2, 50, 12],
        "circle-color": DEMAND_COLOR,
        "circle-opacity": 0.45,
        "circle-stroke-color": DEMAND_COLOR,
        "circle-stroke-width": 0.8
      }
    },
    {
      id: "existing-circle",
      type: "circle",
      source: "existing",
      paint: {"circle-radius": 4.5, "circle-color": EXISTING_COLOR, "circle-stroke-color": "#fff", "circle-stroke-width": 1.2}
    },
    {
      id: "candidates-circle",
      type: "circle",
      source: "candidates",
      paint: {
        "circle-radius": ["match", ["get", "source"], "village", 2.5, 4],
        "circle-color": "#ffffff",
        "circle-stroke-width": 2,
        "circle-stroke-color": ["match", ["get", "source"], "village", SOURCE_COLOR.village, "asset", SOURCE_COLOR.asset, SOURCE_COLOR.upgrade]
      }
    }
  ];
}

export type SitingMapElement = ReturnType<typeof MapView> & {update: (data: SitingMapData) => void};

/** A numbered marker of a suggested site (text only). */
function siteMarker(rank: number, name: string): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "cc-site-marker";
  div.textContent = String(rank);
  div.title = `${rank}. ${name}`;
  div.setAttribute("aria-label", `建议选址 ${rank}：${name}`);
  return div;
}

/** Create the siting map; `element.update(data)` redraws sources and the numbered site markers. */
export function SitingMap(data: SitingMapData, options: SitingMapOptions): SitingMapElement {
  const sources = Object.fromEntries(
    (["county", "townships", "demand", "existing", "candidates", "circles"] as SourceId[]).map((id) => [id, {type: "geojson" as const, data: collection([])}])
  );
  const el = MapView({bounds: options.bounds, height: options.height ?? 560, basemap: options.basemap, sources, layers: layers(), label: "选址建议地图"}) as SitingMapElement;
  const map = el.map;
  let markers: InstanceType<typeof maplibregl.Marker>[] = [];
  el.update = (next) => {
    const set = (id: SourceId, features: Feature[]) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(collection(features));
    set("county", next.county);
    set("townships", next.townships);
    set("demand", next.demand);
    set("existing", next.existing);
    set("candidates", next.candidates);
    set("circles", next.sites.flatMap((s) => s.rings.map((r) => ({type: "Feature" as const, properties: {settlement: r.settlement, radius: r.radius}, geometry: circle(s.lng, s.lat, r.radius)}))));
    for (const m of markers) m.remove();
    markers = next.sites.map((s, i) => new maplibregl.Marker({element: siteMarker(i + 1, s.name)}).setLngLat([s.lng, s.lat]).addTo(map));
    el.dataset.sites = String(next.sites.length);
  };
  // maplibre fits the bounds to the container's size at creation, before Framework attaches the element: fit
  // again once the map has a real size.
  let fitted = false;
  const fit = () => {
    if (fitted || el.clientWidth === 0 || el.clientHeight === 0) return;
    fitted = true;
    map.resize();
    map.fitBounds(options.bounds, {padding: 30, animate: false});
  };
  new ResizeObserver(fit).observe(el);
  el.ready.then(() => {
    fit();
    el.update(data);
  });

  // Hover: name and what the point is (textContent only).
  const popup = new maplibregl.Popup({closeButton: false, closeOnClick: false, maxWidth: "300px", className: "cc-popup"});
  const hover = ["candidates-circle", "existing-circle", "demand-circle"];
  map.on("mousemove", (e: MapMouseEvent) => {
    const f = map.queryRenderedFeatures(e.point, {layers: hover})[0];
    if (!f) {
      popup.remove();
      return;
    }
    const p = f.properties as Record<string, unknown>;
    const div = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = String(p.name ?? "");
    const line = document.createElement("div");
    line.textContent =
      f.layer.id === "candidates-circle"
        ? `候选：${options.sourceLabel[p.source as CandidateSource] ?? ""} · ${String(p.kind ?? "")}`
        : f.layer.id === "existing-circle"
          ? "现有设施"
          : `未覆盖 · 老年人口 ${Number(p.weight ?? 0).toLocaleString("zh-CN")} 人`;
    div.append(title, line);
    popup.setLngLat(e.lngLat).setDOMContent(div).addTo(map);
  });
  map.on("mouseout", () => popup.remove());
  return el;
}

/** The legend of the siting map (text only). */
export function SitingLegend(sourceLabel: Readonly<Record<CandidateSource, string>>, existingLabel: string): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "cc-siting-legend";
  const item = (swatch: HTMLElement, text: string) => {
    const span = document.createElement("span");
    span.className = "cc-legend-item";
    span.append(swatch, document.createTextNode(text));
    div.append(span);
  };
  const dot = (fill: string, stroke: string, size = 10) => {
    const s = document.createElement("span");
    s.className = "cc-legend-dot";
    s.style.cssText = `width:${size}px;height:${size}px;background:${fill};border:2px solid ${stroke}`;
    return s;
  };
  const marker = siteMarker(1, "");
  marker.classList.add("cc-legend-marker");
  item(marker, "建议选址（按排名编号，虚线圈为服务半径）");
  item(dot("rgba(192,57,43,0.45)", DEMAND_COLOR, 12), "未覆盖村/社区（大小按老年人口）");
  item(dot(EXISTING_COLOR, "#fff"), existingLabel);
  for (const s of ["village", "asset", "upgrade"] as CandidateSource[]) item(dot("#fff", SOURCE_COLOR[s], s === "village" ? 7 : 10), `候选：${sourceLabel[s]}`);
  return div;
}
