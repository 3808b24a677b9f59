/**
 * loadRegion: read a region folder (manifest + files) into the typed records of `src/lib/types.ts` and a report
 * that accounts for every row. A rejected row never reaches the records; rows read = accepted + rejected, per
 * file, asserted.
 */
import {readFile, stat} from "node:fs/promises";
import {area as turfArea} from "@turf/turf";
import {join} from "node:path";
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {townshipKind} from "../src/lib/facility-types.ts";
import {INDICATORS} from "../src/lib/plan/targets.ts";
import type {AbsentFigures, CandidateSite, County, Facility, ProjectItem, SettlementClass, Target, Township, Village} from "../src/lib/types.ts";
import {checkFigures, EmptyFigures, FIGURES} from "./figures.ts";
import {checkPlausible, checkRawPlausible} from "./plausible.ts";
import {aliasField, mapHeaders, type ColumnRole, type FileKind} from "./aliases.ts";
import {columnsOf, RowCheck, type Column, type Problem} from "./check.ts";
import {AreaIndex} from "../src/lib/engine/spatial.ts";
import {crsEvidence, recordEvidence, sampleOf, type EvidenceInput, type PointKind, type PointSample} from "./crs-evidence.ts";
import {readManifest, REQUIRED_FILES, type FileSpec, type Manifest, type RegionConfig} from "./manifest.ts";
import {openOffice, type OfficeTable} from "./office.ts";
import {FileError, isBlank, isReadError, type RawRow, type ReadOptions, type Table} from "./read.ts";
import {emptyFileReport, rowWord, type FileReport, type LoadReport} from "./report.ts";
import {findPersonal, maskPersonal, parseCode} from "./values.ts";
import {roadNetworkNote, roadRow, type RoadRecord} from "./roads.ts";
import {candidateRow, countyBoundaryRow, countyRow, facilityRow, projectRow, targetRow, townshipRow, villageRow, type Boundary, type Ctx} from "./validate.ts";

/** Properties of a county boundary feature in the loaded region. */
export interface CountyProps {
  code: string;
  name: string;
  modelled: string[];
}

/** Properties of a township boundary feature in the loaded region. */
export interface TownshipProps extends CountyProps {
  county_code: string;
  settlement: SettlementClass;
}

/** The region's identity and provenance. */
export interface RegionMeta {
  id: string;
  name: string;
  data_date: string;
  folder: string;
  /** the parsed provenance file, when the manifest names one */
  provenance?: unknown;
  /** figures the files do not provide (region.json "absent"): pages show 未提供, metrics 无数据, targets 无法评估 */
  absent: AbsentFigures;
}

/** A loaded region: records in WGS84, boundaries as GeoJSON. */
export interface Region {
  counties: County[];
  countyBoundaries: FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  townships: Township[];
  townshipBoundaries: FeatureCollection<Polygon | MultiPolygon, TownshipProps>;
  villages: Village[];
  facilities: Facility[];
  targets: Target[];
  projects: ProjectItem[];
  candidates: CandidateSite[];
  /** the road network, when region.json names a roads file (loaders/roads.ts); absent: straight-line radii */
  roads?: RoadRecord[];
  config: RegionConfig;
  meta: RegionMeta;
}

/** Options of loadRegion. */
export interface LoadOptions {
  /** known target indicator keys; default: the keys of the INDICATORS registry of src/lib/plan/targets.ts */
  indicators?: readonly string[];
  /** progress of large files (bytes done, total); default prints to stderr for files ≥ 20 MB */
  onProgress?: ReadOptions["onProgress"];
}

/** Columns without which no row of a file can be accepted. */
const REQUIRED_COLUMNS: Readonly<Record<FileKind, readonly string[]>> = {
  counties: ["county_code", "name", "pop_total", "pop60", "pop65", "pop80"],
  county_boundaries: ["county_code"],
  township_boundaries: ["township_code", "name"],
  villages: ["village_code", "name", "lng", "lat", "pop60"],
  facilities: ["name", "type", "lng", "lat"],
  targets: ["id", "indicator", "scope", "scope_code", "comparator", "threshold", "deadline", "source"],
  projects: ["id", "project", "county_code", "item", "deadline", "status"],
  candidates: ["name", "lng", "lat"],
  roads: []
};

/**
 * Project quantities that read as 0 when their column is absent, with a file-level warning. The figures of villages
 * and facilities are stricter (loaders/figures.ts): a missing column is an error unless region.json declares it absent.
 */
const ZERO_WHEN_ABSENT: Partial<Record<FileKind, readonly string[]>> = {
  projects: ["planned_qty", "done_qty", "budget_yuan"]
};

/** Prefix of generated ids for files without an id column. */
const GENERATED_ID: Partial<Record<FileKind, string>> = {facilities: "F-", candidates: "C-", roads: "R-"};

/** The field that must be unique in each file. */
const KEY_FIELD: Readonly<Record<FileKind, string>> = {
  counties: "county_code",
  county_boundaries: "county_code",
  township_boundaries: "township_code",
  villages: "village_code",
  facilities: "id",
  targets: "id",
  projects: "id",
  candidates: "id",
  roads: "id"
};

/** An accepted row, kept with its check so a later cross-file check can still reject it. */
interface Accepted<T> {
  row: number;
  value: T;
  check: RowCheck;
}

/** The outcome of one file. */
interface Loaded<T> {
  rows: Accepted<T>[];
  report: FileReport;
  /** the key cell of each rejected row (even a misaligned one: only matched, never shown) */
  rejectedKeys: {raw: string; row: number}[];
  /** figure fields the file does not provide (loaders/figures.ts) */
  absent?: string[];
}

/** Validates one row; `id` is a generated id when the file has no id column. */
type RowValidator<T> = (c: RowCheck, raw: RawRow, id: string | undefined) => T | undefined;

/**
 * Load a region folder.
 * @param folder folder holding `region.json`
 * @param options known indicators, progress callback
 * @returns the region (only accepted rows) and the report (every row read, accepted or rejected with reasons)
 * @example const {region, report} = await loadRegion("data/default");
 */
export async function loadRegion(folder: string, options: LoadOptions = {}): Promise<{region: Region; report: LoadReport}> {
  const {manifest, errors, warnings} = await readManifest(folder);
  const report: LoadReport = {folder, errors, warnings, files: []};
  const m: Manifest = manifest ?? {id: "region", name: "region", data_date: "", files: {}, config: {radii: {}, ranking_weights: {}, basemap: null}};
  const ctx: Ctx = {crs: "WGS84", counties: new Map(), townships: new Map(), region: new AreaIndex([]), townshipAreas: new AreaIndex([]), facilityIds: new Set(), converted: {n: 0}};
  ctx.outsideChina = m.config.outside_china === true;
  ctx.indicators = new Set(options.indicators ?? INDICATORS.keys());
  ctx.indicatorScopes = new Map([...INDICATORS.values()].map((i) => [i.key, i.scopes]));
  ctx.indicatorUnits = new Map([...INDICATORS.values()].map((i) => [i.key, i.unit]));
  ctx.indicatorLabels = new Map([...INDICATORS.values()].map((i) => [i.key, i.label]));
  const load = <T>(kind: FileKind, validate: RowValidator<T>, key: (t: T) => string) => loadFile(folder, kind, m.files[kind], validate, key, ctx, report, options);

  const rejected = {counties: new Map<string, string>(), townships: new Map<string, string>(), facilities: new Map<string, string>()};
  ctx.rejected = rejected;
  const counties = await load("counties", (c) => countyRow(c), (t) => t.code);
  rejectedKeys(counties, (v) => codeOf(v, 6), rejected.counties);
  ctx.counties = new Map(values(counties).map((c) => [c.code, c]));
  const countyB = await load("county_boundaries", (c, raw) => countyBoundaryRow(c, raw.geometry, ctx), (t) => t.code);
  ctx.region = new AreaIndex(values(countyB).map((b) => ({key: b.code, geometry: b.geometry})));
  fillCountyAreas(values(counties), values(countyB), countyB.report);
  const townshipB = await load("township_boundaries", (c, raw) => townshipRow(c, raw.geometry, ctx), (t) => t.township.code);
  ctx.townships = new Map(values(townshipB).map((t) => [t.township.code, t.township]));
  noteZones(values(townshipB).map((t) => t.township), townshipB.report);
  rejectedKeys(townshipB, (v) => codeOf(v, 9), rejected.townships);
  ctx.townshipAreas = new AreaIndex(values(townshipB).map((t) => ({key: t.township.code, geometry: t.boundary.geometry})));
  if (ctx.region.size === 0) report.warnings.push("no county boundary loaded: points were not checked against the region outline");
  const samples: EvidenceInput["samples"] = {};
  const collect = (kind: PointKind) => {
    const into: PointSample[] = (samples[kind] = []);
    ctx.onPoint = (c, raw) => into.push(sampleOf(kind, (f) => c.raw(f), raw));
  };
  collect("villages");
  const villages = await load("villages", (c) => villageRow(c, ctx), (t) => t.code);
  collect("facilities");
  const facilities = await load("facilities", (c, _raw, id) => facilityRow(c, ctx, id), (t) => t.id);
  unlinkUnknownCentres(facilities);
  warnUnknownVillages(facilities, new Set(values(villages).map((v) => v.code)));
  ctx.facilityIds = new Set(values(facilities).map((f) => f.id));
  rejectedKeys(facilities, (v) => v.trim() || undefined, rejected.facilities);
  collect("candidates");
  const candidates = await load("candidates", (c, _raw, id) => candidateRow(c, ctx, id), (t) => t.id);
  delete ctx.onPoint;
  const targets = await load("targets", (c) => targetRow(c, ctx), (t) => t.id);
  const projects = await load("projects", (c) => projectRow(c, ctx), (t) => t.id);
  const roads = m.files.roads ? await load("roads", (c, raw, id) => roadRow(c, raw.geometry, ctx, id), (t) => t.id) : undefined;
  if (roads?.rows.length) roads.report.notes.push(roadNetworkNote(values(roads), m.config));

  const region: Region = {
    counties: values(counties),
    countyBoundaries: collection(values(countyB).map((b) => feature(b, {code: b.code, name: b.name, modelled: b.modelled}))),
    townships: values(townshipB).map((t) => t.township),
    townshipBoundaries: collection(values(townshipB).map(({township: t, boundary: b}) => feature(b, {code: t.code, name: t.name, county_code: t.county_code, settlement: t.settlement, modelled: t.modelled}))),
    villages: values(villages),
    facilities: values(facilities),
    targets: values(targets),
    projects: values(projects),
    candidates: values(candidates),
    ...(roads?.rows.length ? {roads: values(roads)} : {}),
    config: m.config,
    meta: {id: m.id, name: m.name, data_date: m.data_date, folder, absent: absentOf({villages, facilities}), ...(await provenance(folder, m, report))}
  };
  checkCoordinates(region, m, samples, report);
  for (const f of report.files) assertAccounted(f);
  return {region, report};
}

/**
 * Load one file: open, map headers, validate every row, reject duplicates of the key field.
 */
async function loadFile<T>(
  folder: string,
  kind: FileKind,
  spec: FileSpec | undefined,
  validate: RowValidator<T>,
  key: (t: T) => string,
  ctx: Ctx,
  report: LoadReport,
  options: LoadOptions
): Promise<Loaded<T>> {
  const out: Loaded<T> = {rows: [], report: emptyFileReport(kind, spec?.path ?? ""), rejectedKeys: []};
  if (!spec) return out;
  report.files.push(out.report);
  ctx.crs = spec.crs ?? "WGS84";
  ctx.converted.n = 0;
  const table = await openFile(folder, kind, spec, out.report, options);
  if (!table) return out;
  const roles = describeColumns(kind, table, out.report);
  const personal = roles.filter((r) => r.kind === "dropped" && r.reason === "personal").map((r) => r.header);
  const columns = columnsOf(roles);
  const synthetic = pointColumns(kind, table, columns);
  const missing = REQUIRED_COLUMNS[kind].filter((f) => !columns.has(f) && !(f === "id" && GENERATED_ID[kind]));
  const figures = checkFigures(kind, new Set(columns.keys()), spec.absent, spec.default_status, headerInfo(table));
  // without its required columns the header is not this file's: that error says it, figure errors would be noise
  if (!missing.length) out.report.errors.push(...figures.errors);
  out.report.notes.push(...figures.notes);
  out.absent = figures.absent;
  ctx.defaultStatus = spec.default_status;
  const absent = (ZERO_WHEN_ABSENT[kind] ?? []).filter((f) => !columns.has(f));
  if (absent.length) out.report.warnings.push({row: 0, field: absent[0], message: `${out.report.path}: no column for ${absent.join(", ")}: read as 0 in every row`});
  if (kind === "projects" && !columns.has("spent_yuan")) out.report.notes.push("no spent_yuan column (已支出): spending and the cost risk are shown as 未提供, never 0");
  const generate = GENERATED_ID[kind] && !columns.has("id") ? GENERATED_ID[kind] : undefined;
  if (generate) out.report.notes.push(`no id column: ids generated from the ${rowWord(table.format)} number (${generate}<n>)`);
  const firstSeen = new Map<string, number>();
  const emptyFigures = new EmptyFigures(kind, (FIGURES[kind] ?? []).filter((f) => columns.has(f)));
  for await (const item of table.rows) {
    out.report.rowsRead++;
    if (isReadError(item)) {
      addReject(out.report, item.row, [{field: "(row)", expected: "a readable row", found: "", detail: item.error}], {});
      continue;
    }
    const cells = synthetic ? [...item.cells, ...synthetic(item)] : item.cells;
    const check = new RowCheck(kind, columns, cells);
    emptyFigures.see((f) => check.empty(f));
    const misaligned = rowWidth(check, item.cells, table.headers.length, table.format === "csv", personal);
    if (!misaligned) personalCells(check);
    unsavedFormulas(check, roles, item.unsaved);
    if (check.ok) checkRawPlausible(kind, check, {outsideChina: ctx.outsideChina});
    const value = check.ok ? validate(check, item, generate ? `${generate}${item.row}` : undefined) : undefined;
    if (value !== undefined && check.ok) checkPlausible(kind, check, value as object);
    if (value !== undefined && check.ok) duplicate(check, key(value), KEY_FIELD[kind], item.row, firstSeen, table);
    // a misaligned row's cells are not its fields' values (a dropped column's cell may sit under a mapped header)
    if (value === undefined || !check.ok) {
      addReject(out.report, item.row, check.problems, misaligned ? {} : check.values());
      out.rejectedKeys.push({raw: check.raw(KEY_FIELD[kind]), row: item.row});
    }
    else {
      out.rows.push({row: item.row, value, check});
      addWarnings(out.report, item.row, check);
    }
  }
  out.report.blankRows = table.blankRows();
  for (const w of emptyFigures.warnings(out.report.rowsRead)) out.report.warnings.push({row: 0, field: w.field, message: `${out.report.path}: ${w.message}`});
  out.report.totalsRows = table.totalsRows();
  // (read after the rows: totals rows are found while reading)
  out.report.detections.push(...table.detections);
  if (missing.length && !((table.format === "geojson" || table.format === "shapefile") && out.report.rowsRead === 0)) {
    // (a GeoJSON file with no feature has no property names at all: "no features" says it, not missing columns)
    const droppedFor = roles.flatMap((r) => (r.kind === "dropped" && missing.includes(aliasField(kind, r.header) ?? "") ? [`${JSON.stringify(r.header)} would be ${aliasField(kind, r.header)}, but its header names personal data, so it was dropped`] : []));
    const seen = table.headers.filter((h) => h.trim()).slice(0, 8).map((h) => JSON.stringify(h)).join(", ");
    const where = table.format === "geojson" || droppedFor.length ? "" : `; the header was read from ${rowWord(table.format)} ${table.headerRow}${table.sheet ? ` of sheet ${JSON.stringify(table.sheet)}` : ""} (${seen || "no names"}): if the header is another row set "header_row" in region.json${table.format === "xlsx" ? `, if the data is on another sheet set "sheet"${table.sheets && table.sheets.length > 1 ? ` (sheets: ${table.sheets.map((x) => JSON.stringify(x)).join(", ")})` : ""}` : ""}`;
    out.report.errors.push(`missing required column(s): ${missing.join(", ")}; every row is rejected${droppedFor.length ? ` (${droppedFor.join("; ")})` : ""}${where}`);
  }
  if (out.report.rowsRead === 0 && REQUIRED_FILES.includes(kind)) {
    out.report.errors.push(table.format === "geojson" || table.format === "shapefile" ? "no features: a required file must hold at least one" : `no data rows: the file has only a header${out.report.blankRows ? ` and ${out.report.blankRows} blank row(s)` : ""}; a required file must hold at least one row`);
  }
  out.report.accepted = out.rows.length;
  out.report.converted = ctx.converted.n;
  return out;
}

/** The figures each file does not provide, for region.meta.absent (files with none are left out). */
function absentOf(files: {villages: Loaded<unknown>; facilities: Loaded<unknown>}): AbsentFigures {
  const out: AbsentFigures = {};
  for (const [kind, loaded] of Object.entries(files) as [keyof AbsentFigures, Loaded<unknown>][]) if (loaded.absent?.length) out[kind] = loaded.absent;
  return out;
}

/** How the header was read, for messages: "line 1: 名称, 类型, …". */
function headerInfo(table: Table): string {
  const names = table.headers.filter((h) => h.trim()).slice(0, 12).map((h) => JSON.stringify(h)).join(", ");
  return `${rowWord(table.format)} ${table.headerRow}${table.sheet ? ` of sheet ${JSON.stringify(table.sheet)}` : ""}: ${names || "no names"}`;
}

/** Open a file, recording a file-level error instead of throwing. */
async function openFile(folder: string, kind: FileKind, spec: FileSpec, report: FileReport, options: LoadOptions): Promise<OfficeTable | undefined> {
  report.crs = spec.crs;
  if ((kind.endsWith("_boundaries") || kind === "roads") && !/\.((geo)?json|zip|shp)$/i.test(spec.path)) {
    report.errors.push(`a ${kind === "roads" ? "roads" : "boundary"} file must be GeoJSON (.geojson or .json) or a shapefile (.zip of .shp/.shx/.dbf/.prj/.cpg, or a .shp with them beside it), found ${JSON.stringify(spec.path)}`);
    return undefined;
  }
  if (spec.optional && !(await exists(join(folder, spec.path)))) {
    report.notes.push(`optional file not found: no ${kind} loaded ("optional": true in region.json)`);
    return undefined;
  }
  try {
    const table = await openOffice(join(folder, spec.path), {encoding: spec.encoding, headerRow: spec.header_row, sheet: spec.sheet, onProgress: options.onProgress, model: {kind, required: REQUIRED_COLUMNS[kind]}});
    report.format = table.format;
    report.encoding = table.encoding;
    if (table.encoding) report.encodingSource = spec.encoding === "auto" ? "detected" : "declared";
    if (table.delimiter) report.delimiter = table.delimiter;
    report.notes.push(...table.notes);
    return table;
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    report.errors.push(e.message);
    return undefined;
  }
}

/**
 * Remember where each rejected row's key was (first rejection wins; a key also accepted elsewhere is not
 * "rejected"), so a row depending on it can say its township or county was rejected, not missing.
 */
function rejectedKeys<T>(loaded: Loaded<T>, key: (raw: string) => string | undefined, into: Map<string, string>): void {
  const {report} = loaded;
  for (const r of loaded.rejectedKeys) {
    const k = key(r.raw);
    if (k !== undefined && !into.has(k)) into.set(k, `${report.path} ${rowWord(report.format)} ${r.row}`);
  }
}

function codeOf(raw: string, digits: number): string | undefined {
  const p = parseCode(raw, digits);
  return p.ok ? p.value : undefined;
}

/** Whether a path exists (anything at it: a folder at a file's path is the reader's error to report). */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Map the header and record dropped, unknown and duplicate columns in the report. */
function describeColumns(kind: FileKind, table: Table, report: FileReport): ColumnRole[] {
  // a two-level header is mapped by its resolved names (床位数/护理型 → 护理型床位数) and reported by its own
  const roles = mapHeaders(kind, table.headerKeys ?? table.headers).map((r, i) => ({...r, header: table.headers[i] ?? r.header}));
  for (const r of roles) {
    if (r.kind === "dropped") report.droppedColumns.push({column: r.header, reason: r.reason});
    else if (r.kind === "unknown" && r.header !== "") report.unknownColumns.push(r.header);
    else if (r.kind === "field" && r.unitError !== undefined) report.errors.push(`column ${JSON.stringify(r.header)} (${r.field}): ${r.unitError}; its non-empty cells are rejected`);
    else if (r.kind === "duplicate") report.warnings.push({row: 0, field: r.field, message: `${report.path}: column ${JSON.stringify(r.header)} is a second column for ${r.field}; the first one is used`});
    if (r.kind === "field" && r.remarks) report.notes.push(`column ${JSON.stringify(r.header)} (${r.field}): bracketed ${r.remarks.map((x) => JSON.stringify(x)).join(", ")} read as a remark, not a unit`);
  }
  return roles;
}

/**
 * For a GeoJSON file of points without lng/lat properties, add lng/lat columns read from the Point geometry.
 * @returns a function giving the extra cells of a row, or undefined when not needed
 */
function pointColumns(kind: FileKind, table: Table, columns: Map<string, Column>): ((r: RawRow) => string[]) | undefined {
  if ((table.format !== "geojson" && table.format !== "shapefile") || !["villages", "facilities", "candidates"].includes(kind) || columns.has("lng") || columns.has("lat")) return undefined;
  const n = table.headers.length;
  columns.set("lng", {index: n, header: "geometry", chinese: false, unit: "", factor: 1});
  columns.set("lat", {index: n + 1, header: "geometry", chinese: false, unit: "", factor: 1});
  return (r) => {
    const c: unknown = r.geometry?.type === "Point" ? r.geometry.coordinates : undefined;
    return Array.isArray(c) ? [String(c[0] ?? ""), String(c[1] ?? "")] : ["", ""];
  };
}

/**
 * A CSV row with more cells than the header has columns is misaligned (an unquoted comma inside a value, usually:
 * 12,800 written for 12800 shifts every later cell one column right, and the last one lands beyond the header even
 * when it is blank). The header's own width counts its trailing empty columns, so an Excel export whose header ends
 * in empty columns still fits. A CSV row with fewer cells is misaligned too when the file has a personal column: a
 * lost separator may have moved that column's cell under a mapped header. In a sheet, cells are never shifted: only
 * non-blank cells beyond the header count.
 * @returns whether the row is misaligned (a problem is recorded)
 */
function rowWidth(check: RowCheck, cells: readonly string[], width: number, csv: boolean, personal: readonly string[]): boolean {
  const n = cells.length;
  if (n > width && (csv || !isBlank(cells.slice(width)))) {
    check.problems.push({field: "(row)", expected: `${width} cells`, found: `${n} cells`, detail: `the row has ${n} cells but the header has ${width} columns (an unquoted comma inside a value?)`});
    return true;
  }
  if (csv && n < width && personal.length > 0) {
    const which = personal.map((h) => JSON.stringify(h)).join(", ");
    check.problems.push({field: "(row)", expected: `${width} cells`, found: `${n} cells`, detail: `the row has ${n} cells but the header has ${width} columns (a lost separator?): with the personal column ${which} in the file its cells cannot be matched to columns, so none is read`});
    return true;
  }
  return false;
}

/** A mapped cell holding a formula with no saved result is a problem: its value is unknown, not empty or 0. */
function unsavedFormulas(check: RowCheck, roles: readonly ColumnRole[], unsaved: RawRow["unsaved"]): void {
  for (const {index, formula} of unsaved ?? []) {
    const role = roles[index];
    if (role?.kind === "field") check.fail(role.field, "a value", formula, `formula ${formula} has no saved value: open and save the file in Excel or WPS`);
  }
}

/**
 * Reject a row with a phone number or an ID number in any mapped cell (a note, a name, a shifted cell): personal data
 * must not be in the file at all. The message shows the value masked (139****5678), never whole.
 */
function personalCells(check: RowCheck): void {
  for (const field of Object.keys(check.values())) {
    const found = findPersonal(check.raw(field));
    if (found) check.fail(field, "no personal data", found.masked, `looks like ${found.what} (${found.masked}): personal data must not be in this file; remove it from the source file`);
  }
}

/** Reject a second row with the same key. */
function duplicate(check: RowCheck, key: string, field: string, row: number, firstSeen: Map<string, number>, table: Table): void {
  const first = firstSeen.get(key);
  if (first === undefined) firstSeen.set(key, row);
  else check.fail(field, "a unique value", key, `duplicate ${field} ${JSON.stringify(key)}: already used at ${rowWord(table.format)} ${first}`);
}

/** Record a rejected row; the message names file, row, field (with its Chinese header), expected and found. */
function addReject(report: FileReport, row: number, problems: readonly Problem[], values: Record<string, string>): void {
  const where = `${report.path} ${rowWord(report.format)} ${row}`;
  const [first, ...rest] = problems.length ? problems : [{field: "(row)", expected: "", found: "", detail: "rejected"}];
  // every text of a reject is masked: a phone or ID number quoted by any check never reaches a report or page
  // a GeoJSON or Shapefile attribute may be a number, null or an object: quoted as text, then masked
  const m = (x: unknown): string => maskPersonal(typeof x === "string" ? x : x === undefined || x === null ? "" : (JSON.stringify(x) ?? String(x)));
  const masked = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, m(v)]));
  report.rejected.push({row, field: first.field, expected: first.expected, found: m(first.found), message: m(`${where}: ${first.detail}`), more: rest.map((p) => m(p.detail)), values: masked});
}

function addWarnings(report: FileReport, row: number, check: RowCheck): void {
  const where = `${report.path} ${rowWord(report.format)} ${row}`;
  for (const w of check.warnings) report.warnings.push({row, field: w.field, message: `${where}: ${w.detail}`});
}

/**
 * Reject accepted rows that fail a check needing the whole file (e.g. a link to another row's id).
 * @param problem returns the problem of a row given all accepted keys, or undefined
 */
/**
 * A station whose `linked_centre` names no accepted facility keeps serving: the link is cleared and a warning names
 * the row (a typo in an optional link must not take an operating station out of the coverage).
 */
function unlinkUnknownCentres(loaded: Loaded<Facility>): void {
  const ids = new Set(loaded.rows.map((r) => r.value.id));
  for (const r of loaded.rows) {
    const id = r.value.linked_centre;
    if (id === undefined || ids.has(id)) continue;
    delete r.value.linked_centre;
    loaded.report.warnings.push({row: r.row, field: "linked_centre", message: `${loaded.report.path} ${rowWord(loaded.report.format)} ${r.row}: linked_centre ${JSON.stringify(id)} is no accepted facility's id; the link is ignored`});
  }
}

/** A facility naming a village code that is not in the villages file: warn (metrics then use the nearest village). */
function warnUnknownVillages(loaded: Loaded<Facility>, villages: ReadonlySet<string>): void {
  for (const r of loaded.rows) {
    const code = r.value.village_code;
    if (code === undefined || villages.has(code)) continue;
    loaded.report.warnings.push({row: r.row, field: "village_code", message: `${loaded.report.path} ${rowWord(loaded.report.format)} ${r.row}: village_code ${code} is not in the villages file; the facility is placed by its coordinates only`});
  }
}

/**
 * Units coded 400–599 (类似乡级单位: development zones, farms, parks) are left out of a county's township-centre share
 * by rule (src/lib/plan/metrics.ts): a note names them, so the exclusion is never silent.
 */
function noteZones(townships: readonly Township[], report: FileReport): void {
  const zones = townships.filter((t) => townshipKind(t.code) === "zone");
  if (zones.length) report.notes.push(`${zones.length} unit(s) coded 400–599 (类似乡级单位: development zones, farms, parks) are not counted in a county's township-centre share (乡镇综合养老服务中心覆盖率): ${zones.map((t) => `${t.name} ${t.code}`).join(", ")}`);
}

/** Fill counties' area_km2 from their boundary when the counties file gave none; warn about unmatched ones. */
function fillCountyAreas(counties: County[], boundaries: readonly Boundary[], report: FileReport): void {
  const byCode = new Map(boundaries.map((b) => [b.code, b]));
  for (const c of counties) {
    const b = byCode.get(c.code);
    if (!b) report.warnings.push({row: 0, field: "county_code", message: `${report.path}: county ${c.code} ${c.name} has no boundary`});
    else if (!c.area_km2) c.area_km2 = Math.round(turfAreaKm2(b.geometry) * 100) / 100;
  }
}

function turfAreaKm2(g: Polygon | MultiPolygon): number {
  return turfArea(g) / 1e6;
}

function values<T>(loaded: Loaded<T>): T[] {
  return loaded.rows.map((r) => r.value);
}

function feature<P>(b: Boundary, properties: P): Feature<Polygon | MultiPolygon, P> {
  return {type: "Feature", properties, geometry: b.geometry};
}

function collection<P>(features: Feature<Polygon | MultiPolygon, P>[]): FeatureCollection<Polygon | MultiPolygon, P> {
  return {type: "FeatureCollection", features};
}

/** Read the provenance file named by the manifest. */
async function provenance(folder: string, m: Manifest, report: LoadReport): Promise<{provenance?: unknown}> {
  if (!m.provenance) return {};
  try {
    return {provenance: JSON.parse(await readFile(join(folder, m.provenance), "utf8"))};
  } catch (e) {
    report.warnings.push(`provenance file ${m.provenance}: ${(e as Error).message}`);
    return {};
  }
}

/**
 * The coordinate evidence (loaders/crs-evidence.ts) of every loaded file with coordinates: another system fitting
 * clearly better is a file error, or a note when region.json switches the file's check off.
 */
function checkCoordinates(region: Region, m: Manifest, samples: EvidenceInput["samples"], report: LoadReport): void {
  const declared: EvidenceInput["declared"] = {};
  for (const f of report.files) if (f.crs && f.rowsRead > 0) declared[f.file] = f.crs;
  const evidence = crsEvidence({
    declared,
    samples,
    counties: region.countyBoundaries.features,
    townships: region.townshipBoundaries.features,
    villages: new Map(region.villages.map((v) => [v.code, [v.lng, v.lat]]))
  });
  recordEvidence(report.files, evidence, m.files);
}

/**
 * Throw when a file's rows do not add up: read = accepted + rejected. A failure here is a loader bug.
 */
export function assertAccounted(f: FileReport): void {
  if (f.rowsRead !== f.accepted + f.rejected.length) {
    throw new Error(`row accounting broken for ${f.path}: read ${f.rowsRead} ≠ accepted ${f.accepted} + rejected ${f.rejected.length}`);
  }
}
