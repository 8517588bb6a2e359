// Reading and writing weight versions inside a write's transaction.
import type { Tx } from "@/lib/db";
import { weightVersionColumns, type WeightVersion } from "@/lib/facts/weights";
import { failed, type WriteFailure } from "@/lib/write-result";

export const noSuchWeight = (): WriteFailure => failed("not_found", "No such weight: the link may be out of date.");

export async function insertWeightVersion(tx: Tx, row: WeightVersion, submissionKey: string | null): Promise<void> {
  await tx.patientWeight.create({ data: { ...row, idempotencyKey: submissionKey } });
}

export async function loadWeightVersion(client: Pick<Tx, "patientWeight">, id: string): Promise<WeightVersion | null> {
  return client.patientWeight.findUnique({ where: { id }, select: weightVersionColumns });
}

/** The audit trail's copy of a weight version, times as ISO text. */
export function weightSnapshot(row: WeightVersion) {
  return { ...row, measuredAt: row.measuredAt.toISOString(), recordedAt: row.recordedAt.toISOString() };
}
