/**
 * RowCheck: typed access to one raw row through the alias mapping, collecting every problem (with the field,
 * what was expected and what was found) instead of stopping at the first.
 */
import {ALIASES, hasChinese, type ColumnRole, type FileKind} from "./aliases.ts";
import {parseCode, parseCount, parseDate, parseEnum, parseNonNegative, parseNumber, splitList, type Parsed} from "./values.ts";

/** One thing wrong with a row. `detail` is the message without the file and row prefix. */
export interface Problem {
  field: string;
  expected: string;
  found: string;
  detail: string;
}

/** One thing suspicious about an accepted row. */
export interface RowWarning {
  field: string;
  detail: string;
}

/** A mapped column: its header as written, the unit found in its brackets and the factor it means. */
export interface Column {
  index: number;
  header: string;
  chinese: boolean;
  unit: string;
  /** multiplier from the header's unit to the field's own (万元 → 10 000) */
  factor: number;
  /** why the header's unit cannot be read (a numeric cell of this column is then rejected) */
  unitError?: string;
}

/** Longest `found` quoted in a message. */
const FOUND_MAX = 60;

/** Quote a found value for a message, shortened. */
export function quote(s: string): string {
  const t = s.length > FOUND_MAX ? `${s.slice(0, FOUND_MAX)}…` : s;
  return JSON.stringify(t);
}

/** Characters that take no space on screen: zero-width, BOM, soft hyphen, direction marks and isolates. */
const INVISIBLE_CLASS = "\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF";
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`);
const INVISIBLE_ALL = new RegExp(`[${INVISIBLE_CLASS}]`, "g");
const INVISIBLE_NAMES: Readonly<Record<string, string>> = {
  "\u00AD": "soft hyphen",
  "\u200B": "zero-width space",
  "\u200C": "zero-width non-joiner",
  "\u200D": "zero-width joiner",
  "\u200E": "left-to-right mark",
  "\u200F": "right-to-left mark",
  "\u2060": "word joiner",
  "\uFEFF": "byte order mark / zero-width no-break space"
};

/** "U+200B (zero-width space)" */
function invisibleName(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return `${code} (${INVISIBLE_NAMES[ch] ?? "invisible formatting character"})`;
}

/** Columns of a file by canonical field, from the header roles. */
export function columnsOf(roles: readonly ColumnRole[]): Map<string, Column> {
  const map = new Map<string, Column>();
  roles.forEach((r, index) => {
    if (r.kind === "field") map.set(r.field, {index, header: r.header, chinese: r.chinese, unit: r.unit, factor: r.factor, ...(r.unitError === undefined ? {} : {unitError: r.unitError})});
  });
  return map;
}

/** Options of a field read. */
interface FieldOptions {
  /** an empty or missing value is a problem (default true for text and codes, false for counts) */
  required?: boolean;
}

/**
 * Typed, problem-collecting access to one row. A missing column reads as empty; a required field that is
 * empty or missing is a problem naming the column.
 */
export class RowCheck {
  readonly problems: Problem[] = [];
  readonly warnings: RowWarning[] = [];

  /**
   * @param kind file kind (for the Chinese label of a missing column)
   * @param columns mapped columns of the file
   * @param cells the row's raw cells
   */
  private readonly cells: readonly string[];

  constructor(
    readonly kind: FileKind,
    private readonly columns: ReadonlyMap<string, Column>,
    cells: readonly string[]
  ) {
    this.cells = this.visible(cells);
  }

  /**
   * Remove invisible characters (zero-width space, BOM, direction marks …) from mapped cells, with a warning naming
   * each: "330999001001\u200B" looks like a code on screen but matches nothing.
   */
  private visible(cells: readonly string[]): readonly string[] {
    let out: string[] | undefined;
    for (const [field, col] of this.columns) {
      const cell = cells[col.index];
      if (cell === undefined || !INVISIBLE.test(cell)) continue;
      const found = [...new Set(cell.match(INVISIBLE_ALL))].map(invisibleName);
      out ??= [...cells];
      out[col.index] = cell.replace(INVISIBLE_ALL, "");
      this.warn(field, `invisible character${found.length > 1 ? "s" : ""} ${found.join(", ")} removed from ${quote(out[col.index])}`);
    }
    return out ?? cells;
  }

  /** Whether the file has a column for this field. */
  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** The raw cell of a field ("" when the column is missing). */
  raw(field: string): string {
    const col = this.columns.get(field);
    return col ? (this.cells[col.index] ?? "") : "";
  }

  /** Whether the field's cell is empty (or its column missing). */
  empty(field: string): boolean {
    return this.raw(field).trim() === "";
  }

  /** Raw values of every mapped field (what a reject file may show: never a dropped column). */
  values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const field of this.columns.keys()) out[field] = this.raw(field);
    return out;
  }

  /**
   * How errors name a field: the Chinese header beside the canonical name when the file used a Chinese header.
   * @example label("beds") // "床位数 (beds)" for a file headed 床位数
   */
  label(field: string): string {
    const col = this.columns.get(field);
    if (col) return col.chinese ? `${col.header} (${field})` : field;
    const zh = (ALIASES[this.kind][field] ?? []).find(hasChinese);
    return zh ? `${field} (${zh})` : field;
  }

  /** Record a problem. `detail` defaults to "expected …, found …". */
  fail(field: string, expected: string, found: string, detail?: string): undefined {
    const msg = detail ?? `expected ${expected}, found ${quote(found)}`;
    this.problems.push({field, expected, found, detail: `${this.label(field)}: ${msg}`});
    return undefined;
  }

  /** Record a warning. */
  warn(field: string, detail: string): void {
    this.warnings.push({field, detail: `${this.label(field)}: ${detail}`});
  }

  /** Whether the row has no problem so far. */
  get ok(): boolean {
    return this.problems.length === 0;
  }

  private missing(field: string, expected: string): undefined {
    if (!this.has(field)) return this.fail(field, expected, "", `column missing: the file has no ${this.label(field)} column`);
    return this.fail(field, expected, "", `expected ${expected}, found an empty cell`);
  }

  private read<T>(field: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    const found = this.raw(field);
    const hint = parsed.hint ? ` (${parsed.hint})` : "";
    return this.fail(field, parsed.expected, found, `expected ${parsed.expected}, found ${quote(found)}${hint}`);
  }

  /** A text field, trimmed. */
  text(field: string, {required = true}: FieldOptions = {}): string | undefined {
    const v = this.raw(field).trim();
    if (v === "" && required) return this.missing(field, "a text value");
    return v;
  }

  /** An administrative code of `digits` digits; undefined when empty and not required. */
  code(field: string, digits: number, {required = true}: FieldOptions = {}): string | undefined {
    if (this.empty(field)) return required ? this.missing(field, `a ${digits}-digit code`) : undefined;
    return this.read(field, parseCode(this.raw(field), digits));
  }

  /** A whole number ≥ 0; empty reads as 0 unless required. */
  count(field: string, {required = false}: FieldOptions = {}): number | undefined {
    if (this.empty(field)) return required ? this.missing(field, "a whole number ≥ 0") : 0;
    if (this.badUnit(field)) return undefined;
    return this.read(field, parseCount(this.raw(field), this.factor(field)));
  }

  /** A number ≥ 0; empty reads as 0 unless required. */
  amount(field: string, {required = false}: FieldOptions = {}): number | undefined {
    if (this.empty(field)) return required ? this.missing(field, "a number ≥ 0") : 0;
    if (this.badUnit(field)) return undefined;
    return this.read(field, parseNonNegative(this.raw(field), this.factor(field)));
  }

  /** Any finite number (coordinates, thresholds); undefined when empty and not required. */
  number(field: string, {required = true}: FieldOptions = {}): number | undefined {
    if (this.empty(field)) return required ? this.missing(field, "a number") : undefined;
    if (this.badUnit(field)) return undefined;
    return this.read(field, parseNumber(this.raw(field), this.factor(field)));
  }

  /** A whole number in [min, max]; undefined when empty and not required. */
  integerIn(field: string, min: number, max: number, {required = false}: FieldOptions = {}): number | undefined {
    const expected = `a whole number from ${min} to ${max}`;
    if (this.empty(field)) return required ? this.missing(field, expected) : undefined;
    if (this.badUnit(field)) return undefined;
    const n = parseCount(this.raw(field), 1, min);
    if (n.ok && n.value <= max) return n.value;
    return this.fail(field, expected, this.raw(field));
  }

  /** A date as YYYY-MM-DD; undefined when empty and not required. */
  date(field: string, {required = true}: FieldOptions = {}): string | undefined {
    if (this.empty(field)) return required ? this.missing(field, "a date YYYY-MM-DD") : undefined;
    return this.read(field, parseDate(this.raw(field)));
  }

  /** One of an enumeration, by synonyms; undefined when empty and not required. */
  oneOf<T extends string>(field: string, synonyms: Readonly<Record<T, readonly string[]>>, options: FieldOptions & {contains?: boolean} = {}): T | undefined {
    if (this.empty(field)) {
      if (options.required === false) return undefined;
      const expected = parseEnum("", synonyms);
      return this.missing(field, expected.ok ? "" : expected.expected);
    }
    return this.read(field, parseEnum(this.raw(field), synonyms, options.contains));
  }

  /**
   * One of an enumeration (contained synonyms accepted), or `fallback` when empty; an unrecognised value is a
   * warning and reads as `fallback`, not a problem.
   */
  oneOfOr<T extends string>(field: string, synonyms: Readonly<Record<T, readonly string[]>>, fallback: T): T {
    if (this.empty(field)) return fallback;
    const parsed = parseEnum(this.raw(field), synonyms, true);
    if (parsed.ok) return parsed.value;
    this.warn(field, `${quote(this.raw(field))} is not ${parsed.expected}: read as ${fallback}`);
    return fallback;
  }

  /**
   * The `modelled` list, keeping only canonical field names of this kind and warning about the rest.
   * @param fields canonical fields of the kind
   */
  modelled(fields: readonly string[]): string[] {
    const names = splitList(this.raw("modelled"));
    const known = names.filter((n) => fields.includes(n));
    const unknown = names.filter((n) => !fields.includes(n));
    if (unknown.length > 0) this.warn("modelled", `unknown field name(s) ${unknown.map(quote).join(", ")} ignored; expected names from ${fields.join(", ")}`);
    return known;
  }

  private factor(field: string): number {
    return this.columns.get(field)?.factor ?? 1;
  }

  /** Record a problem when the column's header names a unit the loader cannot convert. */
  private badUnit(field: string): boolean {
    const error = this.columns.get(field)?.unitError;
    if (error === undefined) return false;
    this.fail(field, "a number in a unit the loader converts", this.raw(field), `header ${error}`);
    return true;
  }
}
