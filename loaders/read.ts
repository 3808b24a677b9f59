/**
 * Readers: one table interface over CSV (any of the encodings bureaus produce), .xlsx (one sheet), GeoJSON and shapefiles
 * (loaders/shapefile.ts).
 * A reader yields raw string cells with the row number a person would look for (the CSV line, the Excel row,
 * the GeoJSON feature number, all 1-based); it never validates values. Rows it cannot parse are yielded as
 * read errors, so the caller can account for every row.
 */
import {stat} from "node:fs/promises";
import type {Geometry} from "geojson";
import type {DeclaredEncoding, Encoding} from "./encoding.ts";
import {openCsv} from "./read-csv.ts";
import {openGeoJson} from "./read-geojson.ts";
import {openShapefile} from "./shapefile.ts";
import {openXlsx} from "./read-xlsx.ts";

/** File formats a region may use, by extension. */
export type Format = "csv" | "xlsx" | "geojson" | "shapefile";

/** One data row: the header-aligned string cells, and the geometry for GeoJSON features. */
export interface RawRow {
  row: number;
  cells: string[];
  geometry?: Geometry | null;
  /** xlsx: cells holding a formula with no saved result (0-based column, formula text); their text is "" */
  unsaved?: {index: number; formula: string}[];
}

/** A row (or a run of lines) the reader could not parse; it counts as a rejected row. */
export interface ReadError {
  row: number;
  error: string;
}

/** What a reader yields after the header. */
export type RawItem = RawRow | ReadError;

/** An opened table: facts known once the header is read, and the remaining rows. */
export interface Table {
  path: string;
  format: Format;
  /** encoding used to decode the file (text formats) */
  encoding?: Encoding;
  /** the header cells as written in the file (a two-level header: parent/child) */
  headers: string[];
  /** the names the headers are mapped by, when they differ from `headers` (a two-level header: 床位数/护理型 → 护理型床位数) */
  headerKeys?: string[];
  /** xlsx: the sheet read, and the visible sheets of the workbook in order */
  sheet?: string;
  sheets?: string[];
  /** 1-based row of the header */
  headerRow: number;
  /** the delimiter, for CSV */
  delimiter?: string;
  /** notes for the report (e.g. rows before the header that were skipped) */
  notes: string[];
  /** the rows after the header; blank rows are not yielded but counted in `blankRows()` */
  rows: AsyncIterable<RawItem>;
  /** number of rows with no non-blank cell seen so far */
  blankRows(): number;
}

/** Options common to every reader. */
export interface ReadOptions {
  /** declared encoding (CSV and GeoJSON); `auto` detects */
  encoding?: DeclaredEncoding;
  /** 1-based row of the header; default: the first non-blank row */
  headerRow?: number;
  /** read as this format whatever the extension (the bytes said so: loaders/office.ts) */
  format?: Format;
  /** xlsx: the sheet to read; default: the first visible sheet with any cell */
  sheet?: string;
  /** progress callback (bytes done, bytes total); default prints to stderr for files ≥ `progressBytes` */
  onProgress?: (done: number, total: number) => void;
  /** size from which progress is printed by default (bytes) */
  progressBytes?: number;
}

/** Thrown when a whole file cannot be read (missing, wrong encoding, not a workbook, not GeoJSON). */
export class FileError extends Error {
  override name = "FileError";
}

/**
 * The format of a path, from its extension.
 * @example formatOf("data/facilities.xlsx") // "xlsx"
 */
export function formatOf(path: string): Format | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "xlsx") return "xlsx";
  if (ext === "geojson" || ext === "json") return "geojson";
  return undefined;
}

/** Whether an item is a read error. */
export function isReadError(item: RawItem): item is ReadError {
  return "error" in item;
}

/** Whether every cell is blank. */
export function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/**
 * Open a table file of any supported format and read its header.
 * @param path file path
 * @param options encoding, header row, progress
 * @throws FileError when the file cannot be read at all
 */
export async function openTable(path: string, options: ReadOptions = {}): Promise<Table> {
  if (/\.(zip|shp)$/i.test(path)) {
    const size = await fileSize(path);
    return openShapefile(path, {...options, onProgress: options.onProgress ?? defaultProgress(path, size, options.progressBytes)});
  }
  const format = options.format ?? formatOf(path);
  if (!format) throw new FileError(`unsupported file type: expected .csv, .xlsx, .geojson/.json or a shapefile (.zip, .shp), found ${JSON.stringify(path)}`);
  const size = await fileSize(path);
  const opts = {...options, onProgress: options.onProgress ?? defaultProgress(path, size, options.progressBytes)};
  if (format === "csv") return openCsv(path, size, opts);
  if (format === "xlsx") return openXlsx(path, opts);
  return openGeoJson(path, opts);
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new FileError(`not a file: ${path}`);
    return s.size;
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`file not found: ${path}`);
  }
}

/** Default progress: a line on stderr every 10 % for files of at least 20 MB. */
function defaultProgress(path: string, size: number, threshold = 20 << 20): ReadOptions["onProgress"] {
  if (size < threshold) return undefined;
  let next = 0.1;
  return (done, total) => {
    const f = total > 0 ? done / total : 1;
    if (f < next && done < total) return;
    next = Math.floor(f * 10) / 10 + 0.1;
    process.stderr.write(`reading ${path}: ${Math.round(f * 100)} % of ${(total / 1048576).toFixed(0)} MB\n`);
  };
}
