// Observable Framework configuration for CareCircle 养老服务圈.
// Offline by design: no Google Fonts (local stylesheet), no DuckDB extension downloads, and every `npm:` import
// is served from node_modules by scripts/vendor-npm.ts (run by `npm run build` and `npm run dev`).
// The region shown is chosen with the CARECIRCLE_REGION environment variable (a folder with a region.json,
// default "data/default"); see README "Your own region".

/**
 * One report page per county and per township of the region (parameterized routes). The codes come from the units
 * index that `npm run build`'s data step wrote (loaders/build-cache.ts) — the config does not parse the region again.
 */
async function* dynamicPaths(): AsyncGenerator<string> {
  const {unitCodes} = await import("./loaders/build-cache.ts");
  const codes = unitCodes();
  if (!codes) throw new Error("src/data/units/index.json is missing: run `npm run prepare-site` (part of npm run build / npm run dev) first");
  for (const c of codes.counties) yield `/county/${c}`;
  for (const t of codes.townships) yield `/township/${t}`;
}

export default {
  title: "CareCircle 养老服务圈",
  root: "src",
  output: process.env.CARECIRCLE_OUTPUT ?? "dist",
  lang: "zh-CN",
  globalStylesheets: [],
  style: "style.css",
  // an empty icon: browsers would otherwise ask for /favicon.ico and log a 404 on every page
  head: '<link rel="icon" href="data:,">',
  search: false,
  pager: false,
  toc: {show: true, label: "本页目录"},
  linkify: true,
  typographer: false,
  preserveExtension: true,
  footer: "CareCircle 养老服务圈 · 县域养老服务设施覆盖规划工具 · 模拟数据已在页面中标注 · 县界为示意，非官方地图",
  duckdb: {extensions: {json: null, parquet: null}},
  dynamicPaths,
  pages: [
    {name: "总览", path: "/index"},
    {name: "指挥大屏", path: "/command"},
    {name: "覆盖分析与模拟", path: "/explorer"},
    {name: "选址建议", path: "/siting"},
    {name: "县区与乡镇报告", path: "/reports"},
    {name: "项目进度", path: "/projects"},
    {name: "数据工作台", pages: [{name: "数据质量", path: "/quality"}, {name: "SQL 查询", path: "/sql"}, {name: "导入本地数据指南", path: "/guide"}]},
    {name: "系统自检", path: "/system-check"}
  ]
};
