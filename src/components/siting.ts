// The siting page's blocks (src/siting.md), each rendering a part of the view-model (src/lib/siting/siting-view.ts): the
// input warnings, the sentence on the bound, the KPI cards, the suggested-sites table, the lights the plan changes,
// the adopt row, the bed-gap sentence and the screened-candidates note. Every text goes through textContent (el),
// so names from data (villages, assets, facilities, townships) are never parsed as HTML.
import type {Light} from "../lib/plan/targets.js";
import type {GapView, KpiCard, LightChangesView, ScreenedView, SiteTableFoot, SiteTableRow} from "../lib/siting/siting-view.js";
import {SCENARIO_STORAGE_KEY, type Scenario} from "../lib/engine/scenario.js";
import {CsvButton, Downloads, JsonButton} from "./download.js";
import {el} from "./dom.js";

/** The typed values that were not used (radius, budget), one line each. */
export function InputWarnings(warnings: readonly string[]): HTMLDivElement {
  const div = el("div", "cc-input-warnings");
  div.setAttribute("role", "status");
  div.append(...warnings.map((w) => el("p", "cc-input-warn", w)));
  return div;
}

/** How far the plan can be from the best possible (data-source: empty, pending, none, error, build, browser). */
export function GapSentence(view: GapView): HTMLParagraphElement {
  const p = el("p", "cc-gap");
  p.setAttribute("role", "status");
  p.dataset.source = view.source;
  if (view.data) {
    p.dataset.gap = String(view.data.gap);
    p.dataset.bound = String(view.data.bound);
    p.dataset.covered = String(view.data.covered);
    p.dataset.ms = String(view.data.ms);
  }
  if (view.spinner) {
    const s = el("span", "cc-spinner");
    s.setAttribute("aria-hidden", "true");
    p.append(s);
  }
  if (view.lead) p.append(view.lead.before, el("b", "cc-gap-value", view.lead.value));
  p.append(view.text);
  if (view.how) p.append(el("span", "cc-gap-how", view.how));
  return p;
}

/** The KPI cards above the map; each card's figures ride on its value as data-* attributes. */
export function SitingKpis(cards: readonly KpiCard[]): HTMLDivElement {
  const div = el("div", "cc-siting-kpis");
  for (const c of cards) {
    const card = el("div", "card");
    if (c.id) card.id = c.id;
    const value = el("div", "cc-kpi-value", c.value);
    for (const [k, v] of Object.entries(c.data)) value.dataset[k] = String(v);
    card.append(el("div", "cc-kpi-label", c.label), value, el("div", "cc-kpi-target", c.note));
    div.append(card);
  }
  return div;
}

const HEAD = ["排名", "选址", "来源 · 现状", "乡镇", "新增覆盖老人", "新建床位", "建筑面积（m²）", "床位补助（万元）", "提升改造费（万元）", "估算成本（万元）", "乡镇床位缺口"];

/**
 * The suggested sites, ranked, with a totals row (figures in data-gain, data-cost, … for tools and tests). With the
 * capacitated objective (foot.served set) two columns follow 新增覆盖老人: 容量 and 可服务老人 (data-capacity, data-served).
 */
export function SiteTable(rows: readonly SiteTableRow[], foot: SiteTableFoot): HTMLTableElement {
  const table = el("table", "cc-siting-table");
  const served = foot.served !== null;
  const head = served ? [...HEAD.slice(0, 5), "容量", "可服务老人", ...HEAD.slice(5)] : HEAD;
  if (served) table.dataset.objective = "serve";
  const td = (text: string, num = false, data: Record<string, string | number | boolean> = {}) => {
    const cell = el("td", num ? "num" : undefined, text);
    for (const [k, v] of Object.entries(data)) cell.dataset[k] = String(v);
    return cell;
  };
  const headRow = el("tr");
  headRow.append(...head.map((h, i) => el("th", i >= 4 ? "num" : undefined, h)));
  table.append(el("thead"));
  table.tHead!.append(headRow);
  const body = el("tbody");
  for (const r of rows) {
    const tr = el("tr");
    tr.dataset.rank = String(r.rank);
    const rank = el("td");
    rank.append(el("span", "cc-rank", String(r.rank)));
    const source = el("td", undefined, r.sourceKind);
    if (r.areaShort) {
      const warn = el("span", "cc-warn", "面积不足");
      warn.title = "现有面积小于按床位计算的建筑面积";
      source.append(" ", warn);
    }
    const upgrade = td(r.upgrade, true, {upgrade: r.data.upgrade});
    upgrade.title = r.upgradeTitle;
    const capacityCells = served ? [td(r.capacity ?? "", true, {capacity: r.data.capacity ?? ""}), td(r.served ?? "", true, {served: r.data.served ?? ""})] : [];
    tr.append(
      rank, td(r.name), source, td(r.township), td(r.gain, true, {gain: r.data.gain}), ...capacityCells, td(r.beds, true), td(r.area, true),
      td(r.subsidy, true, {subsidy: r.data.subsidy}), upgrade, td(r.cost, true, {cost: r.data.cost, costKnown: r.data.costKnown}), td(r.townshipGap, true)
    );
    body.append(tr);
  }
  const total = el("tr");
  const label = el("td", "cc-nowrap", `合计 ${foot.count} 处`);
  total.append(
    td(""), label, td(""), td(""), td(foot.gain, true, {total: foot.total}),
    ...(served ? [td(foot.capacity ?? "", true), td(foot.served ?? "", true, {servedTotal: foot.servedTotal ?? ""})] : []), td(foot.beds, true), td(foot.area, true), td(foot.subsidy, true),
    td(foot.upgrade, true), td(foot.cost, true), td("")
  );
  const tfoot = el("tfoot");
  tfoot.append(total);
  table.append(body, tfoot);
  return table;
}

const lightDot = (light: Light, label: string): Node[] => [el("span", `cc-light ${light}`), document.createTextNode(label)];

/** Which target lights adopting the plan changes, worst news first, each with its figures and reason. */
export function LightChanges(view: LightChangesView): HTMLElement {
  const box = el("section", "cc-light-changes");
  box.setAttribute("role", "status");
  Object.assign(box.dataset, {changes: String(view.changes), red: String(view.red), worse: String(view.worse)});
  if (view.empty) return box;
  if (view.none !== null) {
    box.append(el("p", "cc-lc-none", view.none));
    return box;
  }
  if (view.tone) box.dataset.tone = view.tone;
  const head = el("p", "cc-lc-head");
  head.append(el("b", undefined, view.head), view.context);
  const list = el("ul", "cc-lc-list");
  for (const c of view.items) {
    const li = el("li", c.worse ? "cc-lc-worse" : "cc-lc-better");
    Object.assign(li.dataset, {indicator: c.indicator, before: c.before, after: c.after, scope: c.scope});
    const what = el("div", "cc-lc-what");
    what.append(el("b", undefined, c.name), ` · ${c.label}：`, ...lightDot(c.before, c.beforeLabel), " → ", ...lightDot(c.after, c.afterLabel), " ", el("span", "cc-lc-values", c.values));
    li.append(what, el("div", "cc-lc-why", c.why));
    list.append(li);
  }
  box.append(head, list, el("p", "cc-lc-note", view.note));
  return box;
}

/**
 * 采纳到模拟方案 (writes the scenario to localStorage for the explorer, then links there), the scenario JSON and the
 * table CSV.
 * @param explorerHref the explorer's address with the county
 */
export function AdoptRow(plan: {scenario: Scenario; csvRows: Record<string, string | number>[]; message: string; files: {json: string; csv: string}; explorerHref: string}): HTMLDivElement {
  const status = el("span", "cc-adopt-status");
  status.setAttribute("role", "status");
  const button = el("button", "cc-adopt", "采纳到模拟方案");
  button.type = "button";
  button.disabled = plan.csvRows.length === 0;
  button.addEventListener("click", () => {
    try {
      localStorage.setItem(SCENARIO_STORAGE_KEY, JSON.stringify(plan.scenario));
      const a = el("a", undefined, "前往覆盖分析与模拟 →");
      a.setAttribute("href", plan.explorerHref);
      status.replaceChildren(plan.message, a);
    } catch (error) {
      status.textContent = `无法写入浏览器存储：${error instanceof Error ? error.message : String(error)}`;
    }
  });
  const row = el("div", "cc-adopt-row cc-no-print");
  row.append(button, Downloads(JsonButton(plan.scenario, plan.files.json, "导出方案 JSON"), CsvButton(plan.csvRows, plan.files.csv, "下载建议表 CSV")), status);
  return row;
}

/** The sentence above the township bed table: odd pieces in bold; "未提供" (data-empty) when beds are absent. */
export function BedSummary(summary: {empty: boolean; parts: readonly string[]}): HTMLParagraphElement {
  const p = el("p", summary.empty ? "cc-empty" : undefined);
  if (summary.empty) p.dataset.empty = "beds";
  p.append(...summary.parts.map((t, i) => (i % 2 ? el("b", undefined, t) : t)));
  return p;
}

/** Candidates left out by default: how many (data-screened), why and which. */
export function ScreenedNote(view: ScreenedView): HTMLParagraphElement {
  const p = el("p", "cc-screened");
  p.dataset.screened = String(view.count);
  if (view.text !== null) {
    p.append(view.text);
    return p;
  }
  p.append(view.lead);
  view.reasons.forEach((r, i) => {
    if (i > 0) p.append("；");
    const span = el("span", undefined, r.text);
    span.dataset.reason = r.reason;
    p.append(span);
  });
  p.append(view.tail);
  return p;
}

/**
 * The objective's rule next to its control: with 覆盖人数 one line; with 可服务人数（计容量） the capacity of a new site,
 * the demand and the existing facilities' part (data-objective; data-assumed when capacities are planning assumptions),
 * and why the capacitated objective was not used when it cannot be posed (data-fallback).
 */
export function CapacityRuleNote(view: {objective: "cover" | "serve"; rule: {capacityText: string; demandText: string; existingText: string; assumed: boolean} | null; note: string | null}): HTMLDivElement {
  const div = el("div", "cc-capacity-rule");
  div.dataset.objective = view.objective;
  if (view.note !== null) {
    const warn = el("p", "cc-input-warn", view.note);
    warn.dataset.fallback = "true";
    div.append(warn);
  }
  if (view.objective === "cover" || !view.rule) {
    div.append(el("p", "cc-meta", "覆盖人数：新设施服务圈内、本层级现有服务圈外的老人都计入，不计容量（默认）。改选“可服务人数（计容量）”则每处新设施最多服务其容量。"));
    return div;
  }
  const cap = el("p", "cc-meta", view.rule.capacityText);
  if (view.rule.assumed) {
    cap.dataset.assumed = "true";
    cap.prepend(el("span", "cc-assumed", "规划假设"), " ");
  }
  div.append(cap, el("p", "cc-meta", view.rule.demandText), el("p", "cc-meta", view.rule.existingText));
  return div;
}
