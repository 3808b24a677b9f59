// The region's records for the pages (WGS84; personal columns were dropped by the loader): meta, config with
// the merged radius table and each default's source, counties, townships, villages, facilities, targets,
// candidates, and which fields of each file are modelled.
import {printJson, SERVING, MEASURE, siteData} from "../../loaders/site-data.ts";
import {RADIUS_DEFAULTS} from "../../src/lib/radii.ts";

const {region, radii, evaluationDate} = await siteData();

/** Union of the `modelled` field names of a file's records. */
function modelledFields(records: readonly {modelled: string[]}[]): string[] {
  return [...new Set(records.flatMap((r) => r.modelled))].sort();
}

printJson({
  meta: {...region.meta, folder: undefined, provenance: undefined, evaluation_date: evaluationDate, serving: SERVING, measure: MEASURE},
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
});
