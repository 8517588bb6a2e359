// A physician confirms a dose charted over a tocilizumab limit by a nurse or pharmacist: a new
// version of the dose naming the physician, audited as dose.override_confirmed.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { overrideConfirmationSchema } from "@/lib/doses/dose-input";
import { noSuchDose } from "@/lib/doses/dose-versions";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { invalidInput, type WriteResult } from "@/lib/write-result";

export type ConfirmedOverride = CorrectedDose;

/**
 * Confirm the limit override of dose version `versionId`. Input: { reason?, idempotencyKey? }.
 * Permission `dose:confirm-override` (physicians). 401/403 -> 400 -> 404 -> 409 (not the current
 * version, no flag to confirm, already confirmed, entered in error).
 */
export async function confirmDoseOverride(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown = {},
  now: Date = new Date(),
): Promise<WriteResult<ConfirmedOverride>> {
  const access = await authorizeWrite(user, "dose:confirm-override", actionSite("confirmDoseOverride", versionId));
  if (access.failure) return access.failure;
  const id = asId(versionId);
  if (!id) return noSuchDose();
  const parsed = overrideConfirmationSchema.safeParse(input ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  return correctDose(access.user, id, { kind: "confirm_override", ...parsed.data }, now);
}
