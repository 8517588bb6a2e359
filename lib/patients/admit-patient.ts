// Admitting a patient to a ward: the record, with its audit event, in one transaction.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { patientInputSchemaAt } from "@/lib/patients/patient-input";
import { mrnConflict, mrnInUse, patientColumns, patientSnapshot, unknownWard } from "@/lib/patients/patient-writes";
import { recordPatientVersion } from "@/lib/patients/patient-versions";
import { isUniqueViolation } from "@/lib/write/charting-write";
import { clinicalWrite } from "@/lib/write/clinical-write";
import { succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Admit a patient. Permission `patient:manage`.
 * unauthenticated/forbidden -> invalid (every wrong field; unknown ward) -> conflict (MRN already in use, with a field error on mrn).
 */
export function admitPatient(
  user: CurrentUser | null,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string }>> {
  return clinicalWrite({
    write: "patient.admit",
    site: "admitPatient",
    permission: "patient:manage",
    user,
    schema: patientInputSchemaAt(now),
    input,
    now,
    run: async ({ tx, user: admittedBy, actor, input: fields, now: admittedAt }) => {
      const refusal = (await unknownWard(tx, fields.wardId)) ?? (await mrnInUse(tx, fields.mrn, null));
      if (refusal) return refusal;
      const patient = await tx.patient.create({ data: { ...patientColumns(fields), createdById: admittedBy.id } });
      await recordPatientVersion(tx, patient.id, {
        change: "admit",
        reason: null,
        recordedById: admittedBy.id,
        recordedAt: admittedAt,
      });
      await recordAudit(tx, actor, {
        action: "patient.admit",
        entityType: "patient",
        entityId: patient.id,
        after: patientSnapshot({ ...patient }),
      });
      return succeeded({ id: patient.id });
    },
    patientOfResult: (value) => value.id,
    // Two admissions of one MRN at once: the database keeps the first.
    onUniqueViolation: async (error, fields) => (isUniqueViolation(error, ["mrn"]) ? mrnConflict(fields.mrn) : null),
  });
}
