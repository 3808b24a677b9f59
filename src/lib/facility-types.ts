import type {FacilityStatus, FacilityType, Operator, SettlementClass, Tier} from "./types.js";

/** Statuses of facilities that serve older people: operating, and those being upgraded (they stay open, seed 000). */
export const SERVING_STATUSES: readonly FacilityStatus[] = ["operating", "upgrading"];

/** Every facility type, in display order (county tier first). */
export const FACILITY_TYPES: readonly FacilityType[] = [
  "county_institution",
  "nursing_home",
  "township_centre",
  "community_station",
  "day_centre",
  "mutual_aid",
  "canteen",
  "meal_site"
];

export const TIERS: readonly Tier[] = ["county", "township", "community", "meal"];

/**
 * 养老机构: the types whose beds are institution beds. The planning documents measure the nursing-bed share
 * (养老机构护理型床位占比), floor area per bed and social workers per 100 beds (每百张养老机构床位) over these only.
 */
export const INSTITUTION_TYPES: ReadonlySet<FacilityType> = new Set(["county_institution", "nursing_home", "township_centre"]);

/**
 * 站点: the community-level stations (村/社区养老服务站, 日间照料中心, 农村互助幸福院) — the station network the plans
 * count (站点覆盖, 站点关联中心) and the types a station capacity applies to (access.ts).
 */
export const STATION_TYPES = ["community_station", "day_centre", "mutual_aid"] as const satisfies readonly FacilityType[];
export type StationType = (typeof STATION_TYPES)[number];
export const STATION_TYPE_SET: ReadonlySet<FacilityType> = new Set(STATION_TYPES);

/**
 * Kind of a township-level unit from the 7th–9th digits of its 9-digit statistical code (统计用区划代码):
 * 001–099 街道, 100–199 镇, 200–399 乡 (苏木, 民族乡), 400–599 类似乡级单位 (development zones, farms, parks).
 * Anything else (000, 600–999, or not three digits) is "unknown": the loader warns about it, and it is counted like
 * a town, never silently left out of a county share (only "zone" units are left out of the township-centre share).
 */
export type TownshipKind = "subdistrict" | "town" | "township" | "zone" | "unknown";

export function townshipKind(code: string): TownshipKind {
  const digits = code.slice(6, 9);
  if (!/^\d{3}$/.test(digits)) return "unknown";
  const n = Number(digits);
  if (n === 0 || n >= 600) return "unknown";
  if (n >= 400) return "zone";
  if (n >= 200) return "township";
  if (n >= 100) return "town";
  return "subdistrict";
}

export const TOWNSHIP_KIND_LABEL: Readonly<Record<TownshipKind, string>> = {
  subdistrict: "街道",
  town: "镇",
  township: "乡（苏木）",
  zone: "类似乡级单位（开发区、园区等）",
  unknown: "未知类别（代码第7–9位不在统计用区划代码的范围内）"
};

export const TIER_OF: Readonly<Record<FacilityType, Tier>> = {
  county_institution: "county",
  nursing_home: "county",
  township_centre: "township",
  community_station: "community",
  day_centre: "community",
  mutual_aid: "community",
  canteen: "meal",
  meal_site: "meal"
};

export const TYPE_LABEL: Readonly<Record<FacilityType, string>> = {
  county_institution: "县级养老机构",
  nursing_home: "敬老院",
  township_centre: "乡镇综合养老服务中心",
  community_station: "社区养老服务站",
  day_centre: "日间照料中心",
  mutual_aid: "农村互助幸福院",
  canteen: "长者食堂",
  meal_site: "助餐点"
};

export const TIER_LABEL: Readonly<Record<Tier, string>> = {
  county: "县级",
  township: "乡镇级",
  community: "村/社区级",
  meal: "助餐"
};

export const SETTLEMENT_LABEL: Readonly<Record<SettlementClass, string>> = {
  urban: "城镇社区",
  rural: "农村",
  pastoral: "牧区"
};

export const STATUS_LABEL: Readonly<Record<FacilityStatus, string>> = {
  operating: "运营中",
  construction: "在建",
  planned: "规划",
  upgrading: "提升改造中"
};

export const OPERATOR_LABEL: Readonly<Record<Operator, string>> = {
  public: "公办公营",
  public_private: "公建民营",
  private: "民办",
  collective: "村集体",
  unknown: "未知"
};

/**
 * Words seen in bureau spreadsheets and the seed documents for each type. Matching is by exact string first, then
 * by the longest synonym contained in the value (so "XX镇综合养老服务中心" → township_centre, while
 * "社区（嘎查村）居家养老服务中心" → community_station: seeds 000 and 001 put 居家养老服务中心（站） at community level).
 */
export const TYPE_SYNONYMS: Readonly<Record<FacilityType, readonly string[]>> = {
  county_institution: ["county_institution", "县级养老机构", "养老院", "福利院", "社会福利院", "社会福利中心", "养老机构", "县级公办养老机构", "老年养护院", "养护院"],
  nursing_home: ["nursing_home", "敬老院", "特困供养服务机构", "五保家园", "中心敬老院", "特困人员供养服务设施", "特困人员供养服务机构"],
  township_centre: ["township_centre", "乡镇综合养老服务中心", "街道综合养老服务中心", "综合养老服务中心", "区域养老服务中心", "医养服务中心", "医养结合服务中心", "综合为老服务中心", "社区养老服务综合体", "养老服务综合体", "养老服务中心"],
  community_station: ["community_station", "社区养老服务站", "家门口服务站", "养老服务站", "社区居家养老服务站", "服务站", "居家养老服务中心", "居家养老服务站"],
  day_centre: ["day_centre", "日间照料中心", "老年人日间服务中心", "日间服务中心", "日托中心"],
  mutual_aid: ["mutual_aid", "农村幸福院", "牧区幸福院", "幸福院", "互助院", "互助幸福院", "养老互助站", "互助养老站", "互助站"],
  canteen: ["canteen", "长者食堂", "共享餐厅", "老年食堂", "社区食堂"],
  meal_site: ["meal_site", "助餐点", "老饭桌", "助餐服务点", "助餐服务站", "助餐站", "助餐服务场所", "社区助餐服务场所"]
};

/**
 * Map a type string from data to a FacilityType, or undefined when unknown.
 * @example facilityTypeOf("兴隆社区养老服务站") // "community_station"
 */
export function facilityTypeOf(value: string): FacilityType | undefined {
  const v = value.trim();
  if (!v) return undefined;
  let best: FacilityType | undefined;
  let bestLen = 0;
  for (const type of FACILITY_TYPES) {
    for (const s of TYPE_SYNONYMS[type]) {
      if (v === s) return type;
      if (s.length > bestLen && v.includes(s)) {
        best = type;
        bestLen = s.length;
      }
    }
  }
  return best;
}
