// A set charted after every fact is graded by one step of the engine's walk kept from the
// patient's previous write (kept-walks.ts), on real SQLite: its grade must be the one a fresh
// evaluation of the stored facts gives, and a walk is kept only for rows that were committed.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { evaluateObservations } from "@/lib/engine";
import { currentFacts, gradeOf } from "@/lib/observations/observation-versions";
import { forgetWalks, keptWalk } from "@/lib/observations/kept-walks";
import { recordObservation } from "@/lib/observations/record-observation";
import { engineInput } from "@/lib/timeline/engine-input";
import { formKey, testWard } from "@/lib/timeline/test-ward";
import { loadChartingPatient } from "@/lib/write/charting-write";

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
      const before = keptWalk(patientId, await countsOf(patientId));
      if (before) stepped++;
      const result = await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), ...fields }, NOW);
      if (!result.ok) throw new Error(result.message);
      expect(result.value.grade).toEqual(await freshGrade(patientId, result.value.observationId));
      expect(keptWalk(patientId, await countsOf(patientId))).not.toBeNull();
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

  it("after a dose, a late entry or another instance's write, grades afresh and still exactly", async () => {
    const { users, patientId } = await testWard();
    const chart = async (fields: Record<string, string>) => {
      const result = await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), ...fields }, NOW);
      if (!result.ok) throw new Error(result.message);
      expect(result.value.grade).toEqual(await freshGrade(patientId, result.value.observationId));
      return result.value;
    };
    await chart({ effectiveAt: on1st("07:00"), temperature: "38.8", heartRate: "110" });
    // A dose moves the patient's counts past the kept walk: the next set walks the whole stay.
    const dose = await recordDose(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: "560", route: "IV", effectiveAt: on1st("07:30") },
      NOW,
    );
    if (!dose.ok) throw new Error(dose.message);
    expect(keptWalk(patientId, await countsOf(patientId))).toBeNull();
    // Fever masked by the tocilizumab (ASTCT-MASK): still graded, as a fresh evaluation says.
    await chart({ effectiveAt: on1st("08:00"), temperature: "37.2", systolicBP: "82", diastolicBP: "50" });
    // A late entry (before the last set) is graded with the whole timeline, and keeps a walk too.
    await chart({ effectiveAt: on1st("07:45"), temperature: "38.1" });
    expect(keptWalk(patientId, await countsOf(patientId))).not.toBeNull();
    // Another instance charts a set: this process's walk is for counts the patient has moved past.
    const other = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("09:00"), temperature: "39.0" },
      NOW,
    );
    if (!other.ok) throw new Error(other.message);
    forgetWalks();
    await chart({ effectiveAt: on1st("10:00"), systolicBP: "80", diastolicBP: "45" });
  });

  it("keeps no walk for a write that was refused", async () => {
    const { users, patientId } = await testWard();
    const first = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("07:00"), temperature: "38.8" },
      NOW,
    );
    if (!first.ok) throw new Error(first.message);
    const counts = await countsOf(patientId);
    // The same submission key with other values: refused, nothing stored, no walk kept for a row never written.
    const key = formKey();
    await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: key, effectiveAt: on1st("08:00"), temperature: "37.0" },
      NOW,
    );
    forgetWalks();
    const refused = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: key, effectiveAt: on1st("09:00"), temperature: "39.5" },
      NOW,
    );
    expect(refused.ok).toBe(false);
    expect(keptWalk(patientId, { ...counts, observations: counts.observations + 2 })).toBeNull();
  });
});
