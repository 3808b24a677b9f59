/**
 * CSV reader: detects the encoding, streams the file through iconv-lite and csv-parse, and numbers each record by
 * the physical line it starts on.
 */
import {createReadStream} from "node:fs";
import {open} from "node:fs/promises";
import {parse, type CsvError, type InfoRecord} from "csv-parse";
import iconv from "iconv-lite";
import {codecOf, decideEncoding, scanEncoding, type Encoding} from "./encoding.ts";
import {FileError, isBlank, type RawItem, type ReadOptions, type Table} from "./read.ts";

/** A record numbered at parse time: its start line and its position among records. */
interface NumberedRecord {
  row: number;
  seq: number;
  cells: string[];
}

/** A skipped (unparseable) stretch, numbered at parse time. */
interface NumberedSkip {
  row: number;
  seq: number;
  error: string;
}

/**
 * Open a CSV file: decide its encoding, sniff the delimiter, read the header.
 * @throws FileError on an encoding the bytes contradict, or a file with no header
 */
export async function openCsv(path: string, size: number, options: ReadOptions): Promise<Table> {
  const decision = decideEncoding(await scanEncoding(path), options.encoding ?? "auto");
  if (decision.error !== undefined) throw new FileError(decision.error);
  const encoding = decision.encoding;
  const delimiter = await sniffDelimiter(path, encoding);
  const state = {blank: 0};
  const items = csvItems(path, size, encoding, delimiter, state, options.onProgress);
  const {header, headerRow, skipped} = await takeHeader(items, options.headerRow, state);
  const notes = skipped > 0 ? [`${skipped} row(s) before the header row ${headerRow} were skipped`] : [];
  return {
    path,
    format: "csv",
    encoding,
    headers: header,
    headerRow,
    delimiter,
    notes,
    rows: items,
    blankRows: () => state.blank
  };
}

/**
 * Pull records until the header: the first non-blank record, or the record at `headerRow`.
 * Blank rows before the header are not counted as blank data rows.
 */
async function takeHeader(
  items: AsyncGenerator<RawItem>,
  headerRow: number | undefined,
  state: {blank: number}
): Promise<{header: string[]; headerRow: number; skipped: number}> {
  let skipped = 0;
  for (;;) {
    const next = await items.next();
    if (next.done) throw new FileError(headerRow ? `no header row at line ${headerRow}` : "the file has no header row (it is empty)");
    const item = next.value;
    if ("error" in item) throw new FileError(`the header could not be read: ${item.error}`);
    if (headerRow === undefined || item.row >= headerRow) {
      state.blank = 0;
      return {header: item.cells.map((c) => c.trim()), headerRow: item.row, skipped};
    }
    skipped++;
  }
}

/**
 * Line bookkeeping done in parse order (csv-parse hooks run as the parser advances, ahead of the consumer).
 * csv-parse counts a CRLF inside a quoted cell as two lines; `extra` undoes that, so a record's start line is its
 * corrected end line minus the line breaks inside its cells.
 */
class LineCounter {
  private extra = 0;
  private prevEnd = 0;
  private prevRow = 0;
  private seq = 0;
  readonly skips: NumberedSkip[] = [];

  /** Number a parsed record from csv-parse's line count at its end. */
  record(cells: string[], lines: number): NumberedRecord {
    let inner = 0;
    for (const c of cells) {
      inner += c.match(/\r\n|\r|\n/g)?.length ?? 0;
      this.extra += c.match(/\r\n/g)?.length ?? 0;
    }
    const end = lines - this.extra;
    this.prevEnd = end;
    // A file mixing line endings (a lone CR among CRLFs) can make csv-parse's line count lag; a record never starts
    // on or before the previous one's line, so each row number names one record.
    const row = Math.max(end - inner, this.prevRow + 1);
    this.prevRow = row;
    return {row, seq: this.seq++, cells};
  }

  /** Record an unparseable stretch starting after the previous record. */
  skip(message: string, lines: number): void {
    const row = this.prevEnd + 1;
    this.skips.push({row, seq: this.seq, error: csvErrorMessage(message, row, Math.max(row, lines - this.extra))});
  }
}

/** Stream the records of a CSV file as raw rows (blank ones counted, not yielded) and read errors. */
async function* csvItems(
  path: string,
  size: number,
  encoding: Encoding,
  delimiter: string,
  state: {blank: number},
  onProgress?: (done: number, total: number) => void
): AsyncGenerator<RawItem> {
  const counter = new LineCounter();
  const parser = parse({
    delimiter,
    // every line ending, whichever the file starts with: LF rows appended to a CRLF export must not merge into one
    record_delimiter: ["\r\n", "\n", "\r"],
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (rec: string[], ctx: InfoRecord) => counter.record(rec, ctx.lines) as unknown as string[],
    on_skip: (err: CsvError | undefined) => {
      counter.skip(err?.message ?? "unreadable record", parser.info.lines);
      return undefined;
    }
  });
  const source = createReadStream(path, {highWaterMark: 1 << 20});
  let done = 0;
  source.on("data", (chunk) => {
    done += chunk.length;
    onProgress?.(done, size);
  });
  source.on("error", (e) => parser.destroy(e));
  source.pipe(iconv.decodeStream(codecOf(encoding))).pipe(parser);
  const pending = counter.skips;
  const skipsBefore = (seq: number) => pending.splice(0, pending.filter((s) => s.seq <= seq).length).map(({row, error}) => ({row, error}));
  try {
    for await (const rec of parser as AsyncIterable<NumberedRecord>) {
      yield* skipsBefore(rec.seq);
      if (isBlank(rec.cells)) state.blank++;
      else yield {row: rec.row, cells: rec.cells};
    }
    yield* skipsBefore(Infinity);
  } catch (e) {
    yield* skipsBefore(Infinity);
    yield {row: 0, error: `the rest of the file could not be read: ${(e as Error).message}`};
  } finally {
    source.destroy();
  }
}

function csvErrorMessage(message: string, row: number, end: number): string {
  const span = end > row ? `lines ${row}–${end}` : `line ${row}`;
  if (/Quote Not Closed/i.test(message)) return `${span}: a quote (") is opened and never closed, so these lines could not be split into cells`;
  return `${span}: ${message}`;
}

/**
 * Pick the delimiter (comma, tab or semicolon) that occurs most per line, in at least two of the first 30 non-empty lines (the
 * header need not be the first line: a title line such as 金山区养老设施名录 has no delimiter at all).
 */
async function sniffDelimiter(path: string, encoding: Encoding): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(65536);
    const {bytesRead} = await handle.read(buf, 0, buf.length, 0);
    const text = iconv.decode(buf.subarray(0, bytesRead), codecOf(encoding));
    const lines = records(text).filter((l) => l.trim() !== "").slice(0, 30);
    // the largest count that two lines share (header and rows agree; title lines count 0), or the one line's count
    const shared = (xs: number[]) => {
      if (xs.length < 2) return xs[0] ?? 0;
      const seen = new Map<number, number>();
      for (const x of xs) seen.set(x, (seen.get(x) ?? 0) + 1);
      return Math.max(0, ...[...seen].filter(([, n]) => n >= 2).map(([x]) => x));
    };
    const counts = [",", "\t", ";"].map((d) => [d, shared(lines.map((line) => line.split(d).length - 1))] as const);
    // (each record is its text outside quotes: a quoted "a;b" or a quoted line break decides nothing)
    const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return best[1] > 0 ? best[0] : ",";
  } finally {
    await handle.close();
  }
}

/**
 * The records of a CSV text with every quoted part removed (quotes track across line breaks), for counting
 * delimiters: `a,"b,c"\r\nd` → ["a,", "d"].
 */
export function records(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "\n" || ch === "\r") {
      out.push(current);
      current = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else current += ch;
  }
  if (current !== "") out.push(current);
  return out;
}
