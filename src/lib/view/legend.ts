/**
 * Legend entries for the coverage map, built from the same tables as the layers (`map-style.ts`), for the
 * visible layer groups only, in the map's drawing order from the top (what is on top is listed first). The map
 * component draws the swatches; this module decides what they are, so it is testable without a DOM.
 */
import {FACILITY_TYPES, STATUS_LABEL, TIER_LABEL, TIER_OF, TIERS, TYPE_LABEL} from "../facility-types.js";
import {
  ACCESS_NONE_COLOR,
  ACCESS_STEPS,
  COVERED_COLOR,
  HEAT_RAMP,
  LAYER_GROUPS,
  NETWORK_STEPS,
  RING_CLASSES,
  ROAD_COLOR,
  RING_DASH,
  SHARE_STEPS,
  STATUS_FILL,
  TIER_COLOR,
  TIER_SHAPE,
  TYPE_COLOR,
  UNCOVERED_COLOR,
  villageRadius,
  type LayerGroup,
  type Shape
} from "./map-style.js";
import type {FacilityStatus, FacilityType, SettlementClass, Tier} from "../types.js";

/** Legend text of a facility's ring for villages of one settlement class (outline style in map-style RING_DASH). */
export const RING_LABEL: Readonly<Record<SettlementClass, string>> = {
  urban: "对城镇社区的半径（实线）",
  rural: "对农村村庄的半径（虚线）",
  pastoral: "对牧区嘎查/村的半径（点线）"
};

/** What a legend swatch looks like. */
export type Swatch =
  | {kind: "fill"; color: string; opacity: number; outline?: string; dashed?: boolean}
  | {kind: "line"; color: string; width: number; dash?: readonly number[] | null}
  | {kind: "dot"; color: string; radius: number}
  | {kind: "marker"; shape: Shape; color: string; fill: "filled" | "hollow" | "ringed"}
  | {kind: "ramp"; colors: string[]};

export interface LegendItem {
  label: string;
  swatch: Swatch;
}

export interface LegendSection {
  group: LayerGroup;
  title: string;
  items: LegendItem[];
}

export interface LegendOptions {
  /** facility types drawn (after filters); default all */
  types?: readonly FacilityType[];
  /** facility statuses drawn (after filters); default all */
  statuses?: readonly FacilityStatus[];
  /** the tier whose gaps are drawn */
  gapTier?: Tier;
  /** Chinese name of the population measure, e.g. "60岁以上老人" */
  measureLabel?: string;
  /** village weights to show as size examples (default 100, 900, 3600) */
  sizeExamples?: readonly number[];
  /** the bed standard(s) the access layer compares with, e.g. "40 张/千人" */
  accessStandard?: string;
  /** the network layer's tier, mode and threshold, e.g. {tier: "community", mode: "步行", minutes: 15} */
  network?: {tier: Tier; mode: string; minutes: number; areas: boolean};
  /** outline labels from the region's boundary provenance (src/lib/plan/boundary-status.ts); default plain 县界, 乡镇界 */
  outlineLabels?: {county: string; township: string};
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Legend sections for the visible groups (top layer first). */
export function legendSections(visible: ReadonlySet<LayerGroup>, options: LegendOptions = {}): LegendSection[] {
  const types = options.types ?? FACILITY_TYPES;
  const statuses = options.statuses ?? (Object.keys(STATUS_FILL) as FacilityStatus[]);
  const measure = options.measureLabel ?? "60岁以上老人";
  const title = (g: LayerGroup) => LAYER_GROUPS.find((x) => x.id === g)!.label;
  const sections: LegendSection[] = [];
  const add = (group: LayerGroup, items: LegendItem[], heading: string = title(group)) => {
    if (visible.has(group) && items.length) sections.push({group, title: heading, items});
  };
  add(
    "facilities",
    [
      ...FACILITY_TYPES.filter((t) => types.includes(t)).map((t) => ({
        label: `${TYPE_LABEL[t]}（${TIER_LABEL[TIER_OF[t]]}）`,
        swatch: {kind: "marker" as const, shape: TIER_SHAPE[TIER_OF[t]], color: TYPE_COLOR[t], fill: "filled" as const}
      })),
      // status styles, shown on a neutral grey marker
      ...(["filled", "ringed", "hollow"] as const)
        .map((fill) => ({fill, shown: statuses.filter((s) => STATUS_FILL[s] === fill)}))
        .filter((x) => x.shown.length)
        .map(({fill, shown}) => ({
          label: `${shown.map((s) => STATUS_LABEL[s]).join("、")}${fill === "filled" ? "（实心）" : fill === "hollow" ? "（空心）" : "（黑边）"}`,
          swatch: {kind: "marker" as const, shape: "circle" as const, color: "#666666", fill}
        }))
    ]
  );
  add(
    "access",
    [
      ...ACCESS_STEPS.map(([t, color], i) => {
        const next = ACCESS_STEPS[i + 1];
        return {label: next ? `标准的 ${pct(t)}–${pct(next[0])}` : `≥ 标准的 ${pct(t)}`, swatch: {kind: "dot" as const, color, radius: 5}};
      }),
      {label: "床位未提供", swatch: {kind: "dot", color: ACCESS_NONE_COLOR, radius: 5}}
    ],
    `可及床位（E2SFCA，每千名60岁以上老人${options.accessStandard ? `；标准 ${options.accessStandard}` : ""}）`
  );
  if (options.network) {
    const n = options.network;
    const [within, double, beyond, none] = NETWORK_STEPS;
    add(
      "network",
      [
        {label: `${n.minutes} 分钟内（计为覆盖）`, swatch: {kind: "dot", color: within.color, radius: 5}},
        {label: `${n.minutes}–${2 * n.minutes} 分钟`, swatch: {kind: "dot", color: double.color, radius: 5}},
        {label: `${2 * n.minutes} 分钟以上`, swatch: {kind: "dot", color: beyond.color, radius: 5}},
        {label: "路网不可达", swatch: {kind: "dot", color: none.color, radius: 5}},
        ...(n.areas ? [{label: `服务区：设施沿道路${n.mode}${n.minutes}分钟可达的路段`, swatch: {kind: "line" as const, color: TIER_COLOR[n.tier], width: 3}}] : []),
        {label: "道路", swatch: {kind: "line", color: ROAD_COLOR, width: 1}}
      ],
      `路网通行时间（${TIER_LABEL[n.tier]}设施，${n.mode}）`
    );
  }
  add("villages", [
    {label: "已被服务圈覆盖", swatch: {kind: "dot", color: COVERED_COLOR, radius: 5}},
    {label: "未被任何服务圈覆盖", swatch: {kind: "dot", color: UNCOVERED_COLOR, radius: 5}},
    ...(options.sizeExamples ?? [100, 900, 3600]).map((w) => ({label: `${w.toLocaleString("zh-CN")} 人`, swatch: {kind: "dot" as const, color: "#888888", radius: villageRadius(w)}}))
  ], `村/社区（大小：${measure}）`);
  add("outlines", [
    {label: options.outlineLabels?.county ?? "县界", swatch: {kind: "line", color: "#222", width: 2}},
    {label: options.outlineLabels?.township ?? "乡镇界", swatch: {kind: "line", color: "#555", width: 0.8}}
  ]);
  add(
    "circles",
    [
      ...TIERS.map((t) => ({label: `${TIER_LABEL[t]}设施服务半径`, swatch: {kind: "fill" as const, color: TIER_COLOR[t], opacity: 0.12, outline: TIER_COLOR[t]}})),
      ...RING_CLASSES.map((c) => ({label: RING_LABEL[c], swatch: {kind: "line" as const, color: "#555555", width: 1.2, dash: RING_DASH[c]}}))
    ],
    "服务半径圈（按村/社区自身城乡类别，一类一圈；放大到县区时显示）"
  );
  add("gaps", [{label: `${options.gapTier ? TIER_LABEL[options.gapTier] : ""}服务圈之外的区域（按各村/社区城乡类别的半径）`, swatch: {kind: "fill", color: UNCOVERED_COLOR, opacity: 0.25, outline: UNCOVERED_COLOR, dashed: true}}]);
  add("heatmap", [{label: `${measure}密度（低 → 高）`, swatch: {kind: "ramp", colors: HEAT_RAMP.slice(1).map(([, c]) => c)}}]);
  add(
    "choropleth",
    SHARE_STEPS.map(([t, color], i) => {
      const next = SHARE_STEPS[i + 1];
      return {label: next ? `${pct(t)}–${pct(next[0])}` : `≥ ${pct(t)}`, swatch: {kind: "fill" as const, color, opacity: 0.45}};
    }),
    `乡镇覆盖率（${measure}）`
  );
  return sections;
}
