/**
 * The overview's figures for a leader: the county ranking (red lights, coverage, beds per 1 000, projects on time)
 * and its sort, and the townships to watch with the reason each is listed. Pure: the page renders what this returns;
 * test/lib/overview.test.ts checks it by hand and against the build's data.
 */
import {commandSummary, type CommandInput} from "../view/command.js";
import type {Light} from "./targets.js";

/** One county row of the ranking. */
export interface RankingRow {
  code: string;
  name: string;
  /** red lights among the county's own targets (reference standards are counted apart, as the light tally does) */
  red: number;
  /** covered share of the older people counted (null: no older people) */
  coverage: number | null;
  /** beds per 1 000 aged 60+ (null: beds not provided, or no older people) */
  bedsPer1000: number | null;
  /** share of project items neither late nor overdue (done or on time); null: the county has no project items */
  onTime: number | null;
  /** project items counted for onTime */
  projectItems: number;
}

export type RankingKey = "red" | "coverage" | "bedsPer1000" | "onTime";
export type SortDirection = "asc" | "desc";

/** The ranking's columns in order, with their Chinese header and which direction is better (the first click). */
export const RANKING_COLUMNS: readonly {key: RankingKey; label: string; better: SortDirection}[] = [
  {key: "red", label: "红灯", better: "asc"},
  {key: "coverage", label: "服务圈覆盖率", better: "desc"},
  {key: "bedsPer1000", label: "每千老人床位", better: "desc"},
  {key: "onTime", label: "项目按期率", better: "desc"}
];

export interface RankingInput extends Omit<CommandInput, "statuses"> {
  statuses: readonly {scope: string; code: string; status: Light; role?: string}[];
}

/** One row per county, in the order of `input.counties`. */
export function rankingRows(input: RankingInput): RankingRow[] {
  const own = input.statuses.filter((s) => s.role !== "reference");
  const summary = commandSummary({...input, statuses: own});
  const byCode = new Map(summary.counties.map((c) => [c.code, c]));
  return input.counties.map((county) => {
    const c = byCode.get(county.code)!;
    const items = c.projects.done + c.projects.on_time + c.projects.late + c.projects.overdue;
    return {
      code: c.code,
      name: c.name,
      red: c.lights.red,
      coverage: c.coveredShare,
      bedsPer1000: c.bedsPer1000,
      onTime: items > 0 ? (c.projects.done + c.projects.on_time) / items : null,
      projectItems: items
    };
  });
}

/**
 * The rows sorted by `key` in `direction`; a row without a value (null) always goes last, whatever the direction;
 * ties keep the better coverage first, then the county code. Returns a new array.
 */
export function sortRanking(rows: readonly RankingRow[], key: RankingKey, direction: SortDirection): RankingRow[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return sign * (x - y);
    return (b.coverage ?? -1) - (a.coverage ?? -1) || a.code.localeCompare(b.code);
  });
}

/** Competition ranks (1, 2, 2, 4) of sorted rows by `key`: equal values share a rank; a null value has no rank. */
export function ranksOf(sorted: readonly RankingRow[], key: RankingKey): (number | null)[] {
  return sorted.map((r, i) => {
    if (r[key] === null) return null;
    const first = sorted.findIndex((s) => s[key] === r[key]);
    return first + 1;
  });
}

/** A township's inputs for the watch list. */
export interface WatchInput {
  townships: readonly {code: string; name: string; county_code: string; covered_any_share: number | null; uncovered: number}[];
  counties: readonly {code: string; name: string}[];
  /** target lights; township-scope own targets are counted */
  statuses: readonly {scope: string; code: string; status: Light; role?: string}[];
  /** bed gaps per township (results.json `beds`); a township absent here has no known gap */
  bedGaps: readonly {township_code: string; gap: number}[];
}

export interface WatchRow {
  code: string;
  name: string;
  county: string;
  red: number;
  amber: number;
  coverage: number | null;
  uncovered: number;
  bedGap: number;
  /** why the township is listed, in plain words, most serious first (never empty) */
  reasons: string[];
}

export const WATCH_COLUMNS = ["red", "amber", "coverage", "uncovered", "bedGap"] as const;
export type WatchColumn = (typeof WATCH_COLUMNS)[number];

/**
 * The townships to watch: those with a red light among their own targets, older people outside every service
 * circle, or a bed gap against the county's bed standard — each with its reasons. An amber light alone or a low
 * share with nobody uncovered is not a reason. Order: most red lights, then most uncovered older people, then
 * largest bed gap, then code. `limit` keeps the first rows.
 */
export function watchList(input: WatchInput, limit = Infinity): WatchRow[] {
  const countyName = new Map(input.counties.map((c) => [c.code, c.name]));
  const gap = new Map(input.bedGaps.map((g) => [g.township_code, g.gap]));
  const lights = new Map<string, {red: number; amber: number}>();
  for (const s of input.statuses) {
    if (s.scope !== "township" || s.role === "reference") continue;
    const l = lights.get(s.code) ?? {red: 0, amber: 0};
    if (s.status === "red") l.red++;
    if (s.status === "amber") l.amber++;
    lights.set(s.code, l);
  }
  const rows: WatchRow[] = [];
  for (const t of input.townships) {
    const l = lights.get(t.code) ?? {red: 0, amber: 0};
    const bedGap = gap.get(t.code) ?? 0;
    const reasons: string[] = [];
    if (l.red > 0) reasons.push(`${l.red} 项目标未达标（红灯）`);
    if (t.uncovered > 0) reasons.push(`${t.uncovered.toLocaleString("zh-CN")} 名老人在服务圈外`);
    if (bedGap > 0) reasons.push(`床位缺口 ${bedGap.toLocaleString("zh-CN")} 张`);
    if (!reasons.length) continue;
    rows.push({code: t.code, name: t.name, county: countyName.get(t.county_code) ?? t.county_code, red: l.red, amber: l.amber, coverage: t.covered_any_share, uncovered: t.uncovered, bedGap, reasons});
  }
  rows.sort((a, b) => b.red - a.red || b.uncovered - a.uncovered || b.bedGap - a.bedGap || a.code.localeCompare(b.code));
  return rows.slice(0, limit);
}

/** The watch columns worth showing: a count column that is 0 on every row is left out (coverage always shown). */
export function watchColumns(rows: readonly WatchRow[]): WatchColumn[] {
  return WATCH_COLUMNS.filter((c) => c === "coverage" || rows.some((r) => r[c] !== 0));
}
