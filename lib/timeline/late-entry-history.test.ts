// ALERT-LATE-ENTRY after the fact: the re-gradings the writes recorded in the audit trail, on real SQLite.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";
import { recordObservation } from "@/lib/observations/record-observation";
import { lateEntryAlertText } from "@/lib/format/late-entry";
import { loadLateEntryHistory } from "@/lib/timeline/late-entry-history";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";

const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;
const TZ = "Europe/London";

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

describe("loadLateEntryHistory", () => {
  let ward: TestWard;
  let hypotensiveId = "";

  beforeAll(async () => {
    ward = await testWard();
    await chart(ward, "08:00", { temperature: 38.6, systolicBP: 124, diastolicBP: 72 }, "08:05");
    hypotensiveId = (await chart(ward, "10:00", { temperature: 38.9, systolicBP: 84, diastolicBP: 50 }, "10:05")).observationId;
    // At 11:05 the nurse charts that norepinephrine was running at 09:00: the 10:00 set goes from 2 to 3.
    await chart(
      ward,
      "09:00",
      {
        systolicBP: 88,
        diastolicBP: 52,
        vasopressorStatus: "running",
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
      },
      "11:05",
    );
    // A write with nothing re-graded, and another patient's late entry, are not listed.
    await chart(ward, "11:00", { temperature: 38.4 }, "11:10");
    const other = await testWard();
    await chart(other, "08:00", { temperature: 38.6 }, "08:05");
    await chart(other, "10:00", { systolicBP: 84, diastolicBP: 50 }, "10:05");
    await chart(
      other,
      "09:00",
      { systolicBP: 88, diastolicBP: 52, vasopressorStatus: "running", vasopressors: [{ agent: "vasopressin" }] },
      "10:30",
    );
  });

  it("lists each observation a late entry re-graded, with who charted it and when", async () => {
    const history = await loadLateEntryHistory(ward.patientId);
    expect(history).toEqual([
      expect.objectContaining({
        write: "observation.create",
        chartedAt: "2026-03-01T11:05:00.000Z",
        chartedBy: "Test nurse",
        entryAt: "2026-03-01T09:00:00.000Z",
        drug: null,
        observationId: hypotensiveId,
        observationAt: "2026-03-01T10:00:00.000Z",
        before: 2,
        after: 3,
      }),
    ]);
    expect(lateEntryAlertText(history[0]!, TZ)).toBe(
      "ALERT-LATE-ENTRY: observation at 1 Mar 10:00 re-graded 2 → 3 after a late entry (observation of 1 Mar 09:00) charted by Test nurse at 1 Mar 11:05",
    );
  });

  it("puts the most recent first, names a dose and a correction, and stops at the limit", async () => {
    const own = await testWard();
    const fever = await chart(own, "08:00", { temperature: 38.6 }, "08:05");
    // Afebrile and hypotensive with nothing masking the fever yet: grade 0 by ASTCT.
    const afebrile = await chart(own, "10:00", { temperature: 37.2, systolicBP: 84, diastolicBP: 50 }, "10:05");
    // 11:00: tocilizumab given at 09:00 is charted, so fever is no longer required: 10:00 becomes 2.
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
    // 12:30: the 08:00 fever was another patient's: no episode, so 10:00 is 0 again.
    const inError = await markObservationInError(
      own.users.nurse,
      fever.observationId,
      { reason: "Wrong patient" },
      new Date(at("12:30")),
    );
    if (!inError.ok) throw new Error(inError.message);

    const history = await loadLateEntryHistory(own.patientId);
    expect(history.map((r) => [r.write, r.observationId, r.before, r.after])).toEqual([
      ["observation.entered_in_error", afebrile.observationId, 2, 0],
      ["dose.create", afebrile.observationId, 0, 2],
    ]);
    expect(history.map((r) => lateEntryAlertText(r, TZ))).toEqual([
      "ALERT-LATE-ENTRY: observation at 1 Mar 10:00 re-graded 2 → 0 after marking the observation of 1 Mar 08:00 entered in error, by Test nurse at 1 Mar 12:30",
      "ALERT-LATE-ENTRY: observation at 1 Mar 10:00 re-graded 0 → 2 after a late entry (Tocilizumab 560 mg given 1 Mar 09:00) charted by Test nurse at 1 Mar 11:00",
    ]);
    expect(await loadLateEntryHistory(own.patientId, 1)).toEqual([history[0]]);
  });

  it("reads a long stay's thousands of observations", async () => {
    const long = await testWard();
    const start = Date.parse(at("00:00")) - 3 * 24 * 3_600_000;
    await db.observation.createMany({
      data: Array.from({ length: 1_850 }, (_, i) => ({
        id: `long-${long.patientId}-${i}`,
        lineageId: `long-${long.patientId}-${i}`,
        version: 1,
        patientId: long.patientId,
        effectiveAt: new Date(start + i * 60_000),
        recordedById: long.users.nurse.id,
        heartRate: 80,
      })),
    });
    await chart(long, "08:00", { temperature: 38.6 }, "08:05");
    await chart(long, "10:00", { systolicBP: 84, diastolicBP: 50 }, "10:05");
    await chart(
      long,
      "09:00",
      { systolicBP: 88, diastolicBP: 52, vasopressorStatus: "running", vasopressors: [{ agent: "vasopressin" }] },
      "10:30",
    );
    expect((await loadLateEntryHistory(long.patientId)).map((r) => [r.before, r.after])).toEqual([[2, 3]]);
  });

  it("finds nothing for a patient without late entries, or an unknown patient", async () => {
    const quiet = await testWard();
    await chart(quiet, "08:00", { temperature: 38.6 }, "08:05");
    expect(await loadLateEntryHistory(quiet.patientId)).toEqual([]);
    expect(await loadLateEntryHistory("no-such-patient")).toEqual([]);
  });
});
