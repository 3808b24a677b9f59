/**
 * The siting page's typed inputs — service radius (metres) and budget (万元) — read into numbers, or a Chinese
 * message naming the field, what was typed and what is expected, with what the page does instead. Empty means the
 * documented default (默认半径 / 不限预算), not an error. Full-width digits (１２００) and thousands separators
 * (1,200 / 1，200) are read as numbers. Pure.
 */

/** A typed input read: the value to use (null = the default) and a warning when the typed text was not usable. */
export interface ParsedInput {
  value: number | null;
  warning: string | null;
}

/** Largest radius the page accepts, as the region validator (region.json config.radii ≤ 500 km). */
export const MAX_RADIUS_M = 500_000;

/** The number a planner typed, or NaN when it is not one ("" → null). */
export function readNumber(text: string | null | undefined): number | null {
  const t = (text ?? "")
    .trim()
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d)[,，](?=\d{3}(\D|$))/g, "$1");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/**
 * @example parseRadius("1500") // {value: 1500, warning: null}
 * @example parseRadius("-5").warning // "服务半径“-5”无效：应为 1–500000 之间的数字（米），已按默认半径计算。"
 */
export function parseRadius(text: string | null | undefined): ParsedInput {
  const n = readNumber(text);
  if (n === null) return {value: null, warning: null};
  if (Number.isFinite(n) && n > 0 && n <= MAX_RADIUS_M) return {value: n, warning: null};
  const what = Number.isNaN(n) ? "不是数字" : "无效";
  return {value: null, warning: `服务半径“${(text ?? "").trim()}”${what}：应为 1–${MAX_RADIUS_M} 之间的数字（米），已按默认半径计算。`};
}

/**
 * Budget in 万元 → yuan.
 * @example parseBudget("800") // {value: 8000000, warning: null}
 * @example parseBudget("八百").warning // "预算“八百”不是数字（万元），按不限预算计算。"
 */
export function parseBudget(text: string | null | undefined): ParsedInput {
  const n = readNumber(text);
  if (n === null) return {value: null, warning: null};
  const shown = (text ?? "").trim();
  if (Number.isNaN(n)) return {value: null, warning: `预算“${shown}”不是数字（万元），按不限预算计算。`};
  if (n < 0) return {value: null, warning: `预算“${shown}”无效：应为不小于 0 的数字（万元），按不限预算计算。`};
  return {value: Math.round(n * 10_000), warning: null};
}
