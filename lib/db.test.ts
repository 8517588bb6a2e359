// The database itself refuses what must never happen, whatever code path reaches it.
// Runs on either store (TEST_DATABASE); the raw connection is the store's own driver.
import { describe, it, expect, beforeAll } from "vitest";
import { db, store, writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/events";
import { rawError } from "@/tests/helpers/raw-sql";

/** How each store words a CHECK constraint refusal. */
const CHECK_REFUSED = store === "postgresql" ? /violates check constraint/ : /CHECK constraint/;

let patientId = "";
let userId = "";

beforeAll(async () => {
  const user = await db.user.create({ data: { username: "t.nurse", displayName: "T Nurse", role: "nurse", passwordHash: "x" } });
  userId = user.id;
  await db.ward.create({ data: { id: "w1", name: "Test ward", timeZone: "Europe/London" } });
  const patient = await db.patient.create({
    data: {
      mrn: "T1",
      name: "Test Patient",
      birthDate: "1970-01-01",
      sex: "female",
      weightKg: 70,
      weightMeasuredAt: new Date(),
      wardId: "w1",
      bed: "1",
      product: "test",
      therapy: "car_t",
      infusionAt: new Date(),
    },
  });
  patientId = patient.id;
});

const observation = (extra: Record<string, unknown>) => ({
  id: `o-${Math.random()}`,
  lineageId: "l",
  version: 1,
  patientId,
  effectiveAt: new Date(),
  recordedById: userId,
  ...extra,
});

describe("database constraints", () => {
  it("syncs every commit to disk on SQLite, and leaves PostgreSQL's durability to its server", async () => {
    // SQLite: synchronous FULL (2) on the connection that writes (better-sqlite3 opens with NORMAL).
    // PostgreSQL: the session keeps the server's synchronous_commit (the tests' throwaway server
    // turns it off for speed; a hospital's keeps the default, on: docs/DEPLOY.md).
    const query =
      store === "postgresql"
        ? "SELECT current_setting('synchronous_commit') AS setting, reset_val AS expected FROM pg_settings WHERE name = 'synchronous_commit'"
        : "SELECT synchronous AS setting, 2 AS expected FROM pragma_synchronous";
    const [row] = await writeTransaction((tx) => tx.$queryRawUnsafe<{ setting: unknown; expected: unknown }[]>(query));
    expect(String(row!.setting)).toBe(String(row!.expected));
  });

  it("rejects a duplicate MRN", async () => {
    await expect(
      db.patient.create({
        data: {
          mrn: "T1",
          name: "Other",
          birthDate: "1970-01-01",
          sex: "male",
          weightKg: 70,
          weightMeasuredAt: new Date(),
          wardId: "w1",
          bed: "2",
          product: "test",
          therapy: "car_t",
          infusionAt: new Date(),
        },
      }),
    ).rejects.toThrow();
  });

  it.each([
    ["temperature 450 °C", { temperatureC: 450 }],
    ["SpO2 101", { spo2: 101 }],
    ["diastolic above systolic", { systolicBP: 80, diastolicBP: 90 }],
    ["FiO2 0.1", { fio2: 0.1 }],
    ["ICE 11", { iceScore: 11 }],
  ])("rejects an observation with %s", async (_label, extra) => {
    await expect(db.observation.create({ data: observation(extra) })).rejects.toThrow(CHECK_REFUSED);
  });

  it("rejects a zero dose and tocilizumab above 2,000 mg", async () => {
    const dose = (drug: string, doseMg: number) => ({
      id: `m-${Math.random()}`,
      lineageId: "m",
      version: 1,
      patientId,
      drug,
      doseMg,
      route: "IV",
      effectiveAt: new Date(),
      recordedById: userId,
    });
    await expect(db.medicationAdministration.create({ data: dose("dexamethasone", 0) })).rejects.toThrow(CHECK_REFUSED);
    await expect(db.medicationAdministration.create({ data: dose("tocilizumab", 2001) })).rejects.toThrow(CHECK_REFUSED);
    await expect(db.medicationAdministration.create({ data: dose("tocilizumab", 800) })).resolves.toBeTruthy();
  });

  it("never updates or deletes an observation version", async () => {
    const created = await db.observation.create({ data: observation({ temperatureC: 38.2 }) });
    await expect(db.observation.update({ where: { id: created.id }, data: { temperatureC: 36 } })).rejects.toThrow();
    await expect(db.observation.delete({ where: { id: created.id } })).rejects.toThrow();
    expect(await rawError('UPDATE "Observation" SET "temperatureC" = 36 WHERE "id" = ?', created.id)).toMatch(/append-only/);
    expect(await rawError('DELETE FROM "Observation" WHERE "id" = ?', created.id)).toMatch(/append-only/);
    expect((await db.observation.findUniqueOrThrow({ where: { id: created.id } })).temperatureC).toBe(38.2);
  });

  it("keeps the audit trail append-only", async () => {
    await writeTransaction((tx) =>
      recordAudit(
        tx,
        { id: userId, name: "T Nurse", role: "nurse" },
        {
          action: "auth.login",
          entityType: "user",
          entityId: userId,
        },
      ),
    );
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.login" } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "auth.logout" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await rawError('UPDATE "AuditEvent" SET "action" = ? WHERE "id" = ?', "auth.logout", event.id)).toMatch(/append-only/);
    expect(await rawError('DELETE FROM "AuditEvent"')).toMatch(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("auth.login");
    expect(await db.auditEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it("keeps sign-in attempts append-only, with a known outcome", async () => {
    const attempt = await db.signInAttempt.create({
      data: { username: "t.nurse", userId, outcome: "wrong_password", at: new Date() },
    });
    await expect(db.signInAttempt.update({ where: { id: attempt.id }, data: { outcome: "success" } })).rejects.toThrow();
    await expect(db.signInAttempt.delete({ where: { id: attempt.id } })).rejects.toThrow();
    await expect(db.signInAttempt.deleteMany({})).rejects.toThrow();
    expect(await rawError('UPDATE "SignInAttempt" SET "outcome" = ? WHERE "id" = ?', "success", attempt.id)).toMatch(
      /append-only/,
    );
    expect(await rawError('DELETE FROM "SignInAttempt"')).toMatch(/append-only/);
    expect(
      await rawError(
        `INSERT INTO "SignInAttempt" ("id", "at", "username", "outcome") VALUES ('a-x', CURRENT_TIMESTAMP, 'x', 'maybe')`,
      ),
    ).toMatch(/CHECK constraint failed|violates check constraint/);
    expect((await db.signInAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).outcome).toBe("wrong_password");
  });

  // PostgreSQL's TRUNCATE fires no row trigger, so it has a trigger of its own; SQLite has no
  // TRUNCATE statement at all. Either way the rows stay.
  it("refuses TRUNCATE of the audit trail and the clinical facts", async () => {
    for (const table of ["AuditEvent", "Observation", "VasopressorInfusion", "MedicationAdministration"]) {
      expect(await rawError(`TRUNCATE "${table}" CASCADE`)).toMatch(store === "postgresql" ? /append-only/ : /syntax error/);
    }
    expect(await db.auditEvent.count()).toBeGreaterThan(0);
  });

  it("rolls back the change when its audit event cannot be written", async () => {
    const before = await db.patient.count();
    await expect(
      writeTransaction(async (tx) => {
        await tx.patient.create({
          data: {
            mrn: "T-rollback",
            name: "Rollback",
            birthDate: "1970-01-01",
            sex: "female",
            weightKg: 70,
            weightMeasuredAt: new Date(),
            wardId: "w1",
            bed: "3",
            product: "test",
            therapy: "car_t",
            infusionAt: new Date(),
          },
        });
        // An invalid event (empty entity id) fails validation: the patient must not be stored either.
        await recordAudit(
          tx,
          { id: userId, name: "T", role: "nurse" },
          { action: "patient.admit", entityType: "patient", entityId: "" },
        );
      }),
    ).rejects.toThrow();
    expect(await db.patient.count()).toBe(before);
  });
});
