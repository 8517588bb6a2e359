// A patient record's versions (PatientVersion, append-only): every admission, edit, change of the
// observation interval and discharge stores the whole record as it now stands, with who, when and
// why, in the transaction that changed the Patient row and wrote its audit event. The Patient row
// stays the current version for every query; the versions are what the record was at any instant.
import type { Tx } from "@/lib/db";
import { patientVersionColumns } from "@/lib/facts/patient-as-of";

/** Why a version exists: the write that made it ("backfill": the record as it stood when versions began). */
export const PATIENT_CHANGES = ["admit", "edit", "observation_interval", "discharge", "backfill"] as const;
export type PatientChange = (typeof PATIENT_CHANGES)[number];

/**
 * Store the Patient row as it now stands (call after the change, inside its transaction) as a new
 * version. The (patientId, version) key refuses a second version of one Patient.version.
 */
export async function recordPatientVersion(
  tx: Tx,
  patientId: string,
  change: { change: PatientChange; reason: string | null; recordedById: string; recordedAt: Date },
): Promise<void> {
  const row = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, select: patientVersionColumns });
  await tx.patientVersion.create({ data: { ...row, ...change, patientId } });
}
