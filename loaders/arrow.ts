/**
 * Records → Arrow IPC **stream** bytes for the SQL page (DuckDB-Wasm reads the stream format offline; the file
 * format fails). Nested objects are flattened into columns (`covered.county` → `covered_county`), arrays of plain
 * values are joined with ";" (`modelled`), and each column gets one explicit type: INTEGER when every value is a
 * whole number in int32 range, DOUBLE for other numbers, BOOLEAN, else VARCHAR. Null stays null.
 */
import {Bool, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type DataType, type Vector} from "apache-arrow";

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

/** The Arrow type a column's values fit. */
export function columnType(values: readonly Plain[]): DataType {
  const present = values.filter((v) => v !== null);
  if (present.length && present.every((v) => typeof v === "number")) {
    return present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31) ? new Int32() : new Float64();
  }
  if (present.length && present.every((v) => typeof v === "boolean")) return new Bool();
  return new Utf8();
}

/**
 * An Arrow table of flattened records; columns in order of first appearance.
 * @param records plain objects (nested objects allowed)
 * @param columns column names when there are no records (so an empty table still has a schema)
 */
export function arrowTable(records: readonly object[], columns: readonly string[] = []): Table {
  const rows = records.map((r) => flatten(r as Record<string, unknown>));
  const names = [...new Set([...columns, ...rows.flatMap((r) => Object.keys(r))])];
  const vectors: Record<string, Vector> = {};
  for (const name of names) {
    const values = rows.map((r) => r[name] ?? null);
    const type = columnType(values);
    const cells = type instanceof Utf8 ? values.map((v) => (v === null ? null : String(v))) : values;
    vectors[name] = vectorFromArray(cells, type);
  }
  return new Table(vectors);
}

/** Records as Arrow IPC stream bytes. */
export function arrowStream(records: readonly object[], columns: readonly string[] = []): Uint8Array {
  return tableToIPC(arrowTable(records, columns), "stream");
}
