// An answer to an escalation task (ESC-ACK) carried in an imported timeline file. It was given
// where the file came from, by someone who is not a user of this hospital: the safer reading keeps
// the file's name, role and time as text (the engine counts it exactly as it counted it there, and
// nobody here is named as its author) and records the importing user as the one who entered it,
// with an audit event that says it was imported (task.acknowledge_imported). Like every answer it
// is an append-only Acknowledgement row, written with its audit event in one transaction through
// the charting write path, under a submission key so importing the file twice stores it once.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { ACK_NOTE_MAX, ACK_OUTCOMES, type AckOutcome } from "@/lib/tasks/acknowledgement-input";
import { effectiveAtSchema, idempotencyKeySchema } from "@/lib/write/charting-input";
import { bedsideTimeRefusal, loadChartingPatient, noSuchPatient } from "@/lib/write/charting-write";
import { clinicalWrite, type WriteContext } from "@/lib/write/clinical-write";
import { succeeded, type WriteResult } from "@/lib/write-result";

export function importedAcknowledgementSchema(now: Date) {
  return z.strictObject({
    idempotencyKey: idempotencyKeySchema,
    /** This chart's task id (the file's, with its fact id mapped to the fact stored here). */
    taskId: z.string().regex(/^ESC_[A-Z_]+:.{1,200}$/, { error: "is not a task id" }),
    /** The file's task id, kept for the audit trail. */
    fileTaskId: z.string().min(1).max(300),
    fileAcknowledgementId: z.string().min(1).max(200),
    at: effectiveAtSchema(now),
    by: z
      .string()
      .trim()
      .min(1, { error: "is required: who answered" })
      .max(200, { error: "is too long; at most 200 characters" }),
    role: z.enum(["nurse", "physician"], { error: "is not nurse or physician" }),
    outcome: z.enum(ACK_OUTCOMES, { error: "is not an outcome" }),
    note: z
      .string()
      .max(ACK_NOTE_MAX, { error: `is too long; at most ${ACK_NOTE_MAX} characters` })
      .nullable(),
  });
}
export type ImportedAcknowledgementFields = z.output<ReturnType<typeof importedAcknowledgementSchema>>;

/**
 * The engine reads an answer's outcome as "code" or "code: note" (lib/timeline/task-facts.ts): split
 * back into the outcome and the note, so the answer reads the same here. Any other text is "other"
 * with the text as its note.
 */
export function splitOutcome(text: string): { outcome: AckOutcome; note: string | null } {
  const match = /^([a-z_]+)(?:: ([\s\S]*))?$/.exec(text);
  const code = match?.[1] as AckOutcome | undefined;
  if (code && (ACK_OUTCOMES as readonly string[]).includes(code)) {
    const note = match?.[2]?.trim() ?? "";
    return { outcome: code, note: note === "" ? null : note };
  }
  return { outcome: "other", note: text.trim() };
}

export interface ImportedAcknowledgementWritten {
  acknowledgementId: string;
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<ImportedAcknowledgementFields>): Promise<WriteResult<ImportedAcknowledgementWritten>> {
  const patient = await loadChartingPatient(tx, patientId);
  if (!patient) return noSuchPatient();
  const timeRefused = bedsideTimeRefusal(patient, input.at, now, "at");
  if (timeRefused) return timeRefused;
  const id = randomUUID();
  const row = {
    id,
    patientId,
    taskId: input.taskId,
    taskKind: input.taskId.slice(0, input.taskId.indexOf(":")),
    at: new Date(input.at),
    byId: user.id,
    byName: input.by,
    role: input.role,
    outcome: input.outcome,
    note: input.note,
    correctsId: null,
    changeReason: null,
  };
  await tx.acknowledgement.create({ data: { ...row, idempotencyKey: submissionKey } });
  await recordAudit(tx, actor, {
    action: "task.acknowledge_imported",
    entityType: "acknowledgement",
    entityId: id,
    after: {
      ...row,
      at: row.at.toISOString(),
      imported: { format: "timeline", fileAcknowledgementId: input.fileAcknowledgementId, fileTaskId: input.fileTaskId },
    },
  });
  return succeeded({ acknowledgementId: id });
}

/** Store an answer from an imported timeline file on patient `patientId`. Permission `task:acknowledge`. */
export function importAcknowledgement(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<ImportedAcknowledgementWritten>> {
  return clinicalWrite({
    write: "task.acknowledge_imported",
    site: "importAcknowledgement",
    permission: "task:acknowledge",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: importedAcknowledgementSchema(now),
    input,
    now,
    idempotency: {
      key: (fields) => fields.idempotencyKey,
      resultId: (value) => value.acknowledgementId,
      replay: async (_context, acknowledgementId) => succeeded({ acknowledgementId }),
    },
    run: write,
  });
}
