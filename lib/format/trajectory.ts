/**
 * The trajectory for a handoff: the grades the window opened with, then each set at which the
 * engine's CRS grade, ICANS grade or NEWS2 band changed. Grades and scores are the engine's; this
 * only picks the moments they changed, so a 15-minute chart reads as a few lines instead of ninety-six.
 * Refused and not-possible sets have no grade and no NEWS2 (OBS-STATUS): they change nothing here.
 */
import type { GradedObservation } from "@/lib/engine";
import type { News2Reading } from "./news2";

export interface GradeStep {
  at: string;
  grade: number;
  icansGrade: number | null;
  /** The NEWS2 of the set, or the last one known when this set did not change the band. */
  news2: News2Reading | null;
  /** True for the grades carried in from before the window. */
  carriedIn: boolean;
}

type Graded = Pick<GradedObservation, "at" | "status" | "grade" | "icansGrade" | "news2">;

export function gradeTrajectory(observations: readonly Graded[], fromMs: number): GradeStep[] {
  const ordered = observations.filter((o) => o.status === "charted").sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const steps: GradeStep[] = [];
  let previous: GradeStep | null = null;
  for (const o of ordered) {
    // Not assessed (ICANS) or not scored (NEWS2) in one set is not a change: the last known value carries on.
    const known: GradeStep = {
      at: o.at,
      grade: o.grade,
      icansGrade: o.icansGrade ?? previous?.icansGrade ?? null,
      news2: o.news2 ?? previous?.news2 ?? null,
      carriedIn: false,
    };
    if (Date.parse(o.at) < fromMs) {
      previous = known;
      continue;
    }
    if (steps.length === 0 && previous) steps.push({ ...previous, carriedIn: true });
    const last = steps.length ? steps[steps.length - 1] : null;
    const icansChanged = o.icansGrade !== null && o.icansGrade !== last?.icansGrade;
    const news2Changed = o.news2 !== null && o.news2.band !== last?.news2?.band;
    if (!last || o.grade !== last.grade || icansChanged || news2Changed) steps.push(known);
    previous = known;
  }
  if (steps.length === 0 && previous) steps.push({ ...previous, carriedIn: true });
  return steps;
}
