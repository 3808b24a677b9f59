// 指挥大屏 on a 1920×1080 meeting-room screen: everything on one screen with no scrolling, the figures those of the
// build, a county selected by its row, and the auto-cycle moving to the next county after 20 s (fake clock).
import {readFileSync, readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {commandSummary} from "../../src/lib/view/command.ts";
import {formatCount, formatPercent} from "../../src/lib/view/format.ts";
import {problems, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");
const artifact = (name: string) => {
  const file = readdirSync("dist/_file/data").find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f))!;
  return JSON.parse(readFileSync(`dist/_file/data/${file}`, "utf8"));
};

describe("指挥大屏", () => {
  it("fits 1920×1080 with no scrolling and shows the build's figures", async () => {
    const v = await visit(site.browser, site.base, "/command.html", {width: 1920, height: 1080, screenshot: "command-1920x1080", beforeGoto: (page) => page.clock.install()});
    await v.page.locator('.cc-cmd[data-ready="1"]').waitFor({timeout: 60_000});
    expect(problems(v)).toEqual([]);
    const size = await v.page.evaluate(() => ({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight}));
    expect(size).toEqual({w: 1920, h: 1080});
    // nothing inside the screen is cut off at the bottom: the tally and the legend are fully inside
    for (const selector of [".cc-cmd-tally", ".cc-cmd-legend", ".cc-cmd-kpis"]) {
      const box = (await v.page.locator(selector).boundingBox())!;
      expect(box.y + box.height, selector).toBeLessThanOrEqual(1080);
    }
    const region = artifact("region");
    const results = artifact("results");
    const projects = artifact("projects");
    const s = commandSummary({counties: region.counties, metrics: results.metrics.counties, statuses: results.statuses, facilities: region.facilities, serving: region.meta.serving, items: projects.items});
    expect(await v.page.locator('[data-kpi="covered"] .cc-cmd-kpi-value').innerText()).toBe(formatPercent(s.coveredShare!));
    expect(await v.page.locator('[data-kpi="uncovered"] .cc-cmd-kpi-value').innerText()).toBe(formatCount(s.uncovered));
    const names = await v.page.locator(".cc-cmd-rank-name").allInnerTexts();
    expect(names).toEqual(s.counties.map((c) => c.name));
    // readable across a room: the figures are large
    const fontSize = await v.page.locator(".cc-cmd-kpi-value").first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(48);

    // a county row selects it on the map
    const second = s.counties[1];
    await v.page.locator(`.cc-cmd-rank-row[data-county="${second.code}"]`).click();
    await expect.poll(() => v.page.locator(".cc-map").getAttribute("data-county")).toBe(second.code);
    expect(await v.page.locator(".cc-cmd-county").innerText()).toContain(second.name);

    // auto-cycle: 20 s later the next county is on screen
    await v.page.locator(".cc-cmd-cycle").check();
    await v.page.clock.runFor(20_500);
    await expect.poll(() => v.page.locator(".cc-map").getAttribute("data-county")).toBe(s.counties[2].code);
    await v.page.context().close();
  });
});
