/**
 * The county report's rows (src/lib/view/county-report.ts): bed supply in one order for chart, table and CSV, coverage
 * cells per township and tier, the ranking's weighted parts, station links with names joined, and the E2SFCA table
 * where a figure the region does not provide reads 未提供 (never 0) and one with nobody to count reads —. Hand-made
 * rows, then the default region's 利通区 checked against its own metrics.
 */
import {describe, expect, it} from "vitest";
import {travelConfig} from "../../src/lib/engine/network.ts";
import {siteData} from "../../loaders/site-data.ts";
import type {BedGap} from "../../src/lib/plan/beds.ts";
import {
  accessCsvRows, accessTableRows, bedStandardView, bedSupplyRows, chartWidth, densityRows, linkRows, nameMargin, rankingRows, serviceAreaView, stationCapacityText, stationColumns, stationServedSentence, TIER_COVERAGE_COLUMNS,
  facilityLayer, tierCoverageCells, townshipLayer, townshipTargetRows, TRAVEL_FORMAT, travelRows, weightsText, type AccessRow
} from "../../src/lib/view/county-report.ts";
import {NOT_PROVIDED} from "../../src/lib/view/format.ts";
import type {StationLink} from "../../src/lib/plan/metrics.ts";

const gap = (code: string, beds: number, pop60: number, per1000: number | null): BedGap =>
  ({township_code: code, pop60, beds, standard: 35, target: Math.ceil((pop60 * 35) / 1000), gap: Math.max(0, Math.ceil((pop60 * 35) / 1000) - beds), per1000} as BedGap);

describe("county report rows (hand-made)", () => {
  it("bed supply: the county's townships only, most beds per 1 000 first, townships without older people last, ties by name", () => {
    const names = new Map([["1", "乙镇"], ["2", "甲镇<script>"], ["3", "丙镇"], ["4", "丁镇"]]);
    const rows = bedSupplyRows([gap("1", 10, 1000, 10), gap("2", 50, 1000, 50), gap("3", 0, 0, null), gap("4", 10, 1000, 10), gap("9", 99, 1000, 99)], names);
    expect(rows.map((r) => r.乡镇)).toEqual(["甲镇<script>", "丁镇", "乙镇", "丙镇"]);
    expect(rows[0]).toEqual({乡镇: "甲镇<script>", 现有床位: 50, 目标床位: 35, 缺口: 0, 每千人床位: 50});
    expect(rows[3].每千人床位).toBeNull(); // no older people: no figure, not 0
  });

  it("bed standard: integer or one decimal, citing the target when one sets it", () => {
    expect(bedStandardView({per1000: 35, target_id: "T3", source: "某规划"})).toEqual({per1000: 35, text: "35", sentence: "按每千名60岁以上老人 35 张床位测算各乡镇床位缺口（目标 T3：某规划）。"});
    expect(bedStandardView({per1000: 37.5, target_id: null, source: "GB"}).sentence).toBe("按每千名60岁以上老人 37.5 张床位测算各乡镇床位缺口（GB）。");
  });

  it("chart sizes: width between 480 and 720, name margin between 80 and 220", () => {
    expect([chartWidth(300), chartWidth(600), chartWidth(1400)]).toEqual([480, 600, 720]);
    expect(nameMargin([])).toBe(80);
    expect(nameMargin(["城关镇"])).toBe(80);
    expect(nameMargin(["一二三四五六七八九十"])).toBe(126);
    expect(nameMargin(["x".repeat(40)])).toBe(220);
  });

  it("coverage cells and the density table: one per township and tier, null kept", () => {
    const t = {name: "甲镇", facilities: 3, facilities_per_km2: 0.01, facilities_per_1000_older: null, covered_share: {county: 1, township: 0.5, community: null, meal: 0}};
    const cells = tierCoverageCells([t]);
    expect(cells.length).toBe(4);
    expect(cells.map((c) => c.覆盖率)).toEqual([1, 0.5, null, 0]);
    const [row] = densityRows([t]);
    expect(TIER_COVERAGE_COLUMNS.map((c) => row[c])).toEqual([1, 0.5, null, 0]);
    expect(row.每千名老人).toBeNull();
  });

  it("ranking: criteria with weight 0 are neither in the sentence nor in the rows", () => {
    const weights = {coverage: 0.6, beds: 0.4, stations: 0, meals: 0};
    expect(weightsText(weights)).toBe("服务覆盖率 60%，千人床位（对标床位标准） 40%");
    const [row] = rankingRows([{rank: 1, code: "1", name: "甲镇", county_code: "0", score: 88.5, parts: {coverage: 0.9, beds: 0.8, stations: 0.1, meals: 0.2} as never}], weights);
    expect(row).toEqual({排名: 1, 乡镇: "甲镇", 得分: 88.5, 服务覆盖率: 0.9, "千人床位（对标床位标准）": 0.8, code: "1"});
  });

  it("links: the county's stations, township and centre names joined, （无） without a centre", () => {
    const links: StationLink[] = [
      {station_id: "s1", station_name: "站一", township_code: "t1", county_code: "c", centre_id: "f1", how: "explicit", distance_m: 1200},
      {station_id: "s2", station_name: "站二", township_code: "t9", county_code: "c", centre_id: null, how: "none", distance_m: null},
      {station_id: "s3", station_name: "别县站", township_code: "t1", county_code: "x", centre_id: "f1", how: "nearest", distance_m: 5}
    ];
    expect(linkRows(links, "c", new Map([["t1", "甲镇"]]), new Map([["f1", "中心一"]]))).toEqual([
      {站点: "站一", 乡镇: "甲镇", 所属中心: "中心一", 关联方式: "明确关联", 距离: 1200},
      {站点: "站二", 乡镇: "t9", 所属中心: "（无）", 关联方式: "未关联", 距离: null}
    ]);
  });

  it("E2SFCA: 未提供 when the input is absent, — when nobody, figures formatted; the CSV keeps them unrounded and empty", () => {
    const unit = (over: Partial<AccessRow>): AccessRow => ({
      scope: "township", code: "t1", name: "甲镇", county_code: "c", pop60: 1234, beds_mean: 31.26, beds_below_share: 0.25, beds_standard: 35,
      meals_mean: null, meals_below_share: null, meals_standard: 20, capacity: {beds: {served_share: 0.8}, meals: null}, ...over
    });
    const units = [unit({scope: "county", name: "某县"}), unit({})];
    const shown = accessTableRows(units, {beds: false, meals: false});
    expect(shown[0].单位).toBe("某县（全县）");
    expect(shown[1]).toEqual({
      单位: "甲镇", "60岁以上": "1,234", "床位/千人": "31.3", 低于床位标准: "25.0%", 床位满足率: "80.0%", "座位/千人": "—", 低于助餐标准: "—", 助餐满足率: "—",
      "站点满足率（假设容量）": "—"
    });
    const absent = accessTableRows(units, {beds: false, meals: true})[1];
    expect([absent["座位/千人"], absent.低于助餐标准, absent.助餐满足率]).toEqual([NOT_PROVIDED, NOT_PROVIDED, NOT_PROVIDED]);
    const csv = accessCsvRows(units)[1];
    expect([csv.可及床位每千人, csv.可及助餐座位每千人, csv.助餐需求满足率, csv.模型]).toEqual([31.26, null, null, "E2SFCA"]);
  });

  it("station capacity: served share and unserved older people, labelled 假设容量 while the capacities are assumed", () => {
    const u: AccessRow = {
      scope: "township", code: "t1", name: "甲镇", county_code: "c", pop60: 1234, beds_mean: null, beds_below_share: null, beds_standard: 40,
      meals_mean: null, meals_below_share: null, meals_standard: 50,
      capacity: {beds: null, meals: null, stations: {demand: 1234, served: 1000, unserved: 234, served_share: 1000 / 1234}}
    };
    const nobody: AccessRow = {...u, code: "t2", pop60: 0, capacity: {beds: null, meals: null, stations: {demand: 0, served: 0, unserved: 0, served_share: null}}};
    // beds and meals absent: 未提供 there; stations come from config, never absent
    const [shown, empty] = accessTableRows([u, nobody], {beds: true, meals: true});
    expect([shown.床位满足率, shown["站点满足率（假设容量）"]]).toEqual([NOT_PROVIDED, "81.0%"]);
    expect(empty["站点满足率（假设容量）"]).toBe("—");
    expect(stationServedSentence(u.capacity.stations, true)).toBe("按站点服务容量（规划假设），全县社区养老服务站点可服务 1,000 名60岁以上老人，未服务 234 名（19.0%）。");
    expect(stationServedSentence(u.capacity.stations, false)).toMatch(/^按站点服务容量，全县/);
    expect(stationServedSentence(nobody.capacity.stations, true)).toBeNull();
    expect(stationServedSentence(undefined, true)).toBeNull();
    expect(Object.keys(accessTableRows([u], {beds: false, meals: false}, false)[0])).toContain("站点满足率");
    expect(Object.keys(accessTableRows([u], {beds: false, meals: false}, false)[0]).some((k) => k.includes("假设"))).toBe(false);
    expect(stationCapacityText({capacity: {community_station: 300, day_centre: 200, mutual_aid: 1500}})).toBe("社区养老服务站 300 人、日间照料中心 200 人、农村互助幸福院 1,500 人");
    expect(stationCapacityText(undefined)).toBe(NOT_PROVIDED);
    expect(stationColumns(true)).toEqual({share: "站点满足率（假设容量）"});
    const csv = accessCsvRows([u])[0];
    expect([csv.站点服务需求, csv.站点已服务老人, csv.站点未服务老人, csv.站点满足率]).toEqual([1234, 1000, 234, 1000 / 1234]);
    expect(accessCsvRows([nobody])[0].站点满足率).toBeNull();
  });
});

describe("county report joins (hand-made)", () => {
  it("township targets: value and threshold in the indicator's unit, the light kept as its code, reference standards named", () => {
    const rows = townshipTargetRows([
      {name: "甲镇", label: "服务圈覆盖率", value: 0.5, unit: "share", comparator: ">=", threshold: 0.9, deadline: "2025-12-31", status: "red", reason: "r", role: "reference", source: "GB"},
      {name: "乙镇", label: "养老床位", value: null, unit: "beds", comparator: ">=", threshold: 100, deadline: "2030-12-31", status: "grey", reason: "无数据", role: "local", source: "规划"}
    ] as never);
    expect(rows[0]).toEqual({乡镇: "甲镇", 指标: "服务圈覆盖率", 当前值: "50.0%", 目标: "≥ 90.0%", 期限: "2025-12-31", 亮灯: "red", 判定: "r", 类别: "参考标准", 来源: "GB"});
    expect(rows[1].当前值).not.toBe("0");
    expect(rows[1].类别).toBe("本地目标");
  });

  it("service areas on the map: lines coloured by tier with a caption naming tiers, mode and minutes; none without roads", () => {
    const config = travelConfig({travel: {thresholds_min: {meal: 10}}});
    const colors = {county: "#c00", township: "#0c0", community: "#00c", meal: "#cc0"};
    const geometry = {type: "LineString" as const, coordinates: [[110, 38], [110.01, 38]] as [number, number][]};
    const features = [{type: "Feature" as const, geometry, properties: {tier: "community" as const}}, {type: "Feature" as const, geometry, properties: {tier: "meal" as const}}];
    const v = serviceAreaView({config, service_areas: {tiers: ["community", "meal"], pieces: 2, features}}, colors)!;
    expect(v.lines.map((l) => l.properties)).toEqual([{tier: "community", color: "#00c"}, {tier: "meal", color: "#cc0"}]);
    expect(v.lines[0].geometry).toBe(geometry);
    expect(v.legend).toEqual([{label: "村/社区级服务范围", color: "#00c"}, {label: "助餐服务范围", color: "#cc0"}]);
    expect(v.caption).toBe("图中彩色线段为路网服务范围：村/社区级设施步行15分钟、助餐设施步行10分钟可达的道路（按路网通行时间，含设施到道路的步行，不含各村到道路的步行）。");
    expect(serviceAreaView({config, service_areas: {tiers: ["community"], pieces: 60_000, features: null}}, colors)).toEqual({lines: [], caption: "路网服务范围共 60,000 段，过多未绘制（村/社区级设施步行15分钟）。", legend: []});
    expect(serviceAreaView({config, service_areas: {tiers: ["community"], pieces: 0, features: []}}, colors)!.caption).toMatch(/没有设施在阈值内到达路网/);
    expect(serviceAreaView(undefined, colors)).toBeNull();
    expect(serviceAreaView({config}, colors)).toBeNull();
  });

  it("travel rows: tier labels, figures kept as numbers (right-aligned), written with — where one cannot be computed", () => {
    const rows = travelRows({model: "network", label: "l", rows: [{tier: "township", mode: "驾车", threshold_min: 15, covered_share: null, mean_minutes: 7.25}, {tier: "meal", mode: "步行", threshold_min: 15, covered_share: 0.0587, mean_minutes: null}]});
    expect(rows).toEqual([
      {层级: "乡镇级", 方式: "驾车", "阈值（分钟）": 15, 路网覆盖率: null, "平均用时（分钟）": 7.25},
      {层级: "助餐", 方式: "步行", "阈值（分钟）": 15, 路网覆盖率: 0.0587, "平均用时（分钟）": null}
    ]);
    expect(rows.map((r) => [TRAVEL_FORMAT.路网覆盖率(r.路网覆盖率), TRAVEL_FORMAT["平均用时（分钟）"](r["平均用时（分钟）"])])).toEqual([["—", "7.3"], ["5.9%", "—"]]);
  });

  it("layers: each township's flat metrics joined onto its boundary by code, facilities as points with modelled joined", () => {
    const geometry = {type: "Polygon", coordinates: []};
    const layer = townshipLayer(
      [{type: "Feature", geometry, properties: {code: "t1", name: "甲镇"}}, {type: "Feature", geometry, properties: {code: "t2", name: "乙镇"}}],
      [{code: "t1", name: "甲镇", pop60: 100, covered_share: {county: 1}, unavailable: {}} as never]
    );
    expect(layer.features[0].properties).toEqual({code: "t1", name: "甲镇", pop60: 100});
    expect(layer.features[1].properties).toEqual({code: "t2", name: "乙镇"});
    const f = {id: "f1", name: "中心", lng: 106, lat: 38, modelled: ["lng", "lat"]} as never;
    const points = facilityLayer([f]);
    expect(points.features[0].geometry).toEqual({type: "Point", coordinates: [106, 38]});
    expect(points.features[0].properties).toMatchObject({id: "f1", modelled: "lng;lat"});
  });
});

describe("county report rows (default region, 利通区)", () => {
  it("bed rows and tier cells cover every township of the county and match its metrics", async () => {
    const sd = await siteData();
    const code = "640302";
    const tms = sd.metrics.townships.filter((t) => t.county_code === code);
    const tName = new Map(tms.map((t) => [t.code, t.name]));
    const rows = bedSupplyRows(sd.bedGaps, tName);
    expect(rows.length).toBe(tms.length);
    for (const r of rows) {
      const t = tms.find((x) => x.name === r.乡镇)!;
      expect(r.现有床位).toBe(t.beds);
      expect(r.每千人床位).toBe(t.pop60 > 0 ? (1000 * t.beds!) / t.pop60 : null);
    }
    const cells = tierCoverageCells(tms);
    expect(cells.length).toBe(4 * tms.length);
    for (const t of tms) expect(cells.filter((c) => c.乡镇 === t.name).map((c) => c.覆盖率)).toEqual([t.covered_share.county, t.covered_share.township, t.covered_share.community, t.covered_share.meal]);
  }, 120_000);
});
