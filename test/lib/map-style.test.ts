import {describe, expect, it} from "vitest";
import {FACILITY_TYPES} from "../../src/lib/facility-types.ts";
import {coverageLayers, iconName, iconSpecs, LAYER_GROUPS, layerIdsOf, SHARE_STEPS, TYPE_COLOR} from "../../src/lib/view/map-style.ts";
import {SITE_STATE_COLOR} from "../../src/lib/view/command.ts";

/** Hue (degrees), saturation-weighted chroma and relative lightness of a #rrggbb colour (HSL). */
function hsl(hex: string): {h: number; s: number; l: number} {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (d) h = max === r ? 60 * (((g - b) / d) % 6) : max === g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
  return {h: (h + 360) % 360, s, l};
}
import type {FacilityStatus} from "../../src/lib/types.ts";

describe("map style", () => {
  const all = new Set(LAYER_GROUPS.map((g) => g.id));
  const layers = coverageLayers(all);
  const ids = layers.map((l) => l.id);

  it("gives every layer group real layers, and every layer one group", () => {
    const grouped = LAYER_GROUPS.flatMap((g) => layerIdsOf(g.id));
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual([...ids].sort());
  });

  it("hides exactly the layers of a group switched off", () => {
    const without = coverageLayers(new Set([...all].filter((g) => g !== "gaps")));
    const hidden = without.filter((l) => (l.layout as {visibility?: string} | undefined)?.visibility === "none").map((l) => l.id);
    expect(hidden).toEqual(layerIdsOf("gaps"));
  });

  it("has a marker image for every type and status, and distinct colours per type", () => {
    const names = new Set(iconSpecs().map((s) => s.name));
    const statuses: FacilityStatus[] = ["operating", "construction", "planned", "upgrading"];
    for (const t of FACILITY_TYPES) for (const s of statuses) expect(names.has(iconName(t, s))).toBe(true);
    expect(new Set(Object.values(TYPE_COLOR)).size).toBe(FACILITY_TYPES.length);
    expect(iconName("canteen", "planned")).not.toBe(iconName("canteen", "operating"));
  });

  it("colours coverage on a sequential blue-purple ramp that cannot be read as the target lights", () => {
    // the light colours (styles.css --cc-green/--cc-amber/--cc-red, the 大屏's states) are green, amber and red
    const lights = [SITE_STATE_COLOR.on_time, SITE_STATE_COLOR.late, SITE_STATE_COLOR.overdue, "#2e8540", "#d4890a", "#c0392b"].map(hsl);
    expect(lights.every((c) => c.h < 150)).toBe(true);
    const steps = SHARE_STEPS.map(([, c]) => hsl(c));
    for (const c of steps) {
      expect(c.h).toBeGreaterThanOrEqual(195);
      expect(c.h).toBeLessThanOrEqual(280);
    }
    // thresholds rise, and the colour darkens with them (more covered, darker)
    const t = SHARE_STEPS.map(([x]) => x);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    for (let i = 1; i < steps.length; i++) expect(steps[i].l).toBeLessThan(steps[i - 1].l - 0.05);
    // the explorer's choropleth steps through the same colours
    const fill = JSON.stringify(layers.find((l) => l.id === "townships-fill")!.paint);
    for (const [, c] of SHARE_STEPS) expect(fill).toContain(c);
  });
});
