// Charting a weight measured at the bedside (TOCI-WEIGHT): a new fact with its measurement time.
// It applies to the doses given from then on; the engine never re-flags an earlier dose with it.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import type { WeightVersion } from "@/lib/facts/weights";
import { firstVersion, noSuchPatient, patientToChart } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { succeeded, type WriteResult } from "@/lib/write-result";
import { weightFormSchema, type WeightFields } from "@/lib/weights/weight-input";
import { insertWeightVersion, loadWeightVersion, weightSnapshot } from "@/lib/weights/weight-versions";

export interface RecordedWeight {
  weightId: string;
  lineageId: string;
  version: number;
  kg: number;
  measuredAt: string;
}

export function recordedWeightOf(row: Pick<WeightVersion, "id" | "lineageId" | "version" | "kg" | "measuredAt">): RecordedWeight {
  return {
    weightId: row.id,
    lineageId: row.lineageId,
    version: row.version,
    kg: row.kg,
    measuredAt: row.measuredAt.toISOString(),
  };
}

async function replay({ client }: ReplayContext, weightId: string): Promise<WriteResult<RecordedWeight>> {
  const stored = await loadWeightVersion(client, weightId);
  return succeeded(recordedWeightOf(stored!));
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<WeightFields>): Promise<WriteResult<RecordedWeight>> {
  const opened = await patientToChart(tx, patientId, input.measuredAt, now, "measuredAt");
  if (opened.refusal) return opened.refusal;
  const id = randomUUID();
  const row: WeightVersion = {
    ...firstVersion(id),
    patientId,
    measuredAt: new Date(input.measuredAt),
    kg: input.kg,
    recordedAt: now,
    recordedById: user.id,
  };
  await insertWeightVersion(tx, row, submissionKey);
  await recordAudit(tx, actor, { action: "weight.create", entityType: "weight", entityId: id, after: weightSnapshot(row) });
  return succeeded(recordedWeightOf(row));
}

/**
 * Chart a weight of patient `patientId`: { measuredAt, kg, idempotencyKey? }. Permission
 * `observation:chart` (who weighs the patient charts it). unauthenticated/forbidden -> not_found
 * -> invalid -> conflict (after discharge) -> idempotency_mismatch.
 */
export function recordWeight(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedWeight>> {
  return clinicalWrite({
    write: "weight.create",
    site: "recordWeight",
    permission: "observation:chart",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: weightFormSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.weightId, replay },
    run: write,
  });
}
