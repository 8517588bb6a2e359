// Pausing and resuming a patient's observations (OBS-PAUSE, CLINICAL-RULES.md section 9): a pause
// is a versioned fact. Starting one writes version 1; resuming writes a new version with its end,
// superseding the one it ends (never an UPDATE). Each write and its audit event commit together.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import type { Tx } from "@/lib/db";
import { formatWardDateTime } from "@/lib/format/time";
import { pauseEndSchema, pauseStartSchema, type PauseEndFields, type PauseStartFields } from "@/lib/tasks/pause-input";
import { pauseColumns, type PauseVersion } from "@/lib/timeline/task-facts";
import { isUniqueViolation, loadChartingPatient, noSuchPatient, patientToChart } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface PauseWritten {
  pauseId: string;
  lineageId: string;
  version: number;
}

function snapshot(row: PauseVersion): Record<string, unknown> {
  return {
    ...row,
    fromAt: row.fromAt.toISOString(),
    untilAt: row.untilAt ? row.untilAt.toISOString() : null,
    recordedAt: row.recordedAt.toISOString(),
  };
}

async function replay({ client }: ReplayContext, pauseId: string): Promise<WriteResult<PauseWritten>> {
  const row = await client.observationPause.findUniqueOrThrow({ where: { id: pauseId }, select: pauseColumns });
  return succeeded({ pauseId: row.id, lineageId: row.lineageId, version: row.version });
}

async function start({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<PauseStartFields>): Promise<WriteResult<PauseWritten>> {
  const opened = await patientToChart(tx, patientId, input.from, now, "from");
  if (opened.refusal) return opened.refusal;
  const id = randomUUID();
  const row: PauseVersion = {
    id,
    lineageId: id,
    version: 1,
    supersedesId: null,
    patientId,
    fromAt: new Date(input.from),
    untilAt: input.until ? new Date(input.until) : null,
    reason: input.reason,
    changeReason: null,
    recordedAt: now,
    recordedById: user.id,
  };
  await tx.observationPause.create({ data: { ...row, idempotencyKey: submissionKey } });
  await recordAudit(tx, actor, { action: "pause.start", entityType: "pause", entityId: id, after: snapshot(row) });
  return succeeded({ pauseId: id, lineageId: id, version: 1 });
}

/** Pause a patient's observations (scan, theatre, transfer): until a time, or open-ended. Permission `observation:pause`. */
export function pauseObservations(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<PauseWritten>> {
  return clinicalWrite({
    write: "pause.start",
    site: "pauseObservations",
    permission: "observation:pause",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: pauseStartSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.pauseId, replay },
    run: start,
  });
}

const noSuchPause = () => failed("not_found", "No such pause: the page may be out of date.");

async function end({
  tx,
  user,
  actor,
  input,
  targetId: versionId,
  submissionKey,
  now,
}: WriteContext<PauseEndFields>): Promise<WriteResult<PauseWritten>> {
  const previous = await tx.observationPause.findUnique({ where: { id: versionId }, select: pauseColumns });
  if (!previous) return noSuchPause();
  const patient = await loadChartingPatient(tx, previous.patientId);
  if (!patient) return noSuchPause();
  const superseded = await tx.observationPause.findUnique({ where: { supersedesId: versionId }, select: { id: true } });
  if (superseded) return failed("stale_version", "This pause was changed since you opened it. Reload the page to see it now.");
  const endAt = input.at ? new Date(input.at) : now;
  const zone = patient.ward.timeZone;
  if (previous.untilAt && previous.untilAt.getTime() <= endAt.getTime()) {
    return failed("conflict", `This pause already ended at ${formatWardDateTime(previous.untilAt, zone)}.`);
  }
  if (endAt.getTime() <= previous.fromAt.getTime()) {
    return failed("invalid", "The end must be after the pause started.", {
      fieldErrors: [{ path: "at", message: `must be after ${formatWardDateTime(previous.fromAt, zone)}` }],
    });
  }
  const id = randomUUID();
  const row: PauseVersion = {
    ...previous,
    id,
    version: previous.version + 1,
    supersedesId: previous.id,
    untilAt: endAt,
    changeReason: "resumed",
    recordedAt: now,
    recordedById: user.id,
  };
  await tx.observationPause.create({ data: { ...row, idempotencyKey: submissionKey } });
  await recordAudit(tx, actor, {
    action: "pause.end",
    entityType: "pause",
    entityId: id,
    before: snapshot(previous),
    after: snapshot(row),
  });
  return succeeded({ pauseId: id, lineageId: row.lineageId, version: row.version });
}

/** Resume observations: a new version of the pause ending it now (or at `at`). Permission `observation:pause`. */
export function resumeObservations(
  user: CurrentUser | null,
  pauseVersionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<PauseWritten>> {
  return clinicalWrite({
    write: "pause.end",
    site: "resumeObservations",
    permission: "observation:pause",
    user,
    target: { id: pauseVersionId, notFound: noSuchPause },
    patientOfTarget: async (tx: Tx, id: string) =>
      (await tx.observationPause.findUnique({ where: { id }, select: { patientId: true } }))?.patientId ?? null,
    schema: pauseEndSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.pauseId, replay },
    run: end,
    onUniqueViolation: async (error) =>
      isUniqueViolation(error, ["supersedesId"])
        ? failed("stale_version", "This pause was changed since you opened it. Reload the page to see it now.")
        : null,
  });
}
