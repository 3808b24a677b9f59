/**
 * The load report: per file, how many rows were read, accepted and rejected (with reasons), what was converted,
 * which columns were dropped; a readable text form for the CLI; and reject files for analysts.
 */
import {mkdir, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {DropReason, FileKind} from "./aliases.ts";
import type {Crs} from "./coords.ts";
import type {CrsEvidence} from "./crs-evidence.ts";
import type {Encoding} from "./encoding.ts";
import type {Format} from "./read.ts";
import {csvCell} from "../src/lib/view/csv.ts";

/**
 * A rejected row (first problem, further problems, raw values of its mapped columns) and a warning about an accepted
 * row (row 0 = the whole file): one definition, shared with the data-quality page (src/lib/plan/quality.ts).
 */
export type {QualityReject as Reject, QualityWarning as Warning} from "../src/lib/plan/quality.ts";
import type {QualityReject as Reject, QualityWarning as Warning} from "../src/lib/plan/quality.ts";

/** Everything the loader did with one file. */
export interface FileReport {
  file: FileKind;
  path: string;
  format?: Format;
  encoding?: Encoding;
  /** whether the encoding was detected from the bytes or declared in the manifest */
  encodingSource?: "detected" | "declared";
  delimiter?: string;
  /** declared coordinate system */
  crs?: Crs;
  /** points or polygons converted to WGS84 */
  converted: number;
  /** how the coordinates fit the declared system and the others (loaders/crs-evidence.ts) */
  crsEvidence?: CrsEvidence;
  /** data rows read (blank rows excluded) = accepted + rejected.length */
  rowsRead: number;
  accepted: number;
  rejected: Reject[];
  warnings: Warning[];
  droppedColumns: {column: string; reason: DropReason}[];
  unknownColumns: string[];
  blankRows: number;
  /** totals (合计), note (注：…), section-heading and repeated-header rows skipped, not counted as read (loaders/office.ts) */
  totalsRows: number;
  /** what was found about the file's layout: its real format, header row, two-level header, sheet, totals rows */
  detections: string[];
  /** file-level errors: missing file, unreadable, encoding mismatch, missing column */
  errors: string[];
  notes: string[];
}

/** The report of a region load. */
export interface LoadReport {
  folder: string;
  /** manifest-level errors and warnings */
  errors: string[];
  warnings: string[];
  files: FileReport[];
}

/** A new, empty file report. */
export function emptyFileReport(file: FileKind, path: string): FileReport {
  return {file, path, converted: 0, rowsRead: 0, accepted: 0, rejected: [], warnings: [], droppedColumns: [], unknownColumns: [], blankRows: 0, totalsRows: 0, detections: [], errors: [], notes: []};
}

/** Total rejected rows over all files. */
export function rejectCount(report: LoadReport): number {
  return report.files.reduce((n, f) => n + f.rejected.length, 0);
}

/** Total errors (manifest and file level; rejected rows not included). */
export function errorCount(report: LoadReport): number {
  return report.errors.length + report.files.reduce((n, f) => n + f.errors.length, 0);
}

/**
 * The CLI's exit code: 1 when there is any manifest or file error, or any rejected row unless
 * `allowRejects`; 0 otherwise. Warnings never fail.
 */
export function exitCode(report: LoadReport, {allowRejects = false} = {}): 0 | 1 {
  if (errorCount(report) > 0) return 1;
  return rejectCount(report) > 0 && !allowRejects ? 1 : 0;
}

/** The word for a row number in a format: line (CSV), row (xlsx), feature (GeoJSON, shapefile). */
export function rowWord(format: Format | undefined): string {
  return format === "xlsx" ? "row" : format === "geojson" || format === "shapefile" ? "feature" : "line";
}

/** Options of the text report. */
export interface FormatOptions {
  /** rejects and warnings shown per file before "… and N more" (default 20) */
  limit?: number;
}

/**
 * A readable report: per-file counts, encoding, crs conversion, dropped columns, rejects and warnings.
 * @example console.log(formatReport(report))
 */
export function formatReport(report: LoadReport, {limit = 20}: FormatOptions = {}): string {
  const out: string[] = [`Region ${report.folder}`];
  for (const e of report.errors) out.push(`  ERROR ${e}`);
  for (const w of report.warnings) out.push(`  warning ${w}`);
  for (const f of report.files) out.push("", ...formatFile(f, limit));
  const rejects = rejectCount(report);
  const errors = errorCount(report);
  const warnings = report.warnings.length + report.files.reduce((n, f) => n + f.warnings.length, 0);
  out.push("", `Total: ${report.files.reduce((n, f) => n + f.rowsRead, 0)} rows read, ${report.files.reduce((n, f) => n + f.accepted, 0)} accepted, ${rejects} rejected; ${errors} error(s), ${warnings} warning(s)`);
  return out.join("\n");
}

function formatFile(f: FileReport, limit: number): string[] {
  const head = `${f.file} — ${f.path}`;
  const facts = [
    f.format,
    f.encoding && `encoding ${f.encoding} (${f.encodingSource})`,
    f.delimiter && f.delimiter !== "," && `delimiter ${JSON.stringify(f.delimiter)}`,
    f.crs && (f.crs === "WGS84" ? "crs WGS84" : `crs ${f.crs} → WGS84 (${f.converted} converted)`)
  ].filter(Boolean);
  const lines = [head, `  ${facts.join(", ")}`, `  rows read ${f.rowsRead} = accepted ${f.accepted} + rejected ${f.rejected.length}${f.blankRows ? ` (${f.blankRows} blank rows skipped)` : ""}${f.totalsRows ? ` (${f.totalsRows} totals, note or heading rows skipped)` : ""}`];
  for (const e of f.errors) lines.push(`  ERROR ${e}`);
  for (const d of f.detections ?? []) lines.push(`  detected: ${d}`);
  for (const n of f.notes) lines.push(`  note: ${n}`);
  const dropped = f.droppedColumns.map((d) => `${d.column} (${d.reason})`);
  if (dropped.length) lines.push(`  dropped columns: ${dropped.join(", ")}`);
  if (f.unknownColumns.length) lines.push(`  unknown columns (not used): ${f.unknownColumns.join(", ")}`);
  lines.push(...capped(f.rejected.map((r) => `  REJECT ${r.message}${r.more.length ? `; also: ${r.more.join("; ")}` : ""}`), limit, "rejected rows", "write them all with --rejects <dir>"));
  lines.push(...capped(f.warnings.map((w) => `  warning ${w.message}`), limit, "warnings", "see them all with --json or --limit"));
  return lines;
}

function capped(lines: string[], limit: number, what: string, how: string): string[] {
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `  … and ${lines.length - limit} more ${what} (${how})`];
}

/**
 * Write one CSV per file with rejected rows (UTF-8 with BOM so Excel opens it): the row number, the first
 * problem, all messages, then the raw values of the row's mapped columns (never a dropped personal column). Cells
 * are written by the site's own CSV writer (src/lib/view/csv.ts): a raw value such as `=HYPERLINK(…)` or `@SUM(…)` from
 * the bureau's file is prefixed with ' so a spreadsheet shows it instead of running it.
 * @param report a load report
 * @param dir output folder (created)
 * @returns the paths written
 */
export async function writeRejects(report: LoadReport, dir: string): Promise<string[]> {
  await mkdir(dir, {recursive: true});
  const written: string[] = [];
  for (const f of report.files) {
    if (f.rejected.length === 0) continue;
    const fields = [...new Set(f.rejected.flatMap((r) => Object.keys(r.values)))];
    const header = ["row", "field", "expected", "found", "message", ...fields];
    const rows = f.rejected.map((r) => [r.row, r.field, r.expected, r.found, [r.message, ...r.more].join("; "), ...fields.map((k) => r.values[k] ?? "")]);
    const path = join(dir, `${f.file}.rejects.csv`);
    await writeFile(path, "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n", "utf8");
    written.push(path);
  }
  return written;
}
