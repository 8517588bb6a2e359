// The patient record as it stood at a past instant (CLINICAL-RULES ASOF): the PatientVersion in
// force then (the last one recorded at or before it) and the weights charted by then. A replay
// grades with these, so a later change of the grading settings (antipyretics masking fever, the
// tocilizumab interval, the patient's own observation interval) or of the bed or ward never
// rewrites what the team saw. One lookup for every replay (a patient's chart, the ward board).
import type { Tx } from "@/lib/db";
import { gradingPatientColumns, type GradingPatient } from "@/lib/facts/grading-patient";

/** The Patient columns a PatientVersion keeps: everything a user can change, the grading settings included. */
export const patientVersionColumns = {
  version: true,
  mrn: true,
  name: true,
  birthDate: true,
  sex: true,
  weightKg: true,
  weightMeasuredAt: true,
  wardId: true,
  bed: true,
  product: true,
  therapy: true,
  infusionAt: true,
  gradingSystem: true,
  antipyreticsMaskFever: true,
  tociMinIntervalHours: true,
  spo2Scale: true,
  obsIntervalMinutes: true,
  status: true,
  dischargedAt: true,
} as const;

export type PatientAsOfReader = Pick<Tx, "patient" | "patientVersion">;

/** A patient's record at an instant: ready for `patientForEngine`, with what the pages show. */
export interface PatientAsOf extends GradingPatient {
  version: number;
  mrn: string;
  name: string;
  birthDate: string;
  sex: string;
  wardId: string;
  bed: string;
  product: string;
  therapy: string;
  infusionAt: Date;
  status: string;
  dischargedAt: Date | null;
  /** When the record came into the system (a replay before it has nothing to show). */
  createdAt: Date;
  /** When the version shown was recorded; null for a record without stored versions (the current row). */
  versionRecordedAt: Date | null;
}

/**
 * Each patient's record as at `asOf`, by patient id (unknown ids left out). The version in force is
 * the latest recorded at or before `asOf`; before any was recorded, the first is the best known
 * (a record admitted before versions were kept is backfilled as it stood then). Weight versions
 * recorded after `asOf` do not exist yet.
 */
export async function patientsAsOf(
  client: PatientAsOfReader,
  patientIds: readonly string[],
  asOf: Date,
): Promise<Map<string, PatientAsOf>> {
  const [rows, versions] = await Promise.all([
    client.patient.findMany({
      where: { id: { in: [...patientIds] } },
      select: { ...gradingPatientColumns, ...patientVersionColumns, createdAt: true },
    }),
    client.patientVersion.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: { ...patientVersionColumns, patientId: true, recordedAt: true },
      orderBy: { version: "asc" },
    }),
  ]);
  const asOfMs = asOf.getTime();
  const result = new Map<string, PatientAsOf>();
  for (const row of rows) {
    const own = versions.filter((version) => version.patientId === row.id);
    // Version numbers only grow, so the latest recorded by then is the highest numbered.
    const inForce = own.filter((version) => version.recordedAt.getTime() <= asOfMs).at(-1) ?? own[0];
    const { patientId: _patientId, recordedAt, ...fields } = inForce ?? { patientId: row.id, recordedAt: null };
    result.set(row.id, {
      ...row,
      ...fields,
      weights: row.weights.filter((weight) => weight.recordedAt.getTime() <= asOfMs),
      versionRecordedAt: recordedAt,
    });
  }
  return result;
}

/** One patient's record as at `asOf`, or null when there is no such patient. */
export async function patientAsOf(client: PatientAsOfReader, patientId: string, asOf: Date): Promise<PatientAsOf | null> {
  return (await patientsAsOf(client, [patientId], asOf)).get(patientId) ?? null;
}
