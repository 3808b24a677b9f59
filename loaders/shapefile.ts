/**
 * Shapefile boundaries, as ArcGIS, SuperMap and QGIS export them: a `.zip` holding one layer's `.shp/.shx/.dbf/.prj/
 * .cpg` (in a folder or not), or a `.shp` path with those files beside it. Read with `shapefile` (geometry and
 * attributes), the coordinate system taken from the `.prj`:
 *
 * - geographic CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326): read as they are (CGCS2000 is within centimetres of WGS84);
 * - projected on CGCS2000 or WGS84 (Gauss-Krüger 3° / 6° zones, with or without the zone number in the false
 *   easting; UTM; any projection proj4 reads): converted to longitude/latitude with `proj4` on the same datum;
 * - Xian 1980, Beijing 1954 and New Beijing (geographic or projected): refused, naming the system: they differ from
 *   CGCS2000 by tens of metres up to about 100 m, and the shift depends on local 7-parameter transformations the
 *   loader does not have; converting without them would move every boundary silently;
 * - no `.prj`: read as the crs declared in region.json, with a note.
 *
 * Attribute names and values are decoded as the `.cpg` says (GBK / 936 / UTF-8 …), else as the `.dbf` header's
 * language driver says (0x4D, 0x7A: GBK), else UTF-8 when every byte is valid UTF-8, else GB18030 (a superset of
 * GBK); the report's note says which and why.
 */
import {readdir, readFile} from "node:fs/promises";
import {basename, dirname, join} from "node:path";
import type {Geometry, Position} from "geojson";
import proj4 from "proj4";
import * as shapefile from "shapefile";
import {FileError, type RawItem, type ReadOptions, type Table} from "./read.ts";
import {unzip, ZipError} from "./unzip.ts";

/** The files of one layer. */
interface Layer {
  /** the .shp name as shown in messages */
  name: string;
  shp: Buffer;
  dbf?: Buffer;
  prj?: string;
  cpg?: string;
}

/** What a .prj says. */
export interface PrjInfo {
  /** the datum family */
  datum: "CGCS2000" | "WGS84" | "Xian 1980" | "Beijing 1954" | "New Beijing" | "unknown";
  projected: boolean;
  /** the PROJCS or GEOGCS name as written */
  name: string;
}

/**
 * Read a .prj (ESRI or OGC WKT).
 * @example readPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",…]') // {datum: "CGCS2000", projected: false, …}
 */
export function readPrj(wkt: string): PrjInfo {
  const text = wkt.trim();
  const projected = /^PROJCS\[/i.test(text);
  const name = /^(?:PROJCS|GEOGCS)\["([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 60);
  const geog = /GEOGCS\["([^"]*)"/i.exec(text)?.[1] ?? "";
  const datumName = /DATUM\["([^"]*)"/i.exec(text)?.[1] ?? "";
  const all = `${name} ${geog} ${datumName}`.toLowerCase().replace(/[\s'_-]+/g, "");
  let datum: PrjInfo["datum"] = "unknown";
  if (/newbeijing/.test(all)) datum = "New Beijing";
  else if (/beijing1954|beijing54|bj54/.test(all)) datum = "Beijing 1954";
  else if (/xian1980|xian80|xi?an1980/.test(all)) datum = "Xian 1980";
  else if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(all)) datum = "CGCS2000";
  else if (/wgs1984|wgs84|worldgeodeticsystem1984/.test(all)) datum = "WGS84";
  return {datum, projected, name};
}

/** Encodings a .cpg names, by the labels ArcGIS and QGIS write. */
function cpgEncoding(cpg: string): string | undefined {
  const label = cpg.trim().toLowerCase().replace(/[\s_-]/g, "");
  if (["gbk", "936", "cp936", "gb2312", "ansi936", "windows936", "gb18030", "54936"].includes(label)) return "gb18030";
  if (["utf8", "65001", "utf8bom"].includes(label)) return "utf-8";
  if (["big5", "950", "cp950"].includes(label)) return "big5";
  if (["1252", "cp1252", "windows1252", "latin1", "iso88591", "88591"].includes(label)) return "windows-1252";
  return undefined;
}

/** The .dbf's encoding and why. */
export function dbfEncoding(dbf: Buffer, cpg: string | undefined): {encoding: string; why: string} {
  if (cpg !== undefined) {
    const e = cpgEncoding(cpg);
    if (e) return {encoding: e, why: `.cpg says ${JSON.stringify(cpg.trim())}`};
  }
  const ldid = dbf[29];
  if (ldid === 0x4d || ldid === 0x7a) return {encoding: "gb18030", why: `.dbf language driver 0x${ldid.toString(16).toUpperCase()} (code page 936)`};
  const headerLength = dbf.readUInt16LE(8);
  // the field names (11 bytes each, up to a NUL) and the records: the descriptors' binary bytes are not text
  const names: Buffer[] = [];
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    names.push(raw.subarray(0, raw.indexOf(0) === -1 ? 11 : raw.indexOf(0)));
  }
  const records = dbf.subarray(headerLength, Math.min(dbf.length, headerLength + (8 << 20)));
  try {
    const strict = new TextDecoder("utf-8", {fatal: true});
    for (const b of [...names, records]) strict.decode(b);
    return {encoding: "utf-8", why: "every byte is valid UTF-8"};
  } catch {
    return {encoding: "gb18030", why: "not valid UTF-8, read as GBK/GB18030"};
  }
}

const EXT = /\.(shp|shx|dbf|prj|cpg)$/i;

/** The layer of a zip: exactly one .shp, with its companions of the same name. */
function layerOfZip(path: string, bytes: Buffer): Layer {
  let members;
  try {
    members = unzip(bytes).filter((m) => !m.name.startsWith("__MACOSX/") && !basename(m.name).startsWith("._"));
  } catch (e) {
    if (e instanceof ZipError) throw new FileError(`${basename(path)}: ${e.message}`);
    throw e;
  }
  const shps = members.filter((m) => /\.shp$/i.test(m.name));
  if (shps.length === 0) throw new FileError(`${basename(path)} holds no .shp file (found ${members.map((m) => m.name).join(", ") || "nothing"}): zip the layer's .shp, .shx, .dbf, .prj and .cpg`);
  if (shps.length > 1) throw new FileError(`${basename(path)} holds ${shps.length} layers (${shps.map((m) => m.name).join(", ")}): put one layer per zip`);
  const stem = shps[0].name.replace(EXT, "").toLowerCase();
  const part = (ext: string) => members.find((m) => m.name.toLowerCase() === `${stem}.${ext}`)?.data;
  return layer(shps[0].name, shps[0].data, part("dbf"), part("prj"), part("cpg"));
}

/** The layer of a .shp on disk: its companions beside it (extension in any case). */
async function layerOfShp(path: string): Promise<Layer> {
  const dir = dirname(path);
  const stem = basename(path).replace(EXT, "").toLowerCase();
  const names = await readdir(dir);
  const part = async (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`);
    return n === undefined ? undefined : readFile(join(dir, n));
  };
  return layer(basename(path), await readFile(path), await part("dbf"), await part("prj"), await part("cpg"));
}

function layer(name: string, shp: Buffer, dbf?: Buffer, prj?: Buffer, cpg?: Buffer): Layer {
  const l: Layer = {name, shp};
  if (dbf) l.dbf = dbf;
  if (prj) l.prj = prj.toString("utf8").replace(/^\uFEFF/, "");
  if (cpg) l.cpg = cpg.toString("latin1");
  return l;
}

/** Why a datum is refused, and what to do. */
function refused(info: PrjInfo, file: string): string {
  const kind = info.projected ? "a projected system on that datum" : "geographic coordinates on that datum";
  return `${file}: the .prj says ${info.datum} (${JSON.stringify(info.name)}, ${kind}). ${info.datum} differs from CGCS2000/WGS84 by tens of metres up to about 100 m, and the shift needs a local 7-parameter transformation the loader does not have, so it is refused rather than moved by a guess: export the layer in CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326) — ArcGIS "Project" with the bureau's transformation, or QGIS "Export → Save Features As…" with that CRS`;
}

/**
 * Open a zipped shapefile (or a .shp with its companions) as a table of features.
 * @param path a .zip or .shp
 * @param options declared encoding is ignored (the .cpg or the bytes decide); progress is reported once
 * @throws FileError when the layer cannot be read, or its .prj names a system the loader refuses
 */
export async function openShapefile(path: string, options: ReadOptions): Promise<Table> {
  const bytes = await readFile(path);
  options.onProgress?.(bytes.length, bytes.length);
  const l = /\.zip$/i.test(path) ? layerOfZip(path, bytes) : await layerOfShp(path);
  if (!l.dbf) throw new FileError(`${l.name}: no .dbf beside it: the attributes (codes, names) are in the .dbf; zip the layer's .shp, .shx, .dbf, .prj and .cpg together`);
  const notes: string[] = [];
  let project: ((p: Position) => Position) | undefined;
  if (l.prj === undefined) {
    notes.push(`shapefile ${l.name}: no .prj: coordinates read in the crs declared in region.json`);
  } else {
    const info = readPrj(l.prj);
    if (info.datum === "Xian 1980" || info.datum === "Beijing 1954" || info.datum === "New Beijing") throw new FileError(refused(info, l.name));
    if (info.datum === "unknown") throw new FileError(`${l.name}: the .prj names a coordinate system the loader does not know (${JSON.stringify(info.name)}): export the layer in CGCS2000 (EPSG:4490) or WGS84 (EPSG:4326)`);
    if (info.projected) {
      let converter: proj4.Converter;
      try {
        converter = proj4(l.prj);
      } catch (e) {
        throw new FileError(`${l.name}: the .prj's projection ${JSON.stringify(info.name)} cannot be read by proj4 (${(e as Error).message}): export the layer in CGCS2000 (EPSG:4490) longitude/latitude`);
      }
      // inverse on the layer's own datum (CGCS2000 / WGS84: no datum shift is needed)
      project = (p) => converter.inverse([p[0], p[1]]);
      notes.push(`shapefile ${l.name}: .prj ${JSON.stringify(info.name)} (${info.datum}, projected) converted to longitude/latitude with proj4`);
    } else {
      notes.push(`shapefile ${l.name}: .prj ${JSON.stringify(info.name)} (${info.datum} longitude/latitude)`);
    }
  }
  const {encoding, why} = dbfEncoding(l.dbf, l.cpg);
  notes.push(`shapefile ${l.name}: attributes decoded as ${encoding === "gb18030" ? "GBK/GB18030" : encoding.toUpperCase()} (${why})`);
  let collection;
  try {
    collection = await shapefile.read(new Uint8Array(l.shp), new Uint8Array(l.dbf), {encoding});
  } catch (e) {
    throw new FileError(`${l.name}: not a readable shapefile (${(e as Error).message})`);
  }
  const features = collection.features.map((f) => ({...f, geometry: f.geometry && project ? mapPositions(f.geometry, project) : f.geometry}));
  const headers = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
  return {path, format: "shapefile", headers, headerRow: 0, notes, rows: items(features, headers), blankRows: () => 0};
}

async function* items(features: readonly {properties: Record<string, unknown> | null; geometry: Geometry | null}[], headers: readonly string[]): AsyncGenerator<RawItem> {
  for (let i = 0; i < features.length; i++) {
    const props = features[i].properties ?? {};
    yield {row: i + 1, cells: headers.map((h) => text(props[h])), geometry: features[i].geometry};
  }
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Apply a function to every position of a geometry. */
function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  const ring = (r: Position[]) => r.map(f);
  switch (g.type) {
    case "Point":
      return {...g, coordinates: f(g.coordinates)};
    case "MultiPoint":
    case "LineString":
      return {...g, coordinates: ring(g.coordinates)};
    case "MultiLineString":
    case "Polygon":
      return {...g, coordinates: g.coordinates.map(ring)};
    case "MultiPolygon":
      return {...g, coordinates: g.coordinates.map((p) => p.map(ring))};
    default:
      return g;
  }
}
