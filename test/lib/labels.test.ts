import {describe, expect, it} from "vitest";
import {overlaps, placeLabels, textWidth} from "../../src/lib/view/labels.ts";

describe("map labels", () => {
  it("measures CJK at 1 em and Latin at 0.6 em", () => {
    expect(textWidth("石化街道", 10)).toBe(40);
    expect(textWidth("A1", 10)).toBe(12);
    expect(textWidth("站点12", 10)).toBe(32);
  });

  it("places a lone label above its point, centred, offset by the gap", () => {
    // "养老院" at 10 px: 30 × 12 box; above (100, 100) with offset 5 → centre y = 100 − 5 − 6 = 89
    const [p] = placeLabels([{x: 100, y: 100, text: "养老院", priority: 1}], {fontSize: 10, offset: 5, padding: 0});
    expect(p).toEqual({index: 0, placement: "top", cx: 100, cy: 89, box: {x0: 85, y0: 83, x1: 115, y1: 95}});
  });

  it("moves a label that would collide to a free side, and drops it when no side is free", () => {
    // two points 4 px apart: the more important one takes the top, the other goes below
    const two = placeLabels(
      [
        {x: 100, y: 100, text: "小站", priority: 1},
        {x: 104, y: 100, text: "中心", priority: 5}
      ],
      {fontSize: 10, offset: 5, padding: 1}
    );
    expect(two.map((p) => [p.index, p.placement])).toEqual([
      [1, "top"],
      [0, "bottom"]
    ]);
    // ten points on one spot ("设施n", 26 × 12 px): above and below are free; a label to the right (x 205–231,
    // y 194–206) would overlap the one above (x 187–213, y 183–195, each padded 1.5 px), so only two are kept
    const pile = placeLabels(Array.from({length: 10}, (_, i) => ({x: 200, y: 200, text: `设施${i}`, priority: i})), {fontSize: 10, offset: 5});
    expect(pile.map((p) => p.placement)).toEqual(["top", "bottom"]);
    expect(pile.map((p) => p.index)).toEqual([9, 8]); // the highest priorities
    // a one-character name fits beside as well: 10 px wide, to the right x 205–215 clears the top label (x 195–205)
    const narrow = placeLabels(Array.from({length: 10}, (_, i) => ({x: 200, y: 200, text: "站", priority: i})), {fontSize: 10, offset: 5, padding: 0});
    expect(narrow.map((p) => p.placement)).toEqual(["top", "bottom", "right", "left"]);
    for (const a of pile) for (const b of pile) if (a !== b) expect(overlaps(a.box, b.box)).toBe(false);
  });

  it("keeps labels inside the frame and off obstacles", () => {
    // a point at the top edge cannot be labelled above it; below is free
    const [edge] = placeLabels([{x: 50, y: 3, text: "镇", priority: 1}], {fontSize: 10, bounds: {x0: 0, y0: 0, x1: 100, y1: 100}});
    expect(edge.placement).toBe("bottom");
    // an obstacle (another marker) right above the point pushes the label below
    const [off] = placeLabels([{x: 50, y: 50, text: "镇", priority: 1}], {fontSize: 10, obstacles: [{x0: 45, y0: 35, x1: 55, y1: 45}]});
    expect(off.placement).toBe("bottom");
  });

  it("never returns two overlapping labels on random points", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const cands = Array.from({length: 200}, (_, i) => ({x: rnd() * 400, y: rnd() * 300, text: "社区养老服务站".slice(0, 2 + (i % 6)), priority: rnd()}));
    const placed = placeLabels(cands, {fontSize: 10});
    expect(placed.length).toBeGreaterThan(10);
    expect(placed.length).toBeLessThan(200);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
  });
});
