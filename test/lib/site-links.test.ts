// Links between pages: relative and with .html, so they resolve on a server with no rewrites, at the root and under
// any sub-path. The oracle is the browser's own URL resolution (WHATWG URL), on fixed cases and random paths.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {countyReportPath, pageHref, reportHref, TOWNSHIP_REPORT_PAGE, townshipCodeOf} from "../../src/lib/view/site-links.ts";

/** Where the browser goes from page `from` (served as from.html under `mount`) when it follows `href`. */
const follow = (href: string, from: string, mount: string) => new URL(href, `http://intranet.example${mount}${from}.html`).pathname;

describe("pageHref", () => {
  it("writes the links the pages make", () => {
    expect(reportHref("county", "640302", "/reports")).toBe("./county/640302.html");
    expect(reportHref("township", "640302100", "/index")).toBe("./township.html?code=640302100");
    expect(reportHref("township", "640302100", "/county/640302")).toBe("../township.html?code=640302100");
    expect(reportHref("county", "640302", "/township")).toBe("./county/640302.html");
    expect(pageHref("/reports", "/county/640302")).toBe("../reports.html");
    expect(pageHref("/explorer", "/siting")).toBe("./explorer.html");
    expect(pageHref("/county/640303", "/county/640302")).toBe("./640303.html");
  });

  it("refuses a path with an extension or a trailing slash, naming it", () => {
    expect(() => pageHref("/county/640302.html", "/reports")).toThrow(/target page path .*"\/county\/640302.html"/);
    expect(() => pageHref("/reports", "county/1")).toThrow(/from page path/);
    expect(() => pageHref("/a/../b", "/reports")).toThrow(/target/);
  });

  const segment = fc.stringMatching(/^[a-z0-9一-龥]{1,6}$/);
  const path = fc.array(segment, {minLength: 1, maxLength: 4}).map((p) => "/" + p.join("/"));
  for (const mount of ["", "/yanglao", "/a/b"]) {
    it(`resolves to the target's .html file from any page, mounted at "${mount || "/"}"`, () => {
      fc.assert(fc.property(path, path, (target, from) => {
        expect(decodeURIComponent(follow(pageHref(target, from), from, mount))).toBe(`${mount}${target}.html`);
      }));
    });
  }

  it("report paths are the routes the build makes", () => {
    expect(countyReportPath("150626")).toBe("/county/150626");
    expect(TOWNSHIP_REPORT_PAGE).toBe("/township");
  });

  it("a township report link carries its code to the one township page, from any page and mount", () => {
    fc.assert(fc.property(path, fc.stringMatching(/^[0-9]{9}$/), fc.constantFrom("", "/yanglao", "/a/b"), (from, code, mount) => {
      const url = new URL(reportHref("township", code, from), `http://intranet.example${mount}${from}.html`);
      expect(url.pathname).toBe(`${mount}/township.html`);
      expect(townshipCodeOf(url.search)).toBe(code);
    }));
    expect(townshipCodeOf("")).toBe("");
    expect(townshipCodeOf("?code=%20640302100%20")).toBe("640302100");
  });
});
