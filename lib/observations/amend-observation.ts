// Amending a charted observation: the form carries the full corrected observation (nothing is
// copied from the version it replaces) and the reason; the new version supersedes the old one.
import type { CurrentUser } from "@/lib/auth/authorize";
import { correctObservation, noSuchObservation, type CorrectedObservation } from "@/lib/observations/correct-observation";
import { observationAmendmentSchema } from "@/lib/observations/observation-input";
import { valuesFromForm } from "@/lib/observations/observation-versions";
import { actionSite, asId, authorizeWrite } from "@/lib/timeline/charting-write";
import { invalidInput, type WriteResult } from "@/lib/write-result";

export type AmendedObservation = CorrectedObservation;

/**
 * Amend observation version `versionId`. Permission `observation:chart`.
 * 401/403 -> 400 -> 404 -> 409 when `versionId` is no longer the current version.
 */
export async function amendObservation(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<AmendedObservation>> {
  const access = await authorizeWrite(user, "observation:chart", actionSite("amendObservation", versionId));
  if (access.failure) return access.failure;
  const id = asId(versionId);
  if (!id) return noSuchObservation();
  const parsed = observationAmendmentSchema(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const fields = parsed.data;
  return correctObservation(access.user, id, {
    kind: "amend",
    effectiveAt: fields.effectiveAt,
    values: valuesFromForm(fields),
    reason: fields.reason,
    idempotencyKey: fields.idempotencyKey,
    extraAudit: { temperatureAsCharted: fields.temperatureAsCharted },
  }, now);
}
