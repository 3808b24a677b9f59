// A static report table: every row rendered (so it prints whole, unlike a scrolling Inputs.table), cells set
// with textContent unless a formatter returns a Node we built. Numbers right-aligned. Headers, numbers and short
// cells never wrap (no "排/名" or "达/标"); a table wider than its column scrolls sideways on screen.

export type CellFormat = (value: unknown, row: Record<string, unknown>) => string | Node;

export interface ReportTableOptions {
  columns?: string[];
  format?: Record<string, CellFormat>;
  /** column → link target (relative URL) for the cell */
  href?: Record<string, (row: Record<string, unknown>) => string | undefined>;
  caption?: string;
  /** scroll after this many rows on screen (print always shows all rows) */
  maxHeight?: number;
  /** columns kept on one line whatever their length (numbers and short columns already are) */
  nowrap?: string[];
  /** columns allowed to wrap even when short */
  wrap?: string[];
  /** column → CSS min-width (e.g. "12em") for a long column that wraps, so it wraps into lines, not characters */
  minWidth?: Record<string, string>;
  /** a group heading row (spanning the table) before each run of rows with the same key; rows keep their order */
  groupBy?: (row: Record<string, unknown>) => string;
  /** extra class on the table, e.g. "cc-table-compact" */
  className?: string;
}

/** Columns whose longest shown text is at most this many characters do not wrap. */
export const SHORT_CELL = 10;

/** A <table> of `rows` (plain objects). */
export function ReportTable(rows: readonly Record<string, unknown>[], options: ReportTableOptions = {}): HTMLDivElement {
  const columns = options.columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const wrap = document.createElement("div");
  wrap.className = "cc-table-wrap";
  if (options.maxHeight) wrap.style.maxHeight = `${options.maxHeight}px`;
  const table = document.createElement("table");
  table.className = options.className ? `cc-table ${options.className}` : "cc-table";
  if (options.caption) table.createCaption().textContent = options.caption;

  const shown = rows.map((row) =>
    Object.fromEntries(
      columns.map((c) => {
        const value = row[c];
        const cell = options.format?.[c] ? options.format[c](value, row) : value === null || value === undefined ? "—" : typeof value === "number" ? value.toLocaleString("zh-CN") : String(value);
        return [c, cell];
      })
    ) as Record<string, string | Node>
  );
  const numeric = new Set(columns.filter((c) => rows.some((r) => typeof r[c] === "number")));
  const textLength = (cell: string | Node) => [...(typeof cell === "string" ? cell : cell.textContent ?? "")].length;
  const noWrap = new Set(
    columns.filter((c) => !options.wrap?.includes(c) && (options.nowrap?.includes(c) || numeric.has(c) || shown.every((r) => textLength(r[c]) <= SHORT_CELL)))
  );
  const classes = (c: string) => [numeric.has(c) ? "cc-num" : "", noWrap.has(c) ? "cc-nowrap" : ""].filter(Boolean).join(" ");

  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c;
    th.scope = "col";
    if (numeric.has(c)) th.className = "cc-num";
    if (options.minWidth?.[c]) th.style.minWidth = options.minWidth[c];
    head.append(th);
  }
  const body = table.createTBody();
  let group: string | undefined;
  rows.forEach((row, i) => {
    if (options.groupBy) {
      const key = options.groupBy(row);
      if (key !== group) {
        group = key;
        const tr = body.insertRow();
        tr.className = "cc-group";
        const th = document.createElement("th");
        th.scope = "colgroup";
        th.colSpan = columns.length;
        th.textContent = key;
        tr.append(th);
      }
    }
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      const cell = shown[i][c];
      const cls = typeof row[c] === "number" ? classes(c) : noWrap.has(c) ? "cc-nowrap" : "";
      if (cls) td.className = cls;
      const href = options.href?.[c]?.(row);
      const target = href ? Object.assign(document.createElement("a"), {href}) : td;
      // a very long text (a 500-character name) may break anywhere, so it cannot widen the table past the page
      if (typeof cell === "string" && cell.length > 40) td.classList.add("cc-long");
      if (typeof cell === "string") target.textContent = cell;
      else target.append(cell);
      if (target !== td) td.append(target);
    }
  });
  wrap.append(table);
  return wrap;
}
