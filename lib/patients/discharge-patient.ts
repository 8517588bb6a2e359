// Discharge archives the patient: the record and every fact stay, the ward board no longer shows
// them, and nothing can be charted after the discharge time. Nothing is deleted.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { dischargeSchema } from "@/lib/patients/patient-input";
import { noSuchPatientRecord, staleRecord } from "@/lib/patients/patient-writes";
import { recordPatientVersion } from "@/lib/patients/patient-versions";
import { clinicalWrite } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Discharge patient `patientId`. Input: { expectedVersion, reason }. Permission `patient:manage`.
 * unauthenticated/forbidden -> not_found -> invalid -> stale_version, or conflict (already discharged).
 */
export function dischargePatient(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string; version: number; dischargedAt: string }>> {
  return clinicalWrite({
    write: "patient.discharge",
    site: "dischargePatient",
    permission: "patient:manage",
    user,
    target: { id: patientId, notFound: noSuchPatientRecord },
    schema: dischargeSchema,
    input,
    now,
    run: async ({ tx, user: dischargedBy, actor, input: { expectedVersion, reason }, targetId: id }) => {
      const patient = await tx.patient.findUnique({
        where: { id },
        select: { name: true, status: true, version: true, ward: { select: { timeZone: true } } },
      });
      if (!patient) return noSuchPatientRecord();
      if (patient.status === "discharged") return failed("conflict", `${patient.name} is already discharged.`);
      if (patient.version !== expectedVersion) return staleRecord(tx, id, patient.ward.timeZone);
      const updated = await tx.patient.updateMany({
        where: { id, version: expectedVersion, status: "active" },
        data: { status: "discharged", dischargedAt: now, version: { increment: 1 } },
      });
      if (updated.count !== 1) return staleRecord(tx, id, patient.ward.timeZone);
      await recordPatientVersion(tx, id, { change: "discharge", reason, recordedById: dischargedBy.id, recordedAt: now });
      await recordAudit(tx, actor, {
        action: "patient.discharge",
        entityType: "patient",
        entityId: id,
        before: { status: "active", version: patient.version },
        after: { status: "discharged", dischargedAt: now.toISOString(), version: patient.version + 1, changeReason: reason },
      });
      return succeeded({ id, version: patient.version + 1, dischargedAt: now.toISOString() });
    },
  });
}
