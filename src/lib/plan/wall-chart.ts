/**
 * 挂图作战: each county target's indicator over time, for the county report's wall chart — the value at every
 * year-end of the timeline (src/lib/plan/year-view.ts: recorded up to the data date, the plan after it) with the target's
 * threshold and deadline, and the light the target had as of each date. Only indicators the timeline carries
 * (township-centre share, service-circle coverage, beds per 1 000 aged 60+) can be drawn; the others are listed as
 * not drawn, never drawn as zeros. Pure.
 */
import type {Light} from "./targets.js";
import type {YearSnapshot} from "./year-view.js";

/** The timeline's indicators, by the target indicator key they answer. */
export const WALL_INDICATORS = ["township_centre_share", "covered_any_share", "beds_per_1000_60"] as const;
export type WallIndicator = (typeof WALL_INDICATORS)[number];

/** The part of a judged target card the chart needs. */
export interface WallTarget {
  target_id: string;
  indicator: string;
  label: string;
  unit: string;
  comparator: string;
  threshold: number;
  deadline: string;
  role?: string;
}

export interface WallPoint {
  date: string;
  value: number | null;
  /** after the data date: on the plan */
  projected: boolean;
  /** the target's light as of this date (undefined when the timeline has none for it) */
  light?: Light;
}

export interface WallSeries {
  target: WallTarget;
  indicator: WallIndicator;
  points: WallPoint[];
}

export interface WallChart {
  series: WallSeries[];
  /** the county's targets whose indicator the timeline does not carry */
  notDrawn: WallTarget[];
}

const isWall = (k: string): k is WallIndicator => (WALL_INDICATORS as readonly string[]).includes(k);

/**
 * The wall chart of county `code`: one series per county target (own and reference) on a timeline indicator.
 * @example wallChart(results.timeline, "640302", countyStatuses).series[0].points
 */
export function wallChart(timeline: readonly YearSnapshot[], code: string, targets: readonly WallTarget[]): WallChart {
  const series: WallSeries[] = [];
  const notDrawn: WallTarget[] = [];
  for (const target of targets) {
    if (!isWall(target.indicator)) {
      notDrawn.push(target);
      continue;
    }
    const indicator = target.indicator;
    const points = timeline.flatMap((snap): WallPoint[] => {
      const county = snap.counties.find((c) => c.code === code);
      if (!county) return [];
      const light = snap.lights.find((l) => l.code === code && l.target_id === target.target_id)?.status;
      return [{date: snap.date, value: county[indicator], projected: snap.projected, ...(light ? {light} : {})}];
    });
    series.push({target, indicator, points});
  }
  return {series, notDrawn};
}
