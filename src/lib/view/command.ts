/**
 * The 大屏 command view's figures: region KPIs, the county ranking and the project-site states, from the build's
 * artifacts (county metrics, target lights, project items). Pure: the page renders what this returns, and the
 * tests check it against the same artifacts summed another way.
 */
import type {Light} from "../plan/targets.js";

/** The state of a project item as the wall screen colours it. */
export type SiteState = "done" | "on_time" | "late" | "overdue";

export const SITE_STATE_LABEL: Readonly<Record<SiteState, string>> = {done: "已完成", on_time: "按期推进", late: "进度滞后", overdue: "已逾期"};
/** Same meaning as the lights everywhere on the site: green good, amber behind, red overdue; done is blue-grey. */
export const SITE_STATE_COLOR: Readonly<Record<SiteState, string>> = {done: "#5b7083", on_time: "#2e8540", late: "#d68910", overdue: "#c0392b"};
/** Worst first, for a site with several items. */
const STATE_RANK: Readonly<Record<SiteState, number>> = {overdue: 3, late: 2, on_time: 1, done: 0};

export interface CommandItem {
  county_code: string;
  facility_id?: string;
  progress: number;
  overdue: boolean;
  light: Light;
}

/** An item's state: done when complete; overdue when its deadline passed unfinished; late when its light is not green. */
export function siteState(item: CommandItem): SiteState {
  if (item.progress >= 1) return "done";
  if (item.overdue) return "overdue";
  return item.light === "green" ? "on_time" : "late";
}

export type Tally<K extends string> = Record<K, number>;

/** The figures the screen shows for the region and for each county. */
export interface CommandFigures {
  /** older people of the population measure */
  people: number;
  covered: number;
  coveredShare: number | null;
  uncovered: number;
  /** null when the region does not provide beds */
  beds: number | null;
  bedsPer1000: number | null;
  lights: Tally<Light>;
  projects: Tally<SiteState>;
}

export interface CountyRow extends CommandFigures {
  code: string;
  name: string;
}

export interface CommandSummary extends CommandFigures {
  /** facilities that count for coverage (serving statuses) */
  facilities: number;
  /** counties, best covered first (ties: fewer red lights, then code) */
  counties: CountyRow[];
  /** each facility with project items: its worst state */
  sites: Map<string, SiteState>;
}

export interface CommandInput {
  counties: readonly {code: string; name: string}[];
  /** per-county metrics rows of results.json (people = the population measure; beds null when not provided) */
  metrics: readonly {code: string; people: number; covered_any: number; uncovered: number; beds: number | null; pop60: number}[];
  /** target lights; only county-scope lights are tallied (one per target and county) */
  statuses: readonly {scope: string; code: string; status: Light}[];
  facilities: readonly {county_code: string; status: string}[];
  serving: readonly string[];
  items: readonly CommandItem[];
}

const lightTally = (): Tally<Light> => ({green: 0, amber: 0, red: 0, grey: 0});
const stateTally = (): Tally<SiteState> => ({done: 0, on_time: 0, late: 0, overdue: 0});
const ratio = (a: number | null, b: number, scale = 1) => (a !== null && b > 0 ? (a / b) * scale : null);

/** The wall screen's figures for a region. */
export function commandSummary(input: CommandInput): CommandSummary {
  const serving = new Set(input.serving);
  const rows = new Map<string, CountyRow>(input.counties.map((c) => [c.code, {
    code: c.code, name: c.name, people: 0, covered: 0, coveredShare: null, uncovered: 0, beds: 0, bedsPer1000: null, lights: lightTally(), projects: stateTally()
  }]));
  let pop60 = 0;
  const pop60By = new Map<string, number>();
  for (const m of input.metrics) {
    const row = rows.get(m.code);
    if (!row) continue;
    row.people = m.people;
    row.covered = m.covered_any;
    row.uncovered = m.uncovered;
    row.beds = m.beds;
    pop60By.set(m.code, m.pop60);
    pop60 += m.pop60;
  }
  const lights = lightTally();
  for (const s of input.statuses) {
    if (s.scope !== "county") continue;
    lights[s.status]++;
    const row = rows.get(s.code);
    if (row) row.lights[s.status]++;
  }
  const projects = stateTally();
  const sites = new Map<string, SiteState>();
  for (const item of input.items) {
    const state = siteState(item);
    projects[state]++;
    const row = rows.get(item.county_code);
    if (row) row.projects[state]++;
    if (item.facility_id) {
      const before = sites.get(item.facility_id);
      if (before === undefined || STATE_RANK[state] > STATE_RANK[before]) sites.set(item.facility_id, state);
    }
  }
  const counties = [...rows.values()].map((r) => ({...r, coveredShare: ratio(r.covered, r.people), bedsPer1000: ratio(r.beds, pop60By.get(r.code) ?? 0, 1000)}));
  counties.sort((a, b) => (b.coveredShare ?? -1) - (a.coveredShare ?? -1) || a.lights.red - b.lights.red || a.code.localeCompare(b.code));
  const people = counties.reduce((n, c) => n + c.people, 0);
  const covered = counties.reduce((n, c) => n + c.covered, 0);
  const beds = counties.some((c) => c.beds === null) ? null : counties.reduce((n, c) => n + c.beds!, 0);
  return {
    people,
    covered,
    coveredShare: ratio(covered, people),
    uncovered: counties.reduce((n, c) => n + c.uncovered, 0),
    beds,
    bedsPer1000: ratio(beds, pop60, 1000),
    facilities: input.facilities.filter((f) => serving.has(f.status)).length,
    lights,
    projects,
    counties,
    sites
  };
}

/**
 * Which ranks of `count` counties the 大屏 ranking shows in `max` rows: all when they fit; otherwise the best
 * covered (⌊(max − 1) / 2⌋ of them), the least covered (the rest of max − 1) and the selected rank wherever it is;
 * `omitted` counts the others (a line says so, between the two ends).
 * @example rankingWindow(300, 6, 0) // {shown: [0, 1, 297, 298, 299], omitted: 295}
 */
export function rankingWindow(count: number, max: number, selected: number): {shown: number[]; omitted: number} {
  if (count <= max) return {shown: Array.from({length: count}, (_, i) => i), omitted: 0};
  const head = Math.floor((max - 1) / 2);
  const tailFrom = count - (max - 1 - head);
  const shown = Array.from({length: count}, (_, i) => i).filter((i) => i < head || i >= tailFrom || i === selected);
  return {shown, omitted: count - shown.length};
}
