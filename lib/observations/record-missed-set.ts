// Charting a set that was not taken (OBS-STATUS, CLINICAL-RULES.md section 9): refused by the
// patient or not possible (off the ward, asleep on a physician's order), with a reason and no
// values. It restarts the observation clock at the interval that applied before; three in a row
// raise ESC_REPEATED_REFUSAL. One observation version with its audit event, in one transaction.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { showValue } from "@/lib/engine/schema";
import { blankChartedValues } from "@/lib/facts/charted-values";
import { formText } from "@/lib/http/form-values";
import { insertObservationVersion, observationSnapshot } from "@/lib/observations/observation-versions";
import type { ObservationVersion } from "@/lib/timeline/facts";
import { effectiveAtSchema, idempotencyKeySchema } from "@/lib/write/charting-input";
import { firstVersion, noSuchPatient, patientToChart } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { succeeded, type WriteResult } from "@/lib/write-result";

export const MISSED_SET_STATUSES = ["refused", "not_possible"] as const;

export function missedSetSchema(now: Date) {
  return z.strictObject({
    idempotencyKey: idempotencyKeySchema,
    effectiveAt: effectiveAtSchema(now),
    setStatus: z.preprocess(
      formText,
      z.enum(MISSED_SET_STATUSES, { error: (iss) => `${showValue(iss.input)} is not refused or not_possible` }),
    ),
    statusReason: z.preprocess(
      formText,
      z
        .string({ error: "is required: say why the set was not taken" })
        .min(1, { error: "is required: say why the set was not taken" })
        .max(200, { error: "is too long; at most 200 characters" }),
    ),
  });
}
export type MissedSetFields = z.output<ReturnType<typeof missedSetSchema>>;

export interface RecordedMissedSet {
  observationId: string;
}

async function replay(_context: ReplayContext, observationId: string): Promise<WriteResult<RecordedMissedSet>> {
  return succeeded({ observationId });
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<MissedSetFields>): Promise<WriteResult<RecordedMissedSet>> {
  const opened = await patientToChart(tx, patientId, input.effectiveAt, now);
  if (opened.refusal) return opened.refusal;
  const id = randomUUID();
  const row: ObservationVersion = {
    ...firstVersion(id),
    setStatus: input.setStatus,
    statusReason: input.statusReason,
    patientId,
    effectiveAt: new Date(input.effectiveAt),
    recordedAt: now,
    recordedById: user.id,
    ...blankChartedValues(),
  };
  await insertObservationVersion(tx, row, submissionKey);
  await recordAudit(tx, actor, {
    action: "observation.create",
    entityType: "observation",
    entityId: id,
    after: { ...observationSnapshot(row), gradeAtCharting: null, lateEntryChanges: [] },
  });
  return succeeded({ observationId: id });
}

/** Chart a refused or not-possible set. Permission `observation:chart`. */
export function recordMissedSet(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedMissedSet>> {
  return clinicalWrite({
    write: "observation.create",
    site: "recordMissedSet",
    permission: "observation:chart",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: missedSetSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.observationId, replay },
    run: write,
  });
}
