// Correcting a charted weight (misread, mistyped) or marking it entered in error: a new version
// superseding the one corrected, with the reason. The engine then measures each dose against the
// corrected history: a corrected value is what the patient weighed at that time. (A new weighing
// is not a correction: it is charted as a new weight and leaves earlier doses alone.)
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import type { WeightVersion } from "@/lib/facts/weights";
import { bedsideTimeRefusal, isUniqueViolation, openCorrection } from "@/lib/write/charting-write";
import { correctionSchema } from "@/lib/write/charting-input";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";
import { recordedWeightOf, type RecordedWeight } from "@/lib/weights/record-weight";
import { weightAmendmentSchema, type WeightFields } from "@/lib/weights/weight-input";
import { insertWeightVersion, loadWeightVersion, noSuchWeight, weightSnapshot } from "@/lib/weights/weight-versions";

type Correction = { kind: "amend"; weight: WeightFields; reason: string } | { kind: "entered_in_error"; reason: string };

const ACTION = { amend: "weight.amend", entered_in_error: "weight.entered_in_error" } as const;
const STATUS = { amend: "amended", entered_in_error: "entered_in_error" } as const;

const staleWeight = () =>
  failed("stale_version", "This weight was corrected by someone else since you opened it. Reopen it to see the current version.");

async function replay({ client }: ReplayContext, weightId: string): Promise<WriteResult<RecordedWeight>> {
  return succeeded(recordedWeightOf((await loadWeightVersion(client, weightId))!));
}

async function write(
  { tx, user, actor, targetId: versionId, submissionKey, now }: Omit<WriteContext<unknown>, "input">,
  correction: Correction,
): Promise<WriteResult<RecordedWeight>> {
  const opened = await openCorrection(tx, "weight", await loadWeightVersion(tx, versionId), noSuchWeight, async () =>
    (await tx.patientWeight.findUnique({ where: { supersedesId: versionId }, select: { id: true } })) ? staleWeight() : null,
  );
  if (opened.refusal) return opened.refusal;
  const { previous, patient } = opened;
  const values =
    correction.kind === "amend"
      ? { measuredAt: new Date(correction.weight.measuredAt), kg: correction.weight.kg }
      : { measuredAt: previous.measuredAt, kg: previous.kg };
  if (correction.kind === "amend") {
    const timeRefused = bedsideTimeRefusal(patient, correction.weight.measuredAt, now, "measuredAt");
    if (timeRefused) return timeRefused;
  }
  const row: WeightVersion = {
    id: randomUUID(),
    lineageId: previous.lineageId,
    version: previous.version + 1,
    supersedesId: versionId,
    status: STATUS[correction.kind],
    changeReason: correction.reason,
    patientId: previous.patientId,
    ...values,
    recordedAt: now,
    recordedById: user.id,
  };
  await insertWeightVersion(tx, row, submissionKey);
  await recordAudit(tx, actor, {
    action: ACTION[correction.kind],
    entityType: "weight",
    entityId: row.id,
    before: weightSnapshot(previous),
    after: weightSnapshot(row),
  });
  return succeeded(recordedWeightOf(row));
}

function correctWeight<Input extends { idempotencyKey: string | null }>(options: {
  kind: Correction["kind"];
  site: string;
  user: CurrentUser | null;
  versionId: unknown;
  schema: z.ZodType<Input>;
  input: unknown;
  now: Date;
  correction: (input: Input) => Correction;
}): Promise<WriteResult<RecordedWeight>> {
  return clinicalWrite({
    write: ACTION[options.kind],
    site: options.site,
    permission: "observation:chart",
    user: options.user,
    target: { id: options.versionId, notFound: noSuchWeight },
    patientOfTarget: async (tx, versionId) =>
      (await tx.patientWeight.findUnique({ where: { id: versionId }, select: { patientId: true } }))?.patientId ?? null,
    schema: options.schema,
    input: options.input,
    now: options.now,
    idempotency: { key: (input) => input.idempotencyKey, resultId: (value) => value.weightId, replay },
    run: (context) => write(context, options.correction(context.input)),
    // Two corrections of one version: the database keeps one (supersedesId is unique).
    onUniqueViolation: async (error) =>
      isUniqueViolation(error, ["supersedesId"]) || isUniqueViolation(error, ["lineageId", "version"]) ? staleWeight() : null,
  });
}

/** Correct weight version `versionId`: { measuredAt, kg, reason, idempotencyKey? }. Permission `observation:chart`. */
export function amendWeight(user: CurrentUser | null, versionId: unknown, input: unknown, now: Date = new Date()) {
  return correctWeight({
    kind: "amend",
    site: "amendWeight",
    user,
    versionId,
    schema: weightAmendmentSchema(now),
    input,
    now,
    correction: ({ reason, ...weight }) => ({ kind: "amend", weight, reason }),
  });
}

const inErrorSchema = correctionSchema("a weight marked entered in error");

/** Mark weight version `versionId` entered in error: { reason, idempotencyKey? }. Permission `observation:chart`. */
export function markWeightInError(user: CurrentUser | null, versionId: unknown, input: unknown, now: Date = new Date()) {
  return correctWeight({
    kind: "entered_in_error",
    site: "markWeightInError",
    user,
    versionId,
    schema: inErrorSchema,
    input,
    now,
    correction: ({ reason }) => ({ kind: "entered_in_error", reason }),
  });
}
