/**
 * One served site and one Chromium per browser test file: `useSite(dir)` serves `dir` with a real nginx (no rewrite
 * rules, see nginx.ts) and launches the browser before the file's tests, and closes both after them (after the
 * file's own afterAll hooks, which vitest runs first). Read `site.browser`, `site.base` (the site at the server
 * root) and `site.sub` (the same site under the sub-path /yanglao) inside tests and hooks.
 */
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchBrowser} from "./harness.ts";
import {startNginx, type Nginx} from "./nginx.ts";

export interface Site {
  readonly browser: Browser;
  /** the site at the server root, e.g. http://127.0.0.1:40123 */
  readonly base: string;
  /** the site under a sub-path, e.g. http://127.0.0.1:40124/yanglao */
  readonly sub: string;
}

export function useSite(dir: string): Site {
  const site = {} as {browser: Browser; base: string; sub: string; nginx?: Nginx};
  beforeAll(async () => {
    site.nginx = await startNginx(dir);
    site.base = site.nginx.root;
    site.sub = site.nginx.sub;
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.nginx?.stop();
  });
  return site;
}
