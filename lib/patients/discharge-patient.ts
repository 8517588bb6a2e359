// Discharge archives the patient: the record and every fact stay, the ward board no longer shows
// them, and nothing can be charted after the discharge time. Nothing is deleted.
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { dischargeSchema } from "@/lib/patients/patient-input";
import { noSuchPatientRecord, staleRecord } from "@/lib/patients/patient-writes";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Discharge patient `patientId`. Input: { expectedVersion, reason }. Permission `patient:manage`.
 * 401/403 -> 400 -> 404 -> 409 (stale version, already discharged).
 */
export async function dischargePatient(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string; version: number; dischargedAt: string }>> {
  const access = await authorizeWrite(user, "patient:manage", actionSite("dischargePatient", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatientRecord();
  const parsed = dischargeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { expectedVersion, reason } = parsed.data;
  return writeTransaction(async (tx) => {
    const patient = await tx.patient.findUnique({
      where: { id },
      select: { name: true, status: true, version: true, ward: { select: { timeZone: true } } },
    });
    if (!patient) return noSuchPatientRecord();
    if (patient.status === "discharged") return failed(409, `${patient.name} is already discharged.`);
    if (patient.version !== expectedVersion) return staleRecord(tx, id, patient.ward.timeZone);
    const updated = await tx.patient.updateMany({
      where: { id, version: expectedVersion, status: "active" },
      data: { status: "discharged", dischargedAt: now, version: { increment: 1 } },
    });
    if (updated.count !== 1) return staleRecord(tx, id, patient.ward.timeZone);
    await recordAudit(tx, actorOf(access.user), {
      action: "patient.discharge",
      entityType: "patient",
      entityId: id,
      before: { status: "active", version: patient.version },
      after: { status: "discharged", dischargedAt: now.toISOString(), version: patient.version + 1, changeReason: reason },
    });
    return succeeded({ id, version: patient.version + 1, dischargedAt: now.toISOString() });
  });
}
