// The coverage explorer (覆盖分析与模拟): a map with switchable layers and a legend that follows them, controls
// for radii, population measure and filters, and live what-if — add, drag, remove facilities, change radii —
// recomputed in the browser with the build's engine, metrics and targets (src/lib/whatif.ts). Every edit is a
// scenario op; scenarios are exported, imported, and handed over by the siting page through localStorage.
// All text from data is set with textContent (never innerHTML).
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, MultiPolygon, Point, Polygon} from "geojson";
import {capacityDefaults, capacityText} from "../lib/capacity.js";
import {servingRings, VillageReach} from "../lib/circles.js";
import {FACILITY_TYPES, OPERATOR_LABEL, SETTLEMENT_LABEL, STATUS_LABEL, TIER_LABEL, TIER_OF, TIERS, TYPE_LABEL} from "../lib/facility-types.js";
import {formatDistance, formatFigure, formatInt, formatPercent, formatValue, comparatorText, formatDate, NO_DATA, NOT_PROVIDED} from "../lib/format.js";
import {editAnswer, type EditAnswer} from "../lib/edit-answer.js";
import type {ExplorerUrlState} from "../lib/explorer-url.js";
import {readSaved, safeStorage, savedAtText, savedScenarioKey, serialiseSaved} from "../lib/explorer-saved.js";
import {gapPolygons} from "../lib/gaps.js";
import {legendSections} from "../lib/legend.js";
import {boundaryNotice, boundaryProvenance, outlineLabels} from "../lib/boundary-status.js";
import {iconName, LAYER_GROUPS, type LayerGroup} from "../lib/map-style.js";
import {RADIUS_DEFAULTS, SETTLEMENTS, type RadiusDefault} from "../lib/radii.js";
import {MEASURE_NAME, scenarioTownshipRows} from "../lib/scenario-results.js";
import {toCsv} from "../lib/csv.js";
import {DownloadButton} from "./download.js";
import {CAPACITY_FIELDS, emptyScenario, parseScenario, SCENARIO_STORAGE_KEY, scenarioCounty, type CapacityFields, type Scenario, type ScenarioOp} from "../lib/scenario.js";
import {newFacilityId, scenarioErrorZh} from "../lib/scenario-log.js";
import type {JudgedTarget} from "../lib/milestones.js";
import type {Light, TargetStatus} from "../lib/targets.js";
import type {AbsentFigures, County, Facility, FacilityStatus, FacilityType, Measure, RadiusTable, SettlementClass, Target, Tier, Township, Village} from "../lib/types.js";
import {provided} from "../lib/metrics.js";
import {countCovered, WhatIfSession, type UnitView} from "../lib/whatif.js";
import {CoverageMap, type CoverageMapElement, type FeatureKind} from "./coverage-map.js";
import {LIGHT_LABEL, LightDot} from "./kpi.js";
import {LegendList} from "./legend.js";
import {ModelledNotice} from "./notice.js";

type Area = Polygon | MultiPolygon;

/** The parts of data/region.json the explorer reads. */
export interface RegionJson {
  meta: {id: string; name: string; data_date: string; evaluation_date?: string; serving?: FacilityStatus[]; absent?: AbsentFigures};
  config: {radii: RadiusTable; radius_defaults?: Record<FacilityType, Record<SettlementClass, RadiusDefault>>; basemap?: string | null; boundary_status?: Record<string, string>};
  counties: County[];
  townships: Township[];
  villages: Village[];
  facilities: Facility[];
  targets: Target[];
  modelled: Record<string, string[]>;
}

export interface BoundariesJson {
  counties: FeatureCollection<Area, {code: string; name: string}>;
  townships: FeatureCollection<Area, {code: string; name: string; county_code: string; settlement: SettlementClass}>;
}

/** Gap polygons (an explorer bundle's `gaps`, loaders/artifacts.ts gapsArtifact): per tier, one feature per township and class (geometry null when fully covered). */
export type GapsJson = Record<Tier, FeatureCollection<Area | null, {township_code: string; name: string; people: number; gap_km2: number; villages: number}>>;

export interface ExplorerOptions {
  /** county code shown first (default the first county) or "*" for the whole region */
  county?: string;
  /**
   * Every county of the region when `region` holds only some of them (a province: the explorer loads one bundle of
   * counties at a time, src/lib/units.ts). The others are offered in the county picker and opened by `openCounty`.
   */
  allCounties?: readonly {code: string; name: string}[];
  /** called when the planner picks a county that is not loaded (the page loads its bundle) */
  openCounty?: (code: string) => void;
  /** population measure shown first (ignored when unknown or not provided by the region) */
  measure?: string;
  /** layer groups drawn first (unknown names ignored; default DEFAULT_VISIBLE) */
  layers?: readonly string[];
  /** object selected first (ignored when it does not exist) */
  select?: {kind: FeatureKind; id: string};
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
}

export const MEASURE_LABEL: Readonly<Record<Measure, string>> = MEASURE_NAME;
const STATUSES: FacilityStatus[] = ["operating", "upgrading", "construction", "planned"];
const DEFAULT_VISIBLE: LayerGroup[] = ["choropleth", "circles", "outlines", "villages", "facilities"];
const FILE_OF_GROUP: Record<LayerGroup, string[]> = {
  choropleth: ["township_boundaries"],
  heatmap: ["villages"],
  gaps: ["township_boundaries", "villages", "facilities"],
  circles: ["facilities"],
  outlines: ["township_boundaries"],
  villages: ["villages"],
  facilities: ["facilities"]
};

/** Create an element; string children become text nodes (never markup). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") e.className = String(v);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

function bboxOf(features: Feature[]): [[number, number], [number, number]] {
  const b = turf.bbox({type: "FeatureCollection", features});
  return [[b[0], b[1]], [b[2], b[3]]];
}

function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = h("a", {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The explorer element. Call `element.dispose()` on invalidation. */
export function Explorer(region: RegionJson, boundaries: BoundariesJson, gaps: GapsJson, options: ExplorerOptions = {}): HTMLDivElement & {dispose: () => void} {
  const serving = region.meta.serving ?? ["operating", "upgrading"];
  const date = region.meta.evaluation_date ?? region.meta.data_date;
  const defaults = region.config.radius_defaults ?? RADIUS_DEFAULTS;
  const session = new WhatIfSession(region, region.config.radii, {statuses: serving, date});
  // the original data under the same counted statuses: what every figure is compared with
  const original = new WhatIfSession(region, region.config.radii, {statuses: serving, date});
  const townshipByCode = new Map(region.townships.map((t) => [t.code, t]));
  const boundaryStatus = boundaryProvenance(region);
  /** whether a file provides a figure (not declared absent in region.json) */
  const has = (file: keyof AbsentFigures, field: string) => provided(region.meta.absent, file, field);
  const countyByCode = new Map(region.counties.map((c) => [c.code, c]));
  const villageIndex = new Map(region.villages.map((v, i) => [v.code, i]));
  const tBoundary = new Map(boundaries.townships.features.map((f) => [f.properties.code, f]));
  const tBBox = new Map(boundaries.townships.features.map((f) => [f.properties.code, turf.bbox(f)]));

  // ---- state
  let scope: string | null = options.county === "*" ? null : (options.county ?? region.counties[0]?.code ?? null);
  const measures = (Object.keys(MEASURE_LABEL) as Measure[]).filter((m) => has("villages", m));
  let measure: Measure = measures.find((m) => m === options.measure) ?? "pop60";
  const groupIds: readonly LayerGroup[] = LAYER_GROUPS.map((g) => g.id);
  let visible = new Set<LayerGroup>(options.layers ? groupIds.filter((g) => options.layers!.includes(g)) : DEFAULT_VISIBLE);
  let gapTier: Tier = "community";
  let addType: FacilityType = "community_station";
  let addMode = false;
  let shownTypes = new Set<FacilityType>(FACILITY_TYPES);
  let shownStatuses = new Set<FacilityStatus>(STATUSES);
  let selected: {kind: FeatureKind; id: string} | null = null;
  {
    const s = options.select;
    if (s && (s.kind === "facility" ? session.has(s.id) : s.kind === "village" ? villageIndex.has(s.id) : townshipByCode.has(s.id))) selected = {kind: s.kind, id: s.id};
  }
  let view: UnitView;
  // original-data views per (unit, measure): a measure is only ever compared with itself
  const baseline = new Map<string, UnitView>();
  const baselineView = (): UnitView => {
    const key = `${scope ?? "*"}|${measure}`;
    let b = baseline.get(key);
    if (!b) baseline.set(key, (b = original.view(scope, measure)));
    return b;
  };
  const timings: number[] = [];
  /** what the last edit changed (shown in the KPI panel), null after undo, redo, import or reset */
  let answer: EditAnswer | null = null;

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
  countySelect.value = scope ?? "*";
  // a measure the region does not provide (region.json "absent") is not offered: its people would all read as 0
  const measureSelect = h("select", {id: "cc-ex-measure"}, ...measures.map((m) => h("option", {value: m, text: MEASURE_LABEL[m]})));
  measureSelect.value = measure;
  const typeSelect = h(
    "select",
    {id: "cc-ex-add-type"},
    ...TIERS.map((tier) => h("optgroup", {label: TIER_LABEL[tier]}, ...FACILITY_TYPES.filter((t) => TIER_OF[t] === tier).map((t) => h("option", {value: t, text: TYPE_LABEL[t]}))))
  );
  typeSelect.value = addType;
  const nameInput = h("input", {id: "cc-ex-add-name", type: "text", maxlength: 100, placeholder: "可选", size: 10});
  const addButton = h("button", {type: "button", id: "cc-ex-add", class: "cc-ex-primary", "aria-pressed": "false", text: "在地图上点击添加"});
  const exportButton = h("button", {type: "button", id: "cc-ex-export", text: "导出方案"});
  // the scenario's results per township (before → after) as CSV, and the map as drawn as PNG
  const stamp = () => new Date().toISOString().slice(0, 10);
  const resultsButton = DownloadButton("下载各乡镇结果", () => `carecircle-各乡镇结果-${unitName()}-${stamp()}.csv`, () =>
    new Blob([toCsv(resultRows())], {type: "text/csv;charset=utf-8"})
  );
  resultsButton.id = "cc-ex-results-csv";
  resultsButton.classList.remove("cc-download");
  const pngButton = h("button", {type: "button", id: "cc-ex-png", text: "下载地图 PNG"});
  const resultRows = () => {
    const now = session.view(scope, measure);
    return scenarioTownshipRows(region.villages, now.villageIdx, baselineView().coverage, now.coverage, now.metrics.townships, measure, (c) => countyByCode.get(c)?.name ?? c);
  };
  const importInput = h("input", {type: "file", id: "cc-ex-import", accept: ".json,application/json", class: "cc-ex-file"});
  const importLabel = h("label", {for: "cc-ex-import", class: "cc-ex-filelabel"}, "导入方案…");
  const resetButton = h("button", {type: "button", id: "cc-ex-reset", text: "重置为原始数据"});
  const undoButton = h("button", {type: "button", id: "cc-ex-undo", text: "撤销", title: "撤销上一步修改（Ctrl+Z）"});
  const redoButton = h("button", {type: "button", id: "cc-ex-redo", text: "重做", title: "重做（Ctrl+Y）"});
  const toolbar = h(
    "div",
    {class: "cc-ex-toolbar cc-no-print", role: "group", "aria-label": "覆盖分析控制"},
    h("label", {}, "县区 ", countySelect),
    h("label", {}, "人口口径 ", measureSelect),
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
  const kpi = h("section", {class: "cc-ex-kpi", id: "cc-ex-kpi", "aria-label": "覆盖指标"});
  const countyList = h("section", {class: "cc-ex-counties", id: "cc-ex-counties", "aria-label": "各县区"});
  const lights = h("section", {class: "cc-ex-lights", "aria-label": "目标亮灯"});
  const details = h("section", {class: "cc-ex-details", id: "cc-ex-details", "aria-live": "polite", "aria-label": "选中对象详情"});
  const radiusBox = h("section", {class: "cc-ex-card"});
  const filterBox = h("section", {class: "cc-ex-card"});
  const opsBox = h("section", {class: "cc-ex-card", id: "cc-ex-ops"});

  // ---- map data
  const villageFeatures: Feature<Point, Record<string, unknown>>[] = region.villages.map((v, i) => ({
    type: "Feature",
    id: i,
    geometry: {type: "Point", coordinates: [v.lng, v.lat]},
    properties: {code: v.code, name: v.name, idx: i, weight: v.pop60, heat: 0, covered: 0}
  }));
  const townshipFeatures = boundaries.townships.features.map((f) => ({...f, properties: {...f.properties, share: null as number | null}}));
  const labelFeatures = boundaries.townships.features.map((f) => turf.pointOnFeature(f as Feature<Area>)).map((p, i) => ({...p, properties: {name: boundaries.townships.features[i].properties.name}}));
  const countyLabelFeatures = boundaries.counties.features.map((f) => ({...turf.pointOnFeature(f as Feature<Area>), properties: {name: f.properties.name, code: f.properties.code}}));
  const countyVillageIdx = new Map(region.counties.map((c) => [c.code, [] as number[]]));
  region.villages.forEach((v, i) => countyVillageIdx.get(v.county_code)?.push(i));
  const circleCache = new Map<string, Feature[]>();
  // which settlement classes of villages each facility reaches: its rings, and the radii the details name
  const reach = new VillageReach(region.villages);
  // capacity of a new facility by type: region.json config.whatif_capacity over the built-in defaults (capacity.ts)
  const capDefaults = capacityDefaults((region.config as Record<string, unknown>).whatif_capacity);
  let facilityFC: FeatureCollection<Point> = {type: "FeatureCollection", features: []};

  const settlementOf = (f: Facility): SettlementClass => townshipByCode.get(f.township_code)?.settlement ?? "rural";
  /**
   * The radius a facility serves with, as the engine counts: per settlement class of the villages it reaches
   * ("农村 8 km（12 个村/社区）· 牧区 40 km（3 个）"); when it reaches none, its township's class and why nothing counts.
   */
  const radiusText = (f: Facility): string => {
    const r = session.engine.radii()[f.type];
    const counts = reach.reach(f, session.engine.radii());
    const classes = SETTLEMENTS.filter((c) => (counts[c] ?? 0) > 0);
    if (classes.length === 0) return `${SETTLEMENT_LABEL[settlementOf(f)]} ${formatDistance(r[settlementOf(f)])}（新服务圈内没有村社区）`;
    return classes.map((c) => `${SETTLEMENT_LABEL[c]} ${formatDistance(r[c])}（${formatInt(counts[c] ?? 0)} 个村/社区）`).join(" · ");
  };
  const facilityLines = (p: Record<string, unknown>): [string, string][] => {
    const f = session.facility(String(p.id));
    if (!f) return [];
    return [
      ["类型", `${TYPE_LABEL[f.type]}（${TIER_LABEL[f.tier]}）`],
      ["状态", STATUS_LABEL[f.status] + (session.statuses.includes(f.status) ? "" : "（不计入覆盖）")],
      ["服务半径（按村类别）", radiusText(f)],
      ...(f.id.startsWith("WI-") ? [["来源", "方案新增"] as [string, string]] : [])
    ];
  };
  const villageLines = (p: Record<string, unknown>): [string, string][] => {
    const i = Number(p.idx);
    const v = region.villages[i];
    if (!v) return [];
    const tiers = TIERS.filter((t) => view.coverage.tiers[t].count[i] > 0).map((t) => TIER_LABEL[t]);
    return [
      ["类别", `${v.kind === "community" ? "社区" : "村"} · ${SETTLEMENT_LABEL[v.settlement]}`],
      [MEASURE_LABEL[measure], `${formatInt(v[measure])} 人`],
      ["覆盖层级", tiers.length ? tiers.join("、") : "未被任何服务圈覆盖"]
    ];
  };
  const townshipLines = (p: Record<string, unknown>): [string, string][] => [["覆盖率", p.share === null || p.share === undefined ? "—" : formatPercent(Number(p.share))]];

  const countyFeatures = () => boundaries.counties.features.filter((f) => scope === null || f.properties.code === scope);
  const map: CoverageMapElement = CoverageMap(
    {
      counties: boundaries.counties,
      townships: {type: "FeatureCollection", features: townshipFeatures},
      "township-labels": {type: "FeatureCollection", features: labelFeatures},
      "county-labels": {type: "FeatureCollection", features: countyLabelFeatures}
    },
    {
      bounds: bboxOf(countyFeatures()),
      visible,
      height: 560,
      basemap: region.config.basemap ?? null,
      tooltip: (kind, p) => (kind === "facility" ? facilityLines(p) : kind === "village" ? villageLines(p) : townshipLines(p)),
      onFeatureClick: (kind, p) => {
        selected = {kind, id: String(kind === "facility" ? p.id : p.code)};
        renderDetails();
        revealDetails();
      },
      onMapClick: (lngLat) => {
        if (addMode) addAt(lngLat);
      },
      onDrag: (id, [lng, lat]) => {
        const f = facilityFC.features.find((x) => x.properties?.id === id);
        if (f) {
          f.geometry.coordinates = [lng, lat];
          map.setData({facilities: facilityFC});
        }
      },
      onDragEnd: (id, [lng, lat]) => edit(moveOp(id, lng, lat), id)
    }
  );
  map.classList.add("cc-ex-map");
  const mapWrap = h("div", {class: "cc-ex-mapwrap"}, map, overlay);
  const side = h("aside", {class: "cc-ex-side"}, kpi, countyList, lights, details);

  /**
   * Bring the details into view inside the scrolling side panel (only the panel scrolls: the map stays under
   * the planner's pointer), and flash them, so a selection on the map always shows its details.
   */
  function revealDetails(): void {
    const panel = side.getBoundingClientRect();
    const box = details.getBoundingClientRect();
    if (box.top < panel.top) side.scrollTop -= panel.top - box.top + 4;
    else if (box.bottom > panel.bottom) side.scrollTop += Math.min(box.bottom - panel.bottom + 4, box.top - panel.top - 4);
    details.classList.remove("cc-ex-flash");
    void details.offsetWidth; // restart the animation
    details.classList.add("cc-ex-flash");
  }

  // ---- layout
  root.append(
    toolbar,
    restoreSlot,
    banner,
    noticeSlot,
    h("div", {class: "cc-ex-main"}, mapWrap, side),
    h("div", {class: "cc-ex-lower"}, radiusBox, filterBox, opsBox)
  );

  // ---- gaps: build-time polygons, recomputed per township (debounced, one township per task) after edits
  // a township has one gap feature per settlement class of its villages; a recomputed township replaces all of them
  const gapOverride: Record<Tier, Map<string, Feature<Area | null>[]>> = {county: new Map(), township: new Map(), community: new Map(), meal: new Map()};
  const gapDirty: Record<Tier, Set<string>> = {county: new Set(), township: new Set(), community: new Set(), meal: new Set()};
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let gapGeneration = 0;
  const gapStatus = h("div", {class: "cc-ex-gapstatus", id: "cc-ex-gapstatus"});
  const gapFeatures = (): FeatureCollection => ({
    type: "FeatureCollection",
    features: [
      ...(gaps[gapTier]?.features ?? []).filter((f) => !gapOverride[gapTier].has(f.properties.township_code)),
      ...[...gapOverride[gapTier].values()].flat()
    ].filter((f) => f.geometry !== null) as Feature[]
  });
  const showGapStatus = () => {
    const dirty = gapDirty[gapTier].size;
    const redone = gapOverride[gapTier].size;
    gapStatus.dataset.state = dirty ? "pending" : redone ? "recomputed" : "build";
    // for tests and the curious: the tier shown and each recomputed township's gap area (km²)
    gapStatus.dataset.tier = gapTier;
    // (the gap of the township's own class; data-recomputed-classes has every class's)
    const gapKm2 = (f: Feature<Area | null> | undefined) => (f?.properties as {gap_km2?: number} | null)?.gap_km2 ?? null;
    gapStatus.dataset.recomputed = JSON.stringify(Object.fromEntries([...gapOverride[gapTier]].map(([code, fs]) => [code, gapKm2(fs.find((f) => (f.properties as {own_class?: boolean}).own_class) ?? fs[0])])));
    gapStatus.dataset.recomputedClasses = JSON.stringify(Object.fromEntries([...gapOverride[gapTier]].map(([code, fs]) => [code, Object.fromEntries(fs.map((f) => [(f.properties as {settlement: string}).settlement, gapKm2(f)]))])));
    gapStatus.textContent = dirty
      ? `盲区重算中：还有 ${dirty} 个乡镇…`
      : redone
        ? `盲区已按当前方案重算（${redone} 个乡镇），其余为构建时结果`
        : "盲区为构建时结果（原始数据）";
    gapStatus.title = "盲区与覆盖统计同一口径：设施对每个村/社区按该村/社区自身城乡类别的半径计算。乡镇内有几类村/社区，就按每一类的半径各画一层盲区（可能重叠）。";
  };
  function markGaps(tier: Tier | "all", townships: Iterable<string> | "all"): void {
    const tiers = tier === "all" ? TIERS : [tier];
    for (const t of tiers) for (const code of townships === "all" ? townshipByCode.keys() : townships) gapDirty[t].add(code);
    scheduleGaps();
  }
  function scheduleGaps(): void {
    clearTimeout(gapTimer);
    showGapStatus();
    if (!visible.has("gaps") || !gapDirty[gapTier].size) return;
    const generation = ++gapGeneration;
    gapTimer = setTimeout(function step() {
      if (generation !== gapGeneration) return;
      const dirty = gapDirty[gapTier];
      // the selected county's townships first
      const next = [...dirty].sort((a, b) => Number(townshipByCode.get(b)?.county_code === scope) - Number(townshipByCode.get(a)?.county_code === scope))[0];
      if (next === undefined) return;
      dirty.delete(next);
      const b = tBoundary.get(next);
      if (b) {
        const fc = {type: "FeatureCollection" as const, features: [{...b, properties: {township_code: next}}]};
        const vs = region.villages.filter((v) => v.township_code === next);
        const gs = gapPolygons(fc, region.townships, vs, session.engine.facilities(), session.engine.radii(), gapTier, {statuses: session.statuses, tolerance: 0.001}).features;
        gapOverride[gapTier].set(next, gs as Feature<Area | null>[]);
      }
      map.setData({gaps: gapFeatures()});
      showGapStatus();
      if (dirty.size) gapTimer = setTimeout(step, 0);
    }, 350);
  }
  function affectedTownships(f: Facility, also?: [number, number]): string[] {
    const r = Math.max(...SETTLEMENTS.map((s) => session.engine.radii()[f.type][s]));
    const dLat = r / 111_000;
    const pts: [number, number][] = [[f.lng, f.lat], ...(also ? [also] : [])];
    return [...tBBox].filter(([, b]) => pts.some(([lng, lat]) => {
      const dLng = dLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
      return lng + dLng >= b[0] && lng - dLng <= b[2] && lat + dLat >= b[1] && lat - dLat <= b[3];
    })).map(([code]) => code);
  }

  // ---- rendering
  function renderMapData(): void {
    const full = view.coverage;
    const counts = TIERS.map((t) => full.tiers[t].count);
    let maxW = 1;
    for (const v of region.villages) maxW = Math.max(maxW, v[measure]);
    const tCovered = new Map<string, [number, number]>();
    region.villages.forEach((v, i) => {
      const covered = counts.some((c) => c[i] > 0);
      const p = villageFeatures[i].properties;
      p.weight = v[measure];
      p.heat = v[measure] / maxW;
      p.covered = covered ? 1 : 0;
      const acc = tCovered.get(v.township_code) ?? [0, 0];
      acc[0] += covered ? v[measure] : 0;
      acc[1] += v[measure];
      tCovered.set(v.township_code, acc);
    });
    for (const f of townshipFeatures) {
      const acc = tCovered.get(f.properties.code);
      f.properties.share = acc && acc[1] > 0 ? acc[0] / acc[1] : null;
    }
    const radii = session.engine.radii();
    const shown = session.engine.facilities().filter((f) => shownTypes.has(f.type) && shownStatuses.has(f.status));
    facilityFC = {
      type: "FeatureCollection",
      features: shown.map((f) => ({
        type: "Feature",
        geometry: {type: "Point", coordinates: [f.lng, f.lat]},
        properties: {id: f.id, name: f.name, icon: iconName(f.type, f.status), tier: f.tier}
      }))
    };
    const circles = shown
      .filter((f) => session.statuses.includes(f.status))
      .map((f) => {
        const r = radii[f.type];
        const key = `${f.id}|${f.lng}|${f.lat}|${f.type}|${settlementOf(f)}|${r.urban}|${r.rural}|${r.pastoral}`;
        let c = circleCache.get(key);
        if (!c) circleCache.set(key, (c = servingRings(f, reach, radii, settlementOf(f))));
        return c;
      })
      .flat();
    map.setData({
      villages: {type: "FeatureCollection", features: villageFeatures},
      townships: {type: "FeatureCollection", features: townshipFeatures},
      facilities: facilityFC,
      circles: {type: "FeatureCollection", features: circles},
      gaps: gapFeatures()
    });
  }

  function renderLayers(): void {
    layerPanel.replaceChildren();
    const sections = new Map(
      legendSections(visible, {
        types: FACILITY_TYPES.filter((t) => shownTypes.has(t)),
        statuses: STATUSES.filter((s) => shownStatuses.has(s)),
        gapTier,
        measureLabel: MEASURE_LABEL[measure],
        outlineLabels: outlineLabels(boundaryStatus)
      }).map((s) => [s.group, s])
    );
    // top layer first, as the legend lists them
    for (const g of [...LAYER_GROUPS].reverse()) {
      const box = h("input", {type: "checkbox", id: `cc-ex-layer-${g.id}`, "data-layer": g.id});
      box.checked = visible.has(g.id);
      box.addEventListener("change", () => {
        if (box.checked) visible.add(g.id);
        else visible.delete(g.id);
        map.setVisible(visible);
        renderLayers();
        renderNotice();
        if (g.id === "gaps") scheduleGaps();
      });
      const row = h("div", {class: "cc-ex-layer"}, h("label", {}, box, ` ${g.label}`));
      if (g.id === "gaps") {
        const tierSelect = h("select", {id: "cc-ex-gap-tier", "aria-label": "盲区所按层级"}, ...TIERS.map((t) => h("option", {value: t, text: TIER_LABEL[t]})));
        tierSelect.value = gapTier;
        tierSelect.addEventListener("change", () => {
          gapTier = tierSelect.value as Tier;
          map.setData({gaps: gapFeatures()});
          renderLayers();
          scheduleGaps();
        });
        row.append(h("div", {class: "cc-ex-sub"}, h("label", {}, "按 ", tierSelect, " 设施计算")));
        if (visible.has("gaps")) row.append(gapStatus);
      }
      const section = sections.get(g.id);
      if (section) row.append(LegendList(section));
      layerPanel.append(row);
    }
    root.dataset.visibleLayers = [...visible].sort().join(",");
    viewChanged();
  }

  /** Tell the page the view (county, measure, layers, selection) when it has changed, e.g. for the address. */
  let lastView = "";
  function viewChanged(): void {
    if (!options.onViewChange) return;
    const state: ExplorerUrlState = {
      county: scope ?? "*",
      // on a province, the all-counties view names its bundle by its first county
      ...(scope === null && others.length ? {bundle: region.counties[0]?.code} : {}),
      measure,
      layers: groupIds.filter((g) => visible.has(g)),
      ...(selected ? {select: {kind: selected.kind, id: selected.id}} : {})
    };
    const text = JSON.stringify(state);
    if (text === lastView) return;
    lastView = text;
    options.onViewChange(state);
  }

  // One visible line naming what is modelled in the layers shown; the full field list (ModelledNotice) unfolds.
  function renderNotice(): void {
    const files = [...new Set([...visible].flatMap((g) => FILE_OF_GROUP[g]))];
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

  const unitName = () => (scope === null ? region.meta.name : (countyByCode.get(scope)?.name ?? scope));

  function renderKpi(): void {
    const c = view.count;
    const base = baselineView().count;
    const delta = c.covered - base.covered;
    kpi.dataset.county = scope ?? "*";
    kpi.dataset.measure = measure;
    kpi.dataset.covered = String(c.covered);
    kpi.dataset.total = String(c.total);
    kpi.dataset.uncovered = String(c.uncovered);
    kpi.dataset.ops = String(session.ops.length);
    kpi.dataset.delta = String(delta);
    kpi.dataset.canUndo = String(session.canUndo);
    undoButton.disabled = !session.canUndo;
    redoButton.disabled = !session.canRedo;
    const deltaText = delta === 0 ? "与原始数据相同" : `较原始数据 ${delta > 0 ? "+" : ""}${formatInt(delta)} 人（任一层级）`;
    kpi.replaceChildren(
      h("h2", {}, `${unitName()} · ${MEASURE_LABEL[measure]}`),
      h(
        "div",
        {class: "cc-ex-kpi-grid"},
        h("div", {class: "cc-ex-big"}, h("span", {class: "cc-ex-big-label"}, "服务圈覆盖"), h("span", {class: "cc-ex-big-value", id: "cc-ex-covered"}, `${formatInt(c.covered)} 人`), h("span", {class: "cc-ex-big-sub"}, `${c.share === null ? "—" : formatPercent(c.share)} · ${deltaText}`)),
        h("div", {class: "cc-ex-big"}, h("span", {class: "cc-ex-big-label"}, "未覆盖"), h("span", {class: "cc-ex-big-value cc-ex-red", id: "cc-ex-uncovered"}, `${formatInt(c.uncovered)} 人`), h("span", {class: "cc-ex-big-sub"}, `共 ${formatInt(c.total)} 人`))
      ),
      h("p", {class: "cc-ex-answer", id: "cc-ex-answer", "data-delta": answer ? String(answer.delta) : "", "data-zero": answer?.zeroReason ? "1" : "0"}, answer ? answer.text : session.ops.length ? "" : "在地图上新增、拖动或删除设施、修改半径或容量，这里显示每次修改的变化。"),
      h(
        "table",
        {class: "cc-ex-tiers"},
        h("caption", {class: "cc-ex-sr"}, "各层级服务圈覆盖"),
        ...TIERS.map((t) => {
          const share = c.total ? c.byTier[t] / c.total : 0;
          const bar = h("span", {class: "cc-ex-bar"}, h("span", {class: `cc-ex-bar-fill cc-ex-tier-${t}`, style: `width:${(share * 100).toFixed(1)}%`}));
          // the tier's own change since the data: what the siting page calls 新增覆盖 for a plan of this tier
          const d = c.byTier[t] - base.byTier[t];
          return h(
            "tr",
            {"data-tier": t, "data-covered": c.byTier[t], "data-delta": d},
            h("th", {scope: "row"}, TIER_LABEL[t]),
            h("td", {}, bar),
            h("td", {class: "cc-ex-num"}, formatPercent(share)),
            h("td", {class: "cc-ex-num"}, `${formatInt(c.byTier[t])} 人`),
            h("td", {class: "cc-ex-num cc-ex-tier-delta", title: "较原始数据"}, d === 0 ? "" : `${d > 0 ? "+" : ""}${formatInt(d)}`)
          );
        })
      )
    );
  }

  /**
   * The whole-region view: the counties lie far apart, so the map there is an overview; this list compares them
   * (covered share of the measure shown, county-level lights) and opens one.
   */
  function renderCounties(): void {
    countyList.hidden = scope !== null;
    if (scope !== null) return void countyList.replaceChildren();
    const rows = region.counties.map((c) => {
      const count = countCovered(region.villages, countyVillageIdx.get(c.code) ?? [], view.coverage, measure);
      // the county's own targets, as the overview tallies them (reference standards apart)
      const own = view.statuses.filter((s) => s.scope === "county" && s.code === c.code && s.role !== "reference");
      const open = h("button", {type: "button", "data-county": c.code, text: "查看"});
      open.addEventListener("click", () => setScope(c.code));
      const lightsCell = h("td", {class: "cc-ex-num"});
      for (const l of ["green", "amber", "red", "grey"] as Light[]) {
        const n = own.filter((s) => s.status === l).length;
        if (n) lightsCell.append(h("span", {class: "cc-ex-county-light", title: `县级目标${LIGHT_LABEL[l]} ${n} 项`}, LightDot(l), String(n)));
      }
      return h(
        "tr",
        {"data-county": c.code},
        h("th", {scope: "row"}, c.name),
        h("td", {class: "cc-ex-num"}, count.share === null ? "—" : formatPercent(count.share)),
        h("td", {class: "cc-ex-num"}, `${formatInt(count.uncovered)} 人`),
        lightsCell,
        h("td", {}, open)
      );
    });
    countyList.replaceChildren(
      h("h3", {}, "各县区"),
      h("p", {class: "cc-ex-hint"}, "各县区相距较远，全部地区视图只作总体比较；选择一个县区查看乡镇、村/社区和设施，并在地图上修改。"),
      h(
        "table",
        {class: "cc-ex-county-table"},
        h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "县区"), h("th", {scope: "col", class: "cc-ex-num"}, "覆盖率"), h("th", {scope: "col", class: "cc-ex-num"}, "未覆盖"), h("th", {scope: "col", class: "cc-ex-num"}, "县级亮灯"), h("td", {}))),
        h("tbody", {}, ...rows)
      )
    );
  }

  function renderLights(): void {
    const base = new Map(baselineView().statuses.map((s) => [`${s.target_id}|${s.code}`, s.status]));
    const countyStatuses = view.statuses.filter((s) => s.scope === "county");
    const countyOwn = countyStatuses.filter((s) => s.role !== "reference");
    const countyRefs = countyStatuses.length - countyOwn.length;
    const townshipStatuses = view.statuses.filter((s) => s.scope === "township");
    // "达标 11 · 接近 0 · 未达标 2", each part carrying its count
    const tally = (list: TargetStatus[], scopeName: "county" | "township") =>
      h(
        "span",
        {class: "cc-tally", "data-scope": scopeName},
        ...(["green", "amber", "red", "grey"] as Light[]).filter((l) => l !== "grey" || list.some((s) => s.status === "grey")).map((l) => {
          const n = list.filter((s) => s.status === l).length;
          return h("span", {class: "cc-tally-part", "data-light": l, "data-count": n}, LightDot(l), `${LIGHT_LABEL[l]} ${n}`);
        })
      );
    const row = (s: JudgedTarget) => {
      const was = base.get(`${s.target_id}|${s.code}`);
      const changed = was && was !== s.status;
      const li = h(
        "li",
        {"data-target": s.target_id, "data-code": s.code, "data-light": s.status, title: `目标：${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}，${formatDate(s.deadline)}前\n来源：${s.source}\n判定：${s.reason}`},
        LightDot(s.status),
        h("span", {class: "cc-ex-light-label"}, `${scope === null || s.scope === "township" ? `${s.name} · ` : ""}${s.role === "reference" ? "［参考标准］" : ""}${s.label}（${s.deadline.slice(0, 4)}年）`),
        h("span", {class: "cc-ex-num"}, `${s.status === "grey" ? NO_DATA : formatValue(s.value, s.unit)} / ${comparatorText(s.comparator)}${formatValue(s.threshold, s.unit)}`),
        changed ? h("span", {class: "cc-ex-changed", text: `原为${LIGHT_LABEL[was]}`}) : null
      );
      return li;
    };
    const order: Record<Light, number> = {red: 0, amber: 1, green: 2, grey: 3};
    // own targets first, then reference standards; red first within each
    const sorted = (l: JudgedTarget[]) => [...l].sort((a, b) => Number(a.role === "reference") - Number(b.role === "reference") || order[a.status] - order[b.status]);
    // county-level targets are tallied as the overview and the reports tally them; township-level ones apart
    const parts: (Node | null)[] = [
      !view.statuses.length ? null : h(
        "p",
        {class: "cc-ex-tally-line"},
        h("span", {class: "cc-ex-tally-scope"}, "县级："),
        tally(countyOwn, "county"),
        countyRefs ? h("span", {class: "cc-ex-tally-reference"}, `；参考标准另计 ${countyRefs} 项`) : null,
        townshipStatuses.length ? h("span", {class: "cc-ex-tally-township"}, `；乡镇级 ${townshipStatuses.length} 项`) : null
      ),
      h("p", {class: "cc-ex-hint"}, `数据日期 ${formatDate(date)}：期限已过的目标按期限当日的设施判定（修改不改变过去），未到期的按修改后的现值加计划建成的设施判定；覆盖率目标按60岁以上老人计。`),
      countyStatuses.length ? h("ul", {class: "cc-ex-lightlist"}, ...sorted(countyStatuses).map(row)) : null,
      townshipStatuses.length
        ? h("details", {}, h("summary", {}, `乡镇级目标 ${townshipStatuses.length} 项：`, tally(townshipStatuses, "township")), h("ul", {class: "cc-ex-lightlist"}, ...sorted(townshipStatuses).map(row)))
        : null,
      !view.statuses.length ? h("p", {class: "cc-ex-hint"}, "该范围没有设定目标。") : null
    ];
    lights.replaceChildren(h("h3", {}, "目标亮灯"), ...parts.filter((x): x is Node => x !== null));
  }

  function dl(rows: [string, string][]): HTMLDListElement {
    return h("dl", {class: "cc-ex-dl"}, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  }

  function renderDetails(): void {
    map.select(selected?.kind === "facility" ? selected.id : null);
    viewChanged();
    details.replaceChildren(h("h3", {}, "详情"));
    if (!selected) {
      details.append(h("p", {class: "cc-ex-hint"}, "点击地图上的设施、村/社区或乡镇查看详情。拖动设施可移动它；选择类型后点击“在地图上点击添加”可新增设施。"));
      return;
    }
    if (selected.kind === "facility") {
      const f = session.facility(selected.id);
      if (!f) {
        details.append(h("p", {class: "cc-ex-hint"}, "该设施已删除。"));
        return;
      }
      const t = townshipByCode.get(f.township_code);
      details.dataset.kind = "facility";
      details.dataset.id = f.id;
      const lng = h("input", {type: "number", step: 0.0001, id: "cc-ex-move-lng", value: f.lng.toFixed(5), size: 9});
      const lat = h("input", {type: "number", step: 0.0001, id: "cc-ex-move-lat", value: f.lat.toFixed(5), size: 8});
      const move = h("button", {type: "button", id: "cc-ex-move", text: "移动到此坐标"});
      move.addEventListener("click", () => {
        const x = Number(lng.value), y = Number(lat.value);
        if (Number.isFinite(x) && Number.isFinite(y)) edit(moveOp(f.id, x, y), f.id);
      });
      const remove = h("button", {type: "button", id: "cc-ex-remove", class: "cc-ex-danger", text: "删除此设施"});
      remove.addEventListener("click", () => edit({op: "remove", id: f.id}, null));
      details.append(
        h("p", {class: "cc-ex-name", id: "cc-ex-detail-name"}, f.name),
        dl([
          ["类型", `${TYPE_LABEL[f.type]}（${TIER_LABEL[f.tier]}）`],
          ["状态", STATUS_LABEL[f.status] + (session.statuses.includes(f.status) ? "" : "（不计入覆盖）")],
          ["所在乡镇", t ? `${t.name}（${SETTLEMENT_LABEL[t.settlement]}）` : "—"],
          ["服务半径（按村/社区类别）", radiusText(f)],
          ["床位 / 护理型", `${formatFigure(f.beds, has("facilities", "beds"))} / ${formatFigure(f.nursing_beds, has("facilities", "nursing_beds"))}`],
          ["助餐座位", formatFigure(f.meal_seats, has("facilities", "meal_seats"))],
          ["运营方式", OPERATOR_LABEL[f.operator] ?? f.operator],
          ["编号", f.id],
          ["来源", f.id.startsWith("WI-") ? "方案新增" : f.modelled.length ? "数据（位置等为模拟值）" : "数据"]
        ]),
        h("div", {class: "cc-ex-actions"}, h("label", {}, "经度 ", lng), h("label", {}, "纬度 ", lat), move, remove),
        capacityForm(f)
      );
    } else if (selected.kind === "village") {
      const i = villageIndex.get(selected.id);
      if (i === undefined) return;
      const v = region.villages[i];
      const cov = view.coverage;
      details.dataset.kind = "village";
      details.dataset.id = v.code;
      const here = h("button", {type: "button", id: "cc-ex-add-here", text: `在此新增${TYPE_LABEL[addType]}`});
      here.addEventListener("click", () => addAt([v.lng, v.lat]));
      details.append(
        h("p", {class: "cc-ex-name"}, v.name),
        dl([
          ["类别", `${v.kind === "community" ? "社区" : "村"} · ${SETTLEMENT_LABEL[v.settlement]}`],
          ["所在乡镇", townshipByCode.get(v.township_code)?.name ?? "—"],
          ["半径口径", `按本${v.kind === "community" ? "社区" : "村"}的城乡类别（${SETTLEMENT_LABEL[v.settlement]}）`],
          ["60 / 65 / 80岁以上", `${formatInt(v.pop60)} / ${formatFigure(v.pop65, has("villages", "pop65"))} / ${formatFigure(v.pop80, has("villages", "pop80"))} 人`],
          ["失能半失能", has("villages", "disabled") ? `${formatInt(v.disabled)} 人` : NOT_PROVIDED],
          ...TIERS.map((t): [string, string] => [
            `${TIER_LABEL[t]}设施`,
            cov.tiers[t].count[i] > 0 ? `覆盖（${cov.tiers[t].count[i]} 处），最近 ${formatDistance(cov.tiers[t].nearestDist[i])}` : `未覆盖，最近 ${formatDistance(cov.tiers[t].nearestDist[i])}`
          ])
        ]),
        h("div", {class: "cc-ex-actions"}, here)
      );
    } else {
      const row = view.metrics.townships.find((t) => t.code === selected!.id) ?? session.view(null, measure).metrics.townships.find((t) => t.code === selected!.id);
      const t = townshipByCode.get(selected.id);
      if (!row || !t) return;
      details.dataset.kind = "township";
      details.dataset.id = t.code;
      details.append(
        h("p", {class: "cc-ex-name"}, t.name),
        dl([
          ["城乡类别", SETTLEMENT_LABEL[t.settlement]],
          ["面积", `${formatInt(t.area_km2)} km²`],
          ["60岁以上老人", `${formatInt(row.pop60)} 人`],
          ["服务圈覆盖", `${formatPercent(row.covered_any_share ?? NaN)}（未覆盖 ${formatInt(row.uncovered)} 人）`],
          ...TIERS.map((tier): [string, string] => [`${TIER_LABEL[tier]}覆盖`, formatPercent(row.covered_share[tier] ?? NaN)]),
          ["设施数", `${formatInt(row.facilities)} 个`],
          ["床位", row.beds === null ? NOT_PROVIDED : `${formatInt(row.beds)} 张`]
        ])
      );
    }
  }

  function renderRadii(): void {
    const radii = session.engine.radii();
    const table = h(
      "table",
      {class: "cc-ex-radii"},
      h("caption", {}, "服务半径（米）：每类设施按所服务村/社区的城乡类别设定"),
      h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "设施类型"), ...SETTLEMENTS.map((s) => h("th", {scope: "col"}, SETTLEMENT_LABEL[s])))),
      h(
        "tbody",
        {},
        ...FACILITY_TYPES.map((type) =>
          h(
            "tr",
            {},
            h("th", {scope: "row", title: TYPE_LABEL[type]}, TYPE_LABEL[type]),
            ...SETTLEMENTS.map((s) => {
              const input = h("input", {type: "number", min: 50, max: 500000, step: 50, value: radii[type][s], "aria-label": `${TYPE_LABEL[type]} · ${SETTLEMENT_LABEL[s]} 半径（米）`, "data-type": type, "data-settlement": s});
              const d = defaults[type]?.[s];
              input.title = `数据设定 ${formatInt(region.config.radii[type][s])} 米；默认 ${d ? `${formatInt(d.metres)} 米，依据：${d.source}` : "—"}`;
              if (radii[type][s] !== region.config.radii[type][s]) input.classList.add("cc-ex-changed-input");
              input.addEventListener("change", () => {
                const m = Number(input.value);
                if (!Number.isFinite(m) || m <= 0 || m > 500000) {
                  input.value = String(session.engine.radii()[type][s]);
                  return;
                }
                edit({op: "radius", type, settlement: s, metres: m}, selected?.kind === "facility" ? selected.id : null);
              });
              return h("td", {}, input);
            })
          )
        )
      )
    );
    radiusBox.replaceChildren(h("h3", {}, "服务半径"), table, h("p", {class: "cc-ex-hint"}, "悬停输入框可见默认值及其依据（城镇步行圈依据 GB 50180-2018，农村、牧区为规划假设）。修改后立即重算，并记入方案。"));
  }

  function renderFilters(): void {
    const group = <T extends string>(legend: string, name: string, values: readonly T[], labels: Record<T, string>, on: Set<T>, changed: () => void) =>
      h(
        "fieldset",
        {class: "cc-ex-fieldset"},
        h("legend", {}, legend),
        ...values.map((v) => {
          const box = h("input", {type: "checkbox", name, value: v});
          box.checked = on.has(v);
          box.addEventListener("change", () => {
            if (box.checked) on.add(v);
            else on.delete(v);
            changed();
          });
          return h("label", {class: "cc-ex-check"}, box, ` ${labels[v]}`);
        })
      );
    const counted = new Set(session.statuses);
    filterBox.replaceChildren(
      h("h3", {}, "筛选"),
      group("地图显示的设施类型", "cc-ex-type", FACILITY_TYPES, TYPE_LABEL, shownTypes, () => (renderMapData(), renderLayers())),
      group("地图显示的设施状态", "cc-ex-status", STATUSES, STATUS_LABEL, shownStatuses, () => (renderMapData(), renderLayers())),
      h("p", {class: "cc-ex-hint"}, "以上筛选只影响地图显示，不影响覆盖计算。"),
      group("计入覆盖计算的设施状态", "cc-ex-counted", STATUSES, STATUS_LABEL, counted, () => {
        try {
          session.reset(session.ops, STATUSES.filter((s) => counted.has(s)));
        } catch (e) {
          showError(scenarioErrorZh((e as Error).message));
        }
        original.reset([], session.statuses);
        baseline.clear();
        markGaps("all", "all");
        update();
      }),
      h("p", {class: "cc-ex-hint"}, `默认为${serving.map((s) => STATUS_LABEL[s]).join("、")}；勾选在建、规划可看远期情景（此项不记入方案，原始数据基线随之改变）。`)
    );
  }

  /** Inputs for a facility's beds, nursing beds, meal seats, floor area and social workers; saving records a capacity op. */
  function capacityForm(f: Facility): HTMLElement {
    const label: Record<(typeof CAPACITY_FIELDS)[number], string> = {beds: "床位", nursing_beds: "护理型床位", meal_seats: "助餐座位", area_m2: "建筑面积 m²", social_workers: "社工（人）"};
    const inputs = CAPACITY_FIELDS.map((k) => {
      const input = h("input", {type: "number", min: 0, step: 1, id: `cc-ex-cap-${k}`, "data-field": k, value: String(f[k] ?? 0), size: 6});
      return [k, input] as const;
    });
    const save = h("button", {type: "button", id: "cc-ex-cap-save", text: "保存容量"});
    const note = h("p", {class: "cc-ex-hint", id: "cc-ex-cap-note"});
    save.addEventListener("click", () => {
      const fields: CapacityFields = {};
      for (const [k, input] of inputs) {
        const n = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(n) || n < 0) {
          note.textContent = `${label[k]}“${input.value}”无效：应为不小于 0 的数字。`;
          return;
        }
        if (Math.round(n) !== f[k]) fields[k] = Math.round(n);
      }
      const beds = fields.beds ?? f.beds, nursing = fields.nursing_beds ?? f.nursing_beds;
      if (nursing > beds) {
        note.textContent = `护理型床位（${nursing}）不能多于床位（${beds}）。`;
        return;
      }
      if (Object.keys(fields).length === 0) {
        note.textContent = "容量未改变。";
        return;
      }
      edit({op: "capacity", id: f.id, fields}, f.id);
    });
    const isNew = f.id.startsWith("WI-");
    note.textContent = isNew ? `新增设施的默认容量：${capDefaults[f.type].source}` : "修改容量只影响床位、护理型床位占比、助餐座位、面积和社工等指标，不改变服务圈。";
    return h(
      "fieldset",
      {class: "cc-ex-capacity"},
      h("legend", {}, "容量（模拟）"),
      ...inputs.map(([k, input]) => h("label", {}, `${label[k]} `, input)),
      save,
      note
    );
  }

  function renderOps(): void {
    const last = timings.at(-1);
    const opText = (op: ScenarioOp): string => {
      switch (op.op) {
        case "add":
          return `新增 ${TYPE_LABEL[op.facility.type]}「${op.facility.name}」`;
        case "move":
          return `移动「${session.facility(op.id)?.name ?? op.id}」${op.place ? `至${townshipByCode.get(op.place.township_code)?.name ?? op.place.township_code}` : ""}`;
        case "remove":
          return `删除「${region.facilities.find((f) => f.id === op.id)?.name ?? op.id}」`;
        case "radius":
          return `${TYPE_LABEL[op.type]} · ${SETTLEMENT_LABEL[op.settlement]} 半径改为 ${formatInt(op.metres)} 米`;
        case "capacity":
          return `「${session.facility(op.id)?.name ?? op.id}」容量改为 ${capacityText(op.fields)}`;
      }
    };
    opsBox.dataset.ops = String(session.ops.length);
    scheduleSave();
    opsBox.replaceChildren(
      h("h3", {}, `当前方案（${session.ops.length} 步）`),
      session.ops.length ? h("ol", {class: "cc-ex-oplist"}, ...session.ops.map((op) => h("li", {}, opText(op)))) : h("p", {class: "cc-ex-hint"}, "尚无修改：地图与指标为原始数据。"),
      h("p", {class: "cc-ex-hint", id: "cc-ex-timing"}, last === undefined ? "每次修改后在浏览器中用构建时相同的覆盖引擎、指标和目标规则重算。" : `最近一次重算（引擎 + 指标 + 亮灯）用时 ${last.toFixed(1)} 毫秒。`)
    );
  }

  function showError(text: string): void {
    banner.replaceChildren(h("div", {class: "cc-ex-error", role: "alert", id: "cc-ex-error"}, text));
  }

  // ---- update cycle
  function update(): void {
    view = session.view(scope, measure);
    renderMapData();
    renderKpi();
    renderCounties();
    renderLights();
    renderDetails();
    renderOps();
    renderRadii();
  }

  /** Apply one edit, time the recompute, record it, redraw. `select` = facility id to select afterwards. */
  function edit(op: ScenarioOp, select: string | null): void {
    const before = op.op === "move" || op.op === "remove" ? session.facility(op.id) : undefined;
    const countBefore = view.count;
    const t0 = performance.now();
    try {
      session.apply(op);
      view = session.view(scope, measure);
    } catch (e) {
      showError(scenarioErrorZh(`方案第 1 步（${op.op}）无法执行：${(e as Error).message}`).replace(/^方案第 1 步（\w+）/, "此修改"));
      return;
    }
    const ms = performance.now() - t0;
    timings.push(ms);
    const placed = op.op === "add" ? session.facility(op.facility.id) : op.op === "move" ? session.facility(op.id) : undefined;
    const reached = placed ? Object.values(reach.reach(placed, session.engine.radii())).reduce((a, n) => a + (n ?? 0), 0) : null;
    answer = editAnswer(op, countBefore, view.count, {reached, counted: placed ? session.statuses.includes(placed.status) : true});
    kpi.dataset.updateMs = ms.toFixed(3);
    banner.replaceChildren();
    if (op.op === "radius") markGaps(TIER_OF[op.type], "all");
    else if (op.op === "add") markGaps(op.facility.tier, affectedTownships(op.facility));
    else if (before) markGaps(before.tier, affectedTownships(before, op.op === "move" ? [op.lng, op.lat] : undefined));
    selected = select ? {kind: "facility", id: select} : op.op === "remove" ? null : selected;
    renderMapData();
    renderKpi();
    renderCounties();
    renderLights();
    renderDetails();
    if (select && (op.op === "add" || op.op === "move")) revealDetails();
    renderOps();
    if (op.op === "radius") renderRadii();
  }

  function townshipAt(lng: number, lat: number): Township | undefined {
    for (const [code, b] of tBBox) {
      if (lng < b[0] || lng > b[2] || lat < b[1] || lat > b[3]) continue;
      const f = tBoundary.get(code);
      if (f && turf.booleanPointInPolygon([lng, lat], f as Feature<Area>)) return townshipByCode.get(code);
    }
    // outside every township polygon: the township of the nearest village
    let best: Village | undefined;
    let bestD = Infinity;
    for (const v of region.villages) {
      const d = (v.lng - lng) ** 2 + (v.lat - lat) ** 2;
      if (d < bestD) [bestD, best] = [d, v];
    }
    return best ? townshipByCode.get(best.township_code) : undefined;
  }

  /** A move to (lng, lat), carrying the township there when it differs from the facility's own. */
  function moveOp(id: string, lng: number, lat: number): ScenarioOp {
    const t = townshipAt(lng, lat);
    const f = session.facility(id);
    return t && f && t.code !== f.township_code ? {op: "move", id, lng, lat, place: {county_code: t.county_code, township_code: t.code}} : {op: "move", id, lng, lat};
  }

  function addAt([lng, lat]: [number, number]): void {
    const t = townshipAt(lng, lat);
    const id = newFacilityId((x) => session.has(x));
    const name = nameInput.value.trim() || `新增${TYPE_LABEL[addType]} ${id.slice(3)}`;
    const facility: Facility = {
      id, name, type: addType, tier: TIER_OF[addType], status: "operating",
      county_code: t?.county_code ?? "", township_code: t?.code ?? "",
      lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6,
      ...capDefaults[addType].capacity, operator: "unknown", modelled: []
    };
    nameInput.value = "";
    edit({op: "add", facility}, id);
    root.dataset.lastAdd = JSON.stringify({id, lng: facility.lng, lat: facility.lat, type: addType});
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
    try {
      session.replace(s.ops);
      answer = null;
    } catch (e) {
      showError(scenarioErrorZh((e as Error).message));
      return false;
    }
    selected = null;
    // show the county the scenario is about (the one its facility ops touch most), fitted
    const county = follow ? scenarioCounty(s.ops, region.facilities) : null;
    const moved = county !== null && countyByCode.has(county) && county !== scope;
    if (moved) {
      scope = county;
      countySelect.value = county;
      userMoved = false;
      fit();
    }
    markGaps("all", "all");
    update();
    banner.replaceChildren(
      h("div", {class: "cc-ex-ok", id: "cc-ex-imported"}, done ?? `已应用${source}「${s.name}」（${s.ops.length} 步操作）${moved ? `，已切换到方案所在的${unitName()}` : ""}。`)
    );
    return true;
  }

  // ---- controls
  // fit the unit, leaving room for the layer panel over the map's left side
  const fit = () => {
    const wide = map.clientWidth > 640 && overlay.open;
    // the whole region: room for the county names drawn above each county
    const more = scope === null ? 40 : 0;
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
  function setScope(code: string | null): void {
    scope = code;
    countySelect.value = code ?? "*";
    fit();
    update();
    scheduleGaps();
  }
  countySelect.addEventListener("change", () => {
    const code = countySelect.value;
    if (code !== "*" && !loaded.has(code) && options.openCounty) {
      countySelect.value = scope ?? "*";
      options.openCounty(code);
      return;
    }
    setScope(code === "*" ? null : code);
  });
  measureSelect.addEventListener("change", () => {
    measure = measureSelect.value as Measure;
    update();
    renderLayers();
  });
  typeSelect.addEventListener("change", () => {
    addType = typeSelect.value as FacilityType;
    if (selected?.kind === "village") renderDetails();
  });
  addButton.addEventListener("click", () => setAddMode(!addMode));
  /** Undo or redo one step: the session re-applies the recorded ops; every gap is recomputed. */
  function step(back: boolean): void {
    if (!(back ? session.undo() : session.redo())) return;
    answer = null;
    selected = selected && selected.kind === "facility" && !session.has(selected.id) ? null : selected;
    markGaps("all", "all");
    update();
    renderRadii();
  }
  undoButton.addEventListener("click", () => step(true));
  redoButton.addEventListener("click", () => step(false));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && addMode) setAddMode(false);
    const target = e.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return; // typing keeps the browser's own undo
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
      const a = h("a", {href: m.getCanvas().toDataURL("image/png"), download: `carecircle-地图-${unitName()}-${stamp()}.png`});
      document.body.append(a);
      a.click();
      a.remove();
    });
    m.triggerRepaint();
  });
  exportButton.addEventListener("click", () => {
    const s: Scenario = {...emptyScenario(region.meta.id, `覆盖分析方案（${unitName()}）`), ops: session.ops};
    download(JSON.stringify(s, null, 2), `carecircle-方案-${new Date().toISOString().slice(0, 10)}.json`, "application/json");
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
    session.reset(session.ops, serving);
    session.replace([]); // undoable
    answer = null;
    original.reset([], serving);
    for (const t of TIERS) (gapOverride[t].clear(), gapDirty[t].clear());
    baseline.clear();
    selected = null;
    banner.replaceChildren();
    // the work kept for the next visit goes too (undo brings the ops back, and saves them again)
    closeOffer();
    forgetSaved();
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
    banner.replaceChildren(
      h("div", {class: "cc-ex-offer", id: "cc-ex-offer"}, h("span", {}, `选址页面保存了一个方案「${s.name}」（${s.ops.length} 步操作${s.created ? `，${s.created.slice(0, 10)}` : ""}）。是否在此应用？`), apply, dismiss, forget)
    );
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
    const ops = JSON.stringify(session.ops);
    if (ops === savedOps) return;
    const ok = session.ops.length ? store.set(savedKey, serialiseSaved(region.meta.id, session.ops, new Date())) : store.remove(savedKey);
    // storage unavailable (private mode, quota): the work is simply not kept; the page goes on
    if (ok) savedOps = ops;
    root.dataset.savedOps = ok ? String(session.ops.length) : "unavailable";
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
      h(
        "div",
        {class: "cc-ex-offer", id: "cc-ex-restore", "data-ops": n},
        h("span", {}, `上次的模拟方案（${n} 项修改${when ? `，保存于 ${when}` : ""}）未清除：`),
        restore,
        discard,
        h("span", {class: "cc-ex-hint"}, "选择之前，新的修改不会自动保存。")
      )
    );
  }

  // ---- start
  offerSaved();
  update();
  renderLayers();
  renderNotice();
  renderFilters();
  showGapStatus();
  offerStored();
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
