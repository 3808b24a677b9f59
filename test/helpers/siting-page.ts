/**
 * The siting page's inputs as the page builds them from the default region (region records and the bundle it sites
 * from), shared by the view-model tests (test/lib/siting-view.test.ts, test/lib/siting-capacity.test.ts).
 */
import {SERVING, type SiteData} from "../../loaders/site-data.ts";
import type {SitingBundle, SitingRegion} from "../../src/lib/siting/siting-view.ts";

export function sitingPageInputs(sd: SiteData): {region: SitingRegion; bundle: SitingBundle} {
  return {
    region: {
      meta: {...sd.region.meta, evaluation_date: sd.evaluationDate, serving: SERVING, measure: "pop60"},
      config: {...sd.region.config, radii: sd.radii},
      counties: sd.region.counties,
      townships: sd.region.townships
    },
    bundle: {villages: sd.region.villages, facilities: sd.region.facilities, candidates: sd.region.candidates}
  };
}
