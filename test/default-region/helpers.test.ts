/** The ECharts compressed-GeoJSON decoder, the apportionment and the PRNG of the default-region generator. */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {decodeGeoJSON, decodeRing, encodeRing} from "../../scripts/extract-echarts-decode.ts";
import {shortName} from "../../scripts/extract-outlines.ts";
import {apportion} from "../../loaders/default-region/apportion.ts";
import {rng} from "../../loaders/default-region/prng.ts";

describe("ECharts decoder", () => {
  it("decodes a hand-encoded ring: '@' = 0, 'D' = +2, 'B' = +1, 'A' = -1, offsets / 1024", () => {
    // pairs: (@,@) → (0,0); (D,B) → (+2,+1); (B,A) → (+1,-1)
    expect(decodeRing("@@DBBA", [124321, 31442])).toEqual([
      [124321 / 1024, 31442 / 1024],
      [124323 / 1024, 31443 / 1024],
      [124324 / 1024, 31442 / 1024]
    ]);
  });

  it("decodes Polygon and MultiPolygon features of a UTF8Encoding collection", () => {
    const out = decodeGeoJSON({
      UTF8Encoding: true,
      features: [
        {id: "1", properties: {name: "a"}, geometry: {type: "Polygon", coordinates: ["@@DB"], encodeOffsets: [[1024, 2048]]}},
        {id: "2", properties: {name: "b"}, geometry: {type: "MultiPolygon", coordinates: [["@@"], ["AA"]], encodeOffsets: [[[0, 0]], [[1024, 1024]]]}}
      ]
    });
    expect(out[0].geometry).toEqual({type: "Polygon", coordinates: [[[1, 2], [1 + 2 / 1024, 2 + 1 / 1024]]]});
    expect(out[1].geometry).toEqual({type: "MultiPolygon", coordinates: [[[[0, 0]]], [[[1023 / 1024, 1023 / 1024]]]]});
  });

  it("passes an unencoded collection through", () => {
    const g = {type: "Polygon", coordinates: [[[1, 2], [3, 4]]]};
    const out = decodeGeoJSON({UTF8Encoding: false, features: [{properties: {}, geometry: g as never}]});
    expect(out[0].geometry).toEqual(g);
  });

  it("round-trips encodeRing → decodeRing on quantised coordinates", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({min: 70 * 1024, max: 135 * 1024}), fc.integer({min: 18 * 1024, max: 54 * 1024})), {minLength: 1, maxLength: 30}), (q) => {
        // keep deltas within one character (|d| ≤ 40 units) as ECharts' files do
        const pts: [number, number][] = [];
        let [x, y] = q[0];
        for (const [dx, dy] of q) {
          x += (dx % 81) - 40;
          y += (dy % 81) - 40;
          pts.push([x / 1024, y / 1024]);
        }
        const {encoded, offset} = encodeRing(pts);
        expect(decodeRing(encoded, offset)).toEqual(pts);
      })
    );
  });
});

describe("committee names", () => {
  it("drops the committee suffix", () => {
    expect(shortName("兴隆社区居民委员会", "community")).toBe("兴隆社区");
    expect(shortName("船形村村民委员会", "village")).toBe("船形村");
    expect(shortName("达布察克村民委员会", "village")).toBe("达布察克村");
    expect(shortName("斯布扣嘎查村委员会", "village")).toBe("斯布扣嘎查");
    expect(shortName("巴音布拉格嘎查村", "village")).toBe("巴音布拉格嘎查");
    expect(shortName("三村居委会", "community")).toBe("三村居委会");
  });
});

describe("apportion", () => {
  it("sums exactly, respects caps, and is proportional within 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({min: 0.01, max: 100, noNaN: true}), {minLength: 1, maxLength: 60}), fc.integer({min: 0, max: 100_000}), (w, total) => {
        const parts = apportion(total, w);
        expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
        const ws = w.reduce((s, x) => s + x, 0);
        parts.forEach((p, i) => expect(Math.abs(p - (total * w[i]) / ws)).toBeLessThan(1 + 1e-6));
        const caps = parts.map((p) => p + 3);
        const capped = apportion(Math.min(total, caps.reduce((s, x) => s + x, 0)), w.map((x, i) => (i % 2 ? x * 10 : x)), caps);
        capped.forEach((p, i) => expect(p).toBeLessThanOrEqual(caps[i]));
      })
    );
  });

  it("fails loudly when caps cannot hold the total", () => {
    expect(() => apportion(10, [1, 1], [3, 3])).toThrow(/caps/);
  });
});

describe("prng", () => {
  it("is a pure function of its label", () => {
    const a = rng("x");
    const b = rng("x");
    const c = rng("y");
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect([c(), c(), c()]).not.toEqual(sa);
    expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
