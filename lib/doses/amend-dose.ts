// Amending a charted dose: the form carries the full corrected dose and the reason. A corrected
// tocilizumab dose is checked against the limits again, with the same confirmation as charting it.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctDose, type CorrectedDose } from "@/lib/doses/correct-dose";
import { doseAmendmentSchema } from "@/lib/doses/dose-input";
import type { WriteResult } from "@/lib/write-result";

export type AmendedDose = CorrectedDose;

/**
 * Amend dose version `versionId`. Input: the dose form plus { reason }. Permission `dose:record`.
 * unauthenticated/forbidden -> not_found -> invalid -> stale_version (not the current version) or
 * limits_changed (limits differ from those confirmed, with `conflict`).
 */
export function amendDose(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<AmendedDose>> {
  return correctDose({
    kind: "amend",
    site: "amendDose",
    user,
    versionId,
    schema: doseAmendmentSchema(now),
    input,
    now,
    correction: ({ reason, confirmedFlags, overrideReason, drug, doseMg, route, effectiveAt }) => ({
      kind: "amend",
      reason,
      dose: { drug, doseMg, route, effectiveAt },
      confirmedFlags,
      overrideReason,
    }),
  });
}
