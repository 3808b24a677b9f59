/**
 * Writes small shapefiles byte by byte, the way ArcGIS lays them out (ESRI Shapefile Technical Description, 1998;
 * dBASE III for the .dbf), so the loader's shapefile reader is tested on files it did not write itself: polygon
 * (type 5) and point (type 1) layers, .shx index, .dbf with character and numeric fields in any encoding and a
 * language-driver byte, and the .prj / .cpg texts.
 */
import iconv from "iconv-lite";

/** A polygon feature: rings as GeoJSON writes them (outer counter-clockwise, holes clockwise), or null. */
export interface ShpPolygon {
  rings: number[][][] | null;
  properties: Record<string, string | number>;
}

/** A dbf field. */
export interface DbfField {
  name: string;
  type: "C" | "N";
  length: number;
  decimals?: number;
}

/** Signed area ×2 of a ring (> 0 counter-clockwise). */
function signedArea(r: readonly number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return a;
}

/** A shapefile's rings: the outer one clockwise, holes counter-clockwise (the reverse of GeoJSON). */
function shpRings(rings: readonly number[][][]): number[][][] {
  return rings.map((r, i) => {
    const ccw = signedArea(r) > 0;
    const wantClockwise = i === 0;
    return ccw === wantClockwise ? [...r].reverse() : [...r];
  });
}

function bboxOf(points: readonly number[][]): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return points.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : [0, 0, 0, 0];
}

function header(shapeType: number, fileBytes: number, box: readonly number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  box.forEach((v, i) => h.writeDoubleLE(v, 36 + i * 8));
  return h;
}

/** Record contents of a polygon (or a null shape). */
function polygonContent(rings: number[][][] | null): Buffer {
  if (!rings) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(0, 0);
    return b;
  }
  const parts = shpRings(rings);
  const points = parts.flat();
  const b = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  b.writeInt32LE(5, 0);
  bboxOf(points).forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
  b.writeInt32LE(parts.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((r, i) => {
    b.writeInt32LE(start, 44 + 4 * i);
    start += r.length;
  });
  points.forEach((p, i) => {
    b.writeDoubleLE(p[0], 44 + 4 * parts.length + 16 * i);
    b.writeDoubleLE(p[1], 44 + 4 * parts.length + 16 * i + 8);
  });
  return b;
}

/** .shp and .shx of a polygon layer. */
export function writeShp(features: readonly ShpPolygon[]): {shp: Buffer; shx: Buffer} {
  const contents = features.map((f) => polygonContent(f.rings));
  const box = bboxOf(features.flatMap((f) => (f.rings ? f.rings.flat() : [])));
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    records.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    index.push(ix);
    offset += 8 + c.length;
  });
  const shp = Buffer.concat([header(5, offset, [...box, 0, 0, 0, 0]), ...records]);
  const shx = Buffer.concat([header(5, 100 + 8 * contents.length, [...box, 0, 0, 0, 0]), ...index]);
  return {shp, shx};
}

/**
 * A dBASE III .dbf: names and character values encoded in `encoding` (cut to the field's byte length), numbers
 * right-aligned; `ldid` is the language-driver byte (0x4D = code page 936, 0 = none).
 */
export function writeDbf(fields: readonly DbfField[], rows: readonly Record<string, string | number>[], encoding: string, ldid = 0): Buffer {
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const h = Buffer.alloc(headerLength);
  h[0] = 0x03;
  h[1] = 124;
  h[2] = 6;
  h[3] = 30;
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headerLength, 8);
  h.writeUInt16LE(recordLength, 10);
  h[29] = ldid;
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    const name = iconv.encode(f.name, encoding);
    if (name.length > 10) throw new Error(`dbf field name ${f.name} is ${name.length} bytes in ${encoding}: at most 10`);
    name.copy(h, at);
    h[at + 11] = f.type.charCodeAt(0);
    h[at + 16] = f.length;
    h[at + 17] = f.decimals ?? 0;
  });
  h[headerLength - 1] = 0x0d;
  const body = Buffer.alloc(rows.length * recordLength, 0x20);
  rows.forEach((row, r) => {
    let at = r * recordLength + 1;
    for (const f of fields) {
      const v = row[f.name];
      const cell = Buffer.alloc(f.length, 0x20);
      if (v !== undefined && v !== "") {
        if (f.type === "N") {
          const s = Buffer.from(typeof v === "number" ? v.toFixed(f.decimals ?? 0) : String(v), "latin1");
          s.copy(cell, Math.max(0, f.length - s.length));
        } else {
          iconv.encode(String(v), encoding).copy(cell, 0, 0, f.length);
        }
      }
      cell.copy(body, at);
      at += f.length;
    }
  });
  return Buffer.concat([h, body, Buffer.from([0x1a])]);
}

/** .prj texts as ArcGIS writes them. */
export const PRJ = {
  cgcs2000: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  wgs84: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  /** CGCS2000 3° Gauss-Krüger zone 35 (central meridian 105°E, zone number in the false easting; EPSG:4523) */
  cgcs2000Gk35:
    'PROJCS["CGCS2000_3_Degree_GK_Zone_35",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",35500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  xian80: 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  beijing54Gk18:
    'PROJCS["Beijing_1954_GK_Zone_18",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",18500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
} as const;

/** .shp and .shx of a point layer (type 1); null positions are null shapes. */
export function writePointShp(points: readonly (readonly [number, number] | null)[]): {shp: Buffer; shx: Buffer} {
  const contents = points.map((p) => {
    if (!p) return polygonContent(null);
    const b = Buffer.alloc(20);
    b.writeInt32LE(1, 0);
    b.writeDoubleLE(p[0], 4);
    b.writeDoubleLE(p[1], 12);
    return b;
  });
  const box = bboxOf(points.filter((p): p is readonly [number, number] => p !== null).map((p) => [...p]));
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    records.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    index.push(ix);
    offset += 8 + c.length;
  });
  return {shp: Buffer.concat([header(1, offset, [...box, 0, 0, 0, 0]), ...records]), shx: Buffer.concat([header(1, 100 + 8 * contents.length, [...box, 0, 0, 0, 0]), ...index])};
}

/** .shp and .shx of a polyline layer (type 3): each feature one or more parts of [x, y] positions. */
export function writePolylineShp(lines: readonly (readonly (readonly [number, number])[][])[]): {shp: Buffer; shx: Buffer} {
  const contents = lines.map((parts) => {
    const points = parts.flat();
    const b = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
    b.writeInt32LE(3, 0);
    bboxOf(points.map((p) => [...p])).forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
    b.writeInt32LE(parts.length, 36);
    b.writeInt32LE(points.length, 40);
    let start = 0;
    parts.forEach((r, i) => {
      b.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
    });
    points.forEach((p, i) => {
      b.writeDoubleLE(p[0], 44 + 4 * parts.length + 16 * i);
      b.writeDoubleLE(p[1], 44 + 4 * parts.length + 16 * i + 8);
    });
    return b;
  });
  const box = bboxOf(lines.flat(2).map((p) => [...p]));
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    records.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    index.push(ix);
    offset += 8 + c.length;
  });
  return {shp: Buffer.concat([header(3, offset, [...box, 0, 0, 0, 0]), ...records]), shx: Buffer.concat([header(3, 100 + 8 * contents.length, [...box, 0, 0, 0, 0]), ...index])};
}
