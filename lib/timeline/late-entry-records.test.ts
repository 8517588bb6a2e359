// Late-entry re-gradings as typed records, on either store: the write that causes one stores it in
// its own transaction; the replay of a repeated submit and the timeline's history read it back.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { recordObservation } from "@/lib/observations/record-observation";
import { loadLateEntryHistory } from "@/lib/timeline/late-entry-history";
import { lateEntryChangesOf } from "@/lib/timeline/late-entry-records";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { rawError } from "@/tests/helpers/raw-sql";

const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

async function chart(ward: TestWard, hhmm: string, values: Record<string, unknown>, now: string) {
  const result = await recordObservation(
    ward.users.nurse,
    ward.patientId,
    { idempotencyKey: formKey(), effectiveAt: at(hhmm), ...values },
    new Date(at(now)),
  );
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("LateEntryRegrade", () => {
  let ward: TestWard;
  let hypotensiveId = "";
  const lateForm = {
    idempotencyKey: formKey(),
    effectiveAt: at("09:00"),
    systolicBP: 88,
    diastolicBP: 52,
    vasopressorStatus: "running",
    vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
  };

  beforeAll(async () => {
    ward = await testWard();
    await chart(ward, "08:00", { temperature: 38.6, systolicBP: 124, diastolicBP: 72 }, "08:05");
    hypotensiveId = (await chart(ward, "10:00", { temperature: 38.9, systolicBP: 84, diastolicBP: 50 }, "10:05")).observationId;
  });

  it("is written by the late entry's transaction and read back by its replay and the history", async () => {
    const now = new Date(at("11:05"));
    const late = await recordObservation(ward.users.nurse, ward.patientId, lateForm, now);
    if (!late.ok) throw new Error(late.message);
    const change = {
      id: hypotensiveId,
      at: "2026-03-01T10:00:00.000Z",
      before: 2,
      after: 3,
      text: expect.stringContaining("ALERT-LATE-ENTRY"),
    };
    expect(late.value.lateEntryChanges).toEqual([change]);

    const rows = await db.lateEntryRegrade.findMany({ where: { causeId: late.value.observationId } });
    expect(rows).toEqual([
      expect.objectContaining({
        patientId: ward.patientId,
        observationId: hypotensiveId,
        observationAt: new Date(at("10:00")),
        gradeBefore: 2,
        gradeAfter: 3,
        alertText: late.value.lateEntryChanges[0]?.text,
        write: "observation.create",
        entryAt: new Date(at("09:00")),
        drug: null,
        doseMg: null,
        chartedById: ward.users.nurse.id,
        chartedByName: "Test nurse",
        chartedAt: now,
      }),
    ]);
    expect(await lateEntryChangesOf(db, late.value.observationId)).toEqual(late.value.lateEntryChanges);

    // A repeated submit reports the re-grading from the record (the timeline no longer shows it as a change).
    const replayed = await recordObservation(ward.users.nurse, ward.patientId, lateForm, new Date(at("11:06")));
    expect(replayed.ok && replayed.value.lateEntryChanges).toEqual(late.value.lateEntryChanges);
    expect(await db.lateEntryRegrade.count({ where: { patientId: ward.patientId } })).toBe(1);

    expect(await loadLateEntryHistory(ward.patientId)).toEqual([
      {
        id: rows[0]?.id,
        write: "observation.create",
        chartedAt: now.toISOString(),
        chartedBy: "Test nurse",
        entryAt: at("09:00").replace("Z", ".000Z"),
        drug: null,
        doseMg: null,
        observationId: hypotensiveId,
        observationAt: "2026-03-01T10:00:00.000Z",
        before: 2,
        after: 3,
      },
    ]);
    // The audit event keeps its own copy as evidence.
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "observation.create", entityId: late.value.observationId },
    });
    expect(JSON.parse(event.after ?? "{}").lateEntryChanges).toEqual(late.value.lateEntryChanges);
  });

  it("names the drug and dose of a dose charted late, and is append-only", async () => {
    const own = await testWard();
    await chart(own, "08:00", { temperature: 38.6 }, "08:05");
    await chart(own, "10:00", { temperature: 37.2, systolicBP: 84, diastolicBP: 50 }, "10:05");
    const dose = await recordDose(
      own.users.nurse,
      own.patientId,
      {
        idempotencyKey: formKey(),
        drug: "tocilizumab",
        doseMg: "560",
        route: "IV",
        effectiveAt: at("09:00"),
      },
      new Date(at("11:00")),
    );
    if (!dose.ok) throw new Error(dose.message);
    expect(dose.value.lateEntryChanges).toHaveLength(1);
    const [row] = await db.lateEntryRegrade.findMany({ where: { causeId: dose.value.doseId } });
    expect(row).toMatchObject({ write: "dose.create", drug: "tocilizumab", doseMg: 560, gradeBefore: 0, gradeAfter: 2 });
    expect(await rawError('UPDATE "LateEntryRegrade" SET "gradeAfter" = 1 WHERE "id" = ?', row?.id)).toMatch(/append-only/);
    expect(await rawError('DELETE FROM "LateEntryRegrade" WHERE "patientId" = ?', own.patientId)).toMatch(/append-only/);
  });
});
