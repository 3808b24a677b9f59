/**
 * CSV for downloads: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark so that Excel on a Chinese
 * Windows opens it as UTF-8 (without the BOM it guesses GBK and garbles every name).
 * Cells that start with = + - @ are prefixed with ' so a spreadsheet does not run them as formulas.
 */

export const BOM = "\uFEFF";

export type Cell = string | number | boolean | null | undefined | Date;

/** Quote a cell when it needs it; neutralise spreadsheet formulas. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows → CSV text (with BOM). Columns default to the keys of the first row, in order.
 * @example toCsv([{名称: "兴隆社区", 人数: 12}]) // "\uFEFF名称,人数\r\n兴隆社区,12\r\n"
 */
export function toCsv<T extends Record<string, Cell>>(rows: readonly T[], columns?: readonly (keyof T & string)[]): string {
  const cols = columns ?? (rows.length ? (Object.keys(rows[0]) as (keyof T & string)[]) : []);
  const lines = [cols.map(csvCell).join(",")];
  for (const row of rows) lines.push(cols.map((c) => csvCell(row[c])).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}
