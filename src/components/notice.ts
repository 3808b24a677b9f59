// Notices a reader must see: which of the figures on the page are modelled, and that boundaries are not an
// official map. Text only.

const FIELD_LABEL: Record<string, string> = {
  geometry: "边界",
  settlement: "城乡类别",
  area_km2: "面积",
  lng: "经度",
  lat: "纬度",
  pop60: "60岁以上人口分配",
  pop65: "65岁以上人口分配",
  pop80: "80岁以上人口分配",
  disabled: "失能人数",
  alone: "独居人数",
  beds: "床位",
  nursing_beds: "护理型床位",
  meal_seats: "助餐座位",
  area_m2: "建筑面积",
  operator: "运营方式",
  social_workers: "社会工作者",
  status: "状态",
  done_qty: "完成量",
  spent_yuan: "支出",
  budget_yuan: "分项预算",
  planned_qty: "计划量",
  start: "开始日期",
  facility_id: "对应设施",
  name: "名称",
  linked_centre: "所属中心",
  village_code: "所在村",
  kind: "类型",
  deadline: "期限",
  item: "内容",
  year: "年度",
  category: "类别",
  funding_source: "资金来源",
  type: "类型"
};

const FILE_LABEL: Record<string, string> = {
  township_boundaries: "乡镇边界",
  villages: "村/社区",
  facilities: "设施",
  projects: "项目进度",
  candidates: "候选场所",
  townships: "乡镇",
  counties: "县区"
};

/**
 * A notice listing the modelled fields of the files a page shows; nothing when none is modelled.
 * @param modelled file → modelled field names (region.json's `modelled`)
 * @param files the files this page draws from
 */
export function ModelledNotice(modelled: Record<string, string[]>, files: string[]): HTMLElement | null {
  const parts = files
    .filter((f) => modelled[f]?.length)
    .map((f) => `${FILE_LABEL[f] ?? f}（${[...new Set(modelled[f].map((x) => FIELD_LABEL[x] ?? x))].join("、")}）`);
  if (!parts.length) return null;
  const div = document.createElement("div");
  div.className = "cc-modelled-notice";
  div.dataset.modelled = "1";
  const strong = document.createElement("strong");
  strong.textContent = "模拟数据提示：";
  div.append(strong, document.createTextNode(`本页使用的以下数据为模型生成的模拟值，不是实测或官方数据：${parts.join("；")}。县界轮廓为示意，非官方地图（中国地图须经审图）；乡镇边界为模拟划分。`));
  return div;
}
