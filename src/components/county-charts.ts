// The county report's charts (src/county/[code].md), each from rows prepared in src/lib/view/county-report.ts: bed
// supply per township against the county's bed standard, and coverage by tier per township. Township names are
// Plot's axis labels and tips, which Plot sets as text (never parsed as HTML).
import * as Plot from "npm:@observablehq/plot";
import {nameMargin, type BedSupplyRow, type TierCell} from "../lib/view/county-report.js";
import {TIER_LABEL} from "../lib/facility-types.js";
import {formatNumber} from "../lib/view/format.js";

/** Bars at or above the standard, and below it. */
export const BED_MET = "#2e8540";
export const BED_SHORT = "#c0392b";

/**
 * Beds per 1 000 older people of each township (rows in the order given), green at or above the standard, red
 * below, with the standard as a dashed rule labelled in the top margin (above every bar, so the longest bar cannot
 * cover it). A township without older people (null) draws no bar.
 * @param options width in px, the standard (beds per 1 000 aged 60+), the y-axis margin (default: room for the names)
 */
export function BedSupplyChart(rows: readonly BedSupplyRow[], options: {width: number; standard: number; marginLeft?: number}): SVGSVGElement | HTMLElement {
  const {width, standard} = options;
  const marginLeft = options.marginLeft ?? nameMargin(rows.map((d) => d.乡镇));
  const standardText = formatNumber(standard, Number.isInteger(standard) ? 0 : 1);
  return Plot.plot({
    width, height: 58 + 22 * rows.length, marginTop: 26, marginLeft, marginRight: 50,
    x: {label: "每千名60岁以上老人床位（张）", grid: true, domain: [0, Math.max(standard, ...rows.map((d) => d.每千人床位 ?? 0)) * 1.05]},
    y: {label: null, domain: rows.map((d) => d.乡镇)},
    marks: [
      Plot.barX(rows, {y: "乡镇", x: "每千人床位", fill: (d: BedSupplyRow) => ((d.每千人床位 ?? 0) >= standard ? BED_MET : BED_SHORT), tip: true}),
      Plot.ruleX([standard], {stroke: "#222", strokeDasharray: "4,3"}),
      Plot.text([standard], {x: (d: number) => d, frameAnchor: "top", lineAnchor: "bottom", dy: -6, text: () => `目标 ${standardText}`, fontWeight: "bold", fill: "#222"})
    ]
  });
}

/**
 * Coverage by tier: one cell per township and tier, coloured red → green by the share covered, with the share
 * written in it (无设施 when the township has no older people to cover), and a colour legend.
 * @param options width in px and the y-axis margin (default: room for the names)
 */
export function TierCoverageChart(cells: readonly TierCell[], options: {width: number; marginLeft?: number}): SVGSVGElement | HTMLElement {
  const tiers = Object.keys(TIER_LABEL).length;
  const townships = Math.ceil(cells.length / tiers); // one cell per township and tier
  return Plot.plot({
    width: options.width, height: 40 + 22 * townships, marginLeft: options.marginLeft ?? nameMargin(cells.map((c) => c.乡镇)), padding: 0.05,
    x: {label: null, domain: Object.values(TIER_LABEL)}, y: {label: null},
    color: {type: "linear", domain: [0, 1], scheme: "RdYlGn", label: "覆盖率", legend: true, tickFormat: (d: number) => `${Math.round(d * 100)}%`},
    marks: [
      Plot.cell(cells, {x: "层级", y: "乡镇", fill: "覆盖率", tip: true}),
      Plot.text(cells, {x: "层级", y: "乡镇", text: (d: TierCell) => (d.覆盖率 === null ? "无设施" : `${Math.round(d.覆盖率 * 100)}%`), fill: "black"})
    ]
  });
}
