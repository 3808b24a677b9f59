/**
 * Per-unit data bundles: what one county report (and its townships' reports) or one explorer view needs, cut from the
 * region-wide artifacts (region.json, results.json, boundaries.json, the gap polygons, access.json, siting.json) so that a
 * report page downloads its own county's records and figures, not the whole province's (issue: province scale).
 *
 * Each bundle keeps the shape of the region-wide files (`{region, results, boundaries, …}` with the same keys), so a
 * page reads its bundle exactly as it read the full files; only the lists are cut to the unit. The figures are never
 * recomputed here: a bundle is a filter of the artifacts, and a test checks that every record lands in exactly one
 * county's bundle and equals its region-wide copy. Pure (build and tests).
 */

import {haversine, metresToDegreesLat, metresToDegreesLng} from "../engine/geo.js";
import {networkReachMetres, type RoadLine, type TravelConfig} from "../engine/network.js";
import {TIERS} from "../facility-types.js";

interface Coded {
  code: string;
}
interface InCounty extends Coded {
  county_code: string;
}
interface InTownship extends InCounty {
  township_code: string;
}
interface FacilityLike {
  id: string;
  county_code: string;
  township_code: string;
  linked_centre?: string | null;
}
interface Feature {
  properties: Record<string, unknown> & {code?: string; county_code?: string; township_code?: string};
}
interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}
interface StatusLike {
  scope: string;
  code: string;
}
interface TargetLike {
  scope: string;
  scope_code: string;
}

/** access.json's road-network part (present only when the region has roads): per county, township and village. */
interface TravelLike extends Record<string, unknown> {
  counties: Coded[];
  townships: Coded[];
  villages: Coded[];
  /** service areas along the roads (loaders/travel.ts): pieces carry their facility's county; null features: too many */
  service_areas?: {features: {properties: {county_code: string}}[] | null} & Record<string, unknown>;
}

export interface RegionArtifact {
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  counties: (Coded & {name: string})[];
  townships: InCounty[];
  villages: InTownship[];
  facilities: FacilityLike[];
  targets: TargetLike[];
  candidates: {county_code: string; township_code?: string}[];
  modelled: Record<string, string[]>;
  provenance: unknown;
}

export interface ResultsArtifact {
  metrics: {townships: InCounty[]; counties: Coded[]; links: {county_code: string; township_code: string; centre_id?: string | null}[]};
  statuses: StatusLike[];
  weights: unknown;
  ranking: Record<string, unknown[]>;
  beds: {township_code: string}[];
  bed_standards: Record<string, unknown>;
  villages: Coded[];
  timeline: {date: string; counties: Coded[]; lights: Coded[]}[];
}

export interface SiteArtifacts {
  region: RegionArtifact;
  results: ResultsArtifact;
  boundaries: {counties: FeatureCollection; townships: FeatureCollection};
  gaps: Record<string, FeatureCollection>;
  access: {counties: Coded[]; townships: InCounty[]; bed_standards: Record<string, unknown>; travel?: TravelLike} & Record<string, unknown>;
  siting: {runs: {county: string}[]} & Record<string, unknown>;
}

const featureCode = (f: Feature) => f.properties.code ?? f.properties.township_code;
const only = <T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> =>
  Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));

/** Targets that apply inside the county: its own, every county ("*"), its townships', and region-wide ones. */
function targetsFor(targets: readonly TargetLike[], county: string, townships: ReadonlySet<string>): TargetLike[] {
  return targets.filter((t) => t.scope_code === "*" || t.scope === "region" || (t.scope === "county" && t.scope_code === county) || (t.scope === "township" && townships.has(t.scope_code)));
}

/** The region artifact cut to some counties. */
function regionSlice(region: RegionArtifact, counties: ReadonlySet<string>) {
  const townships = region.townships.filter((t) => counties.has(t.county_code));
  const tCodes = new Set(townships.map((t) => t.code));
  const inUnit = (r: {county_code: string}) => counties.has(r.county_code);
  const facilities = region.facilities.filter(inUnit);
  return {
    ...region,
    counties: region.counties.filter((c) => counties.has(c.code)),
    townships,
    villages: region.villages.filter(inUnit),
    facilities,
    candidates: region.candidates.filter(inUnit),
    targets: [...counties].flatMap((c) => targetsFor(region.targets, c, tCodes)).filter((t, i, all) => all.indexOf(t) === i)
  };
}

/** The facility fields the region-wide pages read (overview counts, 指挥大屏 map): the rest is in the unit bundles. */
export const SUMMARY_FACILITY_FIELDS = ["id", "name", "type", "status", "county_code", "township_code", "lng", "lat"] as const;

/**
 * region.json as the region-wide pages load it: meta, config, counties, townships, targets, what is modelled, and
 * the facilities with SUMMARY_FACILITY_FIELDS only. The villages and candidate sites are left out (a province has
 * 100 000 villages; the pages that draw them load their county's bundle), so a page that still reads them fails
 * loudly instead of counting nothing.
 */
export function regionSummary(region: RegionArtifact) {
  const {villages: _v, candidates: _c, ...rest} = region;
  const facilities = region.facilities.map((f) => Object.fromEntries(SUMMARY_FACILITY_FIELDS.map((k) => [k, (f as unknown as Record<string, unknown>)[k]])));
  return {...rest, facilities, summary: {villages: region.villages.length, candidates: region.candidates.length, facility_fields: SUMMARY_FACILITY_FIELDS}};
}

/** access.json as the region-wide pages load it: the per-village travel times stay in the county bundles. */
export function accessSummary(access: SiteArtifacts["access"]) {
  if (!access.travel) return access;
  const {villages: _v, service_areas: _s, ...travel} = access.travel;
  return {...access, travel};
}

/**
 * The township figures the region-wide pages read (overview map and watch list, the reports list): the full
 * figures of every township are in its county's bundle.
 */
export const SUMMARY_TOWNSHIP_FIELDS = ["scope", "code", "name", "county_code", "settlement", "pop60", "measure", "people", "covered_any", "covered_any_share", "uncovered", "beds", "beds_per_1000_60", "unavailable"] as const;

/**
 * results.json as the region-wide pages load it: no per-village coverage, no station-to-centre links, and the
 * township figures cut to SUMMARY_TOWNSHIP_FIELDS (a province's 3 600 townships × 60 figures and 24 000 links made
 * it 15 MB); the county figures, lights, ranking, bed gaps and timeline whole.
 */
export function resultsSummary(results: ResultsArtifact) {
  const {villages: _v, ...rest} = results;
  const townships = results.metrics.townships.map((t) => Object.fromEntries(SUMMARY_TOWNSHIP_FIELDS.filter((k) => k in t).map((k) => [k, (t as unknown as Record<string, unknown>)[k]])));
  return {...rest, metrics: {counties: results.metrics.counties, townships}};
}

/**
 * Everything the county report reads, for one county — and every township report of the county (one page,
 * township.html?code=…, that picks its township out of this bundle).
 */
export function countyBundle(a: SiteArtifacts, county: string) {
  const set = new Set([county]);
  const region = regionSlice(a.region, set);
  const tCodes = new Set(region.townships.map((t) => t.code));
  const vCodes = new Set(region.villages.map((v) => v.code));
  return {
    unit: {scope: "county", code: county},
    region,
    results: {
      ...a.results,
      metrics: {
        counties: a.results.metrics.counties.filter((c) => c.code === county),
        townships: a.results.metrics.townships.filter((t) => t.county_code === county),
        links: a.results.metrics.links.filter((l) => l.county_code === county)
      },
      statuses: a.results.statuses.filter((s) => (s.scope === "county" && s.code === county) || (s.scope === "township" && tCodes.has(s.code))),
      ranking: only(a.results.ranking, [county]),
      beds: a.results.beds.filter((b) => tCodes.has(b.township_code)),
      bed_standards: only(a.results.bed_standards, [county]),
      villages: a.results.villages.filter((v) => vCodes.has(v.code)),
      // the county's figures and lights at every year-end (the report's wall chart)
      timeline: a.results.timeline.map((s) => ({...s, counties: s.counties.filter((c) => c.code === county), lights: s.lights.filter((l) => l.code === county)}))
    },
    boundaries: {
      counties: {type: "FeatureCollection" as const, features: a.boundaries.counties.features.filter((f) => featureCode(f) === county || f.properties.county_code === county)},
      townships: {type: "FeatureCollection" as const, features: a.boundaries.townships.features.filter((f) => tCodes.has(String(featureCode(f))))}
    },
    siting: {...a.siting, runs: a.siting.runs.filter((r) => r.county === county)},
    access: {
      ...a.access,
      bed_standards: only(a.access.bed_standards, [county]),
      counties: a.access.counties.filter((c) => c.code === county),
      townships: a.access.townships.filter((t) => t.county_code === county),
      // road-network travel (a region with a roads file): the county's units and villages only
      ...(a.access.travel
        ? {
            travel: {
              ...a.access.travel,
              counties: a.access.travel.counties.filter((c) => c.code === county),
              townships: a.access.travel.townships.filter((t) => tCodes.has(t.code)),
              villages: a.access.travel.villages.filter((v) => vCodes.has(v.code)),
              ...(a.access.travel.service_areas
                ? {service_areas: {...a.access.travel.service_areas, features: a.access.travel.service_areas.features?.filter((f) => f.properties.county_code === county) ?? null}}
                : {})
            }
          }
        : {})
    }
  };
}

/**
 * The explorer's bundles: consecutive counties grouped while the group stays within `maxVillages` villages (a
 * county larger than that is a bundle of its own). A small region (the default five counties) is one bundle, so the
 * explorer works on all of it at once as before; a province is one bundle per county or a few neighbours.
 */
export function explorerChunks(region: Pick<RegionArtifact, "counties" | "villages">, maxVillages = 1500): string[][] {
  const n = new Map<string, number>();
  for (const v of region.villages) n.set(v.county_code, (n.get(v.county_code) ?? 0) + 1);
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const c of region.counties) {
    const k = n.get(c.code) ?? 0;
    if (current.length && size + k > maxVillages) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(c.code);
    size += k;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * What the explorer (and the siting page) reads for a group of counties: their region records, boundaries and gap
 * polygons — and every facility of another county whose widest circle (`reach`, metres) reaches one of the group's
 * villages, so that a village covered across the county line is covered in the bundle exactly as in the
 * region-wide results (one rule, one covered-sum). Those neighbours keep their own county code. With `roads` (a
 * region with a road network) the bundle carries the lines near its villages, and `reach` should include each
 * facility's reach over the roads (loaders/build-cache.ts does).
 */
export function explorerBundle(
  a: SiteArtifacts,
  counties: readonly string[],
  reach: (f: FacilityLike & {lng: number; lat: number; type: string}) => number = () => 0,
  roads?: BundleRoads
) {
  const set = new Set(counties);
  const region = regionSlice(a.region, set);
  const vs = region.villages as unknown as {lng: number; lat: number}[];
  let roadsOut: ExplorerRoads | null = null;
  if (vs.length) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const v of vs) [x0, y0, x1, y1] = [Math.min(x0, v.lng), Math.min(y0, v.lat), Math.max(x1, v.lng), Math.max(y1, v.lat)];
    if (roads) roadsOut = roadsNear(roads, [x0, y0, x1, y1]);
    const neighbours = (a.region.facilities as (FacilityLike & {lng: number; lat: number; type: string})[]).filter((f) => {
      if (set.has(f.county_code)) return false;
      const r = reach(f);
      if (r <= 0) return false;
      // a box test first, then the exact test (the engine's haversine) against the villages
      const dLat = metresToDegreesLat(r);
      const dLng = metresToDegreesLng(r, f.lat);
      if (f.lng + dLng < x0 || f.lng - dLng > x1 || f.lat + dLat < y0 || f.lat - dLat > y1) return false;
      return vs.some((v) => haversine(f.lng, f.lat, v.lng, v.lat) <= r);
    });
    region.facilities = [...region.facilities, ...neighbours];
  }
  const tCodes = new Set(region.townships.map((t) => t.code));
  return {
    counties: [...counties],
    region,
    // the road network around the bundle's villages, for the explorer's network what-if (null: the region has none)
    roads: roadsOut,
    boundaries: {
      counties: {type: "FeatureCollection" as const, features: a.boundaries.counties.features.filter((f) => set.has(String(featureCode(f) ?? f.properties.county_code)))},
      townships: {type: "FeatureCollection" as const, features: a.boundaries.townships.features.filter((f) => tCodes.has(String(featureCode(f))))}
    },
    gaps: Object.fromEntries(
      Object.entries(a.gaps).map(([tier, fc]) => [tier, {...fc, features: fc.features.filter((f) => tCodes.has(String(featureCode(f))))}])
    )
  };
}

/**
 * A region's road network as the bundles are cut from it: the travel config, the lines, and the farthest any tier
 * reaches over them (`maxNetworkReach`, computed once per region, not per bundle).
 */
export interface BundleRoads {
  config: TravelConfig;
  lines: readonly RoadLine[];
  reachMetres: number;
}

/** The farthest straight-line reach over the roads of any tier (network.ts networkReachMetres). */
export function maxNetworkReach(config: TravelConfig, lines: readonly RoadLine[]): number {
  return Math.max(...TIERS.map((t) => networkReachMetres(t, config, lines)));
}

/** The explorer bundle's road network: the travel config and the lines as the build read them (not rounded: the explorer's times equal the build's). */
export interface ExplorerRoads {
  config: TravelConfig;
  lines: RoadLine[];
  /** lines of the region left out as farther than the margin (`roadsNear`) from every village of the bundle */
  left_out: number;
}

/**
 * The least margin around a bundle's villages its roads keep, in degrees (≈ 55 km); wider when a tier's reach over the
 * roads is (network.ts networkReachMetres: a route within a tier's threshold never leaves that distance of its
 * village). A region that is one bundle (the default, the example region) keeps every line unless a line lies wholly
 * that far outside.
 */
export const ROADS_MARGIN_DEG = 0.5;

/** The lines whose bounding box meets the villages' box widened by the margin (a line is kept or dropped whole). */
function roadsNear(roads: BundleRoads, [x0, y0, x1, y1]: number[]): ExplorerRoads {
  const reach = roads.reachMetres;
  const mLat = Math.max(ROADS_MARGIN_DEG, metresToDegreesLat(reach));
  const mLng = Math.max(ROADS_MARGIN_DEG, metresToDegreesLng(reach, Math.max(Math.abs(y0), Math.abs(y1)) + mLat));
  const lines: RoadLine[] = [];
  for (const l of roads.lines) {
    let lx0 = Infinity, ly0 = Infinity, lx1 = -Infinity, ly1 = -Infinity;
    for (const [x, y] of l.coords) [lx0, ly0, lx1, ly1] = [Math.min(lx0, x), Math.min(ly0, y), Math.max(lx1, x), Math.max(ly1, y)];
    if (lx1 < x0 - mLng || lx0 > x1 + mLng || ly1 < y0 - mLat || ly0 > y1 + mLat) continue;
    lines.push(l);
  }
  return {config: roads.config, lines, left_out: roads.lines.length - lines.length};
}
