// `npm start` / `npm run serve` serve the built site as strictly as a default nginx or IIS: only files that exist
// (no ".html" guessing, no rewrites), a folder by its index.html after a redirect to the trailing slash, nothing
// outside the folder, gzip for text. So a link that works in development works when deployed.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {resolveRequest, startServer} from "../scripts/serve.ts";

const root = mkdtempSync(join(tmpdir(), "carecircle-serve-"));
mkdirSync(join(root, "county"));
writeFileSync(join(root, "index.html"), "<p>总览</p>");
writeFileSync(join(root, "county", "640302.html"), "<p>利通区</p>".repeat(100));
writeFileSync(join(root, "county", "index.html"), "<p>县区</p>");
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe("resolveRequest", () => {
  it("serves only files that exist", () => {
    expect(resolveRequest(root, "/county/640302.html")).toEqual({file: join(root, "county", "640302.html")});
    expect(resolveRequest(root, "/county/640302")).toBeUndefined();
    expect(resolveRequest(root, "/county/640302.html/")).toBeUndefined();
    expect(resolveRequest(root, "/nothing.html")).toBeUndefined();
  });

  it("answers a folder with its index.html, redirecting to the trailing slash first", () => {
    expect(resolveRequest(root, "/")).toEqual({file: join(root, "index.html")});
    expect(resolveRequest(root, "/county/")).toEqual({file: join(root, "county", "index.html")});
    expect(resolveRequest(root, "/county?x=1")).toEqual({redirect: "/county/"});
  });

  it("never leaves the folder", () => {
    expect(resolveRequest(root, "/../etc/passwd")).toBeUndefined();
    expect(resolveRequest(root, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(resolveRequest(root, "/%E0%A4%A")).toBeUndefined();
  });
});

describe("startServer", () => {
  it("answers 404 for an extensionless page and gzips what it serves", async () => {
    const {server, url} = await startServer(root);
    try {
      expect((await fetch(`${url}/county/640302`)).status).toBe(404);
      const raw = await fetch(`${url}/county/640302.html`, {headers: {"accept-encoding": "gzip"}, decompress: false} as RequestInit);
      expect(raw.status).toBe(200);
      expect(raw.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(raw.headers.get("content-encoding")).toBe("gzip");
      const body = Buffer.from(await raw.arrayBuffer());
      // fetch may or may not have decoded it; either way the page is there
      const text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString("utf8") : body.toString("utf8");
      expect(text).toContain("利通区");
      const redirect = await fetch(`${url}/county`, {redirect: "manual"});
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get("location")).toBe("/county/");
    } finally {
      server.close();
    }
  });
});
