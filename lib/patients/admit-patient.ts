// Admitting a patient to a ward: the record, with its audit event, in one transaction.
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { patientInputSchemaAt } from "@/lib/patients/patient-input";
import { mrnConflict, mrnInUse, patientColumns, patientSnapshot, unknownWard } from "@/lib/patients/patient-writes";
import { authorizeWrite, isUniqueViolation } from "@/lib/timeline/charting-write";
import { invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Admit a patient. Permission `patient:manage`.
 * 401/403 -> 400 (every wrong field; unknown ward) -> 409 (MRN already in use, with a field error on mrn).
 */
export async function admitPatient(user: CurrentUser | null, input: unknown, now: Date = new Date()): Promise<WriteResult<{ id: string }>> {
  const access = await authorizeWrite(user, "patient:manage", "admitPatient");
  if (access.failure) return access.failure;
  const parsed = patientInputSchemaAt(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const fields = parsed.data;
  try {
    return await writeTransaction(async (tx) => {
      const refusal = (await unknownWard(tx, fields.wardId)) ?? (await mrnInUse(tx, fields.mrn, null));
      if (refusal) return refusal;
      const patient = await tx.patient.create({ data: { ...patientColumns(fields), createdById: access.user.id } });
      await recordAudit(tx, actorOf(access.user), {
        action: "patient.admit",
        entityType: "patient",
        entityId: patient.id,
        after: patientSnapshot({ ...patient }),
      });
      return succeeded({ id: patient.id });
    });
  } catch (error) {
    // Two admissions of one MRN at once: the database keeps the first.
    if (isUniqueViolation(error, ["mrn"])) return mrnConflict(fields.mrn);
    throw error;
  }
}
