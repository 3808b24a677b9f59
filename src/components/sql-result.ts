// Run one SQL statement on the page's DuckDB client and show the outcome: a table of the rows (with a CSV download)
// or a Chinese explanation of the error beside DuckDB's own message. Errors are caught and shown, never thrown.
// Built with DOM methods and textContent; Inputs.table escapes the cells.
import {formatInt} from "../lib/format.js";
import {explainSqlError} from "../lib/sql.js";
import {CsvButton, Downloads} from "./download.js";

/** The part of Framework's DuckDBClient used here (query returns an Arrow table). */
export interface SqlClient {
  query(sql: string): Promise<{schema: {fields: {name: string}[]}; toArray(): {toJSON(): Record<string, unknown>}[]}>;
}

export type Cell = string | number | boolean | null;

export type SqlOutcome =
  | {ok: true; columns: string[]; rows: Record<string, Cell>[]; ms: number}
  | {ok: false; message: string; explanation: string; ms: number};

/** A result cell as a plain value: BigInt → number, Date → ISO date, anything else non-plain → text. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Run `sql` and collect the rows as plain objects, or the error. */
export async function runQuery(db: SqlClient, sql: string): Promise<SqlOutcome> {
  const t0 = performance.now();
  if (!sql.replace(/--[^\n]*/g, "").trim()) return {ok: false, message: "（空）", explanation: "请输入 SQL 语句。", ms: 0};
  try {
    const table = await db.query(sql);
    const columns = table.schema.fields.map((f) => f.name);
    const rows = table.toArray().map((r) => {
      const o = r.toJSON();
      return Object.fromEntries(columns.map((c) => [c, plain(o[c])]));
    });
    return {ok: true, columns, rows, ms: performance.now() - t0};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {ok: false, message, explanation: explainSqlError(message), ms: performance.now() - t0};
  }
}

/** Options of SqlResult: the table maker (the page passes Inputs.table) and the download's file name. */
export interface SqlResultOptions {
  table: (rows: Record<string, Cell>[], options: {columns: string[]; rows: number; select: boolean; layout: string}) => HTMLElement;
  filename?: string;
}

/** The outcome as an element: the rows as a table with a count and a CSV button, or the error box. */
export function SqlResult(outcome: SqlOutcome, {table, filename = "查询结果.csv"}: SqlResultOptions): HTMLElement {
  const div = document.createElement("div");
  div.className = "cc-sql-result";
  if (!outcome.ok) {
    div.classList.add("cc-sql-error");
    div.setAttribute("role", "alert");
    const title = document.createElement("strong");
    title.textContent = `查询出错：${outcome.explanation}`;
    const detail = document.createElement("pre");
    detail.textContent = outcome.message;
    div.append(title, detail);
    return div;
  }
  const meta = document.createElement("p");
  meta.className = "cc-meta cc-sql-meta";
  meta.textContent = `共 ${formatInt(outcome.rows.length)} 行，${outcome.columns.length} 列，用时 ${formatInt(outcome.ms)} 毫秒。`;
  div.dataset.rows = String(outcome.rows.length);
  div.append(meta);
  if (outcome.rows.length) {
    div.append(table(outcome.rows, {columns: outcome.columns, rows: 20, select: false, layout: "auto"}));
    div.append(Downloads(CsvButton(outcome.rows, filename, "下载结果 CSV")));
  }
  return div;
}
