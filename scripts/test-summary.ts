/**
 * Prints one closing line for `npm test` from vitest's JSON reports of the unit and browser suites:
 * "test: N passed, N failed" (", N skipped" when any). Exits non-zero when a report is missing or has failures.
 */
import {existsSync, readFileSync} from "node:fs";

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const files = ["test/output/unit.json", "test/output/browser.json"];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    process.stderr.write(`test-summary: ${file} is missing (did that suite run?)\n`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(file, "utf-8")) as Report;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
process.stdout.write(`test: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
