// The coverage explorer (覆盖分析与模拟): a map with switchable layers and a legend that follows them, the panels
// around it (explorer-panels.ts), and live what-if — add, drag, remove facilities, change radii and capacities —
// recomputed in the browser with the build's engine, metrics and targets. The state and every figure live in the
// model (src/lib/view/explorer-model.ts, tested in Node); this file wires the model to the map, the toolbar, the
// panels, the scenario files and the browser's storage. All text from data is set as text (never innerHTML).
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, MultiPolygon, Point, Polygon} from "geojson";
import {boundaryNotice, boundaryProvenance, outlineLabels} from "../lib/plan/boundary-status.js";
import {FACILITY_STATUSES, ExplorerModel, type BoundariesJson, type ExplorerAction, type GapsJson, type RegionJson, type RoadsJson, type Selection} from "../lib/view/explorer-model.js";
import type {ExplorerUrlState} from "../lib/view/explorer-url.js";
import {readSaved, safeStorage, savedAtText, savedScenarioKey, serialiseSaved} from "../lib/view/explorer-saved.js";
import {FACILITY_TYPES, SETTLEMENT_LABEL, STATUS_LABEL, TIER_LABEL, TIER_OF, TIERS, TYPE_LABEL} from "../lib/facility-types.js";
import {formatDistance, formatInt, formatPercent, NOT_PROVIDED} from "../lib/view/format.js";
import {legendSections} from "../lib/view/legend.js";
import {iconName, LAYER_GROUPS, ROADS_ONLY_GROUPS, type LayerGroup} from "../lib/view/map-style.js";
import {toCsv} from "../lib/view/csv.js";
import {emptyScenario, parseScenario, SCENARIO_STORAGE_KEY, type Scenario, type ScenarioOp} from "../lib/engine/scenario.js";
import {scenarioErrorZh} from "../lib/engine/scenario-log.js";
import {MEASURE_NAME, scenarioTownshipRows} from "../lib/view/scenario-results.js";
import type {FacilityType, Measure, Tier} from "../lib/types.js";
import {CoverageMap, type CoverageMapElement} from "./coverage-map.js";
import {h} from "./dom.js";
import {DownloadButton} from "./download.js";
import {CountyList, CountyMultiples, DetailsPanel, MULTIPLES_MAX, EditList, FilterPanel, FindTable, KpiPanel, LightsPanel, radiusText, RadiusTable, YearControl} from "./explorer-panels.js";
import {LegendList} from "./legend.js";
import {ModelledNotice} from "./notice.js";

export type {BoundariesJson, GapsJson, RegionJson, RoadsJson};
type Area = Polygon | MultiPolygon;

export interface ExplorerOptions {
  /** county code shown first (default the first county) or "*" for the whole region */
  county?: string;
  /**
   * Every county of the region when `region` holds only some of them (a province: the explorer loads one bundle of
   * counties at a time, src/lib/plan/units.ts). The others are offered in the county picker and opened by `openCounty`.
   */
  allCounties?: readonly {code: string; name: string}[];
  /** called when the planner picks a county that is not loaded (the page loads its bundle) */
  openCounty?: (code: string) => void;
  /** population measure shown first (ignored when unknown or not provided by the region) */
  measure?: string;
  /** layer groups drawn first (unknown names ignored; default DEFAULT_VISIBLE) */
  layers?: readonly string[];
  /** object selected first (ignored when it does not exist) */
  select?: Selection;
  /**
   * called with the view (county, measure, layers, selection) whenever it changes, e.g. to write it to the address
   * (explorer-url.ts); only when it differs from the last call
   */
  onViewChange?: (state: ExplorerUrlState) => void;
  /**
   * Storage for the work kept across a reload (default the browser's localStorage; tests and private modes may
   * give none). Never throws through to the page (explorer-saved.ts safeStorage).
   */
  storage?: () => Storage | null;
  /** the bundle's road network (regions with a roads file): offers the network layer and line */
  roads?: RoadsJson | null;
}

export const MEASURE_LABEL: Readonly<Record<Measure, string>> = MEASURE_NAME;
const FILE_OF_GROUP: Record<LayerGroup, string[]> = {
  choropleth: ["township_boundaries"],
  heatmap: ["villages"],
  gaps: ["township_boundaries", "villages", "facilities"],
  circles: ["facilities"],
  outlines: ["township_boundaries"],
  villages: ["villages"],
  access: ["villages", "facilities"],
  network: ["villages", "facilities"],
  facilities: ["facilities"]
};

function bboxOf(features: Feature[]): [[number, number], [number, number]] {
  const b = turf.bbox({type: "FeatureCollection", features});
  return [[b[0], b[1]], [b[2], b[3]]];
}

/** The explorer element. Call `element.dispose()` on invalidation. */
export function Explorer(region: RegionJson, boundaries: BoundariesJson, gaps: GapsJson, options: ExplorerOptions = {}): HTMLDivElement & {dispose: () => void} {
  const model = new ExplorerModel(region, boundaries, gaps, {county: options.county, measure: options.measure, layers: options.layers, select: options.select, roads: options.roads});
  const boundaryStatus = boundaryProvenance(region);
  const groupIds: readonly LayerGroup[] = LAYER_GROUPS.map((g) => g.id);
  let addMode = false;

  // ---- elements
  const root = h("div", {class: "cc-explorer", id: "cc-explorer"}) as HTMLDivElement & {dispose: () => void};
  // a province's explorer holds one bundle of counties; the others are listed apart and open their own bundle
  const loaded = new Set(region.counties.map((c) => c.code));
  const others = (options.allCounties ?? []).filter((c) => !loaded.has(c.code));
  const countySelect = h(
    "select",
    {id: "cc-ex-county"},
    h("option", {value: "*", text: others.length ? `已载入的 ${region.counties.length} 个县区` : `全部地区（${region.counties.length} 个县区）`}),
    ...region.counties.map((c) => h("option", {value: c.code, text: c.name})),
    others.length ? h("optgroup", {label: `其他县区（${others.length} 个，选中后载入）`}, ...others.map((c) => h("option", {value: c.code, text: c.name, "data-other": true}))) : null
  );
  countySelect.value = model.current.scope ?? "*";
  // a measure the region does not provide (region.json "absent") is not offered: its people would all read as 0
  const measureSelect = h("select", {id: "cc-ex-measure"}, ...model.measures.map((m) => h("option", {value: m, text: MEASURE_LABEL[m]})));
  measureSelect.value = model.current.measure;
  const typeSelect = h(
    "select",
    {id: "cc-ex-add-type"},
    ...TIERS.map((tier) => h("optgroup", {label: TIER_LABEL[tier]}, ...FACILITY_TYPES.filter((t) => TIER_OF[t] === tier).map((t) => h("option", {value: t, text: TYPE_LABEL[t]}))))
  );
  typeSelect.value = model.current.addType;
  const nameInput = h("input", {id: "cc-ex-add-name", type: "text", maxlength: 100, placeholder: "可选", size: 10});
  const addButton = h("button", {type: "button", id: "cc-ex-add", class: "cc-ex-primary", "aria-pressed": "false", text: "在地图上点击添加"});
  const stamp = () => new Date().toISOString().slice(0, 10);
  const exportButton = DownloadButton("导出方案", () => `carecircle-方案-${stamp()}.json`, () => {
    const s: Scenario = {...emptyScenario(region.meta.id, `覆盖分析方案（${model.unitName()}）`), ops: model.session.ops};
    return new Blob([JSON.stringify(s, null, 2)], {type: "application/json"});
  });
  exportButton.id = "cc-ex-export";
  exportButton.classList.remove("cc-download");
  // the scenario's results per township (before → after) as CSV, and the map as drawn as PNG
  const resultsButton = DownloadButton("下载各乡镇结果", () => `carecircle-各乡镇结果-${model.unitName()}-${stamp()}.csv`, () => new Blob([toCsv(resultRows())], {type: "text/csv;charset=utf-8"}));
  resultsButton.id = "cc-ex-results-csv";
  resultsButton.classList.remove("cc-download");
  const pngButton = h("button", {type: "button", id: "cc-ex-png", text: "下载地图 PNG"});
  const resultRows = () => {
    const d = model.derive();
    const name = (c: string) => model.countyByCode.get(c)?.name ?? c;
    const n = d.network;
    const network = n ? {label: `路网${TIER_LABEL[n.tier]}${n.modeLabel}${n.threshold_min}分钟`, before: n.baselineCovered, after: n.covered} : undefined;
    return scenarioTownshipRows(d.view.villages, d.view.villageIdx, d.baseline.coverage, d.view.coverage, d.view.metrics.townships, model.current.measure, name, network);
  };
  const importInput = h("input", {type: "file", id: "cc-ex-import", accept: ".json,application/json", class: "cc-ex-file"});
  const importLabel = h("label", {for: "cc-ex-import", class: "cc-ex-filelabel"}, "导入方案…");
  const resetButton = h("button", {type: "button", id: "cc-ex-reset", text: "重置为原始数据"});
  const undoButton = h("button", {type: "button", id: "cc-ex-undo", text: "撤销", title: "撤销上一步修改（Ctrl+Z）"});
  const redoButton = h("button", {type: "button", id: "cc-ex-redo", text: "重做", title: "重做（Ctrl+Y）"});
  const yearSlot = h("span", {class: "cc-ex-year"});
  const toolbar = h(
    "div",
    {class: "cc-ex-toolbar cc-no-print", role: "group", "aria-label": "覆盖分析控制"},
    h("label", {}, "县区 ", countySelect),
    h("label", {}, "人口口径 ", measureSelect),
    yearSlot,
    h("span", {class: "cc-ex-sep", "aria-hidden": "true"}),
    h("label", {}, "新增设施类型 ", typeSelect),
    h("label", {}, "名称 ", nameInput),
    addButton,
    undoButton,
    redoButton,
    h("span", {class: "cc-ex-sep", "aria-hidden": "true"}),
    exportButton,
    importInput,
    importLabel,
    resetButton,
    h("span", {class: "cc-ex-sep", "aria-hidden": "true"}),
    resultsButton,
    pngButton
  );
  const banner = h("div", {class: "cc-ex-banner", role: "status", "aria-live": "polite"});
  // the offer to restore the work of the last visit: apart from the banner, which every edit clears
  const restoreSlot = h("div", {class: "cc-ex-banner", id: "cc-ex-restore-slot", role: "status", "aria-live": "polite"});
  const noticeSlot = h("div", {class: "cc-ex-notice"});
  const layerPanel = h("div", {class: "cc-ex-layers"});
  const overlay = h("details", {class: "cc-ex-overlay", open: true}, h("summary", {}, "图层与图例"), layerPanel);
  // panels are replaced whole on each render; these slots keep their place
  const slot = () => h("div", {class: "cc-ex-slot"});
  const [kpiSlot, countySlot, lightsSlot, detailsSlot, radiusSlot, filterSlot, findSlot, opsSlot] = Array.from({length: 8}, slot);

  // ---- map data
  const villageFeatures: Feature<Point, Record<string, unknown>>[] = region.villages.map((v, i) => ({
    type: "Feature",
    id: i,
    geometry: {type: "Point", coordinates: [v.lng, v.lat]},
    properties: {code: v.code, name: v.name, idx: i, weight: v.pop60, heat: 0, covered: 0, access: -1, net: -1}
  }));
  // the road lines (static) for the network layer
  const roadsFC: FeatureCollection = {
    type: "FeatureCollection",
    features: (model.roads?.lines ?? []).map((l) => ({type: "Feature", geometry: {type: "LineString", coordinates: l.coords.map(([x, y]) => [x, y])}, properties: {road_class: l.road_class ?? null}}))
  };
  const townshipFeatures = boundaries.townships.features.map((f) => ({...f, properties: {...f.properties, share: null as number | null}}));
  const labelFeatures = boundaries.townships.features.map((f) => turf.pointOnFeature(f as Feature<Area>)).map((p, i) => ({...p, properties: {name: boundaries.townships.features[i].properties.name}}));
  const countyLabelFeatures = boundaries.counties.features.map((f) => ({...turf.pointOnFeature(f as Feature<Area>), properties: {name: f.properties.name, code: f.properties.code}}));
  let facilityFC: FeatureCollection<Point> = {type: "FeatureCollection", features: []};

  const facilityLines = (p: Record<string, unknown>): [string, string][] => {
    const f = model.derive().view.facilities.find((x) => x.id === String(p.id));
    if (!f) return [];
    return [
      ["类型", `${TYPE_LABEL[f.type]}（${TIER_LABEL[f.tier]}）`],
      ["状态", STATUS_LABEL[f.status] + (model.session.statuses.includes(f.status) ? "" : "（不计入覆盖）")],
      ["服务半径（按村类别）", radiusText(model, f)],
      ...(f.id.startsWith("WI-") ? [["来源", "方案新增"] as [string, string]] : [])
    ];
  };
  const villageLines = (p: Record<string, unknown>): [string, string][] => {
    const i = Number(p.idx);
    const d = model.derive();
    const v = d.view.villages[i];
    if (!v) return [];
    const tiers = TIERS.filter((t) => d.view.coverage.tiers[t].count[i] > 0).map((t) => TIER_LABEL[t]);
    return [
      ["类别", `${v.kind === "community" ? "社区" : "村"} · ${SETTLEMENT_LABEL[v.settlement]}`],
      [MEASURE_LABEL[model.current.measure], `${formatInt(v[model.current.measure])} 人`],
      ["覆盖层级", tiers.length ? tiers.join("、") : "未被任何服务圈覆盖"],
      ["可及床位（E2SFCA）", d.access.beds ? `${d.access.beds[i].toFixed(1)} 张/千名老人（标准 ${model.bedStandardOf(v.county_code)}）` : NOT_PROVIDED],
      ...(d.network ? [networkLine(d.network, i)] : [])
    ];
  };
  const networkLine = (n: NonNullable<ReturnType<typeof model.derive>["network"]>, i: number): [string, string] => {
    const label = `路网${TIER_LABEL[n.tier]}（${n.modeLabel}）`;
    if (!Number.isFinite(n.minutes[i])) return [label, "路网不可达"];
    const f = n.nearestId[i] ? model.facility(n.nearestId[i]!) : undefined;
    return [label, `${n.minutes[i].toFixed(1)} 分钟 · ${formatDistance(n.metres[i])}${n.covered[i] ? `（${n.threshold_min}分钟内）` : `（超过${n.threshold_min}分钟）`}${f ? ` · 最快到达：${f.name}` : ""}`];
  };
  const townshipLines = (p: Record<string, unknown>): [string, string][] => [["覆盖率", p.share === null || p.share === undefined ? "—" : formatPercent(Number(p.share))]];

  const countyFeatures = () => boundaries.counties.features.filter((f) => model.current.scope === null || f.properties.code === model.current.scope);
  const map: CoverageMapElement = CoverageMap(
    {
      counties: boundaries.counties,
      townships: {type: "FeatureCollection", features: townshipFeatures},
      "township-labels": {type: "FeatureCollection", features: labelFeatures},
      "county-labels": {type: "FeatureCollection", features: countyLabelFeatures},
      roads: roadsFC
    },
    {
      bounds: bboxOf(countyFeatures()),
      visible: new Set(model.current.visible),
      height: 560,
      basemap: region.config.basemap ?? null,
      tooltip: (kind, p) => (kind === "facility" ? facilityLines(p) : kind === "village" ? villageLines(p) : townshipLines(p)),
      onFeatureClick: (kind, p) => {
        dispatch({type: "select", selection: {kind, id: String(kind === "facility" ? p.id : p.code)}});
        revealDetails();
      },
      onMapClick: (lngLat) => {
        if (addMode) addAt(lngLat);
      },
      onDrag: (id, [lng, lat]) => {
        if (model.derive().readOnly) return;
        const f = facilityFC.features.find((x) => x.properties?.id === id);
        if (f) {
          f.geometry.coordinates = [lng, lat];
          map.setData({facilities: facilityFC});
        }
      },
      onDragEnd: (id, [lng, lat]) => edit(model.moveOp(id, lng, lat), id)
    }
  );
  map.classList.add("cc-ex-map");
  // the whole-region view: small multiples over the map (counties far apart are specks on one map); 改为在地图上查看 hides them
  const multiplesSlot = h("div", {class: "cc-ex-slot"});
  let multiplesClosed = false;
  const mapWrap = h("div", {class: "cc-ex-mapwrap"}, map, overlay, multiplesSlot);
  const side = h("aside", {class: "cc-ex-side"}, kpiSlot, countySlot, lightsSlot, detailsSlot);

  /**
   * Bring the details into view inside the scrolling side panel (only the panel scrolls: the map stays under
   * the planner's pointer), and flash them, so a selection on the map always shows its details.
   */
  function revealDetails(): void {
    const details = detailsSlot.firstElementChild as HTMLElement | null;
    if (!details) return;
    const panel = side.getBoundingClientRect();
    const box = details.getBoundingClientRect();
    if (box.top < panel.top) side.scrollTop -= panel.top - box.top + 4;
    else if (box.bottom > panel.bottom) side.scrollTop += Math.min(box.bottom - panel.bottom + 4, box.top - panel.top - 4);
    details.classList.remove("cc-ex-flash");
    void details.offsetWidth; // restart the animation
    details.classList.add("cc-ex-flash");
  }

  root.append(toolbar, restoreSlot, banner, noticeSlot, h("div", {class: "cc-ex-main"}, mapWrap, side), h("div", {class: "cc-ex-lower"}, radiusSlot, filterSlot, opsSlot, findSlot));

  // ---- gaps: build-time polygons, recomputed per township (debounced, one township per task) after edits
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let gapGeneration = 0;
  const gapStatus = h("div", {class: "cc-ex-gapstatus", id: "cc-ex-gapstatus"});
  const showGapStatus = () => {
    const tier = model.current.gapTier;
    const dirty = model.gapsPending();
    const redone = model.gapOverride[tier];
    gapStatus.dataset.state = dirty ? "pending" : redone.size ? "recomputed" : "build";
    // for tests and the curious: the tier shown and each recomputed township's gap area (km²)
    gapStatus.dataset.tier = tier;
    // (the gap of the township's own class; data-recomputed-classes has every class's)
    const gapKm2 = (f: Feature<Area | null> | undefined) => (f?.properties as {gap_km2?: number} | null)?.gap_km2 ?? null;
    gapStatus.dataset.recomputed = JSON.stringify(Object.fromEntries([...redone].map(([code, fs]) => [code, gapKm2(fs.find((f) => (f.properties as {own_class?: boolean}).own_class) ?? fs[0])])));
    gapStatus.dataset.recomputedClasses = JSON.stringify(Object.fromEntries([...redone].map(([code, fs]) => [code, Object.fromEntries(fs.map((f) => [(f.properties as {settlement: string}).settlement, gapKm2(f)]))])));
    gapStatus.textContent = dirty ? `盲区重算中：还有 ${dirty} 个乡镇…` : redone.size ? `盲区已按当前方案重算（${redone.size} 个乡镇），其余为构建时结果` : "盲区为构建时结果（原始数据）";
    gapStatus.title = "盲区与覆盖统计同一口径：设施对每个村/社区按该村/社区自身城乡类别的半径计算。乡镇内有几类村/社区，就按每一类的半径各画一层盲区（可能重叠）。";
  };
  function scheduleGaps(): void {
    clearTimeout(gapTimer);
    showGapStatus();
    if (!model.current.visible.has("gaps") || !model.gapsPending()) return;
    const generation = ++gapGeneration;
    gapTimer = setTimeout(function step() {
      if (generation !== gapGeneration) return;
      if (model.gapStep() === undefined) return;
      map.setData({gaps: model.gapFeatures()});
      showGapStatus();
      if (model.gapsPending()) gapTimer = setTimeout(step, 0);
    }, 350);
  }

  // ---- rendering
  /** Send the map what it draws; `gaps` false when the gap polygons did not change (an edit: they are recomputed apart, scheduleGaps). */
  function renderMapData(gaps = true): void {
    const d = model.derive();
    const measure = model.current.measure;
    const villages = d.view.villages;
    let maxW = 1;
    for (const v of villages) maxW = Math.max(maxW, v[measure]);
    villages.forEach((v, i) => {
      const p = villageFeatures[i].properties;
      p.weight = v[measure];
      p.heat = v[measure] / maxW;
      p.covered = d.villageCovered[i];
      p.access = d.access.ratio ? d.access.ratio[i] : -1;
      p.net = d.network && Number.isFinite(d.network.minutes[i]) ? d.network.minutes[i] / d.network.threshold_min : -1;
    });
    for (const f of townshipFeatures) f.properties.share = d.townshipShare.get(f.properties.code) ?? null;
    facilityFC = {
      type: "FeatureCollection",
      features: d.facilities.map((f) => ({type: "Feature", geometry: {type: "Point", coordinates: [f.lng, f.lat]}, properties: {id: f.id, name: f.name, icon: iconName(f.type, f.status), tier: f.tier}}))
    };
    const shownVillages = villageFeatures.filter((_, i) => d.villageShown[i]);
    // for tests and the curious: what the map draws after the display filters
    root.dataset.villagesShown = String(shownVillages.length);
    root.dataset.facilitiesShown = String(d.facilities.length);
    if (d.network) {
      root.dataset.networkCovered = String(d.network.unit.covered);
      root.dataset.serviceAreas = String(d.network.areas?.length ?? -1);
    }
    map.setData({
      ...(d.network ? {"service-areas": {type: "FeatureCollection", features: d.network.areas ?? []}} : {}),
      villages: {type: "FeatureCollection", features: shownVillages},
      townships: {type: "FeatureCollection", features: townshipFeatures},
      facilities: facilityFC,
      circles: {type: "FeatureCollection", features: d.circles},
      ...(gaps ? {gaps: model.gapFeatures()} : {})
    });
  }

  function renderLayers(): void {
    const s = model.current;
    const networkNow = model.derive().network;
    layerPanel.replaceChildren();
    const sections = new Map(
      legendSections(s.visible as Set<LayerGroup>, {
        types: FACILITY_TYPES.filter((t) => s.filters.types.has(t)),
        statuses: FACILITY_STATUSES.filter((x) => s.filters.statuses.has(x)),
        gapTier: s.gapTier,
        measureLabel: MEASURE_LABEL[s.measure],
        accessStandard: accessStandardText(),
        ...(networkNow ? {network: {tier: networkNow.tier, mode: networkNow.modeLabel, minutes: networkNow.threshold_min, areas: networkNow.areas !== null}} : {}),
        outlineLabels: outlineLabels(boundaryStatus)
      }).map((x) => [x.group, x])
    );
    // top layer first, as the legend lists them
    for (const g of [...LAYER_GROUPS].reverse()) {
      if (!model.roads && ROADS_ONLY_GROUPS.includes(g.id)) continue;
      const box = h("input", {type: "checkbox", id: `cc-ex-layer-${g.id}`, "data-layer": g.id});
      box.checked = s.visible.has(g.id);
      box.addEventListener("change", () => {
        model.apply({type: "layer", group: g.id, on: box.checked});
        map.setVisible(model.current.visible);
        renderLayers();
        renderNotice();
        if (g.id === "gaps") scheduleGaps();
      });
      const row = h("div", {class: "cc-ex-layer"}, h("label", {}, box, ` ${g.label}`));
      if (g.id === "gaps") {
        const tierSelect = h("select", {id: "cc-ex-gap-tier", "aria-label": "盲区所按层级"}, ...TIERS.map((t) => h("option", {value: t, text: TIER_LABEL[t]})));
        tierSelect.value = s.gapTier;
        tierSelect.addEventListener("change", () => {
          model.apply({type: "gapTier", tier: tierSelect.value as Tier});
          map.setData({gaps: model.gapFeatures()});
          renderLayers();
          scheduleGaps();
        });
        row.append(h("div", {class: "cc-ex-sub"}, h("label", {}, "按 ", tierSelect, " 设施计算")));
        if (s.visible.has("gaps")) row.append(gapStatus);
      }
      if (g.id === "network" && networkNow) {
        const tierSelect = h("select", {id: "cc-ex-network-tier", "aria-label": "路网通行时间所按层级"}, ...TIERS.map((t) => h("option", {value: t, text: TIER_LABEL[t]})));
        tierSelect.value = networkNow.tier;
        tierSelect.addEventListener("change", () => {
          model.apply({type: "networkTier", tier: tierSelect.value as Tier});
          renderMapData(false);
          renderPanels();
          renderLayers();
        });
        row.append(h("div", {class: "cc-ex-sub"}, h("label", {}, "按 ", tierSelect, ` 设施（${networkNow.modeLabel}${networkNow.threshold_min}分钟）`)));
        if (networkNow.areasNote) row.append(h("div", {class: "cc-ex-sub", id: "cc-ex-network-note"}, networkNow.areasNote));
      }
      const section = sections.get(g.id);
      if (section) row.append(LegendList(section));
      layerPanel.append(row);
    }
    root.dataset.visibleLayers = [...s.visible].sort().join(",");
    viewChanged();
  }

  /** The bed standard(s) the access layer compares with: one figure, or the range over the counties loaded. */
  function accessStandardText(): string {
    const scope = model.current.scope;
    const values = [...new Set(scope === null ? [...model.bedStandard.values()] : [model.bedStandardOf(scope)])].sort((a, b) => a - b);
    return `${values.length > 1 ? `${values[0]}–${values.at(-1)}` : values[0]} 张/千人（各县区自定目标，无则 GB 50437）`;
  }

  /** Tell the page the view (county, measure, layers, selection) when it has changed, e.g. for the address. */
  let lastView = "";
  function viewChanged(): void {
    if (!options.onViewChange) return;
    const s = model.current;
    const state: ExplorerUrlState = {
      county: s.scope ?? "*",
      // on a province, the all-counties view names its bundle by its first county
      ...(s.scope === null && others.length ? {bundle: region.counties[0]?.code} : {}),
      measure: s.measure,
      layers: groupIds.filter((g) => s.visible.has(g)),
      ...(s.selected ? {select: {kind: s.selected.kind, id: s.selected.id}} : {})
    };
    const text = JSON.stringify(state);
    if (text === lastView) return;
    lastView = text;
    options.onViewChange(state);
  }

  // One visible line naming what is modelled in the layers shown; the full field list (ModelledNotice) unfolds.
  function renderNotice(): void {
    const files = [...new Set([...model.current.visible].flatMap((g) => FILE_OF_GROUP[g]))];
    const notice = ModelledNotice(region.modelled, files, boundaryStatus);
    if (notice.hidden) return void noticeSlot.replaceChildren();
    const names: Record<string, string> = {township_boundaries: "乡镇边界", villages: "村/社区位置与老年人口分配", facilities: "设施位置与床位等属性"};
    const shown = files.filter((f) => region.modelled[f]?.length).map((f) => names[f] ?? f);
    noticeSlot.replaceChildren(
      h(
        "details",
        {class: "cc-ex-notice-details", "data-modelled": "1"},
        h("summary", {}, h("strong", {}, shown.length ? "模拟数据提示：" : "边界提示："), `${shown.length ? `图中${shown.join("、")}为模型生成的模拟值，不是实测或官方数据。` : ""}${boundaryNotice(boundaryStatus)}`, h("span", {class: "cc-ex-more"}, "（展开字段清单）")),
        notice
      )
    );
  }

  function renderDetails(): void {
    const s = model.current;
    map.select(s.selected?.kind === "facility" ? s.selected.id : null);
    map.selectVillage(s.selected?.kind === "village" ? s.selected.id : null);
    viewChanged();
    detailsSlot.replaceChildren(DetailsPanel(model, model.derive(), {edit, addAt}));
  }

  function renderFind(): void {
    findSlot.replaceChildren(
      FindTable(model, model.derive(), {
        query: (q) => {
          model.apply({type: "query", query: q});
          const input = findSlot.querySelector<HTMLInputElement>("#cc-ex-find");
          const at = input?.selectionStart ?? q.length;
          renderFind();
          // keep typing where it was
          const again = findSlot.querySelector<HTMLInputElement>("#cc-ex-find");
          again?.focus();
          again?.setSelectionRange(at, at);
        },
        pick: (selection, [lng, lat]) => {
          dispatch({type: "select", selection});
          const m = map.map;
          if (!m.getBounds().contains([lng, lat])) m.easeTo({center: [lng, lat], duration: 0});
          revealDetails();
        }
      })
    );
  }

  function renderMultiples(): void {
    const show = model.current.scope === null && !multiplesClosed && region.counties.length > 1 && region.counties.length <= MULTIPLES_MAX;
    root.dataset.multiples = show ? "1" : "0";
    multiplesSlot.replaceChildren(
      show
        ? CountyMultiples(model, model.derive(), {
            open: (code) => setScope(code),
            close: () => {
              multiplesClosed = true;
              renderMultiples();
            }
          })
        : ""
    );
  }

  function renderPanels(): void {
    const d = model.derive();
    renderMultiples();
    kpiSlot.replaceChildren(KpiPanel(model, d));
    countySlot.replaceChildren(CountyList(d, (code) => setScope(code)));
    lightsSlot.replaceChildren(LightsPanel(model, d));
    // another date than the data date is a read-only view: no edits, no scenario changes
    const readOnly = d.readOnly;
    undoButton.disabled = readOnly || !model.session.canUndo;
    redoButton.disabled = readOnly || !model.session.canRedo;
    for (const b of [addButton, importInput, resetButton, typeSelect, nameInput]) b.disabled = readOnly;
    if (readOnly && addMode) setAddMode(false);
    const last = model.timings.at(-1);
    if (last !== undefined) (kpiSlot.firstElementChild as HTMLElement).dataset.updateMs = last.toFixed(3);
    root.dataset.date = model.current.date;
    root.dataset.readOnly = readOnly ? "1" : "0";
  }

  function renderOps(): void {
    opsSlot.replaceChildren(EditList(model));
    scheduleSave();
  }

  function renderRadii(): void {
    radiusSlot.replaceChildren(RadiusTable(model, (op) => edit(op, model.current.selected?.kind === "facility" ? model.current.selected.id : null)));
  }

  function renderFilters(): void {
    filterSlot.replaceChildren(
      FilterPanel(model, {
        filters: (patch) => {
          model.apply({type: "filters", filters: patch});
          renderMapData();
          renderLayers();
          renderFind();
        },
        counted: (statuses) => {
          const r = model.apply({type: "counted", statuses});
          if (!r.ok && r.error) showError(r.error);
          update();
          scheduleGaps();
        }
      })
    );
  }

  function renderYear(): void {
    yearSlot.replaceChildren(
      model.dates.length > 1
        ? YearControl(model, (date) => {
            model.apply({type: "date", date});
            update();
            renderRadii();
          })
        : ""
    );
  }

  function showError(text: string): void {
    banner.replaceChildren(h("div", {class: "cc-ex-error", role: "alert", id: "cc-ex-error"}, text));
  }

  // ---- update cycle
  function update(): void {
    renderMapData();
    renderPanels();
    renderDetails();
    renderFind();
    renderOps();
    renderRadii();
  }

  /** Change the view (not an edit) and redraw what depends on it. */
  function dispatch(action: ExplorerAction): void {
    model.apply(action);
    if (action.type === "select") {
      renderDetails();
      renderFind();
    } else update();
  }

  /** Apply one edit, time the recompute, record it, redraw. `select` = facility id to select afterwards. */
  function edit(op: ScenarioOp, select: string | null): void {
    const r = model.apply({type: "edit", op, select});
    if (!r.ok) {
      if (r.error) showError(r.error);
      if (op.op === "move") renderMapData(); // put a dragged marker back
      return;
    }
    banner.replaceChildren();
    scheduleGaps();
    renderMapData(false);
    renderPanels();
    renderDetails();
    renderFind();
    if (select && (op.op === "add" || op.op === "move")) revealDetails();
    renderOps();
    if (op.op === "radius") renderRadii();
  }

  function addAt([lng, lat]: [number, number]): void {
    const op = model.addOp(lng, lat, nameInput.value);
    nameInput.value = "";
    edit(op, op.facility.id);
    root.dataset.lastAdd = JSON.stringify({id: op.facility.id, lng: op.facility.lng, lat: op.facility.lat, type: op.facility.type});
  }

  function setAddMode(on: boolean): void {
    addMode = on;
    map.setAddMode(on);
    addButton.setAttribute("aria-pressed", String(on));
    addButton.textContent = on ? "添加中：点击地图放置（Esc 结束）" : "在地图上点击添加";
    addButton.classList.toggle("cc-ex-active", on);
  }

  /**
   * Apply a whole scenario (an import, the siting hand-over, the work of the last visit) as one undoable step, or
   * nothing when an op cannot be applied (e.g. a facility id that no longer exists): then say why, and return false.
   * `follow`: show the county the scenario is about; `done`: the confirmation (default names the source and name).
   */
  function applyImported(s: Scenario, source: string, {follow = true, done}: {follow?: boolean; done?: string} = {}): boolean {
    const r = model.apply({type: "replace", ops: s.ops, follow});
    if (!r.ok) {
      showError(r.error ?? "方案无法应用。");
      return false;
    }
    if (r.scopeChanged) {
      countySelect.value = model.current.scope ?? "*";
      userMoved = false;
      fit();
    }
    renderYear();
    update();
    scheduleGaps();
    banner.replaceChildren(h("div", {class: "cc-ex-ok", id: "cc-ex-imported"}, done ?? `已应用${source}「${s.name}」（${s.ops.length} 步操作）${r.scopeChanged ? `，已切换到方案所在的${model.unitName()}` : ""}。`));
    return true;
  }

  // ---- controls
  // fit the unit, leaving room for the layer panel over the map's left side (when it is open)
  const fit = () => {
    const wide = map.clientWidth > 640 && overlay.open;
    // the whole region: room for the county names drawn above each county
    const more = model.current.scope === null ? 40 : 0;
    map.map.fitBounds(bboxOf(countyFeatures()), {padding: {top: 20 + more, bottom: 30 + more / 2, right: 50 + more, left: (wide ? 260 : 20) + more}, duration: 0});
  };
  // until the planner pans or zooms, keep the unit fitted while the layout settles (fonts, panels, scrollbars)
  let userMoved = false;
  map.map.on("movestart", (e: {originalEvent?: unknown}) => {
    if (e.originalEvent) userMoved = true;
  });
  const refit = new ResizeObserver(() => {
    if (!userMoved) requestAnimationFrame(() => (map.map.resize(), fit()));
  });
  map.ready.then(() => {
    map.map.resize();
    fit();
    refit.observe(map);
  });
  // folding the layer panel gives its room back to the map: refit unless the planner has moved the map
  overlay.addEventListener("toggle", () => {
    root.dataset.layerPanel = overlay.open ? "open" : "closed";
    if (!userMoved) fit();
  });
  function setScope(code: string | null): void {
    model.apply({type: "scope", county: code});
    countySelect.value = model.current.scope ?? "*";
    fit();
    update();
    scheduleGaps();
  }
  countySelect.addEventListener("change", () => {
    const code = countySelect.value;
    if (code !== "*" && !loaded.has(code) && options.openCounty) {
      countySelect.value = model.current.scope ?? "*";
      options.openCounty(code);
      return;
    }
    setScope(code === "*" ? null : code);
  });
  measureSelect.addEventListener("change", () => {
    model.apply({type: "measure", measure: measureSelect.value as Measure});
    update();
    renderLayers();
  });
  typeSelect.addEventListener("change", () => {
    model.apply({type: "addType", facilityType: typeSelect.value as FacilityType});
    if (model.current.selected?.kind === "village") renderDetails();
  });
  addButton.addEventListener("click", () => setAddMode(!addMode));
  /** Undo or redo one step: the session re-applies the recorded ops; every gap is recomputed. */
  function step(back: boolean): void {
    if (!model.apply({type: back ? "undo" : "redo"}).ok) return;
    update();
    scheduleGaps();
  }
  undoButton.addEventListener("click", () => step(true));
  redoButton.addEventListener("click", () => step(false));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && addMode) setAddMode(false);
    const target = e.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return; // typing keeps the browser's own undo
    if (model.derive().readOnly) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
      e.preventDefault();
      step(!e.shiftKey);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "y") {
      e.preventDefault();
      step(false);
    }
  };
  document.addEventListener("keydown", onKey);
  pngButton.addEventListener("click", () => {
    // the WebGL canvas holds a frame only during its render event: capture it there
    const m = map.map;
    m.once("render", () => {
      const a = h("a", {href: m.getCanvas().toDataURL("image/png"), download: `carecircle-地图-${model.unitName()}-${stamp()}.png`});
      document.body.append(a);
      a.click();
      a.remove();
    });
    m.triggerRepaint();
  });
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    importInput.value = "";
    if (!file) return;
    try {
      applyImported(parseScenario(JSON.parse(await file.text()), region.meta.id), "方案文件");
    } catch (e) {
      showError(scenarioErrorZh((e as Error).message));
    }
  });
  resetButton.addEventListener("click", () => {
    model.apply({type: "reset"});
    banner.replaceChildren();
    // the work kept for the next visit goes too (undo brings the ops back, and saves them again)
    closeOffer();
    forgetSaved();
    renderYear();
    update();
    renderFilters();
    showGapStatus();
  });

  // ---- a scenario handed over by the siting page
  function offerStored(): void {
    let text: string | null = null;
    try {
      text = localStorage.getItem(SCENARIO_STORAGE_KEY);
    } catch {
      return;
    }
    if (!text) return;
    let s: Scenario;
    try {
      s = parseScenario(JSON.parse(text), region.meta.id);
    } catch (e) {
      const message = (e as Error).message;
      if (message.startsWith("scenario.region")) return; // made for another region: not ours to offer
      showError(`浏览器中保存的方案无法读取。${scenarioErrorZh(message)}`);
      return;
    }
    const apply = h("button", {type: "button", id: "cc-ex-stored-apply", class: "cc-ex-primary", text: "应用此方案"});
    const dismiss = h("button", {type: "button", id: "cc-ex-stored-dismiss", text: "暂不应用"});
    const forget = h("button", {type: "button", id: "cc-ex-stored-forget", text: "删除保存的方案"});
    apply.addEventListener("click", () => applyImported(s, "选址方案"));
    dismiss.addEventListener("click", () => banner.replaceChildren());
    forget.addEventListener("click", () => {
      store.remove(SCENARIO_STORAGE_KEY);
      banner.replaceChildren();
    });
    banner.replaceChildren(h("div", {class: "cc-ex-offer", id: "cc-ex-offer"}, h("span", {}, `选址页面保存了一个方案「${s.name}」（${s.ops.length} 步操作${s.created ? `，${s.created.slice(0, 10)}` : ""}）。是否在此应用？`), apply, dismiss, forget));
  }

  // ---- the work kept across a reload: saved (debounced) after every change of the ops, offered back on the next visit
  const store = safeStorage(options.storage ?? (() => localStorage));
  const savedKey = savedScenarioKey(region.meta.id, region.counties[0]?.code ?? "*");
  /** while the last visit's work is offered and not yet restored or discarded, it is not overwritten */
  let offerPending = false;
  /** the ops last written (JSON), so an unchanged scenario is not written again */
  let savedOps = "[]";
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleSave(): void {
    if (offerPending) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 300);
  }
  function saveNow(): void {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (offerPending) return;
    const ops = model.session.ops;
    const text = JSON.stringify(ops);
    if (text === savedOps) return;
    const ok = ops.length ? store.set(savedKey, serialiseSaved(region.meta.id, ops, new Date())) : store.remove(savedKey);
    // storage unavailable (private mode, quota): the work is simply not kept; the page goes on
    if (ok) savedOps = text;
    root.dataset.savedOps = ok ? String(ops.length) : "unavailable";
  }
  // a reload or a closed tab within the debounce still keeps the last edit
  const onPageHide = () => {
    if (saveTimer !== undefined) saveNow();
  };
  addEventListener("pagehide", onPageHide);
  function closeOffer(): void {
    offerPending = false;
    restoreSlot.replaceChildren();
  }
  /** Delete the kept work (reset, 丢弃). */
  function forgetSaved(): void {
    const ok = store.remove(savedKey);
    savedOps = "[]";
    root.dataset.savedOps = ok ? "0" : "unavailable";
  }
  function discardSaved(): void {
    forgetSaved();
    closeOffer();
    scheduleSave(); // edits made while the offer stood are kept from now on
  }
  function offerSaved(): void {
    const read = readSaved(store.get(savedKey), region.meta.id);
    if (read.kind === "none") return;
    offerPending = true;
    const discard = h("button", {type: "button", id: "cc-ex-restore-discard", text: "丢弃"});
    discard.addEventListener("click", discardSaved);
    if (read.kind === "invalid") {
      restoreSlot.replaceChildren(h("div", {class: "cc-ex-error", id: "cc-ex-restore"}, h("span", {}, `上次的模拟方案无法读取。${scenarioErrorZh(read.message)}`), discard));
      return;
    }
    const s = read.scenario;
    const n = s.ops.length;
    const restore = h("button", {type: "button", id: "cc-ex-restore-apply", class: "cc-ex-primary", text: "恢复"});
    restore.addEventListener("click", () => {
      // the same path as an import: all ops or none (a facility that no longer exists is reported)
      if (applyImported(s, "上次的模拟方案", {follow: false, done: `已恢复上次的模拟方案（${n} 项修改）。`})) {
        closeOffer();
        savedOps = "";
        scheduleSave();
        return;
      }
      restoreSlot.replaceChildren(h("div", {class: "cc-ex-error", id: "cc-ex-restore", "data-failed": "1"}, h("span", {}, "上次的模拟方案与当前数据不符，未作任何修改（原因见下）。"), discard));
    });
    const when = savedAtText(s.created);
    restoreSlot.replaceChildren(
      h("div", {class: "cc-ex-offer", id: "cc-ex-restore", "data-ops": n}, h("span", {}, `上次的模拟方案（${n} 项修改${when ? `，保存于 ${when}` : ""}）未清除：`), restore, discard, h("span", {class: "cc-ex-hint"}, "选择之前，新的修改不会自动保存。"))
    );
  }

  // ---- start
  offerSaved();
  renderYear();
  update();
  renderLayers();
  renderNotice();
  renderFilters();
  showGapStatus();
  offerStored();
  root.dataset.layerPanel = "open";
  root.dispose = () => {
    onPageHide();
    removeEventListener("pagehide", onPageHide);
    clearTimeout(gapTimer);
    gapGeneration++;
    document.removeEventListener("keydown", onKey);
    refit.disconnect();
    map.map.remove();
  };
  return root;
}
