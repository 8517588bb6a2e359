/**
 * Alerts (CLINICAL-RULES.md section 6): things to show beside the grade, each naming its rule.
 * ALERT-LATE-ENTRY compares two evaluations (before and after a write), so it lives in a helper
 * the app calls rather than inside evaluateTimeline.
 */
import { formatInstant, parseInstant } from "./time";
import type { Alert, CrsGrade, IcansGrade, TimelineOutput } from "./types";

/** ALERT-ICANS: the latest ICANS assessment is grade 1 or more. */
export function icansAlert(
  icansGrade: IcansGrade | null,
  assessment: { id: string; at: string; atMs: number } | null,
  crsGrade: CrsGrade,
): Alert | null {
  if (icansGrade === null || icansGrade < 1 || !assessment) return null;
  return {
    rule: "ALERT-ICANS",
    text: `ICANS grade ${icansGrade} at ${formatInstant(assessment.atMs)} (CRS grade ${crsGrade}): avoid CNS-depressing drugs (ALERT-ICANS)`,
    at: assessment.at,
    observationId: assessment.id,
  };
}

export interface GradeChange {
  id: string;
  at: string;
  oldGrade: CrsGrade;
  newGrade: CrsGrade;
}

/**
 * Observations present in both evaluations whose CRS grade changed, in time order.
 * `ignoreObservationIds`: observations the write itself changed (an amendment is not a re-grade).
 */
export function compareGrades(
  before: Pick<TimelineOutput, "observations">,
  after: Pick<TimelineOutput, "observations">,
  options: { ignoreObservationIds?: readonly string[] } = {},
): GradeChange[] {
  const previous = new Map<string, CrsGrade>();
  for (const observation of before.observations) previous.set(observation.id, observation.grade);
  const ignored = new Set(options.ignoreObservationIds ?? []);
  const changes: GradeChange[] = [];
  for (const observation of after.observations) {
    const oldGrade = previous.get(observation.id);
    if (oldGrade === undefined || ignored.has(observation.id) || oldGrade === observation.grade) continue;
    changes.push({ id: observation.id, at: observation.at, oldGrade, newGrade: observation.grade });
  }
  return changes;
}

/** ALERT-LATE-ENTRY for every observation re-graded by a write (old and new grade shown). */
export function lateEntryAlerts(
  before: Pick<TimelineOutput, "observations">,
  after: Pick<TimelineOutput, "observations">,
  options: { ignoreObservationIds?: readonly string[] } = {},
): Alert[] {
  return compareGrades(before, after, options).map((change) => ({
    rule: "ALERT-LATE-ENTRY",
    text: `Observation at ${formatInstant(parseInstant(change.at))} re-graded ${change.oldGrade} -> ${change.newGrade} after a late entry (ALERT-LATE-ENTRY)`,
    at: change.at,
    observationId: change.id,
    oldGrade: change.oldGrade,
    newGrade: change.newGrade,
  }));
}
