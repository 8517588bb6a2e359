// Amending a charted dose: the form carries the full corrected dose and the reason. A corrected
// tocilizumab dose is checked against the limits again, with the same confirmation as charting it.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { doseAmendmentSchema } from "@/lib/doses/dose-input";
import { noSuchDose } from "@/lib/doses/dose-versions";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { invalidInput, type WriteResult } from "@/lib/write-result";

export type AmendedDose = CorrectedDose;

/**
 * Amend dose version `versionId`. Input: the dose form plus { reason }. Permission `dose:record`.
 * 401/403 -> 400 -> 404 -> 409 (not the current version; limits differ from those confirmed, with `conflict`).
 */
export async function amendDose(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<AmendedDose>> {
  const access = await authorizeWrite(user, "dose:record", actionSite("amendDose", versionId));
  if (access.failure) return access.failure;
  const id = asId(versionId);
  if (!id) return noSuchDose();
  const parsed = doseAmendmentSchema(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { reason, idempotencyKey, confirmedFlags, overrideReason, drug, doseMg, route, effectiveAt } = parsed.data;
  return correctDose(access.user, id, {
    kind: "amend",
    reason,
    idempotencyKey,
    dose: { drug, doseMg, route, effectiveAt },
    confirmedFlags,
    overrideReason,
  }, now);
}
