/**
 * The data-quality page's reading of a load report (loaders/report.ts, printed by src/data/quality.json.ts): a
 * verdict per file (bad = file error or rejected rows, warn = warnings only, ok), Chinese labels, and the rejected
 * rows as flat records for the table and the CSV download. Reject values hold mapped columns only (the loader never
 * reads personal columns), so nothing here can show a personal value. Pure: no DOM.
 */

/**
 * A rejected row; loaders/report.ts uses this same type (the browser cannot import that Node module, so the
 * definition lives here).
 */
export interface QualityReject {
  row: number;
  field: string;
  expected: string;
  found: string;
  /** full sentence: file, row, field (with its Chinese header), expected, found */
  message: string;
  more: string[];
  values: Record<string, string>;
}

/** A warning about an accepted row (row 0 = about the whole file). */
export interface QualityWarning {
  row: number;
  field: string;
  message: string;
}

/** The slice of loaders/report.ts FileReport the page uses. */
export interface QualityFile {
  file: string;
  path: string;
  format?: string;
  encoding?: string;
  encodingSource?: "detected" | "declared";
  crs?: string;
  converted: number;
  rowsRead: number;
  accepted: number;
  rejected: QualityReject[];
  warnings: QualityWarning[];
  droppedColumns: {column: string; reason: string}[];
  unknownColumns: string[];
  blankRows: number;
  /** totals rows (合计/小计/总计) and note rows (注：…, 填表人：…) skipped (loaders/office.ts) */
  totalsRows?: number;
  /** what was found about the file's layout: real format, header row, two-level header, sheet, totals rows */
  detections?: string[];
  errors: string[];
  notes: string[];
  /** the coordinate evidence (loaders/crs-evidence.ts), files with coordinates only */
  crsEvidence?: {declared: string; verdict: "fits" | "probably" | "undecided"; likely?: string};
}

export interface QualityReport {
  errors: string[];
  warnings: string[];
  files: QualityFile[];
}

export type Verdict = "bad" | "warn" | "ok";

export const VERDICT_LABEL: Record<Verdict, string> = {bad: "有问题", warn: "有提示", ok: "合格"};

export const FILE_LABEL: Readonly<Record<string, string>> = {
  counties: "区县人口表",
  county_boundaries: "县界",
  township_boundaries: "乡镇界",
  villages: "村（社区）表",
  facilities: "养老设施表",
  targets: "目标表",
  projects: "建设项目表",
  candidates: "候选选址表",
  roads: "路网"
};

export const ENCODING_LABEL: Readonly<Record<string, string>> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8（带 BOM）",
  gbk: "GBK",
  gb18030: "GBK / GB18030"
};

export const CRS_LABEL: Readonly<Record<string, string>> = {
  WGS84: "WGS84（GPS、天地图）",
  "GCJ-02": "GCJ-02（高德、腾讯）",
  "BD-09": "BD-09（百度）"
};

export const DROP_LABEL: Readonly<Record<string, string>> = {
  personal: "个人信息，未读取",
  "not needed": "不需要，未读取"
};

/**
 * A file's verdict: bad when it has a file-level error or any rejected row, warn when it only has warnings, else ok.
 * @example verdict({errors: [], rejected: [], warnings: []}) // "ok"
 */
export function verdict(f: Pick<QualityFile, "errors" | "rejected" | "warnings">): Verdict {
  if (f.errors.length || f.rejected.length) return "bad";
  return f.warnings.length ? "warn" : "ok";
}

/** The verdict of the whole delivery: the worst file, or bad when the manifest has an error. */
export function overallVerdict(report: QualityReport): Verdict {
  if (report.errors.length) return "bad";
  const vs = report.files.map(verdict);
  return vs.includes("bad") ? "bad" : vs.includes("warn") || report.warnings.length ? "warn" : "ok";
}

/** The Chinese column header a loader message names ("床位数 (beds): …" → 床位数), else the field. */
export function fieldLabel(message: string, field: string): string {
  const m = new RegExp(`([^\\s:：]+) \\(${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)`).exec(message);
  return m ? m[1] : field;
}

/** Why a row was rejected, in Chinese. */
export function rejectReason(r: Pick<QualityReject, "field" | "message">): string {
  if (/duplicate /.test(r.message)) return "编号重复";
  if (/look swapped/.test(r.message)) return "经纬度颠倒";
  if (/outside every county/.test(r.message)) return "位置超出本区域";
  if (/personal data must not be in this file/.test(r.message)) return "含个人信息（电话或身份证号）";
  if (/has no saved value/.test(r.message)) return "公式没有保存的值";
  if (/a share is written 0–1/.test(r.message)) return "比例应写成0–1的小数";
  if (/is not plausible: expected at most/.test(r.message)) return "数值超出合理范围";
  if (/scientific notation/.test(r.message)) return "数值为科学记数法";
  if (/is outside China/.test(r.message)) return "位置在中国境外";
  if (/its boundary feature was rejected|its row in the counties file was rejected|its row in the facilities file was rejected/.test(r.message)) return "所依赖的行已被拒绝";
  if (r.field === "(row)" && /cells but the header has/.test(r.message)) return "整行错位（列数与表头不符）";
  if (r.field === "(row)") return "整行无法读取";
  return `${fieldLabel(r.message, r.field)}：值不合规`;
}

/** What a warning is about, in Chinese. */
export function warningKind(w: Pick<QualityWarning, "message">): string {
  if (/outside its own township/.test(w.message)) return "点位不在所属乡镇内";
  if (/taken from the point's location/.test(w.message)) return "乡镇按位置确定";
  if (/inferred from the township code/.test(w.message)) return "城乡类别按代码推断";
  if (/is a second column/.test(w.message)) return "重复的列";
  if (/read as operating/.test(w.message)) return "状态为空，按运营";
  if (/has no boundary/.test(w.message)) return "缺少边界";
  if (/more than the/.test(w.message)) return "数值超出合理范围";
  if (/is unusually many/.test(w.message)) return "数值偏大，请核对";
  if (/is empty in all \d+ rows/.test(w.message)) return "整列为空（按0计）";
  if (/m² a bed, (below|above)/.test(w.message)) return "床均面积异常";
  if (/invisible character/.test(w.message)) return "已删除不可见字符";
  return "其他提示";
}

/** Counts a person checks first. */
export interface FileFacts {
  verdict: Verdict;
  outsideTownship: number;
  duplicates: number;
  personalDropped: number;
}

export function fileFacts(f: QualityFile): FileFacts {
  return {
    verdict: verdict(f),
    outsideTownship: f.warnings.filter((w) => warningKind(w) === "点位不在所属乡镇内").length,
    duplicates: f.rejected.filter((r) => rejectReason(r) === "编号重复").length,
    personalDropped: f.droppedColumns.filter((d) => d.reason === "personal").length
  };
}

/**
 * The coordinate check of a file in words, or undefined for a file without coordinates.
 * @example crsCheckText({crsEvidence: {declared: "WGS84", verdict: "probably", likely: "GCJ-02"}}) // "与声明的 WGS84 不符：很可能是 GCJ-02（高德、腾讯）"
 */
export function crsCheckText(f: Pick<QualityFile, "crsEvidence">): string | undefined {
  const e = f.crsEvidence;
  if (!e) return undefined;
  if (e.verdict === "probably") return `与声明的 ${e.declared} 不符：很可能是 ${CRS_LABEL[e.likely ?? ""] ?? e.likely}`;
  if (e.verdict === "fits") return `与其他文件对照，符合声明的 ${CRS_LABEL[e.declared] ?? e.declared}`;
  return "边界附近的点太少，无法判断（未发现问题）";
}

/** One rejected row as a flat record: where, why, and the values of its mapped columns (never a personal one). */
export type RejectRecord = Record<string, string | number>;

/**
 * The rejected rows of every file, for the reasons table and the CSV download.
 * @example rejectRecords(report)[0] // {文件: "养老设施表", 文件路径: "facilities.csv", 行号: 3, 原因: "编号重复", …}
 */
export function rejectRecords(report: QualityReport): RejectRecord[] {
  return report.files.flatMap((f) =>
    f.rejected.map((r) => ({
      文件: FILE_LABEL[f.file] ?? f.file,
      文件路径: f.path,
      行号: r.row,
      原因: rejectReason(r),
      字段: r.field,
      期望: r.expected,
      实际: r.found,
      说明: [r.message, ...r.more].join("；"),
      ...Object.fromEntries(Object.entries(r.values).map(([k, v]) => [`值:${k}`, v]))
    }))
  );
}

/** Rejected rows counted by file and reason, most first. */
export function reasonCounts(report: QualityReport): {文件: string; 原因: string; 行数: number}[] {
  const counts = new Map<string, {文件: string; 原因: string; 行数: number}>();
  for (const f of report.files) {
    for (const r of f.rejected) {
      const key = `${f.file}\0${rejectReason(r)}`;
      const row = counts.get(key) ?? {文件: FILE_LABEL[f.file] ?? f.file, 原因: rejectReason(r), 行数: 0};
      row.行数++;
      counts.set(key, row);
    }
  }
  return [...counts.values()].sort((a, b) => b.行数 - a.行数);
}

/** Warnings as flat records for the warnings table. */
export function warningRecords(report: QualityReport): {文件: string; 行号: number; 类别: string; 说明: string}[] {
  return report.files.flatMap((f) => f.warnings.map((w) => ({文件: FILE_LABEL[f.file] ?? f.file, 行号: w.row, 类别: warningKind(w), 说明: w.message})));
}

/**
 * What a layout detection (loaders/office.ts) is about, in Chinese.
 * @example detectionKind('header found in line 4: …') // "表头不在第一行"
 */
export function detectionKind(message: string): string {
  if (/saved under a \.csv name|saved under an \.xlsx name/.test(message)) return "文件实际格式与扩展名不符";
  if (/^header found in/.test(message)) return "表头不在第一行（跳过标题行）";
  if (/^two-level header/.test(message)) return "两级表头（合并单元格）";
  if (/totals row/.test(message)) return "合计/小计行已跳过";
  if (/note row/.test(message)) return "表注、填表人行已跳过";
  if (/section heading row/.test(message)) return "分类标题行已跳过";
  if (/^the header repeated/.test(message)) return "重复的表头行已跳过";
  if (/sheet/.test(message)) return "数据所在工作表";
  return "其他识别";
}

/** Layout detections of every file as flat records for the quality page. */
export function detectionRecords(report: QualityReport): {文件: string; 识别: string; 说明: string}[] {
  return report.files.flatMap((f) => (f.detections ?? []).map((d) => ({文件: FILE_LABEL[f.file] ?? f.file, 识别: detectionKind(d), 说明: d})));
}
