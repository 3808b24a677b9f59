// Capacity-aware accessibility (E2SFCA, src/lib/access.ts, docs/access.md) on the region's network as of its data
// date: per township and county the population-weighted mean of accessible institution beds and meal seats per 1 000
// aged 60+, and the share of older people below the standard (beds: the county's own bed target as the bed-gap
// section uses, else config.access's or GB 50437's 40; meals: config.access or the default). The model and its parameters travel with the figures, and
// each county lists the input fields that are modelled (the pages label the figures as computed from them).
import {printJson, SERVING, siteData} from "../../loaders/site-data.ts";
import {accessParams, capacitatedCoverage, computeAccess, GOOD_TYPES, GOODS, summariseAccess, summariseCapacity, type CapacityUnit, type Good} from "../../src/lib/access.ts";
import {networkAsOf} from "../../src/lib/timeline.ts";

const {region, radii, bedStandards, evaluationDate} = await siteData();
const params = accessParams(region.config);
const today = networkAsOf(region.facilities, evaluationDate, evaluationDate);
const result = computeAccess(region.villages, today, radii, params, {statuses: SERVING, absent: region.meta.absent});
const bedStd = (c: string) => (bedStandards[c]?.target_id ? bedStandards[c].per1000 : params.standards.beds);
const summary = summariseAccess(result, region.townships, region.counties, params, bedStd);

// capacitated coverage: each facility serves at most its beds or seats, the standard's demand allocated nearest first
const standardOf: Record<Good, (c: string) => number> = {beds: bedStd, meals: () => params.standards.meals};
const capacity = Object.fromEntries(
  GOODS.map((g) => {
    const r = capacitatedCoverage(region.villages, today, radii, g, standardOf[g], {statuses: SERVING, absent: region.meta.absent});
    return [g, r ? {townships: summariseCapacity(r, region.villages, (v) => v.township_code), counties: summariseCapacity(r, region.villages, (v) => v.county_code)} : null];
  })
) as Record<Good, {townships: Map<string, CapacityUnit>; counties: Map<string, CapacityUnit>} | null>;
const withCapacity = <T extends {code: string; scope: string}>(u: T) => {
  const pick = (g: Good) => {
    const c = capacity[g]?.[u.scope === "county" ? "counties" : "townships"].get(u.code);
    return c ? {demand: c.demand, served: c.served, unserved: c.unserved, served_share: c.served_share} : null;
  };
  return {...u, capacity: {beds: pick("beds"), meals: pick("meals")}};
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

printJson({
  model: {
    name: "E2SFCA（Luo & Qi 2009 两步移动搜索法增强型）",
    decay: params.decay,
    standards: params.standards,
    catchment: "各设施类型对该村（社区）聚落类型的服务半径（与覆盖分析相同，直线距离）",
    data_date: evaluationDate,
    statuses: SERVING,
    capacity_rule: "容量约束覆盖：各村需求 = 60岁以上老人 × 标准 / 1000；村—设施配对（服务半径内）按距离由近及远依次分配，每处设施至多服务其床位（座位）数"
  },
  bed_standards: bedStandards,
  counties: counties.map((c) => ({...c, modelled: modelled[c.code] ?? []})),
  townships
});
