// The write's grading happens before its transaction, from a snapshot of the patient's facts; the
// transaction keeps it only while the snapshot is still the patient's facts. These tests prove
// the order: a snapshot taken before another write committed is refused inside the transaction
// (and the grading is redone from what the transaction reads), and two writes whose snapshots
// were both taken before either committed still report the re-grading the later one caused.
import { beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { gradingInside, readFactSnapshot, snapshotHolds } from "@/lib/observations/fact-snapshot";
import { amendObservation } from "@/lib/observations/amend-observation";
import { recordObservation } from "@/lib/observations/record-observation";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { loadChartingPatient } from "@/lib/write/charting-write";
import { recordWeight } from "@/lib/weights/record-weight";

const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

async function chart(ward: TestWard, hhmm: string, values: Record<string, unknown>, now = "12:00") {
  const result = await recordObservation(
    ward.users.nurse,
    ward.patientId,
    { idempotencyKey: formKey(), effectiveAt: at(hhmm), ...values },
    new Date(at(now)),
  );
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Inside a write transaction: whether the snapshot holds, and what gradingInside answers (the prepared value or the count it read). */
async function inside(ward: TestWard, snapshot: Awaited<ReturnType<typeof readFactSnapshot>>) {
  return writeTransaction(async (tx) => {
    const patient = (await loadChartingPatient(tx, ward.patientId))!;
    const holds = await snapshotHolds(tx, patient, snapshot);
    const graded = await gradingInside(
      tx,
      patient,
      "row",
      snapshot && { snapshot, row: "row", graded: -1 },
      (facts) => facts.observations.length,
    );
    return { holds, graded };
  });
}

describe("fact snapshot (a write's grading before its transaction)", () => {
  let ward: TestWard;
  beforeEach(async () => {
    ward = await testWard();
    await chart(ward, "08:00", { temperature: 38.6, systolicBP: 124, diastolicBP: 72 });
  });

  it("holds while nothing is written for the patient, and the prepared grading is used", async () => {
    const snapshot = await readFactSnapshot(ward.patientId);
    expect(snapshot?.facts.observations).toHaveLength(1);
    expect(await inside(ward, snapshot)).toEqual({ holds: true, graded: -1 });
    // Another patient's write does not matter.
    await chart(await testWard(), "08:00", { temperature: 37 });
    expect(await inside(ward, snapshot)).toEqual({ holds: true, graded: -1 });
  });

  it("is refused after a new observation, a correction, a dose or a weight, and the grading is redone inside", async () => {
    let snapshot = await readFactSnapshot(ward.patientId);
    const charted = await chart(ward, "09:00", { temperature: 38.8 });
    expect(await inside(ward, snapshot)).toEqual({ holds: false, graded: 2 });

    snapshot = await readFactSnapshot(ward.patientId);
    const amended = await amendObservation(
      ward.users.nurse,
      charted.observationId,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), temperature: 38.9, reason: "misread" },
      new Date(at("12:00")),
    );
    expect(amended.ok).toBe(true);
    // Still two current observations, but a version more: the count of rows tells.
    expect(await inside(ward, snapshot)).toEqual({ holds: false, graded: 2 });

    snapshot = await readFactSnapshot(ward.patientId);
    const dose = await recordDose(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), drug: "paracetamol", doseMg: 1000, route: "PO", effectiveAt: at("09:30") },
      new Date(at("12:00")),
    );
    expect(dose.ok).toBe(true);
    expect((await inside(ward, snapshot)).holds).toBe(false);

    snapshot = await readFactSnapshot(ward.patientId);
    const weight = await recordWeight(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), measuredAt: at("10:00"), kg: 64 },
      new Date(at("12:00")),
    );
    expect(weight.ok).toBe(true);
    expect((await inside(ward, snapshot)).holds).toBe(false);
    expect((await inside(ward, await readFactSnapshot(ward.patientId))).holds).toBe(true);
  });

  it("reads through the fact cache: nothing re-read while nothing changed, and arrays of its own to add to", async () => {
    const first = (await readFactSnapshot(ward.patientId))!;
    const second = (await readFactSnapshot(ward.patientId))!;
    // The same stored version, not a second copy read from the database.
    expect(second.facts.observations[0]).toBe(first.facts.observations[0]);
    expect(second.facts.observations).not.toBe(first.facts.observations);
    expect(Object.isFrozen(second.facts.observations)).toBe(false);
    expect(second.stored).toEqual({ observations: 1, doses: 0 });
    await chart(ward, "09:00", { temperature: 38.8 });
    const third = (await readFactSnapshot(ward.patientId))!;
    expect(third.facts.observations.map((row) => row.effectiveAt.toISOString())).toEqual(
      [at("08:00"), at("09:00")].map((t) => new Date(t).toISOString()),
    );
    expect(third.stored).toEqual({ observations: 2, doses: 0 });
    expect(await inside(ward, second)).toEqual({ holds: false, graded: 2 });
    expect(await inside(ward, third)).toEqual({ holds: true, graded: -1 });
  });

  it("two writes prepared at once: the one committed second reports what the first changes", async () => {
    // 10:00 hypotensive with fever: grade 2. A vasopressor charted late at 09:00 makes it grade 3 (ALERT-LATE-ENTRY).
    const now = new Date(at("11:05"));
    const [hypotensive, late] = await Promise.all([
      recordObservation(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: formKey(), effectiveAt: at("10:00"), temperature: 38.9, systolicBP: 84, diastolicBP: 50 },
        now,
      ),
      recordObservation(
        ward.users.nurse,
        ward.patientId,
        {
          idempotencyKey: formKey(),
          effectiveAt: at("09:00"),
          systolicBP: 88,
          diastolicBP: 52,
          vasopressorStatus: "running",
          vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
        },
        now,
      ),
    ]);
    if (!hypotensive.ok || !late.ok) throw new Error("a write was refused");
    // Whichever committed first, the 10:00 set ends graded 3, and either it was graded 3 when
    // charted or the late entry reported its re-grading from 2 to 3: never neither.
    const reported = late.value.lateEntryChanges.find((change) => change.id === hypotensive.value.observationId);
    if (hypotensive.value.grade.grade === 3) expect(reported).toBeUndefined();
    else expect(reported).toMatchObject({ before: 2, after: 3 });
  });
});
