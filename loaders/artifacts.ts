/**
 * The site's region-wide data artifacts, each a function of the one `SiteData` (loaders/site-data.ts). They used to
 * be the bodies of the Framework loaders in src/data/, each of which re-read and re-validated the whole region; now
 * `scripts/data-cache.ts` computes them all in one process per build (loaders/build-cache.ts) and the Framework
 * loaders only print the cached text. The per-county and per-township bundles the report pages load
 * (src/lib/plan/units.ts) are cut from these same objects, so a report can never disagree with the region-wide files.
 */
import {relative} from "node:path";
import * as turf from "@turf/turf";
import type {Feature, Geometry} from "geojson";
import {accessParams, CAPACITY_GOODS, capacitatedCoverage, capacityStandards, computeAccess, GOOD_TYPES, summariseAccess, summariseCapacity, type CapacityGood, type CapacityUnit} from "../src/lib/engine/access.ts";
import {coveredByAny} from "../src/lib/engine/coverage.ts";
import {OPERATOR_LABEL, STATUS_LABEL, TIERS, TIER_LABEL, TYPE_LABEL} from "../src/lib/facility-types.ts";
import type {SqlTableName} from "../src/lib/view/sql.ts";
import {gapPolygons} from "../src/lib/engine/gaps.ts";
import {referenceTargets} from "../src/lib/plan/milestones.ts";
import {populationRule} from "../src/lib/engine/population.ts";
import {RADIUS_DEFAULTS} from "../src/lib/engine/radii.ts";
import {networkAsOf} from "../src/lib/engine/timeline.ts";
import {snapshotDates, yearSnapshots} from "../src/lib/plan/year-view.ts";
import {arrowStream} from "./arrow.ts";
import {SQL_SCHEMA} from "./sql-schema.ts";

import {log, MEASURE, SERVING, type SiteData} from "./site-data.ts";
import {zip} from "./zip.ts";
import {networkTravel} from "./travel.ts";

/**
 * The region's records for the pages (WGS84; personal columns were dropped by the loader): meta, config with the
 * merged radius table and each default's source, counties, townships, villages, facilities, targets, candidates,
 * and which fields of each file are modelled.
 */
export function regionArtifact(sd: SiteData) {
  const {region, radii, evaluationDate} = sd;
  /** Union of the `modelled` field names of a file's records. */
  const modelledFields = (records: readonly {modelled: string[]}[]): string[] => [...new Set(records.flatMap((r) => r.modelled))].sort();
  return {
    // which distance the coverage figures use: straight-line service radii; "network" only says the region also has a
    // road network (its travel times are on the county report, src/lib/engine/network.ts) — pages name the model in use
    meta: {...region.meta, folder: undefined, provenance: undefined, evaluation_date: evaluationDate, serving: SERVING, measure: MEASURE, road_network: (region.roads?.length ?? 0) > 0},
    config: {...region.config, radii, radius_defaults: RADIUS_DEFAULTS},
    counties: region.counties,
    townships: region.townships,
    villages: region.villages,
    facilities: region.facilities,
    targets: region.targets,
    candidates: region.candidates,
    modelled: {
      counties: modelledFields(region.counties),
      townships: modelledFields(region.townships),
      township_boundaries: modelledFields(region.townshipBoundaries.features.map((f) => f.properties)),
      villages: modelledFields(region.villages),
      facilities: modelledFields(region.facilities),
      projects: modelledFields(region.projects),
      candidates: modelledFields(region.candidates)
    },
    provenance: region.meta.provenance ?? null
  };
}

/**
 * Build-time results on the region's own data: per-township and per-county metrics, every target evaluated
 * (traffic lights), station-to-centre links, the township ranking of each county, bed gaps per township, each
 * village's coverage per tier (facilities in reach, nearest distance), and each county's figures and lights as of
 * every year-end of the timeline (the overview's year control, src/lib/plan/year-view.ts).
 */
export function resultsArtifact(sd: SiteData) {
  const {region, metrics, statuses, engine, weights, ranking, bedGaps: beds, bedStandards: bed_standards, metricsAt, evaluationDate} = sd;
  const coverage = engine.result();
  const villages = region.villages.map((v, i) => ({
    code: v.code,
    count: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].count[i]])),
    nearest: Object.fromEntries(TIERS.map((t) => [t, Number.isFinite(coverage.tiers[t].nearestDist[i]) ? Math.round(coverage.tiers[t].nearestDist[i]) : null])),
    nearest_id: Object.fromEntries(TIERS.map((t) => [t, coverage.tiers[t].nearestId[i]]))
  }));
  const timeline = yearSnapshots(region.targets, metricsAt, snapshotDates(region.facilities, region.targets, evaluationDate), evaluationDate, {reference: referenceTargets(region.config), population: populationRule(region.config)});
  return {metrics, statuses, weights, ranking, beds, bed_standards, villages, timeline};
}

/**
 * County and township boundaries as GeoJSON (WGS84, 5 decimals ≈ 1 m) for the maps. Rings are wound clockwise
 * (exterior) as d3-geo / Plot expect for spherical polygons — RFC 7946's counter-clockwise rings make d3 fill the
 * rest of the globe; maplibre draws either.
 */
export function boundariesArtifact(sd: SiteData) {
  const round = (geometry: Geometry): Geometry => {
    const r = (c: unknown): unknown => (typeof c === "number" ? Math.round(c * 1e5) / 1e5 : Array.isArray(c) ? c.map(r) : c);
    return "coordinates" in geometry ? ({...geometry, coordinates: r(geometry.coordinates)} as Geometry) : geometry;
  };
  const strip = (fc: {features: Feature[]}) => ({
    type: "FeatureCollection" as const,
    features: fc.features.map((f) => turf.rewind({...f, geometry: round(f.geometry)}, {reverse: true}) as Feature)
  });
  return {counties: strip(sd.region.countyBoundaries), townships: strip(sd.region.townshipBoundaries)};
}

/** Gap polygons per tier: each township's area outside every service circle of that tier, with its area and the older people inside it (Turf geometry, simplified). */
export function gapsArtifact(sd: SiteData) {
  const {region, radii} = sd;
  const out: Record<string, ReturnType<typeof gapPolygons>> = {};
  for (const tier of TIERS) {
    const t0 = performance.now();
    out[tier] = gapPolygons(region.townshipBoundaries, region.townships, region.villages, region.facilities, radii, tier, {measure: MEASURE, statuses: SERVING, tolerance: 0.001});
    log(`gaps ${tier}: ${Math.round(performance.now() - t0)} ms`);
  }
  return out;
}

/**
 * Capacity-aware accessibility (E2SFCA, src/lib/engine/access.ts, docs/access.md) on the region's network as of its data
 * date: per township and county the population-weighted mean of accessible institution beds and meal seats per
 * 1 000 aged 60+, and the share of older people below the standard (beds: the county's own bed target as the
 * bed-gap section uses, else config.access's or GB 50437's 40; meals: config.access or the default). The model and
 * its parameters travel with the figures, and each county lists the input fields that are modelled (the pages label
 * the figures as computed from them).
 */
export function accessArtifact(sd: SiteData) {
  const {region, radii, bedStandards, evaluationDate} = sd;
  const params = accessParams(region.config);
  const today = networkAsOf(region.facilities, evaluationDate, evaluationDate);
  const result = computeAccess(region.villages, today, radii, params, {statuses: SERVING, absent: region.meta.absent});
  const standardOf = capacityStandards(params, bedStandards);
  const bedStd = standardOf.beds;
  const summary = summariseAccess(result, region.townships, region.counties, params, bedStd);

  // capacitated coverage: each facility serves at most its beds or seats (stations: the configured older people per
  // type), the standard's demand allocated nearest first
  const capacity = Object.fromEntries(
    CAPACITY_GOODS.map((g) => {
      const r = capacitatedCoverage(region.villages, today, radii, g, standardOf[g], {statuses: SERVING, absent: region.meta.absent, stationCapacity: params.station_capacity.capacity});
      return [g, r ? {townships: summariseCapacity(r, region.villages, (v) => v.township_code), counties: summariseCapacity(r, region.villages, (v) => v.county_code)} : null];
    })
  ) as Record<CapacityGood, {townships: Map<string, CapacityUnit>; counties: Map<string, CapacityUnit>} | null>;
  const withCapacity = <T extends {code: string; scope: string}>(u: T) => {
    const pick = (g: CapacityGood) => {
      const c = capacity[g]?.[u.scope === "county" ? "counties" : "townships"].get(u.code);
      return c ? {demand: c.demand, served: c.served, unserved: c.unserved, served_share: c.served_share} : null;
    };
    return {...u, capacity: {beds: pick("beds"), meals: pick("meals"), stations: pick("stations")}};
  };
  const townships = summary.townships.map(withCapacity);
  const counties = summary.counties.map(withCapacity);

  // the input fields each county's figures rest on that the region's generator made up (records' `modelled`)
  const supplyTypes = new Set([...GOOD_TYPES.beds, ...GOOD_TYPES.meals]);
  const modelled: Record<string, string[]> = {};
  const note = (county: string, fields: readonly string[], wanted: readonly string[]) => {
    const set = new Set(modelled[county] ?? []);
    for (const f of fields) if (wanted.includes(f) || f === "all") set.add(f === "all" ? "all" : f);
    modelled[county] = [...set].sort();
  };
  for (const v of region.villages) note(v.county_code, v.modelled, ["lng", "lat", "pop60"]);
  for (const f of today) if (supplyTypes.has(f.type)) note(f.county_code, f.modelled, ["lng", "lat", "beds", "meal_seats", "status"]);

  return {
    model: {
      name: "E2SFCA（Luo & Qi 2009 两步移动搜索法增强型）",
      decay: params.decay,
      standards: params.standards,
      catchment: "各设施类型对该村（社区）聚落类型的服务半径（与覆盖分析相同，直线距离）",
      data_date: evaluationDate,
      statuses: SERVING,
      capacity_rule: "容量约束覆盖：各村需求 = 60岁以上老人 × 标准 / 1000；村—设施配对（服务半径内）按距离由近及远依次分配，每处设施至多服务其床位（座位）数；社区养老服务站、日间照料中心、互助幸福院至多服务其类型的服务容量（人）",
      station_capacity: params.station_capacity
    },
    bed_standards: bedStandards,
    counties: counties.map((c) => ({...c, modelled: modelled[c.code] ?? []})),
    townships,
    // road-network travel times and coverage (loaders/travel.ts), only when the region has a roads file
    ...withTravel(networkTravel(sd.region, today, SERVING, log))
  };
}

/** The `travel` part of access.json, present only with a road network (the default region's artifact is unchanged). */
function withTravel<T>(travel: T | undefined): {travel?: T} {
  return travel ? {travel} : {};
}

/** Project items evaluated on the data date (progress against schedule, overdue first) and per-project totals. */
export function projectsArtifact(sd: SiteData) {
  return {evaluation_date: sd.evaluationDate, items: sd.items, projects: sd.projects};
}

/**
 * The load report for the data-quality page: per file rows read / accepted / rejected with reasons, encoding,
 * coordinate conversion, dropped (privacy) and unknown columns, warnings. The folder is printed relative to the
 * build directory: the build machine's absolute paths stay off the site.
 */
export function qualityArtifact(sd: SiteData) {
  return {...sd.report, folder: relative(process.cwd(), sd.report.folder) || "."};
}

/** A figure the region does not provide (region.json "absent") is NULL in SQL, never 0. */
function nullAbsent<T extends object>(records: readonly T[], fields: readonly string[] | undefined): T[] {
  if (!fields?.length) return [...records];
  return records.map((r) => ({...r, ...Object.fromEntries(fields.map((f) => [f, null]))}));
}

/**
 * Every table of the site as an Arrow IPC stream file for the SQL page (DuckDB-Wasm), in one zip archive:
 * Framework serves each member on its own (FileAttachment("data/sql/facilities.arrow")). Nested figures are
 * flattened to columns; see src/lib/view/sql.ts for the tables and their Chinese descriptions. Computed in the build
 * cache's one process like the others (it used to parse the whole region a second time).
 */
export function sqlZipArtifact(sd: SiteData): Uint8Array {
  // every table gets its committed columns and types (loaders/sql-schema.ts), so a region without targets, projects
  // or candidates still has those tables with their columns (DuckDB refuses a table with no column)
  return zip(Object.entries(sqlTables(sd)).map(([name, rows]) => ({name: `${name}.arrow`, data: arrowStream(rows, SQL_SCHEMA[name as SqlTableName])})));
}

/** The SQL page's tables as records (before flattening into Arrow columns). */
export function sqlTables(sd: SiteData): Record<SqlTableName, object[]> {
  const {region, metrics, statuses, engine, items, projects, bedGaps, ranking} = sd;
  const coverage = engine.result();
  const tables: Record<SqlTableName, object[]> = {
    counties: region.counties,
    townships: region.townships,
    villages: nullAbsent(region.villages, region.meta.absent.villages),
    facilities: nullAbsent(region.facilities, region.meta.absent.facilities).map((f) => ({...f, serving: SERVING.includes(f.status), type_label: TYPE_LABEL[f.type], tier_label: TIER_LABEL[f.tier], status_label: STATUS_LABEL[f.status], operator_label: OPERATOR_LABEL[f.operator]})),
    candidates: region.candidates,
    village_coverage: region.villages.map((v, i) => ({
      village_code: v.code,
      name: v.name,
      township_code: v.township_code,
      county_code: v.county_code,
      pop60: v.pop60,
      covered_any: coveredByAny(coverage, i),
      ...Object.fromEntries(TIERS.flatMap((t) => [
        [`covered_${t}`, coverage.tiers[t].count[i]],
        [`nearest_${t}_m`, Number.isFinite(coverage.tiers[t].nearestDist[i]) ? Math.round(coverage.tiers[t].nearestDist[i]) : null],
        [`nearest_${t}_id`, coverage.tiers[t].nearestId[i]]
      ]))
    })),
    township_metrics: metrics.townships,
    county_metrics: metrics.counties,
    station_links: metrics.links,
    bed_gaps: bedGaps,
    ranking: region.counties.flatMap((c) => ranking[c.code]),
    targets: region.targets,
    target_status: statuses,
    project_items: items,
    projects: projects.map(({by_source: _bySource, ...p}) => p),
    project_funding: projects.flatMap((p) => p.by_source.map((s) => ({project: p.project, county_code: p.county_code, ...s})))
  };
  return tables;
}
