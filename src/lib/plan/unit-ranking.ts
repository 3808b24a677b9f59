/**
 * 量化排名 of one township's villages, communities and centre (seed 002, 大兴镇: "建立养老服务营运考核制度，严格检查
 * 各村社及养老服务中心工作开展情况并进行量化排名"). The region config says for which townships, with which weights
 * and with which recorded inputs (`config.unit_ranking[<township code>]`, docs/data-contract.md); without an entry a
 * township has no such ranking.
 *
 * Units: every village and community of the township, and every counted township centre in it. Each criterion is
 * a figure in [0, 1]; a criterion applies to villages, to the centre, or to both:
 * - station (村社): 1 when the village has a counted station (community station, day centre, mutual-aid home; the
 *   same rule as the metrics' station shares: the station names the village, or lacking that it is the nearest
 *   village of its township), else 0;
 * - social_operation: share of the unit's counted stations (the centre itself for a centre) run by a social operator
 *   (公建民营 or 民办, as `social_operation_share`); a village without a station scores 0;
 * - centre_link: village: share of its stations linked to a counted township centre (中心带站, as
 *   `station_link_share`: its `linked_centre`, else the nearest centre of its township); centre: share of the
 *   township's counted stations linked to it;
 * - coverage (村社): 1 when the village lies inside a community-tier service circle, else 0;
 * - nursing (中心): nursing-type beds ÷ beds (seed 002: 100 %); no beds → not computable;
 * - staffing (中心): social workers per 100 beds, capped at 1 (seed 003's 1 per 100 beds);
 * - activities: recorded service activities a month ÷ the config's standard, capped at 1;
 * - inspection: recorded supervision score (0–100) ÷ 100.
 * The last two are records the facility files do not hold: the config gives them per unit (village code or centre
 * id), and says whether they are modelled.
 *
 * Score = 100 × Σ wₖ·xₖ / Σ wₖ over the criteria of the unit's kind with weight > 0. A criterion that cannot be
 * computed (an input not recorded, a figure the region does not provide, a centre without beds) makes the unit's
 * score 未提供: it is listed after the ranked units, never scored as if the figure were 0. Ties share a rank.
 * Pure: no DOM.
 */
import {SERVING_STATUSES, STATION_TYPE_SET} from "../facility-types.js";
import {centreLinks, provided, villagesWithStation} from "./metrics.js";
import type {AbsentFigures, Facility, Village} from "../types.js";

export type UnitKind = "village" | "community" | "centre";

export const UNIT_CRITERIA = {
  station: {label: "有运营站点", short: "站点", applies: "village"},
  social_operation: {label: "社会化运营", short: "社会化", applies: "both"},
  centre_link: {label: "中心带站", short: "带站", applies: "both"},
  coverage: {label: "在站点服务圈内", short: "覆盖", applies: "village"},
  nursing: {label: "护理型床位占比", short: "护理床位", applies: "centre"},
  staffing: {label: "社工配备（每百床1名）", short: "社工", applies: "centre"},
  activities: {label: "服务活动频次", short: "活动", applies: "both"},
  inspection: {label: "监督检查得分", short: "检查", applies: "both"}
} as const satisfies Record<string, {label: string; short: string; applies: "village" | "centre" | "both"}>;

export type UnitCriterion = keyof typeof UNIT_CRITERIA;
export const UNIT_CRITERIA_KEYS = Object.keys(UNIT_CRITERIA) as UnitCriterion[];

/** What one unit's records say beyond the facility files (per village code or centre id). */
export interface UnitRecord {
  activities_per_month?: number;
  inspection_score?: number;
}

/** `config.unit_ranking[<township code>]`. */
export interface UnitRankingConfig {
  /** the document that asks for the ranking */
  source: string;
  weights: Partial<Record<UnitCriterion, number>>;
  /** where the weights come from (the seed lists no weights: say they are assumed) */
  weights_source: string;
  /** activities a month that score 1 (activities criterion) */
  activities_standard_per_month?: number;
  /** per village code or centre id */
  records?: Record<string, UnitRecord>;
  records_source?: string;
  /** true when the records are modelled, not the township's own */
  records_modelled?: boolean;
}

export interface UnitRankRow {
  /** null: 未提供 (a criterion could not be computed) */
  rank: number | null;
  code: string;
  name: string;
  kind: UnitKind;
  /** 0–100, null when a criterion is missing */
  score: number | null;
  /** each applicable criterion's figure in [0, 1] (null: not computable); criteria that do not apply are absent */
  parts: Partial<Record<UnitCriterion, number | null>>;
  /** the criteria whose figure is null */
  missing: UnitCriterion[];
}

const SOCIAL = new Set<Facility["operator"]>(["public_private", "private"]);

const applies = (c: UnitCriterion, kind: UnitKind): boolean => {
  const a: string = UNIT_CRITERIA[c].applies;
  return a === "both" || (a === "village") === (kind !== "centre");
};

/** Errors of one `config.unit_ranking` entry (empty when valid). */
export function unitRankingErrors(township: string, v: unknown): string[] {
  const where = `region.json: config.unit_ranking.${township}`;
  const errors: string[] = [];
  const o = v as Record<string, unknown> | null;
  if (!o || typeof o !== "object" || Array.isArray(o)) return [`${where}: expected an object with source, weights and weights_source`];
  if (!/^\d{9}$/.test(township)) errors.push(`${where}: the key must be a 9-digit township code`);
  if (typeof o.source !== "string" || !o.source.trim()) errors.push(`${where}.source: say which document asks for the ranking`);
  if (typeof o.weights_source !== "string" || !o.weights_source.trim()) errors.push(`${where}.weights_source: say where the weights come from (or that they are assumed, 假设)`);
  const w = o.weights as Record<string, unknown> | undefined;
  if (!w || typeof w !== "object" || Array.isArray(w)) errors.push(`${where}.weights: expected {criterion: weight ≥ 0}, criteria ${UNIT_CRITERIA_KEYS.join(", ")}`);
  else {
    for (const [k, x] of Object.entries(w)) {
      if (!(UNIT_CRITERIA_KEYS as string[]).includes(k)) errors.push(`${where}.weights.${k}: unknown criterion, expected one of ${UNIT_CRITERIA_KEYS.join(", ")}`);
      else if (!(typeof x === "number" && Number.isFinite(x) && x >= 0)) errors.push(`${where}.weights.${k}: expected a number ≥ 0, found ${JSON.stringify(x)}`);
    }
    if (!UNIT_CRITERIA_KEYS.some((k) => typeof w[k] === "number" && (w[k] as number) > 0)) errors.push(`${where}.weights: at least one weight must be more than 0`);
    if ((typeof w.activities === "number" && w.activities > 0) && !(typeof o.activities_standard_per_month === "number" && o.activities_standard_per_month > 0)) errors.push(`${where}.activities_standard_per_month: the activities criterion needs the monthly number that scores full marks (> 0)`);
  }
  if (o.records !== undefined) {
    if (!o.records || typeof o.records !== "object" || Array.isArray(o.records)) errors.push(`${where}.records: expected {village code or centre id: {activities_per_month, inspection_score}}`);
    else {
      for (const [unit, r] of Object.entries(o.records as Record<string, Record<string, unknown>>)) {
        const a = r?.activities_per_month;
        const s = r?.inspection_score;
        if (a !== undefined && !(typeof a === "number" && Number.isFinite(a) && a >= 0)) errors.push(`${where}.records.${unit}.activities_per_month: expected a number ≥ 0, found ${JSON.stringify(a)}`);
        if (s !== undefined && !(typeof s === "number" && s >= 0 && s <= 100)) errors.push(`${where}.records.${unit}.inspection_score: expected a score from 0 to 100, found ${JSON.stringify(s)}`);
      }
      if (typeof o.records_source !== "string" || !o.records_source.trim()) errors.push(`${where}.records_source: say where the recorded activities and inspection scores come from`);
    }
  }
  return errors;
}

/**
 * Score and rank the villages, communities and centre(s) of one township (see the module doc).
 * @param township the township code
 * @param villages the region's villages (those of the township are used)
 * @param facilities the region's facilities (counted ones of the township are used)
 * @param covered whether a village lies inside a community-tier service circle
 * @param absent figures the region does not provide (region.json "absent")
 */
export function rankTownshipUnits(township: string, villages: readonly Village[], facilities: readonly Facility[], covered: (villageCode: string) => boolean, config: UnitRankingConfig, absent?: AbsentFigures): UnitRankRow[] {
  const vs = villages.filter((v) => v.township_code === township);
  const counted = facilities.filter((f) => f.township_code === township && SERVING_STATUSES.includes(f.status));
  const stations = counted.filter((f) => STATION_TYPE_SET.has(f.type));
  const centres = counted.filter((f) => f.type === "township_centre");
  const links = new Map(centreLinks(counted).map((l) => [l.station_id, l]));
  // each station's village, by the metrics' rule
  const villageOf = new Map(stations.map((s) => [s.id, [...villagesWithStation(vs, [s])][0]]));
  const operatorKnown = provided(absent, "facilities", "operator");
  const record = (id: string): UnitRecord => config.records?.[id] ?? {};
  const activities = (id: string): number | null => {
    const a = record(id).activities_per_month;
    const std = config.activities_standard_per_month;
    return typeof a === "number" && typeof std === "number" && std > 0 ? Math.min(1, a / std) : null;
  };
  const inspection = (id: string): number | null => {
    const s = record(id).inspection_score;
    return typeof s === "number" ? s / 100 : null;
  };
  const share = (items: readonly Facility[], test: (f: Facility) => boolean): number => (items.length ? items.filter(test).length / items.length : 0);

  const rows: Omit<UnitRankRow, "rank" | "score" | "missing">[] = [
    ...vs.map((v) => {
      const own = stations.filter((s) => villageOf.get(s.id) === v.code);
      const parts: Partial<Record<UnitCriterion, number | null>> = {
        station: own.length ? 1 : 0,
        social_operation: operatorKnown ? share(own, (s) => SOCIAL.has(s.operator)) : null,
        centre_link: share(own, (s) => (links.get(s.id)?.how ?? "none") !== "none"),
        coverage: covered(v.code) ? 1 : 0,
        activities: activities(v.code),
        inspection: inspection(v.code)
      };
      return {code: v.code, name: v.name, kind: v.kind as UnitKind, parts};
    }),
    ...centres.map((c) => {
      const bedsKnown = provided(absent, "facilities", "beds") && provided(absent, "facilities", "nursing_beds");
      const workersKnown = provided(absent, "facilities", "social_workers") && provided(absent, "facilities", "beds");
      const parts: Partial<Record<UnitCriterion, number | null>> = {
        social_operation: operatorKnown ? (SOCIAL.has(c.operator) ? 1 : 0) : null,
        centre_link: stations.length ? share(stations, (s) => links.get(s.id)?.centre_id === c.id) : null,
        nursing: bedsKnown && c.beds > 0 ? Math.min(1, c.nursing_beds / c.beds) : null,
        staffing: workersKnown && c.beds > 0 ? Math.min(1, c.social_workers / (c.beds / 100)) : null,
        activities: activities(c.id),
        inspection: inspection(c.id)
      };
      return {code: c.id, name: c.name, kind: "centre" as UnitKind, parts};
    })
  ];

  const scored: UnitRankRow[] = rows.map((r) => {
    const keys = UNIT_CRITERIA_KEYS.filter((k) => applies(k, r.kind) && (config.weights[k] ?? 0) > 0);
    const parts = Object.fromEntries(UNIT_CRITERIA_KEYS.filter((k) => applies(k, r.kind)).map((k) => [k, r.parts[k] ?? null])) as Partial<Record<UnitCriterion, number | null>>;
    const missing = keys.filter((k) => parts[k] === null || parts[k] === undefined);
    const total = keys.reduce((s, k) => s + (config.weights[k] ?? 0), 0);
    const score = missing.length || !(total > 0) ? null : (100 * keys.reduce((s, k) => s + (config.weights[k] ?? 0) * (parts[k] as number), 0)) / total;
    return {rank: null, code: r.code, name: r.name, kind: r.kind, score, parts, missing};
  });
  scored.sort((a, b) => (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || (b.score ?? 0) - (a.score ?? 0) || a.code.localeCompare(b.code));
  scored.forEach((row, i) => {
    if (row.score === null) return;
    const prev = scored[i - 1];
    row.rank = prev && prev.score !== null && Math.abs(row.score - prev.score) < 1e-9 ? prev.rank : i + 1;
  });
  return scored;
}

/** The criteria shown for a config: those with weight > 0, in catalogue order. */
export function weightedCriteria(config: UnitRankingConfig): UnitCriterion[] {
  return UNIT_CRITERIA_KEYS.filter((k) => (config.weights[k] ?? 0) > 0);
}

/** Criteria whose inputs are the config's records (modelled when `records_modelled`). */
export const RECORDED_CRITERIA: readonly UnitCriterion[] = ["activities", "inspection"];
