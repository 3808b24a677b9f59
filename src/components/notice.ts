// Notices a reader must see: which of the figures on the page are modelled, and that boundaries are not an
// official map. Text only.
import {boundaryNotice, type BoundaryProvenance} from "../lib/plan/boundary-status.js";
import {FIELD_LABEL} from "../lib/view/field-labels.js";

/** Modelled fields in words: the record field names, with population fields read as their split over villages. */
const MODELLED_LABEL: Record<string, string> = {
  ...FIELD_LABEL,
  pop60: "60岁以上人口分配",
  pop65: "65岁以上人口分配",
  pop80: "80岁以上人口分配",
  budget_yuan: "分项预算",
  village_code: "所在村",
  // a facility whose type is modelled was invented to fill out a county (no planning document counts it)
  type: "部分设施本身（规划文件未列出的设施为补充生成）"
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
 * A notice listing the modelled fields of the files a page shows, and what the boundaries are when the region says
 * they are schematic or modelled; an empty (invisible) element when there is nothing to say.
 * @param modelled file → modelled field names (region.json's `modelled`)
 * @param files the files this page draws from
 * @param boundaries the region's boundary provenance (src/lib/plan/boundary-status.ts); omitted: nothing said of them
 */
export function ModelledNotice(modelled: Record<string, string[]>, files: string[], boundaries?: BoundaryProvenance): HTMLElement {
  const parts = files
    .filter((f) => modelled[f]?.length)
    .map((f) => `${FILE_LABEL[f] ?? f}（${[...new Set(modelled[f].map((x) => MODELLED_LABEL[x] ?? x))].join("、")}）`);
  const about = boundaries ? boundaryNotice(boundaries) : "";
  if (!parts.length && !about) return Object.assign(document.createElement("span"), {hidden: true});
  const div = document.createElement("div");
  div.className = "cc-modelled-notice";
  div.dataset.modelled = "1";
  const strong = document.createElement("strong");
  strong.textContent = parts.length ? "模拟数据提示：" : "边界提示：";
  div.append(strong, document.createTextNode(`${parts.length ? `本页使用的以下数据为模型生成的模拟值，不是实测或官方数据：${parts.join("；")}。` : ""}${about}`));
  return div;
}
