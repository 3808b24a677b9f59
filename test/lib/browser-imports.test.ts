// Modules under src/lib and src/components are served to the browser by Framework, which copies a relative
// import only when it is written with a .js extension ("./geo.js" → geo.ts). A "./geo.ts" import builds but
// 404s in the browser. This guards that rule, and that no browser module reaches into Node-only folders.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

const dirs = ["src/lib", "src/components"];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).map((f) => join(d, f)));
const importRe = /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf-8");
  return [...src.matchAll(importRe)].map((m) => m[1] ?? m[2]);
}

describe("browser module imports", () => {
  it("finds the modules", () => expect(files.length).toBeGreaterThan(10));
  for (const file of files) {
    it(`${file} imports siblings as .js and nothing Node-only`, () => {
      const bad = importsOf(file).filter((s) => (s.startsWith(".") && s.endsWith(".ts")) || s.startsWith("node:") || s.includes("loaders/"));
      expect(bad).toEqual([]);
    });
  }
});
