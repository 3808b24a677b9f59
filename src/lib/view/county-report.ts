/**
 * The county report's data (`/county/<code>`, src/county/[code].md): the rows of its charts, tables and CSVs, cut
 * from the county's bundle (results, access) and joined with township and facility names. Pure: the charts are
 * components (src/components/county-charts.ts), the tables ReportTable. One function per section, so a new section
 * is one more function and one more block on the page. Figures not provided stay null (shown 未提供 or —), never 0.
 */
import {STATION_TYPES, type AccessUnit, type StationCapacity} from "../engine/access.js";
import type {BedGap, BedStandard} from "../plan/beds.js";
import {TIER_LABEL, TYPE_LABEL} from "../facility-types.js";
import {comparatorText, formatInt, formatNumber, formatPercent, formatValue, NOT_PROVIDED} from "./format.js";
import type {JudgedTarget} from "../plan/milestones.js";
import {MODE_LABEL, type TravelConfig, type TravelModelView} from "../engine/network.js";
import type {StationLink, UnitMetrics} from "../plan/metrics.js";
import {CRITERIA, type Criterion, type RankRow} from "../plan/ranking.js";
import type {Facility, Tier} from "../types.js";

/** Width of a report chart: the page's width, kept between 480 and 720 px (an A4 column). */
export function chartWidth(width: number): number {
  return Math.max(480, Math.min(width, 720));
}

/**
 * Room for the longest township name on a chart's y axis: about 11 px per CJK character at Plot's 10 px font,
 * between 80 and 220 px.
 * @example nameMargin(["城关镇"]) // 80
 */
export function nameMargin(names: readonly string[]): number {
  return Math.min(220, Math.max(80, 16 + 11 * Math.max(0, ...names.map((n) => n.length))));
}

/** The county's bed standard: its figure as shown (35, 37.5) and the sentence that cites it. */
export function bedStandardView(std: BedStandard): {per1000: number; text: string; sentence: string} {
  const text = formatNumber(std.per1000, Number.isInteger(std.per1000) ? 0 : 1);
  return {per1000: std.per1000, text, sentence: `按每千名60岁以上老人 ${text} 张床位测算各乡镇床位缺口（${std.target_id ? `目标 ${std.target_id}：` : ""}${std.source}）。`};
}

/** One township's bed supply (chart, table and CSV row). */
export interface BedSupplyRow {
  乡镇: string;
  现有床位: number;
  目标床位: number;
  缺口: number;
  /** null: no older people */
  每千人床位: number | null;
}

/**
 * The county's townships' bed supply, in one order for chart, table and CSV: most beds per 1 000 older people first,
 * townships without older people last, then by name.
 * @param townshipName the county's township names by code (gaps of other townships are left out)
 */
export function bedSupplyRows(gaps: readonly BedGap[], townshipName: ReadonlyMap<string, string>): BedSupplyRow[] {
  return gaps
    .filter((b) => townshipName.has(b.township_code))
    .map((b) => ({乡镇: townshipName.get(b.township_code)!, 现有床位: b.beds, 目标床位: b.target, 缺口: b.gap, 每千人床位: b.per1000}))
    .sort((a, b) => (b.每千人床位 ?? -Infinity) - (a.每千人床位 ?? -Infinity) || a.乡镇.localeCompare(b.乡镇, "zh"));
}

/** One cell of the coverage-by-tier chart: null = the township has no older people (无设施 on the chart). */
export interface TierCell {
  乡镇: string;
  层级: string;
  覆盖率: number | null;
}

const TIERS = Object.keys(TIER_LABEL) as Tier[];

/** Each township × tier: the share of its older people a facility of the tier reaches. */
export function tierCoverageCells(townships: readonly Pick<UnitMetrics, "name" | "covered_share">[]): TierCell[] {
  return townships.flatMap((t) => TIERS.map((tier) => ({乡镇: t.name, 层级: TIER_LABEL[tier], 覆盖率: t.covered_share[tier]})));
}

/** The density and coverage table: facilities, per km², per 1 000 older people, and coverage by tier. */
export function densityRows(townships: readonly Pick<UnitMetrics, "name" | "facilities" | "facilities_per_km2" | "facilities_per_1000_older" | "covered_share">[]): Record<string, string | number | null>[] {
  return townships.map((t) => ({
    乡镇: t.name, 设施数: t.facilities, 每平方公里: t.facilities_per_km2, 每千名老人: t.facilities_per_1000_older,
    ...Object.fromEntries(TIERS.map((tier) => [`${TIER_LABEL[tier]}覆盖`, t.covered_share[tier]]))
  }));
}

/** The tier coverage columns of {@link densityRows}. */
export const TIER_COVERAGE_COLUMNS: readonly string[] = TIERS.map((tier) => `${TIER_LABEL[tier]}覆盖`);

/** The ranking's weights as a sentence part: "服务覆盖率 40%，…" (criteria with weight 0 left out). */
export function weightsText(weights: Readonly<Record<string, number>>): string {
  return Object.entries(weights).filter(([, w]) => w > 0).map(([k, w]) => `${CRITERIA[k as Criterion]?.label ?? k} ${formatNumber(w * 100, 0)}%`).join("，");
}

/** The township ranking's rows: rank, name, score and each weighted criterion's part; `code` for the link. */
export function rankingRows(ranking: readonly RankRow[], weights: Readonly<Record<string, number>>): Record<string, string | number>[] {
  return ranking.map((r) => ({
    排名: r.rank, 乡镇: r.name, 得分: r.score,
    ...Object.fromEntries(Object.entries(r.parts).filter(([k]) => weights[k] > 0).map(([k, v]) => [CRITERIA[k as Criterion].label, v])),
    code: r.code
  }));
}

/** The centre-leads-stations table: each station, its township, its centre and how it is linked. */
export function linkRows(links: readonly StationLink[], county: string, townshipName: ReadonlyMap<string, string>, facilityName: ReadonlyMap<string, string>): Record<string, string | number | null | undefined>[] {
  const how: Record<StationLink["how"], string> = {explicit: "明确关联", nearest: "就近", none: "未关联"};
  return links.filter((l) => l.county_code === county).map((l) => ({
    站点: l.station_name, 乡镇: townshipName.get(l.township_code) ?? l.township_code,
    所属中心: l.centre_id ? facilityName.get(l.centre_id) : "（无）", 关联方式: how[l.how], 距离: l.distance_m
  }));
}

/** Capacitated coverage of one good in a unit, as access.json carries it. */
export interface CapacityFigures {
  demand?: number;
  served?: number;
  unserved?: number;
  served_share: number | null;
}

/** An access unit as access.json carries it: the E2SFCA summary and the capacity-constrained figures. */
export type AccessRow = AccessUnit & {capacity: {beds?: CapacityFigures | null; meals?: CapacityFigures | null; stations?: CapacityFigures | null}};

/**
 * The station columns' headers: the capacity of a station is a number of older people per type from
 * config.access.station_capacity; while it is the default planning assumption the headers say so (假设容量).
 */
export function stationColumns(assumed: boolean): {share: string} {
  return {share: `站点满足率${assumed ? "（假设容量）" : ""}`};
}

/**
 * The county's station figures as a sentence under the table (the table has room for the share only; the CSV
 * carries every unit's served and unserved): "社区养老服务站点（假设容量）可服务 1,234 名60岁以上老人，未服务 567 名（31.5%）。"
 * Null when there is nobody to serve or no figures.
 */
export function stationServedSentence(c: CapacityFigures | null | undefined, assumed: boolean): string | null {
  if (!c || c.served_share === null || c.served === undefined || c.unserved === undefined || c.demand === undefined) return null;
  return `按站点服务容量${assumed ? "（规划假设）" : ""}，全县社区养老服务站点可服务 ${formatInt(c.served)} 名60岁以上老人，未服务 ${formatInt(c.unserved)} 名（${formatPercent(c.unserved / c.demand)}）。`;
}

/**
 * The station capacities as a sentence part: "社区养老服务站 300 人、日间照料中心 200 人、农村互助幸福院 50 人" (未提供 when
 * access.json has none, an artifact built before station capacities).
 */
export function stationCapacityText(sc: Pick<StationCapacity, "capacity"> | undefined | null): string {
  if (!sc) return NOT_PROVIDED;
  return STATION_TYPES.map((t) => `${TYPE_LABEL[t]} ${formatInt(sc.capacity[t])} 人`).join("、");
}

/**
 * The E2SFCA table (county first, then its townships), formatted: a figure that is null is 未提供 when the region
 * does not provide its input (beds or meal seats "absent"), else — (nobody to count). The station columns
 * (capacitated coverage of community stations, capacities from config) is labelled 假设容量 when `stationsAssumed`;
 * the A4 page has no room for the unserved count, {@link stationServedSentence} gives the county's.
 */
export function accessTableRows(units: readonly AccessRow[], absent: {beds: boolean; meals: boolean}, stationsAssumed = true): Record<string, string>[] {
  const fig = (v: number | null | undefined, isAbsent: boolean, f: (v: number) => string) => (v === null || v === undefined ? (isAbsent ? NOT_PROVIDED : "—") : f(v));
  const st = stationColumns(stationsAssumed);
  return units.map((u) => ({
    单位: u.scope === "county" ? `${u.name}（全县）` : u.name,
    "60岁以上": formatInt(u.pop60),
    "床位/千人": fig(u.beds_mean, absent.beds, (v) => formatNumber(v)),
    "低于床位标准": fig(u.beds_below_share, absent.beds, (v) => formatPercent(v)),
    "床位满足率": fig(u.capacity.beds?.served_share ?? null, absent.beds, (v) => formatPercent(v)),
    "座位/千人": fig(u.meals_mean, absent.meals, (v) => formatNumber(v)),
    "低于助餐标准": fig(u.meals_below_share, absent.meals, (v) => formatPercent(v)),
    "助餐满足率": fig(u.capacity.meals?.served_share ?? null, absent.meals, (v) => formatPercent(v)),
    [st.share]: fig(u.capacity.stations?.served_share ?? null, false, (v) => formatPercent(v))
  }));
}

/** The E2SFCA CSV: the unrounded figures (empty: not provided or nobody). */
export function accessCsvRows(units: readonly AccessRow[]): Record<string, string | number | null>[] {
  return units.map((u) => ({
    代码: u.code, 单位: u.name, 六十岁以上老人: u.pop60, 可及床位每千人: u.beds_mean, 低于床位标准的老人占比: u.beds_below_share, 床位需求满足率: u.capacity.beds?.served_share ?? null,
    可及助餐座位每千人: u.meals_mean, 低于助餐标准的老人占比: u.meals_below_share, 助餐需求满足率: u.capacity.meals?.served_share ?? null,
    站点服务需求: u.capacity.stations?.demand ?? null, 站点已服务老人: u.capacity.stations?.served ?? null, 站点未服务老人: u.capacity.stations?.unserved ?? null, 站点满足率: u.capacity.stations?.served_share ?? null, 模型: "E2SFCA"
  }));
}

/** The township-level targets' table and CSV: the light stays a code (green, …) for the table's dot formatter. */
export function townshipTargetRows(statuses: readonly Pick<JudgedTarget, "name" | "label" | "value" | "unit" | "comparator" | "threshold" | "deadline" | "status" | "reason" | "role" | "source">[]): Record<string, string>[] {
  return statuses.map((s) => ({
    乡镇: s.name, 指标: s.label, 当前值: formatValue(s.value, s.unit), 目标: `${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}`, 期限: s.deadline,
    亮灯: s.status, 判定: s.reason, 类别: s.role === "reference" ? "参考标准" : "本地目标", 来源: s.source
  }));
}

/** The travel model's per-tier figures (road network regions), numbers kept (null: cannot be computed); `TRAVEL_FORMAT` writes them. */
export function travelRows(view: TravelModelView): Record<string, string | number | null>[] {
  return view.rows.map((r) => ({层级: TIER_LABEL[r.tier], 方式: r.mode, "阈值（分钟）": r.threshold_min, 路网覆盖率: r.covered_share, "平均用时（分钟）": r.mean_minutes}));
}

/** How the travel table writes its figures (numbers stay numbers, so the table right-aligns them). */
export const TRAVEL_FORMAT: Record<string, (v: unknown) => string> = {
  路网覆盖率: (v) => (typeof v === "number" ? formatPercent(v) : "—"),
  "平均用时（分钟）": (v) => (typeof v === "number" ? formatNumber(v, 1) : "—")
};

/** access.json's service areas along the roads (loaders/travel.ts), as a county bundle carries them. */
export interface ServiceAreasLike {
  tiers: Tier[];
  pieces: number;
  features: {type: "Feature"; geometry: {type: "LineString"; coordinates: [number, number][]}; properties: {tier: Tier}}[] | null;
}

/**
 * The county map's service areas along the roads: the pieces as lines coloured by tier, and the caption that says
 * what they are (tiers, mode and minutes from the travel model). Null without a road network (nothing to draw, no
 * caption). More pieces than the build keeps: no lines, the caption says why.
 */
export function serviceAreaView(
  travel: {config: TravelConfig; service_areas?: ServiceAreasLike | null} | null | undefined,
  tierColor: Readonly<Record<Tier, string>>
): {lines: {type: "Feature"; geometry: {type: "LineString"; coordinates: [number, number][]}; properties: {tier: Tier; color: string}}[]; caption: string; legend: {label: string; color: string}[]} | null {
  const sa = travel?.service_areas;
  if (!travel || !sa) return null;
  const legend = sa.tiers.map((t) => ({label: `${TIER_LABEL[t]}服务范围`, color: tierColor[t]}));
  const what = sa.tiers.map((t) => `${TIER_LABEL[t]}设施${MODE_LABEL[travel.config.mode_by_tier[t]]}${formatNumber(travel.config.thresholds_min[t], 0)}分钟`).join("、");
  if (sa.features === null) return {lines: [], caption: `路网服务范围共 ${formatInt(sa.pieces)} 段，过多未绘制（${what}）。`, legend: []};
  const lines = sa.features.map((f) => ({type: "Feature" as const, geometry: f.geometry, properties: {tier: f.properties.tier, color: tierColor[f.properties.tier]}}));
  const caption = lines.length
    ? `图中彩色线段为路网服务范围：${what}可达的道路（按路网通行时间，含设施到道路的步行，不含各村到道路的步行）。`
    : `路网服务范围：没有设施在阈值内到达路网（${what}）。`;
  return {lines, caption, legend: lines.length ? legend : []};
}

interface GeoFeature {
  type: "Feature";
  geometry: unknown;
  properties: Record<string, unknown> & {code?: string};
}

/**
 * The township layer's GeoJSON: each township's boundary with its metrics as properties (plain values only: the
 * nested per-tier objects are left out, GIS tools read flat columns).
 */
export function townshipLayer(features: readonly GeoFeature[], townships: readonly UnitMetrics[]): {type: "FeatureCollection"; features: GeoFeature[]} {
  const byCode = new Map(townships.map((t) => [t.code, t]));
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({
      ...f,
      properties: {...f.properties, ...Object.fromEntries(Object.entries(byCode.get(f.properties.code ?? "") ?? {}).filter(([, v]) => typeof v !== "object"))}
    }))
  };
}

/** The facility layer's GeoJSON: one point per facility, its record as properties (modelled fields joined by ;). */
export function facilityLayer(facilities: readonly Facility[]): {type: "FeatureCollection"; features: GeoFeature[]} {
  return {
    type: "FeatureCollection",
    features: facilities.map((f) => ({type: "Feature", geometry: {type: "Point", coordinates: [f.lng, f.lat]}, properties: {...f, modelled: f.modelled.join(";")}}))
  };
}
