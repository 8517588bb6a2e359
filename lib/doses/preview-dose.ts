// What a dose being typed would do, before it is charted: the tocilizumab limits it would break,
// which dose it would be, when the next dose is eligible, and the weight-based calculation.
// Read-only: nothing is stored, and recordDose checks again inside its transaction.
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { dosePreviewSchema } from "@/lib/doses/dose-input";
import { checkDoseLimits, type DoseLimitCheck } from "@/lib/doses/dose-limits";
import { currentDoses } from "@/lib/doses/dose-versions";
import {
  actionSite,
  asId,
  authorizeWrite,
  bedsideTimeRefusal,
  loadChartingPatient,
  noSuchPatient,
} from "@/lib/write/charting-write";
import { invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

export type DosePreview = DoseLimitCheck;

/**
 * Preview a dose on patient `patientId`. Permission `dose:record` (the person about to chart it).
 * 401/403 -> 400 (the same form as recordDose; the submission key may be absent) -> 404.
 */
export async function previewDose(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<DosePreview>> {
  const access = await authorizeWrite(user, "dose:record", actionSite("previewDose", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatient();
  const parsed = dosePreviewSchema(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const patient = await loadChartingPatient(db, id);
  if (!patient) return noSuchPatient();
  // The same time check as charting it: a preview never answers for a dose that could not be charted.
  const timeRefused = bedsideTimeRefusal(patient, parsed.data.effectiveAt, now);
  if (timeRefused) return timeRefused;
  return succeeded(checkDoseLimits(patient, await currentDoses(db, id), parsed.data, now));
}
