/**
 * Coordinate evidence: does each file with coordinates fit its declared coordinate system better than the others?
 *
 * A file declared WGS84 that is really GCJ-02 (高德/腾讯) moves every point 300–700 m; BD-09 (百度) as GCJ-02 about
 * 1 km more. No single point shows it: the error is a shift of the whole file. So the check reads every file under
 * each system (WGS84, GCJ-02, BD-09) and compares, point by point, how it fits the other files:
 *
 * - points (villages, facilities, candidates): inside their own township (the township_code column, or the first 9
 *   digits of a village code), inside any township, inside the county outline, and the distance to their linked
 *   village (a facility's village_code);
 * - township boundaries: the points above inside their own and any township when the polygons are read in each
 *   system, and the township map against the county outline (sample points on a grid over each county: inside the
 *   county ⇔ inside some township; only counties where the two agree on at least 95 % of the samples under some
 *   system, so a township map covering part of a county is not compared);
 * - county boundaries: every point inside the outline, and the outline against the township map.
 *
 * Decision rule, the same for every file and signal: only points whose outcome differs between the declared system
 * and an alternative say anything (a point well inside its township, or one wrongly placed by kilometres, is inside
 * or outside under all three). Of these discordant points, `better` fit the alternative and `worse` the declared
 * system. The alternative fits clearly better when, for at least one signal, better ≥ MIN_DISCORDANT and
 * better ≥ RATIO × worse, and no signal goes clearly the other way (worse ≥ MIN_DISCORDANT and worse ≥ 2 × better).
 * When the declared system is right, an alternative shifts every point the same way and pushes more points out of
 * their township than it pulls in, so `worse` outnumbers `better`; when it is wrong, the reverse. A small file, or
 * one whose points all lie far from any border, has too few discordant points to decide: it passes, unjudged.
 * A boundary file found shifted is not used to judge the point files (they are judged against what remains).
 */
import type {Feature, MultiPolygon, Polygon} from "geojson";
import {bbox} from "@turf/turf";
import type {LngLat} from "../src/lib/types.ts";
import type {FileKind} from "./aliases.ts";
import {distance} from "../src/lib/engine/geo.ts";
import {AreaIndex} from "../src/lib/engine/spatial.ts";
import {fromWgs84, toWgs84, type Crs} from "./coords.ts";
import type {FileReport} from "./report.ts";
import {parseCode} from "./values.ts";

/** The systems compared. */
export const CRS_ALL: readonly Crs[] = ["WGS84", "GCJ-02", "BD-09"];

/** What each system is, as a message names it. */
export const CRS_SOURCE: Readonly<Record<Crs, string>> = {
  WGS84: "WGS84 (GPS, 天地图, CGCS2000)",
  "GCJ-02": "GCJ-02 (高德/腾讯)",
  "BD-09": "BD-09 (百度)"
};

/** Fewest discordant points (or grid samples, see gridMinimum) that can decide. */
export const MIN_DISCORDANT = 5;
/** How many times more discordant points must favour the alternative than the declared system. */
export const RATIO = 4;
/** A distance to the linked village counts as changed only beyond this (metres). */
const DISTANCE_TOLERANCE_M = 50;
/** Least share of grid samples on which county outline and township map must agree under some system to be compared. */
const GRID_AGREEMENT = 0.95;
/** Grid samples per side over each county's bounding box. */
const GRID = 48;

/** One point of a file as written (before conversion), with the township and village it names. */
export interface PointSample {
  raw: LngLat;
  /** 9-digit township code: the township_code cell, or the first 9 digits of the village code */
  township?: string;
  /** 12-digit code of the village the point belongs to (a facility's village_code) */
  village?: string;
}

/** The signals a file is judged by. */
export type SignalKind = "own_township" | "any_township" | "county" | "village_distance" | "county_vs_townships";

/** What a signal measures, in words for the message. */
const SIGNAL_TEXT: Readonly<Record<SignalKind, string>> = {
  own_township: "of points inside their own township",
  any_township: "of points inside any township",
  county: "of points inside the county outline",
  village_distance: "median distance to the linked village",
  county_vs_townships: "county outline and township map agree (inside both or outside both)"
};

/** One signal of one file: per system, the value; per alternative, the discordant samples. */
export interface Signal {
  kind: SignalKind;
  /** samples the signal was computed on */
  n: number;
  /** share inside (0–1), or median metres for village_distance, per system */
  value: Partial<Record<Crs, number>>;
  /** per alternative system: samples fitting it and not the declared one (better), and the reverse (worse) */
  discordant: Partial<Record<Crs, {better: number; worse: number}>>;
  /** fewest discordant samples that decide for this signal */
  min: number;
}

/** The evidence about one file. */
export interface CrsEvidence {
  declared: Crs;
  /** "fits": no alternative fits clearly better; "probably": `likely` does; "undecided": too few discordant points */
  verdict: "fits" | "probably" | "undecided";
  likely?: Crs;
  signals: Signal[];
  /** the sentence for the report (set when verdict is "probably") */
  message?: string;
}

/** The layers the evidence is computed against, and what each file holds. */
export interface EvidenceInput {
  /** declared system of each file with coordinates */
  declared: Partial<Record<FileKind, Crs>>;
  /** point files' samples, as written */
  samples: Partial<Record<"villages" | "facilities" | "candidates", PointSample[]>>;
  /** accepted county polygons (WGS84, as converted from their declared system) */
  counties: readonly Feature<Polygon | MultiPolygon, {code: string}>[];
  /** accepted township polygons (WGS84, as converted from their declared system) */
  townships: readonly Feature<Polygon | MultiPolygon, {code: string}>[];
  /** accepted villages (WGS84) by code */
  villages: ReadonlyMap<string, LngLat>;
}

export type PointKind = "villages" | "facilities" | "candidates";
const POINT_KINDS: readonly PointKind[] = ["villages", "facilities", "candidates"];

/**
 * Judge every file with coordinates.
 * @returns the evidence per file kind (only files that were loaded)
 */
export function crsEvidence(input: EvidenceInput): Partial<Record<FileKind, CrsEvidence>> {
  const out: Partial<Record<FileKind, CrsEvidence>> = {};
  const countyIndex = new AreaIndex(input.counties.map((f) => ({key: f.properties.code, geometry: f.geometry})));
  const townshipIndex = new AreaIndex(input.townships.map((f) => ({key: f.properties.code, geometry: f.geometry})));
  // every point of every point file, in WGS84 as declared (rejected rows too: a shifted file's points fall outside)
  const points: {p: LngLat; township?: string}[] = [];
  for (const kind of POINT_KINDS) {
    const crs = input.declared[kind];
    if (crs) for (const s of input.samples[kind] ?? []) points.push({p: toWgs84(s.raw, crs), township: s.township});
  }
  const grid = gridOver(input.counties);

  const tDeclared = input.declared.township_boundaries;
  if (tDeclared && townshipIndex.size > 0) {
    const moved = (p: LngLat, x: Crs) => toWgs84(fromWgs84(p, x), tDeclared);
    const own = points.filter((s) => s.township !== undefined && townshipIndex.contains(s.township, s.p) !== undefined);
    const signals: Signal[] = [
      boolSignal("own_township", own, tDeclared, (s, x) => townshipIndex.contains(s.township!, moved(s.p, x)) === true),
      boolSignal("any_township", points, tDeclared, (s, x) => townshipIndex.containing(moved(s.p, x)).length > 0)
    ];
    if (countyIndex.size > 0) signals.push(gridSignal(grid, tDeclared, (g) => countyIndex.containing(g).length > 0, (g, x) => townshipIndex.containing(moved(g, x)).length > 0));
    out.township_boundaries = judge("township_boundaries", tDeclared, signals);
  }

  const cDeclared = input.declared.county_boundaries;
  if (cDeclared && countyIndex.size > 0) {
    const moved = (p: LngLat, x: Crs) => toWgs84(fromWgs84(p, x), cDeclared);
    const signals: Signal[] = [boolSignal("county", points, cDeclared, (s, x) => countyIndex.containing(moved(s.p, x)).length > 0)];
    if (townshipIndex.size > 0 && out.township_boundaries?.verdict !== "probably") {
      signals.push(gridSignal(grid, cDeclared, (g) => townshipIndex.containing(g).length > 0, (g, x) => countyIndex.containing(moved(g, x)).length > 0));
    }
    out.county_boundaries = judge("county_boundaries", cDeclared, signals);
  }

  // point files against the boundary layers that were not found shifted
  const townshipsOk = townshipIndex.size > 0 && out.township_boundaries?.verdict !== "probably";
  const countyOk = countyIndex.size > 0 && out.county_boundaries?.verdict !== "probably";
  for (const kind of POINT_KINDS) {
    const declared = input.declared[kind];
    const samples = input.samples[kind];
    if (!declared || !samples) continue;
    const asCrs = samples.map((s) => Object.fromEntries(CRS_ALL.map((x) => [x, toWgs84(s.raw, x)])) as Record<Crs, LngLat>);
    const items = samples.map((s, i) => ({...s, at: asCrs[i]}));
    const signals: Signal[] = [];
    if (townshipsOk) {
      const own = items.filter((s) => s.township !== undefined && townshipIndex.contains(s.township, s.at[declared]) !== undefined);
      signals.push(boolSignal("own_township", own, declared, (s, x) => townshipIndex.contains(s.township!, s.at[x]) === true));
      signals.push(boolSignal("any_township", items, declared, (s, x) => townshipIndex.containing(s.at[x]).length > 0));
    }
    if (countyOk) signals.push(boolSignal("county", items, declared, (s, x) => countyIndex.containing(s.at[x]).length > 0));
    if (kind !== "villages") {
      const linked = items.filter((s) => s.village !== undefined && input.villages.has(s.village));
      if (linked.length > 0) signals.push(distanceSignal(linked, declared, (s, x) => distance(s.at[x], input.villages.get(s.village!)!)));
    }
    out[kind] = judge(kind, declared, signals);
  }
  return out;
}

/** A yes/no signal: per system the share of samples for which `fits` holds; per alternative the discordant ones. */
function boolSignal<S>(kind: SignalKind, samples: readonly S[], declared: Crs, fits: (s: S, x: Crs) => boolean): Signal {
  const outcome = Object.fromEntries(CRS_ALL.map((x) => [x, samples.map((s) => fits(s, x))])) as Record<Crs, boolean[]>;
  return tally(kind, samples.length, declared, outcome, MIN_DISCORDANT);
}

function tally(kind: SignalKind, n: number, declared: Crs, outcome: Record<Crs, boolean[]>, min: number): Signal {
  const value: Signal["value"] = {};
  const discordant: Signal["discordant"] = {};
  for (const x of CRS_ALL) {
    value[x] = n === 0 ? 0 : outcome[x].filter(Boolean).length / n;
    if (x === declared) continue;
    let better = 0;
    let worse = 0;
    for (let i = 0; i < n; i++) {
      if (outcome[x][i] && !outcome[declared][i]) better++;
      else if (!outcome[x][i] && outcome[declared][i]) worse++;
    }
    discordant[x] = {better, worse};
  }
  return {kind, n, value, discordant, min};
}

/** Distance to the linked village: per system the median; a sample is discordant when it moves by more than 50 m. */
function distanceSignal<S>(samples: readonly S[], declared: Crs, distance: (s: S, x: Crs) => number): Signal {
  const d = Object.fromEntries(CRS_ALL.map((x) => [x, samples.map((s) => distance(s, x))])) as Record<Crs, number[]>;
  const value: Signal["value"] = {};
  const discordant: Signal["discordant"] = {};
  for (const x of CRS_ALL) {
    value[x] = median(d[x]);
    if (x === declared) continue;
    let better = 0;
    let worse = 0;
    for (let i = 0; i < samples.length; i++) {
      if (d[x][i] < d[declared][i] - DISTANCE_TOLERANCE_M) better++;
      else if (d[x][i] > d[declared][i] + DISTANCE_TOLERANCE_M) worse++;
    }
    discordant[x] = {better, worse};
  }
  return {kind: "village_distance", n: samples.length, value, discordant, min: MIN_DISCORDANT};
}

/**
 * Two boundary layers against each other: on grid samples, whether "inside the reference layer" and "inside the
 * judged layer read in system x" agree. Only counties where the two agree on at least 95 % of their samples under
 * some system are compared: a township map covering part of a county (one detailed town) says nothing about a shift.
 * The minimum is 1 % of the compared samples inside the reference (and at least 20): a grid sample stands for an
 * area, not a point of the file.
 */
function gridSignal(grids: readonly (readonly LngLat[])[], declared: Crs, reference: (g: LngLat) => boolean, judged: (g: LngLat, x: Crs) => boolean): Signal {
  const ref: boolean[] = [];
  const outcome = Object.fromEntries(CRS_ALL.map((x) => [x, [] as boolean[]])) as Record<Crs, boolean[]>;
  for (const grid of grids) {
    const r = grid.map(reference);
    const o = Object.fromEntries(CRS_ALL.map((x) => [x, grid.map((g, i) => judged(g, x) === r[i])])) as Record<Crs, boolean[]>;
    const best = Math.max(...CRS_ALL.map((x) => o[x].filter(Boolean).length / Math.max(1, grid.length)));
    if (best < GRID_AGREEMENT) continue;
    ref.push(...r);
    for (const x of CRS_ALL) outcome[x].push(...o[x]);
  }
  return tally("county_vs_townships", ref.length, declared, outcome, gridMinimum(ref.filter(Boolean).length));
}

/** Fewest discordant grid samples that decide. */
export function gridMinimum(inside: number): number {
  return Math.max(20, Math.ceil(inside / 100));
}

/** Grid samples over each county's bounding box (one list per county), widened by 5 % so its edges are inside. */
function gridOver(counties: EvidenceInput["counties"]): LngLat[][] {
  return counties.map((f) => {
    const out: LngLat[] = [];
    const [x0, y0, x1, y1] = bbox(f.geometry);
    const [dx, dy] = [(x1 - x0) * 0.05, (y1 - y0) * 0.05];
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) out.push([x0 - dx + ((x1 - x0 + 2 * dx) * (i + 0.5)) / GRID, y0 - dy + ((y1 - y0 + 2 * dy) * (j + 0.5)) / GRID]);
    }
    return out;
  });
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Whether a signal decides for the alternative x. */
function favours(s: Signal, x: Crs): boolean {
  const d = s.discordant[x];
  return d !== undefined && d.better >= s.min && d.better >= RATIO * d.worse;
}

/** Whether a signal goes clearly against the alternative x. */
function against(s: Signal, x: Crs): boolean {
  const d = s.discordant[x];
  return d !== undefined && d.worse >= s.min && d.worse >= 2 * d.better;
}

/**
 * The verdict of a file: the alternative favoured by some signal and contradicted by none; of several, the one whose
 * favouring signals have the largest margin (better − worse).
 */
export function judge(kind: FileKind, declared: Crs, signals: Signal[]): CrsEvidence {
  const margin = (x: Crs) => signals.filter((s) => favours(s, x)).reduce((m, s) => m + s.discordant[x]!.better - s.discordant[x]!.worse, 0);
  const likely = CRS_ALL.filter((x) => x !== declared && signals.some((s) => favours(s, x)) && !signals.some((s) => against(s, x))).sort((a, b) => margin(b) - margin(a))[0];
  if (likely) return {declared, verdict: "probably", likely, signals, message: evidenceMessage(kind, declared, likely, signals)};
  const decided = signals.some((s) => CRS_ALL.some((x) => x !== declared && (s.discordant[x]?.worse ?? 0) >= s.min));
  return {declared, verdict: decided ? "fits" : "undecided", signals};
}

/** "61 %" */
function pct(v: number): string {
  return `${Math.round(v * 100)} %`;
}

/** One signal as "declared WGS84: 61 % of points inside their own township (122 of 200); as GCJ-02: 98 %". */
function signalText(s: Signal, declared: Crs, x: Crs): string {
  if (s.kind === "village_distance") return `${SIGNAL_TEXT[s.kind]} ${Math.round(s.value[declared]!)} m as declared, ${Math.round(s.value[x]!)} m as ${x} (${s.n} points)`;
  if (s.kind === "county_vs_townships") return `${SIGNAL_TEXT[s.kind]}: ${pct(s.value[declared]!)} of ${s.n} grid samples as declared, ${pct(s.value[x]!)} as ${x}`;
  const of = (v: number) => `${pct(v)} (${Math.round(v * s.n)} of ${s.n})`;
  return `declared ${declared}: ${of(s.value[declared]!)} ${SIGNAL_TEXT[s.kind]}; as ${x}: ${of(s.value[x]!)}`;
}

/** The report's sentence: the evidence, the likely system and what to do. */
function evidenceMessage(kind: FileKind, declared: Crs, likely: Crs, signals: readonly Signal[]): string {
  const shown = signals.filter((s) => s.n > 0);
  const first = shown.filter((s) => favours(s, likely));
  const rest = shown.filter((s) => !favours(s, likely));
  const evidence = [...first, ...rest].map((s) => signalText(s, declared, likely)).join("; ");
  const boundary = kind.endsWith("_boundaries") ? " (judged against the points of the other files and the other boundary file)" : "";
  return `coordinates do not fit the declared ${declared}${boundary}: ${evidence} — the file is probably ${CRS_SOURCE[likely]}. Declare "crs": "${likely}" for files.${kind} in region.json; if the file really is ${declared}, set "crs_check": "off" with a "crs_check_reason" there`;
}

/** A point file's sample from a row: the point as written and the township / village codes it names. */
export function sampleOf(kind: PointKind, cell: (field: string) => string, raw: LngLat): PointSample {
  const code = (field: string, digits: number) => {
    const p = parseCode(cell(field), digits);
    return p.ok ? p.value : undefined;
  };
  const village = code("village_code", 12);
  const township = code("township_code", 9) ?? village?.slice(0, 9);
  const s: PointSample = {raw};
  if (township) s.township = township;
  if (village && kind !== "villages") s.village = village;
  return s;
}

/** How a file's coordinate check is set in region.json. */
export interface CheckSetting {
  crs_check?: "on" | "off";
  crs_check_reason?: string;
}

/**
 * Record the evidence in the load report: on every judged file (`crsEvidence`, for --json and quality.json); as a
 * file error when another system fits clearly better, or as a note when the file's check is "off" (with its reason).
 */
export function recordEvidence(files: readonly FileReport[], evidence: Partial<Record<FileKind, CrsEvidence>>, settings: Partial<Record<FileKind, CheckSetting>>): void {
  for (const f of files) {
    const ev = evidence[f.file];
    if (!ev) continue;
    f.crsEvidence = ev;
    const setting = settings[f.file];
    if (setting?.crs_check === "off") {
      const what = ev.message ? `it would have failed: ${ev.message}` : `the evidence finds no system fitting better than ${ev.declared}`;
      f.notes.push(`coordinate check off ("crs_check": "off" in region.json, reason: ${setting.crs_check_reason ?? "none given"}); ${what}`);
    } else if (ev.message) {
      f.errors.push(ev.message);
    }
  }
}
