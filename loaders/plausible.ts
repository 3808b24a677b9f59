/**
 * Plausibility: a value that parses can still be impossible (99 999 999 beds in one facility, a village of two
 * million people aged 60+, a point in the Pacific) or a sign of a unit mix-up (2 m² a bed). Every rule has a range
 * and a message; the rule of the contract (docs/data-contract.md, "Plausibility"):
 *
 * - **rejected** when the value cannot be true of one row: beyond the hard limit of its field, a point outside China
 *   (unless region.json says `"config": {"outside_china": true}`), or a figure written in scientific notation (1E+03:
 *   Excel shows long numbers so and a CSV export keeps only the digits shown);
 * - **a warning** when it is possible but unusual: beyond the soft limit, or a floor area per bed below 5 m² or above
 *   500 m² (area in 万平方米 or 亩? beds missing?).
 */
import {quote, type RowCheck} from "./check.ts";
import type {FileKind} from "./aliases.ts";

/** The range of one numeric field: values above `warn` are warned about, above `reject` rejected. */
export interface Range {
  warn: number;
  reject: number;
  /** what the field measures, for the message: "beds in one facility" */
  what: string;
  /** what is usual, for the message */
  usual: string;
}

const POP_VILLAGE = (what: string): Range => ({warn: 50_000, reject: 200_000, what: `${what} in one village or community`, usual: "a village has hundreds, a large urban community a few thousand"});
const POP_COUNTY = (what: string): Range => ({warn: 6_000_000, reject: 20_000_000, what: `${what} in one county`, usual: "the most populous county-level unit (浦东新区) had about 5.7 million residents in 2020"});

/** Per file kind and field: the plausible range. */
export const RANGES: Readonly<Partial<Record<FileKind, Readonly<Record<string, Range>>>>> = {
  facilities: {
    beds: {warn: 1_000, reject: 5_000, what: "beds in one facility", usual: "a county institution has 50–300, a township centre ≤ 30"},
    nursing_beds: {warn: 1_000, reject: 5_000, what: "nursing beds in one facility", usual: "a county institution has 50–300 beds"},
    meal_seats: {warn: 1_000, reject: 5_000, what: "meal seats in one facility", usual: "an elder canteen seats 50–300"},
    social_workers: {warn: 100, reject: 1_000, what: "social workers in one facility", usual: "one per 100 beds"},
    area_m2: {warn: 100_000, reject: 1_000_000, what: "m² of floor area of one facility", usual: "a station < 500 m², a county institution 2 000–20 000 m²"}
  },
  villages: {
    pop60: POP_VILLAGE("people aged 60+"),
    pop65: POP_VILLAGE("people aged 65+"),
    pop80: POP_VILLAGE("people aged 80+"),
    disabled: POP_VILLAGE("disabled older people"),
    alone: POP_VILLAGE("older people living alone")
  },
  counties: {
    pop_total: POP_COUNTY("residents"),
    pop60: POP_COUNTY("people aged 60+"),
    pop65: POP_COUNTY("people aged 65+"),
    pop80: POP_COUNTY("people aged 80+")
  },
  candidates: {
    area_m2: {warn: 100_000, reject: 1_000_000, what: "m² of floor area of one site", usual: "an idle school or clinic has 500–5 000 m²"}
  }
};

/** Numeric fields whose cells are checked for scientific notation. */
const NUMERIC: Readonly<Partial<Record<FileKind, readonly string[]>>> = {
  counties: ["pop_total", "pop60", "pop65", "pop80", "households65", "area_km2"],
  villages: ["pop60", "pop65", "pop80", "disabled", "alone", "lng", "lat"],
  facilities: ["beds", "nursing_beds", "meal_seats", "area_m2", "social_workers", "lng", "lat"],
  projects: ["planned_qty", "done_qty", "budget_yuan", "spent_yuan"],
  candidates: ["area_m2", "lng", "lat"],
  targets: ["threshold"]
};

/** Floor area per bed outside this range is a warning (m²). */
export const AREA_PER_BED = {min: 5, max: 500};

/** China's extent in degrees (WGS84), South China Sea islands included. */
export const CHINA = {west: 73.4, east: 135.1, south: 3.8, north: 53.6};

/** Options of the plausibility checks. */
export interface PlausibleOptions {
  /** region.json config.outside_china: points outside China are accepted */
  outsideChina?: boolean;
}

const SCIENTIFIC = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;

const n = (v: number) => v.toLocaleString("en-US").replace(/,/g, " ");

/**
 * Check a row's raw cells before it is validated: figures in scientific notation, points outside China. (Before, so
 * that a point in the wrong hemisphere says so first, ahead of "outside every county boundary".)
 * @param kind file kind
 * @param c the row's check (raw cells, problems)
 */
export function checkRawPlausible(kind: FileKind, c: RowCheck, options: PlausibleOptions = {}): void {
  for (const field of NUMERIC[kind] ?? []) {
    const raw = c.raw(field).trim().normalize("NFKC");
    if (SCIENTIFIC.test(raw)) {
      c.fail(field, "a number written in full", raw, `${quote(raw)} is written in scientific notation: Excel shows long numbers so, and a CSV export keeps only the digits shown; format the column as a number (or text) and write the value in full (${Number(raw).toLocaleString("en-US").replace(/,/g, "")}?)`);
    }
  }
  if ((kind === "villages" || kind === "facilities" || kind === "candidates") && !options.outsideChina) insideChina(c);
}

/**
 * Check a validated row's values against the ranges (problems reject it, warnings are kept).
 * @param kind file kind
 * @param c the row's check
 * @param record the validated record
 */
export function checkPlausible(kind: FileKind, c: RowCheck, record: object): void {
  const values = record as Record<string, unknown>;
  for (const [field, range] of Object.entries(RANGES[kind] ?? {})) {
    const v = values[field];
    if (typeof v !== "number" || c.empty(field)) continue;
    if (v > range.reject) c.fail(field, `at most ${n(range.reject)}`, String(v), `${n(v)} ${range.what} is not plausible: expected at most ${n(range.reject)} (${range.usual}); a typing error, a unit (万/千) or a totals row?`);
    else if (v > range.warn) c.warn(field, `${n(v)} ${range.what} is unusually many (more than ${n(range.warn)}; ${range.usual}): please check`);
  }
  if (kind === "facilities") areaPerBed(c, values);
}

/** Floor area per bed outside 5–500 m²: a warning naming both figures. */
function areaPerBed(c: RowCheck, v: Record<string, unknown>): void {
  const beds = v.beds;
  const area = v.area_m2;
  if (typeof beds !== "number" || typeof area !== "number" || beds <= 0 || area <= 0) return;
  const per = area / beds;
  if (per < AREA_PER_BED.min) c.warn("area_m2", `${n(area)} m² for ${beds} beds is ${per.toFixed(1)} m² a bed, below ${AREA_PER_BED.min} m² (GB 50437 asks ≥ 35): is the area in 万平方米 or 亩, or are the beds too many?`);
  else if (per > AREA_PER_BED.max) c.warn("area_m2", `${n(area)} m² for ${beds} beds is ${Math.round(per)} m² a bed, above ${AREA_PER_BED.max} m²: is the area in the wrong unit, or are beds missing?`);
}

/**
 * A point outside China is rejected unless the region says it is outside China. Read from the raw cells (GCJ-02 and
 * BD-09 are within 2 km of WGS84, nothing at this scale); cells that are not numbers are the validator's to report,
 * and swapped lng/lat (a latitude in the longitude column) is left to its own clearer message.
 */
function insideChina(c: RowCheck): void {
  const lng = Number(c.raw("lng").trim().normalize("NFKC"));
  const lat = Number(c.raw("lat").trim().normalize("NFKC"));
  if (c.empty("lng") || c.empty("lat") || !Number.isFinite(lng) || !Number.isFinite(lat)) return;
  if (lat >= 73 && lat <= 135 && lng >= 18 && lng <= 54) return;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return;
  if (lng >= CHINA.west && lng <= CHINA.east && lat >= CHINA.south && lat <= CHINA.north) return;
  c.fail("lng", `a point in China (lng ${CHINA.west}–${CHINA.east}, lat ${CHINA.south}–${CHINA.north})`, `${lng}, ${lat}`, `point ${lng}, ${lat} is outside China (lng ${CHINA.west}–${CHINA.east}, lat ${CHINA.south}–${CHINA.north}); if the region really is outside China, set "config": {"outside_china": true} in region.json`);
}
