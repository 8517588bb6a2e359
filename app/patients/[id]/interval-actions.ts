"use server";
// The patient's own observation interval from the patient page: a thin wrapper, the server function validates, authorizes and audits.
import { currentUser } from "@/lib/auth/guard";
import { setObservationInterval } from "@/lib/patients/set-observation-interval";
import type { FieldError } from "@/lib/write-result";

export type IntervalOutcome = { ok: true } | { ok: false; message: string; fieldErrors?: FieldError[] };

export async function setObservationIntervalAction(patientId: string, input: Record<string, string>): Promise<IntervalOutcome> {
  const result = await setObservationInterval(await currentUser(), patientId, input);
  return result.ok ? { ok: true } : { ok: false, message: result.message, fieldErrors: result.fieldErrors };
}
