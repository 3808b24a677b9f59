/**
 * Number formatting as Chinese readers expect: thousands grouped, 万 / 亿 for large counts in prose,
 * yuan amounts in 万元, percentages with one decimal. Pure functions, no DOM.
 */

const grouped = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 0});

/** 12345 → "12,345"; non-finite → "—". */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? grouped.format(Math.round(n)) : "—";
}

/** A number with `digits` decimals (default 1), grouped; non-finite → "—". */
export function formatNumber(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return "—";
  return new Intl.NumberFormat("zh-CN", {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(n);
}

/**
 * A count for prose: below 1 万 as is; from 1 万 in 万 with up to 2 decimals; from 1 亿 in 亿.
 * @example formatCount(193924) // "19.39万"
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const a = Math.abs(n);
  if (a >= 1e8) return `${trim(n / 1e8, 2)}亿`;
  if (a >= 1e4) return `${trim(n / 1e4, 2)}万`;
  return formatInt(n);
}

/**
 * A yuan amount: below 1 万 in 元, else in 万元 (up to 2 decimals), from 1 亿 in 亿元.
 * @example formatYuan(16_500_000) // "1650万元"
 */
export function formatYuan(yuan: number): string {
  if (!Number.isFinite(yuan)) return "—";
  const a = Math.abs(yuan);
  if (a >= 1e8) return `${trim(yuan / 1e8, 2)}亿元`;
  if (a >= 1e4) return `${trim(yuan / 1e4, 2)}万元`;
  return `${formatInt(yuan)}元`;
}

/** A share in [0, 1] as a percentage: 0.5234 → "52.3%". */
export function formatPercent(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : "—";
}

/** Metres as "850 米" or "12.3 公里". */
export function formatDistance(m: number): string {
  if (!Number.isFinite(m)) return "—";
  return m < 1000 ? `${Math.round(m)} 米` : `${trim(m / 1000, 1)} 公里`;
}

/** ISO date "2025-12-31" → "2025年12月31日". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function trim(x: number, digits: number): string {
  return String(Number(x.toFixed(digits)));
}

/**
 * A figure in the unit an indicator declares (targets.ts): share → %, m → 米/公里, count/people/beds → integer,
 * per-1000 and ratios → one decimal. null → "—".
 */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "share":
      return formatPercent(value);
    case "m":
      return formatDistance(value);
    case "count":
      return `${formatInt(value)} 个`;
    case "people":
      return `${formatInt(value)} 人`;
    case "beds":
      return `${formatInt(value)} 张`;
    case "m²":
      return `${formatNumber(value, 1)} m²`;
    case "ratio":
      return formatNumber(value, 2);
    default:
      return formatNumber(value, 1);
  }
}

/** A comparator in words. */
export function comparatorText(comparator: string): string {
  return {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}[comparator] ?? comparator;
}
