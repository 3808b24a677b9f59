/**
 * GeoJSON reader: a FeatureCollection (or a single Feature) becomes a table whose columns are the union of the
 * features' property names and whose rows carry their geometry. Row n is the n-th feature (1-based).
 * The file is parsed whole (JSON has no cheap streaming form); boundary files are the only large GeoJSON.
 */
import {readFile} from "node:fs/promises";
import type {Geometry} from "geojson";
import iconv from "iconv-lite";
import {codecOf, decideEncoding, scanEncoding} from "./encoding.ts";
import {FileError, type RawItem, type ReadOptions, type Table} from "./read.ts";

type Json = Record<string, unknown>;

/**
 * Open a GeoJSON file.
 * @throws FileError when the file is not JSON, or not a FeatureCollection / Feature
 */
export async function openGeoJson(path: string, options: ReadOptions): Promise<Table> {
  const decision = decideEncoding(await scanEncoding(path), options.encoding ?? "auto");
  if (decision.error !== undefined) throw new FileError(decision.error);
  const bytes = await readFile(path);
  options.onProgress?.(bytes.length, bytes.length);
  const features = featuresOf(parseJson(iconv.decode(bytes, codecOf(decision.encoding))));
  const headers = propertyNames(features);
  return {
    path,
    format: "geojson",
    encoding: decision.encoding,
    headers,
    headerRow: 0,
    notes: [],
    rows: featureItems(features, headers),
    blankRows: () => 0
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FileError(`not valid JSON: ${(e as Error).message}`);
  }
}

function featuresOf(doc: unknown): unknown[] {
  const o = doc as Json | null;
  if (o && typeof o === "object" && o.type === "FeatureCollection" && Array.isArray(o.features)) return o.features;
  if (o && typeof o === "object" && o.type === "Feature") return [o];
  throw new FileError(`expected a GeoJSON FeatureCollection, found ${o && typeof o === "object" ? `type ${JSON.stringify(o.type)}` : typeof doc}`);
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function propertyNames(features: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const f of features) {
    if (isObject(f) && isObject(f.properties)) for (const k of Object.keys(f.properties)) names.add(k);
  }
  return [...names];
}

async function* featureItems(features: readonly unknown[], headers: readonly string[]): AsyncGenerator<RawItem> {
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (!isObject(f) || f.type !== "Feature") {
      yield {row: i + 1, error: `feature ${i + 1} is not a GeoJSON Feature object`};
      continue;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const geometry = isObject(f.geometry) ? (f.geometry as unknown as Geometry) : null;
    yield {row: i + 1, cells: headers.map((h) => valueText(props[h])), geometry};
  }
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}
