// The SQL page's database is read-only to the user: statements that write, attach, load or change settings are
// refused before they reach DuckDB; queries — including every example the page offers — run.
import {describe, expect, it} from "vitest";
import {cleanSqlErrorMessage, readOnlyViolation, SQL_EXAMPLES, sqlStatementWords} from "../../src/lib/view/sql.ts";

describe("readOnlyViolation", () => {
  it("lets every example query of the page through", () => {
    for (const e of SQL_EXAMPLES) expect(readOnlyViolation(e.sql), e.id).toBeUndefined();
  });

  it.each([
    ["DELETE FROM facilities", "DELETE"],
    ["delete from facilities where beds > 0", "DELETE"],
    ["UPDATE facilities SET beds = 0", "UPDATE"],
    ["DROP TABLE villages", "DROP"],
    ["INSERT INTO counties VALUES ('1', 'x')", "INSERT"],
    ["CREATE TABLE x AS SELECT 1", "CREATE"],
    ["CREATE OR REPLACE VIEW v AS SELECT * FROM counties", "CREATE"],
    ["ATTACH 'other.db'", "ATTACH"],
    ["COPY facilities TO 'out.csv'", "COPY"],
    ["INSTALL httpfs", "INSTALL"],
    ["LOAD httpfs", "LOAD"],
    ["SELECT 1; DELETE FROM facilities", "DELETE"],
    ["WITH x AS (SELECT 1) DELETE FROM facilities", "DELETE"],
    ["EXPLAIN ANALYZE DELETE FROM facilities", "DELETE"],
    ["/* a comment */ TRUNCATE facilities", "TRUNCATE"],
    ["SET memory_limit = '1GB'", "SET"],
    ["EXPORT DATABASE 'x'", "EXPORT"],
    ["VACUUM", "VACUUM"],
    ["GRANT SELECT ON x TO y", "GRANT"]
  ])("refuses %s, naming %s", (sql, keyword) => {
    const v = readOnlyViolation(sql);
    expect(v?.keyword).toBe(keyword);
    expect(v?.message).toContain(keyword);
    expect(v?.message).toMatch(/只读/);
  });

  it("does not mistake words in strings, quoted names or comments for statements", () => {
    expect(readOnlyViolation("SELECT name FROM facilities WHERE name LIKE '%DELETE%' -- DROP everything")).toBeUndefined();
    expect(readOnlyViolation('SELECT beds AS "update", \'it\'\'s; DROP TABLE x\' AS s FROM facilities')).toBeUndefined();
    expect(readOnlyViolation("/* INSERT */ SELECT $$ CREATE $$ AS t")).toBeUndefined();
    expect(readOnlyViolation("(SELECT 1) UNION ALL (SELECT 2);")).toBeUndefined();
    expect(readOnlyViolation("FROM counties LIMIT 1")).toBeUndefined();
    expect(readOnlyViolation("DESCRIBE facilities; SHOW TABLES; SUMMARIZE villages")).toBeUndefined();
    // a typo is DuckDB's to explain as a syntax error, not a refusal
    expect(readOnlyViolation("SELEC * FORM facilities")).toBeUndefined();
  });

  it("an alias that is a settings keyword is refused with the way out", () => {
    expect(readOnlyViolation("SELECT 1 AS set")?.message).toContain('"set"');
  });

  it("splits statements and words outside strings", () => {
    expect(sqlStatementWords("select a; -- x\n select 'b;c' from t;")).toEqual([["SELECT", "A"], ["SELECT", "FROM", "T"]]);
  });
});

describe("cleanSqlErrorMessage", () => {
  it("shows DuckDB-Wasm's repeated caret block once", () => {
    // the message exactly as DuckDB-Wasm 1.32 throws it for "SELECT * FORM facilities"
    const message = 'Parser Error: syntax error at or near "facilities"\n\nLINE 1: SELECT * FORM facilities\n                      ^\n\nLINE 1: SELECT * FORM facilities\n                      ^';
    expect(cleanSqlErrorMessage(message)).toBe('Parser Error: syntax error at or near "facilities"\n\nLINE 1: SELECT * FORM facilities\n                      ^');
  });

  it("leaves a message without repeats as it is", () => {
    expect(cleanSqlErrorMessage("Catalog Error: Table with name x does not exist!")).toBe("Catalog Error: Table with name x does not exist!");
  });
});
