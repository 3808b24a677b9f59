/**
 * Per-township and per-county figures from villages, facilities and a coverage result: the rows the pages draw
 * and the targets are evaluated against. Plain objects, one per unit, every figure a number (or null when its
 * denominator is zero / the tier has no facility).
 *
 * Definitions (see docs/targets.md):
 * - coverage shares weight villages by the chosen `measure` (default pop60); "older people" in the per-1 000
 *   ratios is always pop60; populations are sums over villages (the County record is not used for them);
 * - facilities, beds, seats, social workers count only facilities with a counted status (default operating and upgrading, SERVING_STATUSES);
 *   a facility belongs to a unit by its township_code / county_code;
 * - a village "has a station" when a counted community-tier facility (community_station, day_centre,
 *   mutual_aid) names it in village_code, or, lacking village_code, is nearest to it among its township's villages;
 * - centre leads stations: a station's centre is its `linked_centre` when that is a counted township_centre,
 *   else the nearest counted township_centre of its own township, else none;
 * - beds and beds_per_1000_60 count the beds of every type (养老床位); the nursing-bed share, floor area per bed and
 *   social workers per 100 beds count institution beds only (INSTITUTION_TYPES: 养老机构护理型床位占比,
 *   每百张养老机构床位), and the social workers of those institutions;
 * - a county's township-centre coverage (乡镇（街道）综合养老服务中心覆盖率) is over its 乡镇 and 街道: units coded
 *   400–599 (类似乡级单位: development zones, parks) are left out of both counts; a township's own row counts itself.
 */
import {coveredByAny, type CoverageResult} from "../engine/coverage.js";
import {FACILITY_TYPES, INSTITUTION_TYPES, SERVING_STATUSES, STATION_TYPE_SET, TIERS, TIER_OF, townshipKind} from "../facility-types.js";
import {haversine} from "../engine/geo.js";
import type {AbsentFigures, County, Facility, FacilityStatus, FacilityType, Measure, Tier, Township, Village} from "../types.js";

/** Input records of a region. */
export interface MetricsInput {
  counties: readonly County[];
  townships: readonly Township[];
  villages: readonly Village[];
  facilities: readonly Facility[];
}

/** Options: the population weighting of coverage, the statuses that count, the figures the region lacks. */
export interface MetricsOptions {
  measure?: Measure;
  statuses?: readonly FacilityStatus[];
  /** figures the region does not provide: the metrics built on them are null (无数据), not computed from zeros */
  absent?: AbsentFigures;
}

/** The Chinese name of each optional figure (what 未提供 refers to). */
export const FIGURE_LABEL: Readonly<Record<string, string>> = {
  "facilities.beds": "床位数",
  "facilities.nursing_beds": "护理型床位数",
  "facilities.meal_seats": "助餐座位数",
  "facilities.area_m2": "建筑面积",
  "facilities.social_workers": "社会工作者人数",
  "villages.pop65": "65岁以上人口",
  "villages.pop80": "80岁以上人口",
  "villages.disabled": "失能半失能人数",
  "villages.alone": "独居老人数"
};

/** The metrics built on each optional figure: null when the figure is not provided. */
export const FIGURE_METRICS: Readonly<Record<string, readonly (keyof UnitMetrics)[]>> = {
  "facilities.beds": ["beds", "institution_beds", "beds_per_1000_60", "nursing_share", "area_per_bed", "beds_pipeline", "township_centre_max_beds", "township_centre_area_per_bed", "township_centre_nursing_share", "social_workers_per_100_beds"],
  "facilities.nursing_beds": ["nursing_beds", "nursing_beds_per_1000_60", "nursing_share", "township_centre_nursing_share"],
  "facilities.meal_seats": ["meal_seats", "meal_seat_ratio", "meal_seat_share_65", "canteens_150"],
  "facilities.area_m2": ["area_per_bed", "township_centre_area_per_bed"],
  "facilities.social_workers": ["social_workers", "social_workers_per_1000_older", "social_workers_per_100_beds"],
  "villages.pop65": ["pop65", "meal_seats_needed", "meal_seat_ratio", "meal_seat_share_65"],
  "villages.pop80": ["pop80"],
  "villages.disabled": ["disabled"],
  "villages.alone": []
};

/**
 * The metrics a region cannot compute, each with the figure it lacks.
 * @example unavailableMetrics({facilities: ["nursing_beds"]}) // {nursing_beds: "护理型床位数", nursing_share: "护理型床位数", …}
 */
export function unavailableMetrics(absent: AbsentFigures | undefined): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [file, fields] of Object.entries(absent ?? {}) as [string, string[] | undefined][]) {
    for (const field of fields ?? []) {
      const key = `${file}.${field}`;
      for (const m of FIGURE_METRICS[key] ?? []) out[m] ??= FIGURE_LABEL[key] ?? field;
    }
  }
  return out;
}

/** Whether a figure is provided (not declared absent). */
export function provided(absent: AbsentFigures | undefined, file: keyof AbsentFigures, field: string): boolean {
  return !(absent?.[file] ?? []).includes(field);
}

/** People-weighted distance statistics in metres (null when the tier has no facility or nobody lives here). */
export interface DistanceStats {
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** One row of figures for a township or a county. */
export interface UnitMetrics {
  scope: "county" | "township";
  code: string;
  name: string;
  county_code: string;
  settlement: Township["settlement"] | "mixed";
  area_km2: number;
  villages: number;
  communities: number;
  pop60: number;
  pop65: number | null;
  pop80: number | null;
  disabled: number | null;
  measure: Measure;
  people: number;
  covered_any: number;
  covered_any_share: number | null;
  uncovered: number;
  covered: Record<Tier, number>;
  covered_share: Record<Tier, number | null>;
  nearest: Record<Tier, DistanceStats>;
  facilities: number;
  facilities_by_tier: Record<Tier, number>;
  facilities_by_type: Record<FacilityType, number>;
  facilities_per_km2: number | null;
  facilities_per_1000_older: number | null;
  public_institutions: number;
  beds: number | null;
  nursing_beds: number | null;
  /** beds of 养老机构 (INSTITUTION_TYPES) */
  institution_beds: number | null;
  beds_per_1000_60: number | null;
  nursing_beds_per_1000_60: number | null;
  nursing_share: number | null;
  area_per_bed: number | null;
  beds_pipeline: number | null;
  township_centre_max_beds: number | null;
  township_centre_area_per_bed: number | null;
  township_centre_nursing_share: number | null;
  meal_seats: number | null;
  meal_seats_needed: number | null;
  meal_seat_ratio: number | null;
  meal_seat_share_65: number | null;
  canteens_150: number | null;
  villages_with_station: number;
  communities_with_station: number;
  station_share: number | null;
  community_station_share: number | null;
  village_station_share: number | null;
  townships: number;
  /** townships that count for the centre share (a county's 乡镇 and 街道; a township row: itself) */
  centre_units: number;
  townships_with_centre: number;
  township_centre_share: number | null;
  social_workers: number | null;
  social_workers_per_1000_older: number | null;
  social_workers_per_100_beds: number | null;
  social_operation_share: number | null;
  stations: number;
  stations_linked: number;
  stations_linked_explicit: number;
  station_link_share: number | null;
  link_distance_mean: number | null;
  link_distance_max: number | null;
  /**
   * Figures of this row that cannot be computed because the region does not provide a figure they are built on
   * (region.json "absent"): metric key → the missing figure, in Chinese (护理型床位数). Those figures are null.
   */
  unavailable: Partial<Record<string, string>>;
}

/** How a station is tied to a township centre. */
export interface StationLink {
  station_id: string;
  station_name: string;
  township_code: string;
  county_code: string;
  centre_id: string | null;
  how: "explicit" | "nearest" | "none";
  distance_m: number | null;
}

/** Per-township and per-county rows. */
export interface RegionMetrics {
  townships: UnitMetrics[];
  counties: UnitMetrics[];
  links: StationLink[];
}

const PIPELINE: ReadonlySet<FacilityStatus> = new Set(["construction", "planned"]);
const SOCIAL_OPERATORS: ReadonlySet<Facility["operator"]> = new Set(["public_private", "private"]);

/** a / b, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/**
 * People-weighted statistics: mean, and the smallest distance d with weight(dist ≤ d) ≥ q · total for the
 * median (q = 0.5) and p90 (q = 0.9). Zero weights are ignored; infinite distances give nulls.
 * @example weightedStats([0, 100], [1, 3]) // {mean: 75, median: 100, p90: 100, max: 100}
 */
export function weightedStats(values: readonly number[], weights: readonly number[]): DistanceStats {
  const pairs = values.map((v, i) => [v, weights[i]] as const).filter(([, w]) => w > 0);
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  if (total === 0 || pairs.some(([v]) => !Number.isFinite(v))) return {mean: null, median: null, p90: null, max: null};
  pairs.sort((a, b) => a[0] - b[0]);
  const quantile = (q: number) => {
    let cum = 0;
    for (const [v, w] of pairs) if ((cum += w) >= q * total) return v;
    return pairs[pairs.length - 1][0];
  };
  return {
    mean: pairs.reduce((s, [v, w]) => s + v * w, 0) / total,
    median: quantile(0.5),
    p90: quantile(0.9),
    max: pairs[pairs.length - 1][0]
  };
}

/**
 * Centre-leads-stations links for every counted station (community-tier facility).
 * @param facilities counted facilities only
 */
export function centreLinks(facilities: readonly Facility[]): StationLink[] {
  const centres = facilities.filter((f) => f.type === "township_centre");
  const byId = new Map(centres.map((c) => [c.id, c]));
  return facilities
    .filter((f) => STATION_TYPE_SET.has(f.type))
    .map((s) => {
      const explicit = s.linked_centre ? byId.get(s.linked_centre) : undefined;
      let centre = explicit;
      if (!centre) {
        let best = Infinity;
        for (const c of centres) {
          if (c.township_code !== s.township_code) continue;
          const d = haversine(s.lng, s.lat, c.lng, c.lat);
          if (d < best || (d === best && centre && c.id < centre.id)) [best, centre] = [d, c];
        }
      }
      return {
        station_id: s.id,
        station_name: s.name,
        township_code: s.township_code,
        county_code: s.county_code,
        centre_id: centre?.id ?? null,
        how: explicit ? "explicit" : centre ? "nearest" : "none",
        distance_m: centre ? haversine(s.lng, s.lat, centre.lng, centre.lat) : null
      };
    });
}

/** Village codes that have a station (see module doc). */
export function villagesWithStation(villages: readonly Village[], facilities: readonly Facility[]): Set<string> {
  const codes = new Set(villages.map((v) => v.code));
  const byTownship = groupBy(villages, (v) => v.township_code);
  const out = new Set<string>();
  for (const f of facilities) {
    if (!STATION_TYPE_SET.has(f.type)) continue;
    if (f.village_code && codes.has(f.village_code)) {
      out.add(f.village_code);
      continue;
    }
    let best: Village | undefined;
    let bestD = Infinity;
    for (const v of byTownship.get(f.township_code) ?? []) {
      const d = haversine(v.lng, v.lat, f.lng, f.lat);
      if (d < bestD) [bestD, best] = [d, v];
    }
    if (best) out.add(best.code);
  }
  return out;
}

interface UnitParts {
  scope: UnitMetrics["scope"];
  code: string;
  name: string;
  county_code: string;
  settlement: UnitMetrics["settlement"];
  area_km2: number;
  villageIdx: number[];
  facilities: Facility[];
  pipeline: Facility[];
  townships: Township[];
  links: StationLink[];
}

function tierRecord<T>(fn: (t: Tier) => T): Record<Tier, T> {
  return {county: fn("county"), township: fn("township"), community: fn("community"), meal: fn("meal")};
}

function sum<T>(items: readonly T[], fn: (x: T) => number): number {
  return items.reduce((s, x) => s + fn(x), 0);
}

function coverageFigures(p: UnitParts, input: MetricsInput, cov: CoverageResult, measure: Measure) {
  const vs = p.villageIdx.map((i) => input.villages[i]);
  const people = sum(vs, (v) => v[measure]);
  const covered = tierRecord((t) => sum(p.villageIdx, (i) => (cov.tiers[t].count[i] > 0 ? input.villages[i][measure] : 0)));
  const coveredAny = sum(p.villageIdx, (i) => (coveredByAny(cov, i) ? input.villages[i][measure] : 0));
  return {
    people,
    covered_any: coveredAny,
    covered_any_share: ratio(coveredAny, people),
    uncovered: people - coveredAny,
    covered,
    covered_share: tierRecord((t) => ratio(covered[t], people)),
    nearest: tierRecord((t) => weightedStats(p.villageIdx.map((i) => cov.tiers[t].nearestDist[i]), vs.map((v) => v[measure])))
  };
}

function capacityFigures(p: UnitParts, pop60: number, pop65: number) {
  const fs = p.facilities;
  const beds = sum(fs, (f) => f.beds);
  const nursing = sum(fs, (f) => f.nursing_beds);
  const institutions = fs.filter((f) => INSTITUTION_TYPES.has(f.type));
  const iBeds = sum(institutions, (f) => f.beds);
  const iNursing = sum(institutions, (f) => f.nursing_beds);
  const bedded = institutions.filter((f) => f.beds > 0);
  const centres = fs.filter((f) => f.type === "township_centre");
  const centreBeds = sum(centres, (f) => f.beds);
  const planCentres = [...centres, ...p.pipeline.filter((f) => f.type === "township_centre")];
  const seats = sum(fs, (f) => f.meal_seats);
  const sw = sum(fs, (f) => f.social_workers);
  return {
    beds,
    nursing_beds: nursing,
    institution_beds: iBeds,
    beds_per_1000_60: ratio(beds * 1000, pop60),
    nursing_beds_per_1000_60: ratio(nursing * 1000, pop60),
    nursing_share: ratio(iNursing, iBeds),
    area_per_bed: ratio(sum(bedded, (f) => f.area_m2), sum(bedded, (f) => f.beds)),
    beds_pipeline: sum(p.pipeline, (f) => f.beds),
    // seed 001's ≤ 30 beds and 30–40 m² a bed are rules for new and rebuilt centres: those under construction or
    // planned count too
    township_centre_max_beds: planCentres.length ? Math.max(...planCentres.map((f) => f.beds)) : null,
    township_centre_area_per_bed: ratio(sum(planCentres.filter((f) => f.beds > 0), (f) => f.area_m2), sum(planCentres, (f) => f.beds)),
    township_centre_nursing_share: ratio(sum(centres, (f) => f.nursing_beds), centreBeds),
    meal_seats: seats,
    meal_seats_needed: 0.05 * pop65,
    meal_seat_ratio: ratio(seats, 0.05 * pop65),
    meal_seat_share_65: ratio(seats, pop65),
    canteens_150: fs.filter((f) => f.type === "canteen" && f.meal_seats >= 150).length,
    social_workers: sw,
    social_workers_per_1000_older: ratio(sw * 1000, pop60),
    social_workers_per_100_beds: ratio(sum(institutions, (f) => f.social_workers) * 100, iBeds),
    social_operation_share: ratio(fs.filter((f) => SOCIAL_OPERATORS.has(f.operator)).length, fs.length)
  };
}

function networkFigures(p: UnitParts, vs: Village[], stationVillages: Set<string>, pop60: number) {
  const fs = p.facilities;
  const withStation = vs.filter((v) => stationVillages.has(v.code));
  const communities = vs.filter((v) => v.kind === "community");
  const villagesOnly = vs.filter((v) => v.kind === "village");
  const centreTownships = new Set(fs.filter((f) => f.type === "township_centre").map((f) => f.township_code));
  const centreUnits = p.scope === "county" ? p.townships.filter((t) => townshipKind(t.code) !== "zone") : p.townships;
  const linked = p.links.filter((l) => l.how !== "none");
  const dists = linked.map((l) => l.distance_m as number);
  const byType = Object.fromEntries(FACILITY_TYPES.map((t) => [t, fs.filter((f) => f.type === t).length])) as Record<FacilityType, number>;
  return {
    facilities: fs.length,
    facilities_by_tier: tierRecord((t) => fs.filter((f) => TIER_OF[f.type] === t).length),
    facilities_by_type: byType,
    facilities_per_km2: ratio(fs.length, p.area_km2),
    facilities_per_1000_older: ratio(fs.length * 1000, pop60),
    public_institutions: fs.filter((f) => TIER_OF[f.type] === "county" && f.operator === "public").length,
    villages_with_station: withStation.filter((v) => v.kind === "village").length,
    communities_with_station: withStation.filter((v) => v.kind === "community").length,
    station_share: ratio(withStation.length, vs.length),
    community_station_share: ratio(withStation.filter((v) => v.kind === "community").length, communities.length),
    village_station_share: ratio(withStation.filter((v) => v.kind === "village").length, villagesOnly.length),
    townships: p.townships.length,
    centre_units: centreUnits.length,
    townships_with_centre: centreUnits.filter((t) => centreTownships.has(t.code)).length,
    township_centre_share: ratio(centreUnits.filter((t) => centreTownships.has(t.code)).length, centreUnits.length),
    stations: p.links.length,
    stations_linked: linked.length,
    stations_linked_explicit: p.links.filter((l) => l.how === "explicit").length,
    station_link_share: ratio(linked.length, p.links.length),
    link_distance_mean: dists.length ? sum(dists, (d) => d) / dists.length : null,
    link_distance_max: dists.length ? Math.max(...dists) : null
  };
}

function unitRow(p: UnitParts, input: MetricsInput, cov: CoverageResult, measure: Measure, stationVillages: Set<string>): UnitMetrics {
  const vs = p.villageIdx.map((i) => input.villages[i]);
  const pop60 = sum(vs, (v) => v.pop60);
  const pop65 = sum(vs, (v) => v.pop65);
  return {
    scope: p.scope,
    code: p.code,
    name: p.name,
    county_code: p.county_code,
    settlement: p.settlement,
    area_km2: p.area_km2,
    villages: vs.filter((v) => v.kind === "village").length,
    communities: vs.filter((v) => v.kind === "community").length,
    pop60,
    pop65,
    pop80: sum(vs, (v) => v.pop80),
    disabled: sum(vs, (v) => v.disabled),
    measure,
    ...coverageFigures(p, input, cov, measure),
    ...capacityFigures(p, pop60, pop65),
    ...networkFigures(p, vs, stationVillages, pop60),
    unavailable: {}
  };
}

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

function groupIndices<T>(items: readonly T[], key: (x: T) => string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  items.forEach((x, i) => {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  });
  return m;
}

/**
 * Compute township and county rows.
 * @param input region records (villages index-aligned with `coverage.villages`)
 * @param coverage result of `computeCoverage` / `CoverageEngine.result()` on the same villages
 * @example const {townships, counties} = computeMetrics(region, computeCoverage(region.villages, region.facilities, radii));
 */
export function computeMetrics(input: MetricsInput, coverage: CoverageResult, options: MetricsOptions = {}): RegionMetrics {
  if (coverage.villages.length !== input.villages.length) throw new Error(`Coverage has ${coverage.villages.length} villages, input ${input.villages.length}`);
  const measure = options.measure ?? "pop60";
  const statuses = new Set(options.statuses ?? SERVING_STATUSES);
  const counted = input.facilities.filter((f) => statuses.has(f.status));
  const pipeline = input.facilities.filter((f) => PIPELINE.has(f.status));
  const links = centreLinks(counted);
  const stationVillages = villagesWithStation(input.villages, counted);
  const vByTownship = groupIndices(input.villages, (v) => v.township_code);
  const vByCounty = groupIndices(input.villages, (v) => v.county_code);
  const fT = groupBy(counted, (f) => f.township_code);
  const fC = groupBy(counted, (f) => f.county_code);
  const pT = groupBy(pipeline, (f) => f.township_code);
  const pC = groupBy(pipeline, (f) => f.county_code);
  const lT = groupBy(links, (l) => l.township_code);
  const lC = groupBy(links, (l) => l.county_code);
  const tC = groupBy(input.townships, (t) => t.county_code);
  const townships = input.townships.map((t) =>
    unitRow(
      {
        scope: "township",
        code: t.code,
        name: t.name,
        county_code: t.county_code,
        settlement: t.settlement,
        area_km2: t.area_km2,
        villageIdx: vByTownship.get(t.code) ?? [],
        facilities: fT.get(t.code) ?? [],
        pipeline: pT.get(t.code) ?? [],
        townships: [t],
        links: lT.get(t.code) ?? []
      },
      input,
      coverage,
      measure,
      stationVillages
    )
  );
  const counties = input.counties.map((c) => {
    const ts = tC.get(c.code) ?? [];
    const classes = new Set(ts.map((t) => t.settlement));
    return unitRow(
      {
        scope: "county",
        code: c.code,
        name: c.name,
        county_code: c.code,
        settlement: classes.size === 1 ? ts[0].settlement : "mixed",
        area_km2: c.area_km2,
        villageIdx: vByCounty.get(c.code) ?? [],
        facilities: fC.get(c.code) ?? [],
        pipeline: pC.get(c.code) ?? [],
        townships: ts,
        links: lC.get(c.code) ?? []
      },
      input,
      coverage,
      measure,
      stationVillages
    );
  });
  const unavailable = unavailableMetrics(options.absent);
  for (const row of [...townships, ...counties]) blank(row, unavailable);
  return {townships, counties, links};
}

/** Null the figures a row cannot have (their source figure is not provided) and say why. */
function blank(row: UnitMetrics, unavailable: Partial<Record<string, string>>): void {
  row.unavailable = {...unavailable};
  const r = row as unknown as Record<string, unknown>;
  for (const key of Object.keys(unavailable)) r[key] = null;
}
