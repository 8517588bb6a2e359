// Amending a charted observation: the form carries the full corrected observation (nothing is
// copied from the version it replaces) and the reason; the new version supersedes the old one.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctObservation, type CorrectedObservation } from "@/lib/observations/correct-observation";
import { observationAmendmentSchema } from "@/lib/observations/observation-input";
import { valuesFromForm } from "@/lib/observations/observation-versions";
import type { WriteResult } from "@/lib/write-result";

export type AmendedObservation = CorrectedObservation;

/**
 * Amend observation version `versionId`. Permission `observation:chart`.
 * unauthenticated/forbidden -> not_found -> invalid -> stale_version when `versionId` is no longer the current version.
 */
export function amendObservation(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<AmendedObservation>> {
  return correctObservation({
    kind: "amend",
    site: "amendObservation",
    user,
    versionId,
    schema: observationAmendmentSchema(now),
    input,
    now,
    correction: (fields) => ({
      kind: "amend",
      effectiveAt: fields.effectiveAt,
      values: valuesFromForm(fields),
      reason: fields.reason,
      extraAudit: { temperatureAsCharted: fields.temperatureAsCharted },
    }),
  });
}
