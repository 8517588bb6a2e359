// A replay uses the patient record as it stood at its instant (ASOF): a later change of the
// patient's own observation interval, of the tocilizumab interval, of the bed or of a weight does
// not reach back into the past.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { patientAsOf } from "@/lib/facts/patient-as-of";
import { recordDose } from "@/lib/doses/record-dose";
import { recordObservation } from "@/lib/observations/record-observation";
import { admitPatient } from "@/lib/patients/admit-patient";
import { editPatient } from "@/lib/patients/edit-patient";
import { setObservationInterval } from "@/lib/patients/set-observation-interval";
import { loadReplay } from "@/lib/replay/load-replay";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard, WARD_ID } from "@/lib/timeline/test-ward";
import { recordWeight } from "@/lib/weights/record-weight";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const LATER = new Date("2026-03-02T09:00:00Z");

const admission = {
  mrn: "REPLAY-REC-1",
  name: "Rita Replayed",
  birthDate: "1966-07-21",
  sex: "female",
  weightKg: "68",
  weightMeasuredAt: "2026-02-28T08:00:00Z",
  wardId: WARD_ID,
  bed: "4A-05",
  product: "axicabtagene ciloleucel",
  therapy: "car_t",
  infusionAt: "2026-02-27T10:00:00Z",
  antipyreticsMaskFever: "true",
  tociMinIntervalHours: "",
};

const obsDue = (timers: readonly { kind: string; dueAt?: string | null }[]) =>
  timers.find((timer) => timer.kind === "OBS_DUE")?.dueAt;

describe("replay of a patient whose record changed", () => {
  it("grades and shows with the settings, bed and weights in force at the replayed instant", async () => {
    const { users } = await testWard();
    const admitted = await admitPatient(users.physician, admission, at("05:00"));
    if (!admitted.ok) throw new Error(admitted.message);
    const patientId = admitted.value.id;
    // The record came into the system at 05:00 of the test's clock.
    await db.patient.update({ where: { id: patientId }, data: { createdAt: at("05:00") } });
    const charted = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("06:00").toISOString(),
        temperature: "36.8",
        systolicBP: "120",
        diastolicBP: "70",
        oxygenDevice: "room_air",
        vasopressorStatus: "none",
      },
      at("06:00"),
    );
    if (!charted.ok) throw new Error(charted.message);
    const dose = await recordDose(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 544, route: "IV", effectiveAt: at("06:10").toISOString() },
      at("06:15"),
    );
    if (!dose.ok) throw new Error(dose.message);

    // 07:00: a physician asks for half-hourly observations; 08:00 the patient moves bed and the
    // local protocol's minimum tocilizumab interval becomes 12 hours.
    const interval = await setObservationInterval(
      users.physician,
      patientId,
      { expectedVersion: "1", obsIntervalMinutes: "30", reason: "Borderline BP, watch closely" },
      at("07:00"),
    );
    if (!interval.ok) throw new Error(interval.message);
    const moved = await editPatient(
      users.physician,
      patientId,
      { ...admission, bed: "4A-14", tociMinIntervalHours: "12", expectedVersion: "2", reason: "Moved to a side room" },
      at("08:00"),
    );
    if (!moved.ok) throw new Error(moved.message);
    const weighed = await recordWeight(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), measuredAt: at("08:30").toISOString(), kg: "60" },
      at("08:30"),
    );
    if (!weighed.ok) throw new Error(weighed.message);

    // Live, the 30-minute interval applies to every set: due 06:30.
    const live = await loadPatientTimeline(patientId, at("09:00"));
    expect(obsDue(live!.graded.timers)).toBe(at("06:30").toISOString());
    expect(live!.graded.tocilizumab.nextEligibleAt).toBe(at("18:10").toISOString());

    // At 06:50 the interval had not been set: the rules' cadence (a grade 0 set: 4-hourly, due 10:00).
    const before = await loadReplay(users.auditor, patientId, at("06:50").toISOString(), LATER);
    if (!before.ok) throw new Error(before.message);
    expect(obsDue(before.value.graded.timers)).toBe(at("10:00").toISOString());
    expect(before.value.patient).toMatchObject({ bed: "4A-05", weightKg: 68 });

    // At 07:30 it had, and the team saw the set overdue since 06:30; the bed was still the old one.
    const after = await loadReplay(users.auditor, patientId, at("07:30").toISOString(), LATER);
    if (!after.ok) throw new Error(after.message);
    expect(obsDue(after.value.graded.timers)).toBe(at("06:30").toISOString());
    expect(after.value.patient.bed).toBe("4A-05");
    expect(after.value.graded.tocilizumab.nextEligibleAt).toBe(at("14:10").toISOString());

    const moving = await loadReplay(users.auditor, patientId, at("08:15").toISOString(), LATER);
    if (!moving.ok) throw new Error(moving.message);
    expect(moving.value.patient.bed).toBe("4A-14");
    expect(moving.value.graded.tocilizumab.nextEligibleAt).toBe(at("18:10").toISOString());

    // The weight charted at 08:30 does not exist before it was recorded.
    expect((await patientAsOf(db, patientId, at("08:15")))!.weights).toHaveLength(0);
    expect((await patientAsOf(db, patientId, at("08:45")))!.weights.map((weight) => weight.kg)).toEqual([60]);
  });

  it("a record without stored versions is replayed from its current row", async () => {
    const { patientId } = await testWard({ bed: "B-NOVERSION" });
    const record = await patientAsOf(db, patientId, at("06:00"));
    expect(record).toMatchObject({ bed: "B-NOVERSION", versionRecordedAt: null, obsIntervalMinutes: null });
    expect(await patientAsOf(db, "no-such-patient", at("06:00"))).toBeNull();
  });
});
