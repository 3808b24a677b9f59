// Data-quality cards: one per input file with a big red / amber / green verdict and its counts, and a banner for the
// whole delivery. DOM methods and textContent only: file names and messages come from the analyst's data.
import {formatInt} from "../lib/view/format.js";
import {CRS_LABEL, crsCheckText, DROP_LABEL, ENCODING_LABEL, FILE_LABEL, fileFacts, overallVerdict, VERDICT_LABEL, type QualityFile, type QualityReport} from "../lib/plan/quality.js";
import {el} from "./dom.js";


function fact(label: string, value: string, alarm = false): HTMLLIElement {
  const li = el("li", alarm ? "cc-q-alarm" : "");
  li.append(el("span", "cc-q-key", `${label}：`), document.createTextNode(value));
  return li;
}

/** The big summary of the whole delivery: how many files are bad, with warnings, fine. */
export function QualityBanner(report: QualityReport): HTMLDivElement {
  const v = overallVerdict(report);
  const bad = report.files.filter((f) => fileFacts(f).verdict === "bad").length;
  const rejected = report.files.reduce((n, f) => n + f.rejected.length, 0);
  const read = report.files.reduce((n, f) => n + f.rowsRead, 0);
  const div = el("div", `cc-q-banner cc-q-${v}`);
  div.dataset.verdict = v;
  const head =
    v === "bad"
      ? `本批数据有问题：${bad} 个文件有错误或被拒收的行，共拒收 ${formatInt(rejected)} 行`
      : v === "warn"
        ? "本批数据可用，但有需要核对的提示"
        : "本批数据全部合格";
  div.append(el("strong", "", head), el("div", "", `${report.files.length} 个文件，共读取 ${formatInt(read)} 行，接收 ${formatInt(read - rejected)} 行。`));
  for (const e of report.errors) div.append(el("div", "cc-q-alarm", `区域配置错误：${e}`));
  for (const w of report.warnings) div.append(el("div", "", `提示：${w}`));
  return div;
}

/** One file's card: verdict, rows read = accepted + rejected, and what the loader did. */
export function QualityCard(f: QualityFile): HTMLDivElement {
  const facts = fileFacts(f);
  const card = el("div", `card cc-q-card cc-q-${facts.verdict}`);
  card.dataset.file = f.file;
  card.dataset.verdict = facts.verdict;
  const head = el("div", "cc-q-head");
  head.append(el("span", "cc-q-badge", VERDICT_LABEL[facts.verdict]), el("span", "cc-q-title", FILE_LABEL[f.file] ?? f.file));
  const path = el("div", "cc-q-path", f.path);
  const counts = el("div", "cc-q-counts");
  const count = (label: string, n: number, key: string) => {
    const box = el("div", `cc-q-count cc-q-count-${key}`);
    box.dataset.count = key;
    box.dataset.value = String(n);
    box.append(el("span", "cc-q-num", formatInt(n)), el("span", "cc-q-label", label));
    return box;
  };
  counts.append(count("读取", f.rowsRead, "read"), count("接收", f.accepted, "accepted"), count("拒收", f.rejected.length, "rejected"));
  const list = el("ul", "cc-q-facts");
  for (const e of f.errors) list.append(fact("文件错误", e, true));
  if (f.encoding) list.append(fact("编码", `${ENCODING_LABEL[f.encoding] ?? f.encoding}（${f.encodingSource === "declared" ? "按配置" : "自动识别"}）`));
  if (f.crs) list.append(fact("坐标系", f.crs === "WGS84" ? CRS_LABEL.WGS84 : `${CRS_LABEL[f.crs] ?? f.crs} → WGS84，已转换 ${formatInt(f.converted)} 个`));
  const crsCheck = crsCheckText(f);
  if (crsCheck) list.append(fact("坐标系核对", crsCheck, f.crsEvidence?.verdict === "probably"));
  if (facts.outsideTownship) list.append(fact("点位不在所属乡镇内", `${formatInt(facts.outsideTownship)} 个（提示）`, true));
  if (facts.duplicates) list.append(fact("编号重复", `${formatInt(facts.duplicates)} 行（拒收）`, true));
  if (f.warnings.length) list.append(fact("提示", `${formatInt(f.warnings.length)} 条`));
  if (f.droppedColumns.length) list.append(fact("未读取的列", f.droppedColumns.map((d) => `${d.column}（${DROP_LABEL[d.reason] ?? d.reason}）`).join("，")));
  if (f.unknownColumns.length) list.append(fact("无法识别的列（未使用）", f.unknownColumns.join("，")));
  if (f.blankRows) list.append(fact("空行（已跳过）", formatInt(f.blankRows)));
  if (f.totalsRows) list.append(fact("合计、说明、标题行（已跳过）", formatInt(f.totalsRows)));
  for (const d of f.detections ?? []) list.append(fact("版式识别", d));
  for (const n of f.notes) list.append(fact("说明", n));
  card.append(head, path, counts, list);
  return card;
}
