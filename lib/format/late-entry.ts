/** A late entry's re-grading of an observation, as the timeline's alerts list says it. */
import { drugLabel } from "@/lib/engine/vocabulary";
import type { CrsGrade } from "@/lib/engine";
import { formatWardDateTime } from "./time";

/**
 * What the sentence needs of one re-grading. Declared here, by the formatter, so lib/format depends
 * on nothing above it; the timeline's late-entry history supplies rows of this shape.
 */
export interface LateEntryRegradeFacts {
  /** The write that re-graded: its audit action. */
  write:
    | "observation.create"
    | "observation.amend"
    | "observation.entered_in_error"
    | "dose.create"
    | "dose.amend"
    | "dose.entered_in_error";
  chartedAt: string;
  chartedBy: string | null;
  entryAt: string;
  drug: string | null;
  doseMg: number | null;
  observationAt: string;
  before: CrsGrade;
  after: CrsGrade;
}

/** What the write was, in words: "a late entry (observation of 2 Mar 09:00) charted". */
function whatWasCharted(regrade: LateEntryRegradeFacts, timeZone: string): string {
  const when = formatWardDateTime(regrade.entryAt, timeZone);
  const entry =
    regrade.drug === null
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
export function lateEntryAlertDetail(regrade: LateEntryRegradeFacts, timeZone: string): string {
  const who = regrade.chartedBy ?? "an unknown user";
  return `observation at ${formatWardDateTime(regrade.observationAt, timeZone)} re-graded ${regrade.before} → ${regrade.after} after ${whatWasCharted(regrade, timeZone)} by ${who} at ${formatWardDateTime(regrade.chartedAt, timeZone)}`;
}

/** The same, naming its rule: "ALERT-LATE-ENTRY: observation at ...". */
export function lateEntryAlertText(regrade: LateEntryRegradeFacts, timeZone: string): string {
  return `${LATE_ENTRY_RULE}: ${lateEntryAlertDetail(regrade, timeZone)}`;
}
