"use server";
// Corrections from the timeline: thin wrappers, the server functions validate, authorize and audit.
import { currentUser } from "@/lib/auth/guard";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { confirmDoseOverride } from "@/lib/doses/confirm-dose-override";

type Outcome = { ok: boolean; message?: string };

function outcome(result: { ok: true } | { ok: false; message: string }): Outcome {
  return result.ok ? { ok: true } : { ok: false, message: result.message };
}

export async function markInErrorAction(
  kind: "observation" | "dose",
  versionId: string,
  reason: string,
  idempotencyKey: string,
): Promise<Outcome> {
  const user = await currentUser();
  const input = { reason, idempotencyKey };
  return outcome(
    kind === "observation" ? await markObservationInError(user, versionId, input) : await markDoseInError(user, versionId, input),
  );
}

/** TOCI-CONFIRM: the flags the physician was shown (all of the dose's flags now) and why. */
export async function confirmOverrideAction(
  versionId: string,
  flags: string[],
  reason: string,
  idempotencyKey: string,
): Promise<Outcome & { conflictFlags?: string[] }> {
  const result = await confirmDoseOverride(await currentUser(), versionId, { flags, reason, idempotencyKey });
  if (!result.ok && result.conflict) return { ok: false, message: result.message, conflictFlags: result.conflict.flags };
  return outcome(result);
}
