import {mkdtemp, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect} from "vitest";
import {isReadError, openTable, type RawRow, type ReadError, type ReadOptions, type Table} from "../../loaders/read.ts";
import type {FileReport, LoadReport} from "../../loaders/report.ts";

/** Write bytes to a fresh temporary file and return its path. */
export async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "loaders-"));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Open a table and drain it. */
export async function readAll(path: string, options: ReadOptions = {}): Promise<{table: Table; rows: RawRow[]; errors: ReadError[]}> {
  const table = await openTable(path, options);
  const rows: RawRow[] = [];
  const errors: ReadError[] = [];
  for await (const item of table.rows) {
    if (isReadError(item)) errors.push(item);
    else rows.push(item);
  }
  return {table, rows, errors};
}

/** Reject after `ms` so a hanging reader fails the test instead of stalling it. */
export function withinMs<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The report of one file kind, or a failure naming the kind. */
export function fileReport(report: LoadReport, kind: FileReport["file"]): FileReport {
  const f = report.files.find((x) => x.file === kind);
  if (!f) throw new Error(`no ${kind} in report`);
  return f;
}

/** Every row read is accounted for: accepted or rejected with a reason, nothing silently dropped. */
export function expectAccounted(report: LoadReport): void {
  for (const f of report.files) expect(f.rowsRead, f.path).toBe(f.accepted + f.rejected.length);
}
