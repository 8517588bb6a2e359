// Late-entry re-gradings as records of their own (prisma model LateEntryRegrade), written by the
// write that caused them in its transaction, and read back by the replay of a repeated submit
// and by the timeline's late-entry history. The audit event keeps its own copy as evidence.
import type { AuditActor } from "@/lib/audit/events";
import type { Tx } from "@/lib/db";
import type { CrsGrade } from "@/lib/engine";
import type { LateEntryChange } from "@/lib/write/charting-write";

/** The writes that can re-grade observations. */
export const LATE_ENTRY_WRITES = [
  "observation.create",
  "observation.amend",
  "observation.entered_in_error",
  "dose.create",
  "dose.amend",
  "dose.entered_in_error",
] as const;
export type LateEntryWrite = (typeof LATE_ENTRY_WRITES)[number];

export interface LateEntryCause {
  write: LateEntryWrite;
  /** The fact version the write stored. */
  causeId: string;
  patientId: string;
  /** The entry's bedside time, and the drug and dose when it is a dose. */
  entryAt: Date;
  drug?: string;
  doseMg?: number;
  chartedBy: AuditActor;
  chartedAt: Date;
}

export async function recordLateEntryRegrades(
  tx: Pick<Tx, "lateEntryRegrade">,
  cause: LateEntryCause,
  changes: readonly LateEntryChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx.lateEntryRegrade.createMany({
    data: changes.map((change) => ({
      patientId: cause.patientId,
      observationId: change.id,
      observationAt: new Date(change.at),
      gradeBefore: change.before,
      gradeAfter: change.after,
      alertText: change.text,
      write: cause.write,
      causeId: cause.causeId,
      entryAt: cause.entryAt,
      drug: cause.drug ?? null,
      doseMg: cause.doseMg ?? null,
      chartedById: cause.chartedBy.id,
      chartedByName: cause.chartedBy.name,
      chartedAt: cause.chartedAt,
    })),
  });
}

export const lateEntryRegradeColumns = {
  id: true,
  observationId: true,
  observationAt: true,
  gradeBefore: true,
  gradeAfter: true,
  alertText: true,
  write: true,
  causeId: true,
  entryAt: true,
  drug: true,
  doseMg: true,
  chartedByName: true,
  chartedAt: true,
} as const;

/** In the order the write reported them: by the re-graded observation's bedside time. */
export const lateEntryRegradeOrder = [{ observationAt: "asc" as const }, { observationId: "asc" as const }];

/** The re-gradings one write caused (its stored version `causeId`), as the write reported them. */
export async function lateEntryChangesOf(client: Pick<Tx, "lateEntryRegrade">, causeId: string): Promise<LateEntryChange[]> {
  const rows = await client.lateEntryRegrade.findMany({
    where: { causeId },
    select: lateEntryRegradeColumns,
    orderBy: lateEntryRegradeOrder,
  });
  return rows.map((row) => ({
    id: row.observationId,
    at: row.observationAt.toISOString(),
    before: row.gradeBefore as CrsGrade,
    after: row.gradeAfter as CrsGrade,
    text: row.alertText,
  }));
}
