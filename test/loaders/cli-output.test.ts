/**
 * The check's own output: complete when piped (text and --json, well past a pipe's 64 KiB buffer), region.json
 * syntax errors with line and column, and a --rejects CSV that does not run formulas from the bureau's cells.
 */
import {spawnSync} from "node:child_process";
import {cp, mkdtemp, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {jsonErrorAt, readManifest} from "../../loaders/manifest.ts";
import {loadRegion} from "../../loaders/region.ts";
import {writeRejects} from "../../loaders/report.ts";

const GOOD = "test/fixtures/loaders/good";
const TSX = "node_modules/.bin/tsx";

/** A copy of the good fixture whose facilities file has `n` rejected rows (negative beds) after the good rows. */
async function manyRejects(n: number, name = (i: number) => `站${i}`): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cc-cli-"));
  await cp(GOOD, dir, {recursive: true});
  const text = await readFile(join(dir, "facilities.csv"), "utf8");
  const bad = Array.from({length: n}, (_, i) => `B${i},${name(i)},养老服务站,运营,640302100,,106.15,38.0,-5,0,0,100,,0,,`);
  await writeFile(join(dir, "facilities.csv"), text.trimEnd() + "\n" + bad.join("\n") + "\n");
  return dir;
}

/** Run the CLI through a real pipe (`| cat`); the exit code is the CLI's, not cat's. */
function piped(args: string): {stdout: string; stderr: string; status: number | null} {
  const r = spawnSync("bash", ["-c", `${TSX} loaders/cli.ts ${args} | cat; exit \${PIPESTATUS[0]}`], {encoding: "utf8", maxBuffer: 1 << 28});
  return {stdout: r.stdout, stderr: r.stderr, status: r.status};
}

describe("piped output", () => {
  it("--json through a pipe is the whole report (far beyond 64 KiB) and parses; exit code 1 is kept", async () => {
    const dir = await manyRejects(1500);
    const r = piped(`${dir} --json`);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(100_000);
    const report = JSON.parse(r.stdout) as {files: {file: string; rowsRead: number; accepted: number; rejected: unknown[]}[]};
    const f = report.files.find((x) => x.file === "facilities")!;
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([1505, 5, 1500]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("data check failed: 1500 rejected row(s)");
  }, 60_000);

  it("the text report through a pipe ends with its total line", async () => {
    const dir = await manyRejects(1500);
    const r = piped(`${dir} --limit 100000`);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(100_000);
    expect(r.stdout.match(/REJECT /g)).toHaveLength(1500);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^Total: \d+ rows read, \d+ accepted, 1500 rejected;/);
    expect(r.status).toBe(1);
  }, 60_000);
});

describe("a reader that stops early", () => {
  it("| head: the first lines arrive, no EPIPE crash on stderr, the exit code is the check's", async () => {
    const dir = await manyRejects(1500);
    const r = spawnSync("bash", ["-c", `${TSX} loaders/cli.ts ${dir} --limit 100000 | head -2; exit \${PIPESTATUS[0]}`], {encoding: "utf8"});
    expect(r.stdout).toBe(`Region ${dir}\n\n`);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|crashed/);
    expect(r.stderr).toContain("data check failed: 1500 rejected row(s)");
    expect(r.status).toBe(1);
  }, 60_000);
});

describe("region.json syntax errors", () => {
  it("name the line and column and show the line, not a character position", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cc-json-"));
    const text = (await readFile(join(GOOD, "region.json"), "utf8")).replace('"data_date": "2024-12-31",', '"data_date": "2024-12-31"');
    await writeFile(join(dir, "region.json"), text);
    const line = text.split("\n").findIndex((l) => l.includes('"files"')) + 1;
    const {errors, manifest} = await readManifest(dir);
    expect(manifest).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^region\\.json: not valid JSON at line ${line}, column 3: Expected ',' or '}' after property value`));
    expect(errors[0]).toContain('\n      "files": {\n      ^');
    expect(errors[0]).not.toMatch(/position/);
  });

  it("a trailing comma and a cut-off file are placed too", () => {
    const trailing = '{\n  "id": "x",\n}\n';
    expect(() => JSON.parse(trailing)).toThrow();
    let msg = "";
    try {
      JSON.parse(trailing);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(jsonErrorAt(trailing, msg)).toMatch(/^not valid JSON at line 3, column 1: /);
    expect(jsonErrorAt('{\n  "id": "x"', "Unexpected end of JSON input")).toMatch(/^not valid JSON at line 2, column 12: Unexpected end of JSON input/);
  });
});

describe("--rejects CSV", () => {
  it("escapes formula-looking cells (= + - @) the way the site's downloads do, leaving negative numbers alone", async () => {
    const names = ["=HYPERLINK(\"http://x\",\"点我\")", "@SUM(A1:A9)", "+1+2", "-A1", "普通站"];
    const dir = await manyRejects(names.length, (i) => names[i].replace(/"/g, '""')
      .replace(/^(.*)$/, (s) => (/[",]/.test(s) ? `"${s}"` : s)));
    const {report} = await loadRegion(dir);
    const f = report.files.find((x) => x.file === "facilities")!;
    expect([f.rowsRead, f.accepted, f.rejected.length]).toEqual([10, 5, 5]);
    const out = await mkdtemp(join(tmpdir(), "cc-rej-"));
    const [path] = await writeRejects(report, out);
    const text = await readFile(path, "utf8");
    expect(text).toContain(`,"'=HYPERLINK(""http://x"",""点我"")",`);
    expect(text).toContain(",'@SUM(A1:A9),");
    expect(text).toContain(",'+1+2,");
    expect(text).toContain(",'-A1,");
    expect(text).toContain(",普通站,");
    // the found value -5 is a number, not a formula: written as it is
    expect(text).toMatch(/\r\n\d+,beds,a whole number ≥ 0,-5,/);
    // no line of the file starts a cell with a bare formula character
    for (const line of text.split("\r\n")) expect(line.split(",").some((c) => /^[=+@]/.test(c))).toBe(false);
  });
});
