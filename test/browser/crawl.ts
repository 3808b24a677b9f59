/**
 * A link crawl, as a visitor clicking through the published site would do it: starting at the site's root, open
 * every page in Chromium, let it render (including the links it makes at run time), collect every `a[href]` that
 * points at the same host (page links, report links, download links), and request each one. A link is broken when
 * it does not answer 200 — on a server with no rewrite rules, `./county/640302` without `.html` is broken.
 */
import type {Browser} from "playwright-core";
import {problems, visit} from "./harness.ts";

export interface BrokenLink {
  url: string;
  status: number | string;
  /** the pages (site paths) that carry the link */
  from: string[];
}

export interface CrawlResult {
  /** site paths of the pages opened, e.g. "/index.html", "/county/640302.html", in the order visited */
  pages: string[];
  /** every distinct same-host link found (absolute URL, without #fragment) */
  links: string[];
  broken: BrokenLink[];
  /** pages with a console error, failed request or request to another host */
  problems: {page: string; lines: string[]}[];
  /** bytes transferred by each page while loading (with the server's compression) */
  bytes: Map<string, number>;
  /** pages whose main column rendered (almost) no text (under 20 characters) */
  empty: string[];
  /** pages wider than the window (a sideways scroll), with their width; only with `overflow: true` */
  overflowing: {page: string; width: number}[];
}

export interface CrawlOptions {
  /** the first page, relative to base (default "/") */
  start?: string;
  /** stop after this many pages (a guard against a crawl that runs away) */
  maxPages?: number;
  /** take a full-page screenshot of each page, named prefix + path */
  screenshotPrefix?: string;
  /** record pages wider than the window (default viewport 1366 px) */
  overflow?: boolean;
  /** called after each page is done, e.g. for progress */
  onPage?: (path: string, index: number) => void;
  /**
   * wait for DuckDB on the SQL page before counting its bytes (default true); false for a site whose SQL page is
   * known not to get ready (its console errors are still reported in `problems`)
   */
  waitForSql?: boolean;
}

/** The one page whose query names what it shows (township.html?code=…): every other page's query is view state. */
const routedByQuery = (pathname: string) => pathname.endsWith("/township.html");

/** `url` without a query that is only view state (the explorer writes its view into its address). */
function withoutViewState(url: string): string {
  const u = new URL(url);
  if (!routedByQuery(u.pathname)) u.search = "";
  return u.href;
}

/**
 * The site path of `url` under `base` ("/county/640302.html", "/township.html?code=640302100" — the query names the
 * township the one township page shows; other pages' queries are view state and dropped), or undefined when the URL
 * is outside the site.
 */
export function sitePath(url: string, base: string): string | undefined {
  const u = new URL(withoutViewState(url));
  const b = new URL(base.endsWith("/") ? base : base + "/");
  if (u.origin !== b.origin || !u.pathname.startsWith(b.pathname)) return undefined;
  return "/" + u.pathname.slice(b.pathname.length) + u.search;
}

/** Crawl the site at `base` (e.g. http://127.0.0.1:40123 or http://127.0.0.1:40124/yanglao). */
export async function crawl(browser: Browser, base: string, options: CrawlOptions = {}): Promise<CrawlResult> {
  const origin = new URL(base).origin;
  const maxPages = options.maxPages ?? 2000;
  const queue: string[] = [new URL((options.start ?? "/").replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href];
  // "…/" and "…/index.html" are one page
  const pageKey = (url: string) => {
    const u = withoutViewState(url);
    return u.endsWith("/") ? u + "index.html" : u;
  };
  const seenPages = new Set(queue.map(pageKey));
  const linkFrom = new Map<string, Set<string>>();
  const status = new Map<string, number | string>();
  const result: CrawlResult = {pages: [], links: [], broken: [], problems: [], bytes: new Map(), empty: [], overflowing: []};

  async function check(url: string): Promise<{status: number | string; html: boolean}> {
    try {
      const response = await fetch(url, {redirect: "follow"});
      const type = response.headers.get("content-type") ?? "";
      await response.arrayBuffer();
      return {status: response.status, html: response.ok && type.startsWith("text/html")};
    } catch (error) {
      return {status: String(error), html: false};
    }
  }

  while (queue.length) {
    const url = queue.shift()!;
    const path = sitePath(url, base) ?? url;
    if (result.pages.length >= maxPages) throw new Error(`crawl stopped after ${maxPages} pages (at ${path})`);
    const name = options.screenshotPrefix !== undefined ? options.screenshotPrefix + path.replace(/^\//, "").replace(/\.html\?code=/, "__").replace(/\.html$/, "").replace(/\//g, "__") : undefined;
    const v = await visit(browser, new URL(url).origin, new URL(url).pathname + new URL(url).search, {screenshot: name});
    result.pages.push(path);
    const lines = problems(v);
    if (lines.length) result.problems.push({page: path, lines});
    // the SQL page starts DuckDB on load: its bytes are counted once DuckDB is ready (the engine's files included),
    // not whenever the network first fell idle — which, on a busy machine, came before the WebAssembly download
    if ((options.waitForSql ?? true) && /^\/sql(\.html)?$/.test(path)) {
      await v.page.locator(".cc-sql-ready").waitFor({timeout: 60_000});
      await v.page.waitForLoadState("networkidle");
    }
    result.bytes.set(path, await v.transferred());
    // a Framework page's content is in #observablehq-main; any other page (fixtures) in its body
    const main = v.page.locator("#observablehq-main");
    const text = await ((await main.count()) ? main : v.page.locator("body")).innerText();
    if (text.trim().length < 20) result.empty.push(path);
    if (options.overflow) {
      const width = await v.page.evaluate(() => document.documentElement.scrollWidth);
      const window = await v.page.evaluate(() => document.documentElement.clientWidth);
      if (width > window + 1) result.overflowing.push({page: path, width});
    }
    const hrefs = await v.page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    await v.page.context().close();
    for (const href of hrefs) {
      if (!/^https?:/.test(href)) continue; // blob:, data:, mailto: never reach the server
      const link = href.split("#")[0];
      if (new URL(link).origin !== origin) continue; // another host: the harness reports requests, not links
      if (!linkFrom.has(link)) linkFrom.set(link, new Set());
      linkFrom.get(link)!.add(path);
      if (status.has(link)) continue;
      const answer = await check(link);
      status.set(link, answer.status);
      if (answer.status === 200 && answer.html && sitePath(link, base) !== undefined && !seenPages.has(pageKey(link))) {
        seenPages.add(pageKey(link));
        queue.push(link);
      }
    }
    options.onPage?.(path, result.pages.length);
  }
  result.links = [...linkFrom.keys()].sort();
  result.broken = result.links
    .filter((link) => status.get(link) !== 200)
    .map((link) => ({url: link, status: status.get(link)!, from: [...linkFrom.get(link)!].sort()}));
  return result;
}
