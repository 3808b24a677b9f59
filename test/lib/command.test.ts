// The 大屏 figures: a hand-worked two-county region, then the default region's build artifacts summed another way.
import {describe, expect, it} from "vitest";
import {SERVING, siteData} from "../../loaders/site-data.ts";
import {commandSummary, siteState, type CommandItem} from "../../src/lib/view/command.ts";
import {rankingWindow} from "../../src/lib/view/command.ts";

const item = (county_code: string, facility_id: string | undefined, progress: number, overdue: boolean, light: "green" | "amber" | "red"): CommandItem => ({county_code, facility_id, progress, overdue, light});

describe("siteState", () => {
  it("done, overdue, late or on time, in that order of precedence", () => {
    expect(siteState(item("1", "f", 1, true, "red"))).toBe("done");
    expect(siteState(item("1", "f", 0.5, true, "red"))).toBe("overdue");
    expect(siteState(item("1", "f", 0.5, false, "red"))).toBe("late");
    expect(siteState(item("1", "f", 0.5, false, "amber"))).toBe("late");
    expect(siteState(item("1", "f", 0.5, false, "green"))).toBe("on_time");
  });
});

describe("commandSummary", () => {
  it("sums a hand-worked region", () => {
    const s = commandSummary({
      counties: [{code: "A", name: "甲县"}, {code: "B", name: "乙县"}],
      metrics: [
        {code: "A", people: 1000, covered_any: 600, uncovered: 400, beds: 30, pop60: 1000},
        {code: "B", people: 3000, covered_any: 2700, uncovered: 300, beds: 150, pop60: 3000}
      ],
      statuses: [
        {scope: "county", code: "A", status: "red"}, {scope: "county", code: "A", status: "green"},
        {scope: "county", code: "B", status: "amber"}, {scope: "county", code: "B", status: "grey"}, {scope: "township", code: "B001", status: "red"}
      ],
      facilities: [{county_code: "A", status: "operating"}, {county_code: "A", status: "planned"}, {county_code: "B", status: "upgrading"}],
      serving: ["operating", "upgrading"],
      items: [item("A", "fa", 0.2, true, "red"), item("A", "fa", 1, false, "green"), item("B", "fb", 0.5, false, "green"), item("B", undefined, 0.1, false, "amber")]
    });
    expect(s.people).toBe(4000);
    expect(s.coveredShare).toBeCloseTo(3300 / 4000, 12);
    expect(s.uncovered).toBe(700);
    expect(s.bedsPer1000).toBeCloseTo(45, 12);
    expect(s.facilities).toBe(2);
    expect(s.lights).toEqual({green: 1, amber: 1, red: 1, grey: 1});
    expect(s.projects).toEqual({done: 1, on_time: 1, late: 1, overdue: 1});
    expect(s.counties.map((c) => c.code)).toEqual(["B", "A"]);
    expect(s.counties[1]).toMatchObject({coveredShare: 0.6, bedsPer1000: 30, lights: {green: 1, amber: 0, red: 1, grey: 0}, projects: {done: 1, on_time: 0, late: 0, overdue: 1}});
    expect([...s.sites]).toEqual([["fa", "overdue"], ["fb", "on_time"]]);
  });

  it("on the default region, agrees with the build's data summed directly", async () => {
    const {region, metrics, statuses, items} = await siteData();
    const s = commandSummary({counties: region.counties, metrics: metrics.counties, statuses, facilities: region.facilities, serving: SERVING, items});
    const townships = metrics.townships;
    const projects = {items};
    expect(s.people).toBe(townships.reduce((n, t) => n + t.people, 0));
    expect(s.covered).toBe(townships.reduce((n, t) => n + t.covered_any, 0));
    expect(s.counties.length).toBe(region.counties.length);
    expect(Object.values(s.projects).reduce((a, b) => a + b, 0)).toBe(projects.items.length);
    expect(s.projects.overdue).toBe(projects.items.filter((i) => i.overdue && i.progress < 1).length);
    const shares = s.counties.map((c) => c.coveredShare!);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
  });
});

describe("rankingWindow (the 大屏 ranking at province scale)", () => {
  it("shows every county when they fit", () => {
    expect(rankingWindow(5, 6, 2)).toEqual({shown: [0, 1, 2, 3, 4], omitted: 0});
    expect(rankingWindow(6, 6, -1)).toEqual({shown: [0, 1, 2, 3, 4, 5], omitted: 0});
  });

  it("shows the best and the least covered ends of a province, and the selected county wherever it ranks", () => {
    expect(rankingWindow(300, 6, 0)).toEqual({shown: [0, 1, 297, 298, 299], omitted: 295});
    expect(rankingWindow(300, 6, 150)).toEqual({shown: [0, 1, 150, 297, 298, 299], omitted: 294});
    expect(rankingWindow(300, 6, 299).shown).toEqual([0, 1, 297, 298, 299]);
    for (let n = 7; n < 40; n++) {
      for (const sel of [-1, 0, Math.floor(n / 2), n - 1]) {
        const {shown, omitted} = rankingWindow(n, 6, sel);
        expect(shown.length + omitted).toBe(n);
        expect(shown).toContain(n - 1); // the least covered county is always on the wall
        if (sel >= 0) expect(shown).toContain(sel);
        expect(shown.length).toBeLessThanOrEqual(6);
        expect([...shown].sort((a, b) => a - b)).toEqual(shown);
      }
    }
  });
});
