// The 大屏 command view for a meeting-room screen (1920×1080, no scrolling, readable across a room): region KPIs as
// large figures, the county ranking, the light tally, and a map of the selected county with its facilities and
// project sites coloured by project state; optional auto-cycling through the counties. Data in, element out; all
// text from data goes through textContent.
import * as turf from "@turf/turf";
import type {Feature, FeatureCollection, Geometry, MultiPolygon, Polygon} from "geojson";
import {SITE_STATE_COLOR, SITE_STATE_LABEL, type CommandSummary, type CountyRow, type SiteState, rankingWindow} from "../lib/view/command.js";
import {formatCount, formatInt, formatNumber, formatPercent} from "../lib/view/format.js";
import {MapView} from "./map.js";
import {el} from "./dom.js";

const LIGHT_COLOR = {green: "#2e8540", amber: "#d68910", red: "#c0392b", grey: "#7f8c8d"} as const;
const LIGHT_WORD = {green: "达标", amber: "接近", red: "未达标", grey: "无法评估"} as const;


/** One large figure with its label and a small note under it. */
function Figure(label: string, value: string, note: string, options: {tone?: "good" | "bad"; id: string}): HTMLElement {
  const div = el("div", `cc-cmd-kpi${options.tone ? ` cc-cmd-${options.tone}` : ""}`);
  div.dataset.kpi = options.id;
  div.append(el("div", "cc-cmd-kpi-label", label), el("div", "cc-cmd-kpi-value", value), el("div", "cc-cmd-kpi-note", note));
  return div;
}

/** The region's figures as large numbers. */
export function CommandKpis(s: CommandSummary, options: {measureLabel: string}): HTMLElement {
  const grid = el("div", "cc-cmd-kpis");
  const p = s.projects;
  grid.append(
    Figure(`${options.measureLabel}`, formatCount(s.people), `人 · ${s.counties.length} 个县区`, {id: "people"}),
    Figure("服务圈覆盖率", s.coveredShare === null ? "无数据" : formatPercent(s.coveredShare), `已覆盖 ${formatCount(s.covered)} 人`, {id: "covered"}),
    Figure("圈外老人", formatCount(s.uncovered), "人，不在任何服务圈内", {id: "uncovered", tone: s.uncovered > 0 ? "bad" : "good"}),
    Figure("每千名老人床位", s.bedsPer1000 === null ? "无数据" : formatNumber(s.bedsPer1000), s.beds === null ? "床位数未提供" : `张 · 共 ${formatInt(s.beds)} 张`, {id: "beds"}),
    Figure("在用养老服务设施", formatInt(s.facilities), "处（运营中、改造中）", {id: "facilities"}),
    Figure("在建项目逾期", formatInt(p.overdue), `项 · 滞后 ${formatInt(p.late)} · 按期 ${formatInt(p.on_time)}`, {id: "overdue", tone: p.overdue > 0 ? "bad" : "good"})
  );
  return grid;
}

/** Green / amber / red counts as coloured pills. */
export function LightPills(t: {green: number; amber: number; red: number; grey?: number}): HTMLElement {
  const span = el("span", "cc-cmd-pills");
  for (const light of ["red", "amber", "green", "grey"] as const) {
    if (light === "grey" && !t.grey) continue;
    const pill = el("span", `cc-cmd-pill cc-cmd-pill-${light}`, `${LIGHT_WORD[light]} ${t[light] ?? 0}`);
    pill.style.background = LIGHT_COLOR[light];
    span.append(pill);
  }
  return span;
}

/**
 * The county ranking: one row per county, best covered first — a bar of the covered share, the figures, the lights.
 * Clicking a row selects the county (onSelect).
 */
export function CountyRanking(rows: readonly CountyRow[], options: {selected: string; onSelect: (code: string) => void; max?: number}): HTMLElement {
  const list = el("ol", "cc-cmd-ranking");
  const max = options.max ?? 6;
  // a province has more counties than a screen holds: the best covered and the least covered (what a leader acts
  // on), the selected one wherever it ranks, and a line saying how many are left out
  // the line between the two ends takes about a row's height: one county row fewer then
  const picked = rankingWindow(rows.length, rows.length > max ? max - 1 : max, rows.findIndex((r) => r.code === options.selected));
  let previous = -1;
  for (const i of picked.shown) {
    const r = rows[i];
    if (picked.omitted && i > previous + 1 && previous >= 0) list.append(el("li", "cc-cmd-rank-more", `… 其间 ${i - previous - 1} 个县区见总览和县区报告`));
    previous = i;
    const li = el("li", "cc-cmd-rank-row");
    li.dataset.county = r.code;
    if (r.code === options.selected) li.classList.add("cc-cmd-selected");
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.setAttribute("aria-label", `${r.name}：覆盖率 ${r.coveredShare === null ? "无数据" : formatPercent(r.coveredShare)}，点击在地图上查看`);
    const head = el("div", "cc-cmd-rank-head");
    const name = el("span", "cc-cmd-rank-name", r.name);
    name.title = r.name;
    head.append(el("span", "cc-cmd-rank-no", String(i + 1)), name, LightPills(r.lights), el("span", "cc-cmd-rank-share", r.coveredShare === null ? "无数据" : formatPercent(r.coveredShare)));
    const bar = el("div", "cc-cmd-bar");
    const fill = el("div", "cc-cmd-bar-fill");
    fill.style.width = `${Math.max(0, Math.min(1, r.coveredShare ?? 0)) * 100}%`;
    bar.append(fill);
    const facts = el("div", "cc-cmd-rank-facts");
    facts.append(
      el("span", undefined, `圈外 ${formatCount(r.uncovered)} 人`),
      el("span", undefined, `床位 ${r.bedsPer1000 === null ? "无数据" : formatNumber(r.bedsPer1000)} 张/千人`),
      el("span", undefined, `逾期项目 ${r.projects.overdue}`)
    );
    li.append(head, bar, facts);
    li.onclick = () => options.onSelect(r.code);
    li.onkeydown = (e) => {
      if (e.key === "Enter" || e.key === " ") options.onSelect(r.code);
    };
    list.append(li);
  }
  return list;
}

/** The legend of the map's project-site colours and the other facilities. */
export function SiteLegend(): HTMLElement {
  const div = el("div", "cc-cmd-legend");
  for (const state of ["overdue", "late", "on_time", "done"] as SiteState[]) {
    const item = el("span", "cc-cmd-legend-item");
    const dot = el("span", "cc-cmd-dot");
    dot.style.background = SITE_STATE_COLOR[state];
    item.append(dot, `项目设施：${SITE_STATE_LABEL[state]}`);
    div.append(item);
  }
  const other = el("span", "cc-cmd-legend-item");
  const dot = el("span", "cc-cmd-dot cc-cmd-dot-small");
  other.append(dot, "其他在用设施");
  div.append(other);
  return div;
}

export interface CommandMapData {
  counties: FeatureCollection;
  townships: FeatureCollection;
  facilities: readonly {id: string; name: string; county_code: string; lng: number; lat: number; status: string}[];
  serving: readonly string[];
  sites: ReadonlyMap<string, SiteState>;
}

/** The map of the region; `focus(code)` fits it to a county. Project sites are drawn over the other facilities. */
export function CommandMap(data: CommandMapData, options: {height: number}): HTMLElement & {map: import("maplibre-gl").Map; focus: (code: string) => void} {
  const serving = new Set(data.serving);
  const point = (f: CommandMapData["facilities"][number], properties: Record<string, unknown>): Feature => ({type: "Feature", properties: {id: f.id, name: f.name, ...properties}, geometry: {type: "Point", coordinates: [f.lng, f.lat]}});
  const sites = data.facilities.filter((f) => data.sites.has(f.id)).map((f) => point(f, {state: data.sites.get(f.id), color: SITE_STATE_COLOR[data.sites.get(f.id)!]}));
  const others = data.facilities.filter((f) => !data.sites.has(f.id) && serving.has(f.status)).map((f) => point(f, {}));
  const labels = data.townships.features.map((f) => ({...turf.pointOnFeature(f as Feature<Polygon | MultiPolygon>), properties: {name: String(f.properties?.name ?? "")}}));
  const bounds = (features: Feature<Geometry>[]) => turf.bbox({type: "FeatureCollection", features}) as [number, number, number, number];
  const all = bounds(data.counties.features);
  const view = MapView({
    label: "县区设施与项目地图",
    height: options.height,
    bounds: [[all[0], all[1]], [all[2], all[3]]],
    sources: {
      townships: {type: "geojson", data: data.townships},
      counties: {type: "geojson", data: data.counties},
      "township-labels": {type: "geojson", data: {type: "FeatureCollection", features: labels}},
      others: {type: "geojson", data: {type: "FeatureCollection", features: others}},
      sites: {type: "geojson", data: {type: "FeatureCollection", features: sites}}
    },
    layers: [
      {id: "townships-fill", type: "fill", source: "townships", paint: {"fill-color": "#dfe6ee", "fill-opacity": 0.6}},
      {id: "townships-line", type: "line", source: "townships", paint: {"line-color": "#8a99a8", "line-width": 0.8}},
      {id: "counties-line", type: "line", source: "counties", paint: {"line-color": "#1f2d3a", "line-width": 2.5}},
      {id: "others", type: "circle", source: "others", paint: {"circle-radius": 3, "circle-color": "#6b7b8c", "circle-opacity": 0.8}},
      {id: "sites", type: "circle", source: "sites", paint: {"circle-radius": 9, "circle-color": ["get", "color"], "circle-stroke-color": "#fff", "circle-stroke-width": 2}},
      {id: "township-labels", type: "symbol", source: "township-labels", layout: {"text-field": ["get", "name"], "text-size": 15, "text-allow-overlap": false}, paint: {"text-color": "#1f2d3a", "text-halo-color": "#fff", "text-halo-width": 1.5}}
    ]
  }) as HTMLElement & {map: import("maplibre-gl").Map; ready: Promise<void>; focus: (code: string) => void};
  view.focus = (code: string) => {
    const features = data.counties.features.filter((f) => f.properties?.code === code);
    if (!features.length) return;
    const b = bounds(features);
    view.dataset.county = code;
    view.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], {padding: 30, animate: false});
  };
  return view;
}
