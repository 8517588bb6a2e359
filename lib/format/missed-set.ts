// Words for a set that was not taken (OBS-STATUS, CLINICAL-RULES.md section 9) and the reasons the
// charting form offers for it. Client-safe: the form and the timeline both read it.
export type MissedSetStatus = "refused" | "not_possible";

export const MISSED_SET_LABELS: Record<MissedSetStatus, string> = {
  refused: "Refused",
  not_possible: "Not possible",
};

/** The usual reasons, first one preselected so that the key and Enter record it; "Other" asks for text. */
export const MISSED_SET_REASONS: Record<MissedSetStatus, readonly string[]> = {
  refused: ["Patient declined", "Patient asleep, declined to be woken", "Other"],
  not_possible: ["Off the ward", "Asleep on a physician's order", "Equipment not available", "Other"],
};

export const OTHER_REASON = "Other";

/** The stored reason: the choice, with the details typed after it; "Other" needs details. */
export function missedSetReason(choice: string, details: string): { ok: true; reason: string } | { ok: false; message: string } {
  const typed = details.trim();
  if (choice === OTHER_REASON) {
    return typed ? { ok: true, reason: typed } : { ok: false, message: "is required: say why the set was not taken" };
  }
  return { ok: true, reason: typed ? `${choice}: ${typed}` : choice };
}
