// 系统自检 checks every data file a page loads: each FileAttachment of the site's data artifacts named on any page
// (other than the guide's templates and the check's own demo) is on the checklist, so a new artifact cannot be
// forgotten there.
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith(".")) return [];
    return statSync(path).isDirectory() ? pages(path) : name.endsWith(".md") ? [path] : [];
  });
}

const attachments = (text: string) => new Set([...text.matchAll(/FileAttachment\("(?:\.\.\/)?(data\/[^"]+)"\)/g)].map((m) => m[1]));

describe("系统自检's file list", () => {
  it("names every data file a page loads", () => {
    const loaded = new Set(pages("src").flatMap((p) => [...attachments(readFileSync(p, "utf8"))]));
    const checked = attachments(readFileSync("src/system-check.md", "utf8"));
    const skip = (f: string) => f.startsWith("data/templates/") || f === "data/stack-demo.json" || f === "data/template-check.txt";
    const missing = [...loaded].filter((f) => !skip(f) && !checked.has(f)).sort();
    expect(missing).toEqual([]);
    expect(checked.size).toBeGreaterThan(20);
  });
});
