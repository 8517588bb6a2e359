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
// observations and doses (their fact version: the patient's row counts, equal counts being the same
// rows as facts are append-only), the patient's grading settings and weights, the dose
// confirmations, the pauses and the acknowledgements. Only the counts are needed to re-use kept
// grades: the facts themselves are read (through the fact cache) only for a patient re-graded, so
// a board of unchanged patients holds no history in memory. Confirmations enter the engine's input
// only once recorded by `now`, so a later one also ends the kept answer.
import { evaluateTimeline, outputAtLaterNow, stableUntil, type GradedObservation, type TimelineOutput } from "@/lib/engine";
import type { DoseConfirmations } from "@/lib/facts/dose-confirmations";
import type { GradingPatient } from "@/lib/facts/grading-patient";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, type DoseVersion, type PatientFacts } from "@/lib/timeline/facts";
import { frozen, keyOf, nextConfirmationMs } from "@/lib/timeline/kept-grades";
import { taskFactsForEngine, type TaskFacts } from "@/lib/timeline/task-facts";

/** What the board reads of a graded timeline: all of it but the sets, of which the latest and the latest charted. */
export type BoardGrades = Omit<TimelineOutput, "observations"> & {
  /** The latest charted set and the latest set (one when they are the same), in time order. */
  observations: GradedObservation[];
};

interface Entry {
  /** The fact version graded (lib/timeline/fact-cache.ts `factVersionOf`). */
  factVersion: string;
  /** The patient's dose versions (few): the key's confirmations and the next confirmation are theirs. */
  doses: readonly DoseVersion[];
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
 * The grades kept for the patient when they still hold at `now` for this fact version and the
 * rest of the key (the answer `boardGradesAt` gives), or null: the patient is to be re-graded.
 */
export function keptBoardGrades(
  patient: GradingPatient,
  factVersion: string,
  confirmations: DoseConfirmations,
  taskFacts: TaskFacts,
  now: Date,
): BoardGrades | null {
  const nowMs = now.getTime();
  const kept = cache.get(patient.id);
  if (!kept || kept.factVersion !== factVersion || !(kept.nowMs <= nowMs && nowMs < kept.untilMs)) return null;
  if (kept.key !== keyOf(patient, kept.doses, confirmations, taskFacts)) return null;
  // Re-inserted: the Map's order is the order of last use.
  cache.delete(patient.id);
  cache.set(patient.id, kept);
  return nowMs === kept.nowMs ? kept.grades : outputAtLaterNow(kept.grades, kept.now, now.toISOString());
}

/**
 * The patient's grades at `now`, as `evaluateTimeline` gives them from the stored facts (current
 * versions, nothing entered in error), with the sets cut to the latest and the latest charted;
 * kept for `keptBoardGrades` under `factVersion`, the counts read before `facts`.
 */
export function boardGradesAt(
  patient: GradingPatient,
  facts: PatientFacts,
  factVersion: string,
  confirmations: DoseConfirmations,
  taskFacts: TaskFacts,
  now: Date,
): BoardGrades {
  const kept = keptBoardGrades(patient, factVersion, confirmations, taskFacts, now);
  if (kept) return kept;
  const nowMs = now.getTime();
  const observations = currentVersions(facts.observations).map((lineage) => lineage.current);
  const doses = currentVersions(facts.doses).map((lineage) => lineage.current);
  const input = engineInput(patient, observations, doses, now, confirmations, taskFactsForEngine(taskFacts));
  const output = evaluateTimeline(input);
  const untilMs = Math.min(stableUntil(input, output), nextConfirmationMs(facts.doses, confirmations, nowMs));
  const grades = frozen(boardGradesOf(output));
  const key = keyOf(patient, facts.doses, confirmations, taskFacts);
  cache.delete(patient.id);
  cache.set(patient.id, { factVersion, doses: facts.doses, key, now: input.now!, nowMs, untilMs, grades });
  while (cache.size > MAX_PATIENTS) cache.delete(cache.keys().next().value!);
  return grades;
}

/** Forget every kept grade (tests compare the kept answers with fresh ones). */
export function forgetBoardGrades(): void {
  cache.clear();
}
