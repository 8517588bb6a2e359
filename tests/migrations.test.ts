// A migration that rebuilds a table (Prisma does for SQLite) must keep what only the SQL knows:
// the CHECK constraints and the append-only triggers, and every row already charted.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve(__dirname, "../prisma/migrations");
const ALL = readdirSync(MIGRATIONS)
  .filter((name) => /^\d/.test(name))
  .sort();
const VASOPRESSORS_CHARTED = "20261122140000_vasopressors_charted";
const SUBMISSION_KEYS = "20261202090000_submission_keys_late_entry_regrades";
const PATIENT_VERSIONS = "20261202150000_patient_versions";

function freshDatabase(): Database.Database {
  return new Database(path.join(mkdtempSync(path.join(tmpdir(), "crs-migrations-")), "test.db"));
}

function apply(sqlite: Database.Database, names: readonly string[]): void {
  for (const name of names) sqlite.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
}

function refusal(sqlite: Database.Database, sql: string): string | null {
  try {
    sqlite.exec(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("migrations", () => {
  it("after the last one, Observation still has its 13 CHECK constraints and every table its append-only triggers", () => {
    const sqlite = freshDatabase();
    apply(sqlite, ALL);
    const table = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'Observation'").get() as {
      sql: string;
    };
    for (let n = 1; n <= 13; n++) expect(table.sql).toContain(`"Observation_check_${n}" CHECK`);
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
      name: string;
    }[];
    // Each append-only table refuses UPDATE and DELETE, and (SQLite's INSERT OR REPLACE) an insert
    // whose primary or unique key is taken: a table with one of these triggers must have all three.
    const names = triggers.map((t) => t.name);
    const appendOnly = names.filter((name) => name.endsWith("_no_update")).map((name) => name.replace(/_no_update$/, ""));
    expect(appendOnly.length).toBeGreaterThanOrEqual(9);
    for (const table of appendOnly) {
      expect(names).toEqual(expect.arrayContaining([`${table}_no_delete`, `${table}_no_update`, `${table}_no_replace`]));
    }
    expect(names.filter((name) => name.includes("_no_replace_"))).toEqual([
      "Acknowledgement_no_replace_idempotencyKey",
      "DoseConfirmation_no_replace_idempotencyKey",
      "HandoffSignOff_no_replace_idempotencyKey",
      "MedicationAdministration_no_replace_idempotencyKey",
      "MedicationAdministration_no_replace_lineageId_version",
      "MedicationAdministration_no_replace_supersedesId",
      "ObservationPause_no_replace_idempotencyKey",
      "ObservationPause_no_replace_lineageId_version",
      "ObservationPause_no_replace_supersedesId",
      "Observation_no_replace_idempotencyKey",
      "Observation_no_replace_lineageId_version",
      "Observation_no_replace_supersedesId",
      "PatientVersion_no_replace_patientId_version",
      "PatientWeight_no_replace_idempotencyKey",
      "PatientWeight_no_replace_lineageId_version",
      "PatientWeight_no_replace_supersedesId",
    ]);
    // Nothing else: every trigger is one of the three per append-only table or a unique-key guard.
    expect(names).toHaveLength(appendOnly.length * 3 + 16);
    sqlite.close();
  });

  it("sign-in attempts: append-only, a known outcome, and the limit's query uses the (username, at) index", () => {
    const sqlite = freshDatabase();
    apply(sqlite, ALL);
    sqlite.exec(`
      INSERT INTO "User" ("id", "username", "displayName", "role", "passwordHash") VALUES ('u', 'n', 'Nurse', 'nurse', 'x');
      INSERT INTO "SignInAttempt" ("id", "at", "username", "userId", "outcome") VALUES ('a1', 0, 'n', 'u', 'wrong_password');
      INSERT INTO "SignInAttempt" ("id", "at", "username", "outcome") VALUES ('a2', 0, 'nobody', 'unknown_user');
    `);
    expect(refusal(sqlite, `UPDATE "SignInAttempt" SET "outcome" = 'success' WHERE "id" = 'a1'`)).toMatch(/append-only/);
    expect(refusal(sqlite, `DELETE FROM "SignInAttempt" WHERE "id" = 'a2'`)).toMatch(/append-only/);
    expect(refusal(sqlite, `DELETE FROM "User" WHERE "id" = 'u'`)).toMatch(/append-only/);
    expect(
      refusal(sqlite, `INSERT INTO "SignInAttempt" ("id", "at", "username", "outcome") VALUES ('a3', 0, 'n', 'guessed')`),
    ).toMatch(/CHECK constraint failed: SignInAttempt_outcome_check/);
    const plan = sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM "SignInAttempt"
      WHERE "username" = ? AND "at" >= ? AND "outcome" <> 'success'`,
      )
      .all("n", 0) as { detail: string }[];
    expect(plan.map((row) => row.detail).join("; ")).toMatch(/USING INDEX SignInAttempt_username_at_idx/);
    expect(sqlite.prepare(`SELECT COUNT(*) AS n FROM "SignInAttempt"`).get()).toEqual({ n: 2 });
    sqlite.close();
  });

  it("vasopressorsCharted: rows charted before it keep their values and infusions and count as charted", () => {
    const sqlite = freshDatabase();
    const index = ALL.indexOf(VASOPRESSORS_CHARTED);
    expect(index).toBeGreaterThan(0);
    apply(sqlite, ALL.slice(0, index));
    sqlite.exec(`
      INSERT INTO "Ward" ("id", "name", "timeZone") VALUES ('w', 'Ward', 'Europe/London');
      INSERT INTO "User" ("id", "username", "displayName", "role", "passwordHash") VALUES ('u', 'n', 'Nurse', 'nurse', 'x');
      INSERT INTO "Patient" ("id", "mrn", "name", "birthDate", "sex", "weightKg", "weightMeasuredAt", "wardId", "bed", "product", "therapy", "infusionAt")
        VALUES ('p', 'M1', 'Pat', '1970-01-01', 'female', 70, 0, 'w', '1', 'x', 'car_t', 0);
      INSERT INTO "Observation" ("id", "lineageId", "version", "patientId", "effectiveAt", "recordedById", "systolicBP", "diastolicBP")
        VALUES ('o1', 'o1', 1, 'p', 0, 'u', 84, 50);
      INSERT INTO "VasopressorInfusion" ("id", "observationId", "agent", "doseMcgKgMin") VALUES ('v1', 'o1', 'norepinephrine', 0.08);
      INSERT INTO "Observation" ("id", "lineageId", "version", "supersedesId", "status", "changeReason", "patientId", "effectiveAt", "recordedById", "systolicBP", "diastolicBP")
        VALUES ('o2', 'o1', 2, 'o1', 'amended', 'Typo', 'p', 0, 'u', 86, 50);
    `);
    apply(sqlite, ALL.slice(index));
    expect(
      sqlite.prepare(`SELECT "id", "supersedesId", "systolicBP", "vasopressorsCharted" FROM "Observation" ORDER BY "id"`).all(),
    ).toEqual([
      { id: "o1", supersedesId: null, systolicBP: 84, vasopressorsCharted: 1 },
      { id: "o2", supersedesId: "o1", systolicBP: 86, vasopressorsCharted: 1 },
    ]);
    expect(sqlite.prepare(`SELECT "observationId", "agent" FROM "VasopressorInfusion"`).all()).toEqual([
      { observationId: "o1", agent: "norepinephrine" },
    ]);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(refusal(sqlite, `UPDATE "Observation" SET "vasopressorsCharted" = false WHERE "id" = 'o2'`)).toMatch(/append-only/);
    expect(refusal(sqlite, `DELETE FROM "Observation" WHERE "id" = 'o1'`)).toMatch(/append-only/);
    expect(
      refusal(
        sqlite,
        `INSERT INTO "Observation" ("id", "lineageId", "version", "patientId", "effectiveAt", "recordedById", "spo2")
      VALUES ('o3', 'o3', 1, 'p', 0, 'u', 101)`,
      ),
    ).toMatch(/CHECK constraint failed: Observation_check_10/);
    sqlite.close();
  });

  it("submission keys and late-entry re-gradings: what was charted before them is carried over", () => {
    const sqlite = freshDatabase();
    const index = ALL.indexOf(SUBMISSION_KEYS);
    expect(index).toBeGreaterThan(0);
    apply(sqlite, ALL.slice(0, index));
    const after = JSON.stringify({
      id: "o3",
      patientId: "p",
      effectiveAt: "2026-03-01T09:00:00.000Z",
      recordedAt: "2026-03-01T11:05:00.000Z",
      lateEntryChanges: [{ id: "o2", at: "2026-03-01T10:00:00.000Z", before: 2, after: 3, text: "ALERT-LATE-ENTRY: ..." }],
    });
    sqlite.exec(`
      INSERT INTO "Ward" ("id", "name", "timeZone") VALUES ('w', 'Ward', 'Europe/London');
      INSERT INTO "User" ("id", "username", "displayName", "role", "passwordHash") VALUES ('u', 'n', 'Nurse', 'nurse', 'x');
      INSERT INTO "Patient" ("id", "mrn", "name", "birthDate", "sex", "weightKg", "weightMeasuredAt", "wardId", "bed", "product", "therapy", "infusionAt")
        VALUES ('p', 'M1', 'Pat', '1970-01-01', 'female', 70, 0, 'w', '1', 'x', 'car_t', 0);
      INSERT INTO "Observation" ("id", "lineageId", "version", "patientId", "effectiveAt", "recordedById", "heartRate", "idempotencyKey")
        VALUES ('o1', 'o1', 1, 'p', 0, 'u', 80, 'key-one-0001');
      INSERT INTO "Observation" ("id", "lineageId", "version", "supersedesId", "status", "changeReason", "patientId", "effectiveAt", "recordedById", "heartRate", "idempotencyKey")
        VALUES ('o1b', 'o1', 2, 'o1', 'entered_in_error', 'Wrong patient', 'p', 0, 'u', 80, 'key-two-0002');
      INSERT INTO "MedicationAdministration" ("id", "lineageId", "version", "patientId", "drug", "doseMg", "route", "effectiveAt", "recordedById", "idempotencyKey")
        VALUES ('d1', 'd1', 1, 'p', 'acetaminophen', 1000, 'PO', 0, 'u', 'key-three-0003');
    `);
    sqlite
      .prepare(
        `INSERT INTO "AuditEvent" ("id", "actorId", "actorName", "role", "action", "entityType", "entityId", "after")
      VALUES ('e1', 'u', 'Nurse', 'nurse', 'observation.create', 'observation', 'o3', ?)`,
      )
      .run(after);
    apply(sqlite, ALL.slice(index));
    expect(
      sqlite.prepare(`SELECT "key", "fingerprint", "write", "targetId", "resultId" FROM "SubmissionKey" ORDER BY "key"`).all(),
    ).toEqual([
      { key: "key-one-0001", fingerprint: null, write: "observation.create", targetId: "p", resultId: "o1" },
      { key: "key-three-0003", fingerprint: null, write: "dose.create", targetId: "p", resultId: "d1" },
      { key: "key-two-0002", fingerprint: null, write: "observation.entered_in_error", targetId: "o1", resultId: "o1b" },
    ]);
    expect(
      sqlite
        .prepare(
          `SELECT "patientId", "observationId", "observationAt", "gradeBefore", "gradeAfter", "write", "causeId", "entryAt",
      "chartedByName", "chartedAt" FROM "LateEntryRegrade"`,
        )
        .all(),
    ).toEqual([
      {
        patientId: "p",
        observationId: "o2",
        observationAt: "2026-03-01T10:00:00.000+00:00",
        gradeBefore: 2,
        gradeAfter: 3,
        write: "observation.create",
        causeId: "o3",
        entryAt: "2026-03-01T09:00:00.000+00:00",
        chartedByName: "Nurse",
        chartedAt: "2026-03-01T11:05:00.000+00:00",
      },
    ]);
    expect(refusal(sqlite, `DELETE FROM "SubmissionKey"`)).toMatch(/append-only/);
    expect(refusal(sqlite, `UPDATE "LateEntryRegrade" SET "gradeAfter" = 1`)).toMatch(/append-only/);
    sqlite.close();
  });
  it("patient versions: every patient admitted before them gets one, the record as it stood, dated at its admission", () => {
    const sqlite = freshDatabase();
    const index = ALL.indexOf(PATIENT_VERSIONS);
    expect(index).toBeGreaterThan(0);
    apply(sqlite, ALL.slice(0, index));
    sqlite.exec(`
      INSERT INTO "Ward" ("id", "name", "timeZone") VALUES ('w', 'Ward', 'Europe/London');
      INSERT INTO "User" ("id", "username", "displayName", "role", "passwordHash") VALUES ('u', 'd', 'Doctor', 'physician', 'x');
      INSERT INTO "Patient" ("id", "mrn", "name", "birthDate", "sex", "weightKg", "weightMeasuredAt", "wardId", "bed", "product",
        "therapy", "infusionAt", "antipyreticsMaskFever", "obsIntervalMinutes", "version", "createdAt", "createdById")
        VALUES ('p', 'M1', 'Pat', '1970-01-01', 'female', 70, 0, 'w', '4A-01', 'x', 'car_t', 0, false, 30, 3, 1000, 'u');
    `);
    apply(sqlite, ALL.slice(index));
    expect(
      sqlite
        .prepare(
          `SELECT "patientId", "version", "change", "bed", "antipyreticsMaskFever", "obsIntervalMinutes", "status", "recordedAt", "recordedById" FROM "PatientVersion"`,
        )
        .all(),
    ).toEqual([
      {
        patientId: "p",
        version: 3,
        change: "backfill",
        bed: "4A-01",
        antipyreticsMaskFever: 0,
        obsIntervalMinutes: 30,
        status: "active",
        recordedAt: 1000,
        recordedById: "u",
      },
    ]);
    expect(refusal(sqlite, `UPDATE "PatientVersion" SET "bed" = '4A-02'`)).toMatch(/append-only/);
    expect(refusal(sqlite, `DELETE FROM "PatientVersion"`)).toMatch(/append-only/);
    sqlite.close();
  });
});
