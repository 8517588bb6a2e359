// "Entered in error": the observation should never have been charted (wrong patient, wrong
// monitor). It is not deleted: a new version with that status keeps the values it voids, stays in
// the history, and is no longer given to the engine.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctObservation, noSuchObservation, type CorrectedObservation } from "@/lib/observations/correct-observation";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { correctionSchema } from "@/lib/timeline/charting-input";
import { invalidInput, type WriteResult } from "@/lib/write-result";

export type ObservationInError = Omit<CorrectedObservation, "grade">;

const markInErrorSchema = correctionSchema("an observation marked entered in error");

/**
 * Mark observation version `versionId` entered in error. Permission `observation:chart`.
 * Input: { reason, idempotencyKey? }. 401/403 -> 400 -> 404 -> 409 when it is not the current version.
 */
export async function markObservationInError(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<ObservationInError>> {
  const access = await authorizeWrite(user, "observation:chart", actionSite("markObservationInError", versionId));
  if (access.failure) return access.failure;
  const id = asId(versionId);
  if (!id) return noSuchObservation();
  const parsed = markInErrorSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await correctObservation(access.user, id, { kind: "entered_in_error", ...parsed.data }, now);
  if (!result.ok) return result;
  const { grade: _grade, ...value } = result.value;
  return { ok: true, value };
}
