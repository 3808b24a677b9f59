/**
 * Browser test harness: Debian's Chromium driven by playwright-core against a site served on 127.0.0.1.
 * Every visit records console errors, uncaught page errors, failed requests and — the rule this product lives
 * by — any request to a host other than the local server (aborted and reported with its URL).
 */
import {existsSync} from "node:fs";
import {mkdir} from "node:fs/promises";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium, type Browser, type Page} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = fileURLToPath(new URL("../output/screenshots", import.meta.url));

/** Launch headless Chromium, or fail with one clear message saying how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests use Debian's Chromium: ` +
        `run \`sudo apt-get install -y chromium fonts-noto-cjk\` (or set CHROMIUM_PATH). Never \`npx playwright install\`.`
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage"
    ]
  });
}

export interface Visit {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  failedRequests: string[];
  /** every URL requested, in order */
  requests: string[];
  screenshot?: string;
  /** Bytes the page received over the wire up to now (headers + encoded bodies: compressed when the server compresses). */
  transferred(): Promise<number>;
}

export interface VisitOptions {
  width?: number;
  height?: number;
  /** file name (without .png) for a full-page screenshot under test/output/screenshots */
  screenshot?: string;
  /** extra wait after load, e.g. for maps */
  waitForMaps?: boolean;
  timeoutMs?: number;
  /** called with the new page before it navigates (e.g. to install a fake clock) */
  beforeGoto?: (page: Page) => Promise<void>;
}

/** Open `base + path`, wait until the page has settled, and report what it did. The page stays open. */
export async function visit(browser: Browser, base: string, path: string, options: VisitOptions = {}): Promise<Visit> {
  const origin = new URL(base).origin;
  const context = await browser.newContext({
    viewport: {width: options.width ?? 1366, height: options.height ?? 900},
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true
  });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  const result: Visit = {
    page, consoleErrors: [], pageErrors: [], foreignRequests: [], failedRequests: [], requests: [],
    transferred: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0)
  };
  page.on("requestfinished", (request) => {
    sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize, () => 0));
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url, origin)) return route.continue();
    result.foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("request", (request) => result.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => result.pageErrors.push(String(error)));
  page.on("requestfailed", (request) => {
    if (isLocal(request.url(), origin)) result.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && isLocal(response.url(), origin)) result.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  const timeout = options.timeoutMs ?? 60_000;
  await options.beforeGoto?.(page);
  await page.goto(base + path, {waitUntil: "load", timeout});
  await page.waitForLoadState("networkidle", {timeout});
  if (options.waitForMaps ?? true) await waitForMaps(page, timeout);
  if (options.screenshot) {
    await mkdir(SCREENSHOTS, {recursive: true});
    result.screenshot = join(SCREENSHOTS, `${options.screenshot}.png`);
    await page.screenshot({path: result.screenshot, fullPage: true});
  }
  return result;
}

/** Wait until every map on the page (elements with class cc-map) reports that it has drawn (data-idle="1"). */
export async function waitForMaps(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll(".cc-map")).every((el) => (el as HTMLElement).dataset.idle === "1"),
    undefined,
    {timeout}
  );
}

/** A request is local when it goes to the server's own origin, or never leaves the page (data:, blob:). */
export function isLocal(url: string, origin: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank") return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The problems that make a page broken, as readable lines (empty when the page is clean). */
export function problems(v: Visit): string[] {
  return [
    ...v.foreignRequests.map((u) => `request to a non-local host: ${u}`),
    ...v.consoleErrors.map((m) => `console error: ${m}`),
    ...v.pageErrors.map((m) => `page error: ${m}`),
    ...v.failedRequests.map((m) => `failed request: ${m}`)
  ];
}
