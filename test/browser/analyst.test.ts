// The analyst's workspace in the built site: the data-quality page shows the load report's counts, the SQL page
// answers the example queries with the numbers the report pages show, bad SQL gets a Chinese error and no console
// error, and no page but /sql.html requests any DuckDB file. Run after `npm run build`.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, describe, expect, it} from "vitest";
import {TYPE_LABEL} from "../../src/lib/facility-types.ts";
import {formatInt, formatNumber} from "../../src/lib/view/format.ts";
import {fileFacts, overallVerdict, type QualityReport} from "../../src/lib/plan/quality.ts";
import {SQL_EXAMPLES} from "../../src/lib/view/sql.ts";
import {problems, visit, type Visit} from "./harness.ts";
import {useSite} from "./site.ts";

const DIST = "dist";

/** A JSON artifact of the built site (dist/_file/data/<name>.<hash>.json). */
function artifact<T>(name: string): T {
  const dir = join(DIST, "_file", "data");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json")) : undefined;
  if (!file) throw new Error(`No ${name}.json in ${dir}/ — run \`npm run build\` before the browser tests.`);
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as T;
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith("_")) return [];
    if (statSync(path).isDirectory()) return htmlPages(path);
    return name.endsWith(".html") ? ["/" + relative(DIST, path).split("\\").join("/")] : [];
  });
}

/** RFC 4180 CSV (BOM removed) → rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (c !== "\r") cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Click a download button and return its CSV as records. */
async function downloadCsv(page: Page, filename: string): Promise<{bom: boolean; records: Record<string, string>[]}> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`button[data-filename="${filename}"]`).click()]);
  const text = readFileSync((await download.path())!, "utf8");
  const [header, ...rows] = parseCsv(text);
  return {bom: text.startsWith("\uFEFF"), records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))};
}

interface UnitRow {
  code: string;
  name: string;
  county_code: string;
  uncovered: number;
  beds: number;
  pop60: number;
  beds_per_1000_60: number | null;
  facilities_by_type: Record<string, number>;
}
interface Results {
  metrics: {counties: UnitRow[]; townships: UnitRow[]};
  statuses: {status: string}[];
  beds: {township_code: string; gap: number}[];
}

const results = artifact<Results>("results");
const quality = artifact<QualityReport>("quality");
const site = useSite(DIST);
let sql: Visit;

afterAll(async () => {
  await sql?.page.context().close();
});

describe("数据质量 page", () => {
  it("shows each file's rows read / accepted / rejected and verdict from quality.json", async () => {
    const v = await visit(site.browser, site.base, "/quality.html", {screenshot: "analyst-quality"});
    expect(problems(v)).toEqual([]);
    expect(await v.page.locator(".cc-q-banner").getAttribute("data-verdict")).toBe(overallVerdict(quality));
    expect(await v.page.locator(".cc-q-card").count()).toBe(quality.files.length);
    for (const f of quality.files) {
      const card = v.page.locator(`.cc-q-card[data-file="${f.file}"]`);
      expect(await card.getAttribute("data-verdict")).toBe(fileFacts(f).verdict);
      for (const [key, n] of [["read", f.rowsRead], ["accepted", f.accepted], ["rejected", f.rejected.length]] as const) {
        const box = card.locator(`[data-count="${key}"]`);
        expect(await box.getAttribute("data-value")).toBe(String(n));
        expect(await box.locator(".cc-q-num").innerText()).toBe(formatInt(n));
      }
      if (f.crs && f.crs !== "WGS84") expect(await card.innerText()).toContain(`已转换 ${formatInt(f.converted)} 个`);
    }
    const rejects = await downloadCsv(v.page, "数据质量-拒收行.csv");
    expect(rejects.bom).toBe(true);
    await v.page.context().close();
  });
});

describe("SQL 查询 page", () => {
  const ran = new Map<string, Record<string, string>[]>();

  async function runExample(id: string): Promise<Record<string, string>[]> {
    const example = SQL_EXAMPLES.find((e) => e.id === id)!;
    await sql.page.locator("form select").first().selectOption({label: example.title});
    await sql.page.locator(`button[data-filename="查询结果-${id}.csv"]`).waitFor({timeout: 30_000});
    const {bom, records} = await downloadCsv(sql.page, `查询结果-${id}.csv`);
    expect(bom).toBe(true);
    return records;
  }

  it("starts DuckDB and runs every example without an error", async () => {
    sql = await visit(site.browser, site.base, "/sql.html", {waitForMaps: false});
    await sql.page.locator(".cc-sql-ready").waitFor({timeout: 60_000});
    const startMs = Number(await sql.page.locator(".cc-sql-ready").getAttribute("data-start-ms"));
    console.log(`DuckDB start and 16 tables loaded in ${startMs} ms`);
    for (const e of SQL_EXAMPLES) {
      const records = await runExample(e.id);
      expect(records.length, e.id).toBeGreaterThan(0);
      ran.set(e.id, records);
    }
    await sql.page.locator(".cc-sql-result").first().scrollIntoViewIfNeeded();
    await sql.page.screenshot({path: "test/output/screenshots/analyst-sql.png", fullPage: true});
    expect(problems(sql)).toEqual([]);
  });

  it("各乡镇未覆盖老人数 equals every township's uncovered figure", () => {
    const rows = ran.get("uncovered-by-township")!;
    expect(rows.length).toBe(results.metrics.townships.length);
    for (const t of results.metrics.townships) {
      const row = rows.find((r) => r.乡镇代码 === t.code);
      expect(Number(row?.未覆盖老人数), t.name).toBe(t.uncovered);
    }
  });

  it("the county summary equals results.json and what each county report page shows", async () => {
    const rows = ran.get("county-summary")!;
    expect(rows.map((r) => r.区县代码).sort()).toEqual(results.metrics.counties.map((c) => c.code).sort());
    for (const c of results.metrics.counties) {
      const row = rows.find((r) => r.区县代码 === c.code)!;
      expect(Number(row.未覆盖老人数)).toBe(c.uncovered);
      expect(Number(row.床位数)).toBe(c.beds);
      expect(Number(row.老人数)).toBe(c.pop60);
      expect(Math.abs(Number(row.每千名老人床位) - (c.beds_per_1000_60 ?? NaN))).toBeLessThanOrEqual(0.05 + 1e-9);
      const page = await visit(site.browser, site.base, `/county/${c.code}.html`, {waitForMaps: false});
      // the page's cells render after load (slower on a busy machine): wait for the figure's card
      await page.page.locator("#observablehq-main .card", {hasText: "未覆盖"}).first().waitFor();
      const text = await page.page.locator("#observablehq-main").innerText();
      expect(text).toContain(`未覆盖 ${formatInt(Number(row.未覆盖老人数))} 人`);
      expect(text).toContain(`每千名老人 ${formatNumber(Number(row.每千名老人床位))} 张`);
      await page.page.context().close();
    }
  });

  it("床位缺口 and 设施按类型计数 equal results.json", () => {
    const gaps = ran.get("bed-gaps")!;
    const expected = [...results.beds].sort((a, b) => b.gap - a.gap || a.township_code.localeCompare(b.township_code)).slice(0, 10);
    expect(gaps.map((r) => Number(r.缺口))).toEqual(expected.map((b) => b.gap));
    const byType = ran.get("facilities-by-type")!;
    const names = new Map(results.metrics.counties.map((c) => [c.name, c]));
    for (const r of byType) {
      const type = Object.entries(TYPE_LABEL).find(([, label]) => label === r.设施类型)![0];
      expect(Number(r.设施数), `${r.区县} ${r.设施类型}`).toBe(names.get(r.区县)!.facilities_by_type[type]);
    }
    const total = byType.reduce((n, r) => n + Number(r.设施数), 0);
    expect(total).toBe(results.metrics.counties.reduce((n, c) => n + Object.values(c.facilities_by_type).reduce((a, b) => a + b, 0), 0));
    expect(ran.get("targets-not-met")!.length).toBe(results.statuses.filter((s) => s.status !== "green").length);
  });

  it("explains bad SQL in Chinese, with no console error", async () => {
    const cases = [
      ["SELEC * FORM facilities", "SQL 语法错误"],
      ["SELECT * FROM no_such_table", "表或字段不存在"]
    ] as const;
    for (const [query, expected] of cases) {
      await sql.page.locator(".cc-sql-editor textarea").fill(query);
      await sql.page.getByRole("button", {name: "运行查询"}).click();
      await sql.page.locator(".cc-sql-error", {hasText: expected}).waitFor({timeout: 30_000});
    }
    await sql.page.screenshot({path: "test/output/screenshots/analyst-sql-error.png"});
    expect(problems(sql)).toEqual([]);
  });

  it("is read-only: statements that write are refused in Chinese and the data stay whole", async () => {
    const run = async (query: string) => {
      await sql.page.locator(".cc-sql-editor textarea").fill(query);
      await sql.page.getByRole("button", {name: "运行查询"}).click();
    };
    const count = async () => {
      await run("SELECT COUNT(*) AS n FROM facilities");
      const cell = sql.page.locator('.cc-sql-result[data-rows="1"] tbody tr td').last();
      await cell.waitFor({timeout: 30_000});
      return (await cell.innerText()).trim();
    };
    const before = await count();
    expect(Number(before.replace(/,/g, ""))).toBeGreaterThan(100);
    const statements = [
      ["DELETE FROM facilities", "DELETE"], ["UPDATE facilities SET beds = 0", "UPDATE"], ["DROP TABLE facilities", "DROP"],
      ["INSERT INTO counties SELECT * FROM counties", "INSERT"], ["CREATE TABLE x AS SELECT 1", "CREATE"], ["ATTACH 'x.db' AS x", "ATTACH"],
      ["COPY facilities TO 'x.csv'", "COPY"], ["INSTALL httpfs", "INSTALL"], ["LOAD httpfs", "LOAD"]
    ] as const;
    for (const [query, keyword] of statements) {
      await run(query);
      const box = sql.page.locator('.cc-sql-error[data-refused="1"]', {hasText: keyword});
      await box.waitFor({timeout: 30_000});
      expect(await box.innerText()).toContain("只读");
    }
    await run("DELETE FROM facilities");
    await sql.page.locator('.cc-sql-error[data-refused="1"]').waitFor({timeout: 30_000});
    await sql.page.screenshot({path: "test/output/screenshots/analyst-sql-refused.png"});
    expect(await count()).toBe(before);
    expect(problems(sql)).toEqual([]);
  });

  it("shows DuckDB's syntax-error caret block once", async () => {
    await sql.page.locator(".cc-sql-editor textarea").fill("SELECT * FORM facilities");
    await sql.page.getByRole("button", {name: "运行查询"}).click();
    const box = sql.page.locator(".cc-sql-error", {hasText: "SQL 语法错误"});
    await box.waitFor({timeout: 30_000});
    const text = await box.innerText();
    expect(text).toContain("LINE 1:");
    expect(text.split("LINE 1:").length - 1).toBe(1);
    expect(text.split("^").length - 1).toBe(1);
  });

  it("shows DECIMAL and HUGEINT results as the numbers they are, with thousands separators", async () => {
    const pop60 = results.metrics.counties.reduce((n, c) => n + c.pop60, 0);
    expect(pop60).toBeGreaterThan(100_000);
    // 12.5 as DECIMAL(10,2) arrives unscaled (1250) and SUM of integers as HUGEINT: both must read right
    await sql.page.locator(".cc-sql-editor textarea").fill("SELECT 12.5::DECIMAL(10,2) AS d, -0.05 * 3 AS e, SUM(pop60) AS s FROM villages");
    await sql.page.getByRole("button", {name: "运行查询"}).click();
    const row = sql.page.locator('.cc-sql-result[data-rows="1"] tbody tr').first();
    await row.waitFor({timeout: 30_000});
    const cells = (await row.locator("td").allInnerTexts()).map((t) => t.trim()).filter((t) => t !== "");
    expect(cells).toEqual(["12.5", "-0.15", pop60.toLocaleString("zh-CN")]);
  });
});

describe("导入本地数据指南 page", () => {
  it("offers every template for download and shows a real data:check report", async () => {
    const v = await visit(site.browser, site.base, "/guide.html", {screenshot: "analyst-guide"});
    expect(problems(v)).toEqual([]);
    const links = await v.page.locator(".cc-guide-templates a[download]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).download));
    for (const t of ["counties", "villages", "facilities", "targets", "projects", "candidates"]) expect(links).toEqual(expect.arrayContaining([`${t}.csv`, `${t}.xlsx`]));
    const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.locator('.cc-guide-templates a[download="facilities.csv"]').click()]);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFF编号,名称,类型")).toBe(true);
    expect(await v.page.locator(".cc-guide-report").innerText()).toContain("0 rejected");
    await v.page.context().close();
  });
});

describe("DuckDB loads on the SQL page only", () => {
  it("no page but /sql.html requests a DuckDB file", {timeout: 600_000}, async () => {
    const paths = htmlPages(DIST).filter((p) => p !== "/sql.html");
    const context = await site.browser.newContext();
    const page = await context.newPage();
    let current = "";
    const offenders: string[] = [];
    page.on("request", (r) => {
      if (/duckdb/i.test(r.url())) offenders.push(`${current}: ${r.url()}`);
    });
    for (const path of paths) {
      current = path;
      await page.goto(site.base + path, {waitUntil: "networkidle", timeout: 60_000});
    }
    await context.close();
    console.log(`${paths.length} pages visited, DuckDB requests: ${offenders.length}`);
    expect(paths.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
    expect(sql.requests.some((u) => /duckdb.*\.wasm/.test(u)), "the SQL page itself loads the wasm").toBe(true);
  });
});
