// The explorer's panels around the map: each takes the model (src/lib/view/explorer-model.ts) or its derived figures and
// callbacks, and returns an element. They hold no state of their own; the explorer re-renders them after each
// change. All text from data is set as text (dom.ts `h`), never as markup.
import {capacityText} from "../lib/engine/capacity.js";
import {FACILITY_TYPES, OPERATOR_LABEL, SETTLEMENT_LABEL, STATUS_LABEL, TIER_LABEL, TIERS, TYPE_LABEL} from "../lib/facility-types.js";
import {comparatorText, formatDate, formatDistance, formatFigure, formatInt, formatPercent, formatValue, NO_DATA, NOT_PROVIDED} from "../lib/view/format.js";
import {FACILITY_STATUSES, TABLE_LIMIT, type Derived, type ExplorerModel, type Filters, type LightRow, type Selection, type TableRow} from "../lib/view/explorer-model.js";
import type {JudgedTarget} from "../lib/plan/milestones.js";
import {SETTLEMENTS} from "../lib/engine/radii.js";
import {MEASURE_NAME} from "../lib/view/scenario-results.js";
import {CAPACITY_FIELDS, type CapacityFields, type ScenarioOp} from "../lib/engine/scenario.js";
import type {Light} from "../lib/plan/targets.js";
import type {Facility, FacilityStatus, FacilityType, Operator, SettlementClass} from "../lib/types.js";
import type {Feature} from "geojson";
import {h} from "./dom.js";
import {ShareLegendList, TownshipMap} from "./static-map.js";
import {LIGHT_LABEL, LightDot} from "./kpi.js";

const LIGHTS: readonly Light[] = ["green", "amber", "red", "grey"];
const signed = (n: number) => `${n > 0 ? "+" : ""}${formatInt(n)}`;

/** "2023年底" for a year-end, the date otherwise. */
export function dateLabel(date: string, dataDate: string): string {
  if (date === dataDate) return `数据日期 ${formatDate(date)}`;
  return date.endsWith("-12-31") ? `${date.slice(0, 4)}年底` : formatDate(date);
}

/** The year control: the data date and every year-end of the timeline; another date is a read-only view. */
export function YearControl(model: ExplorerModel, onChange: (date: string) => void): HTMLLabelElement {
  const text = (d: string) => (d === model.dataDate ? "现状" : d.endsWith("-12-31") ? `${d.slice(0, 4)}年底${d > model.dataDate ? "(计划)" : ""}` : formatDate(d));
  const select = h("select", {id: "cc-ex-date", "aria-label": "查看哪一日的网络"}, ...model.dates.map((d) => h("option", {value: d, text: text(d)})));
  select.value = model.current.date;
  select.addEventListener("change", () => onChange(select.value));
  return h("label", {title: `现状 = 数据日期 ${formatDate(model.dataDate)}。之前的年份按记录的设施开业日期；之后按计划建成的设施（含本方案的修改）与人口预测。其他年份只读。`}, "时点 ", select);
}

/** The KPI panel: people covered by any tier and per tier, each against the original data of the same measure, and the last edit's answer. */
export function KpiPanel(model: ExplorerModel, d: Derived): HTMLElement {
  const s = model.current;
  const c = d.kpi.count;
  const answer = model.answer;
  const kpi = h("section", {class: "cc-ex-kpi", id: "cc-ex-kpi", "aria-label": "覆盖指标"});
  Object.assign(kpi.dataset, {
    county: s.scope ?? "*",
    measure: s.measure,
    covered: String(c.covered),
    total: String(c.total),
    uncovered: String(c.uncovered),
    ops: String(model.session.ops.length),
    delta: String(d.kpi.delta),
    canUndo: String(model.session.canUndo),
    date: s.date
  });
  // on another date the figures are compared with today's original data (现状)
  const base = d.readOnly ? "现状" : "原始数据";
  const deltaText = d.kpi.delta === 0 ? `与${base}相同` : `较${base} ${signed(d.kpi.delta)} 人（任一层级）`;
  const when = d.readOnly ? h("p", {class: "cc-ex-asof", id: "cc-ex-asof"}, `${dateLabel(s.date, model.dataDate)}的网络${d.projected ? "（按计划建成，老年人口按预测规则外推）" : "（按记录的开业日期）"}：只读，修改请切回数据日期。`) : null;
  kpi.append(
    h("h2", {}, `${model.unitName()} · ${MEASURE_NAME[s.measure]}`),
    ...(when ? [when] : []),
    h(
      "div",
      {class: "cc-ex-kpi-grid"},
      h("div", {class: "cc-ex-big"}, h("span", {class: "cc-ex-big-label"}, "服务圈覆盖"), h("span", {class: "cc-ex-big-value", id: "cc-ex-covered"}, `${formatInt(c.covered)} 人`), h("span", {class: "cc-ex-big-sub"}, `${c.share === null ? "—" : formatPercent(c.share)} · ${deltaText}`)),
      h("div", {class: "cc-ex-big"}, h("span", {class: "cc-ex-big-label"}, "未覆盖"), h("span", {class: "cc-ex-big-value cc-ex-red", id: "cc-ex-uncovered"}, `${formatInt(c.uncovered)} 人`), h("span", {class: "cc-ex-big-sub"}, `共 ${formatInt(c.total)} 人`))
    ),
    h("p", {class: "cc-ex-answer", id: "cc-ex-answer", "data-delta": answer ? String(answer.delta) : "", "data-zero": answer?.zeroReason ? "1" : "0"}, answer ? answer.text : model.session.ops.length ? "" : "在地图上新增、拖动或删除设施、修改半径或容量，这里显示每次修改的变化。"),
    AccessLine(d),
    ...(d.network ? [NetworkLine(d, d.network)] : []),
    h(
      "table",
      {class: "cc-ex-tiers"},
      h("caption", {class: "cc-ex-sr"}, "各层级服务圈覆盖"),
      ...d.kpi.tiers.map((t) => {
        const bar = h("span", {class: "cc-ex-bar"}, h("span", {class: `cc-ex-bar-fill cc-ex-tier-${t.tier}`, style: `width:${(t.share * 100).toFixed(1)}%`}));
        // the tier's own change since the data: what the siting page calls 新增覆盖 for a plan of this tier
        return h(
          "tr",
          {"data-tier": t.tier, "data-covered": t.covered, "data-delta": t.delta},
          h("th", {scope: "row"}, TIER_LABEL[t.tier]),
          h("td", {}, bar),
          h("td", {class: "cc-ex-num"}, formatPercent(t.share)),
          h("td", {class: "cc-ex-num"}, `${formatInt(t.covered)} 人`),
          h("td", {class: `cc-ex-num cc-ex-tier-delta${t.delta < 0 ? " cc-ex-neg" : ""}`, title: `较${base}`}, t.delta === 0 ? "" : signed(t.delta))
        );
      })
    )
  );
  return kpi;
}

/** One line under the KPI: accessible beds (E2SFCA) of the unit's older people, and its change since the original data. */
function AccessLine(d: Derived): HTMLElement {
  const {unit, baseline} = d.access;
  const p = h("p", {class: "cc-ex-access", id: "cc-ex-access", "data-mean": unit.mean ?? "", "data-below": unit.belowShare ?? "", title: "两步移动搜索法增强型（E2SFCA，Luo & Qi 2009）：各村可及的床位按距离衰减、并按服务半径内的老人分摊；见地图图层“可及床位”和县区报告。"});
  if (unit.mean === null || unit.belowShare === null) {
    p.append(`可及床位（E2SFCA）：${NOT_PROVIDED}`);
    return p;
  }
  const change = baseline.mean !== null && Math.abs(unit.mean - baseline.mean) >= 0.05 ? `（较${d.readOnly ? "现状" : "原始数据"} ${unit.mean > baseline.mean ? "+" : "−"}${Math.abs(unit.mean - baseline.mean).toFixed(1)}）` : "";
  p.append(`可及床位（E2SFCA）：平均 ${unit.mean.toFixed(1)} 张/千名老人${change} · 低于标准的老人 ${formatPercent(unit.belowShare)}`);
  return p;
}

/** One line under the KPI (regions with roads): the shown tier's coverage over the road network, and its change since the original data. */
function NetworkLine(d: Derived, n: NonNullable<Derived["network"]>): HTMLElement {
  const {unit, baseline} = n;
  const p = h("p", {class: "cc-ex-access", id: "cc-ex-network", "data-tier": n.tier, "data-covered": unit.covered, "data-total": unit.total, "data-share": unit.share ?? "", title: "路网通行时间：村/社区与设施各自接入最近道路，沿道路按各等级车速或步行速度计算最快到达时间（见 docs/access.md）；与直线服务半径是两种口径。"});
  const head = `路网通行 · ${TIER_LABEL[n.tier]}（${n.modeLabel}${n.threshold_min}分钟内）`;
  if (unit.share === null) {
    p.append(`${head}：—`);
    return p;
  }
  const diff = baseline.share === null ? 0 : unit.share - baseline.share;
  const change = Math.abs(diff) >= 0.0005 ? `（较${d.readOnly ? "现状" : "原始数据"} ${diff > 0 ? "+" : "−"}${(Math.abs(diff) * 100).toFixed(1)} 个百分点）` : "";
  const mean = unit.meanMinutes === null ? "" : ` · 平均 ${unit.meanMinutes.toFixed(1)} 分钟`;
  const none = unit.unreachable > 0 ? ` · 路网不可达 ${formatInt(unit.unreachable)} 人` : "";
  p.append(`${head}：覆盖 ${formatPercent(unit.share)}${change}${mean}${none}`);
  return p;
}

/** Most counties shown as small multiples over the map in the whole-region view (more get the map alone). */
export const MULTIPLES_MAX = 24;

/**
 * The whole-region view as small multiples: one small map per county, its townships coloured by the covered share
 * of the measure shown under the current scenario (the explorer's choropleth figures), each opening its county.
 * Counties lie far apart; on one map they are specks.
 */
export function CountyMultiples(model: ExplorerModel, d: Derived, on: {open: (code: string) => void; close: () => void}): HTMLElement {
  const b = model.boundaries;
  const measure = MEASURE_NAME[model.current.measure];
  const hide = h("button", {type: "button", id: "cc-ex-multiples-close", text: "改为在地图上查看全部县区"});
  hide.addEventListener("click", on.close);
  const cards = model.region.counties.map((c) => {
    const county = b.counties.features.filter((f) => f.properties.code === c.code) as Feature[];
    const townships = b.townships.features.filter((f) => f.properties.county_code === c.code) as Feature[];
    const row = d.counties.find((r) => r.code === c.code);
    const button = h("button", {type: "button", class: "cc-ex-multiple", "data-county": c.code, "aria-label": `查看${c.name}`});
    button.append(
      h("span", {class: "cc-ex-multiple-name"}, c.name),
      county.length ? TownshipMap(county, townships, {values: d.townshipShare, width: 190, height: 140, label: `服务圈覆盖率（${measure}）`}) : h("span", {class: "cc-ex-hint"}, "无边界"),
      h("span", {class: "cc-ex-multiple-figure"}, `覆盖 ${row?.share === null || row?.share === undefined ? "—" : formatPercent(row.share)} · 未覆盖 ${formatInt(row?.uncovered ?? 0)} 人`)
    );
    button.addEventListener("click", () => on.open(c.code));
    return button;
  });
  return h(
    "div",
    {class: "cc-ex-multiples", id: "cc-ex-multiples", "data-counties": cards.length},
    h("div", {class: "cc-ex-multiples-head"}, h("strong", {}, `${model.unitName()}：各县区服务圈覆盖率（${measure}${d.readOnly ? `，${dateLabel(model.current.date, model.dataDate)}` : ""}）`), hide),
    h("div", {class: "cc-ex-multiples-grid"}, ...cards),
    ShareLegendList(`乡镇服务圈覆盖率（${measure}）`)
  );
}

/** The whole-region county list: covered share, uncovered people and county-level lights per county, each opening its county. */
export function CountyList(d: Derived, open: (code: string) => void): HTMLElement {
  const section = h("section", {class: "cc-ex-counties", id: "cc-ex-counties", "aria-label": "各县区"});
  section.hidden = d.counties.length === 0;
  if (section.hidden) return section;
  const rows = d.counties.map((c) => {
    const button = h("button", {type: "button", "data-county": c.code, text: "查看"});
    button.addEventListener("click", () => open(c.code));
    const lightsCell = h("td", {class: "cc-ex-num"});
    for (const l of LIGHTS) if (c.lights[l]) lightsCell.append(h("span", {class: "cc-ex-county-light", title: `县级目标${LIGHT_LABEL[l]} ${c.lights[l]} 项`}, LightDot(l), String(c.lights[l])));
    return h("tr", {"data-county": c.code}, h("th", {scope: "row"}, c.name), h("td", {class: "cc-ex-num"}, c.share === null ? "—" : formatPercent(c.share)), h("td", {class: "cc-ex-num"}, `${formatInt(c.uncovered)} 人`), lightsCell, h("td", {}, button));
  });
  section.append(
    h("h3", {}, "各县区"),
    h("p", {class: "cc-ex-hint"}, "各县区相距较远，全部地区视图只作总体比较；选择一个县区查看乡镇、村/社区和设施，并在地图上修改。"),
    h(
      "table",
      {class: "cc-ex-county-table"},
      h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "县区"), h("th", {scope: "col", class: "cc-ex-num"}, "覆盖率"), h("th", {scope: "col", class: "cc-ex-num"}, "未覆盖"), h("th", {scope: "col", class: "cc-ex-num"}, "县级亮灯"), h("td", {}))),
      h("tbody", {}, ...rows)
    )
  );
  return section;
}

/** Target lights of the unit: county-level ones tallied as the overview tallies them, township-level ones apart, each with what it was before the edits. */
export function LightsPanel(model: ExplorerModel, d: Derived): HTMLElement {
  const scope = model.current.scope;
  const tally = (list: readonly JudgedTarget[], scopeName: "county" | "township") =>
    h(
      "span",
      {class: "cc-tally", "data-scope": scopeName},
      ...LIGHTS.filter((l) => l !== "grey" || list.some((s) => s.status === "grey")).map((l) => {
        const n = list.filter((s) => s.status === l).length;
        return h("span", {class: "cc-tally-part", "data-light": l, "data-count": n}, LightDot(l), `${LIGHT_LABEL[l]} ${n}`);
      })
    );
  const row = ({target: s, was}: LightRow) =>
    h(
      "li",
      {"data-target": s.target_id, "data-code": s.code, "data-light": s.status, title: `目标：${comparatorText(s.comparator)} ${formatValue(s.threshold, s.unit)}，${formatDate(s.deadline)}前\n来源：${s.source}\n判定：${s.reason}`},
      LightDot(s.status),
      h("span", {class: "cc-ex-light-label"}, `${scope === null || s.scope === "township" ? `${s.name} · ` : ""}${s.role === "reference" ? "［参考标准］" : ""}${s.label}（${s.deadline.slice(0, 4)}年）`),
      // a passed deadline is judged on the value then; the reason says both ("2023年底 41.7%，未达标；现 58.3%")
      h("span", {class: "cc-ex-num"}, `${s.status === "grey" ? NO_DATA : formatValue(s.basis === "deadline" ? s.value_at_deadline : s.value, s.unit)} / ${comparatorText(s.comparator)}${formatValue(s.threshold, s.unit)}`),
      s.basis === "deadline" && s.status !== "grey" ? h("span", {class: "cc-ex-light-reason"}, s.reason) : null,
      was ? h("span", {class: "cc-ex-changed", text: `原为${LIGHT_LABEL[was]}`}) : null
    );
  const {county, township, countyOwn, countyReferences} = d.lights;
  const any = county.length + township.length > 0;
  const date = model.current.date;
  const parts: (Node | null)[] = [
    !any ? null : h("p", {class: "cc-ex-tally-line"}, h("span", {class: "cc-ex-tally-scope"}, "县级："), tally(countyOwn, "county"), countyReferences ? h("span", {class: "cc-ex-tally-reference"}, `；参考标准另计 ${countyReferences} 项`) : null, township.length ? h("span", {class: "cc-ex-tally-township"}, `；乡镇级 ${township.length} 项`) : null),
    h("p", {class: "cc-ex-hint"}, `${dateLabel(date, model.dataDate)}：期限已过的目标按期限当日的设施判定（修改不改变过去），未到期的按${d.readOnly ? "该日" : "修改后"}的现值加计划建成的设施判定；覆盖率目标按60岁以上老人计。`),
    county.length ? h("ul", {class: "cc-ex-lightlist"}, ...county.map(row)) : null,
    township.length ? h("details", {}, h("summary", {}, `乡镇级目标 ${township.length} 项：`, tally(township.map((r) => r.target), "township")), h("ul", {class: "cc-ex-lightlist"}, ...township.map(row))) : null,
    !any ? h("p", {class: "cc-ex-hint"}, "该范围没有设定目标。") : null
  ];
  return h("section", {class: "cc-ex-lights", "aria-label": "目标亮灯"}, h("h3", {}, "目标亮灯"), ...parts.filter((x): x is Node => x !== null));
}

/** The radius a facility serves with, as the engine counts: per settlement class of the villages it reaches. */
export function radiusText(model: ExplorerModel, f: Facility): string {
  const radii = model.session.engine.radii();
  const r = radii[f.type];
  const counts = model.reach.reach(f, radii);
  const classes = SETTLEMENTS.filter((c) => (counts[c] ?? 0) > 0);
  const own = model.settlementOf(f);
  if (classes.length === 0) return `${SETTLEMENT_LABEL[own]} ${formatDistance(r[own])}（新服务圈内没有村社区）`;
  return classes.map((c) => `${SETTLEMENT_LABEL[c]} ${formatDistance(r[c])}（${formatInt(counts[c] ?? 0)} 个村/社区）`).join(" · ");
}

function dl(rows: [string, string][]): HTMLDListElement {
  return h("dl", {class: "cc-ex-dl"}, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export interface DetailsHandlers {
  edit: (op: ScenarioOp, select: string | null) => void;
  addAt: (lngLat: [number, number]) => void;
}

/** Details of the selected facility (with move, remove and capacity), village or township. */
export function DetailsPanel(model: ExplorerModel, d: Derived, on: DetailsHandlers): HTMLElement {
  const details = h("section", {class: "cc-ex-details", id: "cc-ex-details", "aria-live": "polite", "aria-label": "选中对象详情"}, h("h3", {}, "详情"));
  const selected = model.current.selected;
  const has = (file: "facilities" | "villages", field: string) => model.has(file, field);
  if (!selected) {
    details.append(h("p", {class: "cc-ex-hint"}, "点击地图上的设施、村/社区或乡镇，或在下方“查找”表中选择，查看详情。拖动设施可移动它；选择类型后点击“在地图上点击添加”可新增设施。"));
    return details;
  }
  details.dataset.kind = selected.kind;
  details.dataset.id = selected.id;
  if (selected.kind === "facility") {
    const f = d.view.facilities.find((x) => x.id === selected.id) ?? model.facility(selected.id);
    if (!f) {
      details.append(h("p", {class: "cc-ex-hint"}, "该设施已删除。"));
      return details;
    }
    const t = model.townshipByCode.get(f.township_code);
    const counted = model.session.statuses.includes(f.status);
    details.append(
      h("p", {class: "cc-ex-name", id: "cc-ex-detail-name"}, f.name),
      dl([
        ["类型", `${TYPE_LABEL[f.type]}（${TIER_LABEL[f.tier]}）`],
        ["状态", STATUS_LABEL[f.status] + (counted ? "" : "（不计入覆盖）") + (d.readOnly ? `（${dateLabel(model.current.date, model.dataDate)}）` : "")],
        ["所在乡镇", t ? `${t.name}（${SETTLEMENT_LABEL[t.settlement]}）` : "—"],
        ["服务半径（按村/社区类别）", radiusText(model, f)],
        ["床位 / 护理型", `${formatFigure(f.beds, has("facilities", "beds"))} / ${formatFigure(f.nursing_beds, has("facilities", "nursing_beds"))}`],
        ["助餐座位", formatFigure(f.meal_seats, has("facilities", "meal_seats"))],
        ["运营方式", OPERATOR_LABEL[f.operator] ?? f.operator],
        ["开业 / 预计建成", [f.opened ? formatDate(f.opened) : "—", f.expected_completion ? formatDate(f.expected_completion) : "—"].join(" / ")],
        ["编号", f.id],
        ["来源", f.id.startsWith("WI-") ? "方案新增" : f.modelled.length ? "数据（位置等为模拟值）" : "数据"]
      ])
    );
    if (d.readOnly) return details;
    const lng = h("input", {type: "number", step: 0.0001, id: "cc-ex-move-lng", value: f.lng.toFixed(5), size: 9});
    const lat = h("input", {type: "number", step: 0.0001, id: "cc-ex-move-lat", value: f.lat.toFixed(5), size: 8});
    const move = h("button", {type: "button", id: "cc-ex-move", text: "移动到此坐标"});
    move.addEventListener("click", () => {
      const x = Number(lng.value), y = Number(lat.value);
      if (Number.isFinite(x) && Number.isFinite(y)) on.edit(model.moveOp(f.id, x, y), f.id);
    });
    const remove = h("button", {type: "button", id: "cc-ex-remove", class: "cc-ex-danger", text: "删除此设施"});
    remove.addEventListener("click", () => on.edit({op: "remove", id: f.id}, null));
    details.append(h("div", {class: "cc-ex-actions"}, h("label", {}, "经度 ", lng), h("label", {}, "纬度 ", lat), move, remove), CapacityForm(model, f, on.edit));
  } else if (selected.kind === "village") {
    const i = model.villageIndex.get(selected.id);
    if (i === undefined) return details;
    const v = d.view.villages[i];
    const cov = d.view.coverage;
    const addType = model.current.addType;
    details.append(
      h("p", {class: "cc-ex-name"}, v.name),
      dl([
        ["类别", `${v.kind === "community" ? "社区" : "村"} · ${SETTLEMENT_LABEL[v.settlement]}`],
        ["所在乡镇", model.townshipByCode.get(v.township_code)?.name ?? "—"],
        ["半径口径", `按本${v.kind === "community" ? "社区" : "村"}的城乡类别（${SETTLEMENT_LABEL[v.settlement]}）`],
        [`60 / 65 / 80岁以上${d.projected ? "（预测）" : ""}`, `${formatInt(v.pop60)} / ${formatFigure(v.pop65, has("villages", "pop65"))} / ${formatFigure(v.pop80, has("villages", "pop80"))} 人`],
        ["失能半失能", has("villages", "disabled") ? `${formatInt(v.disabled)} 人` : NOT_PROVIDED],
        ...TIERS.map((t): [string, string] => [
          `${TIER_LABEL[t]}设施`,
          cov.tiers[t].count[i] > 0 ? `覆盖（${cov.tiers[t].count[i]} 处），最近 ${formatDistance(cov.tiers[t].nearestDist[i])}` : `未覆盖，最近 ${formatDistance(cov.tiers[t].nearestDist[i])}`
        ])
      ])
    );
    if (!d.readOnly) {
      const here = h("button", {type: "button", id: "cc-ex-add-here", text: `在此新增${TYPE_LABEL[addType]}`});
      here.addEventListener("click", () => on.addAt([v.lng, v.lat]));
      details.append(h("div", {class: "cc-ex-actions"}, here));
    }
  } else {
    const row = d.view.metrics.townships.find((t) => t.code === selected.id);
    const t = model.townshipByCode.get(selected.id);
    if (!row || !t) {
      details.append(h("p", {class: "cc-ex-hint"}, "该乡镇不在当前县区：请切换县区查看。"));
      return details;
    }
    details.append(
      h("p", {class: "cc-ex-name"}, t.name),
      dl([
        ["城乡类别", SETTLEMENT_LABEL[t.settlement]],
        ["面积", `${formatInt(t.area_km2)} km²`],
        ["60岁以上老人", `${formatInt(row.pop60)} 人`],
        ["服务圈覆盖", `${formatPercent(row.covered_any_share ?? NaN)}（未覆盖 ${formatInt(row.uncovered)} 人）`],
        ...TIERS.map((tier): [string, string] => [`${TIER_LABEL[tier]}覆盖`, formatPercent(row.covered_share[tier] ?? NaN)]),
        ["设施数", `${formatInt(row.facilities)} 个`],
        ["床位", row.beds === null ? NOT_PROVIDED : `${formatInt(row.beds)} 张`]
      ])
    );
  }
  return details;
}

/** Inputs for a facility's beds, nursing beds, meal seats, floor area and social workers; saving records a capacity op. */
function CapacityForm(model: ExplorerModel, f: Facility, edit: DetailsHandlers["edit"]): HTMLElement {
  const label: Record<(typeof CAPACITY_FIELDS)[number], string> = {beds: "床位", nursing_beds: "护理型床位", meal_seats: "助餐座位", area_m2: "建筑面积 m²", social_workers: "社工（人）"};
  const inputs = CAPACITY_FIELDS.map((k) => [k, h("input", {type: "number", min: 0, step: 1, id: `cc-ex-cap-${k}`, "data-field": k, value: String(f[k] ?? 0), size: 6})] as const);
  const save = h("button", {type: "button", id: "cc-ex-cap-save", text: "保存容量"});
  const note = h("p", {class: "cc-ex-hint", id: "cc-ex-cap-note"});
  save.addEventListener("click", () => {
    const fields: CapacityFields = {};
    for (const [k, input] of inputs) {
      const n = Number(input.value);
      if (input.value.trim() === "" || !Number.isFinite(n) || n < 0) {
        note.textContent = `${label[k]}“${input.value}”无效：应为不小于 0 的数字。`;
        return;
      }
      if (Math.round(n) !== f[k]) fields[k] = Math.round(n);
    }
    const beds = fields.beds ?? f.beds, nursing = fields.nursing_beds ?? f.nursing_beds;
    if (nursing > beds) {
      note.textContent = `护理型床位（${nursing}）不能多于床位（${beds}）。`;
      return;
    }
    if (Object.keys(fields).length === 0) {
      note.textContent = "容量未改变。";
      return;
    }
    edit({op: "capacity", id: f.id, fields}, f.id);
  });
  note.textContent = f.id.startsWith("WI-") ? `新增设施的默认容量：${model.capacity[f.type].source}` : "修改容量只影响床位、护理型床位占比、助餐座位、面积和社工等指标，不改变服务圈。";
  return h("fieldset", {class: "cc-ex-capacity"}, h("legend", {}, "容量（模拟）"), ...inputs.map(([k, input]) => h("label", {}, `${label[k]} `, input)), save, note);
}

/** The radius table: one input per facility type and settlement class; a change is a radius op. */
export function RadiusTable(model: ExplorerModel, edit: (op: ScenarioOp) => void): HTMLElement {
  const radii = model.session.engine.radii();
  const base = model.region.config.radii;
  const table = h(
    "table",
    {class: "cc-ex-radii"},
    h("caption", {}, "服务半径（米）：每类设施按所服务村/社区的城乡类别设定"),
    h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "设施类型"), ...SETTLEMENTS.map((s) => h("th", {scope: "col"}, SETTLEMENT_LABEL[s])))),
    h(
      "tbody",
      {},
      ...FACILITY_TYPES.map((type) =>
        h(
          "tr",
          {},
          h("th", {scope: "row", title: TYPE_LABEL[type]}, TYPE_LABEL[type]),
          ...SETTLEMENTS.map((s: SettlementClass) => {
            const input = h("input", {type: "number", min: 50, max: 500000, step: 50, value: radii[type][s], "aria-label": `${TYPE_LABEL[type]} · ${SETTLEMENT_LABEL[s]} 半径（米）`, "data-type": type, "data-settlement": s});
            const d = model.radiusDefaults[type]?.[s];
            input.title = `数据设定 ${formatInt(base[type][s])} 米；默认 ${d ? `${formatInt(d.metres)} 米，依据：${d.source}` : "—"}`;
            if (radii[type][s] !== base[type][s]) input.classList.add("cc-ex-changed-input");
            input.disabled = model.current.date !== model.dataDate;
            input.addEventListener("change", () => {
              const m = Number(input.value);
              if (!Number.isFinite(m) || m <= 0 || m > 500000) {
                input.value = String(model.session.engine.radii()[type][s]);
                return;
              }
              edit({op: "radius", type, settlement: s, metres: m});
            });
            return h("td", {}, input);
          })
        )
      )
    )
  );
  return h("section", {class: "cc-ex-card"}, h("h3", {}, "服务半径"), table, h("p", {class: "cc-ex-hint"}, "悬停输入框可见默认值及其依据（城镇步行圈依据 GB 50180-2018，农村、牧区为规划假设）。修改后立即重算，并记入方案。"));
}

export interface FilterHandlers {
  /** display filters changed */
  filters: (patch: Partial<Filters>) => void;
  /** counted statuses changed (a coverage change, not recorded in the scenario) */
  counted: (statuses: FacilityStatus[]) => void;
}

/** Filters: what the map shows (type, status, operator, beds, villages by coverage and township share) and which statuses are counted. */
export function FilterPanel(model: ExplorerModel, on: FilterHandlers): HTMLElement {
  const f = model.current.filters;
  const group = <T extends string>(legend: string, name: string, values: readonly T[], labels: Readonly<Record<T, string>>, checked: (v: T) => boolean, changed: (on: T[]) => void) => {
    const boxes = values.map((v) => {
      const box = h("input", {type: "checkbox", name, value: v});
      box.checked = checked(v);
      return box;
    });
    for (const box of boxes) box.addEventListener("change", () => changed(boxes.filter((b) => b.checked).map((b) => b.value as T)));
    return h("fieldset", {class: "cc-ex-fieldset"}, h("legend", {}, legend), ...boxes.map((box, i) => h("label", {class: "cc-ex-check"}, box, ` ${labels[values[i]]}`)));
  };
  const operators = [...new Set(model.region.facilities.map((x) => x.operator))].sort() as Operator[];
  const minBeds = h("input", {type: "number", min: 0, step: 1, id: "cc-ex-min-beds", value: f.minBeds === null ? "" : String(f.minBeds), placeholder: "不限", size: 5});
  minBeds.disabled = !model.has("facilities", "beds");
  minBeds.addEventListener("change", () => {
    const n = Number(minBeds.value);
    on.filters({minBeds: minBeds.value.trim() === "" || !Number.isFinite(n) || n < 0 ? null : n});
  });
  const coverage = h("select", {id: "cc-ex-village-coverage"}, h("option", {value: "all", text: "全部"}), h("option", {value: "uncovered", text: "仅未覆盖"}), h("option", {value: "covered", text: "仅已覆盖"}));
  coverage.value = f.villageCoverage;
  coverage.addEventListener("change", () => on.filters({villageCoverage: coverage.value as Filters["villageCoverage"]}));
  const share = h("input", {type: "number", min: 0, max: 100, step: 5, id: "cc-ex-max-share", value: f.maxTownshipShare === null ? "" : String(Math.round(f.maxTownshipShare * 100)), placeholder: "不限", size: 4});
  share.addEventListener("change", () => {
    const n = Number(share.value);
    on.filters({maxTownshipShare: share.value.trim() === "" || !Number.isFinite(n) ? null : Math.min(100, Math.max(0, n)) / 100});
  });
  const counted = new Set(model.session.statuses);
  return h(
    "section",
    {class: "cc-ex-card", id: "cc-ex-filters"},
    h("h3", {}, "筛选"),
    group("地图显示的设施类型", "cc-ex-type", FACILITY_TYPES, TYPE_LABEL, (v) => f.types.has(v), (vs) => on.filters({types: new Set<FacilityType>(vs)})),
    group("地图显示的设施状态", "cc-ex-status", FACILITY_STATUSES, STATUS_LABEL, (v) => f.statuses.has(v), (vs) => on.filters({statuses: new Set<FacilityStatus>(vs)})),
    group("运营方式", "cc-ex-operator", operators, OPERATOR_LABEL as Record<Operator, string>, (v) => f.operators === null || f.operators.has(v), (vs) => on.filters({operators: vs.length === operators.length ? null : new Set<Operator>(vs)})),
    h("p", {class: "cc-ex-filter-row"}, h("label", {}, "床位不少于 ", minBeds, " 张"), minBeds.disabled ? h("span", {class: "cc-ex-hint"}, `（床位${NOT_PROVIDED}）`) : null),
    h("p", {class: "cc-ex-filter-row"}, h("label", {}, "村/社区 ", coverage), h("label", {}, "所在乡镇覆盖率低于 ", share, " %")),
    h("p", {class: "cc-ex-hint"}, "以上筛选只影响地图和查找表的显示，不影响覆盖计算。"),
    group("计入覆盖计算的设施状态", "cc-ex-counted", FACILITY_STATUSES, STATUS_LABEL, (v) => counted.has(v), (vs) => on.counted(vs)),
    h("p", {class: "cc-ex-hint"}, `默认为${model.serving.map((s) => STATUS_LABEL[s]).join("、")}；勾选在建、规划可看远期情景（此项不记入方案，原始数据基线随之改变）。`)
  );
}

/** The searchable table of the unit's facilities and villages (after the filters); a row selects its object on the map. */
export function FindTable(model: ExplorerModel, d: Derived, on: {query: (q: string) => void; pick: (s: Selection, lngLat: [number, number]) => void}): HTMLElement {
  const input = h("input", {type: "search", id: "cc-ex-find", placeholder: "名称或编号", value: model.current.query, size: 16, "aria-label": "查找设施或村/社区"});
  input.addEventListener("input", () => on.query(input.value));
  const sel = model.current.selected;
  const measure = MEASURE_NAME[model.current.measure];
  const bedsShown = model.has("facilities", "beds");
  const row = (r: TableRow) => {
    const tr = h(
      "tr",
      {"data-kind": r.kind, "data-id": r.id, tabindex: 0, class: sel && sel.id === r.id && sel.kind === r.kind ? "cc-ex-row-selected" : undefined, "aria-selected": sel && sel.id === r.id && sel.kind === r.kind ? "true" : undefined},
      h("td", {}, r.kind === "facility" ? "设施" : "村/社区"),
      h("th", {scope: "row"}, r.name),
      h("td", {}, r.what),
      h("td", {}, r.township),
      h("td", {class: "cc-ex-num"}, r.kind === "facility" ? (r.figure === null ? (bedsShown ? "—" : NOT_PROVIDED) : `${formatInt(r.figure)} 床`) : `${formatInt(r.figure ?? 0)} 人`),
      h("td", {}, r.kind === "facility" ? (r.covered ? "计入" : "不计入") : r.covered ? "已覆盖" : "未覆盖")
    );
    const pick = () => on.pick({kind: r.kind, id: r.id}, [r.lng, r.lat]);
    tr.addEventListener("click", pick);
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    });
    return tr;
  };
  const {rows, matched} = d.table;
  return h(
    "section",
    {class: "cc-ex-card cc-ex-find", id: "cc-ex-findbox", "data-rows": rows.length, "data-matched": matched},
    h("h3", {}, "查找"),
    h("p", {class: "cc-ex-filter-row"}, input, h("span", {class: "cc-ex-hint", id: "cc-ex-find-count"}, matched > rows.length ? `共 ${formatInt(matched)} 项，显示前 ${TABLE_LIMIT} 项` : `共 ${formatInt(matched)} 项`)),
    h(
      "div",
      {class: "cc-ex-find-scroll"},
      h(
        "table",
        {class: "cc-ex-find-table"},
        h("caption", {class: "cc-ex-sr"}, "当前县区的设施与村/社区（按筛选）"),
        h("thead", {}, h("tr", {}, ...["", "名称", "类型", "乡镇", `床位 / ${measure}`, "覆盖"].map((x) => h("th", {scope: "col"}, x)))),
        h("tbody", {}, ...rows.map(row))
      )
    )
  );
}

/** The scenario's steps in words, and the last recompute time. */
export function EditList(model: ExplorerModel): HTMLElement {
  const session = model.session;
  const last = model.timings.at(-1);
  const name = (id: string) => session.facility(id)?.name ?? model.region.facilities.find((f) => f.id === id)?.name ?? id;
  const opText = (op: ScenarioOp): string => {
    switch (op.op) {
      case "add":
        return `新增 ${TYPE_LABEL[op.facility.type]}「${op.facility.name}」`;
      case "move":
        return `移动「${name(op.id)}」${op.place ? `至${model.townshipByCode.get(op.place.township_code)?.name ?? op.place.township_code}` : ""}`;
      case "remove":
        return `删除「${name(op.id)}」`;
      case "radius":
        return `${TYPE_LABEL[op.type]} · ${SETTLEMENT_LABEL[op.settlement]} 半径改为 ${formatInt(op.metres)} 米`;
      case "capacity":
        return `「${name(op.id)}」容量改为 ${capacityText(op.fields)}`;
    }
  };
  return h(
    "section",
    {class: "cc-ex-card", id: "cc-ex-ops", "data-ops": session.ops.length},
    h("h3", {}, `当前方案（${session.ops.length} 步）`),
    session.ops.length ? h("ol", {class: "cc-ex-oplist"}, ...session.ops.map((op) => h("li", {}, opText(op)))) : h("p", {class: "cc-ex-hint"}, "尚无修改：地图与指标为原始数据。"),
    h("p", {class: "cc-ex-hint", id: "cc-ex-timing"}, last === undefined ? "每次修改后在浏览器中用构建时相同的覆盖引擎、指标和目标规则重算。" : `最近一次重算（引擎 + 指标 + 亮灯）用时 ${last.toFixed(1)} 毫秒。`)
  );
}
