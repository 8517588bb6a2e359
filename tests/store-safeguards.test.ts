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
import { db } from "@/lib/db";
import { testWard } from "@/lib/timeline/test-ward";
import { rawError } from "@/tests/helpers/raw-sql";
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

// INSERT OR REPLACE resolves a key conflict by deleting the old row without firing its DELETE
// trigger; PostgreSQL's INSERT ... ON CONFLICT DO UPDATE is an UPDATE. Neither may rewrite evidence.
describe("no insert rewrites an audit row or a fact (INSERT OR REPLACE, ON CONFLICT DO UPDATE)", () => {
  const sqlite = () => testStore() !== "postgresql";

  async function auditRow() {
    const ward = await testWard();
    return db.auditEvent.create({
      data: { action: "patient.admit", entityType: "patient", entityId: ward.patientId, actorName: "Original" },
    });
  }

  async function amendedObservation() {
    const ward = await testWard();
    const base = { patientId: ward.patientId, recordedById: ward.users.nurse.id, effectiveAt: new Date("2026-03-01T09:00:00Z") };
    const v1 = await db.observation.create({ data: { ...base, lineageId: "obs-replace", version: 1, heartRate: 80 } });
    const v2 = await db.observation.create({
      data: { ...base, lineageId: "obs-replace", version: 2, supersedesId: v1.id, status: "amended", heartRate: 90 },
    });
    return { v1, v2 };
  }

  it("an audit row cannot be replaced by its id, nor upserted over", async () => {
    const row = await auditRow();
    const tries = [
      'INSERT INTO "AuditEvent" ("id", "at", "action", "entityType") SELECT "id", "at", \'auth.logout\', "entityType" FROM "AuditEvent" WHERE "id" = ? ON CONFLICT ("id") DO UPDATE SET "action" = \'auth.logout\'',
    ];
    if (sqlite()) {
      tries.push(
        'INSERT OR REPLACE INTO "AuditEvent" ("id", "at", "action", "entityType") SELECT "id", "at", \'auth.logout\', "entityType" FROM "AuditEvent" WHERE "id" = ?',
        'REPLACE INTO "AuditEvent" ("id", "at", "action", "entityType") SELECT "id", "at", \'auth.logout\', "entityType" FROM "AuditEvent" WHERE "id" = ?',
      );
    }
    const errors = await Promise.all(tries.map((sql) => rawError(sql, row.id)));
    const stored = await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } });
    console.log(`audit row: ${tries.length} rewriting inserts tried, ${errors.filter((e) => e === null).length} accepted`);
    for (const error of errors) expect(error).toMatch(/append-only/);
    expect({ action: stored.action, actorName: stored.actorName }).toEqual({ action: "patient.admit", actorName: "Original" });
  });

  it("a fact version cannot be replaced through its id or through a unique key it holds (supersedesId)", async () => {
    const { v1, v2 } = await amendedObservation();
    const columns =
      '"id", "lineageId", "version", "status", "supersedesId", "patientId", "recordedById", "effectiveAt", "heartRate"';
    const copy = (id: string) =>
      `SELECT ${id}, "lineageId", 9, "status", "supersedesId", "patientId", "recordedById", "effectiveAt", 200 FROM "Observation" WHERE "id" = ?`;
    const tries: [string, string][] = [
      [`INSERT INTO "Observation" (${columns}) ${copy('"id"')} ON CONFLICT ("id") DO UPDATE SET "heartRate" = 200`, v2.id],
    ];
    if (sqlite()) {
      tries.push(
        [`INSERT OR REPLACE INTO "Observation" (${columns}) ${copy('"id"')}`, v2.id],
        [`INSERT OR REPLACE INTO "Observation" (${columns}) ${copy("'forged'")}`, v2.id],
      );
    }
    const errors = await Promise.all(tries.map(([sql, id]) => rawError(sql, id)));
    const stored = await db.observation.findMany({ where: { lineageId: "obs-replace" }, orderBy: { version: "asc" } });
    console.log(`fact versions: ${tries.length} rewriting inserts tried, ${errors.filter((e) => e === null).length} accepted`);
    for (const error of errors) expect(error).toMatch(/append-only/);
    expect(stored.map((o) => [o.id, o.version, o.heartRate])).toEqual([
      [v1.id, 1, 80],
      [v2.id, 2, 90],
    ]);
  });
});
