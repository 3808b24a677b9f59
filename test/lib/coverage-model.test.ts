// Every page names the coverage model it uses (issue 18): straight-line radii, and where a region's road-network
// travel times are when it has roads. region.json's meta says whether the region has a road network.
import {describe, expect, it} from "vitest";
import {regionArtifact} from "../../loaders/artifacts.ts";
import {loadRegion} from "../../loaders/region.ts";
import type {SiteData} from "../../loaders/site-data.ts";
import {coverageModelText} from "../../src/lib/view/format.ts";
import {mergeRadii} from "../../src/lib/engine/radii.ts";

async function meta(folder: string) {
  const {region} = await loadRegion(folder);
  const sd = {region, radii: mergeRadii(region.config.radii as never), evaluationDate: region.meta.data_date} as unknown as SiteData;
  return regionArtifact(sd).meta;
}

describe("the coverage model named on the pages", () => {
  it("region.json says whether the region has a road network", async () => {
    expect((await meta("data/default")).road_network).toBe(false);
    expect((await meta("test/fixtures/roads-region")).road_network).toBe(true);
  }, 60_000);

  it("names straight-line radii, and where the road-network travel times are when there are roads", () => {
    expect(coverageModelText(false)).toBe("覆盖按直线距离服务半径计算");
    expect(coverageModelText(undefined)).toBe("覆盖按直线距离服务半径计算");
    expect(coverageModelText(true)).toContain("路网通行时间见各县区报告");
    expect(coverageModelText(true, "explorer")).toContain("路网通行时间见图层“路网通行时间”");
    expect(coverageModelText(false, "explorer")).toBe("覆盖按直线距离服务半径计算");
  });
});
