// 挂图作战 (src/lib/plan/wall-chart.ts) on the default region: 利通区's end-2023 township-centre milestone reads 5 of 12
// townships (41.7 %, red) at its deadline and 7 of 12 (58.3 %) on the data date, as the issue worked out from the
// projects' completion dates; every point is the timeline's own figure; targets the timeline cannot draw are named.
import {beforeAll, describe, expect, it} from "vitest";
import {resultsArtifact} from "../../loaders/artifacts.ts";
import {siteData} from "../../loaders/site-data.ts";
import {WALL_INDICATORS, wallChart, type WallTarget} from "../../src/lib/plan/wall-chart.ts";
import type {YearSnapshot} from "../../src/lib/plan/year-view.ts";

let timeline: YearSnapshot[];
let statuses: (WallTarget & {scope: string; code: string})[];
let dataDate: string;

beforeAll(async () => {
  const sd = await siteData();
  const r = resultsArtifact(sd);
  timeline = r.timeline;
  statuses = r.statuses as unknown as typeof statuses;
  dataDate = sd.evaluationDate;
}, 120_000);

describe("wallChart", () => {
  it("利通区: the 2023 milestone at 41.7 % and red at its deadline, 58.3 % on the data date", () => {
    const own = statuses.filter((s) => s.scope === "county" && s.code === "640302");
    const chart = wallChart(timeline, "640302", own);
    const s2023 = chart.series.find((s) => s.indicator === "township_centre_share" && s.target.deadline === "2023-12-31");
    expect(s2023).toBeDefined();
    const end2023 = s2023!.points.find((p) => p.date === "2023-12-31")!;
    expect(end2023.value).toBeCloseTo(5 / 12, 6);
    expect(end2023.light).toBe("red");
    expect(s2023!.points.find((p) => p.date === dataDate)!.value).toBeCloseTo(7 / 12, 6);
  });

  it("every point is the timeline's own figure for the county, one per snapshot; other indicators are listed, not drawn", () => {
    for (const code of new Set(statuses.filter((s) => s.scope === "county").map((s) => s.code))) {
      const own = statuses.filter((s) => s.scope === "county" && s.code === code);
      const chart = wallChart(timeline, code, own);
      expect(chart.series.length + chart.notDrawn.length).toBe(own.length);
      for (const t of chart.notDrawn) expect((WALL_INDICATORS as readonly string[]).includes(t.indicator)).toBe(false);
      for (const s of chart.series) {
        expect(s.points.map((p) => p.date)).toEqual(timeline.map((snap) => snap.date));
        s.points.forEach((p, i) => {
          const c = timeline[i].counties.find((x) => x.code === code)!;
          expect(p.value).toBe(c[s.indicator]);
          expect(p.projected).toBe(timeline[i].date > dataDate);
          expect(p.light).toBe(timeline[i].lights.find((l) => l.code === code && l.target_id === s.target.target_id)?.status);
        });
      }
    }
  });

  it("a county missing from the timeline gets no points, and no target draws nothing", () => {
    expect(wallChart(timeline, "999999", statuses.slice(0, 3)).series.every((s) => s.points.length === 0)).toBe(true);
    expect(wallChart(timeline, "640302", [])).toEqual({series: [], notDrawn: []});
  });
});
