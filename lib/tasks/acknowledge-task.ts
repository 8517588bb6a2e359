// Answering an escalation task (ESC-ACK, CLINICAL-RULES.md section 8): an append-only
// Acknowledgement row and its audit event in one transaction (lib/write/clinical-write.ts).
// The engine decides whose task it is at this instant: a nurse cannot answer a physician's task.
// An acknowledgement is never edited; a correction is a new one naming the one it corrects, with a reason.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import type { Task } from "@/lib/engine";
import { formatWardDateTime } from "@/lib/format/time";
import { acknowledgementInputSchema, type AcknowledgementFields } from "@/lib/tasks/acknowledgement-input";
import { evaluatePatientTasks } from "@/lib/tasks/patient-tasks";
import { acknowledgementColumns } from "@/lib/timeline/task-facts";
import { loadChartingPatient, noSuchPatient } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface RecordedAcknowledgement {
  acknowledgementId: string;
  /** The task as the engine shows it after this answer. */
  task: Task;
}

const noSuchTask = (taskId: string) =>
  failed("not_found", `No such task for this patient: ${taskId}. The page may be out of date; reload it.`);

async function replay({ client, now }: ReplayContext, acknowledgementId: string): Promise<WriteResult<RecordedAcknowledgement>> {
  const stored = await client.acknowledgement.findUniqueOrThrow({
    where: { id: acknowledgementId },
    select: acknowledgementColumns,
  });
  const patient = await loadChartingPatient(client, stored.patientId);
  if (!patient) return noSuchPatient();
  const { graded } = await evaluatePatientTasks(client, patient, now);
  const task = graded.tasks.find((candidate) => candidate.id === stored.taskId);
  if (!task) return noSuchTask(stored.taskId);
  return succeeded({ acknowledgementId, task });
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<AcknowledgementFields>): Promise<WriteResult<RecordedAcknowledgement>> {
  const patient = await loadChartingPatient(tx, patientId);
  if (!patient) return noSuchPatient();
  const { graded, taskFacts } = await evaluatePatientTasks(tx, patient, now);
  const task = graded.tasks.find((candidate) => candidate.id === input.taskId);
  if (!task) return noSuchTask(input.taskId);
  const role: "nurse" | "physician" = user.role === "physician" ? "physician" : "nurse";
  if (task.role === "physician" && role !== "physician") {
    return failed("forbidden", "Only a physician can answer this task: it asks for a physician's review (ESC-ACK).");
  }
  const zone = patient.ward.timeZone;
  if (input.correctsId) {
    const corrected = taskFacts.acknowledgements.find((ack) => ack.id === input.correctsId);
    if (!corrected || corrected.taskId !== task.id) {
      return failed("invalid", "The answer being corrected is not an answer to this task.", {
        fieldErrors: [{ path: "correctsId", message: "is not an answer to this task" }],
      });
    }
  } else if (task.status === "acknowledged") {
    const when = task.acknowledgedAt ? formatWardDateTime(new Date(task.acknowledgedAt), zone) : "";
    return failed(
      "conflict",
      `This task was already answered by ${task.acknowledgedBy ?? "someone"} at ${when}. To change that answer, correct it with a reason.`,
    );
  } else if (task.status === "closed") {
    const when = task.closedAt ? formatWardDateTime(new Date(task.closedAt), zone) : "";
    return failed("conflict", `This task closed by itself at ${when} (ESC-CLOSE): there is nothing left to answer.`);
  }
  const id = randomUUID();
  const row = {
    id,
    patientId,
    taskId: task.id,
    taskKind: task.kind,
    at: now,
    byId: user.id,
    byName: user.displayName,
    role,
    outcome: input.outcome,
    note: input.note?.trim() || null,
    correctsId: input.correctsId ?? null,
    changeReason: input.correctsId ? (input.reason?.trim() ?? null) : null,
  };
  await tx.acknowledgement.create({ data: { ...row, idempotencyKey: submissionKey } });
  await recordAudit(tx, actor, {
    action: "task.acknowledge",
    entityType: "acknowledgement",
    entityId: id,
    after: {
      ...row,
      at: now.toISOString(),
      task: { raisedAt: task.raisedAt, respondBy: task.respondBy, statusBefore: task.status },
    },
  });
  const after = (await evaluatePatientTasks(tx, patient, now)).graded.tasks.find((candidate) => candidate.id === task.id);
  return succeeded({ acknowledgementId: id, task: after ?? task });
}

/**
 * Answer one of a patient's tasks. Permission `task:acknowledge` (nurse, physician); the task's
 * role then decides (forbidden for a nurse on a physician's task). not_found (no such patient or
 * task) -> invalid -> conflict (already answered without a correction, or closed by itself).
 */
export function acknowledgeTask(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedAcknowledgement>> {
  return clinicalWrite({
    write: "task.acknowledge",
    site: "acknowledgeTask",
    permission: "task:acknowledge",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: acknowledgementInputSchema,
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.acknowledgementId, replay },
    run: write,
  });
}
