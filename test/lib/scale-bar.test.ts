import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {scaleBar} from "../../src/lib/view/scale-bar.ts";

describe("scaleBar", () => {
  it("takes the longest 1-2-5 distance that fits", () => {
    expect(scaleBar(100, 150)).toEqual({metres: 10000, px: 100, label: "10 公里"});
    expect(scaleBar(100, 99)).toEqual({metres: 5000, px: 50, label: "5 公里"});
    expect(scaleBar(2, 120)).toEqual({metres: 200, px: 100, label: "200 米"});
    expect(scaleBar(1000, 120)).toEqual({metres: 100000, px: 100, label: "100 公里"});
  });

  it("always fits, and is never shorter than 40 % of the room", () => {
    fc.assert(fc.property(fc.double({min: 0.01, max: 1e5, noNaN: true}), fc.double({min: 20, max: 2000, noNaN: true}), (mpp, max) => {
      const bar = scaleBar(mpp, max);
      expect(bar.px).toBeLessThanOrEqual(max * (1 + 1e-9));
      expect(bar.px).toBeGreaterThanOrEqual(max * 0.4 * (1 - 1e-9));
      expect(String(bar.metres)).toMatch(/^[125]0*$|^0\.0*[125]$/);
    }));
  });

  it("refuses a scale that is not a positive number, naming it", () => {
    expect(() => scaleBar(0, 100)).toThrow(/metresPerPx > 0.*got 0, 100/);
  });
});
