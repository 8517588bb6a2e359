// Setting (or clearing) a patient's own observation interval (OBS-FREQUENCY): a physician's
// decision, stricter than the rules only (observation-interval-input.ts). Like every patient-record
// change it names the version it was opened at and is audited as a patient.edit with its reason.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { observationIntervalSchema } from "@/lib/patients/observation-interval-input";
import { noSuchPatientRecord, patientSnapshot, patientSnapshotColumns, staleRecord } from "@/lib/patients/patient-writes";
import { recordPatientVersion } from "@/lib/patients/patient-versions";
import { clinicalWrite } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

/**
 * Input: { expectedVersion, obsIntervalMinutes (blank: none), reason }. Permission `patient:manage`
 * (physicians). unauthenticated/forbidden -> not_found -> invalid -> stale_version, or conflict (discharged).
 */
export function setObservationInterval(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<{ id: string; version: number; obsIntervalMinutes: number | null }>> {
  return clinicalWrite({
    write: "patient.edit",
    site: "setObservationInterval",
    permission: "patient:manage",
    user,
    target: { id: patientId, notFound: noSuchPatientRecord },
    schema: observationIntervalSchema,
    input,
    now,
    run: async ({
      tx,
      user: physician,
      actor,
      input: { expectedVersion, obsIntervalMinutes, reason },
      targetId: id,
      now: setAt,
    }) => {
      const before = await tx.patient.findUnique({
        where: { id },
        select: { ...patientSnapshotColumns, ward: { select: { timeZone: true } } },
      });
      if (!before) return noSuchPatientRecord();
      if (before.status === "discharged") return failed("conflict", `${before.name} was discharged: the record is archived.`);
      if (before.version !== expectedVersion) return staleRecord(tx, id, before.ward.timeZone);
      // The version in the WHERE clause makes a concurrent edit that committed first win.
      const updated = await tx.patient.updateMany({
        where: { id, version: expectedVersion },
        data: { obsIntervalMinutes, version: { increment: 1 } },
      });
      if (updated.count !== 1) return staleRecord(tx, id, before.ward.timeZone);
      await recordPatientVersion(tx, id, {
        change: "observation_interval",
        reason,
        recordedById: physician.id,
        recordedAt: setAt,
      });
      const after = await tx.patient.findUniqueOrThrow({ where: { id }, select: patientSnapshotColumns });
      const { ward: _ward, ...beforeColumns } = before;
      await recordAudit(tx, actor, {
        action: "patient.edit",
        entityType: "patient",
        entityId: id,
        before: patientSnapshot(beforeColumns),
        after: { ...patientSnapshot(after), changeReason: reason },
      });
      return succeeded({ id, version: after.version, obsIntervalMinutes: after.obsIntervalMinutes });
    },
  });
}
