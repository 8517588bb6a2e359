// Editing a patient's demographics, weight, bed or grading settings. The form names the version it
// was opened at: an edit made on a stale copy is refused (stale_version), never merged over someone else's.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
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
import { recordPatientVersion } from "@/lib/patients/patient-versions";
import { isUniqueViolation } from "@/lib/write/charting-write";
import { clinicalWrite } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Edit patient `patientId`. Input: the full patient form plus { expectedVersion, reason }.
 * Permission `patient:manage`. unauthenticated/forbidden -> not_found -> invalid -> stale_version,
 * or conflict (discharged, MRN in use).
 */
export function editPatient(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string; version: number }>> {
  return clinicalWrite({
    write: "patient.edit",
    site: "editPatient",
    permission: "patient:manage",
    user,
    target: { id: patientId, notFound: noSuchPatientRecord },
    schema: patientEditSchemaAt(now),
    input,
    now,
    run: async ({ tx, user: editor, actor, input: { expectedVersion, reason, ...fields }, targetId: id, now: editedAt }) => {
      const before = await tx.patient.findUnique({
        where: { id },
        select: { ...patientSnapshotColumns, ward: { select: { timeZone: true } } },
      });
      if (!before) return noSuchPatientRecord();
      if (before.version !== expectedVersion) return staleRecord(tx, id, before.ward.timeZone);
      if (before.status === "discharged") return failed("conflict", `${before.name} was discharged: the record is archived.`);
      const refusal = (await unknownWard(tx, fields.wardId)) ?? (await mrnInUse(tx, fields.mrn, id));
      if (refusal) return refusal;
      // The version in the WHERE clause makes a concurrent edit that committed first win.
      const updated = await tx.patient.updateMany({
        where: { id, version: expectedVersion },
        data: { ...patientColumns(fields), version: { increment: 1 } },
      });
      if (updated.count !== 1) return staleRecord(tx, id, before.ward.timeZone);
      await recordPatientVersion(tx, id, { change: "edit", reason, recordedById: editor.id, recordedAt: editedAt });
      const after = await tx.patient.findUniqueOrThrow({ where: { id }, select: patientSnapshotColumns });
      const { ward: _ward, ...beforeColumns } = before;
      await recordAudit(tx, actor, {
        action: "patient.edit",
        entityType: "patient",
        entityId: id,
        before: patientSnapshot(beforeColumns),
        after: { ...patientSnapshot(after), changeReason: reason },
      });
      return succeeded({ id, version: after.version });
    },
    onUniqueViolation: async (error, fields) => (isUniqueViolation(error, ["mrn"]) ? mrnConflict(fields.mrn) : null),
  });
}
