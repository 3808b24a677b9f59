/**
 * .xlsx reader: reads one worksheet with exceljs — the one region.json names (`sheet`), else the first visible sheet
 * that has any cell — and turns every cell value (number, date, rich text, formula result, hyperlink, error) into the
 * string a person sees. A formula with no saved result (a workbook written by a program, never opened in Excel) is
 * reported per cell, never read as empty or 0.
 *
 * The workbook is loaded whole (`xlsx.load`), not with exceljs's streaming WorkbookReader: on corrupted files the
 * streaming reader can wait forever (measured: 3 hangs in 40 byte-mutated workbooks), while `load` fails with an
 * error. Large inputs should be CSV, which is streamed.
 */
import {readFile} from "node:fs/promises";
import ExcelJS from "exceljs";
import {FileError, isBlank, type RawItem, type ReadOptions, type Table} from "./read.ts";

/** The part of an exceljs row the reader uses. */
interface SheetRow {
  number: number;
  values: unknown;
}

/**
 * Open a sheet of a workbook and read its header (row 1 unless `headerRow` says otherwise).
 * @throws FileError when the file is not a readable workbook, has no such sheet, or has no header row
 */
export async function openXlsx(path: string, options: ReadOptions): Promise<Table> {
  const state = {blank: 0};
  const {sheet, notes, visible} = await pickSheet(path, options.sheet);
  const rows = sheetRows(sheet);
  const declared = options.headerRow;
  const name = JSON.stringify(sheet.name);
  let skipped = 0;
  for (;;) {
    const next = await rows.next();
    if (next.done) throw new FileError(declared === undefined ? `sheet ${name} is empty` : `sheet ${name} has no header row ${declared}`);
    const {number, cells} = next.value;
    // default: the first non-blank row, as in a CSV file (a blank row 1 above the table is common)
    if (declared === undefined && isBlank(cells)) continue;
    const headerRow = declared ?? number;
    if (number < headerRow) {
      if (!isBlank(cells)) skipped++;
      continue;
    }
    if (number > headerRow || isBlank(cells)) {
      await rows.return(undefined);
      throw new FileError(`row ${headerRow} of sheet ${name} is empty: the header must be in row ${headerRow} (set "header_row" in region.json)`);
    }
    return {
      path,
      format: "xlsx",
      sheet: sheet.name,
      sheets: visible,
      headers: cells.map((c) => c.trim()),
      headerRow,
      notes: [...notes, ...(skipped > 0 ? [`${skipped} row(s) above the header row ${headerRow} were skipped`] : [])],
      rows: dataRows(rows, state),
      blankRows: () => state.blank
    };
  }
}

async function* dataRows(rows: AsyncGenerator<SheetItem>, state: {blank: number}): AsyncGenerator<RawItem> {
  try {
    for await (const {number, cells, unsaved} of rows) {
      if (isBlank(cells) && unsaved.length === 0) state.blank++;
      else yield unsaved.length ? {row: number, cells, unsaved} : {row: number, cells};
    }
  } catch (e) {
    yield {row: 0, error: `the workbook could not be read to the end: ${(e as Error).message}`};
  }
}

/** One sheet row: its cells as text and the formulas among them that have no saved result. */
interface SheetItem {
  number: number;
  cells: string[];
  unsaved: {index: number; formula: string}[];
}

/**
 * The sheet to read: the one named in region.json, else the first visible sheet with any cell. The note lists the
 * sheets not read (hidden ones say so), so a workbook with an old hidden sheet first is never read from it silently.
 */
async function pickSheet(path: string, wanted: string | undefined): Promise<{sheet: ExcelJS.Worksheet; notes: string[]; visible: string[]}> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await readFile(path)) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new FileError(`not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const sheets = wb.worksheets;
  if (sheets.length === 0) throw new FileError("the workbook has no worksheet");
  const describe = (ws: ExcelJS.Worksheet) => `${JSON.stringify(ws.name)}${ws.state === "visible" ? "" : ` (${ws.state})`}`;
  let sheet: ExcelJS.Worksheet | undefined;
  if (wanted !== undefined) {
    sheet = sheets.find((ws) => ws.name === wanted);
    if (!sheet) throw new FileError(`region.json names sheet ${JSON.stringify(wanted)}, but the workbook has ${sheets.map(describe).join(", ")}`);
  } else {
    const visible = sheets.filter((ws) => ws.state === "visible");
    sheet = visible.find((ws) => ws.actualRowCount > 0) ?? visible[0];
    if (!sheet) throw new FileError(`every sheet of the workbook is hidden (${sheets.map(describe).join(", ")}): unhide the data sheet or name it in region.json ("sheet")`);
  }
  const others = sheets.filter((ws) => ws !== sheet);
  const how = wanted !== undefined ? "named in region.json" : "the first visible sheet with data";
  const notes = others.length ? [`read sheet ${JSON.stringify(sheet.name)} (${how}); not read: ${others.map(describe).join(", ")}`] : [];
  return {sheet, notes, visible: sheets.filter((ws) => ws.state === "visible" && ws.actualRowCount > 0).map((ws) => ws.name)};
}

/** The non-empty rows of a worksheet, in order. */
async function* sheetRows(sheet: ExcelJS.Worksheet): AsyncGenerator<SheetItem> {
  const rows: SheetRow[] = [];
  sheet.eachRow({includeEmpty: false}, (row) => rows.push(row));
  for (const row of rows) yield {number: row.number, cells: rowCells(row.values), unsaved: unsavedFormulas(row.values)};
}

/** The formulas of a row whose cell has no saved result, with their 0-based column. */
function unsavedFormulas(values: unknown): {index: number; formula: string}[] {
  if (!Array.isArray(values)) return [];
  const out: {index: number; formula: string}[] = [];
  for (let i = 1; i < values.length; i++) {
    const formula = unsavedFormula(values[i]);
    if (formula !== undefined) out.push({index: i - 1, formula});
  }
  return out;
}

/**
 * The formula of a cell that has one but no saved result (exceljs gives `{formula}` or `{sharedFormula}` without
 * `result`); undefined otherwise.
 * @example unsavedFormula({formula: "J2+10"}) // "=J2+10"
 */
export function unsavedFormula(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || v instanceof Date) return undefined;
  const o = v as Record<string, unknown>;
  const f = o.formula ?? o.sharedFormula;
  if (f === undefined || (o.result !== undefined && o.result !== null)) return undefined;
  return `=${String(f)}`;
}

/** exceljs row values are 1-based and sparse; return dense 0-based strings. */
function rowCells(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

/**
 * The text of one cell value.
 * @example cellText({richText: [{text: "床"}, {text: "位"}]}) // "床位"
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") return objectText(v as Record<string, unknown>);
  return String(v);
}

function objectText(o: Record<string, unknown>): string {
  if (Array.isArray(o.richText)) return o.richText.map((r: {text?: unknown}) => cellText(r?.text)).join("");
  if ("result" in o) return cellText(o.result);
  if ("formula" in o || "sharedFormula" in o) return "";
  if ("text" in o) return cellText(o.text);
  if ("error" in o) return cellText(o.error);
  return "";
}

/** A date cell as YYYY-MM-DD (or a full ISO string when it has a time of day). exceljs dates are UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}
