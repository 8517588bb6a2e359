// "Entered in error": the dose was never given to this patient. A new version with that status
// keeps what it voids, stays in the dosing audit, and is no longer given to the engine (so it no
// longer counts towards any tocilizumab limit).
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { correctionSchema } from "@/lib/write/charting-input";
import type { WriteResult } from "@/lib/write-result";

export type DoseInError = CorrectedDose;

const markInErrorSchema = correctionSchema("a dose marked entered in error");

/**
 * Mark dose version `versionId` entered in error. Input: { reason, idempotencyKey? }.
 * Permission `dose:record`. unauthenticated/forbidden -> not_found -> invalid -> stale_version.
 */
export function markDoseInError(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<DoseInError>> {
  return correctDose({
    kind: "entered_in_error",
    site: "markDoseInError",
    user,
    versionId,
    schema: markInErrorSchema,
    input,
    now,
    correction: ({ reason }) => ({ kind: "entered_in_error", reason }),
  });
}
