// The published site on a real nginx with no rewrite rules (nginx.ts), at the server root and under a sub-path, as a
// bureau deploys it: starting at "/", every page is opened in Chromium and rendered, every same-host link on it —
// static, made at run time, downloads — is requested, and every page reached is checked the same way. 0 broken links,
// every page of the build reachable by the site's own links, no console error, no request to another host.
// The detector is proved first on a fixture with deliberately broken links.
// The bytes each page transfers (gzip on) are written to test/output/page-bytes.json and checked against README.
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {crawl, type CrawlResult} from "./crawl.ts";
import {useSite} from "./site.ts";
import {pageBytesTable, readmeBytes, summarisePageBytes} from "./page-bytes.ts";

const DIST = "dist";
const FIXTURE = fileURLToPath(new URL("./fixtures/links", import.meta.url));
const OUTPUT = fileURLToPath(new URL("../output", import.meta.url));

function htmlPages(dir: string, root = dir): string[] {
  if (!existsSync(dir)) throw new Error(`No built site in ${dir}/ — run \`npm run build\` before the browser tests.`);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith("_")) return [];
    if (statSync(path).isDirectory()) return htmlPages(path, root);
    return name.endsWith(".html") ? ["/" + relative(root, path).split("\\").join("/")] : [];
  });
}

const brokenPaths = (r: CrawlResult, base: string) => r.broken.map((b) => b.url.slice(base.length)).sort();

describe("the link crawl", () => {
  const fixture = useSite(FIXTURE);

  it("reports every broken link on the fixture, static and made at run time, at the root", async () => {
    const r = await crawl(fixture.browser, fixture.base);
    expect(brokenPaths(r, fixture.base)).toEqual(["/county/2", "/data/missing.csv"]);
    expect(r.broken.find((b) => b.url.endsWith("/county/2"))).toMatchObject({status: 404, from: ["/"]});
    expect(r.pages.sort()).toEqual(["/", "/county/1.html", "/county/2.html"]);
  });

  it("under a sub-path, also reports links that climb out of it", async () => {
    const r = await crawl(fixture.browser, fixture.sub);
    expect(brokenPaths(r, new URL(fixture.sub).origin)).toEqual(["/county/1.html", "/county/2.html", "/yanglao/county/2", "/yanglao/data/missing.csv"]);
  });
});

describe("the built site on nginx with no rewrite rules", () => {
  const site = useSite(DIST);
  // township/<code>.html are the forwarding pages of the old township-report addresses (scripts/finish-dist.ts):
  // nothing links to them; the test below follows one
  const pages = htmlPages(DIST).filter((p) => !p.startsWith("/township/"));
  const bytes: Record<string, Record<string, number>> = {};

  for (const mount of ["root", "sub-path"] as const) {
    it(`every link works and every page is reachable, mounted at ${mount === "root" ? "/" : "/yanglao/"}`, async () => {
      const base = mount === "root" ? site.base : site.sub;
      const r = await crawl(site.browser, base, {screenshotPrefix: mount === "root" ? "" : undefined});
      const why = r.broken.map((b) => `${b.url} → ${b.status} (on ${b.from.slice(0, 3).join(", ")}${b.from.length > 3 ? ` and ${b.from.length - 3} more` : ""})`);
      expect(why).toEqual([]);
      expect(r.problems).toEqual([]);
      expect(r.empty).toEqual([]);
      // "/township.html?code=…" reaches the one township page, once per township
      const reached = new Set(r.pages.flatMap((p) => {
        const page = p.endsWith("/") ? p + "index.html" : p;
        return [page, page.split("?")[0]];
      }));
      expect(pages.filter((p) => !reached.has(p))).toEqual([]);
      const townships = (JSON.parse(readFileSync(join("src", "data", "units", "index.json"), "utf-8")) as {townships: string[]}).townships;
      expect(townships.length).toBeGreaterThan(50);
      expect(townships.filter((c) => !reached.has(`/township.html?code=${c}`))).toEqual([]);
      expect(r.links.length).toBeGreaterThan(pages.length);
      bytes[mount] = Object.fromEntries(r.bytes);
    }, 1_200_000);
  }

  it("an old township-report address (township/<code>.html) forwards to the township report, under a sub-path too", async () => {
    const townships = (JSON.parse(readFileSync(join("src", "data", "units", "index.json"), "utf-8")) as {townships: string[]}).townships;
    expect(htmlPages(DIST).filter((p) => p.startsWith("/township/")).length).toBe(townships.length);
    const code = townships[townships.length - 1];
    for (const base of [site.base, site.sub]) {
      const page = await site.browser.newPage();
      await page.goto(`${base}/township/${code}.html`);
      await page.waitForURL(`${base}/township.html?code=${code}`);
      await page.waitForFunction((c) => document.querySelector("#observablehq-main")?.textContent?.includes(`乡镇代码 ${c}`) ?? false, code, {timeout: 60_000});
      await page.close();
    }
  }, 120_000);

  it("README states the bytes each page transfers with gzip on, as measured", () => {
    expect(bytes.root, "the root crawl must run first").toBeDefined();
    const summary = summarisePageBytes(bytes.root);
    mkdirSync(OUTPUT, {recursive: true});
    writeFileSync(join(OUTPUT, "page-bytes.json"), JSON.stringify({pages: bytes.root, summary}, null, 1));
    writeFileSync(join(OUTPUT, "page-bytes.md"), pageBytesTable(summary));
    const stated = readmeBytes(readFileSync("README.md", "utf8"));
    // the README's table is regenerated with `npx tsx scripts/page-bytes.ts` from test/output/page-bytes.json
    for (const row of summary) {
      const s = stated.get(row.page);
      expect(s, `README has no transfer figure for ${row.page}`).toBeDefined();
      expect(Math.abs(row.kB - s!) / s!, `${row.page}: README says ${s} kB, measured ${row.kB} kB`).toBeLessThan(0.15);
    }
  });
});
