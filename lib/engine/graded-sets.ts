/**
 * Each charted set graded on its own (its CRS grade from the grading system, ICANS and NEWS2, with
 * their reasons), and what is "current" at an instant shared by several sets: always the most
 * severe of them (TIE), never the order of their ids.
 */
import type { CrsCourseGrades, PatientCourse } from "./grading/types";
import { gradeIcans } from "./icans";
import { news2BandRank, news2Score } from "./news2";
import type { CadenceSet, LastSet } from "./observation-due";
import type { Alert, GradedObservation, IcansGrade, News2Summary } from "./types";

/** One graded set with what the clocks and the cadence read beside it (an escalation-clocks.ts series set as it is). */
export interface GradedSet {
  observation: GradedObservation;
  atMs: number;
  charted: boolean;
  cadence: CadenceSet;
  systolicCharted: boolean;
  deviceCharted: boolean;
  canShowWorsening: boolean;
  iceCharted: boolean;
  statusReason: string | null;
}

/** Each observation's CRS grade (from the grading system), ICANS grade and NEWS2, with their reasons. */
export function gradeObservations(
  course: PatientCourse,
  crs: CrsCourseGrades,
  spo2Scale: 1 | 2,
): { sets: GradedSet[]; alerts: Alert[] } {
  const sets: GradedSet[] = [];
  const alerts: Alert[] = [];
  course.observations.forEach(({ observation, at, atMs }, index) => {
    const grade = crs.observations[index];
    if (!grade) throw new RangeError(`the grading system returned no grade for observation ${observation.id}`);
    const status = observation.status ?? "charted";
    const charted = status === "charted";
    const icans = charted ? gradeIcans(observation) : { grade: null, reasons: [] };
    // OBS-STATUS: a refused or not-possible set has no NEWS2.
    const news2 = charted
      ? news2Score(observation, { spo2Scale, news2HighCadenceMinutes: course.settings.news2HighCadenceMinutes })
      : null;
    const graded: GradedObservation = {
      id: observation.id,
      at,
      status,
      grade: grade.grade,
      news2: news2 && { score: news2.score, complete: news2.complete, band: news2.band },
      icansGrade: icans.grade,
      febrile: grade.febrile,
      hypotensionAxis: grade.hypotensionAxis,
      oxygenAxis: grade.oxygenAxis,
      reasons: [...grade.reasons, ...icans.reasons, ...(news2 ? news2.reasons : [])],
    };
    sets.push({
      observation: graded,
      atMs,
      charted,
      cadence: {
        id: observation.id,
        grade: grade.grade,
        febrile: grade.febrile,
        news2: news2 && { score: news2.score, complete: news2.complete, band: news2.band, cadenceMinutes: news2.cadenceMinutes },
      },
      systolicCharted: observation.systolicBP != null,
      deviceCharted: observation.oxygen != null,
      canShowWorsening:
        observation.systolicBP != null ||
        observation.meanArterialPressure != null ||
        observation.vasopressors != null ||
        observation.oxygen != null ||
        observation.crsDeath === true,
      iceCharted: observation.iceScore != null,
      statusReason: observation.statusReason ?? null,
    });
    for (const alert of grade.alerts) alerts.push({ ...alert, at, observationId: observation.id });
  });
  return { sets, alerts };
}

/** The sets grouped by instant, in time order. */
export function byInstant<T extends { atMs: number }>(sets: readonly T[]): T[][] {
  const instants: T[][] = [];
  for (const set of sets) {
    const last = instants.at(-1);
    if (last && last[0]?.atMs === set.atMs) last.push(set);
    else instants.push([set]);
  }
  return instants;
}

/**
 * NEWS2 of the latest charted instant; of sets at that instant, the most severe (TIE): the highest
 * band (it decides the response: a single parameter scoring 3 is low-medium at a total of 4), then
 * the highest score, then an incomplete set (its score is only "at least").
 */
export function latestNews2(instant: readonly GradedSet[] | undefined): News2Summary | null {
  const severity = (news2: News2Summary) => [news2BandRank(news2.band), news2.score, news2.complete ? 0 : 1];
  const moreSevere = (a: News2Summary, b: News2Summary) => {
    const [x, y] = [severity(a), severity(b)];
    const differs = x.findIndex((value, i) => value !== y[i]);
    return differs >= 0 && x[differs]! > y[differs]!;
  };
  let best: News2Summary | null = null;
  for (const { observation } of instant ?? []) {
    const news2 = observation.news2;
    if (news2 && (!best || moreSevere(news2, best))) best = news2;
  }
  return best;
}

/** ICANS of the latest instant with an ICANS grade: the highest of the sets at it (TIE). */
export function latestIcans(
  instants: readonly GradedSet[][],
): { grade: IcansGrade; id: string; at: string; atMs: number } | null {
  for (let index = instants.length - 1; index >= 0; index--) {
    let best: { grade: IcansGrade; id: string; at: string; atMs: number } | null = null;
    for (const { observation, atMs } of instants[index] ?? []) {
      if (observation.icansGrade === null) continue;
      if (!best || observation.icansGrade > best.grade || (observation.icansGrade === best.grade && observation.id < best.id)) {
        best = { grade: observation.icansGrade, id: observation.id, at: observation.at, atMs };
      }
    }
    if (best) return best;
  }
  return null;
}

/**
 * The last set of any status for OBS_DUE. A charted set wins at an instant shared with a refused
 * one (the one whose interval decided, `sourceId`); refused or not-possible sets alone: the first by id (a label only).
 */
export function lastSet(instant: readonly GradedSet[], sourceId: string | null): LastSet {
  const charted = instant.filter((set) => set.charted);
  const byId = [...(charted.length > 0 ? charted : instant)].sort((a, b) => (a.observation.id < b.observation.id ? -1 : 1));
  const chosen = byId.find((set) => set.observation.id === sourceId) ?? byId[0];
  if (!chosen) throw new RangeError("an instant has at least one set");
  return {
    id: chosen.observation.id,
    at: chosen.observation.at,
    atMs: chosen.atMs,
    status: chosen.observation.status,
    statusReason: chosen.statusReason,
  };
}
