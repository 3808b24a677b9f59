/**
 * Map symbology as data: colours, shapes and layer specifications for the coverage maps. Kept here (no DOM, no
 * maplibre runtime) so the legend and the layers come from one table and are testable without WebGL.
 * Layer ids name the data's role (MapLibre habit): `townships-fill`, `gaps-fill`, `circles-community`, …
 */
import type {FilterSpecification, LayerSpecification} from "maplibre-gl/dist/maplibre-gl.mjs";
import {FACILITY_TYPES, TIER_OF, TIERS} from "../facility-types.js";
import type {FacilityStatus, FacilityType, SettlementClass, Tier} from "../types.js";

/** One colour per facility type (ColorBrewer Paired/Dark2, distinguishable in print). */
export const TYPE_COLOR: Readonly<Record<FacilityType, string>> = {
  county_institution: "#6a3d9a",
  nursing_home: "#a6761d",
  township_centre: "#1f5fa8",
  community_station: "#1b9e77",
  day_centre: "#66a61e",
  mutual_aid: "#0e7c7b",
  canteen: "#e7298a",
  meal_site: "#d95f02"
};

/** One colour per tier for circles, gaps and charts. */
export const TIER_COLOR: Readonly<Record<Tier, string>> = {
  county: "#6a3d9a",
  township: "#1f5fa8",
  community: "#1b9e77",
  meal: "#d95f02"
};

export type Shape = "square" | "diamond" | "circle" | "triangle";

/** One marker shape per tier. */
export const TIER_SHAPE: Readonly<Record<Tier, Shape>> = {county: "square", township: "diamond", community: "circle", meal: "triangle"};

/** Operating facilities are drawn filled; planned and under construction hollow; upgrading filled with a dark ring. */
export const STATUS_FILL: Readonly<Record<FacilityStatus, "filled" | "hollow" | "ringed">> = {
  operating: "filled",
  upgrading: "ringed",
  construction: "hollow",
  planned: "hollow"
};

/** Name of the marker image for a type and status (images are drawn by the map component). */
export function iconName(type: FacilityType, status: FacilityStatus): string {
  return `fac-${type}-${STATUS_FILL[status]}`;
}

/** Every marker image the facility layer may ask for. */
export function iconSpecs(): {name: string; shape: Shape; color: string; fill: "filled" | "hollow" | "ringed"}[] {
  const fills = ["filled", "hollow", "ringed"] as const;
  return FACILITY_TYPES.flatMap((type) =>
    fills.map((fill) => ({name: `fac-${type}-${fill}`, shape: TIER_SHAPE[TIER_OF[type]], color: TYPE_COLOR[type], fill}))
  );
}

/**
 * Covered share → colour, thresholds at 50 %, 80 %, 95 %: a sequential purple-blue ramp (ColorBrewer PuBu), light
 * when few are covered, dark when all are — never the red/amber/green of the target lights, so a map cannot be read
 * as lights. Used by the overview's and reports' static maps, their legend and the explorer's choropleth.
 */
export const SHARE_STEPS: readonly [number, string][] = [
  [0, "#d0d1e6"],
  [0.5, "#a6bddb"],
  [0.8, "#74a9cf"],
  [0.95, "#2b8cbe"]
];

/** Fill of a township with no value on the static maps (light warm grey, apart from the ramp). */
export const SHARE_UNKNOWN = "#eeeae4";

export const COVERED_COLOR = "#27ae60";
export const UNCOVERED_COLOR = "#c0392b";

/** Village dot size: radius in px grows with the square root of the weight (older people), clamped at `maxWeight`. */
export const VILLAGE_SIZE = {maxWeight: 3600, minPx: 2, maxPx: 11} as const;

/** Dot radius (px) of a village with `weight` people, as the villages layer draws it. */
export function villageRadius(weight: number): number {
  const t = Math.min(1, Math.sqrt(Math.max(0, weight)) / Math.sqrt(VILLAGE_SIZE.maxWeight));
  return VILLAGE_SIZE.minPx + t * (VILLAGE_SIZE.maxPx - VILLAGE_SIZE.minPx);
}

/** Heatmap colour ramp (density 0 → 1), also drawn in the legend. */
export const HEAT_RAMP: readonly [number, string][] = [
  [0, "rgba(255,255,204,0)"],
  [0.2, "#ffeda0"],
  [0.45, "#feb24c"],
  [0.7, "#f03b20"],
  [1, "#bd0026"]
];

/**
 * Zoom from which township names are drawn; below it (the whole region in view, counties far apart) county
 * names instead. A county fitted to the explorer's map is at zoom ≥ 6.6 on a 1366 px screen, the five default
 * counties together at ≤ 5.2 even on 1920 px.
 */
export const TOWNSHIP_LABEL_MIN_ZOOM = 6;

/** Service rings are drawn from this zoom on (a county fills the map at 7–10; the whole region of far-apart counties is ~4, where hundreds of rings are one blot). */
export const CIRCLES_MIN_ZOOM = 6;

/** Outline of the selected facility, village or what-if facility being dragged. */
export const SELECTION_COLOR = "#111111";

/** The layers a planner can switch, in drawing order (bottom first), with their Chinese names. */
export const LAYER_GROUPS = [
  {id: "choropleth", label: "乡镇覆盖率分级"},
  {id: "heatmap", label: "老年人口密度"},
  {id: "gaps", label: "服务盲区"},
  {id: "circles", label: "服务半径圈"},
  {id: "outlines", label: "县界与乡镇界"},
  {id: "villages", label: "村/社区（按老年人口）"},
  {id: "network", label: "路网通行时间"},
  {id: "access", label: "可及床位（E2SFCA）"},
  {id: "facilities", label: "养老设施"}
] as const;

/**
 * The accessibility layer: each village coloured by its accessible beds (E2SFCA, access.ts) as a share of its county's
 * bed standard (beds.ts bedStandard); steps from "far below" to "twice the standard". Diverging brown–teal, apart
 * from the blue-purple coverage ramp and the green/amber/red lights. Villages without a figure (未提供) are grey.
 */
export const ACCESS_STEPS: readonly [number, string][] = [
  [0, "#8c510a"],
  [0.5, "#d8b365"],
  [1, "#5ab4ac"],
  [2, "#01665e"]
];
export const ACCESS_NONE_COLOR = "#bbbbbb";

export type LayerGroup = (typeof LAYER_GROUPS)[number]["id"];

/** Layer groups a region without a road network does not offer. */
export const ROADS_ONLY_GROUPS: readonly LayerGroup[] = ["network"];

/**
 * The network layer (regions with roads, network.ts): each village coloured by its travel time to the shown tier's
 * fastest facility against the tier's threshold — within it (covered, the figure the network line counts), up to
 * twice it, beyond that — and grey when no facility of the tier is reachable over the roads. Road lines drawn thin
 * grey, service areas along them in the tier's colour.
 */
export const NETWORK_STEPS: readonly {key: "within" | "double" | "beyond" | "none"; color: string}[] = [
  {key: "within", color: "#1a9850"},
  {key: "double", color: "#fdae61"},
  {key: "beyond", color: "#d73027"},
  {key: "none", color: "#9e9e9e"}
];
export const ROAD_COLOR = "#9a9a9a";

/**
 * A facility is drawn with one ring per settlement class of the villages it reaches (the radius the engine uses for
 * that class); the ring's outline tells the class: solid urban, dashed rural, dotted pastoral.
 */
export const RING_CLASSES: readonly SettlementClass[] = ["urban", "rural", "pastoral"];
export const RING_DASH: Readonly<Record<SettlementClass, number[] | null>> = {urban: null, rural: [4, 2], pastoral: [1, 2]};

/** Which maplibre layers belong to a layer group. */
export function layerIdsOf(group: LayerGroup): string[] {
  switch (group) {
    case "choropleth":
      return ["townships-fill"];
    case "heatmap":
      return ["density-heat"];
    case "gaps":
      return ["gaps-fill", "gaps-line"];
    case "circles":
      return [...TIERS.map((t) => `circles-${t}`), ...RING_CLASSES.map((c) => `circles-line-${c}`)];
    case "outlines":
      return ["townships-line", "counties-line", "townships-label", "counties-label"];
    case "villages":
      return ["villages-circle", "villages-selected"];
    case "network":
      return ["roads-line", "service-areas-line", "network-circle"];
    case "access":
      return ["access-circle"];
    case "facilities":
      return ["facilities-symbol", "facilities-selected"];
  }
}

const shareColor: unknown = ["step", ["coalesce", ["get", "share"], 0], SHARE_STEPS[0][1], ...SHARE_STEPS.slice(1).flat()];

/**
 * The coverage map's layers. Sources expected: `counties`, `townships` (property `share`, `name`), `gaps`,
 * `township-labels` and `county-labels` (points, property `name`),
 * `circles` (property `tier`), `villages` (`weight`, `covered` 0/1), `facilities` (`icon`).
 * @param visible the groups shown (others get visibility "none")
 */
export function coverageLayers(visible: ReadonlySet<LayerGroup>): LayerSpecification[] {
  const vis = (g: LayerGroup) => ({visibility: visible.has(g) ? "visible" : "none"}) as const;
  const layers: LayerSpecification[] = [
    {id: "townships-fill", type: "fill", source: "townships", layout: vis("choropleth"), paint: {"fill-color": shareColor as never, "fill-opacity": 0.45}},
    {
      id: "density-heat",
      type: "heatmap",
      source: "villages",
      layout: vis("heatmap"),
      paint: {
        // "heat" is the village's weight divided by the largest weight shown (0–1), so every measure spans the ramp
        "heatmap-weight": ["coalesce", ["get", "heat"], 0],
        "heatmap-radius": ["interpolate", ["linear"], ["zoom"], 6, 12, 12, 40],
        "heatmap-color": ["interpolate", ["linear"], ["heatmap-density"], ...HEAT_RAMP.flat()] as never,
        "heatmap-opacity": 0.7
      }
    },
    {id: "gaps-fill", type: "fill", source: "gaps", layout: vis("gaps"), paint: {"fill-color": UNCOVERED_COLOR, "fill-opacity": ["case", ["==", ["get", "own_class"], false], 0.12, 0.25] as never}},
    {id: "gaps-line", type: "line", source: "gaps", layout: vis("gaps"), paint: {"line-color": UNCOVERED_COLOR, "line-width": 0.8, "line-dasharray": [2, 1]}},
    ...TIERS.map(
      (t): LayerSpecification => ({
        id: `circles-${t}`,
        type: "fill",
        source: "circles",
        // rings only where they can be told apart: a county's view, not the whole region's specks
        minzoom: CIRCLES_MIN_ZOOM,
        filter: ["==", ["get", "tier"], t] as FilterSpecification,
        layout: vis("circles"),
        paint: {"fill-color": TIER_COLOR[t], "fill-opacity": ["case", ["==", ["get", "primary"], false], 0.025, 0.12] as never, "fill-outline-color": TIER_COLOR[t]}
      })
    ),
    ...RING_CLASSES.map(
      (c): LayerSpecification => ({
        id: `circles-line-${c}`,
        type: "line",
        source: "circles",
        minzoom: CIRCLES_MIN_ZOOM,
        filter: ["==", ["get", "settlement"], c] as FilterSpecification,
        layout: vis("circles"),
        paint: {
          "line-color": ["match", ["get", "tier"], ...TIERS.flatMap((t) => [t, TIER_COLOR[t]]), "#666"] as never,
          "line-width": 1,
          ...(RING_DASH[c] ? {"line-dasharray": RING_DASH[c]} : {})
        }
      })
    ),
    {id: "townships-line", type: "line", source: "townships", layout: vis("outlines"), paint: {"line-color": "#555", "line-width": 0.8}},
    {id: "counties-line", type: "line", source: "counties", layout: vis("outlines"), paint: {"line-color": "#222", "line-width": 2}},
    {
      id: "villages-circle",
      type: "circle",
      source: "villages",
      layout: vis("villages"),
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "weight"]], 0, VILLAGE_SIZE.minPx, Math.sqrt(VILLAGE_SIZE.maxWeight), VILLAGE_SIZE.maxPx],
        "circle-color": ["case", ["==", ["get", "covered"], 1], COVERED_COLOR, UNCOVERED_COLOR],
        "circle-opacity": 0.75,
        "circle-stroke-color": "#fff",
        "circle-stroke-width": 0.6
      }
    },
    // property net: the village's travel time / the tier's threshold (−1: no facility reachable over the roads)
    {id: "roads-line", type: "line", source: "roads", layout: vis("network"), paint: {"line-color": ROAD_COLOR, "line-width": ["interpolate", ["linear"], ["zoom"], 8, 0.5, 13, 1.5] as never}},
    {
      id: "service-areas-line",
      type: "line",
      source: "service-areas",
      layout: {...vis("network"), "line-cap": "round"},
      paint: {"line-color": ["match", ["get", "tier"], ...TIERS.flatMap((t) => [t, TIER_COLOR[t]]), "#666"] as never, "line-width": ["interpolate", ["linear"], ["zoom"], 8, 1.5, 13, 4] as never, "line-opacity": 0.8}
    },
    {
      id: "network-circle",
      type: "circle",
      source: "villages",
      layout: vis("network"),
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, 3, 10, 6],
        "circle-color": ["case", ["<", ["get", "net"], 0], NETWORK_STEPS[3].color, ["<=", ["get", "net"], 1], NETWORK_STEPS[0].color, ["<=", ["get", "net"], 2], NETWORK_STEPS[1].color, NETWORK_STEPS[2].color] as never,
        "circle-stroke-color": "#333",
        "circle-stroke-width": 0.6
      }
    },
    {
      // property access: accessible beds / the county's standard; -1 when not provided
      id: "access-circle",
      type: "circle",
      source: "villages",
      layout: vis("access"),
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, 3, 10, 6],
        "circle-color": ["case", ["<", ["get", "access"], 0], ACCESS_NONE_COLOR, ["step", ["get", "access"], ACCESS_STEPS[0][1], ...ACCESS_STEPS.slice(1).flat()]],
        "circle-stroke-color": "#333",
        "circle-stroke-width": 0.6
      }
    },
    {
      // a ring around the selected village (picked on the map or in the find table); the page sets the filter to its code
      id: "villages-selected",
      type: "circle",
      source: "villages",
      filter: ["==", ["get", "code"], ""] as FilterSpecification,
      layout: vis("villages"),
      paint: {"circle-radius": 10, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": SELECTION_COLOR, "circle-stroke-width": 2}
    },
    {
      id: "facilities-symbol",
      type: "symbol",
      source: "facilities",
      // half size in the whole-region view, where hundreds of markers share a few pixels; full size for a county
      layout: {
        ...vis("facilities"),
        "icon-image": ["get", "icon"],
        "icon-allow-overlap": true,
        "icon-size": ["interpolate", ["linear"], ["zoom"], TOWNSHIP_LABEL_MIN_ZOOM - 0.5, 0.5, TOWNSHIP_LABEL_MIN_ZOOM + 0.5, 1]
      }
    },
    {
      // a ring around the selected facility; the page sets the filter to its id
      id: "facilities-selected",
      type: "circle",
      source: "facilities",
      filter: ["==", ["get", "id"], ""] as FilterSpecification,
      layout: vis("facilities"),
      paint: {"circle-radius": 13, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": SELECTION_COLOR, "circle-stroke-width": 2}
    },
    {
      id: "townships-label",
      type: "symbol",
      source: "township-labels",
      minzoom: TOWNSHIP_LABEL_MIN_ZOOM,
      layout: {...vis("outlines"), "text-field": ["get", "name"], "text-size": 12, "text-allow-overlap": false},
      paint: {"text-color": "#333", "text-halo-color": "#fff", "text-halo-width": 1.2}
    },
    {
      // labels drawn from local fonts only (no glyph server): names in Chinese characters, no digits
      id: "counties-label",
      type: "symbol",
      source: "county-labels",
      maxzoom: TOWNSHIP_LABEL_MIN_ZOOM,
      layout: {...vis("outlines"), "text-field": ["get", "name"], "text-size": 16, "text-anchor": "bottom", "text-offset": [0, -0.8], "text-allow-overlap": true},
      paint: {"text-color": "#111", "text-halo-color": "#fff", "text-halo-width": 2}
    }
  ];
  return layers;
}
