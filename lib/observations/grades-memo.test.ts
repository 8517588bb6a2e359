// The kept observation grades are answered only for the very input they were graded from (now
// aside) and never when a fact is after `now`; every answer is the engine's own for that input.
// A late entry's re-grading (ALERT-LATE-ENTRY) read through them is the one graded afresh.
import { beforeEach, describe, expect, it } from "vitest";
import { evaluateTimeline } from "@/lib/engine";
import { FEVER, FEVER_HYPOTENSIVE, NORMAL, dose, observation, timeline } from "@/lib/engine/test-fixtures";
import { gradeObservations, observationGrades } from "@/lib/observations/grades-memo";
import { recordObservation } from "@/lib/observations/record-observation";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";

const sets = [observation("o1", 0, NORMAL), observation("o2", 1, FEVER), observation("o3", 2, FEVER_HYPOTENSIVE)];

describe("observation grades kept between a patient's writes", () => {
  let patientId: string;
  beforeEach(() => {
    patientId = `p-${Math.random()}`;
  });

  it("answers the kept grades for the same facts at a later now, equal to the engine's", () => {
    const graded = gradeObservations(patientId, timeline(sets, [], 3));
    const later = timeline(sets, [], 5);
    const kept = observationGrades(patientId, later);
    expect(kept.observations).toBe(graded.observations);
    expect(kept.observations).toEqual(evaluateTimeline(later).observations);
  });

  it("grades afresh for other facts, other patient settings, or a fact after now", () => {
    const graded = gradeObservations(patientId, timeline(sets, [], 3));
    const withDose = timeline(sets, [dose("d1", 0.5, "paracetamol", 1000, "PO")], 3);
    expect(observationGrades(patientId, withDose).observations).not.toBe(graded.observations);
    expect(observationGrades(patientId, withDose).observations).toEqual(evaluateTimeline(withDose).observations);

    const regraded = gradeObservations(patientId, timeline(sets, [], 3));
    const otherSystem = timeline(sets, [], 3, { weightKg: 80 });
    expect(observationGrades(patientId, otherSystem).observations).not.toBe(regraded.observations);

    // A weight after now: ASOF leaves it out, so `now` decides what the engine is given.
    const weighed = gradeObservations(
      patientId,
      timeline(sets, [], 3, { weights: [{ at: "2026-03-01T10:00:00.000Z", kg: 70 }] }),
    );
    const weighedLater = timeline(sets, [], 5, { weights: [{ at: "2026-03-01T10:00:00.000Z", kg: 70 }] });
    expect(observationGrades(patientId, weighedLater).observations).not.toBe(weighed.observations);

    // o3 is after now here: ASOF leaves it out, so `now` decides what is graded.
    const early = gradeObservations(patientId, timeline(sets, [], 1.5));
    const laterStill = timeline(sets, [], 1.75);
    expect(observationGrades(patientId, laterStill).observations).not.toBe(early.observations);
    expect(observationGrades(patientId, laterStill).observations).toEqual(evaluateTimeline(laterStill).observations);
  });

  it("keeps a patient's kept grades apart from another's", () => {
    const graded = gradeObservations(patientId, timeline(sets, [], 3));
    expect(observationGrades(`${patientId}-other`, timeline(sets, [], 3)).observations).not.toBe(graded.observations);
  });
});

describe("late entries charted one after another", () => {
  let ward: TestWard;
  beforeEach(async () => {
    ward = await testWard();
  });

  it("report the re-grading the engine gives afresh (ALERT-LATE-ENTRY)", async () => {
    const chart = async (hhmm: string, values: Record<string, unknown>) => {
      const result = await recordObservation(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: formKey(), effectiveAt: `2026-03-01T${hhmm}:00Z`, ...values },
        new Date("2026-03-01T12:00:00Z"),
      );
      if (!result.ok) throw new Error(result.message);
      return result.value;
    };
    // 10:00 hypotensive with fever: grade 2. A vasopressor charted late at 09:00 makes it grade 3.
    const hypotensive = await chart("10:00", { temperature: 38.9, systolicBP: 84, diastolicBP: 50 });
    expect(hypotensive.grade.grade).toBe(2);
    const vasopressor = await chart("09:00", {
      systolicBP: 88,
      diastolicBP: 52,
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
    });
    expect(vasopressor.lateEntryChanges).toMatchObject([{ id: hypotensive.observationId, before: 2, after: 3 }]);
    // Later still: the grades before it are those after the vasopressor (kept from that write), so
    // a normal set at 08:00 re-grades nothing; grades from before the vasopressor would report 2 -> 3 again.
    const normal = await chart("08:00", { temperature: 36.8, systolicBP: 120, diastolicBP: 75 });
    expect(normal.lateEntryChanges).toEqual([]);
  });
});
