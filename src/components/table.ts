// A static report table: every row rendered (so it prints whole, unlike a scrolling Inputs.table), cells set
// with textContent unless a formatter returns a Node we built. Numbers right-aligned.

export type CellFormat = (value: unknown, row: Record<string, unknown>) => string | Node;

export interface ReportTableOptions {
  columns?: string[];
  format?: Record<string, CellFormat>;
  /** column → link target (relative URL) for the cell */
  href?: Record<string, (row: Record<string, unknown>) => string | undefined>;
  caption?: string;
  /** scroll after this many rows on screen (print always shows all rows) */
  maxHeight?: number;
}

/** A <table> of `rows` (plain objects). */
export function ReportTable(rows: readonly Record<string, unknown>[], options: ReportTableOptions = {}): HTMLDivElement {
  const columns = options.columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const wrap = document.createElement("div");
  wrap.className = "cc-table-wrap";
  if (options.maxHeight) wrap.style.maxHeight = `${options.maxHeight}px`;
  const table = document.createElement("table");
  table.className = "cc-table";
  if (options.caption) table.createCaption().textContent = options.caption;
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c;
    th.scope = "col";
    if (rows.some((r) => typeof r[c] === "number")) th.className = "cc-num";
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      const value = row[c];
      const shown = options.format?.[c] ? options.format[c](value, row) : value === null || value === undefined ? "—" : typeof value === "number" ? value.toLocaleString("zh-CN") : String(value);
      if (typeof value === "number") td.className = "cc-num";
      const href = options.href?.[c]?.(row);
      const target = href ? Object.assign(document.createElement("a"), {href}) : td;
      if (typeof shown === "string") target.textContent = shown;
      else target.append(shown);
      if (target !== td) td.append(target);
    }
  }
  wrap.append(table);
  return wrap;
}
