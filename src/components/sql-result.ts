// Run one SQL statement on the page's DuckDB client and show the outcome: a table of the rows (with a CSV download)
// or a Chinese explanation of the error beside DuckDB's own message. Errors are caught and shown, never thrown.
// Built with DOM methods and textContent; Inputs.table escapes the cells.
import {formatInt} from "../lib/view/format.js";
import {cleanSqlErrorMessage, explainSqlError, readOnlyViolation} from "../lib/view/sql.js";
import {CsvButton, Downloads} from "./download.js";

/** The part of Framework's DuckDBClient used here (query returns an Arrow table). */
export interface SqlClient {
  query(sql: string): Promise<{schema: {fields: {name: string; type: {typeId: number; scale?: number}}[]}; toArray(): {toJSON(): Record<string, unknown>}[]}>;
}

/** Arrow's type id of Decimal (apache-arrow `Type.Decimal`): DuckDB's DECIMAL and HUGEINT arrive as Decimal128. */
const ARROW_DECIMAL = 7;

export type Cell = string | number | boolean | null;

export type SqlOutcome =
  | {ok: true; columns: string[]; rows: Record<string, Cell>[]; ms: number}
  | {ok: false; message: string; explanation: string; ms: number; refused?: boolean};

/**
 * A result cell as a plain value: BigInt → number; a Decimal128 (Arrow gives its unscaled integer as 32-bit words
 * whose toString is that integer) → number divided by 10^scale; Date → ISO date; anything else non-plain → text.
 */
function plain(v: unknown, scale?: number): Cell {
  if (v === null || v === undefined) return null;
  if (scale !== undefined && typeof v === "object" && ArrayBuffer.isView(v)) return Number(String(v)) / 10 ** scale;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Run `sql` and collect the rows as plain objects, or the error. */
export async function runQuery(db: SqlClient, sql: string): Promise<SqlOutcome> {
  const t0 = performance.now();
  if (!sql.replace(/--[^\n]*/g, "").trim()) return {ok: false, message: "（空）", explanation: "请输入 SQL 语句。", ms: 0};
  const refused = readOnlyViolation(sql);
  if (refused) return {ok: false, refused: true, message: `已拒绝：${refused.keyword}`, explanation: refused.message, ms: 0};
  try {
    const table = await db.query(sql);
    const columns = table.schema.fields.map((f) => f.name);
    const scales = table.schema.fields.map((f) => (f.type.typeId === ARROW_DECIMAL ? (f.type.scale ?? 0) : undefined));
    const rows = table.toArray().map((r) => {
      const o = r.toJSON();
      return Object.fromEntries(columns.map((c, i) => [c, plain(o[c], scales[i])]));
    });
    return {ok: true, columns, rows, ms: performance.now() - t0};
  } catch (error) {
    const message = cleanSqlErrorMessage(error instanceof Error ? error.message : String(error));
    return {ok: false, message, explanation: explainSqlError(message), ms: performance.now() - t0};
  }
}

/** Options of SqlResult: the table maker (the page passes Inputs.table) and the download's file name. */
export interface SqlResultOptions {
  table: (rows: Record<string, Cell>[], options: {columns: string[]; rows: number; select: boolean; layout: string; format: Record<string, (v: Cell) => string>}) => HTMLElement;
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
    title.textContent = outcome.refused ? `查询未执行：${outcome.explanation}` : `查询出错：${outcome.explanation}`;
    if (outcome.refused) div.dataset.refused = "1";
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
    // numbers with thousands separators and their own decimals (no rounding a planner did not ask for)
    const numeric = outcome.columns.filter((c) => outcome.rows.some((r) => typeof r[c] === "number") && outcome.rows.every((r) => r[c] === null || typeof r[c] === "number"));
    const format = Object.fromEntries(numeric.map((c) => [c, (v: Cell) => (typeof v === "number" ? v.toLocaleString("zh-CN", {maximumFractionDigits: 10}) : "")]));
    div.append(table(outcome.rows, {columns: outcome.columns, rows: 20, select: false, layout: "auto", format}));
    div.append(Downloads(CsvButton(outcome.rows, filename, "下载结果 CSV")));
  }
  return div;
}
