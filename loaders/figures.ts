/**
 * Figures that are absent are absent, not zero. A figure column (beds, nursing beds, meal seats, floor area, social
 * workers; a village's 65+/80+/disabled/alone) that the header does not name is a file error, unless region.json
 * declares it absent for that file:
 *
 *     "facilities": {"path": "facilities.xlsx", "crs": "GCJ-02", "absent": ["nursing_beds", "social_workers"]}
 *
 * A declared-absent figure reaches the site as "not provided" (`region.meta.absent`): pages show 未提供, the metrics
 * built on it 无数据 and the targets on them 无法评估 (grey), never a red light from zeros. A facilities file without a
 * status column is an error too, unless a default status is declared (`"default_status": "operating"`).
 */
import type {FacilityStatus} from "../src/lib/types.ts";
import {ALIASES, hasChinese, type FileKind} from "./aliases.ts";
import {parseEnum} from "./values.ts";

/** Figure fields per file kind: optional to provide, but never silently 0 when their column is missing. */
export const FIGURES: Readonly<Partial<Record<FileKind, readonly string[]>>> = {
  villages: ["pop65", "pop80", "disabled", "alone"],
  facilities: ["beds", "nursing_beds", "meal_seats", "area_m2", "social_workers"]
};

/** Figure fields declared absent, per file kind (region.meta.absent). */
export type AbsentFigures = Partial<Record<FileKind, string[]>>;

/** A field with its first Chinese alias: nursing_beds (护理型床位). */
export function fieldLabel(kind: FileKind, field: string): string {
  const zh = (ALIASES[kind][field] ?? []).find(hasChinese);
  return zh ? `${field} (${zh})` : field;
}

/**
 * Read `absent` of a file entry: an array of figure field names of that file kind.
 * @returns the fields, or undefined (with an error) when the declaration is not one
 */
export function readAbsent(kind: FileKind, v: unknown, where: string, errors: string[]): string[] | undefined {
  const figures = FIGURES[kind] ?? [];
  if (figures.length === 0) {
    errors.push(`${where}.absent: the ${kind} file has no optional figure to declare absent`);
    return undefined;
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
    errors.push(`${where}.absent: expected a list of field names such as ["nursing_beds"], found ${JSON.stringify(v)}`);
    return undefined;
  }
  const unknown = v.filter((x) => !figures.includes(x));
  if (unknown.length) {
    errors.push(`${where}.absent: ${unknown.map((x) => JSON.stringify(x)).join(", ")} ${unknown.length > 1 ? "are not figures" : "is not a figure"} of the ${kind} file; expected some of ${figures.map((f) => fieldLabel(kind, f)).join(", ")}`);
    return undefined;
  }
  return [...new Set(v as string[])];
}

/** Status words accepted by `default_status` (the canonical names or the Chinese words of a status column). */
const STATUS_WORDS: Readonly<Record<FacilityStatus, readonly string[]>> = {
  operating: ["运营", "运营中", "在营"],
  construction: ["在建", "建设中"],
  planned: ["规划", "规划中", "拟建"],
  upgrading: ["改造", "提升改造", "改造中"]
};

/** Read `default_status` of the facilities entry. */
export function readDefaultStatus(kind: FileKind, v: unknown, where: string, errors: string[]): FacilityStatus | undefined {
  if (kind !== "facilities") {
    errors.push(`${where}.default_status: only the facilities file has a status`);
    return undefined;
  }
  const parsed = typeof v === "string" ? parseEnum(v, STATUS_WORDS) : undefined;
  if (parsed?.ok) return parsed.value;
  errors.push(`${where}.default_status: expected one of operating (运营), construction (在建), planned (规划), upgrading (改造), found ${JSON.stringify(v)}`);
  return undefined;
}

/** What the loader does about a file's figure and status columns. */
export interface FigureCheck {
  /** figures not provided (declared absent): read as missing, listed in region.meta.absent */
  absent: string[];
  /** file errors: a figure column missing without a declaration, a declared-absent figure that has a column */
  errors: string[];
  /** notes: declared-absent figures, the default status applied */
  notes: string[];
}

/**
 * Check a file's header against its figures and declarations.
 * @param kind file kind
 * @param columns canonical fields the header maps
 * @param declared the file entry's `absent`
 * @param defaultStatus the file entry's `default_status`
 * @param headerInfo how the header was read, for the message ("line 1: 名称, 类型, …")
 */
export function checkFigures(kind: FileKind, columns: ReadonlySet<string>, declared: readonly string[] | undefined, defaultStatus: FacilityStatus | undefined, headerInfo: string): FigureCheck {
  const out: FigureCheck = {absent: [], errors: [], notes: []};
  const figures = FIGURES[kind] ?? [];
  const said = new Set(declared ?? []);
  const missing = figures.filter((f) => !columns.has(f) && !said.has(f));
  if (missing.length) {
    const list = missing.map((f) => fieldLabel(kind, f)).join(", ");
    out.errors.push(
      `no column for ${list}: a figure that is not found is not read as 0. Name the column (header ${headerInfo}; other names the loader knows are in loaders/aliases.ts), or, if the file really does not have it, declare it in region.json: "absent": [${missing.map((f) => JSON.stringify(f)).join(", ")}] (shown as 未提供 on the pages)`
    );
  }
  for (const f of figures) {
    if (!said.has(f)) continue;
    if (columns.has(f)) out.errors.push(`region.json declares ${fieldLabel(kind, f)} absent, but the file has a column for it: remove it from "absent" or the column from the file`);
    else out.absent.push(f);
  }
  // an undeclared missing figure is absent too (the file error stops the check and the build; nothing reads it as 0)
  out.absent.push(...missing);
  if (out.absent.length && !out.errors.length) out.notes.push(`not provided (declared absent in region.json): ${out.absent.map((f) => fieldLabel(kind, f)).join(", ")}; shown as 未提供, never as 0`);
  if (kind === "facilities") {
    if (!columns.has("status") && !defaultStatus) {
      out.errors.push(`no status column (状态): a facility's status (运营/在建/规划/改造) decides whether it counts; name the column (header ${headerInfo}), or declare the status of every row in region.json: "default_status": "operating"`);
    } else if (!columns.has("status") && defaultStatus) {
      out.notes.push(`no status column: every facility is ${defaultStatus} ("default_status" in region.json)`);
    } else if (defaultStatus) {
      out.notes.push(`"default_status": "${defaultStatus}" applies to rows whose status cell is empty`);
    }
  }
  return out;
}

/**
 * Figure columns that are in the header but empty in every row: an empty cell reads as 0, so a column nobody filled
 * in is 0 everywhere without a word. Counted while rows are read; a file-level warning names each such column.
 */
export class EmptyFigures {
  private readonly filled = new Map<string, number>();

  /** @param fields the figure fields of the file that have a column */
  constructor(private readonly kind: FileKind, fields: readonly string[]) {
    for (const f of fields) this.filled.set(f, 0);
  }

  /** Count a row's non-empty figure cells. */
  see(empty: (field: string) => boolean): void {
    for (const [f, n] of this.filled) if (!empty(f)) this.filled.set(f, n + 1);
  }

  /** The warnings: one per figure column empty in every one of `rows` rows (none when no row was read). */
  warnings(rows: number): {field: string; message: string}[] {
    if (rows === 0) return [];
    return [...this.filled].filter(([, n]) => n === 0).map(([f]) => ({field: f, message: `column ${fieldLabel(this.kind, f)} is empty in all ${rows} rows: read as 0 in every row; if the file does not have this figure, declare it in region.json ("absent": ["${f}"]) so that it shows as 未提供`}));
  }
}
