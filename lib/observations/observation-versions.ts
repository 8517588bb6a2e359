// Writing one observation version (the row and its vasopressor rows) and re-grading the patient's
// timeline around it. Shared by recording, amending and marking in error: each of them adds one
// version and never touches another row.
import type { Tx } from "@/lib/db";
import { evaluateLaterObservations, evaluateObservations, type GradedObservation, type ObservationsWalk } from "@/lib/engine";
import { chartedValuesOf, type ChartedValues } from "@/lib/facts/charted-values";
import { gradeObservations, observationGrades, type Grades } from "@/lib/observations/grades-memo";
import type { ObservationFields } from "@/lib/observations/observation-input";
import { lateEntryChanges, type ChartingPatient, type LateEntryChange } from "@/lib/write/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import {
  currentVersions,
  loadPatientFactVersions,
  type DoseVersion,
  type FactReader,
  type ObservationVersion,
} from "@/lib/timeline/facts";

/** The clinical values of a version (lib/facts/charted-values.ts). */
export type ObservationValues = ChartedValues;

/** The clinical values of a validated form. */
export function valuesFromForm(fields: ObservationFields): ObservationValues {
  return chartedValuesOf(fields);
}

/** The clinical values of a stored version (for "entered in error", which copies them). */
export function valuesOf(row: ObservationVersion): ObservationValues {
  return chartedValuesOf(row);
}

/** The version and its vasopressor rows; `submissionKey` is the form's key (lib/write/submission-keys.ts), null without one. */
export async function insertObservationVersion(tx: Tx, row: ObservationVersion, submissionKey: string | null): Promise<void> {
  const { vasopressors, ...columns } = row;
  await tx.observation.create({ data: { ...columns, idempotencyKey: submissionKey } });
  if (vasopressors.length > 0) {
    await tx.vasopressorInfusion.createMany({
      data: vasopressors.map((running) => ({
        observationId: row.id,
        agent: running.agent,
        doseMcgKgMin: running.doseMcgKgMin,
        doseUnitsPerMin: running.doseUnitsPerMin,
      })),
    });
  }
}

/** What the audit trail keeps of a version: every stored value, times as ISO text. */
export function observationSnapshot(row: ObservationVersion): Record<string, unknown> {
  return {
    ...row,
    effectiveAt: row.effectiveAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** The patient's current facts as the write transaction sees them. */
export async function currentFacts(
  client: FactReader,
  patientId: string,
): Promise<{ observations: ObservationVersion[]; doses: DoseVersion[] }> {
  const facts = await loadPatientFactVersions(client, patientId);
  return {
    observations: currentVersions(facts.observations).map((lineage) => lineage.current),
    doses: currentVersions(facts.doses).map((lineage) => lineage.current),
  };
}

export interface Regrading {
  /** The observation grades after the write (evaluateObservations: a write reports no timers or tasks), the written set's at least. */
  after: Grades;
  lateEntryChanges: LateEntryChange[];
  /** The engine's walk over the facts after the write (kept-walks.ts), null when a fact is after `now`. */
  walk: ObservationsWalk | null;
}

/**
 * Grades the observations before and after the write and reports the observations the write
 * re-graded (ALERT-LATE-ENTRY). `replaced` is the version the write supersedes (if any); the new
 * version and the replaced one are not themselves "re-graded". `walkBefore`: the engine's walk over
 * exactly `facts`, when one was kept (kept-walks.ts).
 */
export function regradeObservations(
  patient: ChartingPatient,
  facts: { observations: ObservationVersion[]; doses: DoseVersion[] },
  written: ObservationVersion,
  replaced: string | null,
  now: Date,
  walkBefore: ObservationsWalk | null = null,
): Regrading {
  // ASOF: the engine leaves out facts after `now`; a set charted a few minutes ahead of the server
  // clock (FUTURE_TOLERANCE_MS) is graded as of its own time so the write can report its grade.
  const asOf = written.effectiveAt > now ? written.effectiveAt : now;
  const writtenInput = engineInput(patient, [written], [], asOf);
  if (reGradesNothing(facts, written, replaced)) {
    // The usual set, charted after every fact: one step of the walk over the facts before it.
    const from = walkBefore ?? evaluateObservations(engineInput(patient, facts.observations, facts.doses, asOf)).walk;
    const stepped = from && evaluateLaterObservations(from, writtenInput);
    if (stepped) return { after: stepped, lateEntryChanges: [], walk: stepped.walk };
  }
  const inputBefore = engineInput(patient, facts.observations, facts.doses, asOf);
  // After: the same input with the replaced version out and the written one in (each stored row mapped once).
  const inputAfter = {
    ...inputBefore,
    observations: [
      ...(inputBefore.observations ?? []).filter((observation) => observation.id !== replaced),
      ...(writtenInput.observations ?? []),
    ],
  };
  // The grades before: the ones the patient's previous write graded after itself, when they are of these facts (grades-memo.ts).
  const before = reGradesNothing(facts, written, replaced) ? null : observationGrades(patient.id, inputBefore);
  const after = gradeObservations(patient.id, inputAfter);
  return { after, lateEntryChanges: before ? lateEntryChanges(before, after, [written.id]) : [], walk: after.walk };
}

/**
 * A new fact later than every fact already charted re-grades nothing: an observation's grade
 * depends only on the facts at or before its time (lib/engine/properties.test.ts), so grading the
 * timeline before it can be skipped. A correction, or a fact at or before another, is compared.
 */
export function reGradesNothing(
  facts: { observations: readonly ObservationVersion[]; doses: readonly DoseVersion[] },
  written: { effectiveAt: Date },
  replaced: string | null,
): boolean {
  if (replaced !== null) return false;
  const at = written.effectiveAt.getTime();
  return (
    facts.observations.every((row) => row.effectiveAt.getTime() < at) &&
    facts.doses.every((row) => row.effectiveAt.getTime() < at)
  );
}

export function gradeOf(output: Grades, observationId: string): GradedObservation | null {
  return output.observations.find((graded) => graded.id === observationId) ?? null;
}
