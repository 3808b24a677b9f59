// The output folder works on default servers: no .mjs file is left (renamed to .js with every reference rewritten),
// and IIS gets a web.config naming the MIME types it lacks.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {IIS_MIME, renameModules, townshipRedirect, webConfig, writeTownshipRedirects} from "../scripts/finish-dist.ts";

const out = mkdtempSync(join(tmpdir(), "carecircle-finish-"));
afterAll(() => rmSync(out, {recursive: true, force: true}));

describe("renameModules", () => {
  it("renames .mjs to .js and rewrites every reference in pages and modules", () => {
    mkdirSync(join(out, "_node/lib@1.0.0/dist"), {recursive: true});
    mkdirSync(join(out, "_import/components"), {recursive: true});
    mkdirSync(join(out, "county"), {recursive: true});
    writeFileSync(join(out, "_node/lib@1.0.0/dist/lib.mjs"), "export const a = 1;");
    writeFileSync(join(out, "_node/lib@1.0.0/dist/lib-worker.mjs"), "self.onmessage = () => {};");
    writeFileSync(join(out, "_import/components/map.abc.js"), 'import * as lib from "../../_node/lib@1.0.0/dist/lib.mjs";\nconst w = import.meta.resolve("../../_node/lib@1.0.0/dist/lib-worker.mjs");');
    writeFileSync(join(out, "index.html"), '<link rel="modulepreload" href="./_node/lib@1.0.0/dist/lib.mjs">');
    writeFileSync(join(out, "county/1.html"), '<link rel="modulepreload" href="../_node/lib@1.0.0/dist/lib.mjs">');
    const renames = renameModules(out);
    expect(renames.sort()).toEqual([
      ["_node/lib@1.0.0/dist/lib-worker.mjs", "_node/lib@1.0.0/dist/lib-worker.js"],
      ["_node/lib@1.0.0/dist/lib.mjs", "_node/lib@1.0.0/dist/lib.js"]
    ]);
    expect(existsSync(join(out, "_node/lib@1.0.0/dist/lib.mjs"))).toBe(false);
    expect(readFileSync(join(out, "_node/lib@1.0.0/dist/lib.js"), "utf8")).toBe("export const a = 1;");
    expect(readFileSync(join(out, "_import/components/map.abc.js"), "utf8")).toBe('import * as lib from "../../_node/lib@1.0.0/dist/lib.js";\nconst w = import.meta.resolve("../../_node/lib@1.0.0/dist/lib-worker.js");');
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain('href="./_node/lib@1.0.0/dist/lib.js"');
    expect(readFileSync(join(out, "county/1.html"), "utf8")).toContain('href="../_node/lib@1.0.0/dist/lib.js"');
    expect(renameModules(out)).toEqual([]);
  });
});

describe("webConfig", () => {
  it("declares every MIME type IIS lacks, once each, in balanced XML", () => {
    const xml = webConfig();
    for (const [ext, type] of IIS_MIME) expect(xml).toContain(`<mimeMap fileExtension="${ext}" mimeType="${type}" />`);
    expect(xml).toContain('fileExtension=".wasm" mimeType="application/wasm"');
    const open = (xml.match(/<[a-zA-Z][^>]*[^/]>/g) ?? []).filter((t) => !t.startsWith("<?")).length;
    const close = (xml.match(/<\/[a-zA-Z.]+>/g) ?? []).length;
    expect(open).toBe(close);
  });
});

describe("old township-report addresses", () => {
  it("forward township/<code>.html to ../township.html?code=<code>, for 9-digit codes only", () => {
    const dir = join(out, "redirects");
    mkdirSync(dir, {recursive: true});
    expect(writeTownshipRedirects(dir, ["640302100", "bad/../x", "12"])).toBe(1);
    const html = readFileSync(join(dir, "township", "640302100.html"), "utf8");
    expect(html).toBe(townshipRedirect("640302100"));
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=../township.html?code=640302100">');
    expect(html).toContain('href="../township.html?code=640302100"');
    expect(existsSync(join(dir, "township", "12.html"))).toBe(false);
    // relative, so it resolves at the root and under a sub-path alike
    for (const mount of ["", "/yanglao"]) expect(new URL("../township.html?code=640302100", `http://x${mount}/township/640302100.html`).href).toBe(`http://x${mount}/township.html?code=640302100`);
  });
});
