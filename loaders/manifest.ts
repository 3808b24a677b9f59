/**
 * The region manifest `region.json`: which file holds what, in which coordinate system and encoding, and the
 * region's configuration (radius overrides, ranking weights, basemap).
 */
import {unitRankingErrors} from "../src/lib/plan/unit-ranking.ts";
import {capacityConfigErrors} from "../src/lib/engine/capacity.ts";
import {upgradeCostErrors} from "../src/lib/siting/candidates.ts";
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {accessParams} from "../src/lib/engine/access.ts";
import {travelConfig} from "../src/lib/engine/network.ts";
import {BOUNDARY_STATUSES} from "../src/lib/plan/boundary-status.ts";
import {FACILITY_TYPES} from "../src/lib/facility-types.ts";
import {MAX_RADIUS_M} from "../src/lib/engine/radii.ts";
import {CRITERIA} from "../src/lib/plan/ranking.ts";
import type {FacilityStatus, FacilityType, SettlementClass} from "../src/lib/types.ts";
import {readAbsent, readDefaultStatus} from "./figures.ts";
import {FILE_KINDS, type FileKind} from "./aliases.ts";
import {parseCrs, type Crs} from "./coords.ts";
import type {DeclaredEncoding} from "./encoding.ts";
import {parseDate} from "./values.ts";

/** One entry of `files`. */
export interface FileSpec {
  path: string;
  crs?: Crs;
  encoding: DeclaredEncoding;
  optional: boolean;
  /** 1-based header row (CSV line or sheet row); default: first non-blank row (CSV) or row 1 (xlsx) */
  header_row?: number;
  /** xlsx: the sheet to read; default the first visible sheet with data */
  sheet?: string;
  /** "off": the coordinate evidence (loaders/crs-evidence.ts) is reported as a note, never an error */
  crs_check?: "on" | "off";
  /** why the check is off (required with "off"; shown on the quality page) */
  crs_check_reason?: string;
  /** figure fields the file does not provide (loaders/figures.ts): shown as 未提供, never read as 0 */
  absent?: string[];
  /** facilities: the status of every row when the file has no status column */
  default_status?: FacilityStatus;
}

/** Radius overrides in metres, per facility type and settlement class. */
export type RadiusOverrides = Partial<Record<FacilityType, Partial<Record<SettlementClass, number>>>>;

/** The region's configuration; keys other than these pass through untouched. */
export interface RegionConfig {
  radii: RadiusOverrides;
  ranking_weights: Record<string, number>;
  basemap: string | null;
  [key: string]: unknown;
}

/** A validated manifest. */
export interface Manifest {
  id: string;
  name: string;
  data_date: string;
  files: Partial<Record<FileKind, FileSpec>>;
  config: RegionConfig;
  provenance?: string;
}

/** Files a region cannot do without. */
export const REQUIRED_FILES: readonly FileKind[] = ["counties", "county_boundaries", "township_boundaries", "villages", "facilities"];

/** Files with coordinates: they must declare a crs. */
export const SPATIAL_FILES: readonly FileKind[] = ["county_boundaries", "township_boundaries", "villages", "facilities", "candidates", "roads"];

const ENCODINGS: readonly DeclaredEncoding[] = ["auto", "utf-8", "gbk", "gb18030"];
const SETTLEMENTS: readonly SettlementClass[] = ["urban", "rural", "pastoral"];

type Json = Record<string, unknown>;
/** A JSON value as a message quotes it; numbers too large for a double (1e400) read as Infinity and say so. */
const shown = (v: unknown): string => (typeof v === "number" && !Number.isFinite(v) ? `${v} (a number too large to use)` : JSON.stringify(v));
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Read and check `region.json` in a folder.
 * @param folder region folder
 * @returns the manifest (undefined when unreadable) and every problem found, in English
 */
export async function readManifest(folder: string): Promise<{manifest?: Manifest; errors: string[]; warnings: string[]}> {
  const path = join(folder, "region.json");
  let doc: unknown;
  try {
    const bytes = await readFile(path);
    // a BOM (Notepad's "UTF-8 with BOM") is fine; bytes that are not UTF-8 (Notepad's "ANSI", i.e. GBK) are not
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    let text: string;
    try {
      text = new TextDecoder("utf-8", {fatal: true}).decode(body);
    } catch {
      return {errors: ['region.json must be UTF-8: it is not (saved as GBK / "ANSI"?); save it again with the encoding UTF-8'], warnings: []};
    }
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return {errors: [`region.json: ${jsonErrorAt(text, (e as Error).message)}`], warnings: []};
    }
  } catch (e) {
    const msg = (e as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : (e as Error).message;
    return {errors: [`region.json: ${msg}`], warnings: []};
  }
  if (!isObject(doc)) return {errors: ["region.json: expected a JSON object"], warnings: []};
  const errors: string[] = [];
  const warnings: string[] = [];
  const files = readFiles(doc.files, errors, warnings);
  const config = readConfig(doc.config, errors);
  const text = (k: string, fallback: string) => (typeof doc[k] === "string" ? (doc[k] as string) : fallback);
  const data_date = readDataDate(doc.data_date, errors);
  const manifest: Manifest = {id: text("id", "region"), name: text("name", text("id", "region")), data_date, files, config};
  if (typeof doc.provenance === "string") manifest.provenance = doc.provenance;
  return {manifest, errors, warnings};
}

/**
 * A JSON syntax error with its line and column (1-based) instead of a character position, and the line itself with
 * a caret under the place: "line 5, column 3: Expected ',' or '}' after property value".
 * @param text the document as parsed
 * @param message JSON.parse's message ("… in JSON at position 57", or with "(line 5 column 3)" on newer Node)
 */
export function jsonErrorAt(text: string, message: string): string {
  const m = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  const end = /^Unexpected end of JSON input/.test(message);
  if (!m && !end) return `not valid JSON: ${message}`;
  const pos = m ? Number(m[1]) : text.length;
  const what = m ? message.slice(0, m.index) + message.slice(m.index + m[0].length) : message;
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - (before.lastIndexOf("\n") + 1) + 1;
  const source = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  const shownLine = source.length > 120 ? `${source.slice(0, 120)}…` : source;
  const caret = column <= 121 ? `\n    ${shownLine}\n    ${" ".repeat(Math.max(0, column - 1))}^` : "";
  return `not valid JSON at line ${line}, column ${column}: ${what.trim()} (a missing or extra comma, quote or bracket is the usual cause)${caret}`;
}

/**
 * The region's data date (the day the figures describe; targets and projects are evaluated on it): the date forms
 * the data files accept (2025-06-30, 2025/06/30, 2025.06.30, 2025年6月30日), normalised to YYYY-MM-DD. Anything else
 * is an error here, so the build never meets a date it cannot read.
 */
function readDataDate(v: unknown, errors: string[]): string {
  const expected = 'a day such as "2025-06-30" (also 2025/06/30, 2025.06.30, 2025年6月30日)';
  if (v === undefined || v === null || v === "") {
    errors.push(`region.json: data_date is required: expected ${expected}, the day the figures describe`);
    return "";
  }
  const parsed = typeof v === "string" ? parseDate(v) : undefined;
  if (parsed?.ok) return parsed.value;
  const hint = parsed?.hint ? ` (${parsed.hint})` : "";
  errors.push(`region.json: data_date: expected ${expected}, found ${JSON.stringify(v)}${hint}`);
  return "";
}

function readFiles(v: unknown, errors: string[], warnings: string[]): Partial<Record<FileKind, FileSpec>> {
  const out: Partial<Record<FileKind, FileSpec>> = {};
  if (!isObject(v)) {
    errors.push('region.json: expected "files" to be an object naming each file');
    return out;
  }
  for (const key of Object.keys(v)) {
    if (!FILE_KINDS.includes(key as FileKind)) warnings.push(`region.json: files.${key} is not a file of the contract (expected ${FILE_KINDS.join(", ")}); ignored`);
  }
  for (const kind of FILE_KINDS) {
    const spec = v[kind] === undefined ? undefined : readFileSpec(kind, v[kind], errors);
    if (spec) out[kind] = spec;
    else if (v[kind] === undefined && REQUIRED_FILES.includes(kind)) errors.push(`region.json: files.${kind} is required`);
  }
  return out;
}

function readFileSpec(kind: FileKind, v: unknown, errors: string[]): FileSpec | undefined {
  const where = `region.json: files.${kind}`;
  if (typeof v === "string") v = {path: v};
  if (!isObject(v) || typeof v.path !== "string" || v.path === "") {
    errors.push(`${where}: expected {"path": "…"}`);
    return undefined;
  }
  const spec: FileSpec = {path: v.path, encoding: "auto", optional: v.optional === true};
  if (v.encoding !== undefined) {
    const enc = String(v.encoding).toLowerCase() as DeclaredEncoding;
    if (ENCODINGS.includes(enc)) spec.encoding = enc;
    else errors.push(`${where}.encoding: expected one of ${ENCODINGS.join(", ")}, found ${JSON.stringify(v.encoding)}`);
  }
  if (v.crs !== undefined) {
    const crs = parseCrs(String(v.crs));
    if (crs) spec.crs = crs;
    else errors.push(`${where}.crs: expected WGS84 (CGCS2000, GPS), GCJ-02 or BD-09, found ${JSON.stringify(v.crs)}`);
  } else if (SPATIAL_FILES.includes(kind)) {
    errors.push(`${where}.crs is required for a file with coordinates: declare "WGS84", "GCJ-02" (Amap/Tencent) or "BD-09" (Baidu)`);
  }
  readCrsCheck(kind, v, spec, where, errors);
  if (v.sheet !== undefined) {
    if (typeof v.sheet === "string" && v.sheet !== "") spec.sheet = v.sheet;
    else errors.push(`${where}.sheet: expected the name of a sheet of the workbook, found ${JSON.stringify(v.sheet)}`);
  }
  if (v.absent !== undefined) {
    const absent = readAbsent(kind, v.absent, where, errors);
    if (absent) spec.absent = absent;
  }
  if (v.default_status !== undefined) {
    const status = readDefaultStatus(kind, v.default_status, where, errors);
    if (status) spec.default_status = status;
  }
  if (v.header_row !== undefined) {
    if (Number.isInteger(v.header_row) && (v.header_row as number) >= 1) spec.header_row = v.header_row as number;
    else errors.push(`${where}.header_row: expected a whole number ≥ 1, found ${JSON.stringify(v.header_row)}`);
  }
  return spec;
}

/**
 * `"crs_check": "off"` with a `"crs_check_reason"`: a file whose coordinates really are in the declared system
 * although they fit another one better (the evidence is then a note). A reason is required: it is shown on the
 * quality page beside the evidence.
 */
function readCrsCheck(kind: FileKind, v: Json, spec: FileSpec, where: string, errors: string[]): void {
  if (v.crs_check === undefined) {
    if (v.crs_check_reason !== undefined) errors.push(`${where}.crs_check_reason is given but crs_check is not "off"`);
    return;
  }
  if (v.crs_check !== "on" && v.crs_check !== "off") {
    errors.push(`${where}.crs_check: expected "on" or "off", found ${JSON.stringify(v.crs_check)}`);
    return;
  }
  if (!SPATIAL_FILES.includes(kind)) errors.push(`${where}.crs_check: only a file with coordinates has a coordinate check`);
  spec.crs_check = v.crs_check;
  if (v.crs_check === "off") {
    if (typeof v.crs_check_reason === "string" && v.crs_check_reason.trim() !== "") spec.crs_check_reason = v.crs_check_reason.trim();
    else errors.push(`${where}.crs_check "off" needs a "crs_check_reason" saying why the coordinates are right although they fit another system better (it is shown on the quality page)`);
  }
}

function readConfig(v: unknown, errors: string[]): RegionConfig {
  const config: RegionConfig = {radii: {}, ranking_weights: {}, basemap: null};
  if (v === undefined) return config;
  if (!isObject(v)) {
    errors.push("region.json: config must be an object");
    return config;
  }
  Object.assign(config, v);
  config.radii = readRadii(v.radii, errors);
  config.ranking_weights = readWeights(v.ranking_weights, errors);
  readSiting(v.siting, errors);
  errors.push(...capacityConfigErrors(v.whatif_capacity));
  readBoundaryStatus(v.boundary_status, errors);
  if (v.unit_ranking !== undefined) {
    if (!isObject(v.unit_ranking)) errors.push('region.json: config.unit_ranking must be an object keyed by township code, e.g. {"500120104": {"source": …, "weights": {…}, "weights_source": …}}');
    else for (const [code, entry] of Object.entries(v.unit_ranking)) errors.push(...unitRankingErrors(code, entry));
  }
  try {
    accessParams(v); // config.access (E2SFCA decay and standards): a malformed one is a region error, named
  } catch (e) {
    errors.push((e as Error).message);
  }
  try {
    travelConfig(v); // config.travel (road-network modes, speeds, thresholds): a malformed one is a region error, named
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (v.outside_china !== undefined && typeof v.outside_china !== "boolean") errors.push(`region.json: config.outside_china: expected true or false, found ${shown(v.outside_china)}`);
  config.basemap = typeof v.basemap === "string" ? v.basemap : null;
  if (v.issuer !== undefined && (typeof v.issuer !== "string" || v.issuer.length > 80)) errors.push(`region.json: config.issuer: expected the issuing unit's name as text of at most 80 characters (e.g. "某某县民政局", "{county}民政局"), found ${shown(v.issuer)}`);
  if (v.basemap !== undefined && v.basemap !== null && typeof v.basemap !== "string") errors.push(`region.json: config.basemap: expected a tile URL or null, found ${JSON.stringify(v.basemap)}`);
  return config;
}

function readRadii(v: unknown, errors: string[]): RadiusOverrides {
  const out: RadiusOverrides = {};
  if (v === undefined || v === null) return out;
  if (!isObject(v)) {
    errors.push("region.json: config.radii must be an object");
    return out;
  }
  for (const [type, perClass] of Object.entries(v)) {
    if (!FACILITY_TYPES.includes(type as FacilityType)) {
      errors.push(`region.json: config.radii.${type}: unknown facility type, expected one of ${FACILITY_TYPES.join(", ")}`);
      continue;
    }
    const row: Partial<Record<SettlementClass, number>> = {};
    if (!isObject(perClass)) errors.push(`region.json: config.radii.${type}: expected {"urban": m, "rural": m, "pastoral": m}, found ${JSON.stringify(perClass)}`);
    for (const [cls, m] of Object.entries(isObject(perClass) ? perClass : {})) {
      if (!SETTLEMENTS.includes(cls as SettlementClass)) errors.push(`region.json: config.radii.${type}.${cls}: expected urban, rural or pastoral`);
      else if (typeof m !== "number" || !Number.isFinite(m) || m <= 0 || m > MAX_RADIUS_M) errors.push(`region.json: config.radii.${type}.${cls}: expected a radius in metres, > 0 and ≤ ${MAX_RADIUS_M}, found ${shown(m)}`);
      else row[cls as SettlementClass] = m;
    }
    out[type as FacilityType] = row;
  }
  return out;
}

/**
 * Ranking weights: known criteria (src/lib/plan/ranking.ts CRITERIA) only, each a finite number ≥ 0, and not all 0 (the
 * score divides by their sum). The same rules rankUnits applies at build time, checked here first.
 */
function readWeights(v: unknown, errors: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (v === undefined || v === null) return out;
  if (!isObject(v)) {
    errors.push("region.json: config.ranking_weights must be an object");
    return out;
  }
  const criteria = Object.keys(CRITERIA);
  for (const [k, w] of Object.entries(v)) {
    if (!criteria.includes(k)) errors.push(`region.json: config.ranking_weights.${k}: unknown criterion, expected one of ${criteria.join(", ")}`);
    else if (typeof w === "number" && Number.isFinite(w) && w >= 0) out[k] = w;
    else errors.push(`region.json: config.ranking_weights.${k}: expected a number ≥ 0, found ${shown(w)}`);
  }
  const given = Object.keys(out);
  if (given.length > 0 && given.length === Object.keys(v).length && given.every((k) => out[k] === 0)) {
    errors.push(`region.json: config.ranking_weights: every weight is 0; at least one must be more than 0 (the score is Σ weight × figure / Σ weight)`);
  }
  return out;
}

/**
 * config.boundary_status: what the maps say the boundaries are (src/lib/plan/boundary-status.ts), per boundary file one of
 * "official", "schematic" (示意) or "modelled" (模拟).
 */
function readBoundaryStatus(v: unknown, errors: string[]): void {
  if (v === undefined || v === null) return;
  if (!isObject(v)) {
    errors.push('region.json: config.boundary_status must be an object, e.g. {"county_boundaries": "official", "township_boundaries": "official"}');
    return;
  }
  for (const [k, s] of Object.entries(v)) {
    if (k !== "county_boundaries" && k !== "township_boundaries") errors.push(`region.json: config.boundary_status.${k}: expected county_boundaries or township_boundaries`);
    else if (!(BOUNDARY_STATUSES as readonly unknown[]).includes(s)) errors.push(`region.json: config.boundary_status.${k}: expected one of ${BOUNDARY_STATUSES.join(", ")} (official: no label; schematic: 示意; modelled: 模拟), found ${shown(s)}`);
  }
}

/** Siting parameters (config.siting): the numbers the siting page reads must be finite and ≥ 0, never silently replaced. */
function readSiting(v: unknown, errors: string[]): void {
  if (v === undefined || v === null) return;
  if (!isObject(v)) {
    errors.push("region.json: config.siting must be an object");
    return;
  }
  for (const k of ["max_new_beds", "subsidy_per_bed_yuan", "area_per_bed_m2"]) {
    const n = v[k];
    if (n !== undefined && !(typeof n === "number" && Number.isFinite(n) && n >= 0)) errors.push(`region.json: config.siting.${k}: expected a number ≥ 0, found ${shown(n)}`);
  }
  errors.push(...upgradeCostErrors(v));
}
