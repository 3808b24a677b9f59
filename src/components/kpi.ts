// KPI cards with a traffic light (亮灯) per target result. The deadline, source document and rule sit in the
// card's title (hover) and in its small print, so a printed report keeps them. All text set with textContent.
import {comparatorText, formatDate, formatValue, NO_DATA} from "../lib/format.js";
import type {Light, TargetStatus} from "../lib/targets.js";

export const LIGHT_LABEL: Record<Light, string> = {green: "达标", amber: "接近", red: "未达标", grey: "无法评估"};

/** A small coloured dot with an accessible label. */
export function LightDot(light: Light): HTMLSpanElement {
  const dot = document.createElement("span");
  dot.className = `cc-light ${light}`;
  dot.setAttribute("role", "img");
  dot.setAttribute("aria-label", LIGHT_LABEL[light]);
  dot.dataset.light = light;
  return dot;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One card: label, value, target, light, deadline and source. */
export function KpiCard(s: TargetStatus): HTMLDivElement {
  const card = el("div", `card cc-kpi cc-kpi-${s.status}`);
  card.dataset.target = s.target_id;
  card.dataset.code = s.code;
  card.dataset.light = s.status;
  card.title = `指标：${s.label}\n目标：${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}\n期限：${formatDate(s.deadline)}\n来源：${s.source}\n判定：${s.reason}`;
  const head = el("div", "cc-kpi-label");
  head.append(LightDot(s.status), document.createTextNode(s.label));
  // a target that cannot be evaluated (its figure is not provided) has no value: 无数据, not a dash
  const value = el("div", "cc-kpi-value", s.status === "grey" ? NO_DATA : formatValue(s.value, s.unit));
  const target = el("div", "cc-kpi-target", `目标 ${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)} · ${formatDate(s.deadline)}前 · ${LIGHT_LABEL[s.status]}`);
  const source = el("div", "cc-kpi-source", `来源：${s.source}`);
  card.append(head, value, target, source);
  return card;
}

/** A grid of cards, red first (then amber, green, grey 无法评估), so what needs attention comes first. */
export function KpiGrid(statuses: readonly TargetStatus[]): HTMLDivElement {
  const order: Record<Light, number> = {red: 0, amber: 1, green: 2, grey: 3};
  const grid = el("div", "cc-kpi-grid");
  for (const s of [...statuses].sort((a, b) => order[a.status] - order[b.status] || a.label.localeCompare(b.label, "zh"))) grid.append(KpiCard(s));
  return grid;
}

/** "绿 5 · 黄 2 · 红 1" as dots and counts (and 无法评估 n when some target cannot be evaluated). */
export function LightTally(statuses: readonly TargetStatus[]): HTMLSpanElement {
  const span = el("span", "cc-tally");
  for (const light of ["green", "amber", "red", "grey"] as Light[]) {
    const n = statuses.filter((s) => s.status === light).length;
    if (light === "grey" && n === 0) continue;
    const part = el("span", "cc-tally-part");
    part.dataset.light = light;
    part.append(LightDot(light), document.createTextNode(`${LIGHT_LABEL[light]} ${n}`));
    span.append(part);
  }
  return span;
}
