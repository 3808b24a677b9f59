// 挂图作战: one small chart per county target whose indicator the timeline carries (src/lib/plan/wall-chart.ts): the value
// at each year-end (solid up to the data date, dashed on the plan after it), each point coloured by the target's
// light as of that date, the threshold as a dashed line and the deadline as a vertical line. Text from data is set
// as text (Plot titles and labels are text nodes).
import * as Plot from "npm:@observablehq/plot";
import {el} from "./dom.js";
import {comparatorText, formatValue} from "../lib/view/format.js";
import {deadlineLabel} from "../lib/plan/milestones.js";
import type {WallChart, WallSeries} from "../lib/plan/wall-chart.js";

const LIGHT_FILL: Record<string, string> = {green: "#2e8540", amber: "#d4890a", red: "#c0392b", grey: "#8a8f98"};
const LIGHT_WORD: Record<string, string> = {green: "达标", amber: "接近", red: "未达标", grey: "无法评估"};

/** A snapshot's date on the axis: "2023年底", or "数据日期" for the data date. */
const tick = (dataDate: string) => (d: string) => (d === dataDate ? "数据日期" : d.endsWith("-12-31") ? `${d.slice(0, 4)}年底` : deadlineLabel(d));

function seriesChart(s: WallSeries, dataDate: string, width: number): Element {
  const t = s.target;
  // one place per snapshot (year-ends and the data date), so a year-end point sits under its own label
  const dates = s.points.map((p) => p.date);
  const points = s.points.filter((p) => p.value !== null).map((p) => ({...p, x: p.date, y: p.value as number}));
  const recorded = points.filter((p) => p.date <= dataDate);
  const planned = points.filter((p) => p.date >= dataDate);
  const share = t.unit === "share";
  const top = Math.max(...points.map((p) => p.y), t.threshold) * 1.15 || 1;
  const chart = Plot.plot({
    width,
    height: 190,
    marginLeft: 44,
    marginTop: 16,
    x: {type: "point", domain: dates, label: null, tickFormat: tick(dataDate), padding: 0.3},
    y: {label: null, domain: [0, share ? Math.min(1.05, Math.max(top, 0.1)) : top], tickFormat: share ? (d: number) => `${Math.round(d * 100)}%` : undefined, grid: true},
    style: {fontSize: "10px"},
    marks: [
      Plot.ruleY([t.threshold], {stroke: "#555", strokeDasharray: "5,3"}),
      Plot.text([t.threshold], {y: (d: number) => d, frameAnchor: "left", dx: 4, dy: -7, text: () => `目标 ${comparatorText(t.comparator)} ${formatValue(t.threshold, t.unit)}`, fill: "#333"}),
      // the deadline where it is one of the snapshots (a year-end deadline always is)
      dates.includes(t.deadline) ? Plot.ruleX([t.deadline], {stroke: "#b35c00"}) : null,
      Plot.line(recorded, {x: "x", y: "y", stroke: "#1f5fa8", strokeWidth: 2}),
      Plot.line(planned, {x: "x", y: "y", stroke: "#1f5fa8", strokeWidth: 2, strokeDasharray: "4,3"}),
      Plot.dot(points, {x: "x", y: "y", r: 4, fill: (p: {light?: string}) => LIGHT_FILL[p.light ?? "grey"], stroke: "#fff", title: (p: {date: string; y: number; light?: string; projected: boolean}) => `${tick(dataDate)(p.date)}${p.projected ? "（按计划）" : ""}：${formatValue(p.y, t.unit)}${p.light ? `，${LIGHT_WORD[p.light]}` : ""}`})
    ]
  });
  const figure = el("figure", "cc-wall-chart");
  figure.dataset.target = t.target_id;
  const caption = el("figcaption", undefined, `${t.label}${t.role === "reference" ? "（参考标准）" : ""}`);
  caption.append(el("span", "cc-wall-target", ` ${comparatorText(t.comparator)} ${formatValue(t.threshold, t.unit)}，期限 ${deadlineLabel(t.deadline)}`));
  figure.append(caption, chart);
  return figure;
}

/** The wall chart element: a grid of small charts and a line naming the targets it cannot draw. */
export function WallCharts(chart: WallChart, options: {dataDate: string; width?: number}): HTMLElement {
  const root = el("div", "cc-wall");
  const grid = el("div", "cc-wall-grid");
  for (const s of chart.series) grid.append(seriesChart(s, options.dataDate, options.width ?? 340));
  root.append(grid);
  root.append(el("p", "cc-meta", "点：当时的亮灯（绿 达标、黄 接近、红 未达标）；实线：数据日期及以前按设施开业（停业）日期；虚线：以后按在建、规划设施的预计建成日期；竖线：期限（棕色）；横虚线：目标。"));
  if (chart.notDrawn.length) {
    const note = el("p", "cc-meta", `未按年份绘制（时间序列只含乡镇中心覆盖率、服务圈覆盖率和每千老人床位）：${[...new Set(chart.notDrawn.map((t) => t.label))].join("、")}。`);
    note.dataset.notDrawn = String(chart.notDrawn.length);
    root.append(note);
  }
  if (!chart.series.length) root.prepend(el("p", "cc-empty", "本县区没有可按年份绘制的目标。"));
  return root;
}
