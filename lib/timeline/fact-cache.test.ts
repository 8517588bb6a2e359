// The fact cache on a real database (SQLite, and PostgreSQL with `npm run test:postgres`): after
// every kind of change, including one committed by another connection (another instance), the
// cached answer equals a fresh read; unchanged patients are not re-read; shared arrays are frozen.
import { describe, it, expect } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { randomUUID } from "node:crypto";
import { db, store } from "@/lib/db";
import { connectPostgres } from "@/lib/db-postgres";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { amendObservation } from "@/lib/observations/amend-observation";
import { recordObservation } from "@/lib/observations/record-observation";
import { recordDose } from "@/lib/doses/record-dose";
import { loadFactVersions } from "@/lib/timeline/facts";
import { activePatients } from "@/lib/facts/patient-set";
import { countActivePatientsFacts, countFacts, loadFactVersionsCached, MAX_VERSIONS } from "@/lib/timeline/fact-cache";
import { formKey, testWard, WARD_ID } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

async function expectSameAsFreshRead(ids: string[]) {
  const cached = await loadFactVersionsCached(db, ids);
  const fresh = await loadFactVersions(db, ids);
  for (const id of ids) expect(cached.get(id)).toEqual(fresh.get(id));
  return cached;
}

describe("loadFactVersionsCached", () => {
  it("answers as a fresh read after charting, amending, a dose and a write by another instance; keeps unchanged patients", async () => {
    const a = await testWard();
    const b = await testWard();
    const ids = [a.patientId, b.patientId];
    const first = await expectSameAsFreshRead(ids);
    expect(first.get(a.patientId)!.observations).toHaveLength(0);

    const charted = await recordObservation(
      a.users.nurse,
      a.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), temperature: "36.9" },
      NOW,
    );
    if (!charted.ok) throw new Error(charted.message);
    const second = await expectSameAsFreshRead(ids);
    expect(second.get(a.patientId)!.observations).toHaveLength(1);
    // Patient b did not change: the same arrays as before, not re-read.
    expect(second.get(b.patientId)).toBe(first.get(b.patientId));

    const amended = await amendObservation(
      a.users.physician,
      charted.value.observationId,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), temperature: "38.9", reason: "typo" },
      NOW,
    );
    if (!amended.ok) throw new Error(amended.message);
    expect(
      (await expectSameAsFreshRead(ids))
        .get(a.patientId)!
        .observations.map((o) => o.temperatureC)
        .sort(),
    ).toEqual([36.9, 38.9]);

    const dosed = await recordDose(
      b.users.physician,
      b.patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: "560", route: "IV", effectiveAt: at("10:00") },
      NOW,
    );
    if (!dosed.ok) throw new Error(dosed.message);
    expect((await expectSameAsFreshRead(ids)).get(b.patientId)!.doses).toHaveLength(1);

    // Another instance (its own connection, not this process's write path) adds an observation.
    const other =
      store === "postgresql"
        ? (connectPostgres(databaseUrl()) as unknown as PrismaClient)
        : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 }) });
    try {
      const id = randomUUID();
      await other.observation.create({
        data: {
          id,
          lineageId: id,
          version: 1,
          patientId: b.patientId,
          effectiveAt: new Date(at("11:00")),
          recordedById: b.users.nurse.id,
          heartRate: 131,
        },
      });
    } finally {
      await other.$disconnect();
    }
    const last = await expectSameAsFreshRead(ids);
    expect(last.get(b.patientId)!.observations.map((o) => o.heartRate)).toEqual([131]);
  });

  it("after a change reads only the versions added, keeps the others, and orders them as a fresh read", async () => {
    const { patientId, users } = await testWard();
    const chart = async (hhmm: string, values: Record<string, unknown>) => {
      const result = await recordObservation(
        users.nurse,
        patientId,
        { idempotencyKey: formKey(), effectiveAt: at(hhmm), ...values },
        NOW,
      );
      if (!result.ok) throw new Error(result.message);
    };
    await chart("08:00", { heartRate: "90" });
    await chart("10:00", { heartRate: "95" });
    const before = await expectSameAsFreshRead([patientId]);
    // Charted late, between the two, with an infusion: read with its vasopressor rows, in its place.
    await chart("09:00", {
      systolicBP: "88",
      diastolicBP: "52",
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: "0.08" }],
    });
    const after = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    expect(after.observations.map((o) => o.effectiveAt.toISOString())).toEqual(
      ["08:00", "09:00", "10:00"].map((hhmm) => new Date(at(hhmm)).toISOString()),
    );
    expect(after.observations[1]!.vasopressors).toHaveLength(1);
    // The versions already held are the same objects, not read again.
    expect(after.observations[0]).toBe(before.get(patientId)!.observations[0]);
    expect(after.observations[2]).toBe(before.get(patientId)!.observations[1]);
    // After every set, two at once (the usual write), then one at an instant already charted (its
    // order among the sets of that instant is the database's): each as a fresh read orders it.
    await chart("11:00", { heartRate: "96" });
    await chart("11:30", { heartRate: "97" });
    const later = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    expect(later.observations[0]).toBe(after.observations[0]);
    await chart("10:00", { heartRate: "98" });
    await chart("10:00", { heartRate: "99" });
    const tied = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    expect(tied.observations.map((o) => o.heartRate)).toHaveLength(7);
  });

  it("finds rows another instance recorded by a clock behind this one's, within the slack and beyond it, after merged reads", async () => {
    const { patientId, users } = await testWard();
    for (const hhmm of ["08:00", "09:00", "10:00"]) {
      const charted = await recordObservation(
        users.nurse,
        patientId,
        { idempotencyKey: formKey(), effectiveAt: at(hhmm), heartRate: "90" },
        NOW,
      );
      if (!charted.ok) throw new Error(charted.message);
      await expectSameAsFreshRead([patientId]);
    }
    const held = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    // Rows written straight to the table, recorded 5 and 25 minutes before the newest row held (by
    // NOW): the first is among the recent rows looked for, the second only in a read of the ids.
    const insert = async (hhmm: string, recordedBehindMs: number) => {
      const id = randomUUID();
      await db.observation.create({
        data: {
          id,
          lineageId: id,
          version: 1,
          patientId,
          effectiveAt: new Date(at(hhmm)),
          recordedAt: new Date(NOW.getTime() - recordedBehindMs),
          recordedById: users.nurse.id,
          heartRate: 120,
        },
      });
    };
    await insert("10:30", 5 * 60_000);
    const withRecent = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    expect(withRecent.observations).toHaveLength(4);
    expect(withRecent.observations[0]).toBe(held.observations[0]); // merged, not read whole
    await insert("10:45", 25 * 60_000);
    expect((await expectSameAsFreshRead([patientId])).get(patientId)!.observations).toHaveLength(5);
    // A dose alone (the observations' count unchanged), then a set: each as a fresh read.
    const dosed = await recordDose(
      users.physician,
      patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: "560", route: "IV", effectiveAt: at("11:00") },
      NOW,
    );
    if (!dosed.ok) throw new Error(dosed.message);
    expect((await expectSameAsFreshRead([patientId])).get(patientId)!.doses).toHaveLength(1);
    await insert("11:15", 60_000);
    expect((await expectSameAsFreshRead([patientId])).get(patientId)!.observations).toHaveLength(6);
  });

  it("shares read-only arrays: a caller cannot change another read's facts", async () => {
    const { patientId, users } = await testWard();
    await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: at("08:00"), heartRate: "90" },
      NOW,
    );
    const facts = (await loadFactVersionsCached(db, [patientId])).get(patientId)!;
    expect(() => (facts.observations as unknown[]).push({})).toThrow();
    expect((await loadFactVersionsCached(db, [patientId])).get(patientId)!.observations).toHaveLength(1);
  });
  it("reads versions added in bulk to a cached patient (more ids than one query may bind, or more than it held)", async () => {
    const { patientId, users } = await testWard();
    const sets = (count: number, fromMinute: number) =>
      Array.from({ length: count }, (_, i) => {
        const id = randomUUID();
        const effectiveAt = new Date(new Date(at("00:00")).getTime() - (fromMinute + i) * 60_000);
        return { id, lineageId: id, version: 1, patientId, effectiveAt, recordedById: users.nurse.id, heartRate: 60 + (i % 40) };
      });
    await db.observation.createMany({ data: sets(1_000, 0) });
    const first = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    // 1,000 more, charted back (an import): read by id, in queries Prisma accepts (999 parameters on SQLite).
    await db.observation.createMany({ data: sets(1_000, 1_000) });
    const second = (await expectSameAsFreshRead([patientId])).get(patientId)!;
    expect(second.observations).toHaveLength(2_000);
    expect(second.observations.at(-1)).toBe(first.observations.at(-1));
    // 6,000 more: more than held, read whole.
    await db.observation.createMany({ data: sets(6_000, 2_000) });
    expect((await expectSameAsFreshRead([patientId])).get(patientId)!.observations).toHaveLength(8_000);
  });

  it("holds at most MAX_VERSIONS versions, dropping the least recently read patients, and still answers as a fresh read", async () => {
    const big = await testWard();
    const small = await testWard();
    const rows = (patientId: string, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const id = randomUUID();
        return {
          id,
          lineageId: id,
          version: 1,
          patientId,
          effectiveAt: new Date(new Date(at("00:00")).getTime() - i * 60_000),
          recordedById: big.users.nurse.id,
          heartRate: 70,
        };
      });
    await db.observation.createMany({ data: rows(big.patientId, MAX_VERSIONS - 10) });
    await db.observation.createMany({ data: rows(small.patientId, 20) });
    const first = await expectSameAsFreshRead([small.patientId]);
    // The big patient read after it: together over the limit, the small one (read least recently) is dropped…
    expect((await loadFactVersionsCached(db, [big.patientId])).get(big.patientId)!.observations).toHaveLength(MAX_VERSIONS - 10);
    const again = await expectSameAsFreshRead([small.patientId]);
    expect(again.get(small.patientId)).not.toBe(first.get(small.patientId));
    // …and is read whole again, then kept while nothing changes.
    expect((await expectSameAsFreshRead([small.patientId])).get(small.patientId)).toBe(again.get(small.patientId));
  });
});

describe("countActivePatientsFacts", () => {
  it("counts each active patient's rows as countFacts does, of one ward when given, leaving out discharged patients", async () => {
    const charted = await testWard();
    const quiet = await testWard();
    const discharged = await testWard();
    const elsewhere = await testWard();
    for (const [patientId, times] of [
      [charted.patientId, ["08:00", "09:00", "10:00"]],
      [discharged.patientId, ["08:30"]],
      [elsewhere.patientId, ["07:00", "07:30"]],
    ] as const) {
      for (const time of times) {
        const result = await recordObservation(
          charted.users.nurse,
          patientId,
          { idempotencyKey: formKey(), effectiveAt: at(time), temperature: "38.4" },
          NOW,
        );
        if (!result.ok) throw new Error(result.message);
      }
    }
    const dose = await recordDose(
      charted.users.physician,
      charted.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("10:30"), drug: "tocilizumab", doseMg: "560", route: "IV" },
      NOW,
    );
    if (!dose.ok) throw new Error(dose.message);
    await db.ward
      .create({ data: { id: `other-${randomUUID()}`, name: "Other ward", timeZone: "Europe/London" } })
      .then((ward) => db.patient.update({ where: { id: elsewhere.patientId }, data: { wardId: ward.id } }));
    await db.patient.update({ where: { id: discharged.patientId }, data: { status: "discharged", dischargedAt: NOW } });

    const onWard = await countActivePatientsFacts(db, activePatients(WARD_ID));
    const everywhere = await countActivePatientsFacts(db, activePatients());
    const byId = await countFacts(db, [charted.patientId, quiet.patientId, elsewhere.patientId]);
    expect(onWard.get(charted.patientId)).toEqual({ observations: 3, doses: 1 });
    expect(onWard.get(charted.patientId)).toEqual(byId.get(charted.patientId));
    expect(onWard.get(quiet.patientId)).toEqual({ observations: 0, doses: 0 });
    expect(onWard.has(elsewhere.patientId)).toBe(false);
    expect(everywhere.get(elsewhere.patientId)).toEqual({ observations: 2, doses: 0 });
    expect(everywhere.get(elsewhere.patientId)).toEqual(byId.get(elsewhere.patientId));
    expect(onWard.has(discharged.patientId)).toBe(false);
    expect(everywhere.has(discharged.patientId)).toBe(false);
    // Plain numbers on both stores (PostgreSQL's COUNT is a bigint).
    expect(typeof everywhere.get(charted.patientId)!.observations).toBe("number");
  });
});
