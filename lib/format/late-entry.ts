/** A late entry's re-grading of an observation, as the timeline's alerts list says it. */
import { drugLabel } from "@/lib/engine/vocabulary";
import type { LateEntryRegrade } from "@/lib/timeline/late-entry-history";
import { formatWardDateTime } from "./time";

/** What the write was, in words: "a late entry (observation of 2 Mar 09:00) charted". */
function whatWasCharted(regrade: LateEntryRegrade, timeZone: string): string {
  const when = formatWardDateTime(regrade.entryAt, timeZone);
  const entry = regrade.drug === null
    ? `observation of ${when}`
    : `${drugLabel(regrade.drug)}${regrade.doseMg === null ? "" : ` ${regrade.doseMg} mg`} given ${when}`;
  switch (regrade.write) {
    case "observation.create":
    case "dose.create":
      return `a late entry (${entry}) charted`;
    case "observation.amend":
    case "dose.amend":
      return `an amendment (${entry}) charted`;
    case "observation.entered_in_error":
    case "dose.entered_in_error":
      return `marking the ${entry} entered in error,`;
  }
}

export const LATE_ENTRY_RULE = "ALERT-LATE-ENTRY";

/**
 * "observation at 2 Mar 10:00 re-graded 2 → 3 after a late entry (observation of 2 Mar 09:00)
 * charted by Nora Nurse at 2 Mar 11:05", times in the ward's zone.
 */
export function lateEntryAlertDetail(regrade: LateEntryRegrade, timeZone: string): string {
  const who = regrade.chartedBy ?? "an unknown user";
  return `observation at ${formatWardDateTime(regrade.observationAt, timeZone)} re-graded ${regrade.before} → ${regrade.after} after ${whatWasCharted(regrade, timeZone)} by ${who} at ${formatWardDateTime(regrade.chartedAt, timeZone)}`;
}

/** The same, naming its rule: "ALERT-LATE-ENTRY: observation at ...". */
export function lateEntryAlertText(regrade: LateEntryRegrade, timeZone: string): string {
  return `${LATE_ENTRY_RULE}: ${lateEntryAlertDetail(regrade, timeZone)}`;
}
