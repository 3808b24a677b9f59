// The overview's county ranking (sortable by each column, by click or keyboard: each header is a button, the
// sorted column carries aria-sort) and the townships-to-watch table with its reasons. Text goes in as textContent.
import {formatCount, formatNumber, formatPercent} from "../lib/view/format.js";
import {RANKING_COLUMNS, ranksOf, sortRanking, watchColumns, type RankingKey, type RankingRow, type SortDirection, type WatchColumn, type WatchRow} from "../lib/plan/overview.js";
import {reportHref, type SitePath} from "../lib/view/site-links.js";
import {el} from "./dom.js";


const CELL: Record<RankingKey, (r: RankingRow) => string> = {
  red: (r) => String(r.red),
  coverage: (r) => (r.coverage === null ? "—" : formatPercent(r.coverage)),
  bedsPer1000: (r) => (r.bedsPer1000 === null ? "未提供" : formatNumber(r.bedsPer1000)),
  onTime: (r) => (r.onTime === null ? "无项目" : formatPercent(r.onTime, 0))
};

export interface RankingOptions {
  /** the page carrying the table, for the report links (e.g. "/index") */
  from: SitePath;
  sortBy?: RankingKey;
  direction?: SortDirection;
}

/**
 * The county ranking: 名次, 县区 (link to its report), then one column per RANKING_COLUMNS. A header click sorts by
 * that column, the better direction first; a second click reverses. The table's data-sort says "key:direction".
 */
export function CountyRanking(rows: readonly RankingRow[], options: RankingOptions): HTMLDivElement {
  const wrap = el("div", "cc-table-wrap cc-ranking");
  const table = el("table", "cc-table cc-ranking-table");
  table.createCaption().textContent = "各县区量化排名（点击列名排序）";
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  let key: RankingKey = options.sortBy ?? "coverage";
  let direction: SortDirection = options.direction ?? RANKING_COLUMNS.find((c) => c.key === key)!.better;
  const rankTh = el("th", "cc-num", "名次");
  rankTh.scope = "col";
  const nameTh = el("th", "", "县区");
  nameTh.scope = "col";
  head.append(rankTh, nameTh);
  const buttons = new Map<RankingKey, {th: HTMLTableCellElement; arrow: HTMLSpanElement}>();
  for (const c of RANKING_COLUMNS) {
    const th = el("th", "cc-num");
    th.scope = "col";
    th.dataset.key = c.key;
    const button = el("button", "cc-sort");
    button.type = "button";
    const arrow = el("span", "cc-sort-arrow");
    arrow.setAttribute("aria-hidden", "true");
    button.append(document.createTextNode(c.label), arrow);
    button.addEventListener("click", () => {
      direction = key === c.key ? (direction === "asc" ? "desc" : "asc") : c.better;
      key = c.key;
      render();
    });
    th.append(button);
    head.append(th);
    buttons.set(c.key, {th, arrow});
  }
  function render(): void {
    table.dataset.sort = `${key}:${direction}`;
    for (const [k, {th, arrow}] of buttons) {
      if (k === key) th.setAttribute("aria-sort", direction === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
      arrow.textContent = k === key ? (direction === "asc" ? " ▲" : " ▼") : " ⇅";
    }
    const sorted = sortRanking(rows, key, direction);
    const ranks = ranksOf(sorted, key);
    body.replaceChildren(
      ...sorted.map((r, i) => {
        const tr = el("tr");
        tr.dataset.county = r.code;
        const rank = el("td", "cc-num cc-nowrap", ranks[i] === null ? "—" : String(ranks[i]));
        const name = el("td", "cc-ranking-name");
        const a = el("a", "", r.name);
        a.href = reportHref("county", r.code, options.from);
        name.append(a);
        tr.append(rank, name);
        for (const c of RANKING_COLUMNS) {
          const td = el("td", "cc-num cc-nowrap", CELL[c.key](r));
          if (c.key === "onTime" && r.onTime !== null) td.append(el("span", "cc-ranking-sub", `（${r.projectItems}项）`));
          td.dataset.key = c.key;
          const v = r[c.key];
          if (v !== null) td.dataset.value = String(v);
          if (c.key === "red" && r.red > 0) td.classList.add("cc-red-count");
          tr.append(td);
        }
        return tr;
      })
    );
  }
  render();
  wrap.append(table);
  return wrap;
}

const WATCH_LABEL: Record<WatchColumn, string> = {red: "红灯", amber: "黄灯", coverage: "覆盖率", uncovered: "未覆盖老人", bedGap: "床位缺口"};
const WATCH_CELL: Record<WatchColumn, (r: WatchRow) => string> = {
  red: (r) => String(r.red),
  amber: (r) => String(r.amber),
  coverage: (r) => (r.coverage === null ? "—" : formatPercent(r.coverage)),
  uncovered: (r) => formatCount(r.uncovered),
  bedGap: (r) => formatCount(r.bedGap)
};

/** The townships to watch: 乡镇 (link to its report), 县区, 关注原因, then the columns not 0 on every row. */
export function WatchTable(rows: readonly WatchRow[], options: {from: SitePath; caption?: string}): HTMLDivElement {
  const wrap = el("div", "cc-table-wrap cc-watch");
  const table = el("table", "cc-table cc-watch-table");
  if (options.caption) table.createCaption().textContent = options.caption;
  const columns = watchColumns(rows);
  const head = table.createTHead().insertRow();
  for (const [label, num] of [["乡镇", false], ["县区", false], ["关注原因", false], ...columns.map((c) => [WATCH_LABEL[c], true] as const)] as const) {
    const th = el("th", num ? "cc-num" : "", label);
    th.scope = "col";
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.township = r.code;
    const name = el("td", "cc-watch-name");
    const a = el("a", "", r.name);
    a.href = reportHref("township", r.code, options.from);
    name.append(a);
    const reason = el("td", "cc-watch-reason", r.reasons.join("；"));
    tr.append(name, el("td", "cc-watch-county", r.county), reason);
    for (const c of columns) {
      const td = el("td", "cc-num cc-nowrap", WATCH_CELL[c](r));
      td.dataset.key = c;
      tr.append(td);
    }
  }
  wrap.append(table);
  return wrap;
}
