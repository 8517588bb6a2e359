/**
 * The seam between the timeline and a grading system. A CRS grading system (ASTCT 2019 today,
 * Lee 2014 later) reads a patient's course in time order and returns, for each observation, its
 * grade with the reasons (rule IDs in the text), plus what it says about each dose (ASTCT-MASK).
 * The timeline composes it with ICANS (icans.ts) and, later, an early warning score (NEWS2), which
 * is a score per observation rather than a CRS grade, so it gets its own small interface beside
 * this one instead of squeezing into CrsGrade.
 */
import type { EngineSettings } from "../settings";
import type { CrsGrade, HypotensionAxisGrade, MedicationInput, ObservationInput, OxygenAxisGrade, Reason } from "../types";
import type { ChartedInfusions } from "../vasopressors";

/** One observation of the course: the charted facts, their instant, and the infusions carried to it. */
export interface ChartedObservation {
  observation: ObservationInput;
  /** UTC ISO text of the instant, as the output shows it. */
  at: string;
  atMs: number;
  /** Infusions charted earlier and counted as running here (vasopressors.ts), or null. */
  carriedInfusions: ChartedInfusions | null;
}

/** One dose of the course, with its instant. */
export interface ChartedDose {
  /** The dose with `drug` read as its coded generic (DRUG-CODES). */
  medication: MedicationInput;
  /** The name as charted. */
  chartedName: string;
  at: string;
  atMs: number;
}

/** Everything charted for one patient, each list in the engine's time order (time-order.ts). */
export interface PatientCourse {
  observations: readonly ChartedObservation[];
  medications: readonly ChartedDose[];
  settings: EngineSettings;
}

/** The CRS grade of one observation, with what the timeline needs beside it. */
export interface CrsObservationGrade {
  grade: CrsGrade;
  /** From the charted temperature; null when no temperature was charted. */
  febrile: boolean | null;
  hypotensionAxis: HypotensionAxisGrade;
  oxygenAxis: OxygenAxisGrade;
  /** Blood pressure could be read, or a vasopressor was running (needed to count an improvement). */
  bloodPressureKnown: boolean;
  /** Every reason, in the order a clinician reads them (alerts included). */
  reasons: Reason[];
  /** Reasons that are also alerts beside the grade (ALERT-NO-FEVER). */
  alerts: Reason[];
}

export interface CrsCourseGrades {
  /** The onset of the latest CRS episode (ASTCT-ONSET, EPISODE-END), or null before any fever. */
  episodeStart: { at: string; atMs: number } | null;
  /** One per observation of the course, same order. */
  observations: CrsObservationGrade[];
  /** One list per dose of the course, same order: what the system says about it (may be empty). */
  doseReasons: Reason[][];
  /** Where the walk stands after the course's last instant: `gradeCourse`'s `from` for facts charted after it. */
  walkState: CrsWalkState;
}

/**
 * A system's walk state after an instant (its own shape, read only by the system that made it).
 * Grading facts all charted after that instant from it gives them the grades a walk over the
 * whole course gives them: a charting write grades its new set without walking the whole stay.
 */
export interface CrsWalkState {
  readonly system: string;
}

/** A CRS grading system; `Id` is its value of patient.gradingSystem (the Patient column). */
export interface CrsGradingSystem<Id extends string = string> {
  readonly id: Id;
  /** Its name as a clinician would cite it. */
  readonly title: string;
  /** `from`: the state a previous walk ended in; every fact of `course` is after that walk's last instant. */
  gradeCourse(course: PatientCourse, from?: CrsWalkState): CrsCourseGrades;
}
