/**
 * The ASTCT 2019 walk over one patient's course (CLINICAL-RULES.md section 2): observations and
 * doses in time order, instant by instant, so the onset (ASTCT-ONSET), the masking (ASTCT-MASK)
 * and the end of each episode (EPISODE-END, episodes.ts) are decided in one pass. After an
 * episode ends, the next fever starts a new one and only a drug given at or after that new onset
 * masks its fever.
 *
 * At each instant: first the running episode's end is checked, then a fever charted at the
 * instant starts an episode, then the doses at the instant (a drug at the onset instant masks),
 * then the sets at the instant are each graded on their own (TIE). Refused and not-possible sets
 * (OBS-STATUS) have no grade that counts and take no part in the episode.
 */
import { episodeEndAtMs, episodeHasEnded } from "../../episodes";
import { formatInstant } from "../../time";
import type { Reason } from "../../types";
import type { CrsCourseGrades, CrsObservationGrade, CrsWalkState, PatientCourse } from "../types";
import { feverStatus } from "./fever";
import { gradeCrs, type EpisodeContext } from "./grade";
import { doseMasking, type Masking } from "./masking";

interface RunningEpisode {
  onsetMs: number;
  onsetAt: string;
  masking: Masking | null;
  /** The last instant graded 1 or more: the episode ends episodeEndHours after it. */
  lastGradedAtMs: number;
}

/** Where the walk stands after an instant: the running episode, the end of the last one, the latest onset. */
interface AstctWalkState extends CrsWalkState {
  system: "ASTCT";
  running: Readonly<RunningEpisode> | null;
  previousEpisodeEndMs: number | null;
  latestStart: { at: string; atMs: number } | null;
}

function astctState(from: CrsWalkState | undefined): AstctWalkState | null {
  if (from === undefined) return null;
  if (from.system !== "ASTCT") throw new RangeError(`an ASTCT walk cannot go on from a ${from.system} walk`);
  return from as AstctWalkState;
}

/** OBS-STATUS: a refused or not-possible set charts no values, so it has no CRS grade that counts. */
function notGraded(status: "refused" | "not_possible", reason: string | null | undefined, atMs: number): CrsObservationGrade {
  const what = status === "refused" ? "Refused by the patient" : "Not possible";
  const why = reason ? `: ${reason}` : "";
  return {
    grade: 0,
    febrile: null,
    hypotensionAxis: 0,
    oxygenAxis: 0,
    bloodPressureKnown: false,
    reasons: [
      {
        rule: "OBS-STATUS",
        text: `${what} at ${formatInstant(atMs)}${why}: no values, no CRS grade and no NEWS2; the escalation clocks keep running (OBS-STATUS)`,
      },
    ],
    alerts: [],
  };
}

function isCharted(status: string | null | undefined): boolean {
  return (status ?? "charted") === "charted";
}

/**
 * Grade the whole course: one grade per observation and the ASTCT-MASK reasons of each dose.
 * `from`: go on from where an earlier walk ended (every fact of the course is after its last instant).
 */
export function gradeAstctCourse(course: PatientCourse, from?: CrsWalkState): CrsCourseGrades {
  const { observations, medications, settings } = course;
  const grades: CrsObservationGrade[] = [];
  const doseReasons: Reason[][] = [];
  const start = astctState(from);
  // A copy: the walk changes its running episode, and the state it started from may be read again.
  let running: RunningEpisode | null = start?.running ? { ...start.running } : null;
  let previousEpisodeEndMs: number | null = start?.previousEpisodeEndMs ?? null;
  let latestStart: { at: string; atMs: number } | null = start?.latestStart ?? null;

  let nextObservation = 0;
  let nextDose = 0;
  while (nextObservation < observations.length || nextDose < medications.length) {
    const atMs = Math.min(
      observations[nextObservation]?.atMs ?? Number.POSITIVE_INFINITY,
      medications[nextDose]?.atMs ?? Number.POSITIVE_INFINITY,
    );
    if (running && episodeHasEnded(running.lastGradedAtMs, atMs, settings)) {
      previousEpisodeEndMs = episodeEndAtMs(running.lastGradedAtMs, settings);
      running = null;
    }
    let end = nextObservation;
    while (observations[end]?.atMs === atMs) end++;
    const sets = observations.slice(nextObservation, end);
    if (!running) {
      const fever = sets.find(
        ({ observation }) => isCharted(observation.status) && feverStatus(observation.temperatureC).febrile === true,
      );
      if (fever) {
        running = { onsetMs: atMs, onsetAt: fever.at, masking: null, lastGradedAtMs: atMs };
        latestStart = { at: fever.at, atMs };
      }
    }
    while (medications[nextDose]?.atMs === atMs) {
      const dose = medications[nextDose];
      if (!dose) break;
      const episode = {
        onsetMs: running ? running.onsetMs : null,
        masking: running ? running.masking : null,
        previousEpisodeEndMs,
      };
      const result = doseMasking(dose.medication.drug, atMs, episode, settings);
      if (running && result.masking) running.masking = result.masking;
      doseReasons.push(result.reasons);
      nextDose++;
    }
    const context: EpisodeContext = running
      ? { onsetMs: running.onsetMs, masking: running.masking, previousEpisodeEndMs: null }
      : { onsetMs: null, masking: null, previousEpisodeEndMs };
    let gradedOneOrMore = false;
    for (const { observation, carriedInfusions } of sets) {
      const status = observation.status ?? "charted";
      if (status !== "charted") {
        grades.push(notGraded(status, observation.statusReason, atMs));
        continue;
      }
      const grade = gradeCrs(observation, atMs, context, carriedInfusions);
      if (grade.grade >= 1) gradedOneOrMore = true;
      grades.push(grade);
    }
    if (running && gradedOneOrMore) running.lastGradedAtMs = atMs;
    nextObservation = end;
  }
  const walkState: AstctWalkState = {
    system: "ASTCT",
    running: running ? { ...running } : null,
    previousEpisodeEndMs,
    latestStart,
  };
  return { episodeStart: latestStart, observations: grades, doseReasons, walkState };
}
