// Every page of the built site: it renders, its console has no error, and it requests nothing but the local
// server. A full-page screenshot of each goes to test/output/screenshots/ (ignored by git) to be looked at.
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {problems, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const DIST = "dist";

function htmlPages(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`No built site in ${dir}/ — run \`npm run build\` before the browser tests.`);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith("_")) return [];
    if (statSync(path).isDirectory()) return htmlPages(path);
    return name.endsWith(".html") ? ["/" + relative(DIST, path).split("\\").join("/")] : [];
  });
}

const pages = htmlPages(DIST);
const site = useSite(DIST);


describe("every page of the built site", () => {
  it("has pages to check", () => expect(pages.length).toBeGreaterThan(1));
  for (const path of pages) {
    it(`${path} renders cleanly and stays on the local server`, async () => {
      const name = path.replace(/^\//, "").replace(/\.html$/, "").replace(/\//g, "__");
      const v = await visit(site.browser, site.base, path, {screenshot: name});
      expect(problems(v)).toEqual([]);
      const text = await v.page.locator("#observablehq-main").innerText();
      expect(text.trim().length).toBeGreaterThan(20);
      await v.page.context().close();
    });
  }
});
