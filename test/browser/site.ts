/**
 * One served site and one Chromium per browser test file: `useSite(dir)` serves `dir` on 127.0.0.1 and launches
 * the browser before the file's tests, and closes both after them (after the file's own afterAll hooks, which
 * vitest runs first). Read `site.browser` and `site.base` inside tests and hooks.
 */
import type {Server} from "node:http";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {startServer} from "../../scripts/serve.ts";
import {launchBrowser} from "./harness.ts";

export interface Site {
  readonly browser: Browser;
  /** e.g. http://127.0.0.1:40123 */
  readonly base: string;
}

export function useSite(dir: string): Site {
  const site = {} as {browser: Browser; base: string; server?: Server};
  beforeAll(async () => {
    const {server, url} = await startServer(dir);
    site.server = server;
    site.base = url;
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
