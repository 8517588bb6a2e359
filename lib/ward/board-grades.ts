// Each patient's graded timeline, kept in this process between board reads and re-derived only
// when the patient's facts change or `now` passes the instant the kept grades hold until.
//
// Without it every board request ran the engine over every patient's whole history (about 10 ms
// a patient with 14 days of hourly sets): the board's cost grew with history, not with change.
// The engine says how long its answer holds (lib/engine/stable-until.ts: `stableUntil`, and
// `outputAtLaterNow` for the countdowns), so a kept answer re-read at a later `now` before then is
// the answer a fresh evaluation gives (property-tested there).
//
// The key is everything the engine reads for the patient, read from the database on every request
// (so a write committed by any instance is seen on the next read, as in fact-cache.ts):
// observations and doses (the fact cache's entry, the same object while their row counts are
// unchanged), the patient's grading settings and weights, the dose confirmations, the pauses and
// the acknowledgements. Confirmations enter the engine's input only once recorded by `now`, so a
// later one also ends the kept answer.
import { evaluateTimeline, outputAtLaterNow, stableUntil, type GradedObservation, type TimelineOutput } from "@/lib/engine";
import type { DoseConfirmations } from "@/lib/facts/dose-confirmations";
import type { GradingPatient } from "@/lib/facts/grading-patient";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, type PatientFacts } from "@/lib/timeline/facts";
import { frozen, keyOf, nextConfirmationMs } from "@/lib/timeline/kept-grades";
import { taskFactsForEngine, type TaskFacts } from "@/lib/timeline/task-facts";

/** What the board reads of a graded timeline: all of it but the sets, of which the latest and the latest charted. */
export type BoardGrades = Omit<TimelineOutput, "observations"> & {
  /** The latest charted set and the latest set (one when they are the same), in time order. */
  observations: GradedObservation[];
};

interface Entry {
  facts: PatientFacts;
  /** The rest of the key: the patient's grading columns and weights, confirmations, pauses, acknowledgements. */
  key: string;
  now: string;
  nowMs: number;
  /** The grades hold for every now in [nowMs, untilMs). */
  untilMs: number;
  grades: BoardGrades;
}

/** Enough for every active patient of several wards; the least recently read are dropped first. */
const MAX_PATIENTS = 2_000;

const globalForCache = globalThis as unknown as { crsBoardGrades?: Map<string, Entry> };
const cache = (globalForCache.crsBoardGrades ??= new Map<string, Entry>());

/** The latest charted set and the latest set: what the board shows (its last set, ALERT-NO-FEVER's "current"). */
function boardGradesOf(output: TimelineOutput): BoardGrades {
  const last = output.observations.at(-1);
  const lastCharted = output.observations.findLast((observation) => observation.status === "charted");
  const observations = [lastCharted, last].filter(
    (o, i, list): o is GradedObservation => o !== undefined && list.indexOf(o) === i,
  );
  return { ...output, observations };
}

/**
 * The patient's grades at `now`, as `evaluateTimeline` gives them from the stored facts (current
 * versions, nothing entered in error), with the sets cut to the latest and the latest charted.
 */
export function boardGradesAt(
  patient: GradingPatient,
  facts: PatientFacts,
  confirmations: DoseConfirmations,
  taskFacts: TaskFacts,
  now: Date,
): BoardGrades {
  const nowMs = now.getTime();
  const key = keyOf(patient, facts, confirmations, taskFacts);
  const kept = cache.get(patient.id);
  cache.delete(patient.id);
  if (kept && kept.facts === facts && kept.key === key && kept.nowMs <= nowMs && nowMs < kept.untilMs) {
    cache.set(patient.id, kept);
    return nowMs === kept.nowMs ? kept.grades : outputAtLaterNow(kept.grades, kept.now, now.toISOString());
  }
  const observations = currentVersions(facts.observations).map((lineage) => lineage.current);
  const doses = currentVersions(facts.doses).map((lineage) => lineage.current);
  const input = engineInput(patient, observations, doses, now, confirmations, taskFactsForEngine(taskFacts));
  const output = evaluateTimeline(input);
  const untilMs = Math.min(stableUntil(input, output), nextConfirmationMs(facts, confirmations, nowMs));
  const grades = frozen(boardGradesOf(output));
  cache.set(patient.id, { facts, key, now: input.now!, nowMs, untilMs, grades });
  while (cache.size > MAX_PATIENTS) cache.delete(cache.keys().next().value!);
  return grades;
}

/** Forget every kept grade (tests compare the kept answers with fresh ones). */
export function forgetBoardGrades(): void {
  cache.clear();
}
