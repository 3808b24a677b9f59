// A maplibre map with no tile server: the style holds only our GeoJSON sources and layers, and labels are
// drawn from local fonts (no `glyphs` URL). An optional raster basemap URL (天地图 or an intranet server)
// comes from the region config; by default there is none.
import * as maplibregl from "maplibre-gl/dist/maplibre-gl.mjs";
import type {LayerSpecification, SourceSpecification, StyleSpecification} from "maplibre-gl/dist/maplibre-gl.mjs";

let workerSet = false;
let cssAdded = false;

function prepare(): void {
  if (!workerSet) {
    maplibregl.setWorkerUrl(import.meta.resolve("maplibre-gl/dist/maplibre-gl-worker.mjs"));
    workerSet = true;
  }
  if (!cssAdded) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = import.meta.resolve("maplibre-gl/dist/maplibre-gl.css");
    document.head.appendChild(link);
    cssAdded = true;
  }
}

/** MapLibre's UI strings in Simplified Chinese (control tooltips and aria-labels, scale units). */
export const MAP_LOCALE_ZH: Record<string, string> = {
  "AttributionControl.ToggleAttribution": "显示或隐藏数据来源",
  "AttributionControl.MapFeedback": "地图反馈",
  "FullscreenControl.Enter": "全屏",
  "FullscreenControl.Exit": "退出全屏",
  "GeolocateControl.FindMyLocation": "定位到我的位置",
  "GeolocateControl.LocationNotAvailable": "无法获取位置",
  "LogoControl.Title": "MapLibre 标志",
  "Map.Title": "地图",
  "Marker.Title": "地图标记",
  "NavigationControl.ResetBearing": "指北（拖动可旋转地图）",
  "NavigationControl.ZoomIn": "放大",
  "NavigationControl.ZoomOut": "缩小",
  "Popup.Close": "关闭",
  "ScaleControl.Feet": "英尺",
  "ScaleControl.Meters": "米",
  "ScaleControl.Kilometers": "公里",
  "ScaleControl.Miles": "英里",
  "ScaleControl.NauticalMiles": "海里",
  "GlobeControl.Enable": "切换为地球视图",
  "GlobeControl.Disable": "切换为平面视图",
  "TerrainControl.Enable": "显示地形",
  "TerrainControl.Disable": "隐藏地形",
  "CooperativeGesturesHandler.WindowsHelpText": "按住 Ctrl 键滚动鼠标以缩放地图",
  "CooperativeGesturesHandler.MacHelpText": "按住 ⌘ 键滚动以缩放地图",
  "CooperativeGesturesHandler.MobileHelpText": "用两根手指移动地图"
};

export interface MapOptions {
  /** [[west, south], [east, north]] to fit */
  bounds: [[number, number], [number, number]];
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  height?: number;
  /** optional XYZ raster tile URL template; null = no basemap */
  basemap?: string | null;
  /** label for screen readers */
  label?: string;
  interactive?: boolean;
}

/** The style for a tile-free map: background, then the optional basemap, then our layers. */
export function tileFreeStyle(options: Pick<MapOptions, "sources" | "layers" | "basemap">): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {...options.sources};
  const layers: LayerSpecification[] = [{id: "background", type: "background", paint: {"background-color": "#f4f6f8"}}];
  if (options.basemap) {
    sources.basemap = {type: "raster", tiles: [options.basemap], tileSize: 256};
    layers.push({id: "basemap", type: "raster", source: "basemap"});
  }
  layers.push(...options.layers);
  return {version: 8, sources, layers};
}

/**
 * Create a map in a new element. Returns the element; the map is at `element.map` and resolves `element.ready`
 * once the style has loaded. Call `map.remove()` on invalidation.
 */
export function MapView(options: MapOptions): HTMLDivElement & {map: maplibregl.Map; ready: Promise<void>} {
  prepare();
  const div = document.createElement("div") as HTMLDivElement & {map: maplibregl.Map; ready: Promise<void>};
  div.className = "cc-map";
  div.style.height = `${options.height ?? 520}px`;
  div.setAttribute("role", "region");
  div.setAttribute("aria-label", options.label ?? "地图");
  const map = new maplibregl.Map({
    container: div,
    style: tileFreeStyle(options),
    bounds: options.bounds,
    fitBoundsOptions: {padding: 20},
    attributionControl: false,
    interactive: options.interactive ?? true,
    canvasContextAttributes: {preserveDrawingBuffer: true},
    localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif",
    locale: MAP_LOCALE_ZH
  });
  map.addControl(new maplibregl.NavigationControl({showCompass: false}), "top-right");
  map.addControl(new maplibregl.ScaleControl({unit: "metric"}), "bottom-left");
  div.map = map;
  div.ready = new Promise((resolve) => map.on("load", () => resolve()));
  // Tests and screenshots wait for data-idle="1": the map has drawn everything it was asked to.
  map.on("idle", () => (div.dataset.idle = "1"));
  map.on("dataloading", () => (div.dataset.idle = "0"));
  // maplibre measures its container on creation; the element is attached by Framework afterwards.
  new ResizeObserver(() => map.resize()).observe(div);
  return div;
}

export {maplibregl};
