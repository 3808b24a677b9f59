/**
 * Every edit answers: the change one what-if edit made to the unit shown (服务圈覆盖 by any tier, and per tier),
 * and when it changed nothing, why — "新服务圈内没有村社区" when the new or moved circle reaches no village, and
 * the other reasons below. Pure; the explorer renders the text.
 */
import {TIER_LABEL, TIERS} from "../facility-types.js";
import type {ScenarioOp} from "../engine/scenario.js";
import type {Tier} from "../types.js";
import type {CoverageCount} from "../engine/whatif.js";

export interface EditAnswer {
  /** change of people covered by any tier in the unit */
  delta: number;
  /** change per tier (tiers that changed) */
  tierDelta: Partial<Record<Tier, number>>;
  /** why nothing changed (null when something did) */
  zeroReason: string | null;
  /** one line for the page */
  text: string;
}

/** What the page knows about the edited facility after the edit (add and move). */
export interface EditContext {
  /** villages (any county) inside the facility's rings after the edit; null when not applicable */
  reached: number | null;
  /** whether the facility's status counts for coverage */
  counted: boolean;
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toLocaleString("zh-CN")}`;

/**
 * @param op the edit
 * @param before the unit's coverage count before the edit, @param after after it (same unit and measure)
 * @example editAnswer(addOp, before, after, {reached: 0, counted: true}).zeroReason // "新服务圈内没有村社区"
 */
export function editAnswer(op: ScenarioOp, before: CoverageCount, after: CoverageCount, context: EditContext = {reached: null, counted: true}): EditAnswer {
  const delta = after.covered - before.covered;
  const tierDelta: Partial<Record<Tier, number>> = {};
  for (const t of TIERS) if (after.byTier[t] !== before.byTier[t]) tierDelta[t] = after.byTier[t] - before.byTier[t];
  const tiers = Object.entries(tierDelta).map(([t, d]) => `${TIER_LABEL[t as Tier]} ${signed(d)}`);
  let zeroReason: string | null = null;
  if (delta === 0) {
    if (op.op === "capacity") zeroReason = "容量修改不改变服务圈覆盖（床位、护理型占比、助餐等指标已重算）";
    else if ((op.op === "add" || op.op === "move") && !context.counted) zeroReason = "该设施的状态不计入覆盖";
    else if ((op.op === "add" || op.op === "move") && context.reached === 0) zeroReason = "新服务圈内没有村社区";
    else if (op.op === "add" || op.op === "move") zeroReason = tiers.length ? "新覆盖的村社区此前已由其他层级设施覆盖" : "新服务圈内的村社区已被同层级设施覆盖";
    else if (op.op === "remove") zeroReason = tiers.length ? "这些村社区仍由其他层级设施覆盖" : "这些村社区仍在同层级其他设施的服务圈内";
    else zeroReason = "半径变化处没有村社区改变覆盖状态";
  }
  const head = `本次修改：服务圈覆盖 ${signed(delta)} 人`;
  const text = `${head}${tiers.length ? `（${tiers.join("，")}）` : ""}${zeroReason ? `。${zeroReason}` : ""}`;
  return {delta, tierDelta, zeroReason, text};
}
