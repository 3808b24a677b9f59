/**
 * Text encoding of input files: detect UTF-8 (with or without BOM) by a strict decode, else GB18030 (a superset
 * of GBK and GB2312), and check an encoding declared in the manifest against the bytes.
 */
import {createReadStream} from "node:fs";

/** Encodings a manifest may declare. `auto` detects. */
export type DeclaredEncoding = "auto" | "utf-8" | "gbk" | "gb18030";

/** What the reader used to decode a file. */
export type Encoding = "utf-8" | "utf-8-bom" | "gbk" | "gb18030";

/** Result of scanning a file's bytes. */
export interface EncodingScan {
  /** the file starts with the UTF-8 byte order mark EF BB BF */
  bom: boolean;
  /** the file starts with a UTF-16 byte order mark (Excel "Unicode text") */
  utf16: boolean;
  /** every byte sequence is valid UTF-8 */
  validUtf8: boolean;
  /** at least one byte ≥ 0x80 */
  nonAscii: boolean;
  /**
   * When the file is not valid UTF-8: lines that are (with a character of 3 UTF-8 bytes, as Chinese is) and the
   * first lines that are not. Both non-empty means a file mixing encodings (GBK rows pasted into a UTF-8 file).
   */
  mixed?: {utf8Lines: number[]; otherLines: number[]; otherCount: number};
}

/** An encoding decision: the encoding to decode with, or an error a person can act on. */
export type EncodingDecision = {encoding: Encoding; error?: undefined} | {encoding?: undefined; error: string};

/**
 * Scan a file once, streaming, with a fatal UTF-8 decoder. Stops at the first invalid sequence.
 * @param path file to scan
 */
export async function scanEncoding(path: string): Promise<EncodingScan> {
  const decoder = new TextDecoder("utf-8", {fatal: true});
  const scan: EncodingScan = {bom: false, utf16: false, validUtf8: true, nonAscii: false};
  let first = true;
  const stream = createReadStream(path, {highWaterMark: 1 << 20});
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        scan.bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        scan.utf16 = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
      }
      if (!scan.nonAscii && chunk.some((b) => b >= 0x80)) scan.nonAscii = true;
      decoder.decode(chunk, {stream: true});
    }
    decoder.decode();
  } catch {
    scan.validUtf8 = false;
    scan.nonAscii = true;
  } finally {
    stream.destroy();
  }
  if (!scan.validUtf8 && !scan.utf16) {
    const lines = await lineEncodings(path);
    if (lines.utf8Lines.length > 0 && lines.otherCount > 0) scan.mixed = lines;
  }
  return scan;
}

/**
 * Classify each line of a file that is not valid UTF-8: valid UTF-8 with a 3-byte character (Chinese in UTF-8; GBK
 * text almost never forms one by chance), or not UTF-8. Keeps the first 5 line numbers of each kind.
 */
async function lineEncodings(path: string): Promise<{utf8Lines: number[]; otherLines: number[]; otherCount: number}> {
  const out = {utf8Lines: [] as number[], otherLines: [] as number[], otherCount: 0};
  const decoder = new TextDecoder("utf-8", {fatal: true});
  let line = 1;
  const classify = (bytes: Buffer) => {
    if (!bytes.some((b) => b >= 0x80)) return;
    try {
      const text = decoder.decode(bytes);
      if (/[\u0800-\uffff]/.test(text) && out.utf8Lines.length < 5) out.utf8Lines.push(line);
    } catch {
      out.otherCount++;
      if (out.otherLines.length < 5) out.otherLines.push(line);
    }
  };
  let carry = Buffer.alloc(0);
  const stream = createReadStream(path, {highWaterMark: 1 << 20});
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(0x0a)) >= 0) {
        classify(buf.subarray(0, nl));
        line++;
        buf = buf.subarray(nl + 1);
      }
      carry = Buffer.from(buf);
    }
    classify(carry);
  } finally {
    stream.destroy();
  }
  return out;
}

/**
 * Decide the encoding from a scan and the manifest's declaration. A declaration wins, but one the bytes
 * contradict is an error (not a guess).
 * @example decideEncoding({bom: false, utf16: false, validUtf8: false, nonAscii: true}, "auto") // {encoding: "gb18030"}
 */
export function decideEncoding(scan: EncodingScan, declared: DeclaredEncoding = "auto"): EncodingDecision {
  if (scan.utf16) {
    return {error: "file is UTF-16 (Excel \"Unicode text\"); save it as \"CSV UTF-8\" or as .xlsx"};
  }
  if (scan.mixed) {
    const {utf8Lines, otherLines, otherCount} = scan.mixed;
    const more = otherCount > otherLines.length ? ` and ${otherCount - otherLines.length} more` : "";
    const lines = (ns: number[], etc: string) => `${ns.length + (etc ? 2 : 0) > 1 ? "lines" : "line"} ${ns.join(", ")}${etc} ${ns.length + (etc ? 2 : 0) > 1 ? "are" : "is"}`;
    return {error: `mixed encodings: ${lines(otherLines, more)} not UTF-8, while ${lines(utf8Lines, utf8Lines.length === 5 ? " …" : "")} UTF-8 (rows pasted from a file in another encoding, GBK most likely); save the whole file again as "CSV UTF-8"`};
  }
  const utf8 = scan.validUtf8 ? (scan.bom ? "utf-8-bom" : "utf-8") : undefined;
  if (declared === "auto") return {encoding: utf8 ?? "gb18030"};
  if (declared === "utf-8") {
    return utf8 ? {encoding: utf8} : {error: "manifest declares encoding utf-8, but the file is not valid UTF-8 (it looks like GBK/GB18030)"};
  }
  if (scan.bom || (scan.validUtf8 && scan.nonAscii)) {
    return {error: `manifest declares encoding ${declared}, but the file is UTF-8${scan.bom ? " with BOM" : ""}`};
  }
  return {encoding: declared};
}

/** The iconv-lite codec name of an encoding. */
export function codecOf(encoding: Encoding): string {
  return encoding === "utf-8-bom" ? "utf-8" : encoding;
}
