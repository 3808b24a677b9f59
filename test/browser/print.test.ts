// Printed reports read as documents a 局长 signs: the issuing unit, title, data date and print date on top, page
// numbers "第 x 页 共 y 页" on every page, no screen-only instruction or button on paper, and the county map with
// township names, a scale bar and a north arrow. Text is read back from Chromium's PDF with pdftotext (poppler).
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadRegion} from "../../loaders/region.ts";
import {documentDate, issuerFor} from "../../src/lib/view/report-head.ts";
import {problems, SCREENSHOTS, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const site = useSite("dist");
const PDFTOTEXT = "/usr/bin/pdftotext";

function pdfText(path: string): string[] {
  if (!existsSync(PDFTOTEXT)) throw new Error("pdftotext not found: `sudo apt-get install -y poppler-utils` (.ci/run installs it when missing)");
  // one string per page (pdftotext separates pages with a form feed)
  return execFileSync(PDFTOTEXT, ["-layout", path, "-"], {encoding: "utf8"}).split("\f").filter((p) => p.trim() !== "");
}

describe("printed reports", async () => {
  const {region} = await loadRegion("data/default");
  const county = region.counties.find((c) => c.code === "640302")!;
  const townships = region.townships.filter((t) => t.county_code === county.code);

  it("the county report: head block, page numbers on every page, no screen-only text, a labelled map", async () => {
    const v = await visit(site.browser, site.base, `/county/${county.code}.html`, {width: 1366});
    expect(problems(v)).toEqual([]);
    // the map names every township and carries a scale bar and a north arrow
    // the label's own text (its <title> child holds the full name for a hover)
    const labels = await v.page.locator("text.cc-township-label, .cc-township-label text").evaluateAll((els) =>
      els.map((e) => Array.from(e.childNodes).filter((n) => n.nodeName !== "title").map((n) => n.textContent).join("")));
    expect([...new Set(labels.map((l) => l.trim()))].sort()).toEqual(townships.map((t) => t.name).sort());
    const furniture = await v.page.locator(".cc-map-furniture").first().textContent();
    expect(furniture).toMatch(/\d+ (公里|米)/);
    expect(furniture).toContain("北");
    const path = join(SCREENSHOTS, `county-${county.code}-document.pdf`);
    await v.page.pdf({path, printBackground: true, preferCSSPageSize: true});
    const pages = pdfText(path);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => expect(text.replace(/\s+/g, ""), `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`));
    const first = pages[0].replace(/\s+/g, "");
    expect(first).toContain(issuerFor(region.config.issuer, county.name)!.replace(/\s+/g, ""));
    expect(first).toContain(`${county.name}养老服务体系报告`);
    expect(first).toContain("数据日期2025年6月30日");
    // the first page carries the conclusions (src/lib/plan/conclusions.ts), before the tables
    expect(first).toContain("结论摘要");
    expect(first).toContain("目标差距");
    expect(first).toContain("需优先关注的乡镇");
    expect(first).toContain("选址建议的效果");
    // the print date is the reader's day: the browser runs in Asia/Shanghai (harness.ts), Node in UTC
    const shanghai = new Date(new Date().toLocaleString("en-US", {timeZone: "Asia/Shanghai"}));
    expect(first).toContain(`打印日期${documentDate(shanghai)}`);
    const all = pages.join("\n");
    for (const screenOnly of ["悬停", "打印 / 导出 PDF", "全部报告", "config.issuer"]) expect(all, screenOnly).not.toContain(screenOnly);
    await v.page.context().close();
  });

  it("the township report: the same head block and page numbers", async () => {
    const township = townships[0];
    const v = await visit(site.browser, site.base, `/township.html?code=${township.code}`, {width: 1366});
    const path = join(SCREENSHOTS, `township-${township.code}-document.pdf`);
    await v.page.pdf({path, printBackground: true, preferCSSPageSize: true});
    const pages = pdfText(path);
    pages.forEach((text, i) => expect(text.replace(/\s+/g, ""), `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`));
    const first = pages[0].replace(/\s+/g, "");
    expect(first).toContain(`${county.name}${township.name}养老服务报告`);
    expect(first).toContain(issuerFor(region.config.issuer, county.name)!.replace(/\s+/g, ""));
    expect(pages.join("\n")).not.toContain("返回");
    await v.page.context().close();
  });
});
