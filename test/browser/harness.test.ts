// The harness itself: it must catch a page that requests another host, and pass a clean one.
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {problems, visit} from "./harness.ts";
import {useSite} from "./site.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/offsite", import.meta.url));
const site = useSite(FIXTURE);


describe("browser harness", () => {
  it("fails a page that requests a non-local URL, naming the URL", async () => {
    const v = await visit(site.browser, site.base, "/index.html", {waitForMaps: false});
    const lines = problems(v);
    expect(lines).toContain("request to a non-local host: https://fonts.googleapis.com/css2?family=Noto+Sans+SC");
    expect(lines).toContain("request to a non-local host: https://cdn.jsdelivr.net/npm/d3@7/+esm");
    await v.page.context().close();
  });

  it("passes a page that only talks to its own server", async () => {
    const v = await visit(site.browser, site.base, "/clean.html", {waitForMaps: false});
    await v.page.waitForFunction(() => document.body.dataset.done === "1");
    expect(problems(v)).toEqual([]);
    expect(v.requests.some((u) => u.endsWith("/index.html"))).toBe(true);
    await v.page.context().close();
  });
});
