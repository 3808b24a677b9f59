// The document head of a printed county or township report (红头): issuing unit, title, data date and print date,
// shown on paper only; on screen a print button stands in its place. The print date is set when printing starts.
import {documentDate} from "../lib/view/report-head.js";

export interface ReportHeadOptions {
  /** the issuing unit, e.g. "金山区民政局"; undefined: none is named (the screen says where to set it) */
  issuer: string | undefined;
  /** the document title, e.g. "金山区养老服务体系报告" */
  title: string;
  /** the data date, in words */
  dataDate: string;
}

export function ReportHead({issuer, title, dataDate}: ReportHeadOptions): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "cc-doc";
  const head = document.createElement("div");
  head.className = "cc-doc-head cc-print-only";
  const unit = document.createElement("div");
  unit.className = "cc-doc-issuer";
  unit.textContent = issuer ?? "";
  const name = document.createElement("div");
  name.className = "cc-doc-title";
  name.textContent = title;
  const dates = document.createElement("div");
  dates.className = "cc-doc-dates";
  const printed = () => `数据日期 ${dataDate} · 打印日期 ${documentDate(new Date())}`;
  dates.textContent = printed();
  if (issuer) head.append(unit);
  head.append(name, dates);
  // the print date is the day of printing, not of loading the page
  const update = () => (dates.textContent = printed());
  addEventListener("beforeprint", update);

  const tools = document.createElement("p");
  tools.className = "cc-no-print cc-doc-tools";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cc-download";
  button.textContent = "打印 / 导出 PDF";
  button.onclick = () => print();
  tools.append(button);
  if (!issuer) {
    const note = document.createElement("span");
    note.className = "cc-meta";
    note.textContent = "（打印件未写发文单位：可在 region.json 的 config.issuer 中填写，如“某某县民政局”）";
    tools.append(" ", note);
  }
  wrap.append(head, tools);
  return wrap;
}
