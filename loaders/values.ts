/**
 * Cell parsers: numbers, codes, dates and enumerations as bureaus write them. Each returns either the value or
 * what was expected, so the caller can write an error naming field, expected and found.
 */

/** A parse result: the value, or a description of what was expected (and an optional hint). */
export type Parsed<T> = {ok: true; value: T} | {ok: false; expected: string; hint?: string};

const ok = <T>(value: T): Parsed<T> => ({ok: true, value});
const bad = <T>(expected: string, hint?: string): Parsed<T> => ({ok: false, expected, hint});

/** NFKC (full-width digits and signs → ASCII) and trim. */
export function clean(s: string): string {
  return s.normalize("NFKC").trim();
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Parse a decimal number: thousands separators ("1,234") and full-width digits are accepted; units, words and
 * empty strings are not.
 * @param factor multiplier from the header's unit, e.g. 10 000 for "(万元)"
 * @example parseNumber("1,234.5") // {ok: true, value: 1234.5}
 */
export function parseNumber(s: string, factor = 1): Parsed<number> {
  let t = clean(s);
  if (THOUSANDS.test(t)) t = t.replace(/,/g, "");
  if (!NUMBER.test(t)) return bad("a number");
  const v = Number(t) * factor;
  if (!Number.isFinite(v)) return bad("a finite number");
  return ok(factor === 1 ? v : Math.round(v * 1e6) / 1e6);
}

/**
 * Parse a whole number ≥ min (default 0), no larger than 2^53.
 * @example parseCount("-3") // {ok: false, expected: "a whole number ≥ 0"}
 */
export function parseCount(s: string, factor = 1, min = 0): Parsed<number> {
  const expected = `a whole number ≥ ${min}`;
  const n = parseNumber(s, factor);
  if (!n.ok) return bad(expected);
  if (!Number.isSafeInteger(n.value)) return bad(expected, Number.isInteger(n.value) ? "too large" : "not a whole number");
  if (n.value < min) return bad(expected);
  return n;
}

/** Parse a number ≥ 0 (areas, money, quantities). */
export function parseNonNegative(s: string, factor = 1): Parsed<number> {
  const n = parseNumber(s, factor);
  if (!n.ok || n.value < 0) return bad("a number ≥ 0");
  return n;
}

/**
 * Parse an administrative code of `digits` digits. NBS tables pad codes to 12 digits with zeros
 * ("640302100000" for township 640302100); the padded form is accepted. Excel's scientific notation
 * ("6.40302E+11") has lost digits and is rejected with a hint.
 * @example parseCode("640302100000", 9) // {ok: true, value: "640302100"}
 */
export function parseCode(s: string, digits: number): Parsed<string> {
  const t = clean(s).replace(/\.0+$/, "");
  const expected = `a ${digits}-digit code`;
  if (/^\d+(\.\d+)?e\+\d+$/i.test(t)) {
    return bad(expected, "Excel wrote the code in scientific notation and lost digits: format the column as text and export again");
  }
  if (!/^\d+$/.test(t)) return bad(expected);
  if (t.length === digits) return ok(t);
  if (t.length === 12 && digits < 12 && /^0+$/.test(t.slice(digits))) return ok(t.slice(0, digits));
  return bad(expected, `${t.length} digits`);
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/
];

/**
 * Parse a calendar date into ISO YYYY-MM-DD. Accepts 2025-12-31, 2025/12/31, 2025.12.31, 2025年12月31日 and a
 * full ISO timestamp (xlsx date cells). The date must exist (no 2025-02-30).
 * @example parseDate("2025年12月31日") // {ok: true, value: "2025-12-31"}
 */
export function parseDate(s: string): Parsed<string> {
  const t = clean(s);
  const expected = "a date YYYY-MM-DD";
  for (const re of DATE_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return bad(expected, "no such day");
    return ok(`${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  }
  return bad(expected);
}

/**
 * Match a value against synonym lists: exact match (after NFKC, lower case, no spaces), then, with `contains`,
 * the longest synonym contained in the value ("闲置小学" → school). Statuses use exact matching only, so that
 * "未运营" can never read as "运营".
 * @param synonyms per canonical value, the words that mean it (the canonical value itself is always accepted)
 * @example parseEnum("在建", {construction: ["在建"]}) // {ok: true, value: "construction"}
 */
export function parseEnum<T extends string>(
  s: string,
  synonyms: Readonly<Record<T, readonly string[]>>,
  contains = false
): Parsed<T> {
  const v = clean(s).toLowerCase().replace(/\s+/g, "");
  const keys = Object.keys(synonyms) as T[];
  const expected = `one of ${keys.map((k) => [k, ...synonyms[k].slice(0, 2)].join("/")).join(", ")}`;
  if (!v) return bad(expected);
  let best: T | undefined;
  let bestLen = 0;
  for (const k of keys) {
    for (const syn of [k, ...synonyms[k]]) {
      const w = syn.toLowerCase();
      if (v === w) return ok(k);
      if (contains && w.length > bestLen && v.includes(w)) [best, bestLen] = [k, w.length];
    }
  }
  return best ? ok(best) : bad(expected);
}

/** Split a `modelled` cell: field names separated by `;`, `,`, `、` or `|`. */
export function splitList(s: string): string[] {
  return clean(s)
    .split(/[;,、|；，]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/** A mobile phone number (11 digits, 13x–19x), not part of a longer digit run nor the decimals of a number. */
const PHONE = /(?<![\d.])1[3-9]\d{9}(?!\d)/g;
/** An 18-character resident ID number (17 digits and a digit or X), not part of a longer run nor decimals. */
const ID_NUMBER = /(?<![\dXx.])\d{17}[\dXx](?![\dXx])/g;

/** Whether 8 digits are a plausible birth date (1900–2099, the day exists): ID numbers carry one at digits 7–14. */
function birthDate(s: string): boolean {
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))];
  if (y < 1900 || y > 2099) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A personal value found in a cell: what it looks like and the masked form a message may show. */
export interface PersonalValue {
  what: "a phone number" | "an ID number";
  masked: string;
}

/** Full-width digits and Ｘ as ASCII, every other character as it is (so a masked text keeps its brackets). */
function asciiDigits(s: string): string {
  return s.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Mask a phone number (139****5678) or an ID number (330************234). */
function mask(v: string): string {
  return v.length === 11 ? `${v.slice(0, 3)}****${v.slice(7)}` : `${v.slice(0, 3)}${"*".repeat(v.length - 6)}${v.slice(-3)}`;
}

/**
 * The first phone number or ID number (with a plausible birth date) in a cell, masked.
 * @example findPersonal("王建国 13912345678") // {what: "a phone number", masked: "139****5678"}
 */
export function findPersonal(s: string): PersonalValue | undefined {
  const t = asciiDigits(s);
  for (const m of t.matchAll(ID_NUMBER)) if (birthDate(m[0].slice(6, 14))) return {what: "an ID number", masked: mask(m[0])};
  const phone = t.match(PHONE);
  return phone ? {what: "a phone number", masked: mask(phone[0])} : undefined;
}

/**
 * Replace every phone number and ID number in a text by its masked form, so no report, reject file or page shows
 * one, whichever cell or message it came through.
 */
export function maskPersonal(s: string): string {
  const t = asciiDigits(s);
  if (!new RegExp(PHONE.source).test(t) && !new RegExp(ID_NUMBER.source).test(t)) return s;
  return t.replace(ID_NUMBER, (m) => (birthDate(m.slice(6, 14)) ? mask(m) : m)).replace(PHONE, mask);
}
