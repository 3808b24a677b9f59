// The build cache is rebuilt when anything it depends on changes: a region given by an absolute path (the scale
// bench's, a bureau's folder elsewhere on disk) is hashed file by file like a relative one.
import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {fingerprint} from "../scripts/data-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "cc-fingerprint-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("data-cache fingerprint", () => {
  it("changes when a file of a region given by an absolute path changes, and only then", () => {
    const region = join(dir, "region");
    cpSync("test/fixtures/own-region", region, {recursive: true});
    const a = fingerprint(region);
    expect(fingerprint(region)).toBe(a);
    writeFileSync(join(region, "extra.csv"), "x\n1\n");
    expect(fingerprint(region)).not.toBe(a);
  });

  it("differs between regions", () => {
    expect(fingerprint("data/default")).not.toBe(fingerprint(join(dir, "region")));
  });
});
