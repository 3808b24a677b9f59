/**
 * Modelled facilities of the default region. Counts follow the seeds exactly (see the per-county functions);
 * positions, names, beds, seats, areas, operators and social workers are modelled (seeded PRNG) and flagged
 * in each row's `modelled` column. Positions are WGS84 here; the writer converts them to GCJ-02.
 */
import type {Facility, FacilityStatus, FacilityType, Operator} from "../../src/lib/types.ts";
import {TIER_OF} from "../../src/lib/facility-types.ts";
import {pointNear, type CountyGeo, type TownshipGeo, type VillageGeo} from "./geography.ts";
import {rng, type Rng} from "./prng.ts";
import type {XY} from "./geometry.ts";

const ABBR: Record<FacilityType, string> = {
  county_institution: "CI",
  nursing_home: "NH",
  township_centre: "TC",
  community_station: "CS",
  day_centre: "DC",
  mutual_aid: "MA",
  canteen: "CT",
  meal_site: "MS"
};

/** A facility with its position in the county's km plane (for later placement of related things). */
export interface GenFacility extends Facility {
  km: XY;
  /** free-text role used by projects (e.g. "collective_canteen", "sishiliiang") */
  role?: string;
}

interface Spec {
  name: string;
  type: FacilityType;
  township: TownshipGeo;
  village?: VillageGeo;
  status?: FacilityStatus;
  operator: Operator;
  beds?: number;
  nursingShare?: number;
  nursing_beds?: number;
  meal_seats?: number;
  area_m2?: number;
  social_workers?: number;
  linked_centre?: string;
  role?: string;
  /** modelled fields beyond the defaults (position and sizes are always modelled) */
  realFields?: string[];
}

/** Fields that are modelled for every generated facility unless a spec says a field is real. */
const ALWAYS_MODELLED = ["name", "lng", "lat", "village_code", "beds", "nursing_beds", "meal_seats", "area_m2", "operator", "social_workers", "status"];

export class FacilityBuilder {
  readonly list: GenFacility[] = [];
  private counters = new Map<string, number>();
  private used: XY[] = [];
  /**
   * While true, added facilities are invented to fill out a county (no seed counts them): their `type` — their
   * very existence — is marked modelled too.
   */
  inventing = false;
  constructor(readonly geo: CountyGeo, readonly r: Rng) {}

  add(s: Spec): GenFacility {
    const key = ABBR[s.type];
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const id = `${this.geo.census.code}-${key}${String(n).padStart(2, "0")}`;
    const anchor = s.village ? s.village.km : s.township.seatKm;
    const sigma = s.village ? 0.15 : 0.4;
    const km = pointNear(s.township, this.geo.proj, anchor, sigma, this.r, this.used, 0.03, 0.08);
    this.used.push(km);
    const [lng, lat] = this.geo.proj.inv(km);
    const beds = s.beds ?? 0;
    const nursing = s.nursing_beds ?? Math.min(beds, Math.round(beds * (s.nursingShare ?? 0)));
    const area = s.area_m2 ?? defaultArea(s.type, beds, this.r);
    const sw = s.social_workers ?? defaultSocialWorkers(s.type, beds, this.r);
    const real = new Set(s.realFields ?? []);
    const f: GenFacility = {
      id,
      name: s.name,
      type: s.type,
      tier: TIER_OF[s.type],
      status: s.status ?? "operating",
      county_code: this.geo.census.code,
      township_code: s.township.code,
      village_code: s.village?.code,
      lng,
      lat,
      beds,
      nursing_beds: nursing,
      meal_seats: s.meal_seats ?? 0,
      area_m2: area,
      operator: s.operator,
      social_workers: sw,
      linked_centre: s.linked_centre,
      modelled: ALWAYS_MODELLED.filter((k) => !real.has(k) && !(k === "village_code" && !s.village)),
      km,
      role: s.role
    };
    if (s.linked_centre && !real.has("linked_centre")) f.modelled.push("linked_centre");
    if (this.inventing) f.modelled.unshift("type");
    this.list.push(f);
    return f;
  }
}

function defaultArea(type: FacilityType, beds: number, r: Rng): number {
  switch (type) {
    case "county_institution":
    case "nursing_home":
      return Math.round((beds * r.uniform(35, 45)) / 10) * 10;
    case "township_centre":
      return Math.round((beds * r.uniform(30, 40) + r.uniform(300, 600)) / 10) * 10;
    case "community_station":
      return Math.round(r.uniform(150, 480) / 10) * 10; // < 500 m² doorstep stations (004)
    case "day_centre":
      return Math.round(r.uniform(300, 800) / 10) * 10;
    case "mutual_aid":
      return Math.round(r.uniform(150, 400) / 10) * 10;
    case "canteen":
      return Math.round(r.uniform(250, 600) / 10) * 10;
    case "meal_site":
      return Math.round(r.uniform(60, 200) / 10) * 10;
  }
}

function defaultSocialWorkers(type: FacilityType, beds: number, r: Rng): number {
  if (type === "county_institution" || type === "nursing_home") return Math.max(1, Math.round((beds / 100) * r.uniform(0.5, 1.2)));
  if (type === "township_centre") return r.chance(0.6) ? 2 : 1;
  if (type === "community_station" || type === "day_centre") return r.chance(0.3) ? 1 : 0;
  return 0;
}

const byPop = (vs: VillageGeo[]): VillageGeo[] => vs.slice().sort((a, b) => b.pop60 - a.pop60 || a.code.localeCompare(b.code));
const tw = (g: CountyGeo, code: string): TownshipGeo => {
  const t = g.townships.find((x) => x.code === code);
  if (!t) throw new Error(`township ${code} not found`);
  return t;
};
const vil = (g: CountyGeo, name: string, townshipCode?: string): VillageGeo => {
  const v = g.villages.find((x) => x.name === name && (!townshipCode || x.township.code === townshipCode));
  if (!v) throw new Error(`village ${name} not found`);
  return v;
};
const short = (t: TownshipGeo): string => t.name.replace(/^内蒙古鄂尔多斯|^宁夏吴忠国家|^上海湾区/, "");
/** Pick k distinct items with probability proportional to weight (seeded). */
function weightedSample<T>(items: readonly T[], k: number, weight: (t: T) => number, r: Rng): T[] {
  const pool = items.slice();
  const out: T[] = [];
  while (out.length < k && pool.length) {
    const total = pool.reduce((s, x) => s + Math.max(1e-9, weight(x)), 0);
    let u = r() * total;
    let idx = 0;
    for (; idx < pool.length - 1; idx++) {
      u -= Math.max(1e-9, weight(pool[idx]));
      if (u <= 0) break;
    }
    out.push(pool[idx]);
    pool.splice(idx, 1);
  }
  return out;
}
/** Spread k items over townships in proportion to their number of candidate villages (largest remainder). */
function spread(ts: TownshipGeo[], k: number, pool: (t: TownshipGeo) => VillageGeo[], r: Rng): VillageGeo[] {
  const all = ts.flatMap(pool);
  return weightedSample(all, k, (v) => v.pop60, r);
}

/** 乌审旗 (seed 000): 4 public institutions, 15 农村牧区幸福互助院, 15 shared canteens (6 collective-run + 9 others). */
function wushen(g: CountyGeo, b: FacilityBuilder, r: Rng): void {
  const seat = tw(g, "150626100");
  b.add({name: "乌审旗社会福利中心", type: "county_institution", township: seat, operator: "public", beds: 220, nursingShare: 0.55, role: "institution"});
  b.add({name: "图克镇敬老院", type: "nursing_home", township: tw(g, "150626102"), operator: "public", beds: 60, nursingShare: 0.35, role: "institution"});
  b.add({name: "无定河镇敬老院", type: "nursing_home", township: tw(g, "150626104"), operator: "public", beds: 50, nursingShare: 0.3, role: "institution"});
  b.add({name: "乌审召镇敬老院", type: "nursing_home", township: tw(g, "150626101"), operator: "public", beds: 40, nursingShare: 0.3, role: "institution"});
  const rural = g.townships.filter((t) => !t.code.endsWith("410"));
  const stations = spread(rural, 15, (t) => t.villages.filter((v) => v.kind === "village"), r);
  for (const v of byPop(stations)) {
    b.add({name: `${v.name}幸福互助院`, type: "mutual_aid", township: v.township, village: v, operator: "collective", beds: r.chance(0.4) ? r.int(4, 10) : 0, role: "station"});
  }
  // 6 canteens run by gacha/village (community) collectives, 9 by other operators.
  const collective = spread(rural, 6, (t) => t.villages.filter((v) => v.kind === "village" && !stations.includes(v)), r);
  for (const v of byPop(collective)) {
    b.add({name: `${v.name}共享餐厅`, type: "canteen", township: v.township, village: v, operator: "collective", meal_seats: r.int(4, 10) * 10, role: "collective_canteen"});
  }
  const others = spread(rural, 9, (t) => t.villages.filter((v) => v.kind === "community" || (!stations.includes(v) && !collective.includes(v))), r);
  byPop(others).forEach((v, i) => {
    b.add({name: `${v.name}共享餐厅`, type: "canteen", township: v.township, village: v, operator: i % 2 === 0 ? "private" : "public_private", meal_seats: r.int(5, 12) * 10, role: "other_canteen"});
  });
}

/** 大兴镇 (seed 002) in detail, and the rest of 璧山区 (modelled). */
function bishan(g: CountyGeo, b: FacilityBuilder, r: Rng): void {
  const dx = tw(g, "500120104");
  const centreBeds = 62;
  const centre = b.add({
    name: "大兴镇养老服务中心（中心敬老院）",
    type: "township_centre",
    township: dx,
    operator: "public_private",
    beds: centreBeds,
    nursing_beds: centreBeds, // 护理型床位占比 100 % (002)
    meal_seats: 60,
    social_workers: 2,
    role: "daxing_centre"
  });
  centre.modelled = centre.modelled.filter((k) => k !== "nursing_beds"); // nursing = beds is the seed's figure
  const xl = vil(g, "兴隆社区", dx.code);
  const yt = vil(g, "油田社区", dx.code);
  const cx = vil(g, "船形村", dx.code);
  b.add({name: "兴隆社区养老服务站", type: "community_station", township: dx, village: xl, operator: "public_private", meal_seats: 30, linked_centre: centre.id, role: "daxing_linked", realFields: ["name", "linked_centre", "operator", "status"]});
  b.add({name: "油田社区养老服务站", type: "community_station", township: dx, village: yt, operator: "public_private", linked_centre: centre.id, role: "daxing_linked", realFields: ["name", "linked_centre", "operator", "status"]});
  b.add({name: "船形村养老互助站（示范点）", type: "mutual_aid", township: dx, village: cx, operator: "public_private", meal_seats: 20, linked_centre: centre.id, role: "daxing_linked", realFields: ["name", "linked_centre", "operator", "status"]});
  for (const v of dx.villages.filter((x) => x.kind === "village" && x !== cx)) {
    // Run through the centre's operating unit (社会化运营率 100 %, 002), with the village's economic co-operative.
    b.add({name: `${v.name}养老互助站`, type: "mutual_aid", township: dx, village: v, operator: "public_private", linked_centre: centre.id, role: "daxing_village", realFields: ["linked_centre", "status"]});
  }
  // Rest of 璧山区 (modelled).
  b.inventing = true;
  const streets = g.townships.filter((t) => t.settlement === "urban");
  b.add({name: "璧山区社会福利院", type: "county_institution", township: tw(g, "500120002"), operator: "public", beds: 300, nursingShare: 0.6});
  for (const t of streets.slice(0, 4)) {
    b.add({name: `${short(t)}民办养老院`, type: "county_institution", township: t, operator: "private", beds: r.int(12, 30) * 10, nursingShare: r.uniform(0.45, 0.7)});
  }
  const towns = g.townships.filter((t) => t.settlement !== "urban" && t !== dx);
  for (const t of towns.filter((_, i) => i % 2 === 0)) {
    b.add({name: `${short(t)}敬老院`, type: "nursing_home", township: t, operator: "public_private", beds: r.int(6, 12) * 10, nursingShare: r.uniform(0.3, 0.6)});
  }
  const others = g.townships.filter((t) => t !== dx);
  others.forEach((t, i) => {
    const status: FacilityStatus = i === others.length - 1 ? "construction" : "operating";
    if (i === others.length - 2) return; // one township still without a centre (modelled gap)
    const c = b.add({name: `${short(t)}养老服务中心`, type: "township_centre", township: t, status, operator: "public_private", beds: r.int(2, 5) * 10, nursingShare: r.uniform(0.5, 0.8), meal_seats: r.int(4, 8) * 10});
    for (const v of t.villages.filter((x) => x.kind === "community")) {
      if (!r.chance(0.85)) continue;
      b.add({name: `${v.name}养老服务站`, type: "community_station", township: t, village: v, operator: "public_private", linked_centre: status === "operating" && r.chance(0.6) ? c.id : undefined});
    }
    for (const v of t.villages.filter((x) => x.kind === "village")) {
      if (!r.chance(0.3)) continue;
      b.add({name: `${v.name}养老互助站`, type: "mutual_aid", township: t, village: v, operator: "collective", linked_centre: status === "operating" && r.chance(0.5) ? c.id : undefined});
    }
  });
  for (const t of streets) {
    const v = byPop(t.villages.filter((x) => x.kind === "community"))[0];
    if (v) b.add({name: `${v.name}长者食堂`, type: "canteen", township: t, village: v, operator: "public_private", meal_seats: r.int(12, 20) * 10});
  }
  for (const v of byPop(spread(towns, 10, (t) => t.villages, r))) {
    b.add({name: `${v.name}助餐点`, type: "meal_site", township: v.township, village: v, operator: "collective", meal_seats: r.int(3, 6) * 10});
  }
}

/** 金山区 (seed 004): 15 complexes, 71 day centres, 67 meal places (15 canteens ≥ 150 seats + 52 meal sites), doorstep stations. */
function jinshan(g: CountyGeo, b: FacilityBuilder, r: Rng): void {
  b.inventing = true; // institutions: seed 004 does not count them
  b.add({name: "金山区社会福利院", type: "county_institution", township: tw(g, "310116101"), operator: "public", beds: 400, nursingShare: 0.65});
  for (const t of g.townships) {
    b.add({name: `${short(t)}养老院`, type: "nursing_home", township: t, operator: "public_private", beds: r.int(15, 35) * 10, nursingShare: r.uniform(0.45, 0.7)});
  }
  for (const t of g.townships.filter((_, i) => i % 2 === 1)) {
    b.add({name: `${short(t)}民办养老机构`, type: "county_institution", township: t, operator: "private", beds: r.int(10, 25) * 10, nursingShare: r.uniform(0.5, 0.75)});
  }
  b.inventing = false;
  // 15 comprehensive complexes 综合为老服务中心: one per town/street, a second in four large ones.
  const second = new Set(["310116101", "310116102", "310116113", "310116109"]);
  const complexes: GenFacility[] = [];
  for (const t of g.townships) {
    const n = second.has(t.code) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const v = k === 0 ? undefined : byPop(t.villages.filter((x) => x.kind === "community"))[1];
      complexes.push(
        b.add({
          name: `${short(t)}${k === 0 ? "" : v ? v.name.replace(/居委会$/, "") : "第二"}综合为老服务中心`,
          type: "township_centre",
          township: t,
          village: v,
          operator: "public_private",
          beds: r.int(20, 49),
          nursingShare: r.uniform(0.5, 0.8),
          meal_seats: 40,
          role: k === 1 && (t.code === "310116113" || t.code === "310116102") ? `new_complex_${t.code === "310116113" ? 2021 : 2022}` : "complex"
        })
      );
    }
  }
  const centreOf = (t: TownshipGeo): string | undefined => complexes.find((c) => c.township_code === t.code)?.id;
  // 71 day-service centres over communities and villages, by older population.
  const days = weightedSample(g.villages.filter((v) => !/虚拟|生活区/.test(v.name)), 71, (v) => v.pop60 * (v.kind === "community" ? 2 : 1), r);
  byPop(days).forEach((v, i) => {
    b.add({
      name: `${v.name.replace(/居委会$/, "")}老年人日间服务中心`,
      type: "day_centre",
      township: v.township,
      village: v,
      operator: i % 3 === 0 ? "private" : "public_private",
      linked_centre: r.chance(0.7) ? centreOf(v.township) : undefined,
      role: i < 7 ? `new_day_${i < 5 ? 2021 : 2022}` : "day"
    });
  });
  // 15 elder canteens (1–2 per town/street, ≥ 150 seats) + 52 meal sites = 67 meal places.
  const canteenTowns = new Set(["310116101", "310116102", "310116113", "310116001"]);
  let canteenNo = 0;
  for (const t of g.townships) {
    const n = canteenTowns.has(t.code) ? 2 : 1;
    const hosts = byPop(t.villages.filter((x) => x.kind === "community")).slice(0, n);
    for (let k = 0; k < n; k++) {
      const v = hosts[k];
      canteenNo++;
      b.add({
        name: `${short(t)}${v ? v.name.replace(/居委会$/, "") : ""}社区长者食堂`,
        type: "canteen",
        township: t,
        village: v,
        operator: "public_private",
        meal_seats: r.int(18, 32) * 10,
        role: canteenNo === 3 ? "new_meal_2021" : canteenNo === 9 ? "new_meal_2022" : "canteen"
      });
    }
  }
  const sites = weightedSample(g.villages.filter((v) => !/虚拟|生活区/.test(v.name)), 52, (v) => v.pop65, r);
  byPop(sites).forEach((v, i) => {
    b.add({
      name: `${v.name.replace(/居委会$/, "")}助餐点`,
      type: "meal_site",
      township: v.township,
      village: v,
      operator: v.kind === "village" ? "collective" : "public_private",
      meal_seats: r.int(4, 9) * 10,
      role: i >= 40 && i < 43 ? "new_meal_2021" : i >= 43 && i < 45 ? "new_meal_2022" : "meal"
    });
  });
  // 家门口服务站: every rural administrative village has at least one (004).
  for (const v of g.villages.filter((x) => x.kind === "village" && !/生活区/.test(x.name))) {
    b.add({name: `${v.name}家门口服务站`, type: "community_station", township: v.township, village: v, operator: "collective", linked_centre: r.chance(0.5) ? centreOf(v.township) : undefined});
  }
}

/** 杭锦旗 (seed 003): 7 sumu/town comprehensive facilities (one still being built at the data date), a station in each of the 13 communities. */
function hangjin(g: CountyGeo, b: FacilityBuilder, r: Rng): void {
  const xini = tw(g, "150625100");
  b.inventing = true; // seed 003 does not count a county institution
  b.add({name: "杭锦旗社会福利中心", type: "county_institution", township: xini, operator: "public", beds: 240, nursingShare: 0.55});
  b.inventing = false;
  const centres: GenFacility[] = [];
  centres.push(
    b.add({name: "四十里梁区域养老服务中心（原四十里梁敬老院）", type: "township_centre", township: xini, operator: "public_private", beds: 100, nursingShare: 0.6, meal_seats: 60, role: "siShiLiLiang", realFields: ["name"]})
  );
  for (const code of ["150625101", "150625102", "150625103", "150625104", "150625200"]) {
    const t = tw(g, code);
    centres.push(b.add({name: `${short(t)}综合养老服务中心`, type: "township_centre", township: t, operator: "public_private", beds: r.int(3, 5) * 10, nursingShare: r.uniform(0.5, 0.7), meal_seats: r.int(3, 6) * 10, role: "hj_centre"}));
  }
  const dg = tw(g, "150625103");
  centres.push(
    b.add({name: "塔然高勒综合养老服务中心", type: "township_centre", township: dg, village: vil(g, "塔然高勒村", dg.code), status: "construction", operator: "public_private", beds: 30, nursingShare: 0.6, meal_seats: 30, role: "hj_centre_construction"})
  );
  const centreOf = (t: TownshipGeo): string | undefined => centres.find((c) => c.township_code === t.code && c.status === "operating")?.id;
  const communities = g.villages.filter((v) => v.kind === "community" && !/虚拟/.test(v.name));
  communities.forEach((v, i) => {
    const building = v.name === "盐海子社区";
    b.add({
      name: `${v.name}养老服务站`,
      type: "community_station",
      township: v.township,
      village: v,
      status: building ? "construction" : "operating",
      operator: "public_private",
      beds: i % 3 === 0 ? 10 : 0,
      nursingShare: 1,
      linked_centre: building ? undefined : centreOf(v.township),
      role: i % 3 === 0 ? "hj_station_beds" : "hj_station"
    });
  });
  b.inventing = true; // gacha stations and meal places: not counted by seed 003
  for (const v of byPop(spread(g.townships, 14, (t) => t.villages.filter((x) => x.kind === "village"), r))) {
    b.add({name: `${v.name}农村牧区养老服务站`, type: "mutual_aid", township: v.township, village: v, operator: "collective", linked_centre: r.chance(0.5) ? centreOf(v.township) : undefined});
  }
  const xiniCommunities = byPop(xini.villages.filter((x) => x.kind === "community"));
  b.add({name: `${xiniCommunities[0].name}长者食堂`, type: "canteen", township: xini, village: xiniCommunities[0], operator: "public_private", meal_seats: 150});
  for (const v of xiniCommunities.slice(1, 3)) b.add({name: `${v.name}助餐点`, type: "meal_site", township: xini, village: v, operator: "private", meal_seats: r.int(4, 8) * 10});
}

/** 利通区 (seed 001): county institution; township centres in 7 of 13 townships (+1 under construction). */
function litong(g: CountyGeo, b: FacilityBuilder, r: Rng): void {
  b.inventing = true; // seed 001 asks for ≥ 1 county institution but names none
  b.add({name: "利通区社会福利中心", type: "county_institution", township: tw(g, "640302106"), operator: "public", beds: 200, nursingShare: 0.6});
  b.add({name: "利通区民办养老院", type: "county_institution", township: tw(g, "640302107"), operator: "private", beds: 150, nursingShare: 0.5});
  b.add({name: "古城镇民办颐养院", type: "county_institution", township: tw(g, "640302105"), operator: "private", beds: 100, nursingShare: 0.45});
  b.inventing = false;
  const centres: {code: string; name: string; from: string}[] = [
    {code: "640302100", name: "金积镇综合养老服务中心", from: "nursing_home"},
    {code: "640302101", name: "金银滩镇综合养老服务中心", from: "clinic"},
    {code: "640302104", name: "上桥镇医养服务中心", from: "clinic"},
    {code: "640302105", name: "古城镇综合养老服务中心", from: "day_centre"},
    {code: "640302106", name: "金星镇综合养老服务中心", from: "new"},
    {code: "640302107", name: "胜利镇综合养老服务中心", from: "day_centre"},
    {code: "640302201", name: "板桥乡综合养老服务中心", from: "new"}
  ];
  const ids: Record<string, string> = {};
  for (const c of centres) {
    const f = b.add({name: c.name, type: "township_centre", township: tw(g, c.code), operator: c.from === "new" ? "public_private" : "public", beds: c.from === "nursing_home" ? 30 : r.int(15, 30), nursingShare: r.uniform(0.5, 0.8), meal_seats: r.int(3, 6) * 10, role: `lt_centre_${c.from}`});
    f.area_m2 = Math.round(f.beds * r.uniform(30, 40) / 10) * 10; // 30–40 m² per bed (001)
    ids[c.code] = f.id;
  }
  const gz = b.add({name: "高闸镇综合养老服务中心", type: "township_centre", township: tw(g, "640302102"), status: "construction", operator: "public_private", beds: 30, nursingShare: 0.6, meal_seats: 40, role: "lt_centre_building"});
  gz.area_m2 = 30 * 35;
  b.inventing = true; // day centres, mutual-aid homes and meal sites: not counted by seed 001
  const urban = g.villages.filter((v) => v.kind === "community");
  for (const v of byPop(urban).slice(0, 14)) {
    b.add({name: `${v.name.replace(/居委会$/, "社区")}日间照料中心`, type: "day_centre", township: v.township, village: v, operator: "public_private", linked_centre: ids[v.township.code] && r.chance(0.7) ? ids[v.township.code] : undefined});
  }
  for (const v of byPop(spread(g.townships, 28, (t) => t.villages.filter((x) => x.kind === "village" && !/生活区/.test(x.name)), r))) {
    b.add({name: `${v.name}农村幸福院`, type: "mutual_aid", township: v.township, village: v, operator: "collective", linked_centre: ids[v.township.code] && r.chance(0.5) ? ids[v.township.code] : undefined});
  }
  for (const v of byPop(spread(g.townships, 12, (t) => t.villages.filter((x) => !/生活区/.test(x.name)), r))) {
    b.add({name: `${v.name.replace(/居委会$/, "社区")}老饭桌`, type: "meal_site", township: v.township, village: v, operator: v.kind === "village" ? "collective" : "private", meal_seats: r.int(3, 6) * 10});
  }
}

export function buildFacilities(g: CountyGeo): GenFacility[] {
  const r = rng(`${g.census.code}:facilities`);
  const b = new FacilityBuilder(g, rng(`${g.census.code}:facility-positions`));
  switch (g.census.code) {
    case "150626":
      wushen(g, b, r);
      break;
    case "500120":
      bishan(g, b, r);
      break;
    case "310116":
      jinshan(g, b, r);
      break;
    case "150625":
      hangjin(g, b, r);
      break;
    case "640302":
      litong(g, b, r);
      break;
    default:
      throw new Error(`no facility plan for ${g.census.code}`);
  }
  return b.list;
}
