/**
 * The SQL workspace's catalogue: the tables the SQL page loads (one Arrow file each, written by src/data/sql.zip.ts),
 * their Chinese descriptions, the example queries a planner asks, and DuckDB error messages explained in Chinese.
 * Pure data and functions: the loader, the page and the tests share them.
 */

/** Tables of the SQL page, in the order the page lists them. */
export const SQL_TABLES = [
  {name: "counties", label: "区县", about: "区县代码 code、名称、常住人口与60/65/80岁以上人口（普查口径）"},
  {name: "townships", label: "乡镇（街道、苏木）", about: "乡镇代码 code、名称、所属区县 county_code、城乡类别 settlement、面积"},
  {name: "villages", label: "村（社区）", about: "村社区代码 code、名称、township_code、经纬度（WGS84）、60/65/80岁以上、失能半失能、独居老人数"},
  {name: "facilities", label: "养老服务设施", about: "编号 id、名称、类型 type / type_label、层级 tier、状态 status、床位 beds、护理型床位、助餐座位、运营方式；serving = 计入服务（运营中、改造中）"},
  {name: "candidates", label: "候选选址", about: "闲置学校、卫生院等可改建场所"},
  {name: "village_coverage", label: "各村覆盖结果", about: "每个村（社区）各层级覆盖它的设施数 covered_<层级>、到最近设施的距离 nearest_<层级>_m（米）；covered_any = 至少一个层级覆盖"},
  {name: "township_metrics", label: "乡镇指标", about: "报告页的全部乡镇指标：覆盖率、未覆盖人数 uncovered、床位、每千名老人床位 beds_per_1000_60 等"},
  {name: "county_metrics", label: "区县指标", about: "同上，按区县汇总"},
  {name: "station_links", label: "中心带站", about: "各站点关联的乡镇综合养老服务中心及距离"},
  {name: "bed_gaps", label: "床位缺口", about: "各乡镇现有床位、所用床位标准 standard（每千名60岁以上老人床位，取自本县床位目标，未设目标时按 GB 50437 的 40 张）、目标床位 target 与缺口 gap"},
  {name: "ranking", label: "乡镇排名", about: "各区县内乡镇的量化排名、得分与分项"},
  {name: "targets", label: "目标", about: "规划目标：指标、范围、比较、阈值、期限、来源"},
  {name: "target_status", label: "目标亮灯", about: "每个目标在每个单位的当前值 value 与亮灯 status（green 达标 / amber 接近 / red 未达标）"},
  {name: "project_items", label: "建设项目明细", about: "项目子项的计划、完成、预算、支出、期限、是否逾期 overdue、亮灯 light"},
  {name: "projects", label: "建设项目汇总", about: "按项目汇总的进度、预算与支出"},
  {name: "project_funding", label: "项目资金来源", about: "按项目和资金来源的预算与支出"}
] as const;

export type SqlTableName = (typeof SQL_TABLES)[number]["name"];

/** An example query: a title for the menu and the SQL with Chinese comments. */
export interface SqlExample {
  id: string;
  title: string;
  sql: string;
}

export const SQL_EXAMPLES: readonly SqlExample[] = [
  {
    id: "uncovered-by-township",
    title: "各乡镇未覆盖老人数",
    sql: `-- 各乡镇未覆盖老人数：住在所有服务圈之外的60岁以上老人（按村、社区汇总）
SELECT t.county_code AS 区县代码,
       t.code AS 乡镇代码,
       t.name AS 乡镇,
       SUM(v.pop60) AS 老人数,
       SUM(CASE WHEN v.covered_any THEN 0 ELSE v.pop60 END) AS 未覆盖老人数
FROM village_coverage v
JOIN townships t ON t.code = v.township_code
GROUP BY t.county_code, t.code, t.name
ORDER BY 未覆盖老人数 DESC;`
  },
  {
    id: "county-summary",
    title: "各区县未覆盖老人与每千名老人床位",
    sql: `-- 各区县：60岁以上老人、未覆盖老人数、养老床位、每千名老人床位数
-- 床位只计运营中和改造中的设施（serving），与报告页口径一致
WITH people AS (
  SELECT county_code,
         SUM(pop60) AS pop60,
         SUM(CASE WHEN covered_any THEN 0 ELSE pop60 END) AS uncovered
  FROM village_coverage
  GROUP BY county_code
), beds AS (
  SELECT county_code, SUM(beds) AS beds
  FROM facilities
  WHERE serving
  GROUP BY county_code
)
SELECT c.code AS 区县代码,
       c.name AS 区县,
       p.pop60 AS 老人数,
       p.uncovered AS 未覆盖老人数,
       COALESCE(b.beds, 0) AS 床位数,
       ROUND(1000 * COALESCE(b.beds, 0) / p.pop60, 1) AS 每千名老人床位
FROM counties c
JOIN people p ON p.county_code = c.code
LEFT JOIN beds b ON b.county_code = c.code
ORDER BY c.code;`
  },
  {
    id: "bed-gaps",
    title: "床位缺口最大的乡镇",
    sql: `-- 床位缺口最大的10个乡镇：按本县床位标准（standard 列）测算
SELECT c.name AS 区县,
       t.name AS 乡镇,
       g.pop60 AS 老人数,
       g.beds AS 现有床位,
       g.target AS 目标床位,
       g.gap AS 缺口
FROM bed_gaps g
JOIN townships t ON t.code = g.township_code
JOIN counties c ON c.code = t.county_code
ORDER BY g.gap DESC, t.code
LIMIT 10;`
  },
  {
    id: "facilities-by-type",
    title: "各区县设施按类型计数",
    sql: `-- 各区县养老服务设施按类型计数（只计运营中和改造中的设施）
SELECT c.name AS 区县,
       f.type_label AS 设施类型,
       COUNT(*) AS 设施数,
       SUM(f.beds) AS 床位数
FROM facilities f
JOIN counties c ON c.code = f.county_code
WHERE f.serving
GROUP BY c.code, c.name, f.type_label
ORDER BY c.code, 设施数 DESC;`
  },
  {
    id: "targets-not-met",
    title: "未达标目标清单",
    sql: `-- 未达标（红灯）和接近达标（黄灯）的目标，红灯在前
SELECT CASE status WHEN 'red' THEN '未达标' ELSE '接近' END AS 亮灯,
       CASE scope WHEN 'county' THEN '区县' ELSE '乡镇' END AS 范围,
       name AS 单位,
       label AS 指标,
       ROUND(value, 3) AS 当前值,
       comparator AS 比较,
       threshold AS 目标值,
       deadline AS 期限,
       source AS 来源
FROM target_status
WHERE status <> 'green'
ORDER BY status = 'amber', scope, code, label;`
  },
  {
    id: "far-villages",
    title: "离乡镇级设施最远的村",
    sql: `-- 离最近的乡镇级设施（综合养老服务中心）最远的20个村（社区），距离单位：公里
SELECT t.name AS 乡镇,
       v.name AS 村社区,
       v.pop60 AS 老人数,
       ROUND(v.nearest_township_m / 1000, 1) AS 最近乡镇级设施公里
FROM village_coverage v
JOIN townships t ON t.code = v.township_code
WHERE v.nearest_township_m IS NOT NULL
ORDER BY v.nearest_township_m DESC
LIMIT 20;`
  },
  {
    id: "overdue-projects",
    title: "逾期未完成的建设项目",
    sql: `-- 已过期限仍未完成的项目子项，按预算从大到小
SELECT c.name AS 区县,
       i.item AS 建设内容,
       i.planned_qty AS 计划数,
       i.done_qty AS 完成数,
       i.budget_yuan AS 预算元,
       i.deadline AS 期限
FROM project_items i
JOIN counties c ON c.code = i.county_code
WHERE i.overdue
ORDER BY i.budget_yuan DESC;`
  },
  {
    id: "columns",
    title: "查看所有表和字段",
    sql: `-- 本页可查询的全部表和字段（字段类型为 DuckDB 类型）
SELECT table_name AS 表, column_name AS 字段, data_type AS 类型
FROM information_schema.columns
ORDER BY table_name, ordinal_position;`
  }
];

/** Kinds of DuckDB errors, by the prefix of its message, with what they mean in Chinese. */
const ERROR_KINDS: readonly [RegExp, string][] = [
  [/^Parser Error/i, "SQL 语法错误：请检查关键字、逗号、括号和引号是否完整。"],
  [/^Catalog Error/i, "表或字段不存在：请核对名称（见下方“可查询的表”），中文别名需写在 AS 之后。"],
  [/^Binder Error/i, "字段无法识别或用法不对：请核对字段名、表别名，以及 GROUP BY 是否包含所有非聚合字段。"],
  [/^(Conversion|Invalid Input) Error/i, "数据类型转换失败：请检查比较或计算中的数值、文本和日期类型。"],
  [/^Out of Memory Error/i, "查询结果过大，浏览器内存不足：请加 LIMIT 或缩小范围。"]
];

/**
 * A Chinese explanation of a DuckDB error message (the original message is shown beside it).
 * @example explainSqlError("Parser Error: syntax error at or near \"FORM\"") // "SQL 语法错误：…"
 */
export function explainSqlError(message: string): string {
  const text = message.replace(/^Error:\s*/, "");
  for (const [pattern, explanation] of ERROR_KINDS) if (pattern.test(text)) return explanation;
  return "查询失败：请检查 SQL 语句。";
}

/** Statements that do not query, beyond the write keywords: refused when a statement starts with them. */
const OTHER_STATEMENTS = new Set(["GRANT", "REVOKE", "PREPARE", "EXECUTE", "DEALLOCATE", "ANALYZE", "COMMENT", "START", "END", "ABORT", "UNINSTALL", "FORCE"]);

/** Keywords that change the database, its settings or what it has loaded; refused wherever they stand. */
const WRITE_KEYWORDS = new Set([
  "DELETE", "UPDATE", "DROP", "INSERT", "CREATE", "ATTACH", "DETACH", "COPY", "INSTALL", "LOAD", "ALTER", "TRUNCATE",
  "IMPORT", "EXPORT", "CHECKPOINT", "VACUUM", "SET", "RESET", "PRAGMA", "CALL", "USE", "BEGIN", "COMMIT", "ROLLBACK", "MERGE", "UPSERT"
]);

/** The words of each statement of `sql`, upper-cased, outside comments, strings and quoted identifiers. */
export function sqlStatementWords(sql: string): string[][] {
  const statements: string[][] = [[]];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"') {
      // a string or quoted identifier; a doubled quote inside is the quote itself
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      i = j + 1;
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = sql.slice(i).match(/^\$[A-Za-z_]*\$/)![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
    } else if (c === ";") {
      statements.push([]);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = sql.slice(i).match(/^[A-Za-z_][A-Za-z0-9_]*/)![0];
      statements[statements.length - 1].push(word.toUpperCase());
      i += word.length;
    } else {
      i++;
    }
  }
  return statements.filter((s) => s.length > 0);
}

/**
 * Why `sql` is refused on the read-only SQL page, or undefined when it only queries: no statement may contain a
 * keyword that writes (DELETE, UPDATE, DROP, INSERT, CREATE, ATTACH, COPY, INSTALL, LOAD, SET …) outside strings
 * and comments, nor start as another non-query statement does (GRANT, PREPARE …). A statement that starts with no
 * keyword at all (a typo) goes to DuckDB, which explains the syntax error.
 * @example readOnlyViolation("DELETE FROM facilities") // {keyword: "DELETE", message: "…"}
 */
export function readOnlyViolation(sql: string): {keyword: string; message: string} | undefined {
  for (const words of sqlStatementWords(sql)) {
    const write = words.find((w) => WRITE_KEYWORDS.has(w));
    // a first word that is no statement at all (a typo such as SELEC) is left to DuckDB's syntax error
    const keyword = write ?? (OTHER_STATEMENTS.has(words[0]) ? words[0] : undefined);
    if (keyword) {
      return {
        keyword,
        message: `本页的数据库是只读的，语句中的 ${keyword} 未执行。这里只能查询（SELECT、WITH、FROM、DESCRIBE、SHOW 等），不能删除、修改、新建、导入或导出数据，也不能更改设置。` +
          (write && !["DELETE", "UPDATE", "DROP", "INSERT", "CREATE", "ATTACH", "COPY", "INSTALL", "LOAD"].includes(write) ? `如果 ${keyword} 是字段别名，请给它加双引号（"${keyword.toLowerCase()}"）。` : "")
      };
    }
  }
  return undefined;
}

/**
 * DuckDB's error message as shown to the user: DuckDB-Wasm repeats the "LINE 1: … ^" caret block, so a block
 * (paragraph) that repeats an earlier one is dropped; trailing blank lines go too.
 * @example cleanSqlErrorMessage("Parser Error: x\n\nLINE 1: a\n  ^\n\nLINE 1: a\n  ^") // "Parser Error: x\n\nLINE 1: a\n  ^"
 */
export function cleanSqlErrorMessage(message: string): string {
  const blocks = message.replace(/\r\n/g, "\n").split(/\n\s*\n/).map((b) => b.replace(/\s+$/, ""));
  const seen = new Set<string>();
  return blocks.filter((b) => b !== "" && !seen.has(b) && seen.add(b)).join("\n\n");
}
