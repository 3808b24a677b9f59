// The coverage map: counties, townships (choropleth by covered share), gaps, service circles, villages and
// facilities, with switchable layer groups, hover tooltips and click callbacks. Every text from data is set with
// textContent (never innerHTML), so a facility named `<img onerror=…>` shows as text.
import type {FeatureCollection} from "geojson";
import type {GeoJSONSource, MapGeoJSONFeature, MapMouseEvent} from "maplibre-gl/dist/maplibre-gl.mjs";
import {coverageLayers, iconSpecs, layerIdsOf, LAYER_GROUPS, type LayerGroup, type Shape} from "../lib/view/map-style.js";
import {maplibregl, MapView} from "./map.js";

export type SourceId = "counties" | "townships" | "township-labels" | "county-labels" | "gaps" | "circles" | "villages" | "facilities" | "roads" | "service-areas";
export type CoverageMapData = Record<SourceId, FeatureCollection>;

/** What a hovered or clicked feature is. */
export type FeatureKind = "facility" | "village" | "township";

export interface CoverageMapOptions {
  bounds: [[number, number], [number, number]];
  visible?: Iterable<LayerGroup>;
  height?: number;
  basemap?: string | null;
  /** lines for the hover tooltip: [label, value] pairs (plain text) */
  tooltip?: (kind: FeatureKind, properties: Record<string, unknown>) => [string, string][];
  onFeatureClick?: (kind: FeatureKind, properties: Record<string, unknown>, event: MapMouseEvent) => void;
  /** a click on the map where there is no facility/village (e.g. to add a facility); in add mode, every click */
  onMapClick?: (lngLat: [number, number], event: MapMouseEvent) => void;
  /** a facility is being dragged (pointer at lngLat); the page moves its marker */
  onDrag?: (id: string, lngLat: [number, number]) => void;
  /** a facility was dropped at lngLat (dragged more than a few pixels) */
  onDragEnd?: (id: string, lngLat: [number, number]) => void;
}

const KIND_OF_LAYER: Record<string, FeatureKind> = {"facilities-symbol": "facility", "villages-circle": "village", "network-circle": "village", "townships-fill": "township"};
const EMPTY: FeatureCollection = {type: "FeatureCollection", features: []};

/** Draw a marker shape on a small canvas and return it as ImageData for map.addImage. */
function markerImage(shape: Shape, color: string, fill: "filled" | "hollow" | "ringed", size = 36): ImageData {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d")!;
  const c = size / 2;
  const r = size * 0.36;
  ctx.beginPath();
  if (shape === "circle") ctx.arc(c, c, r, 0, 2 * Math.PI);
  else if (shape === "square") ctx.rect(c - r * 0.9, c - r * 0.9, r * 1.8, r * 1.8);
  else if (shape === "diamond") (ctx.moveTo(c, c - r * 1.15), ctx.lineTo(c + r * 1.15, c), ctx.lineTo(c, c + r * 1.15), ctx.lineTo(c - r * 1.15, c));
  else (ctx.moveTo(c, c - r * 1.1), ctx.lineTo(c + r * 1.1, c + r * 0.85), ctx.lineTo(c - r * 1.1, c + r * 0.85));
  ctx.closePath();
  ctx.fillStyle = fill === "hollow" ? "#ffffff" : color;
  ctx.fill();
  ctx.lineWidth = size * 0.09;
  ctx.strokeStyle = fill === "ringed" ? "#111111" : fill === "hollow" ? color : "#ffffff";
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/** A tooltip element filled with text only. */
function tooltipContent(title: string, lines: [string, string][]): HTMLElement {
  const div = document.createElement("div");
  div.className = "cc-tooltip";
  const h = document.createElement("strong");
  h.textContent = title;
  div.append(h);
  for (const [k, v] of lines) {
    const row = document.createElement("div");
    const key = document.createElement("span");
    key.className = "cc-tooltip-key";
    key.textContent = `${k}：`;
    const value = document.createElement("span");
    value.textContent = v;
    row.append(key, value);
    div.append(row);
  }
  return div;
}

export type CoverageMapElement = ReturnType<typeof MapView> & {
  setData: (data: Partial<CoverageMapData>) => void;
  setVisible: (groups: Iterable<LayerGroup>) => void;
  /** In add mode every click is a map click (to place a facility) and the cursor is a crosshair. */
  setAddMode: (on: boolean) => void;
  /** Ring the facility with this id (null: none). */
  select: (facilityId: string | null) => void;
  /** Ring the village with this code (null: none). */
  selectVillage: (code: string | null) => void;
};

/** Create the coverage map. `element.setData` replaces sources; `element.setVisible` switches layer groups. */
export function CoverageMap(data: Partial<CoverageMapData>, options: CoverageMapOptions): CoverageMapElement {
  const visible = new Set<LayerGroup>(options.visible ?? LAYER_GROUPS.map((g) => g.id));
  const sources = Object.fromEntries(
    (["counties", "townships", "township-labels", "county-labels", "gaps", "circles", "villages", "facilities", "roads", "service-areas"] as SourceId[]).map((id) => [
      id,
      {type: "geojson" as const, data: data[id] ?? EMPTY, ...(id === "facilities" || id === "villages" ? {promoteId: id === "facilities" ? "id" : "code"} : {})}
    ])
  );
  const el = MapView({
    bounds: options.bounds,
    height: options.height ?? 620,
    basemap: options.basemap,
    sources,
    layers: coverageLayers(visible),
    label: "养老服务覆盖地图"
  }) as CoverageMapElement;
  const map = el.map;
  // Marker images are drawn on demand, the first time a layer asks for one.
  const icons = new Map(iconSpecs().map((s) => [s.name, s]));
  map.on("styleimagemissing", (e: {id: string}) => {
    const spec = icons.get(e.id);
    if (spec && !map.hasImage(e.id)) map.addImage(e.id, markerImage(spec.shape, spec.color, spec.fill), {pixelRatio: 2});
  });

  // Calls made before the style has loaded are kept and replayed on load (maplibre refuses them until then).
  let loaded = false;
  const pending: {data: Partial<CoverageMapData>; visible?: Set<LayerGroup>; selected?: string | null; village?: string | null} = {data: {}};
  map.on("load", () => {
    loaded = true;
    // every marker image before the first data: a symbol laid out while its image was still missing stayed blank
    // until its source changed again (seen: none of a small county's 10 facilities drawn after the first load)
    for (const spec of icons.values()) if (!map.hasImage(spec.name)) map.addImage(spec.name, markerImage(spec.shape, spec.color, spec.fill), {pixelRatio: 2});
    el.setData(pending.data);
    if (pending.visible) el.setVisible(pending.visible);
    if (pending.selected !== undefined) el.select(pending.selected);
    if (pending.village !== undefined) el.selectVillage(pending.village);
  });
  el.setData = (next) => {
    if (!loaded) return void Object.assign(pending.data, next);
    for (const [id, fc] of Object.entries(next)) (map.getSource(id) as GeoJSONSource | undefined)?.setData(fc ?? EMPTY);
  };
  el.setVisible = (groups) => {
    const on = new Set(groups);
    if (!loaded) return void (pending.visible = on);
    for (const g of LAYER_GROUPS) for (const id of layerIdsOf(g.id)) map.setLayoutProperty(id, "visibility", on.has(g.id) ? "visible" : "none");
  };

  let addMode = false;
  el.setAddMode = (on) => {
    addMode = on;
    el.dataset.addMode = on ? "1" : "0";
    map.getCanvas().style.cursor = on ? "crosshair" : "";
  };
  el.select = (id) => {
    if (!loaded) return void (pending.selected = id);
    map.setFilter("facilities-selected", ["==", ["get", "id"], id ?? ""]);
  };
  el.selectVillage = (code) => {
    if (!loaded) return void (pending.village = code);
    map.setFilter("villages-selected", ["==", ["get", "code"], code ?? ""]);
  };

  const popup = new maplibregl.Popup({closeButton: false, closeOnClick: false, maxWidth: "320px", className: "cc-popup"});
  const hoverLayers = Object.keys(KIND_OF_LAYER);
  const topFeature = (e: MapMouseEvent): MapGeoJSONFeature | undefined =>
    map.queryRenderedFeatures(e.point, {layers: hoverLayers.filter((id) => map.getLayoutProperty(id, "visibility") !== "none")})[0];

  // Drag a facility: press on its marker, move, release. preventDefault on mousedown keeps the map from panning.
  let drag: {id: string; x: number; y: number; moved: boolean} | null = null;
  let suppressClick = false;
  map.on("mousedown", "facilities-symbol", (e) => {
    if (addMode || !options.onDragEnd || e.originalEvent.button !== 0) return;
    const id = e.features?.[0]?.properties?.id;
    if (typeof id !== "string") return;
    e.preventDefault();
    drag = {id, x: e.point.x, y: e.point.y, moved: false};
    map.once("mouseup", (up) => {
      const d = drag;
      drag = null;
      map.getCanvas().style.cursor = "";
      if (d?.moved) {
        suppressClick = true;
        setTimeout(() => (suppressClick = false), 0);
        options.onDragEnd?.(d.id, [up.lngLat.lng, up.lngLat.lat]);
      }
    });
  });

  map.on("mousemove", (e) => {
    if (drag) {
      if (!drag.moved && Math.hypot(e.point.x - drag.x, e.point.y - drag.y) < 4) return;
      drag.moved = true;
      popup.remove();
      map.getCanvas().style.cursor = "grabbing";
      options.onDrag?.(drag.id, [e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    if (addMode) {
      popup.remove();
      return;
    }
    const f = topFeature(e);
    if (!f || !options.tooltip) {
      popup.remove();
      map.getCanvas().style.cursor = "";
      return;
    }
    const kind = KIND_OF_LAYER[f.layer.id];
    const props = f.properties as Record<string, unknown>;
    map.getCanvas().style.cursor = kind === "township" ? "" : "pointer";
    popup.setLngLat(e.lngLat).setDOMContent(tooltipContent(String(props.name ?? ""), options.tooltip(kind, props))).addTo(map);
  });
  map.on("mouseout", () => popup.remove());
  // A click on a facility or village selects it; anywhere else (a township or empty ground) is a map click,
  // which also selects the township under it.
  map.on("click", (e) => {
    if (suppressClick) return;
    if (addMode) {
      options.onMapClick?.([e.lngLat.lng, e.lngLat.lat], e);
      return;
    }
    const f = topFeature(e);
    const kind = f ? KIND_OF_LAYER[f.layer.id] : undefined;
    if (f && kind) options.onFeatureClick?.(kind, f.properties as Record<string, unknown>, e);
    if (!kind || kind === "township") options.onMapClick?.([e.lngLat.lng, e.lngLat.lat], e);
  });
  return el;
}
