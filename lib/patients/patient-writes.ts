// What admitting, editing and discharging share: the stored columns, the audit snapshot, and the
// refusals (unknown ward, MRN already in use, record changed since it was opened).
import type { Tx } from "@/lib/db";
import { formatWardDateTime } from "@/lib/format/time";
import { gradingPatientRecordColumns } from "@/lib/facts/grading-patient";
import type { PatientFields } from "@/lib/patients/patient-input";
import { failed, type WriteFailure } from "@/lib/write-result";

export const noSuchPatientRecord = (): WriteFailure => failed("not_found", "No such patient: the link may be out of date.");

/** The stored columns of the form (instants as Dates). */
export function patientColumns(fields: PatientFields) {
  return {
    ...fields,
    weightMeasuredAt: new Date(fields.weightMeasuredAt),
    infusionAt: new Date(fields.infusionAt),
  };
}

/** What the audit trail keeps of a patient record: the grading settings (one definition) and the rest of the record. */
export const patientSnapshotColumns = {
  ...gradingPatientRecordColumns,
  mrn: true,
  name: true,
  birthDate: true,
  sex: true,
  weightMeasuredAt: true,
  wardId: true,
  bed: true,
  product: true,
  therapy: true,
  infusionAt: true,
  status: true,
  dischargedAt: true,
  version: true,
} as const;

export async function unknownWard(tx: Tx, wardId: string): Promise<WriteFailure | null> {
  const ward = await tx.ward.findUnique({ where: { id: wardId }, select: { id: true } });
  return ward
    ? null
    : failed("invalid", "Choose a ward", {
        fieldErrors: [{ path: "wardId", message: `${JSON.stringify(wardId.slice(0, 40))} is not a ward` }],
      });
}

/** 409 when another patient already has this MRN (MRNs are unique; a readmission reuses the record). */
export async function mrnInUse(tx: Tx, mrn: string, exceptPatientId: string | null): Promise<WriteFailure | null> {
  const holder = await tx.patient.findUnique({ where: { mrn }, select: { id: true, name: true, bed: true, status: true } });
  if (!holder || holder.id === exceptPatientId) return null;
  return mrnConflict(mrn, holder);
}

export function mrnConflict(mrn: string, holder?: { name: string; bed: string; status: string } | null): WriteFailure {
  const who = holder ? ` (${holder.name}, ${holder.status === "discharged" ? "discharged" : `bed ${holder.bed}`})` : "";
  return failed("conflict", `MRN ${mrn} is already in use${who}.`, {
    fieldErrors: [{ path: "mrn", message: `${mrn} is already the MRN of another patient${who}` }],
  });
}

/** "This patient's record was changed by Dr X at 2 Mar 14:20 since you opened it." */
export async function staleRecord(tx: Tx, patientId: string, timeZone: string): Promise<WriteFailure> {
  const last = await tx.auditEvent.findFirst({
    where: { entityType: "patient", entityId: patientId, action: { in: ["patient.edit", "patient.discharge", "patient.admit"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actorName: true, at: true },
  });
  const by = last ? ` by ${last.actorName ?? "another user"} at ${formatWardDateTime(last.at, timeZone)}` : " by someone else";
  return failed(
    "stale_version",
    `This patient's record was changed${by} since you opened it. Reopen it to see the current version.`,
  );
}

export function patientSnapshot(row: Record<string, unknown>): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) snapshot[key] = value instanceof Date ? value.toISOString() : value;
  return snapshot;
}
