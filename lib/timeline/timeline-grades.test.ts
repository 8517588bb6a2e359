// The patient page's kept grades on a real database (SQLite, and PostgreSQL with `npm run test:postgres`):
// at later instants, and after each kind of fact the engine reads is written by another connection
// (another instance, not this process's write path), every patient's timeline equals the engine's
// fresh evaluation of the same facts, and one loaded with nothing kept.
import { describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { randomUUID } from "node:crypto";
import { db, store, writeTransaction } from "@/lib/db";
import { connectPostgres } from "@/lib/db-postgres";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import { evaluateTimeline } from "@/lib/engine";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { loadPatientTimeline, type PatientTimeline } from "@/lib/timeline/load-timeline";
import { forgetTimelineGrades } from "@/lib/timeline/timeline-grades";
import { testWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-02T12:00:00Z");
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

/** Every patient's timeline as the kept grades give it, checked against a fresh evaluation and a load with nothing kept. */
async function expectSameAsFresh(ids: string[], now: Date): Promise<Map<string, PatientTimeline>> {
  const kept = new Map<string, PatientTimeline>();
  for (const id of ids) {
    const timeline = (await loadPatientTimeline(id, now))!;
    expect(timeline.graded).toEqual(evaluateTimeline(timeline.engineInput));
    kept.set(id, timeline);
  }
  forgetTimelineGrades();
  for (const id of ids) expect(kept.get(id)).toEqual(await loadPatientTimeline(id, now));
  return kept;
}

function anotherInstance(): PrismaClient {
  return store === "postgresql"
    ? (connectPostgres(databaseUrl()) as unknown as PrismaClient)
    : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 }) });
}

describe("the patient page's kept grades", () => {
  it("equal a fresh evaluation at later instants and after every kind of write by another instance", async () => {
    await writeTransaction((tx) => seedDemoWard(tx, NOW));
    const dueTimers = (t: PatientTimeline) =>
      t.graded.timers.filter((timer) => timer.kind === "OBS_DUE" || timer.kind === "ICE_DUE");
    const ids = (await db.patient.findMany({ select: { id: true }, orderBy: { bed: "asc" } })).map((p) => p.id);
    await expectSameAsFresh(ids, NOW);

    // Kept: a read at the same instant grades nobody again (the same object as the read before).
    for (const id of ids) {
      const once = (await loadPatientTimeline(id, NOW))!;
      expect((await loadPatientTimeline(id, NOW))!.graded).toBe(once.graded);
      expect(Object.isFrozen(once.graded.observations)).toBe(true);
    }

    // Later instants: countdowns, due times passing, tasks turning late and re-notifying, an episode ending.
    for (const minutes of [1, 7, 16, 45, 61, 125, 6 * 60, 26 * 60]) await expectSameAsFresh(ids, later(minutes));

    const now = later(26 * 60 + 1);
    const before = await expectSameAsFresh(ids, now);
    const timelines = [...before.values()];
    const nurse = await db.user.findFirstOrThrow({ where: { role: "nurse" } });
    const physician = await db.user.findFirstOrThrow({ where: { role: "physician" } });
    const other = anotherInstance();
    const regraded = async (patientId: string) => {
      await loadPatientTimeline(patientId, now); // keeps the grades from before the write, if it could
      return (await expectSameAsFresh(ids, now)).get(patientId)!;
    };
    try {
      // An acknowledgement of a late task.
      const withTask = timelines.find((t) => t.graded.tasks.some((task) => task.status === "late"))!;
      const task = withTask.graded.tasks.find((t) => t.status === "late")!;
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
      const acknowledged = await regraded(withTask.patient.id);
      expect(acknowledged.graded.tasks.find((t) => t.id === task.id)?.status).not.toBe("late");

      // A pause running now.
      const paused = timelines.find(
        (t) =>
          t.patient.status === "active" && t.taskFacts.pauses.length === 0 && dueTimers(t).some((due) => due.status !== "paused"),
      )!;
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
      const afterPause = await regraded(paused.patient.id);
      expect(dueTimers(afterPause).filter((due) => due.status === "running" || due.status === "overdue")).toEqual([]);
      expect(dueTimers(afterPause).some((due) => due.status === "paused")).toBe(true);

      // A weight, and a stricter interval set on the patient record.
      const weighed = timelines.find((t) => t.graded.tocilizumab.weightKg !== null && t.graded.tocilizumab.remainingTotal > 0)!;
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
      const afterWeight = await regraded(weighed.patient.id);
      expect(afterWeight.graded.tocilizumab.weightKg).toBe(50);
      await other.patient.update({ where: { id: weighed.patient.id }, data: { obsIntervalMinutes: 15 } });
      const afterInterval = await regraded(weighed.patient.id);
      expect(dueTimers(afterInterval)).not.toEqual(dueTimers(afterWeight));

      // A confirmation of a dose's limit flags recorded for later: it counts from then.
      const unconfirmed = timelines.find((t) => t.doses.some((dose) => dose.awaitingOverrideConfirmation));
      if (unconfirmed) {
        const dose = unconfirmed.doses.find((d) => d.awaitingOverrideConfirmation)!;
        await other.doseConfirmation.create({
          data: {
            patientId: unconfirmed.patient.id,
            doseId: dose.id,
            flags: dose.flagsAtCharting.join(","),
            reason: "discussed with the consultant",
            confirmedAt: new Date(now.getTime() + 30 * MINUTE),
            confirmedById: physician.id,
          },
        });
        await regraded(unconfirmed.patient.id);
        // Kept from `now`, read after the confirmation's time: it now counts.
        await expectSameAsFresh(ids, new Date(now.getTime() + 31 * MINUTE));
      }

      // An observation, on the longest stay.
      const longest = timelines.reduce((a, b) => (b.observations.length > a.observations.length ? b : a));
      const observationId = randomUUID();
      await other.observation.create({
        data: {
          id: observationId,
          lineageId: observationId,
          version: 1,
          patientId: longest.patient.id,
          effectiveAt: new Date(now.getTime() + 30 * MINUTE),
          recordedById: nurse.id,
          temperatureC: 39.4,
        },
      });
      await loadPatientTimeline(longest.patient.id, now);
      const febrile = (await expectSameAsFresh(ids, new Date(now.getTime() + 31 * MINUTE))).get(longest.patient.id)!;
      expect(febrile.graded.observations.at(-1)?.id).toBe(observationId);

      // A user renamed: the rows kept with the grades show the new name.
      await other.user.update({ where: { id: nurse.id }, data: { displayName: "Nurse Renamed" } });
      const renamed = (await expectSameAsFresh(ids, new Date(now.getTime() + 31 * MINUTE))).get(longest.patient.id)!;
      expect(renamed.observations.at(-1)?.recordedBy.displayName).toBe("Nurse Renamed");
    } finally {
      await other.$disconnect();
    }
  });
});

describe("the patient page's kept grades, bounded", () => {
  it("keep the 50 patients read most recently", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) ids.push((await testWard()).patientId);
    const first = (await loadPatientTimeline(ids[0]!, NOW))!;
    const second = (await loadPatientTimeline(ids[1]!, NOW))!;
    expect((await loadPatientTimeline(ids[0]!, NOW))!.graded).toBe(first.graded); // read again: now the latest
    for (const id of ids.slice(2)) await loadPatientTimeline(id, NOW);
    // 51 read: the least recently read (the second) was let go, the first is still kept.
    expect((await loadPatientTimeline(ids[0]!, NOW))!.graded).toBe(first.graded);
    const again = (await loadPatientTimeline(ids[1]!, NOW))!;
    expect(again.graded).not.toBe(second.graded);
    expect(again.graded).toEqual(second.graded);
  });
});
