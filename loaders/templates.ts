/**
 * Writes the downloadable templates in data/templates/: for every table a CSV (UTF-8 with BOM, Chinese headers,
 * one example row) and the same as .xlsx, the two boundary GeoJSON files and a region.json. The folder is itself a
 * valid one-township region (tested), so an analyst can start from it.
 *
 * Run: `npx tsx loaders/templates.ts [out-folder]`
 */
import {mkdir, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import ExcelJS from "exceljs";
import type {FileKind} from "./aliases.ts";

type Cell = string | number;

/** Per table: [Chinese header, example value] in contract order. Headers go through the alias table. */
export const TEMPLATE_COLUMNS: Readonly<Partial<Record<FileKind, ReadonlyArray<readonly [string, Cell]>>>> = {
  counties: [["区县代码", "640302"], ["名称", "利通区"], ["常住人口", 400000], ["60岁以上", 60000], ["65岁以上", 45000], ["80岁以上", 8000], ["有65岁以上老人户数", 30000], ["面积(km²)", ""], ["模拟字段", ""]],
  villages: [["村社区代码", "640302100201"], ["名称", "金积村"], ["乡镇代码", "640302100"], ["经度", 106.15], ["纬度", 38.0], ["60岁以上", 600], ["65岁以上", 450], ["80岁以上", 90], ["失能半失能", 30], ["独居", 20], ["类型", "农村"], ["模拟字段", ""]],
  facilities: [["编号", "F001"], ["名称", "金积镇综合养老服务中心"], ["类型", "乡镇综合养老服务中心"], ["状态", "运营"], ["乡镇代码", "640302100"], ["村社区代码", ""], ["经度", 106.155], ["纬度", 38.01], ["床位数", 30], ["护理型床位", 30], ["助餐座位", 60], ["建筑面积(㎡)", 1000], ["运营方式", "公建民营"], ["社会工作者", 1], ["所属中心", ""], ["开业日期", "2023-12-31"], ["停业日期", ""], ["预计建成日期", ""], ["模拟字段", ""]],
  targets: [["编号", "T1"], ["指标", "township_centre_share"], ["范围", "区县"], ["范围代码", "640302"], ["比较", ">="], ["阈值", 0.6], ["期限", "2025-12-31"], ["来源", "利通区乡镇养老服务能力提升方案（2023–2025）"], ["备注", ""], ["模拟字段", ""]],
  projects: [["编号", "P1"], ["项目名称", "金积镇中心提升改造"], ["区县代码", "640302"], ["设施编号", "F001"], ["建设内容", "消防改造"], ["类别", "消防"], ["年度", 2025], ["计划数", 1], ["完成数", 0], ["预算(元)", 500000], ["已支出(元)", 100000], ["资金来源", "上级补助"], ["开始日期", "2025-03-01"], ["期限", "2025-12-31"], ["状态", "进行中"], ["模拟字段", ""]],
  candidates: [["编号", "C1"], ["名称", "金积小学旧校舍"], ["类型", "学校"], ["乡镇代码", "640302100"], ["经度", 106.18], ["纬度", 38.05], ["建筑面积(㎡)", 1200], ["模拟字段", ""]]
};

const FILE_NAMES: Readonly<Record<string, string>> = {
  counties: "counties",
  villages: "villages",
  facilities: "facilities",
  targets: "targets",
  projects: "projects",
  candidates: "candidates"
};

function csvCell(v: Cell): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A template CSV: BOM (so Excel opens it as UTF-8), header row, example row. */
export function templateCsv(columns: ReadonlyArray<readonly [string, Cell]>): string {
  return "\uFEFF" + [columns.map((c) => csvCell(c[0])).join(","), columns.map((c) => csvCell(c[1])).join(",")].join("\r\n") + "\r\n";
}

/** A template workbook: the same two rows on the first sheet; codes stored as text so Excel keeps every digit. */
export async function templateXlsx(columns: ReadonlyArray<readonly [string, Cell]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("数据");
  ws.addRow(columns.map((c) => c[0]));
  ws.addRow(columns.map((c) => c[1]));
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(10, c[0].length * 2 + 2);
    if (/代码|编号/.test(c[0])) ws.getColumn(i + 1).numFmt = "@";
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function square(x0: number, y0: number, x1: number, y1: number): number[][][] {
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
}

const COUNTY_GEOJSON = {
  type: "FeatureCollection",
  features: [{type: "Feature", properties: {区县代码: "640302", 名称: "利通区"}, geometry: {type: "Polygon", coordinates: square(106.0, 37.9, 106.3, 38.1)}}]
};

const TOWNSHIP_GEOJSON = {
  type: "FeatureCollection",
  features: [{type: "Feature", properties: {乡镇代码: "640302100", 名称: "金积镇", 类型: "农村", 模拟字段: ""}, geometry: {type: "Polygon", coordinates: square(106.1, 37.9, 106.2, 38.1)}}]
};

const MANIFEST = {
  id: "template",
  name: "模板区域（示例数据）",
  data_date: "2024-12-31",
  files: {
    counties: {path: "counties.csv", encoding: "auto"},
    county_boundaries: {path: "boundaries/counties.geojson", crs: "WGS84"},
    township_boundaries: {path: "boundaries/townships.geojson", crs: "WGS84"},
    villages: {path: "villages.csv", crs: "WGS84"},
    facilities: {path: "facilities.csv", crs: "GCJ-02"},
    targets: {path: "targets.csv"},
    projects: {path: "projects.csv"},
    candidates: {path: "candidates.csv", crs: "WGS84", optional: true}
  },
  config: {radii: {community_station: {urban: 1000, rural: 2000, pastoral: 10000}}, ranking_weights: {coverage: 0.4, beds: 0.3, stations: 0.3}, basemap: null}
};

/**
 * Write every template into a folder.
 * @param dir output folder (default data/templates)
 * @returns the files written, relative to `dir`
 */
export async function writeTemplates(dir = "data/templates"): Promise<string[]> {
  await mkdir(join(dir, "boundaries"), {recursive: true});
  const written: string[] = [];
  const put = async (name: string, content: string | Buffer) => {
    await writeFile(join(dir, name), content);
    written.push(name);
  };
  for (const [kind, columns] of Object.entries(TEMPLATE_COLUMNS)) {
    await put(`${FILE_NAMES[kind]}.csv`, templateCsv(columns));
    await put(`${FILE_NAMES[kind]}.xlsx`, await templateXlsx(columns));
  }
  await put("boundaries/counties.geojson", JSON.stringify(COUNTY_GEOJSON, null, 1) + "\n");
  await put("boundaries/townships.geojson", JSON.stringify(TOWNSHIP_GEOJSON, null, 1) + "\n");
  await put("region.json", JSON.stringify(MANIFEST, null, 2) + "\n");
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeTemplates(process.argv[2]).then((files) => console.log(`templates written: ${files.join(", ")}`));
}
