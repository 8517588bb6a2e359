// What decides whether a graded timeline kept between reads still holds: shared by the ward
// board's kept grades (lib/ward/board-grades.ts) and the patient page's (timeline-grades.ts), so
// both are keyed and invalidated by the same definition of "what the engine reads".
import { confirmationsOf, type DoseConfirmations } from "@/lib/facts/dose-confirmations";
import { gradingPatientRecordColumns, type GradingPatient } from "@/lib/facts/grading-patient";
import type { DoseVersion } from "@/lib/timeline/facts";
import type { TaskFacts } from "@/lib/timeline/task-facts";

/**
 * Everything the engine reads for the patient besides the observations and doses (their fact
 * version stands for those): the patient's grading columns and weights, the confirmations of
 * the patient's dose versions `doses`, the pauses and the acknowledgements.
 */
export function keyOf(
  patient: GradingPatient,
  doses: readonly DoseVersion[],
  confirmations: DoseConfirmations,
  taskFacts: TaskFacts,
): string {
  const record = Object.fromEntries(
    Object.keys(gradingPatientRecordColumns).map((column) => [column, patient[column as keyof GradingPatient]]),
  );
  const doseConfirmations = doses.map((dose) => confirmations.get(dose.id) ?? null);
  return JSON.stringify([record, patient.weights, doseConfirmations, taskFacts]);
}

/** Shared between reads: read-only (frozen, so a caller that sorts or pushes fails loudly instead of changing another read). */
export function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}

/** The first confirmation recorded after `nowMs` of the patient's doses: from then the engine's input differs. */
export function nextConfirmationMs(doses: readonly DoseVersion[], confirmations: DoseConfirmations, nowMs: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const dose of doses) {
    for (const confirmation of confirmationsOf(dose, confirmations)) {
      const atMs = confirmation.at.getTime();
      if (atMs > nowMs && atMs < next) next = atMs;
    }
  }
  return next;
}
