// A physician confirms a dose charted over a tocilizumab limit by a nurse or pharmacist: a new
// version of the dose naming the physician, audited as dose.override_confirmed.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { overrideConfirmationSchema } from "@/lib/doses/dose-input";
import type { WriteResult } from "@/lib/write-result";

export type ConfirmedOverride = CorrectedDose;

/**
 * Confirm the limit override of dose version `versionId`. Input: { reason?, idempotencyKey? }.
 * Permission `dose:confirm-override` (physicians). unauthenticated/forbidden -> not_found -> invalid
 * -> stale_version (not the current version) or conflict (no flag to confirm, already confirmed, entered in error).
 */
export function confirmDoseOverride(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown = {},
  now: Date = new Date(),
): Promise<WriteResult<ConfirmedOverride>> {
  return correctDose({
    kind: "confirm_override",
    site: "confirmDoseOverride",
    user,
    versionId,
    schema: overrideConfirmationSchema,
    input: input ?? {},
    now,
    correction: ({ reason }) => ({ kind: "confirm_override", reason }),
  });
}
