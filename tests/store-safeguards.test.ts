// Both stores refuse the same things: every append-only trigger and CHECK constraint of the SQLite
// migrations exists in the PostgreSQL migrations too (plus a TRUNCATE refusal wherever DELETE is
// refused). A new append-only table or range check added to SQLite alone fails here; the fix is
// `npm run db:postgres-migration -- <name>`, which writes the missing PostgreSQL SQL.
import { describe, expect, it } from "vitest";
import pg from "pg";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import {
  postgresMigrationSafeguardNames,
  postgresSafeguardNames,
  postgresSafeguardsFor,
  sqliteSafeguards,
} from "@/scripts/postgres-safeguards";
import { testStore } from "./test-store";

const wanted = postgresSafeguardsFor(sqliteSafeguards());
const wantedNames = {
  triggers: wanted.triggers.map((t) => t.name).sort(),
  checks: wanted.checks.map((c) => c.name).sort(),
};

describe("append-only triggers and CHECK constraints, SQLite and PostgreSQL", () => {
  it("SQLite's append-only tables are the fact and audit tables", () => {
    const tables = [...new Set(wanted.triggers.map((t) => t.table))].sort();
    expect(tables).toEqual(
      expect.arrayContaining(["AuditEvent", "MedicationAdministration", "Observation", "VasopressorInfusion"]),
    );
    for (const table of tables) {
      expect(wantedNames.triggers).toEqual(
        expect.arrayContaining([`${table}_no_update`, `${table}_no_delete`, `${table}_no_truncate`]),
      );
    }
  });

  it("the PostgreSQL migrations create the same triggers and CHECK constraints (read from their SQL)", () => {
    expect(postgresMigrationSafeguardNames()).toEqual(wantedNames);
  });

  // The database this run's tests use, migrated as a deployment would be: PostgreSQL has exactly
  // the SQLite safeguards translated; SQLite has exactly its own migrations' triggers.
  it("the database migrated for this run has exactly those", async () => {
    if (testStore() === "postgresql") {
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      try {
        expect(await postgresSafeguardNames(client)).toEqual(wantedNames);
      } finally {
        await client.end();
      }
      return;
    }
    const sqlite = new Database(sqliteFileFromUrl(databaseUrl()), { readonly: true });
    try {
      const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
      }[];
      expect(rows.map((row) => row.name)).toEqual(
        sqliteSafeguards()
          .triggers.map((t) => t.name)
          .sort(),
      );
    } finally {
      sqlite.close();
    }
  });
});
