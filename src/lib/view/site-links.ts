/**
 * Links between the site's pages. Every link the site makes — in Markdown or at run time — is built here, so that it
 * resolves on any static web server with no rewrite rules (a default nginx or IIS serves `/county/640302.html`,
 * never `/county/640302`) and under any sub-path (`/yanglao/` on a bureau's shared intranet server): the href is
 * relative to the page that carries it and ends in `.html`. Pure: no DOM, usable in loaders and tests.
 */

/** A page of the site by its path from the site root, without extension: "/index", "/reports", "/county/640302". */
export type SitePath = `/${string}`;

/** The site path of the county report of `code`. */
export const countyReportPath = (code: string): SitePath => `/county/${code}`;

/**
 * The township report is one page for every township, `/township`, that reads the code from `?code=` and loads its
 * county's bundle: a province's 3 600 townships as 3 600 static pages cost minutes of every build (docs/scale.md).
 */
export const TOWNSHIP_REPORT_PAGE: SitePath = "/township";

/**
 * The href of page `target` as written on page `from`: relative, with `.html`.
 *
 * @param target the page linked to, e.g. "/county/640302"
 * @param from the page carrying the link, e.g. "/reports"
 * @returns e.g. "./county/640302.html"
 * @example pageHref("/county/640302", "/reports") // "./county/640302.html"
 * @example pageHref("/reports", "/county/640302") // "../reports.html"
 */
export function pageHref(target: SitePath | string, from: SitePath | string): string {
  const fromDirs = parts(from, "from").slice(0, -1);
  const targetParts = parts(target, "target");
  let common = 0;
  while (common < fromDirs.length && common < targetParts.length - 1 && fromDirs[common] === targetParts[common]) common++;
  const up = fromDirs.length - common;
  return (up ? "../".repeat(up) : "./") + targetParts.slice(common).map(encodeURIComponent).join("/") + ".html";
}

/**
 * The href of the county (`kind` "county") or township report of `code`, as written on page `from`.
 * @example reportHref("township", "640302100", "/county/640302") // "../township.html?code=640302100"
 */
export function reportHref(kind: "county" | "township", code: string, from: SitePath | string): string {
  return kind === "county" ? pageHref(countyReportPath(code), from) : `${pageHref(TOWNSHIP_REPORT_PAGE, from)}?code=${encodeURIComponent(code)}`;
}

/** The township code a township report was opened with (`?code=` of its address), or "" when there is none. */
export function townshipCodeOf(search: string): string {
  return new URLSearchParams(search).get("code")?.trim() ?? "";
}

function parts(path: string, name: string): string[] {
  if (!path.startsWith("/") || path.endsWith("/") || path.endsWith(".html") || path.split("/").slice(1).some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`${name} page path must look like "/reports" or "/county/640302" (no extension, no trailing slash), got ${JSON.stringify(path)}`);
  }
  return path.split("/").slice(1);
}
