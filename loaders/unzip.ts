/**
 * A minimal zip reader for the zipped shapefiles county offices send (ArcGIS, SuperMap, QGIS, WinRAR, Windows'
 * "send to compressed folder"): the central directory, stored and deflated members, names in UTF-8 (flag bit 11)
 * or, as Chinese Windows writes them, GBK. No dependency: zlib's inflateRawSync. The writer is loaders/zip.ts.
 */
import {inflateRawSync} from "node:zlib";
import iconv from "iconv-lite";

/** One member of an archive. */
export interface ZipMember {
  name: string;
  data: Buffer;
}

/** Thrown when bytes are not a zip archive the reader can open. */
export class ZipError extends Error {
  override name = "ZipError";
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Read every file of a zip archive (folders skipped).
 * @throws ZipError when the bytes are not a zip, or a member is encrypted, zip64 or compressed other than deflate
 */
export function unzip(bytes: Buffer): ZipMember[] {
  const end = findEnd(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (at === 0xffffffff || count === 0xffff) throw new ZipError("zip64 archives are not supported: zip the files again with a plain zip tool");
  const out: ZipMember[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipError("damaged zip: the central directory is cut short");
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = memberName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x0800) !== 0);
    at += 46 + skip;
    if (name.endsWith("/")) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted: zip it again without a password`);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) throw new ZipError(`damaged zip: ${name} has no local header`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    if (method === 0) out.push({name, data: Buffer.from(raw)});
    else if (method === 8) out.push({name, data: inflateRawSync(raw)});
    else throw new ZipError(`${name} is compressed with method ${method}: only stored and deflate are read; zip it again with a plain zip tool`);
  }
  return out;
}

/** Offset of the end-of-central-directory record (searched from the end: a comment may follow it). */
function findEnd(bytes: Buffer): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError("not a zip archive (no central directory found)");
}

/** A member name: UTF-8 when flagged or valid, else GBK (Chinese Windows tools do not set the flag). */
function memberName(b: Buffer, utf8: boolean): string {
  if (utf8) return b.toString("utf8");
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(b);
  } catch {
    return iconv.decode(b, "gb18030");
  }
}
