// "Entered in error": the dose was never given to this patient. A new version with that status
// keeps what it voids, stays in the dosing audit, and is no longer given to the engine (so it no
// longer counts towards any tocilizumab limit).
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { noSuchDose } from "@/lib/doses/dose-versions";
import { correctionSchema } from "@/lib/timeline/charting-input";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { invalidInput, type WriteResult } from "@/lib/write-result";

export type DoseInError = CorrectedDose;

const markInErrorSchema = correctionSchema("a dose marked entered in error");

/**
 * Mark dose version `versionId` entered in error. Input: { reason, idempotencyKey? }.
 * Permission `dose:record`. 401/403 -> 400 -> 404 -> 409 (not the current version).
 */
export async function markDoseInError(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<DoseInError>> {
  const access = await authorizeWrite(user, "dose:record", actionSite("markDoseInError", versionId));
  if (access.failure) return access.failure;
  const id = asId(versionId);
  if (!id) return noSuchDose();
  const parsed = markInErrorSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return correctDose(access.user, id, { kind: "entered_in_error", ...parsed.data }, now);
}
