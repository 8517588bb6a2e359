/**
 * The grade trajectory for a handoff: the grade the window opened with, then each observation at
 * which the engine's CRS or ICANS grade changed. Grades are the engine's; this only picks the
 * moments they changed, so a 15-minute chart reads as three lines instead of ninety-six.
 */
import type { GradedObservation } from "@/lib/engine";

export interface GradeStep {
  at: string;
  grade: number;
  icansGrade: number | null;
  /** True for the grade carried in from before the window. */
  carriedIn: boolean;
}

export function gradeTrajectory(observations: readonly GradedObservation[], fromMs: number): GradeStep[] {
  const ordered = [...observations].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const steps: GradeStep[] = [];
  let previous: GradedObservation | null = null;
  for (const o of ordered) {
    const atMs = Date.parse(o.at);
    if (atMs < fromMs) {
      previous = o;
      continue;
    }
    if (steps.length === 0 && previous) {
      steps.push({ at: previous.at, grade: previous.grade, icansGrade: previous.icansGrade, carriedIn: true });
    }
    const last = steps.length ? steps[steps.length - 1] : null;
    // ICANS "not assessed" in one set is not a change: only an assessed grade moves the ICANS line.
    const icansChanged = o.icansGrade !== null && o.icansGrade !== last?.icansGrade;
    if (!last || o.grade !== last.grade || icansChanged) {
      steps.push({ at: o.at, grade: o.grade, icansGrade: o.icansGrade ?? last?.icansGrade ?? null, carriedIn: false });
    }
  }
  if (steps.length === 0 && previous)
    steps.push({ at: previous.at, grade: previous.grade, icansGrade: previous.icansGrade, carriedIn: true });
  return steps;
}
