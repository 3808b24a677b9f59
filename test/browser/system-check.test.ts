// 系统自检 as an IT person runs it after copying the site: on the complete site (under the sub-path, as on a
// bureau's shared server) every line passes; on a copy with one data file deleted, the check fails naming that file
// and nothing else, and the verdict on top says so.
import {cpSync, mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchBrowser, problems, visit} from "./harness.ts";
import {startNginx, type Nginx} from "./nginx.ts";

const DIST = "dist";
let browser: Browser;
let complete: Nginx;
let broken: Nginx;
const copy = mkdtempSync(join(tmpdir(), "carecircle-syscheck-"));
let deleted = "";

beforeAll(async () => {
  cpSync(DIST, copy, {recursive: true});
  deleted = readdirSync(join(copy, "_file/data")).find((f) => /^results\.[0-9a-f]+\.json$/.test(f))!;
  rmSync(join(copy, "_file/data", deleted));
  [complete, broken] = [await startNginx(DIST), await startNginx(copy)];
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await complete?.stop();
  await broken?.stop();
  rmSync(copy, {recursive: true, force: true});
});

async function runCheck(base: string, screenshot: string) {
  const v = await visit(browser, base, "/system-check.html", {waitForMaps: false});
  const list = v.page.locator(".cc-syscheck");
  await v.page.locator('.cc-syscheck[data-state="done"]').waitFor({timeout: 90_000});
  await v.page.screenshot({path: `test/output/screenshots/${screenshot}.png`, fullPage: true});
  const rows = await v.page.locator(".cc-syscheck-item").evaluateAll((lis) => lis.map((li) => ({id: (li as HTMLElement).dataset.id, ok: (li as HTMLElement).dataset.ok, text: (li as HTMLElement).innerText})));
  return {v, ok: await list.getAttribute("data-ok"), verdict: await v.page.locator(".cc-syscheck-verdict").innerText(), report: await v.page.locator(".cc-syscheck-report pre").textContent(), rows};
}

describe("系统自检", () => {
  it("passes every line on the complete site under a sub-path", async () => {
    const r = await runCheck(complete.sub, "system-check-pass");
    expect(r.rows.filter((row) => row.ok !== "1").map((row) => row.text)).toEqual([]);
    expect(r.ok).toBe("1");
    expect(r.verdict).toContain("自检通过");
    // the lines an IT person needs: browser features, every data file, both report links
    const ids = r.rows.map((row) => row.id);
    for (const id of ["webgl", "wasm", "font", "storage", "map", "highs-wasm", "file-region.json", "file-results.json", "file-sql/facilities.arrow", "county-report", "township-report"]) expect(ids).toContain(id);
    expect(r.rows.find((row) => row.id === "county-report")!.text).toMatch(/\/yanglao\/county\/\d+\.html/);
    expect(r.report).toContain("结论：全部");
    expect(problems(r.v)).toEqual([]);
    await r.v.page.context().close();
  });

  it("fails naming the deleted data file, and only it", async () => {
    const r = await runCheck(broken.root, "system-check-missing-file");
    expect(r.ok).toBe("0");
    expect(r.rows.filter((row) => row.ok === "0").map((row) => row.id)).toEqual(["file-results.json"]);
    const line = r.rows.find((row) => row.id === "file-results.json")!.text;
    expect(line).toContain("未通过");
    expect(line).toContain("404");
    expect(line).toContain(deleted);
    expect(line).toContain("处理办法");
    expect(r.verdict).toContain("1 项未通过");
    expect(r.report).toContain("✘ 未通过  数据文件 results.json");
    await r.v.page.context().close();
  });
});
