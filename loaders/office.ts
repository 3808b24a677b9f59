/**
 * Office files as county offices send them: the layout around the table is found, not assumed.
 *
 * - **What the bytes are**: an .xlsx workbook saved under a .csv name is read as .xlsx; an Excel 97–2003 .xls or a
 *   WPS .et workbook (OLE2 compound file) under any name is a file error asking for .xlsx or CSV; a text file named
 *   .xlsx is read as CSV.
 * - **Where the header is**: among the first rows (title rows such as 金山区养老设施名录（2024年） above it, blank
 *   rows), the row that names the most fields of the file kind; a two-level header (床位数 over 总数 | 护理型, merged
 *   cells) is read as parent/child names: 床位数/护理型 → nursing_beds.
 * - **Which sheet**: when region.json names none and the first sheet with data (填表说明, an instructions sheet) has
 *   no header with the file's required columns, the first sheet that has one.
 * - **Totals rows** (合计, 小计, 总计, 全区合计 …), **note rows** (注：…, 填表人：…, 审核人：… in one or two cells),
 *   **section headings** (一、公办养老机构 alone in a row) and **the header repeated** (on every printed page, or above a
 *   second block) are skipped and counted, never read as a facility or a village.
 *
 * Every decision is a sentence in `Table.detections`, shown by data:check and on the quality page.
 */
import {open} from "node:fs/promises";
import {basename} from "node:path";
import {mapHeaders, normalizeHeader, personalColumn, type FileKind} from "./aliases.ts";
import {FileError, formatOf, isReadError, openTable, type Format, type RawItem, type RawRow, type ReadOptions, type Table} from "./read.ts";

/** What the first bytes of a file are. */
export type Sniffed = "zip" | "ole2" | "utf16" | "markup" | "text" | "empty";

/**
 * The container of a file from its first bytes: a zip (every .xlsx), an OLE2 compound file (.xls, WPS .et, old
 * .doc), UTF-16 text, an HTML or XML page (a web system's "export to Excel"), or anything else (text).
 * @example await sniffFile("facilities.csv") // "zip" for an .xlsx renamed .csv
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    return "text"; // the reader reports the missing file
  }
  try {
    const buf = Buffer.alloc(512);
    const {bytesRead} = await handle.read(buf, 0, buf.length, 0);
    return sniffBytes(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The container of a byte prefix (see sniffFile). */
export function sniffBytes(b: Uint8Array): Sniffed {
  if (b.length === 0) return "empty";
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07)) return "zip";
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1) return "ole2";
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return "utf16";
  // an HTML table or an XML Spreadsheet 2003 (what many web systems' 导出Excel writes), BOM and blanks allowed first
  const head = new TextDecoder("latin1").decode(b.subarray(0, 512)).replace(/^\u00EF\u00BB\u00BF/, "").trimStart().toLowerCase();
  if (/^<(!doctype|html|\?xml|table|meta|head)/.test(head)) return "markup";
  return "text";
}

const OLD_WORKBOOK = /\.(xls|et|ett|xlt)$/i;

/** The advice for a binary workbook the loader cannot read. */
function oldWorkbook(path: string, named: string): string {
  return `${basename(path)} is ${named} (an Excel 97–2003 .xls or WPS .et binary workbook), which the loader cannot read: open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or CSV UTF-8, then name that file in region.json`;
}

/**
 * The format to read a file as: its bytes win over its extension for workbooks. Returns a detection sentence when
 * they disagree.
 * @throws FileError for .xls / .et bytes or names
 */
export async function decideFormat(path: string): Promise<{format?: Format; detection?: string}> {
  const ext = formatOf(path);
  const sniffed = await sniffFile(path);
  const name = basename(path);
  if (sniffed === "ole2") throw new FileError(oldWorkbook(path, ext === "csv" ? "not a CSV file but a binary workbook" : "a binary workbook"));
  if (sniffed === "markup" && ext !== "geojson") {
    throw new FileError(`${name} is an HTML or XML page, not a ${ext === "xlsx" || !ext ? "workbook" : "CSV file"} (a web system's "导出Excel" often writes one): open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or CSV UTF-8, then name that file in region.json`);
  }
  if (!ext && OLD_WORKBOOK.test(path) && sniffed === "zip") return {format: "xlsx", detection: `${name} is an .xlsx workbook under an old workbook name (its bytes are a zip file): read as .xlsx`};
  if (!ext && OLD_WORKBOOK.test(path)) throw new FileError(oldWorkbook(path, "a binary workbook by its name"));
  if (ext === "csv" && sniffed === "zip") return {format: "xlsx", detection: `${name} is an .xlsx workbook saved under a .csv name (its bytes are a zip file): read as .xlsx`};
  if (ext === "xlsx" && sniffed === "text") return {format: "csv", detection: `${name} is a text (CSV) file saved under an .xlsx name (its bytes are not a workbook): read as CSV`};
  return {format: ext};
}

/** What the header of a file kind must and may name. */
export interface HeaderModel {
  kind: FileKind;
  /** columns without which no row is accepted */
  required: readonly string[];
}

/** Rows looked at for the header (after the first non-blank one). */
const LOOKAHEAD = 30;

/** The fields a header row maps to (personal and unknown columns, and columns with a unit error, do not count). */
function mappedFields(kind: FileKind, headers: readonly string[]): Set<string> {
  return new Set(mapHeaders(kind, headers).flatMap((r) => (r.kind === "field" && r.unitError === undefined ? [r.field] : [])));
}

/** Child headers that mean "the parent's total": 床位数 / 合计 is beds. */
const TOTAL_CHILD = /^(合计|小计|总计|总数|总量|数量|计|总|小计数|合计数|实有|现有)$/;
/** Prefixes of a child header naming a part: 其中：护理型 */
const PART_PREFIX = /^(其中|含|内含|包括)[:：]?/;

/** The name a two-level column is mapped by, or the display name when none maps. */
export interface LevelName {
  /** the header as shown in messages: 床位数/护理型 */
  display: string;
  /** the header mapped to a field: 护理型床位数 */
  key: string;
}

/**
 * Name a column of a two-level header from its parent and child cells. A total word under a parent (床位数 / 合计)
 * is the parent; else the child alone, child + parent (护理型 + 床位数), parent + child, and parent (child) as a unit
 * (建筑面积 / 平方米) are tried in that order. A personal parent or child keeps the column personal.
 * @example levelName("facilities", "床位数", "护理型") // {display: "床位数/护理型", key: "护理型床位数"}
 */
export function levelName(kind: FileKind, parent: string, child: string): LevelName {
  const p = parent.trim();
  const c = child.trim();
  if (!p || !c || p === c) return {display: p || c, key: p || c};
  const display = `${p}/${c}`;
  if (personalColumn(kind, display)) return {display, key: display};
  if (TOTAL_CHILD.test(normalizeHeader(c).key) && mappedFields(kind, [p]).size === 1) return {display, key: p};
  const part = c.replace(PART_PREFIX, "");
  const tries = [c, `${part}${p}`, `${p}${part}`, `${p}(${c})`];
  for (const key of tries) if (mappedFields(kind, [key]).size === 1) return {display, key};
  return {display, key: display};
}

/**
 * The names of a two-level header. A blank parent cell over a non-blank child takes the parent to its left (a merged
 * cell that a CSV export or a sheet leaves empty); a blank child takes the parent alone.
 */
export function twoLevel(kind: FileKind, parent: readonly string[], child: readonly string[]): LevelName[] {
  const n = Math.max(parent.length, child.length);
  const out: LevelName[] = [];
  let carry = "";
  for (let j = 0; j < n; j++) {
    const p0 = (parent[j] ?? "").trim();
    const c = (child[j] ?? "").trim();
    const p = p0 || (c ? carry : "");
    if (p0) carry = p0;
    else if (!c) carry = "";
    out.push(levelName(kind, p, c));
  }
  return out;
}

/** A header candidate: one row, or a row and the one below it. */
interface Candidate {
  /** index of the (first) header row among the buffered rows */
  at: number;
  rows: 1 | 2;
  names: LevelName[];
  fields: Set<string>;
}

function candidates(kind: FileKind, rows: readonly string[][], declared: boolean): Candidate[] {
  const out: Candidate[] = [];
  const last = declared ? 1 : rows.length;
  for (let i = 0; i < last; i++) {
    const names = rows[i].map((h) => ({display: h.trim(), key: h.trim()}));
    out.push({at: i, rows: 1, names, fields: mappedFields(kind, names.map((x) => x.key))});
    if (i + 1 < rows.length) {
      const pair = twoLevel(kind, rows[i], rows[i + 1]);
      out.push({at: i, rows: 2, names: pair, fields: mappedFields(kind, pair.map((x) => x.key))});
    }
  }
  return out;
}

/** Score a candidate: required columns first, then every mapped field. */
function score(c: Candidate, required: readonly string[]): number {
  const req = required.filter((f) => c.fields.has(f)).length;
  return req * 1000 + c.fields.size;
}

/**
 * The best header among buffered rows (index 0 = the row the reader took as the header). A two-level reading wins
 * only when it maps more fields than either of its rows alone; an earlier row wins ties.
 */
export function bestHeader(model: HeaderModel, rows: readonly string[][], declared: boolean): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = -1;
  const all = candidates(model.kind, rows, declared);
  const single = new Map(all.filter((c) => c.rows === 1).map((c) => [c.at, score(c, model.required)]));
  for (const c of all) {
    const s = score(c, model.required);
    // a pair must map more than either of its rows alone: a title line above a one-row header is not a parent
    if (c.rows === 2 && s <= Math.max(single.get(c.at) ?? 0, single.get(c.at + 1) ?? 0)) continue;
    if (s > bestScore) [best, bestScore] = [c, s];
  }
  return best && best.fields.size >= 2 ? best : undefined;
}

/** A row that sums others: a label such as 合计, 小计, 总计, 全区合计, 金山区小计 in one of its cells. */
const TOTAL_LABEL = /^(总合计|合计|小计|总计|共计|累计|总数|总和|[\p{Script=Han}A-Za-z0-9（）()]{1,12}(合计|小计|总计))$/u;

/**
 * The totals label of a row, if it is a totals row: some cell, spaces and colons removed, is 合计 / 小计 / 总计 …
 * (alone or after up to 12 characters: 全区合计, 金山区小计).
 * @example totalsLabel(["", "合 计", "", "1200"]) // "合 计"
 */
export function totalsLabel(cells: readonly string[]): string | undefined {
  for (const cell of cells) {
    // 合计（共15处）: the bracketed remark does not make it data
    const t = cell.normalize("NFKC").replace(/[(\[【][^)\]】]*[)\]】]/g, "").replace(/[\s:：]/g, "");
    if (t && TOTAL_LABEL.test(t)) return cell.trim();
  }
  return undefined;
}

/** The words a note line below (or inside) a table starts with: 注：, 说明：, 填表人：, 审核人：, 填报日期： … */
const NOTE_LABEL = /^(注|注释|附注|备注|说明|填表说明|填表人|制表人|审核人|审核|负责人|单位负责人|联系人|联系电话|填报人|填报单位|填报日期|制表日期|报送日期|数据来源|资料来源)\s*(\d+\s*)?[:：.、]/;

/**
 * The label of a note row: at most two non-blank cells, the first starting with 注：, 说明：, 填表人：… (a footnote or
 * a signature line, never a facility or a village). Only the label is returned, never the rest of the cell: a
 * 填表人 line may hold a name and a phone number.
 * @example noteLabel(["注：床位数含护理型床位", "", ""]) // "注"
 */
export function noteLabel(cells: readonly string[]): string | undefined {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== "");
  if (filled.length === 0 || filled.length > 2) return undefined;
  return NOTE_LABEL.exec(filled[0].normalize("NFKC"))?.[1];
}

/** A section heading: 一、公办养老机构, （二）农村, 3、民办机构 — numbered, short. */
const SECTION_LABEL = /^([一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．])\s*\S{1,30}$/;

/**
 * The text of a section heading row: exactly one non-blank cell, a numbered heading (一、公办养老机构, （二）农村). A
 * facility or village row always has more than one cell.
 * @example sectionLabel(["二、民办养老机构", "", ""]) // "二、民办养老机构"
 */
export function sectionLabel(cells: readonly string[]): string | undefined {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== "");
  if (filled.length !== 1) return undefined;
  const t = filled[0].normalize("NFKC");
  return SECTION_LABEL.test(t) && !/\d{6,}/.test(t) ? filled[0] : undefined;
}

/** A table with the layout decided: header found, totals rows skipped; what was found is in `detections`. */
export interface OfficeTable extends Table {
  detections: string[];
  /** totals, note, section-heading and repeated-header rows skipped (not counted as read) */
  totalsRows(): number;
}

/** Options of openOffice. */
export interface OfficeOptions extends ReadOptions {
  model: HeaderModel;
}

/**
 * Open a table file as an office sends it (see the module doc).
 * @throws FileError when the file cannot be read at all (missing, binary workbook, no header)
 */
export async function openOffice(path: string, options: OfficeOptions): Promise<OfficeTable> {
  const {format, detection} = await decideFormat(path);
  const detections = detection ? [detection] : [];
  const first = await openTable(path, {...options, ...(format ? {format} : {})});
  if (first.format === "geojson") return {...first, detections, totalsRows: () => 0};
  const declared = options.headerRow !== undefined;
  let layout = await layoutOf(first, options.model, declared);
  if (first.format === "xlsx" && options.sheet === undefined && !complete(layout, options.model) && (first.sheets?.length ?? 0) > 1) {
    for (const name of first.sheets!.filter((s) => s !== first.sheet)) {
      const other = await layoutOf(await openTable(path, {...options, format: "xlsx", sheet: name}), options.model, declared);
      if (!complete(other, options.model)) continue;
      detections.push(`sheet ${JSON.stringify(first.sheet)} has no header with the columns ${options.model.required.join(", ")}; read sheet ${JSON.stringify(name)}, which has (name the sheet with "sheet" in region.json to choose another)`);
      other.table.notes = other.table.notes.map((n) => n.replace("(named in region.json)", "(the first with the required columns)"));
      layout = other;
      break;
    }
  }
  if (first.format === "xlsx" && !complete(layout, options.model) && (first.sheets?.length ?? 0) > 1) {
    detections.push(`no sheet of the workbook (${first.sheets!.map((s) => JSON.stringify(s)).join(", ")}) has a header with the columns ${options.model.required.join(", ")}; sheet ${JSON.stringify(layout.table.sheet)} was read: name the data sheet with "sheet" in region.json`);
  }
  return finish(layout, detections, options.model.kind);
}

/** A decided layout: the table re-headed, the rows after the header, what was found. */
interface Layout {
  table: Table;
  headers: string[];
  keys: string[];
  headerRow: number;
  /** rows before the header that were skipped (title rows) */
  above: RawRow[];
  /** second header row of a two-level header */
  twoLevel?: number;
  /** the cells of the header's second row (to recognise it when the header is repeated) */
  childCells?: string[];
  rows: AsyncGenerator<RawItem>;
  /** blank rows the reader counted before the first data row */
  blanksBefore: number;
}

function complete(layout: Layout, model: HeaderModel): boolean {
  const fields = mappedFields(model.kind, layout.keys);
  return model.required.every((f) => fields.has(f) || f === "id");
}

/** Buffer the first rows, choose the header, and hand back the rest in order. */
async function layoutOf(table: Table, model: HeaderModel, declared: boolean): Promise<Layout> {
  const it = table.rows[Symbol.asyncIterator]();
  const buffered: RawItem[] = [];
  const blanks: number[] = [table.blankRows()];
  while (buffered.length < LOOKAHEAD) {
    const next = await it.next();
    if (next.done) break;
    buffered.push(next.value);
    blanks.push(table.blankRows());
    if (isReadError(next.value)) break;
  }
  const rows = buffered.filter((x): x is RawRow => !isReadError(x));
  const firstReadError = buffered.findIndex((x) => isReadError(x));
  const usable = firstReadError < 0 ? rows : rows.slice(0, firstReadError);
  const cells = [table.headers, ...usable.map((r) => r.cells)];
  const best = bestHeader(model, cells, declared);
  const chosen = best ?? {at: 0, rows: 1 as const, names: table.headers.map((h) => ({display: h, key: h})), fields: new Set<string>()};
  const skip = chosen.at + chosen.rows - 1; // buffered rows consumed by the header
  const headerRow = chosen.at === 0 ? table.headerRow : usable[chosen.at - 1].row;
  const above: RawRow[] = chosen.at === 0 ? [] : [{row: table.headerRow, cells: table.headers}, ...usable.slice(0, chosen.at - 1)];
  const rest = buffered.slice(skip);
  async function* remaining(): AsyncGenerator<RawItem> {
    yield* rest;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const layout: Layout = {
    table,
    headers: chosen.names.map((n) => n.display),
    keys: chosen.names.map((n) => n.key),
    headerRow,
    above,
    rows: remaining(),
    blanksBefore: blanks[skip] ?? 0
  };
  if (chosen.rows === 2) {
    layout.twoLevel = usable[chosen.at]?.row ?? headerRow + 1;
    layout.childCells = usable[chosen.at]?.cells;
  }
  return layout;
}

const word = (t: Table) => (t.format === "xlsx" ? "row" : "line");

/** The re-headed table with totals rows skipped, and the detection sentences. */
function finish(layout: Layout, detections: string[], kind: FileKind): OfficeTable {
  const {table} = layout;
  const w = word(table);
  if (layout.above.length) {
    // a merged title repeats its text in every merged cell: show it once
    const text = (cells: readonly string[]) => cells.map((c) => c.trim()).filter((c, i, a) => c && c !== a[i - 1]).join(" ").slice(0, 40);
    const titles = layout.above.map((r) => `${w} ${r.row} ${JSON.stringify(text(r.cells))}`);
    detections.push(`header found in ${w} ${layout.headerRow}: ${layout.above.length} row(s) above it skipped (${titles.join("; ")}); set "header_row" in region.json if another row is the header`);
  }
  if (layout.twoLevel !== undefined) {
    const named = layout.headers.map((h, i) => (h !== layout.keys[i] && h.includes("/") && layout.keys[i] !== h ? `${h} → ${layout.keys[i]}` : "")).filter(Boolean);
    detections.push(`two-level header in ${w}s ${layout.headerRow}–${layout.twoLevel}: columns named parent/child${named.length ? ` (${named.join(", ")})` : ""}`);
  }
  const totals: {row: number; label: string}[] = [];
  const noteRows: {row: number; label: string}[] = [];
  const sectionRows: {row: number; label: string}[] = [];
  const headerAgain: number[] = [];
  const headerFields = mappedFields(kind, layout.keys).size;
  const child = layout.childCells;
  const same = (a: readonly string[], b: readonly string[]) => a.map((c) => c.trim()).join("\u0001").replace(/\u0001+$/, "") === b.map((c) => c.trim()).join("\u0001").replace(/\u0001+$/, "");
  let lastAgain = -1;
  const blanksBefore = layout.blanksBefore;
  const list = (xs: {row: number; label: string}[], quote: (l: string) => string) => `${xs.slice(0, 10).map((t) => `${w} ${t.row} ${quote(t.label)}`).join(", ")}${xs.length > 10 ? ` and ${xs.length - 10} more` : ""}`;
  async function* dataRows(): AsyncGenerator<RawItem> {
    for await (const item of layout.rows) {
      if (!isReadError(item)) {
        // the header again (printed on every page, or a second block pasted below): its names, not data; the second
        // row of a two-level header right after it too
        const childAgain = lastAgain === item.row - 1 && child !== undefined && same(item.cells, child);
        if (childAgain || (headerFields >= 2 && mappedFields(kind, item.cells).size >= Math.max(2, Math.ceil(headerFields / 2)))) {
          headerAgain.push(item.row);
          lastAgain = item.row;
          continue;
        }
        const label = totalsLabel(item.cells);
        if (label !== undefined) {
          totals.push({row: item.row, label});
          continue;
        }
        const section = sectionLabel(item.cells);
        if (section !== undefined) {
          sectionRows.push({row: item.row, label: section});
          continue;
        }
        const note = noteLabel(item.cells);
        if (note !== undefined) {
          noteRows.push({row: item.row, label: note});
          continue;
        }
      }
      yield item;
    }
    if (totals.length) detections.push(`${totals.length} totals row(s) skipped, not read as data: ${list(totals, (l) => JSON.stringify(l))}`);
    if (sectionRows.length) detections.push(`${sectionRows.length} section heading row(s) skipped, not read as data: ${list(sectionRows, (l) => JSON.stringify(l))}`);
    if (headerAgain.length) detections.push(`the header repeated in ${headerAgain.length} row(s), skipped: ${headerAgain.slice(0, 10).map((r) => `${w} ${r}`).join(", ")}${headerAgain.length > 10 ? ` and ${headerAgain.length - 10} more` : ""}`);
    if (noteRows.length) detections.push(`${noteRows.length} note row(s) skipped, not read as data: ${list(noteRows, (l) => `"${l}：…"`)}`);
  }
  const notes = table.notes.filter((n) => layout.above.length === 0 || !/before the header row|above the header row/.test(n));
  if (layout.above.length === 0 && layout.headerRow !== table.headerRow) notes.push(`header in ${w} ${layout.headerRow}`);
  return {
    ...table,
    headers: layout.headers,
    headerKeys: layout.keys,
    headerRow: layout.headerRow,
    notes,
    rows: dataRows(),
    blankRows: () => table.blankRows() - blanksBefore,
    detections,
    totalsRows: () => totals.length + noteRows.length + sectionRows.length + headerAgain.length
  };
}
