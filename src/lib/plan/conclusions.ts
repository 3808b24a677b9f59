/**
 * The first-page conclusions of a county report, computed from the data by written rules (docs/targets.md,
 * "Report conclusions"), so a leader reads the findings before the tables:
 * 1. **Lights furthest from target** — the county's own targets (not 参考标准) that are red, then amber, ordered by
 *    how far the value is from the threshold relative to the threshold; at most `maxLights`. Targets that cannot be
 *    evaluated (grey) are counted in one sentence. With none red or amber: one sentence saying so.
 * 2. **Townships to prioritise** — townships with older people outside every service circle or a bed gap, most
 *    people outside first, then the larger bed gap; at most `maxTownships`, each with its reasons.
 * 3. **What the siting suggestion would change** — the build's suggestion at the siting page's defaults: how many
 *    older people it newly covers by that tier.
 * Pure: the page renders the sentences.
 */
import {comparatorText, formatInt, formatValue} from "../view/format.js";
import type {Light} from "./targets.js";

export interface ConclusionTarget {
  label: string;
  unit: string;
  comparator: string;
  threshold: number;
  deadline: string;
  value: number | null;
  status: Light;
  reason: string;
  role?: string;
}

export interface ConclusionInput {
  /** the county's target cards (own and reference; references are left out here) */
  statuses: readonly ConclusionTarget[];
  townships: readonly {code: string; name: string; uncovered: number}[];
  bedGaps: readonly {township_code: string; gap: number}[];
  /** the siting suggestion at the page's defaults, when the build computed one */
  siting?: {typeLabel: string; k: number; covered: number} | undefined;
}

export interface Conclusions {
  lights: string[];
  townships: string[];
  siting: string | null;
}

/** How far a value is from its threshold, relative to the threshold (0 = met or exactly on it). */
export function shortfall(value: number, comparator: string, threshold: number): number {
  const scale = Math.abs(threshold) || 1;
  if (comparator === ">=" || comparator === ">") return Math.max(0, threshold - value) / scale;
  if (comparator === "<=" || comparator === "<") return Math.max(0, value - threshold) / scale;
  return Math.abs(value - threshold) / scale;
}

const RANK: Partial<Record<Light, number>> = {red: 0, amber: 1};

/** The conclusions of one county (module doc). */
export function countyConclusions(input: ConclusionInput, options: {maxLights?: number; maxTownships?: number} = {}): Conclusions {
  const own = input.statuses.filter((s) => s.role !== "reference");
  const off = own
    .filter((s) => s.status === "red" || s.status === "amber")
    .sort((a, b) => RANK[a.status]! - RANK[b.status]! || (b.value === null ? 1 : 0) - (a.value === null ? 1 : 0) || shortfall(b.value ?? 0, b.comparator, b.threshold) - shortfall(a.value ?? 0, a.comparator, a.threshold));
  const lights = off.slice(0, options.maxLights ?? 3).map((s) =>
    `${s.status === "red" ? "未达标" : "接近"}：${s.label}，现 ${formatValue(s.value, s.unit)}，目标 ${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}（${s.deadline.slice(0, 4)}年底前）——${s.reason}`);
  if (off.length > lights.length) lights.push(`另有 ${off.length - lights.length} 项未达标或接近的目标，见下文目标卡片。`);
  const judged = own.filter((s) => s.status !== "grey").length;
  if (!own.length) lights.push("本县区未录入自己的规划目标（目标文件中没有本县区的目标）。");
  else if (!off.length && judged) lights.push(`本县区规划的 ${judged} 项目标均已达标或按计划可达标。`);
  const grey = own.filter((s) => s.status === "grey").length;
  if (grey) lights.push(`${grey} 项目标因所需数据未提供，无法评估。`);

  const gap = new Map(input.bedGaps.map((g) => [g.township_code, g.gap]));
  const watch = input.townships
    .map((t) => ({...t, gap: gap.get(t.code) ?? 0}))
    .filter((t) => t.uncovered > 0 || t.gap > 0)
    .sort((a, b) => b.uncovered - a.uncovered || b.gap - a.gap || a.code.localeCompare(b.code));
  const townships = watch.slice(0, options.maxTownships ?? 3).map((t) =>
    `${t.name}：${[t.uncovered > 0 ? `${formatInt(t.uncovered)} 名老人在所有服务圈之外` : "", t.gap > 0 ? `床位缺口 ${formatInt(t.gap)} 张` : ""].filter(Boolean).join("；")}`);
  if (!watch.length) townships.push("各乡镇（街道）的老人都在服务圈内，且无床位缺口。");

  const siting = input.siting
    ? `按本站选址建议新建 ${input.siting.k} 处${input.siting.typeLabel}，可使 ${formatInt(input.siting.covered)} 名此前不在该类设施服务圈内的60岁以上老人得到覆盖（详见选址建议页）。`
    : null;
  return {lights, townships, siting};
}
