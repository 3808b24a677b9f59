/**
 * What-if on the real default region: one edit on the largest default county (by villages) and the full update a
 * page does after it — the engine's incremental op, then metrics and target lights for that county. The naive
 * baseline in the same run: rebuilding the engine from scratch for the county after the edit.
 * Run: `npx tsx bench/whatif.bench.ts` (or `npm run bench`).
 */
import {pathToFileURL} from "node:url";
import {loadRegion} from "../loaders/region.ts";
import {CoverageEngine} from "../src/lib/coverage.ts";
import {SERVING_STATUSES} from "../src/lib/facility-types.ts";
import {computeMetrics} from "../src/lib/metrics.ts";
import {mergeRadii} from "../src/lib/radii.ts";
import {evaluate} from "../src/lib/targets.ts";
import type {Facility} from "../src/lib/types.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export async function main(): Promise<{county: string; villages: number; opMs: number; updateMs: number; rebuildMs: number}> {
  const {region} = await loadRegion("data/default");
  const byCounty = new Map<string, number>();
  for (const v of region.villages) byCounty.set(v.county_code, (byCounty.get(v.county_code) ?? 0) + 1);
  const [code, n] = [...byCounty].sort((a, b) => b[1] - a[1])[0];
  const villages = region.villages.filter((v) => v.county_code === code);
  const facilities = region.facilities.filter((f) => f.county_code === code);
  const county = region.counties.filter((c) => c.code === code);
  const townships = region.townships.filter((t) => t.county_code === code);
  const targets = region.targets.filter((t) => t.scope === "township" || t.scope_code === code || t.scope_code === "*");
  const radii = mergeRadii(region.config.radii as never);
  const engine = new CoverageEngine(villages, facilities, radii, {statuses: SERVING_STATUSES});
  const template = facilities.find((f) => f.type === "community_station") ?? facilities[0];
  const ops: number[] = [];
  const updates: number[] = [];
  const rebuilds: number[] = [];
  for (let i = 0; i < 200; i++) {
    const v = villages[(i * 7919) % villages.length];
    const f: Facility = {...template, id: `BENCH-${i}`, lng: v.lng, lat: v.lat, status: "planned"};
    const added = {...f, status: "operating" as const};
    const t0 = performance.now();
    engine.addFacility(added);
    const t1 = performance.now();
    const metrics = computeMetrics({counties: county, townships, villages, facilities: engine.facilities()}, engine.result(), {statuses: SERVING_STATUSES});
    evaluate(targets, metrics, region.meta.data_date);
    const t2 = performance.now();
    const all = engine.facilities();
    const t3 = performance.now();
    new CoverageEngine(villages, all, radii, {statuses: SERVING_STATUSES});
    rebuilds.push(performance.now() - t3);
    engine.removeFacility(added.id);
    ops.push(t1 - t0);
    updates.push(t2 - t0);
  }
  const result = {county: county[0]?.name ?? code, villages: n, opMs: median(ops), updateMs: median(updates), rebuildMs: median(rebuilds)};
  console.log(`\nWhat-if on the largest default county, ${result.county} (${n} villages, ${facilities.length} facilities), median of 200:`);
  console.log(`  engine.addFacility                         ${result.opMs.toFixed(3)} ms`);
  console.log(`  add + county metrics + target lights       ${result.updateMs.toFixed(3)} ms   (target < 5 ms)`);
  console.log(`  naive: rebuild the engine for the county   ${result.rebuildMs.toFixed(3)} ms   → incremental op ${(result.rebuildMs / result.opMs).toFixed(0)}× faster`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
