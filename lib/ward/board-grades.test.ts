// The board's kept grades on a real database (SQLite, and PostgreSQL with `npm run test:postgres`):
// at later instants, and after each kind of fact the engine reads is written by another connection
// (another instance, not this process's write path), the board equals one derived from scratch.
import { describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { randomUUID } from "node:crypto";
import { db, store, writeTransaction } from "@/lib/db";
import { connectPostgres } from "@/lib/db-postgres";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { forgetBoardGrades } from "@/lib/ward/board-grades";
import { loadWardBoard, type WardBoardRow } from "@/lib/ward/ward-board";

const NOW = new Date("2026-03-02T12:00:00Z");
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

/** The board as kept grades give it, checked against one derived from scratch (which the next read keeps). */
async function expectSameAsFresh(now: Date): Promise<WardBoardRow[]> {
  const kept = await loadWardBoard(now);
  forgetBoardGrades();
  expect(kept).toEqual(await loadWardBoard(now));
  return kept;
}

function anotherInstance(): PrismaClient {
  return store === "postgresql"
    ? (connectPostgres(databaseUrl()) as unknown as PrismaClient)
    : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 }) });
}

const rowOf = (board: WardBoardRow[], name: string) => board.find((row) => row.patient.name === name)!;

describe("the board's kept grades", () => {
  it("equal grades derived from scratch at later instants and after every kind of write by another instance", async () => {
    await writeTransaction((tx) => seedDemoWard(tx, NOW));
    const first = await expectSameAsFresh(NOW);
    // Kept: a read at the same instant re-derives nobody (the same objects as the read before).
    const once = await loadWardBoard(NOW);
    const twice = await loadWardBoard(NOW);
    for (const row of twice) expect(row.alerts).toBe(rowOf(once, row.patient.name).alerts);
    expect(twice).toEqual(first);

    // Later instants: countdowns, due times passing, tasks turning late and re-notifying.
    for (const minutes of [1, 7, 16, 45, 61, 125, 6 * 60, 26 * 60]) await expectSameAsFresh(later(minutes));

    const now = later(26 * 60 + 1);
    const before = await expectSameAsFresh(now);
    const nurse = await db.user.findFirstOrThrow({ where: { role: "nurse" } });
    const physician = await db.user.findFirstOrThrow({ where: { role: "physician" } });
    const other = anotherInstance();
    try {
      // An acknowledgement of a late task.
      const withTask = before.find((row) => row.tasks.some((task) => task.status === "late"))!;
      const task = withTask.tasks.find((t) => t.status === "late")!;
      await other.acknowledgement.create({
        data: {
          patientId: withTask.patient.id,
          taskId: task.id,
          taskKind: task.kind,
          at: new Date(now.getTime() - MINUTE),
          byId: physician.id,
          byName: "Dr Other",
          role: "physician",
          outcome: "reviewed_at_bedside",
        },
      });
      const acknowledged = await expectSameAsFresh(now);
      expect(rowOf(acknowledged, withTask.patient.name).tasks.map((t) => t.id)).not.toContain(task.id);

      // A pause running now.
      const paused = before.find((row) => row.pause === null && row.observationsDue.some((due) => due.status !== "paused"))!;
      const pauseId = randomUUID();
      await other.observationPause.create({
        data: {
          id: pauseId,
          lineageId: pauseId,
          version: 1,
          patientId: paused.patient.id,
          fromAt: new Date(now.getTime() - 5 * MINUTE),
          untilAt: null,
          reason: "MRI",
          recordedAt: now,
          recordedById: nurse.id,
        },
      });
      const afterPause = await expectSameAsFresh(now);
      expect(rowOf(afterPause, paused.patient.name).observationsDue.every((due) => due.status === "paused")).toBe(true);

      // A weight, and a stricter interval set on the patient record.
      const weighed = before.find((row) => row.tocilizumab.weightKg !== null && row.tocilizumab.remainingTotal > 0)!;
      const weightId = randomUUID();
      await other.patientWeight.create({
        data: {
          id: weightId,
          lineageId: weightId,
          version: 1,
          patientId: weighed.patient.id,
          measuredAt: new Date(now.getTime() - 10 * MINUTE),
          kg: 50,
          recordedById: nurse.id,
        },
      });
      const afterWeight = await expectSameAsFresh(now);
      expect(rowOf(afterWeight, weighed.patient.name).tocilizumab.weightKg).toBe(50);
      await other.patient.update({ where: { id: weighed.patient.id }, data: { obsIntervalMinutes: 15 } });
      const afterInterval = await expectSameAsFresh(now);
      expect(rowOf(afterInterval, weighed.patient.name).observationsDue).not.toEqual(
        rowOf(afterWeight, weighed.patient.name).observationsDue,
      );

      // A confirmation of a dose's limit flags, and one recorded for later (it counts from then).
      const unconfirmed = before.find((row) => row.unconfirmedDoses.length > 0);
      if (unconfirmed) {
        const dose = unconfirmed.unconfirmedDoses[0]!;
        await other.doseConfirmation.create({
          data: {
            patientId: unconfirmed.patient.id,
            doseId: dose.id,
            flags: dose.flags.join(","),
            reason: "discussed with the consultant",
            confirmedAt: new Date(now.getTime() + 30 * MINUTE),
            confirmedById: physician.id,
          },
        });
        expect(rowOf(await expectSameAsFresh(now), unconfirmed.patient.name).unconfirmedDoses).toHaveLength(
          unconfirmed.unconfirmedDoses.length,
        );
        await loadWardBoard(now);
        // Kept from `now`, read after the confirmation's time: it now counts.
        const confirmed = await expectSameAsFresh(new Date(now.getTime() + 31 * MINUTE));
        expect(rowOf(confirmed, unconfirmed.patient.name).unconfirmedDoses.map((d) => d.id)).not.toContain(dose.id);
      }

      // An observation.
      const charted = before[before.length - 1]!;
      const observationId = randomUUID();
      await other.observation.create({
        data: {
          id: observationId,
          lineageId: observationId,
          version: 1,
          patientId: charted.patient.id,
          effectiveAt: new Date(now.getTime() + 30 * MINUTE),
          recordedById: nurse.id,
          temperatureC: 39.4,
        },
      });
      await loadWardBoard(now);
      const febrile = await expectSameAsFresh(new Date(now.getTime() + 31 * MINUTE));
      expect(rowOf(febrile, charted.patient.name).lastObservationAt).toBe(new Date(now.getTime() + 30 * MINUTE).toISOString());
    } finally {
      await other.$disconnect();
    }
  });
});
