// A set charted after every fact is graded by one step of the engine's walk kept from the
// patient's previous write (kept-walks.ts), on real SQLite: its grade must be the one a fresh
// evaluation of the stored facts gives, and a walk is kept only for rows that were committed.
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as audit from "@/lib/audit/events";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { evaluateObservations } from "@/lib/engine";
import { currentFacts, gradeOf } from "@/lib/observations/observation-versions";
import { forgetWalks, keepWalk, walkOver } from "@/lib/observations/kept-walks";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { recordObservation } from "@/lib/observations/record-observation";
import { engineInput } from "@/lib/timeline/engine-input";
import { formKey, testWard } from "@/lib/timeline/test-ward";
import { loadChartingPatient } from "@/lib/write/charting-write";

// The real audit writer, replaceable for one call to roll a write back.
vi.mock("@/lib/audit/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/audit/events")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const NOW = new Date("2026-03-02T12:00:00Z");
const on1st = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

/** The set's grade from a fresh evaluation of everything stored for the patient. */
async function freshGrade(patientId: string, observationId: string) {
  const patient = await loadChartingPatient(db, patientId);
  const facts = await currentFacts(db, patientId);
  return gradeOf(evaluateObservations(engineInput(patient!, facts.observations, facts.doses, NOW)), observationId);
}

const countsOf = async (patientId: string) => ({
  observations: await db.observation.count({ where: { patientId } }),
  doses: await db.medicationAdministration.count({ where: { patientId } }),
});

/** The walk this process would grade the patient's next set from, or null (a whole walk). */
async function walkNow(patientId: string) {
  const patient = await loadChartingPatient(db, patientId);
  return walkOver(patient!, await countsOf(patientId), await currentFacts(db, patientId), NOW);
}

/** A day's course: fever, hypotension on norepinephrine (then carried), oxygen, recovery. */
const COURSE: Record<string, string | object>[] = [
  { effectiveAt: on1st("06:00"), temperature: "37.1", heartRate: "80", systolicBP: "120", diastolicBP: "70" },
  { effectiveAt: on1st("07:00"), temperature: "38.6", heartRate: "110" },
  {
    effectiveAt: on1st("08:00"),
    temperature: "38.9",
    systolicBP: "84",
    diastolicBP: "48",
    vasopressorStatus: "running",
    vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: "0.08" }],
  },
  // No vasopressors charted: the norepinephrine charted at 08:00 is carried (still grade 3).
  { effectiveAt: on1st("09:00"), temperature: "38.2", systolicBP: "96", diastolicBP: "60" },
  {
    effectiveAt: on1st("10:00"),
    temperature: "38.4",
    spo2: "91",
    oxygenDevice: "nasal_cannula",
    oxygenFlowLpm: "4",
    vasopressorStatus: "none",
  },
  { effectiveAt: on1st("11:00"), temperature: "37.0", systolicBP: "118", diastolicBP: "70" },
];

beforeEach(() => forgetWalks());

describe("charting a set after every fact (kept walks)", () => {
  it("grades each set of a course exactly as a fresh evaluation, stepping from the walk the previous write kept", async () => {
    const { users, patientId } = await testWard();
    let stepped = 0;
    for (const fields of COURSE) {
      const before = await walkNow(patientId);
      if (before) stepped++;
      const result = await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), ...fields }, NOW);
      if (!result.ok) throw new Error(result.message);
      expect(result.value.grade).toEqual(await freshGrade(patientId, result.value.observationId));
      expect(await walkNow(patientId)).not.toBeNull();
    }
    // Every set but the first stepped from a kept walk.
    expect(stepped).toBe(COURSE.length - 1);
    const grades = await Promise.all(
      (await db.observation.findMany({ where: { patientId }, orderBy: { effectiveAt: "asc" } })).map(
        async (row) => (await freshGrade(patientId, row.id))?.grade,
      ),
    );
    expect(grades).toEqual([0, 1, 3, 3, 2, 0]);
  });

  it("walks on over a dose or another instance's new set, and walks the whole stay after a late entry, grading exactly", async () => {
    const { users, patientId } = await testWard();
    const chart = async (fields: Record<string, string>) => {
      const result = await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), ...fields }, NOW);
      if (!result.ok) throw new Error(result.message);
      expect(result.value.grade).toEqual(await freshGrade(patientId, result.value.observationId));
      return result.value;
    };
    await chart({ effectiveAt: on1st("07:00"), temperature: "38.8", heartRate: "110" });
    // A dose after the last set: walked on from the kept walk.
    const dose = await recordDose(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: "560", route: "IV", effectiveAt: on1st("07:30") },
      NOW,
    );
    if (!dose.ok) throw new Error(dose.message);
    expect(await walkNow(patientId)).not.toBeNull();
    // Fever masked by the tocilizumab (ASTCT-MASK): graded as a fresh evaluation grades it.
    await chart({ effectiveAt: on1st("08:00"), temperature: "37.2", systolicBP: "82", diastolicBP: "50" });
    // Another instance charts a set: this process still holds the walk of before it. A new set after
    // every fact is walked on from there.
    const byAnotherInstance = async (fields: Record<string, string>) => {
      const counts = await countsOf(patientId);
      const walk = (await walkNow(patientId))!;
      const result = await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), ...fields }, NOW);
      if (!result.ok) throw new Error(result.message);
      forgetWalks();
      keepWalk(patientId, counts, walk);
    };
    await byAnotherInstance({ effectiveAt: on1st("09:00"), temperature: "39.0" });
    expect(await walkNow(patientId)).not.toBeNull();
    await chart({ effectiveAt: on1st("10:00"), systolicBP: "80", diastolicBP: "45" });
    // Another instance charts a late entry (before the last set): no walk goes on past it.
    await byAnotherInstance({ effectiveAt: on1st("08:30"), temperature: "38.1" });
    expect(await walkNow(patientId)).toBeNull();
    await chart({
      effectiveAt: on1st("11:00"),
      temperature: "38.0",
      spo2: "90",
      oxygenDevice: "nasal_cannula",
      oxygenFlowLpm: "3",
    });
    expect(await walkNow(patientId)).not.toBeNull();
  });

  it("keeps no walk for a write that was rolled back: the next set is graded from what was stored", async () => {
    const { users, patientId } = await testWard();
    const first = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("07:00"), temperature: "37.0" },
      NOW,
    );
    if (!first.ok) throw new Error(first.message);
    // A febrile set whose audit event cannot be written: rolled back, nothing stored.
    vi.mocked(audit.recordAudit).mockRejectedValueOnce(new Error("audit store unavailable"));
    await expect(
      recordObservation(
        users.nurse,
        patientId,
        { idempotencyKey: formKey(), effectiveAt: on1st("08:00"), temperature: "39.5" },
        NOW,
      ),
    ).rejects.toThrow("audit store unavailable");
    // A refused set takes its place in the counts (it keeps no walk of its own).
    const refused = await recordMissedSet(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("08:30"), setStatus: "refused", statusReason: "asleep" },
      NOW,
    );
    if (!refused.ok) throw new Error(refused.message);
    // Had the rolled-back fever's walk been kept, this hypotension would be graded in a CRS episode.
    const next = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("09:00"), systolicBP: "82", diastolicBP: "50" },
      NOW,
    );
    if (!next.ok) throw new Error(next.message);
    expect(next.value.grade).toEqual(await freshGrade(patientId, next.value.observationId));
    expect(next.value.grade.grade).toBe(0);
  });
});
