/**
 * Records → Arrow IPC **stream** bytes for the SQL page (DuckDB-Wasm reads the stream format offline; the file
 * format fails). Nested objects are flattened into columns (`covered.county` → `covered_county`), arrays of plain
 * values are joined with ";" (`modelled`), and each column gets one explicit type: INTEGER when every value is a
 * whole number in int32 range, DOUBLE for other numbers, BOOLEAN, else VARCHAR. Null stays null.
 */
import {Bool, DataType, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type Vector} from "apache-arrow";

type Plain = string | number | boolean | null;

/**
 * One flat row: nested objects become `parent_child` keys; arrays of plain values are joined with ";".
 * @example flatten({a: {b: 1}, m: ["lng", "lat"]}) // {a_b: 1, m: "lng;lat"}
 */
export function flatten(value: Record<string, unknown>, prefix = "", out: Record<string, Plain> = {}): Record<string, Plain> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}_${k}` : k;
    if (v === undefined || v === null) out[key] = null;
    else if (Array.isArray(v)) out[key] = v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(";");
    else if (typeof v === "object") flatten(v as Record<string, unknown>, key, out);
    else if (typeof v === "number") out[key] = Number.isFinite(v) ? v : null;
    else out[key] = v as Plain;
  }
  return out;
}

/** A column's type when it has no value to tell it (an empty table, or a column null in every row). */
export type ColumnKind = "int" | "float" | "bool" | "text";

/** The Arrow type a column's values fit (`hint` when no value is present; VARCHAR without one). */
export function columnType(values: readonly Plain[], hint?: ColumnKind): DataType {
  const present = values.filter((v) => v !== null);
  if (!present.length && hint) return hint === "int" ? new Int32() : hint === "float" ? new Float64() : hint === "bool" ? new Bool() : new Utf8();
  if (present.length && present.every((v) => typeof v === "number")) {
    return present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31) ? new Int32() : new Float64();
  }
  if (present.length && present.every((v) => typeof v === "boolean")) return new Bool();
  return new Utf8();
}

/** The kind of an Arrow type as `columnType` makes them. */
export function columnKind(type: DataType): ColumnKind {
  // by type id, not instanceof: a table read back with another copy of apache-arrow has that copy's classes
  return DataType.isInt(type) ? "int" : DataType.isFloat(type) ? "float" : DataType.isBool(type) ? "bool" : "text";
}

/**
 * An Arrow table of flattened records; the schema's columns first (in its order), then any other in order of first
 * appearance.
 * @param records plain objects (nested objects allowed)
 * @param schema columns every table of this name has, with their kind: an empty table still has them, typed
 */
export function arrowTable(records: readonly object[], schema: readonly (readonly [string, ColumnKind])[] = []): Table {
  const rows = records.map((r) => flatten(r as Record<string, unknown>));
  const hints = new Map(schema);
  const names = [...new Set([...schema.map(([name]) => name), ...rows.flatMap((r) => Object.keys(r))])];
  const vectors: Record<string, Vector> = {};
  for (const name of names) {
    const values = rows.map((r) => r[name] ?? null);
    const type = columnType(values, hints.get(name));
    const cells = type instanceof Utf8 ? values.map((v) => (v === null ? null : String(v))) : values;
    vectors[name] = vectorFromArray(cells, type);
  }
  return new Table(vectors);
}

export function arrowStream(records: readonly object[], schema: readonly (readonly [string, ColumnKind])[] = []): Uint8Array {
  return tableToIPC(arrowTable(records, schema), "stream");
}
