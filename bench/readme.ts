/**
 * The benches write their own figures into the READMEs: text between `<!-- bench:NAME:start -->` and
 * `<!-- bench:NAME:end -->` is replaced by the section NAME of a run (`npm run bench -- --write`). Nobody copies a
 * number by hand, and a plain run (CI) leaves the tree clean.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {cpus, loadavg} from "node:os";

/** Markdown sections produced by a bench run, by marker name. */
export type Sections = Record<string, string>;

/** The files whose marked sections a run rewrites. */
export const README_FILES = ["README.md", "bench/README.md", "bench/SITING.md"];

const marker = (name: string, end: "start" | "end") => `<!-- bench:${name}:${end} -->`;

/**
 * Replace the text between the markers of `name` in `text` by `body` (markers kept).
 * @throws when `text` has no such pair of markers, naming them
 * @example replaceSection("a <!-- bench:x:start -->old<!-- bench:x:end --> b", "x", "new")
 */
export function replaceSection(text: string, name: string, body: string): string {
  const start = text.indexOf(marker(name, "start"));
  const end = text.indexOf(marker(name, "end"));
  if (start < 0 || end < start) throw new Error(`No ${marker(name, "start")} … ${marker(name, "end")} pair`);
  return `${text.slice(0, start + marker(name, "start").length)}\n${body.trim()}\n${text.slice(end)}`;
}

/** Names of the sections marked in `text`. */
export function markedSections(text: string): string[] {
  return [...text.matchAll(/<!-- bench:([\w-]+):start -->/g)].map((m) => m[1]);
}

/**
 * Write every section of `sections` into each file of `files` that marks it; returns "file: name" for each write.
 * A section no file marks is an error (its figures would be lost).
 */
export function writeSections(sections: Sections, files: readonly string[] = README_FILES): string[] {
  const written: string[] = [];
  const used = new Set<string>();
  for (const file of files) {
    let text = readFileSync(file, "utf8");
    const before = text;
    for (const name of markedSections(text)) {
      if (!(name in sections)) continue;
      text = replaceSection(text, name, sections[name]);
      used.add(name);
      written.push(`${file}: ${name}`);
    }
    if (text !== before) writeFileSync(file, text);
  }
  const lost = Object.keys(sections).filter((name) => !used.has(name));
  if (lost.length) throw new Error(`No file marks the bench section(s) ${lost.join(", ")} (${files.join(", ")})`);
  return written;
}

/** Where and how figures were measured, in one line: Node, GC mode, CPU, cores, load average now, date. */
export function environment(): string {
  const cpu = cpus();
  const gc = process.execArgv.includes("--single-threaded-gc") ? "one thread (GC too: --single-threaded-gc)" : "one JS thread";
  return `Node ${process.version}, ${gc}, ${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} cores, load average ${loadavg()[0].toFixed(1)} at start), ${new Date().toISOString().slice(0, 10)}`;
}
