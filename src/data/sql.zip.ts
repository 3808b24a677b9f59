// Every table of the site as an Arrow IPC stream file for the SQL page (DuckDB-Wasm), in one archive so the region is
// loaded once: Framework serves each member on its own (FileAttachment("data/sql/facilities.arrow")). Nested
// figures are flattened to columns; see src/lib/sql.ts for the tables and their Chinese descriptions.
import {arrowStream} from "../../loaders/arrow.ts";
import {SERVING, siteData} from "../../loaders/site-data.ts";
import {zip} from "../../loaders/zip.ts";
import {coveredByAny} from "../../src/lib/coverage.ts";
import {OPERATOR_LABEL, STATUS_LABEL, TIERS, TIER_LABEL, TYPE_LABEL} from "../../src/lib/facility-types.ts";
import type {SqlTableName} from "../../src/lib/sql.ts";

const {region, metrics, statuses, engine, items, projects, bedGaps, ranking} = await siteData();
const coverage = engine.result();

/** A figure the region does not provide (region.json "absent") is NULL in SQL, never 0. */
function nullAbsent<T extends object>(records: readonly T[], fields: readonly string[] | undefined): T[] {
  if (!fields?.length) return [...records];
  return records.map((r) => ({...r, ...Object.fromEntries(fields.map((f) => [f, null]))}));
}

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

process.stdout.write(zip(Object.entries(tables).map(([name, rows]) => ({name: `${name}.arrow`, data: arrowStream(rows)}))));
