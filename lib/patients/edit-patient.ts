// Editing a patient's demographics, weight, bed or grading settings. The form names the version it
// was opened at: an edit made on a stale copy is refused (409), never merged over someone else's.
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { patientEditSchemaAt } from "@/lib/patients/patient-input";
import {
  mrnConflict,
  mrnInUse,
  noSuchPatientRecord,
  patientColumns,
  patientSnapshot,
  patientSnapshotColumns,
  staleRecord,
  unknownWard,
} from "@/lib/patients/patient-writes";
import { actionSite, asId, authorizeWrite, isUniqueViolation } from "@/lib/timeline/charting-write";
import { failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Edit patient `patientId`. Input: the full patient form plus { expectedVersion, reason }.
 * Permission `patient:manage`. 401/403 -> 400 -> 404 -> 409 (stale version, discharged, MRN in use).
 */
export async function editPatient(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string; version: number }>> {
  const access = await authorizeWrite(user, "patient:manage", actionSite("editPatient", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatientRecord();
  const parsed = patientEditSchemaAt(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { expectedVersion, reason, ...fields } = parsed.data;
  try {
    return await writeTransaction(async (tx) => {
      const before = await tx.patient.findUnique({
        where: { id },
        select: { ...patientSnapshotColumns, ward: { select: { timeZone: true } } },
      });
      if (!before) return noSuchPatientRecord();
      if (before.version !== expectedVersion) return staleRecord(tx, id, before.ward.timeZone);
      if (before.status === "discharged") return failed(409, `${before.name} was discharged: the record is archived.`);
      const refusal = (await unknownWard(tx, fields.wardId)) ?? (await mrnInUse(tx, fields.mrn, id));
      if (refusal) return refusal;
      // The version in the WHERE clause makes a concurrent edit that committed first win.
      const updated = await tx.patient.updateMany({
        where: { id, version: expectedVersion },
        data: { ...patientColumns(fields), version: { increment: 1 } },
      });
      if (updated.count !== 1) return staleRecord(tx, id, before.ward.timeZone);
      const after = await tx.patient.findUniqueOrThrow({ where: { id }, select: patientSnapshotColumns });
      const { ward: _ward, ...beforeColumns } = before;
      await recordAudit(tx, actorOf(access.user), {
        action: "patient.edit",
        entityType: "patient",
        entityId: id,
        before: patientSnapshot(beforeColumns),
        after: { ...patientSnapshot(after), changeReason: reason },
      });
      return succeeded({ id, version: after.version });
    });
  } catch (error) {
    if (isUniqueViolation(error, ["mrn"])) return mrnConflict(fields.mrn);
    throw error;
  }
}
