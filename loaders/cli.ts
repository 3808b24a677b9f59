/**
 * `npm run data:check -- [folder] [--allow-rejects] [--rejects <dir>] [--json] [--limit <n>]`
 *
 * Validates a region folder (default data/default) and prints a readable report. Exit code: 1 when the manifest
 * or a file has an error, or when any row is rejected (unless --allow-rejects); 0 otherwise. Warnings never fail.
 */
import {pathToFileURL} from "node:url";
import {errorCount, exitCode, formatReport, rejectCount, writeRejects, type LoadReport} from "./report.ts";
import {loadRegion} from "./region.ts";

/** Parsed command line. */
export interface CliArgs {
  folder: string;
  allowRejects: boolean;
  rejectsDir?: string;
  json: boolean;
  limit: number;
}

/**
 * Parse the command line arguments (after the script name).
 * @throws Error on an unknown option
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {folder: "data/default", allowRejects: false, json: false, limit: 20};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--allow-rejects") args.allowRejects = true;
    else if (a === "--json") args.json = true;
    else if (a === "--rejects") args.rejectsDir = argv[++i];
    else if (a === "--limit") args.limit = Number(argv[++i]);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.folder = a;
  }
  return args;
}

/**
 * Run the check; returns the exit code.
 * @param argv arguments after the script name
 */
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const {report} = await loadRegion(args.folder);
  process.stdout.write((args.json ? JSON.stringify(report, null, 2) : formatReport(report, {limit: args.limit})) + "\n");
  if (args.rejectsDir) {
    for (const p of await writeRejects(report, args.rejectsDir)) process.stderr.write(`rejects written to ${p}\n`);
  }
  const code = exitCode(report, {allowRejects: args.allowRejects});
  if (code !== 0) process.stderr.write(`${failure(report, args.allowRejects)}\n`);
  return code;
}

/**
 * Why the check failed: errors (which no option accepts) and rejected rows (which --allow-rejects accepts); the
 * option is suggested only when rejected rows are what fails the check.
 */
export function failure(report: LoadReport, allowRejects: boolean): string {
  const errors = errorCount(report);
  const rejects = rejectCount(report);
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error(s) in region.json or a file: fix them and run the check again`);
  if (rejects > 0 && !allowRejects) parts.push(`${rejects} rejected row(s) fail the check: fix them, or pass --allow-rejects to load without them`);
  return `data check failed: ${parts.join("; ")}`;
}

/**
 * Run as a script. The exit code is set, never forced with process.exit(): a piped stdout (`| head`, `| cat`) is
 * written asynchronously, and exiting before it drains loses everything past the pipe's buffer (64 KiB). A reader
 * that closes the pipe early (`| head`) ends the output quietly (EPIPE is not a crash); the exit code stays the
 * check's.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // a reader that stops early (`| head`) closes the pipe: the rest of the report is not wanted, which is no crash
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`data check crashed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    }
  );
}
