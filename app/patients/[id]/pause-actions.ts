"use server";
// Pausing and resuming observations from the patient page: thin wrappers, the server functions validate, authorize and audit.
import { currentUser } from "@/lib/auth/guard";
import { pauseObservations, resumeObservations } from "@/lib/tasks/pause-observations";
import type { FieldError } from "@/lib/write-result";

export type PauseOutcome = { ok: true } | { ok: false; message: string; fieldErrors?: FieldError[] };

export async function pauseObservationsAction(patientId: string, input: Record<string, string>): Promise<PauseOutcome> {
  const result = await pauseObservations(await currentUser(), patientId, input);
  return result.ok ? { ok: true } : { ok: false, message: result.message, fieldErrors: result.fieldErrors };
}

export async function resumeObservationsAction(pauseVersionId: string, input: Record<string, string>): Promise<PauseOutcome> {
  const result = await resumeObservations(await currentUser(), pauseVersionId, input);
  return result.ok ? { ok: true } : { ok: false, message: result.message, fieldErrors: result.fieldErrors };
}
