// "Entered in error": the observation should never have been charted (wrong patient, wrong
// monitor). It is not deleted: a new version with that status keeps the values it voids, stays in
// the history, and is no longer given to the engine.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctObservation, type CorrectedObservation } from "@/lib/observations/correct-observation";
import { correctionSchema } from "@/lib/write/charting-input";
import type { WriteResult } from "@/lib/write-result";

export type ObservationInError = Omit<CorrectedObservation, "grade">;

const markInErrorSchema = correctionSchema("an observation marked entered in error");

/**
 * Mark observation version `versionId` entered in error. Permission `observation:chart`.
 * Input: { reason, idempotencyKey? }. unauthenticated/forbidden -> not_found -> invalid -> stale_version.
 */
export async function markObservationInError(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<ObservationInError>> {
  const result = await correctObservation({
    kind: "entered_in_error",
    site: "markObservationInError",
    user,
    versionId,
    schema: markInErrorSchema,
    input,
    now,
    correction: (fields) => ({ kind: "entered_in_error", reason: fields.reason }),
  });
  if (!result.ok) return result;
  const { grade: _grade, ...value } = result.value;
  return { ok: true, value };
}
