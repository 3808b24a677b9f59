/**
 * Number formatting as Chinese readers expect: thousands grouped, 万 / 亿 for large counts in prose,
 * yuan amounts in 万元, percentages with one decimal. Pure functions, no DOM.
 */

const grouped = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 0});

/** 12345 → "12,345"; non-finite → "—". */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? grouped.format(Math.round(n)) : "—";
}

/** What a page shows for a figure the region does not provide (region.json "absent"). */
export const NOT_PROVIDED = "未提供";

/** What a page shows for a metric built on a figure the region does not provide. */
export const NO_DATA = "无数据";

/**
 * A figure that may be absent: 未提供 when the region does not provide it (or it is null), else `format(n)`.
 * @example formatFigure(12, false) // "未提供"
 */
export function formatFigure(n: number | null | undefined, isProvided = true, format: (n: number) => string = formatInt): string {
  return !isProvided || n === null || n === undefined ? NOT_PROVIDED : format(n);
}

/**
 * A figure of a metrics row (metrics.ts): 无数据 when the row cannot have it because the region does not provide a
 * figure it is built on (`row.unavailable`), else `format(value)`.
 * @example formatMetric(row, "nursing_share", formatPercent) // "无数据" without a nursing-bed column
 */
export function formatMetric(row: {unavailable?: Partial<Record<string, string>>}, key: string, format: (n: number) => string): string {
  if (row.unavailable?.[key] !== undefined) return NO_DATA;
  const v = (row as Record<string, unknown>)[key];
  return typeof v === "number" ? format(v) : format(NaN);
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

export interface YuanOptions {
  /** decimals in 万元 and 亿元 (default 2); 元 are always whole */
  digits?: number;
  /**
   * "auto" (default): 亿元 from 1 亿, 万元 from 1 万, else 元. A fixed unit keeps a table column in one unit
   * (7 800 → "0.78万元" with "万元").
   */
  unit?: "auto" | "元" | "万元" | "亿元";
  /** what to show for exactly 0 (default: 0 in the unit, e.g. "0元" or "0.00万元") */
  zero?: string;
}

/**
 * A yuan amount the way Chinese finance tables write it: thousands grouped, a fixed number of decimals in 万元 and
 * 亿元, whole 元 below 1 万. The unit is chosen after rounding, so 99 999 999 reads "1.00亿元", not "10,000.00万元".
 * @example formatYuan(38_560_000) // "3,856.00万元"
 * @example formatYuan(123_456_789) // "1.23亿元"
 * @example formatYuan(7_800) // "7,800元"
 * @example formatYuan(7_800, {unit: "万元"}) // "0.78万元"
 */
export function formatYuan(yuan: number, options: YuanOptions = {}): string {
  if (!Number.isFinite(yuan)) return "—";
  if (yuan === 0 && options.zero !== undefined) return options.zero;
  const digits = options.digits ?? 2;
  // no "-0.00" for a tiny negative amount
  const fixed = (x: number) => formatNumber(Number(x.toFixed(digits)) === 0 ? 0 : x, digits);
  const unit = options.unit ?? "auto";
  if (unit === "元") return `${formatInt(yuan)}元`;
  if (unit === "万元") return `${fixed(yuan / 1e4)}万元`;
  if (unit === "亿元") return `${fixed(yuan / 1e8)}亿元`;
  const scale = 10 ** digits;
  const inWan = Math.round((Math.abs(yuan) / 1e4) * scale) / scale;
  if (inWan >= 1e4) return `${fixed(yuan / 1e8)}亿元`;
  if (Math.round(Math.abs(yuan)) >= 1e4) return `${fixed(yuan / 1e4)}万元`;
  return `${formatInt(yuan)}元`;
}

/** A money formatter for one table column: every cell in 万元 with `digits` decimals; 0 as "—" unless told. */
export function yuanColumn(digits = 2, zero = "—"): (value: unknown) => string {
  return (value) => (typeof value === "number" ? formatYuan(value, {unit: "万元", digits, zero}) : "—");
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

/** ISO date "2025-12-31" → "2025年12月31日" (prose; in tables prefer formatDateShort). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** ISO date → "2025-12-31": compact, one line in a table. Anything else is returned as is. */
export function formatDateShort(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : iso;
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

/**
 * The sentence naming the coverage model a page uses: straight-line service radii (the engine's rule); when the
 * region also has a road network, where its travel times are shown.
 */
export function coverageModelText(roadNetwork: boolean | undefined, page: "explorer" | "other" = "other"): string {
  if (!roadNetwork) return "覆盖按直线距离服务半径计算";
  return page === "explorer"
    ? "覆盖按直线距离服务半径计算（本区域另有路网：路网通行时间见图层“路网通行时间”及其覆盖率，与各县区报告）"
    : "覆盖按直线距离服务半径计算（本区域另有路网，路网通行时间见各县区报告）";
}
