/**
 * Projects, targets and candidate sites of the default region. What each seed says (items, counts, budgets,
 * deadlines, targets) is real and cited; allocation to facilities, item budgets and progress at the data date
 * are modelled and flagged in each row's `modelled` column.
 */
import type {CandidateSite, FacilityStatus, ProjectItem, Target} from "../../src/lib/types.ts";
import {apportion} from "./apportion.ts";
import type {GenFacility} from "./facilities.ts";
import {pointNear, type CountyGeo} from "./geography.ts";
import {rng, type Rng} from "./prng.ts";

export const DATA_DATE = "2025-06-30";

export const SEEDS = {
  "000": {county: "150626", title: "乌审旗养老服务设施综合提升改造行动项目实施方案", issuer: "乌审旗民政局", date: "2025-01-08"},
  "001": {county: "640302", title: "全区乡镇养老服务能力提升三年行动方案（2023-2025年）", issuer: "吴忠市利通区民政局等七部门", date: "2023-02-07"},
  "002": {county: "500120", title: "大兴镇加快推进城市社区养老服务设施建设运营方案（大兴府发〔2023〕18号）", issuer: "重庆市璧山区大兴镇人民政府", date: "2023-05-09"},
  "003": {county: "150625", title: "杭锦旗加快推进居家社区养老服务工作实施方案", issuer: "杭锦旗人民政府", date: "2022-05-07"},
  "004": {county: "310116", title: "关于推进落实“社区养老服务设施建设工程”的实施方案（金民〔2020〕38号）", issuer: "上海市金山区民政局", date: "2020-11-27"}
} as const;

export const cite = (seed: keyof typeof SEEDS): string => `${SEEDS[seed].issuer}《${SEEDS[seed].title}》（${SEEDS[seed].date}）`;

type Row = ProjectItem;

function progress(r: Rng, pDone: number, pProgress: number): ProjectItem["status"] {
  const u = r();
  return u < pDone ? "done" : u < pDone + pProgress ? "in_progress" : "not_started";
}

type Draft = Omit<Row, "id" | "done_qty" | "spent_yuan" | "status">;

function fill<T extends Draft>(row: T, status: ProjectItem["status"], r: Rng): T & Pick<Row, "done_qty" | "spent_yuan" | "status"> {
  const done = status === "done" ? row.planned_qty : status === "in_progress" ? Math.floor(row.planned_qty * r.uniform(0.2, 0.8)) : 0;
  const spent = status === "done" ? Math.round((row.budget_yuan * r.uniform(0.9, 1)) / 100) * 100 : status === "in_progress" ? Math.round((row.budget_yuan * r.uniform(0.2, 0.6)) / 100) * 100 : 0;
  return {...row, done_qty: done, spent_yuan: spent, status};
}

/** Seed 000: 16.5 M yuan = 5 M 上级补助 (institution items, modelled allocation) + 11.5 M 本级财政. */
function wushenProjects(fs: GenFacility[]): Row[] {
  const r = rng("150626:projects");
  const project = SEEDS["000"].title.replace(/实施方案$/, "");
  const items: {f: GenFacility; item: string; category: string; qty: number; w: number; source: string}[] = [];
  const inst = fs.filter((f) => f.role === "institution");
  for (const f of inst) {
    items.push({f, item: "改造提升消防控制室", category: "消防安全", qty: 1, w: 3, source: "上级补助"});
    items.push({f, item: "加装智能监护设备（套）", category: "智能监护", qty: Math.max(5, Math.round(f.beds / 10)), w: 2, source: "上级补助"});
    items.push({f, item: "扩建失能老人区（m²）", category: "失能老人区", qty: r.int(10, 40) * 10, w: 4, source: "上级补助"});
    items.push({f, item: "改造室内卫生间、淋浴设备（间）", category: "卫生间淋浴", qty: r.int(8, 30), w: 2.5, source: "上级补助"});
    items.push({f, item: "更换餐桌餐椅（套）", category: "餐桌餐椅", qty: r.int(10, 40), w: 0.6, source: "上级补助"});
    items.push({f, item: "升级取暖方式（煤改电）", category: "煤改电", qty: 1, w: 2.5, source: "上级补助"});
    items.push({f, item: "统一更换标识标牌", category: "标识标牌", qty: 1, w: 0.3, source: "上级补助"});
  }
  for (const f of fs.filter((x) => x.role === "station")) {
    items.push({f, item: "消防安全改造", category: "消防安全", qty: 1, w: 1.2, source: "本级财政"});
    items.push({f, item: "增加医养康养功能室及设施设备（项）", category: "医养康养功能室", qty: r.int(2, 6), w: 1.5, source: "本级财政"});
    items.push({f, item: "完善网络建设、增设智慧化养老设施（套）", category: "网络及智慧养老", qty: r.int(2, 8), w: 1, source: "本级财政"});
    items.push({f, item: "统一更换标识标牌", category: "标识标牌", qty: 1, w: 0.15, source: "本级财政"});
  }
  for (const f of fs.filter((x) => x.role === "collective_canteen")) {
    items.push({f, item: "厨房、餐厅修缮改造", category: "厨房餐厅修缮", qty: 1, w: 2, source: "本级财政"});
    items.push({f, item: "消防安全升级改造", category: "消防安全", qty: 1, w: 0.8, source: "本级财政"});
    items.push({f, item: "统一更换标识标牌", category: "标识标牌", qty: 1, w: 0.15, source: "本级财政"});
  }
  for (const f of fs.filter((x) => x.role === "other_canteen")) {
    items.push({f, item: "配备消防设备（套）", category: "消防设备", qty: r.int(2, 6), w: 0.35, source: "本级财政"});
    items.push({f, item: "统一更换标识标牌", category: "标识标牌", qty: 1, w: 0.15, source: "本级财政"});
  }
  const budget = new Array<number>(items.length).fill(0);
  for (const [source, total] of [["上级补助", 5_000_000], ["本级财政", 11_500_000]] as const) {
    const idx = items.map((it, i) => (it.source === source ? i : -1)).filter((i) => i >= 0);
    const parts = apportion(total / 100, idx.map((i) => items[i].w * r.uniform(0.8, 1.2)));
    idx.forEach((i, k) => (budget[i] = parts[k] * 100));
  }
  return items.map((it, i) => {
    const start = `2025-0${r.int(3, 5)}-01`;
    return fill(
      {
        id: `P000-${String(i + 1).padStart(3, "0")}`,
        project,
        county_code: "150626",
        facility_id: it.f.id,
        item: it.item,
        category: it.category,
        year: 2025,
        planned_qty: it.qty,
        budget_yuan: budget[i],
        funding_source: it.source,
        start,
        deadline: "2025-12-31",
        modelled: ["facility_id", "planned_qty", "budget_yuan", "done_qty", "spent_yuan", "start", "status"]
      },
      progress(r, 0.3, 0.45),
      r
    );
  });
}

/** Seed 002: 大兴镇 2023 measures. */
function daxingProjects(fs: GenFacility[]): Row[] {
  const r = rng("500120:projects");
  const project = "大兴镇城市社区养老服务设施建设运营方案";
  const centre = fs.find((f) => f.role === "daxing_centre");
  if (!centre) throw new Error("大兴镇 centre missing");
  const linked = fs.filter((f) => f.role === "daxing_linked");
  const longfei = "龙飞村";
  const rows: Omit<Row, "id">[] = [
    ...linked.map((f) => ({project, county_code: "500120", facility_id: f.id, item: `中心带站：${f.name}`, category: "中心带站", year: 2023, planned_qty: 1, done_qty: 1, budget_yuan: 50_000, spent_yuan: 50_000, funding_source: "镇财政", start: "2023-05-09", deadline: "2023-12-31", status: "done" as const, modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]})),
    {project, county_code: "500120", facility_id: centre.id, item: "建立16个村养老互助站与养老服务中心营运单位联动机制（站）", category: "中心带站", year: 2023, planned_qty: 16, done_qty: 16, budget_yuan: 320_000, spent_yuan: 310_000, funding_source: "镇财政", start: "2023-05-09", deadline: "2023-12-31", status: "done", modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]},
    {project, county_code: "500120", facility_id: centre.id, item: "中心敬老院护理型床位配备（张，占比100%）", category: "护理型床位", year: 2023, planned_qty: centre.beds, done_qty: centre.beds, budget_yuan: centre.beds * 6_000, spent_yuan: centre.beds * 5_800, funding_source: "区级补助", start: "2023-05-09", deadline: "2023-12-31", status: "done", modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]},
    {project, county_code: "500120", facility_id: centre.id, item: "完善中心敬老院居室、卫生间、浴室、餐厅、公共活动空间无障碍设施", category: "无障碍设施", year: 2023, planned_qty: 1, done_qty: 1, budget_yuan: 450_000, spent_yuan: 436_000, funding_source: "镇财政", start: "2023-06-01", deadline: "2023-12-31", status: "done", modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]},
    {project, county_code: "500120", item: `${longfei}“五保家园”房屋改造（一户一厕、燃气灶台、老旧线路）（间）`, category: "五保家园改造", year: 2023, planned_qty: 12, done_qty: 12, budget_yuan: 360_000, spent_yuan: 352_000, funding_source: "镇财政", start: "2023-07-01", deadline: "2023-12-31", status: "done", modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]},
    {project, county_code: "500120", item: "失能老人智能手环（个）", category: "智慧养老", year: 2023, planned_qty: 60, done_qty: 0, budget_yuan: 36_000, spent_yuan: 0, funding_source: "区失能化改造补助资金", start: "2023-09-01", deadline: "2025-12-31", status: "in_progress", modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start", "deadline"]},
    ...fs.filter((f) => f.name.startsWith("兴隆社区养老服务站") || f.name.startsWith("船形村")).map((f) => ({project, county_code: "500120", facility_id: f.id, item: `助餐、助浴试点：${f.name.replace(/养老.*$/, "")}`, category: "助餐助浴", year: 2023, planned_qty: 1, done_qty: 1, budget_yuan: 80_000, spent_yuan: 76_000, funding_source: "区级补助", start: "2023-05-09", deadline: "2023-12-31", status: "done" as const, modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]}))
  ];
  const bracelets = rows.find((x) => x.category === "智慧养老");
  if (bracelets) {
    bracelets.done_qty = r.int(35, 50);
    bracelets.spent_yuan = bracelets.done_qty * 600;
  }
  return rows.map((x, i) => ({id: `P002-${String(i + 1).padStart(3, "0")}`, ...x}));
}

/** Seed 003: 7 sumu/town facilities, 13 community stations, 260 new beds 2022–2024, platform, training, 四十里梁. */
function hangjinProjects(fs: GenFacility[]): Row[] {
  const r = rng("150625:projects");
  const project = "杭锦旗加快推进居家社区养老服务（2022—2024）";
  // what the seed asks "every year from 2022" is a plan of its own with yearly deadlines, not part of the
  // 2022—2024 plan (whose own end date is 2024-12-31)
  const yearly = "杭锦旗居家社区养老服务年度任务（2022年起每年）";
  const rows: Omit<Row, "id">[] = [];
  const M = ["budget_yuan", "spent_yuan", "done_qty", "status", "start", "year", "facility_id"];
  const centres = fs.filter((f) => f.type === "township_centre");
  centres.forEach((f, i) => {
    const year = f.role === "siShiLiLiang" ? 2022 : 2022 + (i % 3);
    const status = f.status === "construction" ? "in_progress" : "done";
    rows.push(fill({project, county_code: "150625", facility_id: f.id, item: f.role === "siShiLiLiang" ? "原四十里梁敬老院改造升级为区域养老服务中心" : `配套完善苏木镇综合养老服务设施：${f.name}`, category: "苏木镇综合养老服务设施", year, planned_qty: 1, budget_yuan: r.int(15, 30) * 100_000, funding_source: "旗财政", start: `${year}-03-01`, deadline: f.role === "siShiLiLiang" ? "2022-12-31" : "2024-12-31", modelled: M}, status, r));
  });
  const stations = fs.filter((f) => f.type === "community_station");
  stations.forEach((f, i) => {
    const year = 2022 + (i % 3);
    const status = f.status === "construction" ? "in_progress" : "done";
    rows.push(fill({project, county_code: "150625", facility_id: f.id, item: `建设社区养老服务站：${f.name}`, category: "社区养老服务站", year, planned_qty: 1, budget_yuan: r.int(3, 6) * 100_000, funding_source: "上级福彩公益金", start: `${year}-04-01`, deadline: "2024-12-31", modelled: M}, status, r));
  });
  // 260 new beds: 四十里梁 60 (2022); the 6 other centres 150 (2023–2024); stations with beds 50.
  const bedHosts: {f: GenFacility; beds: number}[] = [];
  const slll = centres.find((f) => f.role === "siShiLiLiang");
  if (slll) bedHosts.push({f: slll, beds: 60});
  const others = centres.filter((f) => f !== slll);
  const split = apportion(150, others.map((f) => f.beds));
  others.forEach((f, i) => bedHosts.push({f, beds: split[i]}));
  const withBeds = stations.filter((f) => f.role === "hj_station_beds");
  const sSplit = apportion(50, withBeds.map(() => 1));
  withBeds.forEach((f, i) => bedHosts.push({f, beds: sSplit[i]}));
  bedHosts.forEach(({f, beds}, i) => {
    const year = f === slll ? 2022 : 2023 + (i % 2);
    const status = f.status === "construction" ? "in_progress" : "done";
    const row = fill({project, county_code: "150625", facility_id: f.id, item: `新增床位（张）：${f.name}`, category: "新增床位", year, planned_qty: beds, budget_yuan: beds * 50_000, funding_source: "旗财政", start: `${year}-03-01`, deadline: "2024-12-31", modelled: ["planned_qty", ...M]}, status, r);
    rows.push(row);
  });
  rows.push(fill({project, county_code: "150625", item: "建设全旗智慧养老服务监管调度系统（虚拟养老院）", category: "智慧养老平台", year: 2022, planned_qty: 1, budget_yuan: 1_200_000, funding_source: "旗财政", start: "2022-05-07", deadline: "2022-12-31", modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, "done", r));
  for (const year of [2022, 2023, 2024, 2025]) {
    const status = year < 2025 ? "done" : "in_progress";
    rows.push(fill({project: yearly, county_code: "150625", item: "培训养老服务从业人员（人）", category: "人才培训", year, planned_qty: 30, budget_yuan: 90_000, funding_source: "旗财政", start: `${year}-01-01`, deadline: `${year}-12-31`, modelled: ["budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, status, r));
  }
  [3, 4, 5].forEach((qty, k) => {
    const year = 2022 + k;
    const row = fill({project: yearly, county_code: "150625", item: "成熟小区养老服务设施配套（个）", category: "小区配套", year, planned_qty: qty, budget_yuan: qty * 200_000, funding_source: "旗财政", start: `${year}-03-01`, deadline: `${year}-12-31`, modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, year < 2024 ? "done" : "in_progress", r);
    rows.push(row);
  });
  // Recurring items the seed sets "every year from 2022" (the plan runs on past 2024; the data date is mid-2025):
  // the 2025 compounds (3–5 a year: the floor of the range, modelled), 1–2 government-purchased service projects a
  // year (smart-platform operation, terminals, subsidies for priority groups), and the home age-friendly adaptations
  // of special-hardship households "按上级安排" (households a year not in the seed: modelled). Appended after the
  // rows above so their ids and modelled values stay as they were.
  rows.push(fill({project: yearly, county_code: "150625", item: "成熟小区养老服务设施配套（个）", category: "小区配套", year: 2025, planned_qty: 3, budget_yuan: 3 * 200_000, funding_source: "旗财政", start: "2025-03-01", deadline: "2025-12-31", modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, "in_progress", r));
  for (const year of [2022, 2023, 2024, 2025]) {
    const qty = r.int(1, 2);
    rows.push(fill({project: yearly, county_code: "150625", item: "政府购买居家社区养老服务项目（个）", category: "政府购买服务", year, planned_qty: qty, budget_yuan: qty * 400_000, funding_source: "旗财政", start: `${year}-01-01`, deadline: `${year}-12-31`, modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, year < 2025 ? "done" : "in_progress", r));
  }
  for (const year of [2022, 2023, 2024, 2025]) {
    const qty = r.int(2, 5) * 10;
    rows.push(fill({project: yearly, county_code: "150625", item: "特殊困难老年人家庭适老化改造（户，按上级安排）", category: "家庭适老化改造", year, planned_qty: qty, budget_yuan: qty * 6_000, funding_source: "上级补助", start: `${year}-03-01`, deadline: `${year}-12-31`, modelled: ["planned_qty", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, year < 2025 ? "done" : "in_progress", r));
  }
  return rows.map((x, i) => ({id: `P003-${String(i + 1).padStart(3, "0")}`, ...x}));
}

/** Seed 004: annual plan 2021 (1, 5, 4, 50) and 2022 (1, 2, 3, 50). */
function jinshanProjects(fs: GenFacility[]): Row[] {
  const r = rng("310116:projects");
  const project = "金山区社区养老服务设施建设工程（民心工程 2021—2022）";
  const rows: Omit<Row, "id">[] = [];
  const M = ["facility_id", "budget_yuan", "spent_yuan", "start"];
  for (const year of [2021, 2022]) {
    const pick = (prefix: string): GenFacility[] => fs.filter((f) => f.role === `${prefix}_${year}`);
    for (const f of pick("new_complex")) rows.push({project, county_code: "310116", facility_id: f.id, item: `新建社区养老服务综合体：${f.name}`, category: "社区养老服务综合体", year, planned_qty: 1, done_qty: 1, budget_yuan: r.int(30, 50) * 100_000, spent_yuan: 0, funding_source: "市、区财政", start: `${year}-01-01`, deadline: `${year}-12-31`, status: "done", modelled: M});
    for (const f of pick("new_day")) rows.push({project, county_code: "310116", facility_id: f.id, item: `新建老年人日间服务中心：${f.name}`, category: "老年人日间服务中心", year, planned_qty: 1, done_qty: 1, budget_yuan: r.int(8, 15) * 100_000, spent_yuan: 0, funding_source: "市、区财政", start: `${year}-01-01`, deadline: `${year}-12-31`, status: "done", modelled: M});
    for (const f of pick("new_meal")) rows.push({project, county_code: "310116", facility_id: f.id, item: `新建社区助餐服务场所：${f.name}`, category: "社区助餐服务场所", year, planned_qty: 1, done_qty: 1, budget_yuan: r.int(3, 8) * 100_000, spent_yuan: 0, funding_source: "市、区财政", start: `${year}-01-01`, deadline: `${year}-12-31`, status: "done", modelled: M});
    rows.push({project, county_code: "310116", item: "居家环境适老化改造（户）", category: "居家环境适老化改造", year, planned_qty: 50, done_qty: 50, budget_yuan: 50 * 8_000, spent_yuan: 50 * r.int(70, 80) * 100, funding_source: "市、区财政", start: `${year}-01-01`, deadline: `${year}-12-31`, status: "done", modelled: ["done_qty", "budget_yuan", "spent_yuan", "start"]});
  }
  for (const row of rows) if (row.spent_yuan === 0) row.spent_yuan = Math.round((row.budget_yuan * r.uniform(0.92, 1)) / 100) * 100;
  return rows.map((x, i) => ({id: `P004-${String(i + 1).padStart(3, "0")}`, ...x}));
}

/**
 * Seed 001: township centres converted or built 2023–2025 (≤ 30 beds). The 120 000 yuan a bed (发改社会〔2021〕895号)
 * goes to new centres only; conversions of existing facilities and idle assets (改建) are funded at their own cost
 * ("改建项目按照实际情况给予补助"), modelled per item.
 */
function litongProjects(fs: GenFacility[], candidates: CandidateSite[]): Row[] {
  const r = rng("640302:projects");
  const project = "利通区乡镇养老服务能力提升三年行动（2023—2025）";
  const rows: Omit<Row, "id">[] = [];
  const centres = fs.filter((f) => f.type === "township_centre");
  centres.forEach((f, i) => {
    const from = (f.role ?? "").replace("lt_centre_", "");
    const isNew = from === "new" || from === "building";
    const year = from === "building" ? 2025 : i < 5 ? 2023 : 2024;
    const item =
      from === "nursing_home" ? `乡镇敬老院转型为综合养老服务中心：${f.name}`
      : from === "clinic" ? `依托乡镇卫生院转型提升：${f.name}`
      : from === "day_centre" ? `社区老年人日间照料中心转型提升：${f.name}`
      : `新建乡镇（街道）综合养老服务中心：${f.name}（${f.beds}床）`;
    const budget = isNew ? f.beds * 120_000 : r.int(8, 20) * 100_000;
    const status: ProjectItem["status"] = from === "building" ? "in_progress" : "done";
    rows.push(fill({project, county_code: "640302", facility_id: f.id, item, category: isNew ? "新建综合养老服务中心" : "既有设施转型升级", year, planned_qty: 1, budget_yuan: budget, funding_source: isNew ? "中央预算内投资（每床12万元）" : "自治区福彩公益金", start: `${year}-03-01`, deadline: year === 2023 ? "2023-12-31" : "2025-12-31", modelled: ["facility_id", "year", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]}, status, r));
  });
  const conv = candidates.filter((c) => c.county_code === "640302" && c.kind !== "factory").slice(0, 1);
  for (const c of conv) {
    // a conversion (改建) is funded at its own cost ("改建项目按照实际情况给予补助"), not by the 120 000 yuan a bed
    // that seed 001 gives new centres only
    rows.push({project, county_code: "640302", item: `利用闲置资产改建综合养老服务中心：${c.name}`, category: "闲置资产改造", year: 2025, planned_qty: 1, done_qty: 0, budget_yuan: r.int(8, 20) * 100_000, spent_yuan: 0, funding_source: "自治区福彩公益金", start: "2025-09-01", deadline: "2025-12-31", status: "not_started", modelled: ["item", "year", "budget_yuan", "spent_yuan", "done_qty", "status", "start"]});
  }
  return rows.map((x, i) => ({id: `P001-${String(i + 1).padStart(3, "0")}`, ...x}));
}

export function buildProjects(facilities: GenFacility[], candidates: CandidateSite[]): Row[] {
  const of = (code: string): GenFacility[] => facilities.filter((f) => f.county_code === code);
  const rows = [...wushenProjects(of("150626")), ...litongProjects(of("640302"), candidates), ...daxingProjects(of("500120")), ...hangjinProjects(of("150625")), ...jinshanProjects(of("310116"))];
  for (const row of rows) {
    const m = new Set(row.modelled);
    // No seed names the funding source of an item: the split of a project's money over sources is modelled.
    m.add("funding_source");
    // An item named after a facility whose name is modelled carries that name.
    const f = row.facility_id ? facilities.find((x) => x.id === row.facility_id) : undefined;
    if (f && f.modelled.includes("name") && row.item.includes(f.name)) m.add("item");
    // Seed 004 is a 2020 plan: what was done in 2021 and 2022 is modelled.
    if (row.county_code === "310116") for (const k of ["done_qty", "status"]) m.add(k);
    row.modelled = [...m];
  }
  // A facility with an upgrade item in progress at the data date is "upgrading" (seed 000).
  for (const row of rows) {
    if (row.county_code !== "150626" || row.status !== "in_progress" || !row.facility_id) continue;
    const f = facilities.find((x) => x.id === row.facility_id);
    if (f && f.role === "institution" && f.status === "operating") f.status = "upgrading" satisfies FacilityStatus;
  }
  return rows;
}

/** Candidate sites: idle public assets (seed 001 lists schools, factories, hospitals, clinics, nursing homes). */
export function buildCandidates(geos: CountyGeo[], facilities: GenFacility[]): CandidateSite[] {
  const out: CandidateSite[] = [];
  const plan: Record<string, {township: string; kind: CandidateSite["kind"]; label: string}[]> = {
    "640302": [
      {township: "640302103", kind: "clinic", label: "扁担沟镇卫生院闲置业务楼"},
      {township: "640302103", kind: "school", label: "闲置校舍"},
      {township: "640302200", kind: "factory", label: "闲置厂房"},
      {township: "640302202", kind: "school", label: "闲置校舍"},
      {township: "640302203", kind: "clinic", label: "郭家桥乡卫生院"},
      {township: "640302203", kind: "hospital", label: "原乡医院闲置院区"},
      {township: "640302102", kind: "school", label: "闲置校舍"},
      {township: "640302401", kind: "factory", label: "闲置厂房"}
    ],
    "150626": [
      {township: "150626200", kind: "school", label: "闲置校舍"},
      {township: "150626103", kind: "clinic", label: "乌兰陶勒盖镇卫生院"}
    ],
    "150625": [
      {township: "150625104", kind: "school", label: "闲置校舍"},
      {township: "150625101", kind: "clinic", label: "巴拉贡镇卫生院"}
    ],
    "500120": [
      {township: "500120107", kind: "school", label: "闲置校舍"},
      {township: "500120105", kind: "factory", label: "闲置厂房"},
      {township: "500120106", kind: "nursing_home", label: "广普镇敬老院"}
    ],
    "310116": [
      {township: "310116107", kind: "school", label: "闲置校舍"},
      {township: "310116105", kind: "factory", label: "闲置厂房"}
    ]
  };
  for (const g of geos) {
    const r = rng(`${g.census.code}:candidates`);
    const used = facilities.filter((f) => f.county_code === g.census.code).map((f) => f.km);
    (plan[g.census.code] ?? []).forEach((p, i) => {
      const t = g.townships.find((x) => x.code === p.township);
      if (!t) throw new Error(`candidate township ${p.township} missing`);
      const vs = t.villages.filter((v) => v.kind === "village" && !/生活区/.test(v.name));
      const v = vs.length ? r.pick(vs) : t.villages[0];
      const km = pointNear(t, g.proj, v ? v.km : t.seatKm, 0.4, r, used, 0.1, 0.1);
      used.push(km);
      const [lng, lat] = g.proj.inv(km);
      const name = p.label.startsWith(t.name.slice(0, 2)) ? p.label : `${v ? v.name : t.name}${p.label}`;
      out.push({
        id: `C${g.census.code}-${String(i + 1).padStart(2, "0")}`,
        name,
        kind: p.kind,
        township_code: t.code,
        county_code: g.census.code,
        lng,
        lat,
        area_m2: p.kind === "factory" ? r.int(15, 40) * 100 : p.kind === "school" ? r.int(8, 25) * 100 : r.int(6, 15) * 100,
        modelled: ["name", "lng", "lat", "area_m2"]
      });
    });
  }
  return out;
}

/** Targets: each seed's own, scoped to its county or township, plus the standards of domain.md for every county. */
export function buildTargets(jinshanTownships: string[], hangjinBaseline: number): Target[] {
  const GB50437 = "GB 50437-2007（2018年版）《城镇老年人设施规划规范》";
  const PLAN14 = "《“十四五”国家老龄事业发展和养老服务体系规划》（国发〔2021〕35号）";
  const rows: Omit<Target, "id">[] = [
    // Standards (every county)
    {indicator: "beds_per_1000_60", scope: "county", scope_code: "*", comparator: ">=", threshold: 40, deadline: "2025-12-31", source: `${GB50437} §3.2.1`, note: "养老床位 ≥ 40 张/千名60岁以上老人（截止日期为假设：文件未写明期限）"},
    {indicator: "nursing_share", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.55, deadline: "2025-12-31", source: PLAN14, note: "养老机构护理型床位占比 ≥ 55%"},
    {indicator: "area_per_bed", scope: "county", scope_code: "*", comparator: ">=", threshold: 35, deadline: "2025-12-31", source: `${GB50437} 表3.2.4`, note: "床均建筑面积 ≥ 35 m²（截止日期为假设：文件未写明期限）"},
    {indicator: "meal_seat_share_65", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.05, deadline: "2025-12-31", source: `${cite("004")}（推广为各区县默认标准）`, note: "助餐供客能力 ≥ 65岁以上老年人的5%（截止日期为假设：文件未写明期限）"},
    {indicator: "social_workers_per_1000_older", scope: "county", scope_code: "*", comparator: ">=", threshold: 1, deadline: "2025-12-31", source: `${cite("003")}（推广为各区县默认标准）`, note: "每千名老人1名持证社会工作者（截止日期为假设：文件未写明期限）"},
    {indicator: "social_workers_per_100_beds", scope: "county", scope_code: "*", comparator: ">=", threshold: 1, deadline: "2025-12-31", source: `${cite("003")}（推广为各区县默认标准）`, note: "每百张养老机构床位1名持证社会工作者（截止日期为假设：文件未写明期限）"},
    {indicator: "count_county_institution", scope: "county", scope_code: "*", comparator: ">=", threshold: 1, deadline: "2025-12-31", source: cite("001"), note: "每个县区要有至少1所县级养老机构"},
    {indicator: "township_centre_share", scope: "county", scope_code: "*", comparator: ">=", threshold: 0.6, deadline: "2025-12-31", source: `${PLAN14}；${cite("001")}`, note: "乡镇（街道）层面区域养老服务中心覆盖率 60%"},
    // 000 乌审旗: its figures are project figures (items, 16.5 M budget, deadline 2025-12-31), tracked in projects.csv
    {indicator: "public_institutions", scope: "county", scope_code: "150626", comparator: ">=", threshold: 4, deadline: "2025-12-31", source: cite("000"), note: "提升改造全旗4家公办养老机构（项目1650万元，2025年年底完成，进度见项目表）"},
    {indicator: "count_mutual_aid", scope: "county", scope_code: "150626", comparator: ">=", threshold: 15, deadline: "2025-12-31", source: cite("000"), note: "15处养老服务站点（农村牧区幸福互助院）"},
    {indicator: "count_canteen", scope: "county", scope_code: "150626", comparator: ">=", threshold: 15, deadline: "2025-12-31", source: cite("000"), note: "15处共享餐厅（6个嘎查村集体运营 + 9个其他主体运营）"},
    // 001 利通区
    {indicator: "township_centre_share", scope: "county", scope_code: "640302", comparator: ">=", threshold: 0.5, deadline: "2023-12-31", source: cite("001"), note: "2023年底乡镇（街道）综合养老中心或医养服务中心覆盖率50%"},
    {indicator: "township_centre_share", scope: "county", scope_code: "640302", comparator: ">=", threshold: 0.6, deadline: "2025-12-31", source: cite("001"), note: "2025年底覆盖率60%"},
    {indicator: "township_centre_max_beds", scope: "county", scope_code: "640302", comparator: "<=", threshold: 30, deadline: "2025-12-31", source: cite("001"), note: "新建改建乡镇综合养老服务中心床位控制在30张以内，床均面积30–40 m²"},
    // 002 大兴镇
    {indicator: "township_centre_nursing_share", scope: "township", scope_code: "500120104", comparator: ">=", threshold: 1, deadline: "2023-12-31", source: cite("002"), note: "中心敬老院护理型床位占比100%（截止日期为假设：文件未写明期限）"},
    {indicator: "social_operation_share", scope: "township", scope_code: "500120104", comparator: ">=", threshold: 1, deadline: "2023-12-31", source: cite("002"), note: "养老服务中心和站（点）社会化运营率100%（截止日期为假设：文件未写明期限）"},
    {indicator: "station_link_share", scope: "township", scope_code: "500120104", comparator: ">=", threshold: 1, deadline: "2023-12-31", source: cite("002"), note: "中心带站：兴隆社区、油田社区、船形村示范点及16个村养老互助站与中心联动（截止日期为假设：文件未写明期限）"},
    // 003 杭锦旗
    // "7个苏木镇 … 覆盖率100%" is a coverage of units, read as every other township-centre card reads it
    // (township_centre_share: sumu/towns with a counted centre over the county's 乡镇/街道/苏木); the division codes
    // list 6 sumu/towns (the development zone is not one), so the seed's 7th (塔然高勒, its centre in 独贵塔拉镇) is
    // a facility of 独贵塔拉镇, tracked in projects.csv
    {indicator: "township_centre_share", scope: "county", scope_code: "150625", comparator: ">=", threshold: 1, deadline: "2024-12-31", source: cite("003"), note: "2022—2024年配套完善7个苏木镇综合养老服务设施，覆盖率100%（按苏木镇覆盖率判定：区划代码中杭锦旗为6个苏木镇，经济开发区不计；文件所列塔然高勒的设施位于独贵塔拉镇，进度见项目表）"},
    {indicator: "community_station_share", scope: "county", scope_code: "150625", comparator: ">=", threshold: 1, deadline: "2024-12-31", source: cite("003"), note: "全旗13个社区均建设社区养老服务站，覆盖率100%"},
    {indicator: "beds", scope: "county", scope_code: "150625", comparator: ">=", threshold: hangjinBaseline + 260, deadline: "2024-12-31", source: cite("003"), note: `2022—2024年新增床位260张：阈值 = 2022年前床位${hangjinBaseline}张（模拟）+ 260`},
    {indicator: "social_workers_per_1000_older", scope: "county", scope_code: "150625", comparator: ">=", threshold: 1, deadline: "2024-12-31", source: cite("003"), note: "每千名老人拥有1名持证社会工作者（截止日期为假设：文件未写明期限）"},
    {indicator: "social_workers_per_100_beds", scope: "county", scope_code: "150625", comparator: ">=", threshold: 1, deadline: "2024-12-31", source: cite("003"), note: "每百张养老机构床位拥有1名持证社会工作者（截止日期为假设：文件未写明期限）"},
    // 004 金山区
    {indicator: "count_township_centre", scope: "county", scope_code: "310116", comparator: ">=", threshold: 15, deadline: "2022-12-31", source: cite("004"), note: "社区养老服务综合体全区建成15家以上（新建2家）"},
    {indicator: "count_day_centre", scope: "county", scope_code: "310116", comparator: ">=", threshold: 71, deadline: "2022-12-31", source: cite("004"), note: "社区老年人日间服务中心全区建成71家以上（新建7家）"},
    {indicator: "meal_points", scope: "county", scope_code: "310116", comparator: ">=", threshold: 67, deadline: "2022-12-31", source: cite("004"), note: "助餐场所（长者食堂+助餐点）全区建成67家以上（新建7家）"},
    {indicator: "meal_seat_share_65", scope: "county", scope_code: "310116", comparator: ">=", threshold: 0.05, deadline: "2022-12-31", source: cite("004"), note: "到2022年助餐服务供客能力达到65岁以上户籍老年人的5%（此处以常住65岁以上人口近似）"},
    {indicator: "village_station_share", scope: "county", scope_code: "310116", comparator: ">=", threshold: 1, deadline: "2022-12-31", source: cite("004"), note: "农村社区每个行政村至少设置1处家门口服务站"},
    ...jinshanTownships.map((code) => ({indicator: "canteens_150", scope: "township" as const, scope_code: code, comparator: ">=" as const, threshold: 1, deadline: "2022-12-31", source: cite("004"), note: "每个街镇（金山工业区）建设1—2个供餐能力150客以上的社区长者食堂"})),
    // added after the rows above so their ids stay stable
    {indicator: "township_centre_area_per_bed", scope: "county", scope_code: "640302", comparator: ">=", threshold: 30, deadline: "2025-12-31", source: cite("001"), note: "新建改建乡镇综合养老服务中心床均面积30–40 m²（下限）"},
    {indicator: "township_centre_area_per_bed", scope: "county", scope_code: "640302", comparator: "<=", threshold: 40, deadline: "2025-12-31", source: cite("001"), note: "新建改建乡镇综合养老服务中心床均面积30–40 m²（上限）"},
    ...jinshanTownships.map((code) => ({indicator: "canteens_150", scope: "township" as const, scope_code: code, comparator: "<=" as const, threshold: 2, deadline: "2022-12-31", source: cite("004"), note: "每个街镇（金山工业区）建设1—2个供餐能力150客以上的社区长者食堂（上限）"})),
    // 001's own county-institution rule for 利通区 (T007 extends it to the other counties as a reference standard)
    {indicator: "count_county_institution", scope: "county", scope_code: "640302", comparator: ">=", threshold: 1, deadline: "2025-12-31", source: cite("001"), note: "每个县区要有至少1所县级养老机构"}
  ];
  return rows.map((x, i) => ({id: `T${String(i + 1).padStart(3, "0")}`, ...x}));
}

/**
 * Seed 002's 量化排名 of 大兴镇's villages, communities and centre (`config.unit_ranking`, src/lib/plan/unit-ranking.ts).
 * The seed names what its operating agreements check (服务活动类别、频次、监督检查、护理床位、人员配备, 中心带站,
 * 社会化运营率100%) but no weights: the weights are assumed, and the monthly activities and inspection scores are
 * modelled here (the seed's ranking records are not public), flagged `records_modelled`.
 */
export function daxingUnitRanking(villageCodes: readonly string[], centreId: string): Record<string, unknown> {
  const r = rng("500120104:unit-ranking");
  const records: Record<string, {activities_per_month: number; inspection_score: number}> = {};
  for (const code of [...villageCodes, centreId]) records[code] = {activities_per_month: r.int(1, 8), inspection_score: r.int(60, 98)};
  return {
    "500120104": {
      source: `${cite("002")}：建立养老服务营运考核制度，严格检查各村社及养老服务中心工作开展情况并进行量化排名`,
      weights: {station: 15, social_operation: 15, centre_link: 15, coverage: 10, nursing: 15, staffing: 10, activities: 20, inspection: 25},
      weights_source: "权重为规划假设：方案未列评分指标与权重；指标取自方案所列营运协议内容（服务活动类别与频次、监督检查、护理型床位、人员配备）及“中心带站”“社会化运营率100%”，请按本镇考核细则修改",
      activities_standard_per_month: 4,
      records,
      records_source: "模拟数据：各村（社区）及中心的月均服务活动次数、监督检查得分由生成器按固定种子生成，不是大兴镇的考核记录",
      records_modelled: true
    }
  };
}
