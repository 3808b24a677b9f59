// Modules under src/lib and src/components are served to the browser by Framework, which copies a relative
// import only when it is written with a .js extension ("./geo.js" → geo.ts). A "./geo.ts" import builds but
// 404s in the browser. This guards that rule, and that no browser module reaches into Node-only folders.
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

const dirs = ["src/lib", "src/components"];
// src/lib's folders (engine, plan, siting, view) included
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith(".ts") && !f.endsWith(".d.ts") ? [join(d, f)] : []));
const files = dirs.flatMap(walk);
const importRe = /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf-8");
  return [...src.matchAll(importRe)].map((m) => m[1] ?? m[2]);
}

describe("browser module imports", () => {
  it("finds the modules, in every folder of src/lib", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const folder of ["engine", "plan", "siting", "view"]) expect(files.some((f) => f.startsWith(join("src/lib", folder)))).toBe(true);
  });
  for (const file of files) {
    it(`${file} imports siblings as .js and nothing Node-only`, () => {
      const bad = importsOf(file).filter((s) => (s.startsWith(".") && s.endsWith(".ts")) || s.startsWith("node:") || s.includes("loaders/"));
      expect(bad).toEqual([]);
    });
  }
});
