// Writing one dose version and re-grading the observations around it (a drug given after the CRS
// onset can mask fever, ASTCT-MASK, so a dose charted late can re-grade later observations).
import { gradeObservations, observationGrades } from "@/lib/observations/grades-memo";
import type { Tx } from "@/lib/db";
import { reGradesNothing } from "@/lib/observations/observation-versions";
import { lateEntryChanges, type ChartingPatient, type LateEntryChange } from "@/lib/write/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, doseColumns, type DoseVersion, type FactReader, type ObservationVersion } from "@/lib/timeline/facts";
import { failed, type WriteFailure } from "@/lib/write-result";

export const noSuchDose = (): WriteFailure => failed("not_found", "No such dose: the link may be out of date.");

/** The version; `submissionKey` is the form's key (lib/write/submission-keys.ts), null without one. */
export async function insertDoseVersion(tx: Tx, row: DoseVersion, submissionKey: string | null): Promise<void> {
  await tx.medicationAdministration.create({ data: { ...row, idempotencyKey: submissionKey } });
}

/** The current versions of the patient's doses only (one query: the limit check needs no observations). */
export async function currentDoses(client: FactReader, patientId: string): Promise<DoseVersion[]> {
  const rows = await client.medicationAdministration.findMany({
    where: { patientId },
    select: doseColumns,
    orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
  });
  return currentVersions(rows).map((lineage) => lineage.current);
}

export async function loadDoseVersion(client: FactReader, id: string): Promise<DoseVersion | null> {
  return client.medicationAdministration.findUnique({ where: { id }, select: doseColumns });
}

export function doseSnapshot(row: DoseVersion): Record<string, unknown> {
  return { ...row, effectiveAt: row.effectiveAt.toISOString(), recordedAt: row.recordedAt.toISOString() };
}

/** Observations whose grade changes when `replaced` (if any) gives way to `written`. */
export function regradeForDose(
  patient: ChartingPatient,
  facts: { observations: ObservationVersion[]; doses: DoseVersion[] },
  written: DoseVersion,
  replaced: string | null,
  now: Date,
): LateEntryChange[] {
  if (facts.observations.length === 0 || reGradesNothing(facts, written, replaced)) return [];
  // The grades before: the ones the patient's previous write graded after itself, when they are of these facts (grades-memo.ts).
  const before = observationGrades(patient.id, engineInput(patient, facts.observations, facts.doses, now));
  const doses = facts.doses.filter((row) => row.id !== replaced);
  doses.push(written);
  const after = gradeObservations(patient.id, engineInput(patient, facts.observations, doses, now));
  return lateEntryChanges(before, after);
}
