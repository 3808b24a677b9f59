// The SQL page's tables (loaders/artifacts.ts sqlTables → Arrow, loaders/arrow.ts) against the committed schema
// (loaders/sql-schema.ts): the default region's tables have exactly its columns and types, and a region without
// targets, projects or candidates (the roads example) still gets those tables with every column, typed — an empty
// table without columns made DuckDB refuse the whole SQL page ("must have at least one column").
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {arrowTable, arrowStream, columnKind, columnType} from "../../loaders/arrow.ts";
import {sqlTables} from "../../loaders/artifacts.ts";
import {siteData, siteDataOf} from "../../loaders/site-data.ts";
import {SQL_SCHEMA} from "../../loaders/sql-schema.ts";
import {SQL_TABLES} from "../../src/lib/view/sql.ts";

const kinds = (bytes: Uint8Array) => tableFromIPC(bytes).schema.fields.map((f) => [f.name, columnKind(f.type)]);

describe("SQL table schema", () => {
  it("the default region's tables have exactly the committed columns and types (else regenerate loaders/sql-schema.ts)", async () => {
    const tables = sqlTables(await siteData());
    expect(Object.keys(tables).sort()).toEqual(SQL_TABLES.map((t) => t.name).sort());
    for (const [name, rows] of Object.entries(tables)) {
      expect(rows.length, name).toBeGreaterThan(0);
      const got = arrowTable(rows).schema.fields.map((f) => [f.name, columnKind(f.type)]);
      expect(got, `${name}: the default region's columns differ from loaders/sql-schema.ts`).toEqual(SQL_SCHEMA[name as keyof typeof SQL_SCHEMA].map(([n, k]) => [n, k]));
    }
  }, 120_000);

  it("a region without targets, projects or candidates gets those tables empty, with every column and its type", async () => {
    const tables = sqlTables(await siteDataOf("test/fixtures/roads-region"));
    const empty = Object.entries(tables).filter(([, rows]) => rows.length === 0).map(([name]) => name);
    expect(empty).toEqual(expect.arrayContaining(["targets", "projects", "project_items", "candidates"]));
    for (const name of empty) {
      const schema = SQL_SCHEMA[name as keyof typeof SQL_SCHEMA];
      expect(schema.length, name).toBeGreaterThan(0);
      expect(kinds(arrowStream([], schema)), name).toEqual(schema.map(([n, k]) => [n, k]));
    }
    // a non-empty table keeps its own columns after the schema's, and a column null in every row takes the schema's type
    const villages = kinds(arrowStream(tables.villages, SQL_SCHEMA.villages));
    expect(villages.slice(0, SQL_SCHEMA.villages.length)).toEqual(SQL_SCHEMA.villages.map(([n, k]) => [n, k]));
  }, 120_000);

  it("a column's type: from its values when any, else the hint, else text", () => {
    expect(columnKind(columnType([1, 2, null]))).toBe("int");
    expect(columnKind(columnType([1.5, null], "int"))).toBe("float");
    expect(columnKind(columnType([null, null], "float"))).toBe("float");
    expect(columnKind(columnType([], "bool"))).toBe("bool");
    expect(columnKind(columnType([]))).toBe("text");
  });
});
