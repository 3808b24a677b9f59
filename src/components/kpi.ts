// KPI cards with a traffic light (亮灯) per target result. The judgement (at the deadline or on the plan), what is
// assumed or modelled and every source sit in the card's small print and title (hover), so a printed report keeps them. All text set with textContent.
import {comparatorText, formatDate, formatValue, NO_DATA} from "../lib/view/format.js";
import type {JudgedTarget} from "../lib/plan/milestones.js";
import type {Light, TargetStatus} from "../lib/plan/targets.js";
import {el} from "./dom.js";

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


/** The fields of a card judged in time (src/lib/plan/milestones.ts); a plain TargetStatus (the explorer's) has none. */
type Card = TargetStatus & Partial<Pick<JudgedTarget, "role" | "basis" | "value_at_deadline" | "sources" | "target_ids" | "caveats" | "supersedes" | "notes" | "population" | "population_source">>;

const isReference = (s: Card): boolean => s.role === "reference";

/**
 * One card: label, today's value, the judgement (at the deadline when it has passed, on the plan when ahead),
 * the target with its deadline, what is assumed or modelled about it, and every source.
 */
export function KpiCard(s: Card): HTMLDivElement {
  const card = el("div", `card cc-kpi cc-kpi-${s.status}${isReference(s) ? " cc-kpi-reference" : ""}`);
  card.dataset.target = s.target_id;
  card.dataset.code = s.code;
  card.dataset.light = s.status;
  if (s.target_ids && s.target_ids.length > 1) card.dataset.targets = s.target_ids.join(" ");
  if (s.role) card.dataset.role = s.role;
  if (s.basis) card.dataset.basis = s.basis;
  const sources = s.sources ?? [s.source];
  const passed = s.basis === "deadline";
  card.title = [
    `指标：${s.label}`,
    `目标：${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}`,
    `期限：${formatDate(s.deadline)}${passed ? "（已过，按期限当日的数据判定）" : s.basis ? "（未到，按现值及计划建成的设施判定）" : ""}`,
    ...sources.map((x, i) => `来源${sources.length > 1 ? i + 1 : ""}：${x}`),
    ...(s.notes ?? []).map((n) => `说明：${n}`),
    ...(s.caveats ?? []).map((c) => `注意：${c}`),
    ...(s.supersedes?.length ? [`已涵盖参考标准 ${s.supersedes.join("、")}`] : []),
    ...(s.population ? [`人口口径：期限时的值按${s.population}计${s.population_source ? `；增速来源：${s.population_source}` : ""}`] : []),
    `判定：${s.reason}`
  ].join("\n");
  const head = el("div", "cc-kpi-label");
  head.append(LightDot(s.status), document.createTextNode(s.label));
  if (isReference(s)) head.append(el("span", "cc-kpi-badge", "参考标准"));
  // a target that cannot be evaluated (its figure is not provided) has no value: 无数据, not a dash
  const value = el("div", "cc-kpi-value", s.status === "grey" ? NO_DATA : formatValue(s.value, s.unit));
  const judgement = el("div", "cc-kpi-reason", s.reason);
  const target = el("div", "cc-kpi-target", `目标 ${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)} · ${formatDate(s.deadline)}前${passed ? "（已到期）" : ""} · ${LIGHT_LABEL[s.status]}`);
  card.append(head, value, judgement, target);
  for (const c of s.caveats ?? []) card.append(el("div", "cc-kpi-caveat", c));
  // a projected older population is named on the card (the data date's is the default, named in the title)
  if (s.population && s.population !== "数据日期的老年人口") card.append(el("div", "cc-kpi-caveat", `按${s.population}计`));
  const source = el("div", "cc-kpi-source", sources.length > 1 ? `来源（${sources.length}份文件）：${sources.join("；")}` : `来源：${sources[0]}`);
  card.append(source);
  return card;
}

function grid(statuses: readonly Card[]): HTMLDivElement {
  const order: Record<Light, number> = {red: 0, amber: 1, green: 2, grey: 3};
  const g = el("div", "cc-kpi-grid");
  for (const s of [...statuses].sort((a, b) => order[a.status] - order[b.status] || a.label.localeCompare(b.label, "zh"))) g.append(KpiCard(s));
  return g;
}

/**
 * The unit's own targets as a grid of cards, red first (then amber, green, grey 无法评估), so what needs attention comes first;
 * reference standards (参考标准: rules the region extends from another unit's plan) follow apart, under their
 * own heading and tally.
 */
export function KpiGrid(statuses: readonly Card[]): HTMLDivElement {
  const own = statuses.filter((s) => !isReference(s));
  const refs = statuses.filter(isReference);
  if (!refs.length) return grid(own);
  const wrap = el("div", "cc-kpi-sections");
  wrap.append(grid(own));
  const head = el("div", "cc-kpi-reference-head");
  head.append(el("b", "", `参考标准（${refs.length} 项）`), document.createTextNode("：其他县区规划文件的要求，由本地区推广作对照，不是本县区规划的目标，单独计数。"), LightTally(refs, {references: true}));
  wrap.append(head, grid(refs));
  return wrap;
}

/**
 * "达标 5 · 接近 2 · 未达标 1" as dots and counts (and 无法评估 n when some target cannot be evaluated) — of the unit's own targets (each card once); reference
 * standards are counted apart ("参考标准 4 项") unless `references` asks for them.
 */
export function LightTally(statuses: readonly Card[], options: {references?: boolean} = {}): HTMLSpanElement {
  const span = el("span", "cc-tally");
  const counted = statuses.filter((s) => isReference(s) === !!options.references);
  for (const light of ["green", "amber", "red", "grey"] as Light[]) {
    const n = counted.filter((s) => s.status === light).length;
    if (light === "grey" && n === 0) continue;
    const part = el("span", "cc-tally-part");
    part.dataset.light = light;
    part.dataset.count = String(n);
    part.append(LightDot(light), document.createTextNode(`${LIGHT_LABEL[light]} ${n}`));
    span.append(part);
  }
  const refs = statuses.filter(isReference);
  if (!options.references && refs.length) {
    const part = el("span", "cc-tally-part cc-tally-reference", `参考标准另计 ${refs.length} 项`);
    part.dataset.count = String(refs.length);
    span.append(part);
  }
  return span;
}

/** One CSV row of a judged target (the overview's and county report's downloads). */
export function targetCsvRow(s: Card): Record<string, string | number | null> {
  return {
    县区: s.name,
    指标: s.label,
    类别: isReference(s) ? "参考标准" : "本地目标",
    当前值: s.value,
    期限时值: s.value_at_deadline ?? null,
    判定依据: s.basis === "deadline" ? "期限已过：期限当日的值" : s.basis === "trajectory" ? "期限未到：现值及计划" : "",
    比较: s.comparator,
    目标值: s.threshold,
    期限: s.deadline,
    亮灯: s.status,
    判定: s.reason,
    注意: (s.caveats ?? []).join("；"),
    目标编号: (s.target_ids ?? [s.target_id]).join("、"),
    来源: s.source
  };
}
