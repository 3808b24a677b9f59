/**
 * .xlsx reader: reads the first worksheet with exceljs and turns every cell value (number, date, rich text,
 * formula result, hyperlink, error) into the string a person sees.
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
 * Open the first sheet of a workbook and read its header (row 1 unless `headerRow` says otherwise).
 * @throws FileError when the file is not a readable workbook or has no header row
 */
export async function openXlsx(path: string, options: ReadOptions): Promise<Table> {
  const state = {blank: 0};
  const rows = sheetRows(path);
  const headerRow = options.headerRow ?? 1;
  let skipped = 0;
  for (;;) {
    const next = await rows.next();
    if (next.done) throw new FileError(`the first sheet has no header row ${headerRow}`);
    const {number, cells} = next.value;
    if (number < headerRow) {
      if (!isBlank(cells)) skipped++;
      continue;
    }
    if (number > headerRow || isBlank(cells)) {
      await rows.return(undefined);
      throw new FileError(`row ${headerRow} of the first sheet is empty: the header must be in row ${headerRow} (set "header_row" in region.json)`);
    }
    return {
      path,
      format: "xlsx",
      headers: cells.map((c) => c.trim()),
      headerRow,
      notes: skipped > 0 ? [`${skipped} row(s) above the header row ${headerRow} were skipped`] : [],
      rows: dataRows(rows, state),
      blankRows: () => state.blank
    };
  }
}

async function* dataRows(rows: AsyncGenerator<{number: number; cells: string[]}>, state: {blank: number}): AsyncGenerator<RawItem> {
  try {
    for await (const {number, cells} of rows) {
      if (isBlank(cells)) state.blank++;
      else yield {row: number, cells};
    }
  } catch (e) {
    yield {row: 0, error: `the workbook could not be read to the end: ${(e as Error).message}`};
  }
}

/** The non-empty rows of the first worksheet, in order. */
async function* sheetRows(path: string): AsyncGenerator<{number: number; cells: string[]}> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await readFile(path)) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new FileError(`not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new FileError("the workbook has no worksheet");
  const rows: SheetRow[] = [];
  sheet.eachRow({includeEmpty: false}, (row) => rows.push(row));
  for (const row of rows) yield {number: row.number, cells: rowCells(row.values)};
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
