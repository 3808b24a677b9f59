import {describe, expect, it} from "vitest";
import {headerUnit, mapHeaders, normalizeHeader, personalColumn} from "../../loaders/aliases.ts";
import {findPersonal, maskPersonal, parseCode, parseCount, parseDate, parseEnum, parseNumber, splitList} from "../../loaders/values.ts";
import {STATUS_SYNONYMS} from "../../loaders/validate.ts";

describe("values", () => {
  it("numbers: thousands separators, full-width digits and 万 units; words and units in cells are not numbers", () => {
    expect(parseNumber("1,234.5")).toEqual({ok: true, value: 1234.5});
    expect(parseNumber("１２０")).toEqual({ok: true, value: 120});
    expect(parseNumber("1.65", 10_000)).toEqual({ok: true, value: 16500});
    expect(parseNumber("12张").ok).toBe(false);
    expect(parseNumber("1e400").ok).toBe(false);
    expect(parseNumber("").ok).toBe(false);
  });

  it("counts: whole, non-negative, safe", () => {
    expect(parseCount("30")).toEqual({ok: true, value: 30});
    expect(parseCount("-1")).toEqual({ok: false, expected: "a whole number ≥ 0", hint: undefined});
    expect(parseCount("2.5")).toMatchObject({ok: false, hint: "not a whole number"});
    expect(parseCount("99999999999999999999")).toMatchObject({ok: false, hint: "too large"});
  });

  it("codes: exact length, NBS zero padding accepted, Excel scientific notation explained", () => {
    expect(parseCode("640302100", 9)).toEqual({ok: true, value: "640302100"});
    expect(parseCode("640302100000", 9)).toEqual({ok: true, value: "640302100"});
    expect(parseCode("640302100201.0", 12)).toEqual({ok: true, value: "640302100201"});
    expect(parseCode("64030210", 9)).toEqual({ok: false, expected: "a 9-digit code", hint: "8 digits"});
    expect(parseCode("640302100201", 9)).toMatchObject({ok: false});
    expect(parseCode("6.40302E+11", 12)).toMatchObject({ok: false, hint: expect.stringContaining("scientific notation")});
  });

  it("dates: the forms bureaus write, and only real days", () => {
    for (const s of ["2025-12-31", "2025/12/31", "2025.12.31", "2025年12月31日", "2025-12-31T00:00:00.000Z"]) expect(parseDate(s)).toEqual({ok: true, value: "2025-12-31"});
    expect(parseDate("2025-2-3")).toEqual({ok: true, value: "2025-02-03"});
    expect(parseDate("2025-02-30")).toMatchObject({ok: false, hint: "no such day"});
    expect(parseDate("明年底").ok).toBe(false);
  });

  it("enums: exact match for statuses, so 未运营 is not 运营", () => {
    expect(parseEnum("提升改造中", STATUS_SYNONYMS)).toEqual({ok: true, value: "upgrading"});
    expect(parseEnum("未运营", STATUS_SYNONYMS).ok).toBe(false);
    expect(parseEnum("闲置小学", {school: ["小学"]}, true)).toEqual({ok: true, value: "school"});
  });

  it("personal values: phone and ID numbers found and masked, codes, coordinates and amounts left alone", () => {
    expect(findPersonal("王建国 13912345678")).toEqual({what: "a phone number", masked: "139****5678"});
    expect(findPersonal("１３９１２３４５６７８")).toEqual({what: "a phone number", masked: "139****5678"});
    expect(findPersonal("身份证33010219500101123X")).toEqual({what: "an ID number", masked: "330************23X"});
    for (const s of ["640302100201", "330999001", "120.13912345678", "12330100470000000X", "2025-12-31", "300000000", "0951-1234567"]) expect(findPersonal(s), s).toBeUndefined();
    expect(maskPersonal('unknown facility type "13912345678"; 330102195001011234')).toBe('unknown facility type "139****5678"; 330************234');
    expect(maskPersonal("金积镇 640302100")).toBe("金积镇 640302100");
  });

  it("lists split on the separators people use", () => {
    expect(splitList("lng; lat、pop60，beds")).toEqual(["lng", "lat", "pop60", "beds"]);
  });
});

describe("aliases", () => {
  it("normalises headers and keeps the unit", () => {
    expect(normalizeHeader("建筑面积（㎡）")).toEqual({key: "建筑面积", unit: "m2"});
    expect(normalizeHeader(" *床位数(张) ")).toEqual({key: "床位数", unit: "张"});
    expect(normalizeHeader("村社区代码\u200B")).toEqual({key: "村社区代码", unit: ""});
    expect(personalColumn("villages", "联系\u200B电话")).toBe("personal");
  });

  it("header units: known ones give their factor, any other bracketed text on a numeric column is an error", () => {
    expect(headerUnit("budget_yuan", "万元")).toEqual({factor: 1e4});
    expect(headerUnit("budget_yuan", "千元")).toEqual({factor: 1e3});
    expect(headerUnit("spent_yuan", "亿元")).toEqual({factor: 1e8});
    expect(headerUnit("pop60", "千人")).toEqual({factor: 1e3});
    expect(headerUnit("pop60", "万人")).toEqual({factor: 1e4});
    expect(headerUnit("area_m2", "亩")).toEqual({factor: 2000 / 3});
    expect(headerUnit("area_m2", normalizeHeader("建筑面积（㎡）").unit)).toEqual({factor: 1});
    expect(headerUnit("area_km2", "亩").factor).toBeCloseTo(2000 / 3 / 1e6, 15);
    expect(headerUnit("area_km2", normalizeHeader("面积(km²)").unit)).toEqual({factor: 1});
    expect(headerUnit("area_km2", "平方米")).toEqual({factor: 1e-6});
    expect(headerUnit("beds", "张")).toEqual({factor: 1});
    expect(headerUnit("name", "全称")).toEqual({factor: 1});
    expect(headerUnit("budget_yuan", "美元").error).toMatch(/^unit "美元" is not one the loader can convert \(accepted: 元, 千元, 万元, 亿元, 人民币元/);
    expect(headerUnit("threshold", "%").error).toBe('unit "%" is not one the loader can convert (this column takes no unit: write the bare number)');
    expect(headerUnit("area_m2", "㎡,平方米").error).toMatch(/^more than one bracketed part/);
  });

  it("bracketed text that explains the column is a remark, not a unit, and leaves the unit beside it in force", () => {
    expect(headerUnit("beds", "含护理型")).toEqual({factor: 1, remarks: ["含护理型"]});
    expect(headerUnit("pop60", "户籍")).toEqual({factor: 1, remarks: ["户籍"]});
    expect(headerUnit("pop60", "万人,2020年")).toEqual({factor: 1e4, remarks: ["2020年"]});
    expect(headerUnit("area_m2", "m2,含附属用房")).toEqual({factor: 1, remarks: ["含附属用房"]});
    expect(headerUnit("budget_yuan", "美元,含配套").error).toMatch(/^unit "美元"/);
    expect(mapHeaders("facilities", ["床位数（含护理型）"])[0]).toMatchObject({kind: "field", field: "beds", factor: 1, remarks: ["含护理型"]});
  });

  it("maps Chinese and English headers to the same fields, per file kind", () => {
    const roles = mapHeaders("facilities", ["名称", "类型", "床位数", "护理型床位", "经度", "纬度", "乡镇代码", "Beds", "备用"]);
    expect(roles.map((r) => (r.kind === "field" ? r.field : r.kind))).toEqual(["name", "type", "beds", "nursing_beds", "lng", "lat", "township_code", "duplicate", "unknown"]);
    expect(mapHeaders("township_boundaries", ["类型"])[0]).toMatchObject({kind: "field", field: "settlement"});
    // seed 004 measures meals as serving capacity (供餐能力/供客能力, 客)
    expect(mapHeaders("facilities", ["供餐能力（客）"])[0]).toMatchObject({kind: "field", field: "meal_seats"});
    expect(mapHeaders("facilities", ["供客能力"])[0]).toMatchObject({kind: "field", field: "meal_seats"});
  });

  it("drops personal columns before any alias can map them, and says why", () => {
    for (const h of ["姓名", "老人身份证号码", "身份证", "证件号码", "手机", "联系电话", "phone", "Mobile", "家庭住址", "住址", "出生日期", "id_card"]) {
      expect(personalColumn("villages", h), h).toBe("personal");
    }
    expect(personalColumn("facilities", "地址")).toBe("not needed");
    expect(personalColumn("facilities", "家庭住址")).toBe("personal");
    // the text in brackets counts: these would otherwise map to name, id and note
    for (const h of ["名称（老人姓名）", "编号(身份证号)", "备注[联系电话]", "备注（联系人及电话）", "名称(户主姓名)", "备注【tel】", "name (person)"]) {
      expect(personalColumn("villages", h), h).toBe("personal");
      expect(mapHeaders("targets", [h])[0], h).toMatchObject({kind: "dropped", reason: "personal"});
    }
    for (const h of ["名称", "名称（全称）", "床位数（张）", "60岁以上（万人）", "建筑面积（㎡）"]) expect(personalColumn("villages", h), h).toBeUndefined();
    expect(personalColumn("facilities", "名称")).toBeUndefined();
    expect(personalColumn("villages", "name")).toBeUndefined();
  });
});
