// Observable Framework configuration for CareCircle 养老服务圈.
// Offline by design: no Google Fonts (local stylesheet), no DuckDB extension downloads, and every `npm:` import
// is served from node_modules by scripts/vendor-npm.ts (run by `npm run build` and `npm run dev`).
// The region shown is chosen with the CARECIRCLE_REGION environment variable (a folder under data/, default
// "data/default"); loaders read it, see README "Your own region".

export default {
  title: "CareCircle 养老服务圈",
  root: "src",
  output: "dist",
  lang: "zh-CN",
  globalStylesheets: [],
  style: "style.css",
  search: false,
  pager: false,
  linkify: true,
  typographer: false,
  preserveExtension: true,
  footer: "CareCircle 养老服务圈 · 县域养老服务设施覆盖规划工具 · 模拟数据已标注 · 地图边界为示意，非官方地图",
  duckdb: {extensions: {json: null, parquet: null}},
  pages: [
    {name: "总览", path: "/index"},
    {name: "系统自检", path: "/system-check"}
  ]
};
