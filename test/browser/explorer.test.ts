// The coverage explorer in Chromium: the map draws and follows its layer switches; a station added by clicking
// raises the covered count by exactly what the engine computes (checked here in Node, independently); a hostile
// facility name stays text; scenarios round-trip through export/import and arrive from the siting page via
// localStorage; no console error and no request off the local server; the what-if update time is measured.
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {haversine} from "../../src/lib/engine/geo.ts";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {CoverageEngine} from "../../src/lib/engine/coverage.ts";
import {TIERS} from "../../src/lib/facility-types.ts";
import {parseScenario, SCENARIO_STORAGE_KEY} from "../../src/lib/engine/scenario.ts";
import type {FeatureCollection, MultiPolygon, Polygon} from "geojson";
import * as turf from "@turf/turf";
import {gapPolygons} from "../../src/lib/engine/gaps.ts";
import type {Facility, FacilityStatus, Measure, RadiusTable, Tier, Township, Village} from "../../src/lib/types.ts";
import {problems, SCREENSHOTS, visit, waitForMaps as waitForMapsIdle, type Visit} from "./harness.ts";
import {useSite} from "./site.ts";

const DIST = "dist";
const dataFile = (name: string) => join(DIST, "_file", "data", readdirSync(join(DIST, "_file", "data")).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"))!);
// the explorer's own data: the default region's five counties are one bundle (src/lib/plan/units.ts) holding every
// village and facility (region.json itself has no village list)
const bundleFile = (() => {
  const dir = join(DIST, "_file", "data", "units", "explorer");
  return join(dir, readdirSync(dir).find((f) => f.startsWith("0.") && f.endsWith(".json"))!);
})();
const region = JSON.parse(readFileSync(bundleFile, "utf-8")).region as {
  meta: {id: string; serving: FacilityStatus[]};
  config: {radii: RadiusTable};
  counties: {code: string; name: string}[];
  villages: Village[];
  facilities: Facility[];
  townships: Township[];
};
const boundaries = JSON.parse(readFileSync(dataFile("boundaries"), "utf-8")) as {
  counties: FeatureCollection<Polygon | MultiPolygon, {code: string}>;
  townships: FeatureCollection<Polygon | MultiPolygon, {code: string}>;
};
const gapsBuilt = JSON.parse(readFileSync(bundleFile, "utf-8")).gaps as Record<Tier, FeatureCollection<Polygon | MultiPolygon | null, {township_code: string; gap_km2: number}>>;

const results = JSON.parse(readFileSync(dataFile("results"), "utf-8")) as {statuses: {scope: "county" | "township"; code: string; status: "green" | "amber" | "red"; role?: "own" | "reference"}[]};

const site = useSite(DIST);


/** Covered older people (pop60, or another measure) of a county as the engine computes it, for a list of facilities. */
function coveredIn(county: string, facilities: Facility[], measure: Measure = "pop60"): number {
  const e = new CoverageEngine(region.villages, facilities, region.config.radii, {statuses: region.meta.serving});
  const r = e.result();
  return region.villages.reduce((s, v, i) => s + (v.county_code === county && TIERS.some((t) => r.tiers[t].count[i] > 0) ? v[measure] : 0), 0);
}

async function open(width = 1366, height = 768): Promise<Visit & {dialogs: string[]}> {
  const v = await visit(site.browser, site.base, "/explorer.html", {width, height});
  const dialogs: string[] = [];
  v.page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await v.page.waitForSelector("#cc-ex-kpi[data-covered]");
  return Object.assign(v, {dialogs});
}

/** Wait until the map has drawn a fresh frame and is idle. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (document.querySelector(".cc-ex-map") as unknown as {map: {once: (e: string, f: () => void) => void; triggerRepaint: () => void}}).map;
        map.once("idle", () => resolve());
        map.triggerRepaint();
      })
  );
}

/** Pixels of the map canvas: how many differ from the background, and a coarse signature of the picture. */
async function mapPixels(page: Page): Promise<{nonBlank: number; signature: number[]}> {
  return page.evaluate(() => {
    const canvas = document.querySelector(".cc-ex-map canvas") as HTMLCanvasElement;
    const c = document.createElement("canvas");
    c.width = canvas.width;
    c.height = canvas.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(canvas, 0, 0);
    const {data} = ctx.getImageData(0, 0, c.width, c.height);
    let nonBlank = 0;
    const signature: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      // background #f4f6f8
      if (Math.abs(data[i] - 0xf4) + Math.abs(data[i + 1] - 0xf6) + Math.abs(data[i + 2] - 0xf8) > 12) nonBlank++;
      // a 2-D grid of samples every 9 px (a step of N pixels along the rows would sample only a few columns)
      const px = i / 4, x = px % c.width, y = Math.floor(px / c.width);
      if (x % 9 === 0 && y % 9 === 0) signature.push(data[i] + data[i + 1] * 256 + data[i + 2] * 65536);
    }
    return {nonBlank, signature};
  });
}

/** Screen position of a lng/lat on the map (page coordinates). */
async function screenAt(page: Page, lng: number, lat: number): Promise<{x: number; y: number}> {
  return page.evaluate(
    ([lng, lat]) => {
      const el = document.querySelector(".cc-ex-map") as unknown as HTMLElement & {map: {project: (p: [number, number]) => {x: number; y: number}}};
      const p = el.map.project([lng, lat]);
      const box = el.querySelector("canvas")!.getBoundingClientRect();
      return {x: box.left + p.x, y: box.top + p.y};
    },
    [lng, lat] as [number, number]
  );
}

/** A point on the map more than 10.5 km (a community station's largest radius, pastoral 10 km) from every village. */
async function emptyPointOnScreen(page: Page, box: {x: number; y: number; width: number; height: number}): Promise<{x: number; y: number} | null> {
  for (let fy = 0.1; fy < 0.9; fy += 0.1) {
    for (let fx = 0.15; fx < 0.85; fx += 0.05) {
      const x = box.x + fx * box.width, y = box.y + fy * box.height;
      if (y > 640) continue;
      const [lng, lat] = await page.evaluate(
        ([x, y]) => {
          const el = document.querySelector(".cc-ex-map") as unknown as HTMLElement & {map: {unproject: (p: [number, number]) => {lng: number; lat: number}}};
          const c = el.querySelector("canvas")!.getBoundingClientRect();
          const p = el.map.unproject([x - c.left, y - c.top]);
          return [p.lng, p.lat];
        },
        [x, y] as [number, number]
      );
      if (region.villages.every((v) => haversine(v.lng, v.lat, lng, lat) > 10_500)) return {x, y};
    }
  }
  return null;
}

async function chooseCounty(page: Page, code: string): Promise<void> {
  await page.selectOption("#cc-ex-county", code);
  await page.waitForSelector(`#cc-ex-kpi[data-county="${code}"]`);
  await settle(page);
}

async function closeLayerPanel(page: Page): Promise<void> {
  await page.click(".cc-ex-overlay > summary");
  await settle(page);
}

const num = async (page: Page, selector: string, attr: string) => Number(await page.getAttribute(selector, attr));

/**
 * Are the details in view after a selection: inside the visible part of the scrolling side panel (whole, or
 * from its top when taller than the panel), with the selected object's name on screen?
 */
async function detailsInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const side = document.querySelector(".cc-ex-side")!.getBoundingClientRect();
    const d = document.querySelector("#cc-ex-details")!.getBoundingClientRect();
    const name = document.querySelector("#cc-ex-details .cc-ex-name")!.getBoundingClientRect();
    return d.top >= side.top - 1 && (d.bottom <= side.bottom + 1 || d.top <= side.top + 8) && name.bottom <= Math.min(side.bottom, innerHeight);
  });
}

/** An uncovered village of a county (most older people first) shown inside the map, away from its controls. */
async function uncoveredVillageOnScreen(page: Page, county: string, alone = false): Promise<Village> {
  const e = new CoverageEngine(region.villages, region.facilities, region.config.radii, {statuses: region.meta.serving});
  const r = e.result();
  const candidates = region.villages
    .map((v, i) => ({v, i}))
    .filter(({v, i}) => v.county_code === county && TIERS.every((t) => r.tiers[t].count[i] === 0))
    // alone: no facility of any status (counted or not) drawn near it, so hovering finds only ours
    .filter(({v}) => !alone || region.facilities.every((f) => Math.abs(f.lng - v.lng) + Math.abs(f.lat - v.lat) > 0.03))
    .sort((a, b) => b.v.pop60 - a.v.pop60);
  const box = (await page.locator(".cc-ex-map canvas").boundingBox())!;
  for (const {v} of candidates) {
    const p = await screenAt(page, v.lng, v.lat);
    if (p.x > box.x + 20 && p.x < box.x + box.width - 70 && p.y > box.y + 20 && p.y < box.y + box.height - 60 && p.y < 640) return v;
  }
  throw new Error(`no uncovered village of ${county} on screen`);
}

const littleCounty = "640302"; // 利通区: has villages outside every circle

describe("coverage explorer page", () => {
  it("draws the county, and switching a layer group off changes the picture", async () => {
    const v = await open();
    await settle(v.page);
    const before = await mapPixels(v.page);
    expect(before.nonBlank).toBeGreaterThan(20_000);
    await v.page.uncheck("#cc-ex-layer-choropleth");
    await settle(v.page);
    const after = await mapPixels(v.page);
    const changed = before.signature.filter((x, i) => x !== after.signature[i]).length;
    expect(changed).toBeGreaterThan(50);
    expect(await v.page.getAttribute("#cc-explorer", "data-visible-layers")).not.toContain("choropleth");
    // the legend lists only what is drawn
    expect(await v.page.locator('[data-legend-group="choropleth"]').count()).toBe(0);
    expect(await v.page.locator('[data-legend-group="facilities"]').count()).toBe(1);
    await expect(v.page.locator("[data-modelled]").first().isVisible()).resolves.toBe(true);
    expect(problems(v)).toEqual([]);
    expect(v.dialogs).toEqual([]);
    await v.page.context().close();
  });

  it("keeps MapLibre's own style for the map controls, labelled in Chinese", async () => {
    const v = await open();
    const controls = await v.page.evaluate(() =>
      [".maplibregl-ctrl-zoom-in", ".maplibregl-ctrl-zoom-out"].map((sel) => {
        const button = document.querySelector(`.cc-ex-map ${sel}`) as HTMLButtonElement;
        const icon = button.querySelector(".maplibregl-ctrl-icon")!.getBoundingClientRect();
        const box = button.getBoundingClientRect();
        return {label: button.getAttribute("aria-label"), title: button.title, padding: getComputedStyle(button).paddingLeft, width: box.width, height: box.height, iconWidth: icon.width, iconHeight: icon.height};
      })
    );
    for (const c of controls) {
      // a 29 px square whose "+" / "−" icon fills it (a page rule padding it squeezed the icon to a sliver)
      expect(c.padding).toBe("0px");
      expect(c.width).toBeCloseTo(29, 0);
      expect(c.iconWidth).toBeGreaterThanOrEqual(25);
      expect(c.iconHeight).toBeGreaterThanOrEqual(25);
    }
    expect(controls.map((c) => [c.label, c.title])).toEqual([["放大", "放大"], ["缩小", "缩小"]]);
    expect(await v.page.textContent(".cc-ex-map .maplibregl-ctrl-scale")).toMatch(/^\d+\s(公里|米)$/);
    // our own buttons keep theirs
    expect(await v.page.evaluate(() => getComputedStyle(document.querySelector("#cc-ex-export")!).paddingLeft)).not.toBe("0px");
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("adding a station at an uncovered village raises the covered count by exactly what the engine computes", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const shownBefore = await num(v.page, "#cc-ex-kpi", "data-covered");
    expect(shownBefore).toBe(coveredIn(littleCounty, region.facilities));
    const village = await uncoveredVillageOnScreen(v.page, littleCounty);
    await v.page.selectOption("#cc-ex-add-type", "community_station");
    await v.page.click("#cc-ex-add");
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    const added = JSON.parse((await v.page.getAttribute("#cc-explorer", "data-last-add"))!) as {id: string; lng: number; lat: number};
    // the same facility record the page made, run through the engine here
    const scenario = await exportScenario(v.page);
    const facility = (scenario.ops[0] as unknown as {facility: Facility}).facility;
    expect([facility.lng, facility.lat]).toEqual([added.lng, added.lat]);
    const expected = coveredIn(littleCounty, [...region.facilities, facility]);
    const shown = await num(v.page, "#cc-ex-kpi", "data-covered");
    expect(shown).toBe(expected);
    expect(shown - shownBefore).toBeGreaterThanOrEqual(village.pop60);
    console.log(`explorer: station at ${village.name} (${village.pop60} people 60+) raised covered by ${shown - shownBefore}`);
    expect(await v.page.textContent("#cc-ex-covered")).toContain(shown.toLocaleString("zh-CN"));
    // at 1366×768 the new station's details are scrolled into view in the side panel
    await v.page.waitForSelector(`#cc-ex-details[data-id="${added.id}"]`);
    expect(await detailsInView(v.page)).toBe(true);
    // the edit answers: its own change, and the new station's capacity defaults (region config / capacity.ts)
    expect(await num(v.page, "#cc-ex-answer", "data-delta")).toBe(shown - shownBefore);
    expect(await v.page.textContent("#cc-ex-answer")).toContain(`+${(shown - shownBefore).toLocaleString("zh-CN")}`);
    expect(facility.area_m2).toBeGreaterThan(0);
    // undo goes back to the data, redo brings the station back
    await v.page.click("#cc-ex-undo");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="0"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(shownBefore);
    await v.page.click("#cc-ex-redo");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(shown);
    // a station far from every village changes nothing, and says why
    // (add mode stays on after a placement)
    const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
    const empty = await emptyPointOnScreen(v.page, box);
    expect(empty).not.toBeNull();
    await v.page.mouse.click(empty!.x, empty!.y);
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="2"]');
    expect(await v.page.getAttribute("#cc-ex-answer", "data-zero")).toBe("1");
    expect(await v.page.textContent("#cc-ex-answer")).toContain("新服务圈内没有村社区");
    await v.page.keyboard.press("Escape");
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("shows a hostile facility name as text, opens no dialog, and explains a bad file in Chinese", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const village = await uncoveredVillageOnScreen(v.page, littleCounty, true);
    const hostile = "<img src=x onerror=alert(1)>";
    const file = {
      format: "carecircle-scenario", version: 1, region: region.meta.id, name: "<b>恶意</b>", created: "2025-07-01",
      ops: [{op: "add", facility: {id: "WI-X", name: hostile, type: "community_station", status: "operating", county_code: littleCounty, township_code: village.township_code, lng: village.lng, lat: village.lat}}]
    };
    await v.page.setInputFiles("#cc-ex-import", {name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file))});
    await v.page.waitForSelector("#cc-ex-imported");
    await settle(v.page);
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.move(p.x, p.y);
    await v.page.waitForSelector(".cc-tooltip");
    expect(await v.page.textContent(".cc-tooltip strong")).toBe(hostile);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector('#cc-ex-details[data-id="WI-X"]');
    expect(await v.page.textContent("#cc-ex-detail-name")).toBe(hostile);
    expect(await v.page.locator("#cc-explorer img, .maplibregl-popup img").count()).toBe(0);
    expect(await v.page.textContent("#cc-ex-ops")).toContain(hostile);
    // a broken file: readable Chinese error naming the step and field
    const bad = {...file, ops: [{op: "move", id: "X", lng: "东经106度", lat: 38}]};
    await v.page.setInputFiles("#cc-ex-import", {name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad))});
    await v.page.waitForSelector("#cc-ex-error");
    expect(await v.page.textContent("#cc-ex-error")).toContain("第 1 步操作 · 经度");
    await v.page.waitForTimeout(300);
    expect(v.dialogs).toEqual([]);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("drags a facility to move it, records a move, and recomputes the gaps it touches", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    await v.page.click(".cc-ex-overlay > summary");
    await v.page.check("#cc-ex-layer-gaps");
    await closeLayerPanel(v.page);
    const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
    let target: Facility | undefined;
    let at = {x: 0, y: 0};
    for (const f of region.facilities.filter((f) => f.county_code === littleCounty && f.type === "mutual_aid")) {
      at = await screenAt(v.page, f.lng, f.lat);
      const clear = region.facilities.every((g) => g === f || Math.abs(g.lng - f.lng) + Math.abs(g.lat - f.lat) > 0.03);
      if (clear && at.x > box.x + 80 && at.x < box.x + box.width - 120 && at.y > box.y + 80 && at.y < Math.min(640, box.y + box.height - 80)) {
        target = f;
        break;
      }
    }
    expect(target).toBeDefined();
    // press only where the map has drawn the target's marker (a refit after folding the panel may still be moving the
    // map on a busy machine: recompute the position until the marker is under it)
    for (let tries = 0; ; tries++) {
      at = await screenAt(v.page, target!.lng, target!.lat);
      const under = await v.page.evaluate(([x, y, id]) => {
        const el = document.querySelector(".cc-ex-map") as unknown as HTMLElement & {map: {queryRenderedFeatures: (p: [number, number], o: {layers: string[]}) => {properties: {id: string}}[]}};
        const c = el.querySelector("canvas")!.getBoundingClientRect();
        return el.map.queryRenderedFeatures([(x as number) - c.left, (y as number) - c.top], {layers: ["facilities-symbol"]}).some((f) => f.properties.id === id);
      }, [at.x, at.y, target!.id] as const);
      if (under) break;
      expect(tries, `the marker of ${target!.id} is not drawn where the map projects it`).toBeLessThan(20);
      await settle(v.page);
    }
    await v.page.mouse.move(at.x, at.y);
    await v.page.mouse.down();
    for (let k = 1; k <= 6; k++) await v.page.mouse.move(at.x + 10 * k, at.y + 6 * k);
    await v.page.mouse.up();
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    const s = await exportScenario(v.page);
    expect(s.ops).toEqual([expect.objectContaining({op: "move", id: target!.id})]);
    expect(await v.page.getAttribute("#cc-ex-details", "data-id")).toBe(target!.id);
    expect(await detailsInView(v.page)).toBe(true);
    await v.page.waitForSelector('#cc-ex-gapstatus[data-state="recomputed"]', {state: "attached", timeout: 30_000});
    // the recomputed gaps are those of the moved network: same areas as gapPolygons run here on the moved facility
    const tier = (await v.page.getAttribute("#cc-ex-gapstatus", "data-tier")) as Tier;
    const shown = JSON.parse((await v.page.getAttribute("#cc-ex-gapstatus", "data-recomputed"))!) as Record<string, number | null>;
    const move = s.ops[0] as unknown as {lng: number; lat: number};
    const moved = region.facilities.map((f) => (f.id === target!.id ? {...f, lng: move.lng, lat: move.lat} : f));
    const home = target!.township_code;
    expect(Object.keys(shown)).toContain(home);
    const boundary = boundaries.townships.features.find((f) => f.properties.code === home)!;
    const oracle = gapPolygons({type: "FeatureCollection", features: [boundary]}, region.townships, region.villages.filter((x) => x.township_code === home), moved, region.config.radii, tier, {statuses: region.meta.serving, tolerance: 0.001});
    const built = gapsBuilt[tier].features.find((f) => f.properties.township_code === home)!.properties.gap_km2;
    expect(shown[home]).toBeCloseTo(oracle.features[0].properties.gap_km2, 6);
    expect(Math.abs((shown[home] ?? 0) - built)).toBeGreaterThan(1e-6);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("moving a facility into another township (coordinates typed in the details panel) re-homes it there", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
    // a facility with beds, alone on screen so a click selects it
    let target: Facility | undefined;
    for (const f of region.facilities.filter((f) => f.county_code === littleCounty && f.beds > 0 && region.meta.serving.includes(f.status))) {
      const at = await screenAt(v.page, f.lng, f.lat);
      const clear = region.facilities.every((g) => g === f || Math.abs(g.lng - f.lng) + Math.abs(g.lat - f.lat) > 0.03);
      if (clear && at.x > box.x + 80 && at.x < box.x + box.width - 120 && at.y > box.y + 80 && at.y < Math.min(640, box.y + box.height - 80)) {
        target = f;
        await v.page.mouse.click(at.x, at.y);
        break;
      }
    }
    expect(target).toBeDefined();
    await v.page.waitForSelector(`#cc-ex-details[data-id="${target!.id}"]`);
    expect(await detailsInView(v.page)).toBe(true);
    // a point inside another township of the county, found here with Turf
    const other = region.townships.find((t) => t.county_code === littleCounty && t.code !== target!.township_code)!;
    const [lng, lat] = turf.pointOnFeature(boundaries.townships.features.find((f) => f.properties.code === other.code)!).geometry.coordinates;
    expect(turf.booleanPointInPolygon([lng, lat], boundaries.townships.features.find((f) => f.properties.code === target!.township_code)!)).toBe(false);
    await v.page.fill("#cc-ex-move-lng", lng.toFixed(5));
    await v.page.fill("#cc-ex-move-lat", lat.toFixed(5));
    await v.page.click("#cc-ex-move");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    const s = await exportScenario(v.page);
    expect(s.ops).toEqual([{op: "move", id: target!.id, lng: Number(lng.toFixed(5)), lat: Number(lat.toFixed(5)), place: {county_code: littleCounty, township_code: other.code}}]);
    expect(await v.page.textContent("#cc-ex-details")).toContain(`所在乡镇${other.name}`);
    expect(await v.page.textContent("#cc-ex-ops")).toContain(`至${other.name}`);
    await v.page.screenshot({path: join(SCREENSHOTS, "explorer-move-township.png"), fullPage: true});
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("edits a facility's capacity in the details panel: a capacity op, the new beds shown, the ring rule named", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
    let target: Facility | undefined;
    for (const f of region.facilities.filter((f) => f.county_code === littleCounty && f.beds > 0 && region.meta.serving.includes(f.status))) {
      const at = await screenAt(v.page, f.lng, f.lat);
      const clear = region.facilities.every((g) => g === f || Math.abs(g.lng - f.lng) + Math.abs(g.lat - f.lat) > 0.03);
      if (clear && at.x > box.x + 80 && at.x < box.x + box.width - 120 && at.y > box.y + 80 && at.y < Math.min(640, box.y + box.height - 80)) {
        target = f;
        await v.page.mouse.click(at.x, at.y);
        break;
      }
    }
    expect(target).toBeDefined();
    await v.page.waitForSelector(`#cc-ex-details[data-id="${target!.id}"]`);
    // the radius is given per class of the villages the facility reaches, as the engine counts
    expect(await v.page.textContent("#cc-ex-details")).toMatch(/服务半径（按村\/社区类别）.*个村\/社区/);
    expect(await v.page.inputValue("#cc-ex-cap-beds")).toBe(String(target!.beds));
    await v.page.fill("#cc-ex-cap-beds", String(target!.beds + 25));
    await v.page.fill("#cc-ex-cap-nursing_beds", String(target!.nursing_beds + 20));
    await v.page.click("#cc-ex-cap-save");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    const s = await exportScenario(v.page);
    expect(s.ops).toEqual([{op: "capacity", id: target!.id, fields: {beds: target!.beds + 25, nursing_beds: target!.nursing_beds + 20}}]);
    expect(await v.page.textContent("#cc-ex-details")).toContain(`${target!.beds + 25} / ${target!.nursing_beds + 20}`);
    expect(await v.page.textContent("#cc-ex-ops")).toContain("容量改为");
    // more nursing beds than beds is refused with a reason, nothing recorded
    await v.page.fill("#cc-ex-cap-nursing_beds", String(target!.beds + 26));
    await v.page.click("#cc-ex-cap-save");
    expect(await v.page.textContent("#cc-ex-cap-note")).toContain("不能多于床位");
    expect(await v.page.getAttribute("#cc-ex-kpi", "data-ops")).toBe("1");
    await v.page.screenshot({path: join(SCREENSHOTS, "explorer-capacity-1366x768.png")});
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("compares each population measure with the original figure of the same measure", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    // no edits: every measure is as in the data
    for (const m of ["pop80", "disabled", "pop65", "pop60"] as Measure[]) {
      await v.page.selectOption("#cc-ex-measure", m);
      await v.page.waitForSelector(`#cc-ex-kpi[data-measure="${m}"]`);
      expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(coveredIn(littleCounty, region.facilities, m));
      expect(await v.page.getAttribute("#cc-ex-kpi", "data-delta")).toBe("0");
      const text = (await v.page.textContent("#cc-ex-kpi"))!;
      expect(text).toContain("与原始数据相同");
      expect(text).not.toContain("较原始数据");
    }
    // one station added (imported), then the measure switched: the change is the engine's for that measure
    const e = new CoverageEngine(region.villages, region.facilities, region.config.radii, {statuses: region.meta.serving}).result();
    const village = region.villages
      .filter((x, i) => x.county_code === littleCounty && x.pop80 > 0 && TIERS.every((t) => e.tiers[t].count[i] === 0))
      .sort((a, b) => b.pop80 - a.pop80)[0];
    const facility = {id: "WI-M", name: "口径测试站", type: "community_station", status: "operating", county_code: littleCounty, township_code: village.township_code, lng: village.lng, lat: village.lat};
    const file = {format: "carecircle-scenario", version: 1, region: region.meta.id, name: "口径", created: "2025-07-01", ops: [{op: "add", facility}]};
    await v.page.setInputFiles("#cc-ex-import", {name: "m.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file))});
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    const added = parseScenario(file, region.meta.id).ops[0];
    const withStation = [...region.facilities, ...(added.op === "add" ? [added.facility] : [])];
    for (const m of ["pop80", "disabled", "pop60"] as Measure[]) {
      await v.page.selectOption("#cc-ex-measure", m);
      await v.page.waitForSelector(`#cc-ex-kpi[data-measure="${m}"]`);
      const delta = coveredIn(littleCounty, withStation, m) - coveredIn(littleCounty, region.facilities, m);
      if (m !== "disabled") expect(delta).toBeGreaterThanOrEqual(village[m]);
      expect(await v.page.getAttribute("#cc-ex-kpi", "data-delta")).toBe(String(delta));
      if (delta > 0) expect(await v.page.textContent("#cc-ex-kpi")).toContain(`较原始数据 +${delta.toLocaleString("zh-CN")} 人`);
    }
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("tallies county-level target lights as the overview does, and township-level ones apart", async () => {
    const v = await open();
    const jinshan = region.counties.find((c) => c.name === "金山区")!.code;
    const countyOfTownship = new Map(region.townships.map((t) => [t.code, t.county_code]));
    for (const county of [jinshan, littleCounty]) {
      await chooseCounty(v.page, county);
      // the build's statuses (results.json, what the overview and reports show)
      const all = results.statuses.filter((s) => s.scope === "county" && s.code === county);
      // the county's own targets are tallied; reference standards (参考标准) are counted apart, as on the overview
      const own = all.filter((s) => s.role !== "reference");
      const refs = all.length - own.length;
      const townships = results.statuses.filter((s) => s.scope === "township" && countyOfTownship.get(s.code) === county);
      expect(own.length).toBeGreaterThan(0);
      for (const light of ["green", "amber", "red"] as const) {
        const part = `.cc-ex-tally-line .cc-tally[data-scope="county"] [data-light="${light}"]`;
        expect(await v.page.getAttribute(part, "data-count")).toBe(String(own.filter((s) => s.status === light).length));
      }
      const line = (await v.page.textContent(".cc-ex-tally-line"))!;
      expect(line).toContain(`县级：达标 ${own.filter((s) => s.status === "green").length}`);
      expect(line).toContain(`未达标 ${own.filter((s) => s.status === "red").length}`);
      expect(refs).toBeGreaterThan(0);
      expect(line).toContain(`参考标准另计 ${refs} 项`);
      if (townships.length) {
        expect(line).toContain(`乡镇级 ${townships.length} 项`);
        expect(await v.page.getAttribute('.cc-ex-lights details .cc-tally[data-scope="township"] [data-light="green"]', "data-count")).toBe(String(townships.filter((s) => s.status === "green").length));
      } else expect(line).not.toContain("乡镇级");
      // the county list holds the county-level targets only (own, then references)
      expect(await v.page.locator(".cc-ex-lights > .cc-ex-lightlist > li").count()).toBe(all.length);
    }
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("the whole-region view names the counties on the map and lists them, each opening its county", async () => {
    const v = await open();
    const labels = (layer: string) =>
      v.page.evaluate((layer) => {
        const map = (document.querySelector(".cc-ex-map") as unknown as {map: {queryRenderedFeatures: (o: {layers: string[]}) => {properties: {name: string}}[]}}).map;
        return [...new Set(map.queryRenderedFeatures({layers: [layer]}).map((f) => f.properties.name))].sort();
      }, layer);
    // one county: its townships are named, the county list is not shown
    expect(await v.page.isVisible("#cc-ex-counties")).toBe(false);
    expect((await labels("townships-label")).length).toBeGreaterThan(2);
    await chooseCounty(v.page, "*");
    // five counties far apart: county names instead of a heap of township names
    expect(await labels("counties-label")).toEqual(region.counties.map((c) => c.name).sort());
    expect(await labels("townships-label")).toEqual([]);
    expect(await v.page.isVisible("#cc-ex-counties")).toBe(true);
    const rows = v.page.locator("#cc-ex-counties tbody tr");
    expect(await rows.count()).toBe(region.counties.length);
    for (const c of region.counties) {
      const row = v.page.locator(`#cc-ex-counties tr[data-county="${c.code}"]`);
      const total = region.villages.filter((x) => x.county_code === c.code).reduce((s, x) => s + x.pop60, 0);
      const text = (await row.textContent())!;
      expect(text).toContain(c.name);
      expect(text).toContain(`${(total - coveredIn(c.code, region.facilities)).toLocaleString("zh-CN")} 人`);
      const reds = results.statuses.filter((s) => s.scope === "county" && s.code === c.code && s.status === "red" && s.role !== "reference").length;
      if (reds) expect(await row.locator('[data-light="red"]').count()).toBe(1);
      if (reds) expect(await row.locator(".cc-ex-county-light", {has: v.page.locator('[data-light="red"]')}).textContent()).toBe(String(reds));
    }
    await v.page.screenshot({path: join(SCREENSHOTS, "explorer-region-1366x768.png")});
    // 查看 opens the county: selector, figures, map
    await v.page.click(`#cc-ex-counties button[data-county="${littleCounty}"]`);
    await v.page.waitForSelector(`#cc-ex-kpi[data-county="${littleCounty}"]`);
    expect(await v.page.inputValue("#cc-ex-county")).toBe(littleCounty);
    expect(await v.page.isVisible("#cc-ex-counties")).toBe(false);
    await settle(v.page);
    expect(await labels("counties-label")).toEqual([]);
    expect((await labels("townships-label")).length).toBeGreaterThan(2);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("exports a scenario, resets, and imports it back to the same state", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const baseline = await num(v.page, "#cc-ex-kpi", "data-covered");
    const village = await uncoveredVillageOnScreen(v.page, littleCounty);
    await v.page.click("#cc-ex-add");
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    await v.page.click("#cc-ex-add"); // leave add mode
    await v.page.fill('input[data-type="township_centre"][data-settlement="rural"]', "12000");
    await v.page.press('input[data-type="township_centre"][data-settlement="rural"]', "Tab");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="2"]');
    const edited = await num(v.page, "#cc-ex-kpi", "data-covered");
    expect(edited).toBeGreaterThan(baseline);
    const exported = await exportScenario(v.page);
    expect(exported.ops.map((o) => o.op)).toEqual(["add", "radius"]);
    await v.page.click("#cc-ex-reset");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="0"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(baseline);
    await v.page.setInputFiles("#cc-ex-import", {name: "s.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported))});
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="2"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(edited);
    expect((await exportScenario(v.page)).ops).toEqual(exported.ops);
    expect(await v.page.inputValue('input[data-type="township_centre"][data-settlement="rural"]')).toBe("12000");
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("downloads each township's results before → after as CSV (the change adds up to the KPI's) and the map as PNG", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const baseline = await num(v.page, "#cc-ex-kpi", "data-covered");
    const village = await uncoveredVillageOnScreen(v.page, littleCounty);
    await v.page.click("#cc-ex-add");
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    await v.page.click("#cc-ex-add"); // leave add mode
    const edited = await num(v.page, "#cc-ex-kpi", "data-covered");
    const [csvDownload] = await Promise.all([v.page.waitForEvent("download"), v.page.click("#cc-ex-results-csv")]);
    expect(csvDownload.suggestedFilename()).toMatch(/^carecircle-各乡镇结果-.+\.csv$/);
    const text = readFileSync(await csvDownload.path(), "utf-8").replace(/^\uFEFF/, "");
    const [header, ...lines] = text.trim().split(/\r?\n/);
    const cols = header.split(",");
    expect(cols).toEqual(["乡镇代码", "乡镇", "县区", "60岁以上老人（人）", "原覆盖人数", "现覆盖人数", "变化", "原覆盖率", "现覆盖率"]);
    const rows = lines.map((l) => l.split(","));
    const townships = region.townships.filter((t) => t.county_code === littleCounty);
    expect(rows.map((r) => r[0]).sort()).toEqual(townships.map((t) => t.code).sort());
    const change = rows.reduce((n, r) => n + Number(r[cols.indexOf("变化")]), 0);
    expect(change).toBe(edited - baseline);
    expect(rows.reduce((n, r) => n + Number(r[cols.indexOf("现覆盖人数")]), 0)).toBe(edited);
    const [pngDownload] = await Promise.all([v.page.waitForEvent("download"), v.page.click("#cc-ex-png")]);
    const png = readFileSync(await pngDownload.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(20_000); // a drawn map, not an empty canvas
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("offers a scenario the siting page left in localStorage", async () => {
    const v = await open();
    const station = region.facilities.find((f) => f.county_code === littleCounty && f.status === "operating")!;
    const s = {format: "carecircle-scenario", version: 1, region: region.meta.id, name: "选址建议 3 处", created: "2025-07-01T00:00:00Z", ops: [{op: "remove", id: station.id}]};
    await v.page.evaluate(([k, text]) => localStorage.setItem(k, text), [SCENARIO_STORAGE_KEY, JSON.stringify(s)] as [string, string]);
    await v.page.reload();
    await v.page.waitForSelector("#cc-ex-offer");
    expect(await v.page.textContent("#cc-ex-offer")).toContain("选址建议 3 处");
    // the page opens on the first county; the scenario is about another
    expect(region.counties[0].code).not.toBe(littleCounty);
    expect(await v.page.inputValue("#cc-ex-county")).toBe(region.counties[0].code);
    await v.page.click("#cc-ex-stored-apply");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    // the county selector, the figures and the map follow the scenario's county
    expect(await v.page.inputValue("#cc-ex-county")).toBe(littleCounty);
    expect(await v.page.getAttribute("#cc-ex-kpi", "data-county")).toBe(littleCounty);
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(coveredIn(littleCounty, region.facilities.filter((f) => f.id !== station.id)));
    expect(await v.page.textContent("#cc-ex-imported")).toContain("利通区");
    await settle(v.page);
    const [w, so, e, n] = turf.bbox(boundaries.counties.features.find((f) => f.properties.code === littleCounty)!);
    const view = await v.page.evaluate(() => {
      const b = (document.querySelector(".cc-ex-map") as unknown as {map: {getBounds: () => {toArray: () => [[number, number], [number, number]]}}}).map.getBounds().toArray();
      return b.flat();
    });
    // the whole county is in view, and it fills a good part of it (not the five-county frame)
    expect(view[0]).toBeLessThanOrEqual(w);
    expect(view[1]).toBeLessThanOrEqual(so);
    expect(view[2]).toBeGreaterThanOrEqual(e);
    expect(view[3]).toBeGreaterThanOrEqual(n);
    expect((e - w) * (n - so)).toBeGreaterThan(0.15 * (view[2] - view[0]) * (view[3] - view[1]));
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("keeps county, measure and layers in the address, and a reload shows the same view", async () => {
    const v = await open();
    expect(new URL(v.page.url()).searchParams.get("county")).toBe(region.counties[0].code);
    await chooseCounty(v.page, littleCounty);
    await v.page.selectOption("#cc-ex-measure", "pop80");
    await v.page.waitForSelector('#cc-ex-kpi[data-measure="pop80"]');
    await v.page.uncheck("#cc-ex-layer-villages");
    await v.page.check("#cc-ex-layer-heatmap");
    const url = new URL(v.page.url());
    expect(url.pathname).toBe("/explorer.html");
    expect(url.searchParams.get("county")).toBe(littleCounty);
    expect(url.searchParams.get("measure")).toBe("pop80");
    expect(url.searchParams.get("layers")).toBe("choropleth,heatmap,circles,outlines,facilities");
    expect(url.search).toContain("layers=choropleth,heatmap,"); // readable: commas as they are
    const layersOn = () => v.page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>("input[data-layer]")].filter((b) => b.checked).map((b) => b.dataset.layer).sort());
    const before = await layersOn();
    await v.page.reload();
    await v.page.waitForSelector(`#cc-ex-kpi[data-county="${littleCounty}"][data-measure="pop80"]`);
    expect(await v.page.inputValue("#cc-ex-county")).toBe(littleCounty);
    expect(await v.page.inputValue("#cc-ex-measure")).toBe("pop80");
    expect(await layersOn()).toEqual(before);
    expect(before).toEqual(["choropleth", "circles", "facilities", "heatmap", "outlines"]);
    expect(await v.page.isChecked("#cc-ex-layer-villages")).toBe(false);
    expect(await v.page.isChecked("#cc-ex-layer-heatmap")).toBe(true);
    expect(v.page.url()).toBe(url.href);
    // the figures are those of the county and measure in the address
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(coveredIn(littleCounty, region.facilities, "pop80"));
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("keeps the work across a reload: offered back, never applied silently; 恢复 restores it, 丢弃 and reset clear it", async () => {
    const v = await open();
    const key = `carecircle:explorer:${region.meta.id}:${region.counties[0].code}`;
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const original = await num(v.page, "#cc-ex-kpi", "data-covered");
    const village = await uncoveredVillageOnScreen(v.page, littleCounty);
    await v.page.click("#cc-ex-add");
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    await v.page.click("#cc-ex-add"); // leave add mode
    const edited = await num(v.page, "#cc-ex-kpi", "data-covered");
    expect(edited).toBeGreaterThan(original);
    await v.page.waitForSelector('#cc-explorer[data-saved-ops="1"]');
    const storage = () => v.page.evaluate(([a, b]) => [localStorage.getItem(a), localStorage.getItem(b)], [key, SCENARIO_STORAGE_KEY] as [string, string]);
    const [saved, handOver] = await storage();
    expect(parseScenario(JSON.parse(saved!), region.meta.id).ops.map((o) => o.op)).toEqual(["add"]);
    expect(handOver).toBeNull(); // the siting hand-over is another key
    // reload: offered, not applied
    await v.page.reload();
    await v.page.waitForSelector("#cc-ex-restore");
    await v.page.waitForSelector(`#cc-ex-kpi[data-county="${littleCounty}"]`);
    expect(await v.page.getAttribute("#cc-ex-kpi", "data-ops")).toBe("0");
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(original);
    expect(await v.page.textContent("#cc-ex-restore")).toMatch(/上次的模拟方案（1 项修改，保存于 \d{4}-\d\d-\d\d \d\d:\d\d）未清除：/);
    await waitForMapsIdle(v.page);
    await v.page.screenshot({path: join(SCREENSHOTS, "explorer-restore-1366.png")});
    await v.page.click("#cc-ex-restore-apply");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(edited);
    expect(await v.page.locator("#cc-ex-restore").count()).toBe(0);
    expect(await v.page.textContent("#cc-ex-imported")).toContain("已恢复上次的模拟方案（1 项修改）");
    // reset clears the kept work; undo brings it back, and it is kept again
    await v.page.click("#cc-ex-reset");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="0"]');
    expect((await storage())[0]).toBeNull();
    await v.page.click("#cc-ex-undo");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    await v.page.waitForSelector('#cc-explorer[data-saved-ops="1"]');
    expect((await storage())[0]).not.toBeNull();
    // reload again and discard: the banner goes, the original figures stay, nothing is kept
    await v.page.reload();
    await v.page.waitForSelector("#cc-ex-restore");
    await v.page.click("#cc-ex-restore-discard");
    expect(await v.page.locator("#cc-ex-restore").count()).toBe(0);
    expect(await v.page.getAttribute("#cc-ex-kpi", "data-ops")).toBe("0");
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(original);
    expect((await storage())[0]).toBeNull();
    await v.page.reload();
    await v.page.waitForSelector("#cc-ex-kpi[data-covered]");
    await waitForMapsIdle(v.page);
    expect(await v.page.locator("#cc-ex-restore").count()).toBe(0);
    // kept work naming a facility that no longer exists is reported, and nothing of it applied
    const station = region.facilities.find((f) => f.county_code === littleCounty && f.status === "operating")!;
    const stale = {format: "carecircle-scenario", version: 1, region: region.meta.id, name: "x", created: "2026-01-02T03:04:05Z", ops: [{op: "remove", id: station.id}, {op: "remove", id: "GONE-0001"}]};
    await v.page.evaluate(([k, text]) => localStorage.setItem(k, text), [key, JSON.stringify(stale)] as [string, string]);
    await v.page.reload();
    await v.page.waitForSelector("#cc-ex-restore");
    expect(await v.page.textContent("#cc-ex-restore")).toContain("2 项修改");
    await v.page.click("#cc-ex-restore-apply");
    await v.page.waitForSelector('#cc-ex-restore[data-failed="1"]');
    expect(await v.page.textContent("#cc-ex-error")).toContain("GONE-0001");
    expect(await v.page.getAttribute("#cc-ex-kpi", "data-ops")).toBe("0");
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(original);
    await v.page.click("#cc-ex-restore-discard");
    expect((await storage())[0]).toBeNull();
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("survives a browser whose localStorage throws", async () => {
    const v = await visit(site.browser, site.base, "/explorer.html", {
      width: 1366,
      height: 768,
      // private modes and locked-down browsers: reading window.localStorage throws
      beforeGoto: async (page) => {
        await page.addInitScript(() => {
          Object.defineProperty(window, "localStorage", {
            get() {
              throw new DOMException("denied", "SecurityError");
            }
          });
        });
      }
    });
    await v.page.waitForSelector("#cc-ex-kpi[data-covered]");
    await v.page.fill('input[data-type="township_centre"][data-settlement="rural"]', "12000");
    await v.page.press('input[data-type="township_centre"][data-settlement="rural"]', "Tab");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    await v.page.waitForSelector('#cc-explorer[data-saved-ops="unavailable"]');
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("reads and writes the view in the address under a sub-path, ignoring what it does not know", async () => {
    const station = region.facilities.find((f) => f.county_code === littleCounty && f.status === "operating")!;
    const v = await visit(site.browser, site.sub, `/explorer.html?lang=zh&county=${littleCounty}&measure=pop65&layers=circles,facilities&select=f:${encodeURIComponent(station.id)}`, {width: 1366, height: 768});
    await v.page.waitForSelector(`#cc-ex-kpi[data-county="${littleCounty}"][data-measure="pop65"]`);
    expect(await v.page.inputValue("#cc-ex-county")).toBe(littleCounty);
    expect(await v.page.inputValue("#cc-ex-measure")).toBe("pop65");
    expect(await v.page.getAttribute("#cc-explorer", "data-visible-layers")).toBe("circles,facilities");
    expect(await v.page.getAttribute("#cc-ex-details", "data-id")).toBe(station.id);
    await v.page.selectOption("#cc-ex-county", "*");
    await v.page.waitForSelector('#cc-ex-kpi[data-county="*"]');
    let url = new URL(v.page.url());
    expect(url.pathname).toBe("/yanglao/explorer.html");
    expect(url.searchParams.get("county")).toBe("*");
    expect(url.searchParams.get("lang")).toBe("zh"); // others' parameters kept
    await v.page.reload();
    await v.page.waitForSelector('#cc-ex-kpi[data-county="*"][data-measure="pop65"]');
    expect(await v.page.inputValue("#cc-ex-county")).toBe("*");
    await waitForMapsIdle(v.page); // leaving while the map still loads its worker aborts that request
    // unknown values: the defaults, no error
    await v.page.goto(`${site.sub}/explorer.html?county=999999&measure=pop99&layers=nope&select=f:NOPE`, {waitUntil: "load"});
    await v.page.waitForSelector("#cc-ex-kpi[data-covered]");
    expect(await v.page.inputValue("#cc-ex-county")).toBe(region.counties[0].code);
    expect(await v.page.inputValue("#cc-ex-measure")).toBe("pop60");
    expect(await v.page.getAttribute("#cc-explorer", "data-visible-layers")).toBe("choropleth,circles,facilities,outlines,villages");
    url = new URL(v.page.url());
    expect(url.pathname).toBe("/yanglao/explorer.html");
    expect(url.searchParams.get("county")).toBe(region.counties[0].code);
    expect(url.searchParams.get("select")).toBeNull();
    await waitForMapsIdle(v.page);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("measures the what-if update time for the largest county and takes screenshots", async () => {
    const sizes = region.counties.map((c) => ({...c, villages: region.villages.filter((v) => v.county_code === c.code).length})).sort((a, b) => b.villages - a.villages);
    const largest = sizes[0];
    const v = await open(1366, 768);
    await chooseCounty(v.page, largest.code);
    await closeLayerPanel(v.page);
    const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
    await v.page.click("#cc-ex-add");
    // click to painted frame: a capturing click listener (before MapLibre's) notes the time and waits for the map's
    // next idle — the edit, the recompute, the panels and the new sources parsed and drawn
    await v.page.evaluate(() => {
      const map = (document.querySelector(".cc-ex-map") as unknown as {map: {once: (e: string, f: () => void) => void}}).map;
      const w = window as unknown as {ccPaint: number[]};
      w.ccPaint = [];
      addEventListener("click", () => {
        const t0 = performance.now();
        map.once("idle", () => requestAnimationFrame(() => w.ccPaint.push(performance.now() - t0)));
      }, {capture: true});
    });
    const times: number[] = [];
    for (let k = 0; k < 21; k++) {
      const x = box.x + 40 + ((k * 137) % Math.max(1, box.width - 120));
      const y = box.y + 40 + ((k * 89) % Math.max(1, Math.min(box.height, 700 - box.y) - 60));
      await v.page.mouse.click(x, y);
      await v.page.waitForSelector(`#cc-ex-kpi[data-ops="${k + 1}"]`);
      await v.page.waitForFunction((n) => (window as unknown as {ccPaint: number[]}).ccPaint.length >= n, k + 1);
      if (k > 0) times.push(await num(v.page, "#cc-ex-kpi", "data-update-ms")); // the first op warms up the JIT
    }
    const paint = (await v.page.evaluate(() => (window as unknown as {ccPaint: number[]}).ccPaint)).slice(1).sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const paintMedian = paint[Math.floor(paint.length / 2)];
    console.log(`explorer what-if update (${largest.name}, ${largest.villages} villages; engine op + metrics + targets + access): median ${median.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms over ${times.length} adds`);
    console.log(`explorer click to painted frame (${largest.name}): median ${paintMedian.toFixed(0)} ms, max ${paint.at(-1)!.toFixed(0)} ms over ${paint.length} adds`);
    mkdirSync(join("test", "output"), {recursive: true});
    writeFileSync(join("test", "output", "explorer-timing.json"), JSON.stringify({county: largest.name, villages: largest.villages, update_ms_median: median, paint_ms_median: paintMedian, paint_ms_max: paint.at(-1), adds: paint.length}, null, 2));
    // reported, not asserted as a timing (README); here only that every edit was measured
    expect(paint.length).toBe(20);
    expect(times.every(Number.isFinite)).toBe(true);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();

    const wide = await open(1920, 1080);
    await chooseCounty(wide.page, largest.code);
    await wide.page.screenshot({path: join(SCREENSHOTS, "explorer-1920x1080.png")});
    expect(problems(wide)).toEqual([]);
    await wide.page.context().close();

    const small = await open(1366, 768);
    await chooseCounty(small.page, littleCounty);
    await small.page.check("#cc-ex-layer-gaps");
    await settle(small.page);
    await small.page.screenshot({path: join(SCREENSHOTS, "explorer-1366x768.png")});
    await small.page.screenshot({path: join(SCREENSHOTS, "explorer-1366x768-full.png"), fullPage: true});
    expect(problems(small)).toEqual([]);
    await small.page.context().close();
  });
});

describe("explorer: find, filter, year, room", () => {
  it("the year control shows the network at end-2023 read-only, with 利通区's milestone judged then, and comes back", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    const today = await num(v.page, "#cc-ex-kpi", "data-covered");
    const townshipToday = await num(v.page, '#cc-ex-kpi tr[data-tier="township"]', "data-covered");
    await v.page.selectOption("#cc-ex-date", "2023-12-31");
    await v.page.waitForSelector('#cc-explorer[data-read-only="1"] #cc-ex-kpi[data-date="2023-12-31"]');
    await settle(v.page);
    expect(await v.page.isDisabled("#cc-ex-add")).toBe(true);
    expect(await v.page.textContent("#cc-ex-asof")).toContain("2023年底");
    // the network then: township centres that opened later do not count, so the township tier covers fewer people
    expect(await num(v.page, '#cc-ex-kpi tr[data-tier="township"]', "data-covered")).toBeLessThan(townshipToday);
    const milestone = v.page.locator(".cc-ex-lights > .cc-ex-lightlist > li", {hasText: "服务中心覆盖率（2023年）"});
    expect(await milestone.getAttribute("data-light")).toBe("red");
    expect(await milestone.textContent()).toContain("41.7%");
    const now = await v.page.locator("#cc-ex-date option", {hasText: "现状"}).getAttribute("value");
    await v.page.selectOption("#cc-ex-date", now!);
    await v.page.waitForSelector('#cc-explorer[data-read-only="0"]');
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(today);
    expect(await v.page.isDisabled("#cc-ex-add")).toBe(false);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("the find table selects on the map, and a village picked on the map is marked in the table", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    await closeLayerPanel(v.page);
    const village = await uncoveredVillageOnScreen(v.page, littleCounty, true);
    await v.page.fill("#cc-ex-find", village.name);
    const row = v.page.locator(`#cc-ex-findbox tr[data-kind="village"][data-id="${village.code}"]`);
    await row.waitFor();
    // every listed row matches the search, and the count says how many
    const names = await v.page.locator("#cc-ex-findbox tbody th").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes(village.name))).toBe(true);
    expect(await num(v.page, "#cc-ex-findbox", "data-matched")).toBe(names.length);
    await row.click();
    await v.page.waitForSelector(`#cc-ex-details[data-kind="village"][data-id="${village.code}"]`);
    expect(await v.page.getAttribute(`#cc-ex-findbox tr[data-id="${village.code}"]`, "aria-selected")).toBe("true");
    const filter = await v.page.evaluate(() => (document.querySelector(".cc-ex-map") as unknown as {map: {getFilter: (id: string) => unknown}}).map.getFilter("villages-selected"));
    expect(JSON.stringify(filter)).toContain(village.code);
    // picked on the map: the table marks it
    await v.page.click("#cc-ex-details"); // move focus off the search box
    await v.page.fill("#cc-ex-find", "");
    const p = await screenAt(v.page, village.lng, village.lat);
    await v.page.mouse.click(p.x, p.y);
    await v.page.waitForSelector(`#cc-ex-details[data-id="${village.code}"]`);
    await v.page.fill("#cc-ex-find", village.code);
    await v.page.waitForSelector(`#cc-ex-findbox tr[data-id="${village.code}"][aria-selected="true"]`);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("filters draw what they say: uncovered villages only, facilities with at least n beds; coverage is unchanged", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    const covered = await num(v.page, "#cc-ex-kpi", "data-covered");
    const e = new CoverageEngine(region.villages, region.facilities, region.config.radii, {statuses: region.meta.serving}).result();
    const uncovered = region.villages.filter((_, i) => TIERS.every((t) => e.tiers[t].count[i] === 0)).length;
    await v.page.selectOption("#cc-ex-village-coverage", "uncovered");
    await v.page.waitForSelector(`#cc-explorer[data-villages-shown="${uncovered}"]`);
    await v.page.fill("#cc-ex-min-beds", "50");
    await v.page.press("#cc-ex-min-beds", "Enter");
    const big = region.facilities.filter((f) => f.beds >= 50).length;
    await v.page.waitForSelector(`#cc-explorer[data-facilities-shown="${big}"]`);
    expect(await num(v.page, "#cc-ex-kpi", "data-covered")).toBe(covered);
    // the table lists the same: the county's facilities with ≥ 50 beds and its uncovered villages
    const inCounty = region.facilities.filter((f) => f.beds >= 50 && f.county_code === littleCounty).length + region.villages.filter((x, i) => x.county_code === littleCounty && TIERS.every((t) => e.tiers[t].count[i] === 0)).length;
    expect(await num(v.page, "#cc-ex-findbox", "data-matched")).toBe(inCounty);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("the accessible-beds layer (E2SFCA) colours the villages, and raising a centre's beds raises the unit's figure", async () => {
    const centre = region.facilities.find((f) => f.county_code === littleCounty && f.type === "township_centre" && region.meta.serving.includes(f.status))!;
    const v = await visit(site.browser, site.base, `/explorer.html?county=${littleCounty}&layers=outlines,access,facilities&select=f:${encodeURIComponent(centre.id)}`, {width: 1366, height: 768});
    await v.page.waitForSelector(`#cc-ex-details[data-id="${centre.id}"]`);
    await settle(v.page);
    expect(await v.page.isChecked("#cc-ex-layer-access")).toBe(true);
    expect(await v.page.textContent(".cc-ex-layers")).toContain("可及床位（E2SFCA");
    const before = await num(v.page, "#cc-ex-access", "data-mean");
    expect(before).toBeGreaterThan(0);
    await v.page.fill("#cc-ex-cap-beds", String(centre.beds + 200));
    await v.page.click("#cc-ex-cap-save");
    await v.page.waitForSelector('#cc-ex-kpi[data-ops="1"]');
    expect(await num(v.page, "#cc-ex-access", "data-mean")).toBeGreaterThan(before);
    expect(await v.page.textContent("#cc-ex-access")).toContain("较原始数据 +");
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("the whole-region view shows the counties as small multiples of the current figures, each opening its county", async () => {
    const v = await open();
    await chooseCounty(v.page, "*");
    await v.page.waitForSelector('#cc-explorer[data-multiples="1"] #cc-ex-multiples');
    const cards = v.page.locator("#cc-ex-multiples .cc-ex-multiple");
    expect(await cards.count()).toBe(region.counties.length);
    // each small map is legible: at least 150 px wide with its townships drawn
    for (const c of region.counties) {
      const card = v.page.locator(`#cc-ex-multiples .cc-ex-multiple[data-county="${c.code}"]`);
      expect(await card.textContent()).toContain(c.name);
      const svg = card.locator("svg").first();
      expect((await svg.boundingBox())!.width).toBeGreaterThan(150);
      expect(await card.locator("svg path").count()).toBeGreaterThanOrEqual(region.townships.filter((t) => t.county_code === c.code).length);
    }
    await v.page.screenshot({path: join(SCREENSHOTS, "explorer-multiples-1366x768.png")});
    await v.page.click(`#cc-ex-multiples .cc-ex-multiple[data-county="${littleCounty}"]`);
    await v.page.waitForSelector(`#cc-ex-kpi[data-county="${littleCounty}"]`);
    expect(await v.page.isVisible("#cc-ex-multiples")).toBe(false);
    // back to all counties, then the map instead of the small multiples
    await chooseCounty(v.page, "*");
    await v.page.click("#cc-ex-multiples-close");
    await v.page.waitForSelector('#cc-explorer[data-multiples="0"]');
    expect(await v.page.isVisible(".cc-ex-map canvas")).toBe(true);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });

  it("folding the layer panel gives the map its room back: the county is refitted to the whole map", async () => {
    const v = await open();
    await chooseCounty(v.page, littleCounty);
    const county = boundaries.counties.features.find((f) => f.properties.code === littleCounty)!;
    const [w, s, e, n] = turf.bbox(county);
    // how far right of the map's middle the county's middle is drawn (the open panel covers the map's left side)
    const offset = async () => {
      const box = (await v.page.locator(".cc-ex-map canvas").boundingBox())!;
      const mid = ((await screenAt(v.page, e, (s + n) / 2)).x + (await screenAt(v.page, w, (s + n) / 2)).x) / 2;
      return mid - (box.x + box.width / 2);
    };
    const withPanel = await offset();
    expect(withPanel).toBeGreaterThan(40);
    await closeLayerPanel(v.page);
    await v.page.waitForSelector('#cc-explorer[data-layer-panel="closed"]');
    await settle(v.page);
    expect(Math.abs(await offset())).toBeLessThan(withPanel / 2);
    expect(problems(v)).toEqual([]);
    await v.page.context().close();
  });
});

/** Click 导出方案 and read the downloaded file. */
async function exportScenario(page: Page): Promise<{ops: {op: string}[]; region: string}> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#cc-ex-export")]);
  const path = await download.path();
  return JSON.parse(readFileSync(path, "utf-8"));
}
