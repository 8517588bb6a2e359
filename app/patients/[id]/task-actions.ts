"use server";
// Answering a task from the patient page: a thin wrapper, the server function validates, authorizes and audits.
import { currentUser } from "@/lib/auth/guard";
import { acknowledgeTask } from "@/lib/tasks/acknowledge-task";
import type { FieldError } from "@/lib/write-result";

export type AcknowledgeOutcome = { ok: true } | { ok: false; message: string; fieldErrors?: FieldError[] };

export async function acknowledgeTaskAction(patientId: string, input: Record<string, string>): Promise<AcknowledgeOutcome> {
  const result = await acknowledgeTask(await currentUser(), patientId, input);
  return result.ok ? { ok: true } : { ok: false, message: result.message, fieldErrors: result.fieldErrors };
}
