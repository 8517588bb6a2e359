// Writing one observation version (the row and its vasopressor rows) and re-grading the patient's
// timeline around it. Shared by recording, amending and marking in error: each of them adds one
// version and never touches another row.
import type { Tx } from "@/lib/db";
import { evaluateTimeline, type GradedObservation, type TimelineOutput } from "@/lib/engine";
import type { ObservationFields } from "@/lib/observations/observation-input";
import { lateEntryChanges, type ChartingPatient, type LateEntryChange } from "@/lib/timeline/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import {
  currentVersions,
  loadPatientFactVersions,
  type DoseVersion,
  type FactReader,
  type ObservationVersion,
} from "@/lib/timeline/facts";

export type ObservationValues = Omit<
  ObservationVersion,
  "id" | "lineageId" | "version" | "supersedesId" | "status" | "changeReason" | "patientId" | "effectiveAt" | "recordedAt" | "recordedById"
>;

/** The clinical values of a validated form. */
export function valuesFromForm(fields: ObservationFields): ObservationValues {
  return {
    temperatureC: fields.temperatureC,
    heartRate: fields.heartRate,
    respiratoryRate: fields.respiratoryRate,
    systolicBP: fields.systolicBP,
    diastolicBP: fields.diastolicBP,
    meanArterialPressure: fields.meanArterialPressure,
    spo2: fields.spo2,
    oxygenDevice: fields.oxygenDevice,
    oxygenFlowLpm: fields.oxygenFlowLpm,
    fio2: fields.fio2,
    vasopressorsCharted: fields.vasopressorsCharted,
    vasopressors: fields.vasopressors,
    iceScore: fields.iceScore,
    consciousness: fields.consciousness,
    seizure: fields.seizure,
    motorWeakness: fields.motorWeakness,
    cerebralEdema: fields.cerebralEdema,
    crsDeath: fields.crsDeath,
    note: fields.note,
  };
}

/** The clinical values of a stored version (for "entered in error", which copies them). */
export function valuesOf(row: ObservationVersion): ObservationValues {
  const { id: _i, lineageId: _l, version: _v, supersedesId: _s, status: _st, changeReason: _c, patientId: _p, effectiveAt: _e,
    recordedAt: _r, recordedById: _b, ...values } = row;
  return values;
}

export async function insertObservationVersion(tx: Tx, row: ObservationVersion): Promise<void> {
  const { vasopressors, ...columns } = row;
  await tx.observation.create({ data: columns });
  if (vasopressors.length > 0) {
    await tx.vasopressorInfusion.createMany({
      data: vasopressors.map((running) => ({ observationId: row.id, agent: running.agent, doseMcgKgMin: running.doseMcgKgMin })),
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
export async function currentFacts(client: FactReader, patientId: string): Promise<{ observations: ObservationVersion[]; doses: DoseVersion[] }> {
  const facts = await loadPatientFactVersions(client, patientId);
  return {
    observations: currentVersions(facts.observations).map((lineage) => lineage.current),
    doses: currentVersions(facts.doses).map((lineage) => lineage.current),
  };
}

export interface Regrading {
  after: TimelineOutput;
  lateEntryChanges: LateEntryChange[];
}

/**
 * Grades the timeline before and after the write and reports the observations the write
 * re-graded (ALERT-LATE-ENTRY). `replaced` is the version the write supersedes (if any); the new
 * version and the replaced one are not themselves "re-graded".
 */
export function regradeObservations(
  patient: ChartingPatient,
  facts: { observations: ObservationVersion[]; doses: DoseVersion[] },
  written: ObservationVersion,
  replaced: string | null,
  now: Date,
): Regrading {
  const before = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, now));
  const observations = facts.observations.filter((row) => row.id !== replaced);
  observations.push(written);
  const after = evaluateTimeline(engineInput(patient, observations, facts.doses, now));
  return { after, lateEntryChanges: lateEntryChanges(before, after, [written.id]) };
}

export function gradeOf(output: TimelineOutput, observationId: string): GradedObservation | null {
  return output.observations.find((graded) => graded.id === observationId) ?? null;
}
