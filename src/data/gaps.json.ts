// Gap polygons per tier: each township's area outside every service circle of that tier, with its area and the
// older people inside it (Turf geometry, simplified).
import {log, MEASURE, printJson, SERVING, siteData} from "../../loaders/site-data.ts";
import {TIERS} from "../../src/lib/facility-types.ts";
import {gapPolygons} from "../../src/lib/gaps.ts";

const {region, radii} = await siteData();
const out: Record<string, unknown> = {};
for (const tier of TIERS) {
  const t0 = performance.now();
  out[tier] = gapPolygons(region.townshipBoundaries, region.townships, region.villages, region.facilities, radii, tier, {measure: MEASURE, statuses: SERVING, tolerance: 0.001});
  log(`gaps ${tier}: ${Math.round(performance.now() - t0)} ms`);
}
printJson(out);
