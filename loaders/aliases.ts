/**
 * The one alias table of the region contract: header names seen in bureau files (Chinese or English) mapped to
 * the canonical field names of `src/lib/types.ts`, per file kind. Personal-data columns are recognised here too,
 * so that they are dropped before any value is read.
 */

/** The files a region folder may hold (keys of `region.json` → `files`). */
export type FileKind =
  | "counties"
  | "county_boundaries"
  | "township_boundaries"
  | "villages"
  | "facilities"
  | "targets"
  | "projects"
  | "candidates"
  | "roads";

export const FILE_KINDS: readonly FileKind[] = [
  "counties",
  "county_boundaries",
  "township_boundaries",
  "villages",
  "facilities",
  "targets",
  "projects",
  "candidates",
  "roads"
];

/** Aliases per canonical field; the canonical name itself is always accepted. */
type AliasTable = Readonly<Record<string, readonly string[]>>;

const CODE_COUNTY = ["区县代码", "县区代码", "县代码", "旗县代码", "区县编码", "所属区县代码"];
const CODE_TOWNSHIP = ["乡镇代码", "乡镇街道代码", "街道代码", "苏木乡镇代码", "乡镇编码", "所属乡镇代码"];
const CODE_VILLAGE = ["村社区代码", "村居代码", "村代码", "社区代码", "嘎查村代码", "村社区编码", "所属村社区代码"];
const LNG = ["lon", "long", "longitude", "x", "经度", "东经"];
const LAT = ["latitude", "y", "纬度", "北纬"];
const POP60 = ["60岁以上", "60岁及以上", "60岁以上人口", "60岁及以上人口", "60周岁以上", "60周岁及以上", "60岁以上老人"];
const POP65 = ["65岁以上", "65岁及以上", "65岁以上人口", "65岁及以上人口", "65周岁以上", "65周岁及以上", "65岁以上老人"];
const POP80 = ["80岁以上", "80岁及以上", "80岁以上人口", "80岁及以上人口", "80周岁以上", "80周岁及以上", "高龄老人", "80岁以上老人"];
const SETTLEMENT = ["类型", "地区类型", "城乡类型", "城乡分类", "聚落类型"];
const MODELLED = ["模拟字段", "模型字段"];
const ID = ["编号", "编码", "id号"];
const DEADLINE = ["期限", "截止日期", "完成时限", "完成期限", "截止时间"];

/** Header aliases per file kind and canonical field. */
export const ALIASES: Readonly<Record<FileKind, AliasTable>> = {
  counties: {
    county_code: ["code", ...CODE_COUNTY, "行政区划代码", "区划代码", "代码"],
    name: ["county_name", "名称", "区县名称", "县区名称", "旗县名称", "区县", "县区", "旗县"],
    pop_total: ["population", "常住人口", "总人口", "人口", "户籍人口"],
    pop60: POP60,
    pop65: POP65,
    pop80: POP80,
    households65: ["有65岁以上老人户数", "65岁以上老人户数", "有65岁以上老人的户数"],
    area_km2: ["area", "面积", "土地面积", "行政区域面积"],
    modelled: MODELLED
  },
  county_boundaries: {
    county_code: ["code", "adcode", ...CODE_COUNTY, "行政区划代码", "区划代码", "代码"],
    name: ["county_name", "名称", "区县名称", "区县"],
    modelled: MODELLED
  },
  township_boundaries: {
    township_code: ["code", ...CODE_TOWNSHIP, "行政区划代码", "区划代码", "代码"],
    name: ["township_name", "名称", "乡镇名称", "乡镇街道名称", "街道名称", "乡镇"],
    county_code: CODE_COUNTY,
    settlement: SETTLEMENT,
    area_km2: ["area", "面积", "土地面积"],
    modelled: MODELLED
  },
  villages: {
    village_code: ["code", ...CODE_VILLAGE, "统计用区划代码", "区划代码", "代码"],
    name: ["village_name", "名称", "村社区名称", "村居名称", "村名称", "社区名称", "嘎查村名称", "村名"],
    township_code: CODE_TOWNSHIP,
    county_code: CODE_COUNTY,
    lng: LNG,
    lat: LAT,
    pop60: POP60,
    pop65: POP65,
    pop80: POP80,
    disabled: ["失能半失能", "失能半失能老人", "失能半失能人数", "失能", "失能老人"],
    alone: ["独居", "独居老人", "独居人数", "空巢独居"],
    settlement: SETTLEMENT,
    modelled: MODELLED
  },
  facilities: {
    id: [...ID, "机构编号", "设施编号", "机构代码", "统一社会信用代码"],
    name: ["名称", "机构名称", "设施名称", "站点名称", "单位名称"],
    type: ["类型", "机构类型", "设施类型", "类别"],
    status: ["状态", "建设状态", "运营状态"],
    county_code: CODE_COUNTY,
    township_code: CODE_TOWNSHIP,
    village_code: CODE_VILLAGE,
    lng: LNG,
    lat: LAT,
    beds: ["床位数", "床位", "床位总数", "总床位", "总床位数", "核定床位", "核定床位数", "设计床位", "设计床位数", "实有床位", "实有床位数", "床位数量"],
    nursing_beds: ["护理型床位", "护理型床位数", "护理床位", "护理床位数", "护理型床位数量", "其中护理型床位", "其中护理型床位数"],
    meal_seats: ["助餐座位", "餐位", "餐位数", "座位数", "就餐座位", "助餐座位数", "供餐能力", "供客能力", "助餐供客能力", "日供餐能力"],
    area_m2: ["建筑面积", "面积", "使用面积"],
    operator: ["运营方式", "运营模式", "经营方式", "运营性质", "性质"],
    social_workers: ["社会工作者", "社工", "持证社工", "社工人数", "社会工作者人数"],
    linked_centre: ["所属中心", "所属中心编号", "上级中心", "上级中心编号"],
    opened: ["opened_on", "open_date", "开业日期", "开业时间", "投运日期", "投入运营日期", "运营日期", "启用日期", "建成日期"],
    closed: ["closed_on", "close_date", "停业日期", "关闭日期", "停运日期", "撤销日期"],
    expected_completion: ["expected", "预计建成日期", "预计完工日期", "预计竣工日期", "计划建成日期", "预计投运日期"],
    modelled: MODELLED
  },
  targets: {
    id: ID,
    indicator: ["指标", "指标代码", "指标名称"],
    scope: ["范围", "层级", "考核层级"],
    scope_code: ["范围代码", "区划代码", "代码"],
    comparator: ["比较", "比较符", "比较方式"],
    threshold: ["阈值", "目标值", "目标"],
    deadline: DEADLINE,
    source: ["来源", "依据", "出处"],
    note: ["备注", "说明"],
    modelled: MODELLED
  },
  projects: {
    id: ID,
    project: ["项目", "项目名称"],
    county_code: CODE_COUNTY,
    facility_id: ["设施编号", "机构编号"],
    item: ["内容", "建设内容", "项目内容", "子项"],
    category: ["类别", "分类"],
    year: ["年度", "年份"],
    planned_qty: ["计划数", "计划数量", "计划"],
    done_qty: ["完成数", "完成数量", "已完成"],
    budget_yuan: ["budget", "预算", "预算金额", "投资", "计划投资"],
    spent_yuan: ["spent", "已支出", "支出", "已支付", "完成投资"],
    funding_source: ["资金来源"],
    start: ["开始", "开始日期", "开工日期", "开工时间"],
    deadline: DEADLINE,
    status: ["状态", "进度状态", "进展"],
    modelled: MODELLED
  },
  candidates: {
    id: ID,
    name: ["名称", "资产名称", "地块名称"],
    kind: ["类型", "资产类型", "类别"],
    county_code: CODE_COUNTY,
    township_code: CODE_TOWNSHIP,
    lng: LNG,
    lat: LAT,
    area_m2: ["建筑面积", "面积", "占地面积"],
    modelled: MODELLED
  },
  roads: {
    id: [...ID, "道路编号", "路线编号", "osm_id"],
    name: ["名称", "道路名称", "路名", "路线名称"],
    road_class: ["class", "highway", "fclass", "道路等级", "道路类别", "公路等级", "技术等级", "行政等级", "等级"],
    speed_kmh: ["speed", "maxspeed", "速度", "车速", "设计速度", "设计时速", "限速"],
    modelled: MODELLED
  }
};

/** Substrings that mark a column as personal data (of an older person or any other person). */
const PERSONAL_ZH = ["姓名", "身份证", "证件号", "身份号码", "电话", "手机", "联系方式", "住址", "地址", "出生", "性别", "银行卡", "社保卡", "残疾证", "联系人", "负责人", "监护人", "法定代表人", "法人代表", "户主", "户籍地"];
const PERSONAL_EN = /(^|[_\s\-()[\]【】〔〕{}])(person|full_?name|first_?name|last_?name|tel|birth\w*|gender|sex)($|[_\s\-()[\]【】〔〕{}])|phone|mobile|address|addr|id_?card|id_?number|id_?no\b|idno|passport/;
const ADDRESS = /地址|住址|address|addr/;

/** Why a column was dropped. */
export type DropReason = "personal" | "not needed";

/** A header after normalisation: the lookup key and the unit found in brackets, if any. */
export interface HeaderKey {
  key: string;
  unit: string;
}

/** A header folded for comparison, brackets kept: NFKC, lower case, no spaces, quotes, colons, `*` or invisible marks. */
function foldHeader(header: string): string {
  return header.normalize("NFKC").replace(/^\uFEFF/, "").toLowerCase().replace(/[\s*"'“”‘’:：\u00AD\u200B-\u200F\u2060\uFEFF]/g, "");
}

/**
 * Normalise a header for lookup: NFKC (full-width → half-width), lower case, no spaces, no `*` marks,
 * bracketed parts removed and returned as the unit.
 * @example normalizeHeader("建筑面积（㎡）") // {key: "建筑面积", unit: "m2"}
 */
export function normalizeHeader(header: string): HeaderKey {
  let s = foldHeader(header);
  const units: string[] = [];
  s = s.replace(/[(\[【〔{]([^)\]】〕}]*)[)\]】〕}]/g, (_m, inner: string) => {
    units.push(inner);
    return "";
  });
  return {key: s, unit: units.join(",")};
}

/**
 * Units a numeric column's header may name in brackets, per field: the factor that brings a value to the field's
 * own unit (people, 元, m², km² …). A count or amount may carry a multiplier before its word (千人, 万元, 亿元,
 * 万平方米). Any other bracketed text on a numeric column is an error naming the column and these units, never a
 * silent factor of 1: 预算（千元） read as 元 would be a thousand times too small.
 */
const MULTIPLIERS: Readonly<Record<string, number>> = {"": 1, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8};
const MU = 2000 / 3; // 1 亩 in m²
const AREA_M2: Readonly<Record<string, number>> = {m2: 1, 平方米: 1, 平米: 1, 万平方米: 1e4, 亩: MU, 公顷: 1e4, ha: 1e4, km2: 1e6, 平方公里: 1e6, 平方千米: 1e6};
const AREA_KM2: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(AREA_M2).map(([u, f]) => [u, f / 1e6]));
const PEOPLE = ["人", "名", "位", "人数"];
const QUANTITY = ["个", "张", "床", "处", "所", "家", "间", "项", "套", "次", "户", "人", "人次", "座", "台", "辆", "份", "平方米", "m2", "米", "公里"];

/** A unit class: fixed units with their factors, or count words that take a multiplier. */
type UnitRule = {fixed: Readonly<Record<string, number>>} | {words: readonly string[]};

const UNIT_RULES: Readonly<Record<string, UnitRule>> = {
  pop_total: {words: PEOPLE},
  pop60: {words: PEOPLE},
  pop65: {words: PEOPLE},
  pop80: {words: PEOPLE},
  disabled: {words: PEOPLE},
  alone: {words: PEOPLE},
  social_workers: {words: PEOPLE},
  households65: {words: ["户"]},
  beds: {words: ["张", "床", "个", "床位"]},
  nursing_beds: {words: ["张", "床", "个", "床位"]},
  meal_seats: {words: ["个", "座", "位", "客", "人", "份", "人次", "座位", "餐位"]},
  budget_yuan: {words: ["元", "人民币元"]},
  spent_yuan: {words: ["元", "人民币元"]},
  planned_qty: {words: QUANTITY},
  done_qty: {words: QUANTITY},
  area_m2: {fixed: AREA_M2},
  area_km2: {fixed: AREA_KM2},
  year: {fixed: {年: 1}},
  lng: {fixed: {度: 1, "°": 1, deg: 1, degree: 1, degrees: 1}},
  lat: {fixed: {度: 1, "°": 1, deg: 1, degree: 1, degrees: 1}},
  threshold: {fixed: {}}
};

/** The factor a header's bracketed unit means for a numeric field, or an error naming the units accepted. */
export type UnitFactor = ({factor: number; error?: undefined} | {factor?: undefined; error: string}) & {remarks?: string[]};

/**
 * Bracketed text that explains a column rather than giving its unit: 床位数（含护理型）, 60岁以上（户籍）,
 * 人口（2020年）. It is read as a remark (reported), not as a unit.
 */
const REMARK = /含|包括|其中|户籍|常住|合计|实有|截至|注|说明|\d{4}年?|年底|年末/;

/**
 * Read the unit in a numeric column's header brackets (as normalizeHeader returns it).
 * @example headerUnit("budget_yuan", "万元") // {factor: 10000}
 * @example headerUnit("area_km2", "亩") // {factor: 0.000666…}
 */
export function headerUnit(field: string, unit: string): UnitFactor {
  const rule = UNIT_RULES[field];
  const all = unit.split(",").filter((u) => u !== "");
  const remarks = all.filter((u) => REMARK.test(u));
  const parts = all.filter((u) => !REMARK.test(u));
  if (remarks.length) return {...headerUnit(field, parts.join(",")), remarks};
  if (!rule || parts.length === 0) return {factor: 1};
  const accepted = "fixed" in rule ? Object.keys(rule.fixed) : rule.words.flatMap((w) => ["", "千", "万", "亿"].map((m) => m + w));
  const list = accepted.length ? `accepted: ${accepted.join(", ")}` : "this column takes no unit: write the bare number";
  if (parts.length > 1) return {error: `more than one bracketed part (${parts.join(", ")}); write one unit (${list})`};
  const u = parts[0];
  if ("fixed" in rule) return u in rule.fixed ? {factor: rule.fixed[u]} : {error: `unit "${u}" is not one the loader can convert (${list})`};
  for (const [m, f] of Object.entries(MULTIPLIERS)) if (u.startsWith(m) && rule.words.includes(u.slice(m.length))) return {factor: f};
  return {error: `unit "${u}" is not one the loader can convert (${list})`};
}

/** Lookup maps per kind, built once: normalised alias → canonical field. */
const LOOKUP: ReadonlyMap<FileKind, ReadonlyMap<string, string>> = new Map(
  FILE_KINDS.map((kind) => [kind, buildLookup(ALIASES[kind])])
);

function buildLookup(table: AliasTable): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, aliases] of Object.entries(table)) {
    for (const alias of [field, ...aliases]) map.set(normalizeHeader(alias).key, field);
  }
  return map;
}

/**
 * Whether a header names personal data, and why it is dropped. Checked before the alias table, on the header with
 * its bracketed text, so a personal column can never be mapped to a field (名称（老人姓名） is dropped, 名称 maps).
 * @returns the drop reason, or undefined when the column is not personal
 */
export function personalColumn(kind: FileKind, header: string): DropReason | undefined {
  // The whole header, bracketed text included: 名称（老人姓名） or 备注[联系电话] hold personal data whatever the
  // part outside the brackets says.
  const key = foldHeader(header);
  const zh = PERSONAL_ZH.some((p) => key.includes(p));
  if (!zh && !PERSONAL_EN.test(key)) return undefined;
  // A facility's or an asset's street address belongs to no person, but the contract has no use for it.
  if ((kind === "facilities" || kind === "candidates") && ADDRESS.test(key) && !/家庭|户籍|现住|居住|home/.test(key)) {
    return "not needed";
  }
  return "personal";
}

/** The field a header would map to without the personal check (to explain a required column dropped as personal). */
export function aliasField(kind: FileKind, header: string): string | undefined {
  return LOOKUP.get(kind)!.get(normalizeHeader(header).key);
}

/** How one header of a file is treated. */
export type ColumnRole =
  | {kind: "field"; field: string; header: string; chinese: boolean; unit: string; factor: number; unitError?: string; remarks?: string[]}
  | {kind: "dropped"; header: string; reason: DropReason}
  | {kind: "unknown"; header: string}
  | {kind: "duplicate"; header: string; field: string};

/** Whether a string contains CJK characters (then errors quote the Chinese header beside the field). */
export function hasChinese(s: string): boolean {
  return /[\u3400-\u9fff]/.test(s);
}

/**
 * Map the headers of one file to canonical fields. Personal columns are dropped; a second column for the
 * same field is reported as a duplicate and ignored (the first one wins).
 * @param kind file kind, selects the alias table
 * @param headers the header row as read
 * @returns one role per header, in order
 * @example mapHeaders("facilities", ["名称", "床位数", "联系电话"])
 */
export function mapHeaders(kind: FileKind, headers: readonly string[]): ColumnRole[] {
  const lookup = LOOKUP.get(kind)!;
  const seen = new Set<string>();
  return headers.map((header): ColumnRole => {
    const reason = personalColumn(kind, header);
    if (reason) return {kind: "dropped", header, reason};
    const {key, unit} = normalizeHeader(header);
    const field = lookup.get(key);
    if (!field) return {kind: "unknown", header};
    if (seen.has(field)) return {kind: "duplicate", header, field};
    seen.add(field);
    const u = headerUnit(field, unit);
    const role: ColumnRole = {kind: "field", field, header, chinese: hasChinese(header), unit, factor: u.factor ?? 1};
    if (u.error !== undefined) role.unitError = u.error;
    if (u.remarks?.length) role.remarks = u.remarks;
    return role;
  });
}

/** The canonical fields of a kind, in contract order. */
export function fieldsOf(kind: FileKind): string[] {
  return Object.keys(ALIASES[kind]);
}
