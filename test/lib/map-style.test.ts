import {describe, expect, it} from "vitest";
import {FACILITY_TYPES} from "../../src/lib/facility-types.ts";
import {coverageLayers, iconName, iconSpecs, LAYER_GROUPS, layerIdsOf, TYPE_COLOR} from "../../src/lib/map-style.ts";
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
});
