// Each recently read patient's whole graded timeline, kept in this process between reads of the
// patient page, its timeline API, the handoff and the other pages built on loadPatientTimeline.
//
// Without it every read ran the engine over the whole stay: about 300 ms at the server for the
// 30-day demo patient (2,880 sets) even for the 24 h window, so 20 nurses opening that page at
// once held the server for seconds and delayed an unrelated write. The rules are the ward board's
// (lib/ward/board-grades.ts, which keeps only what the board shows): the same key, read from the
// database on every request so that a write committed by any instance is seen on the next read,
// and the same validity (lib/engine/stable-until.ts: a kept answer, re-dated with
// `outputAtLaterNow`, equals a fresh evaluation until `stableUntil` or the next dose confirmation).
import { evaluateTimeline, outputAtLaterNow, stableUntil, type TimelineInput, type TimelineOutput } from "@/lib/engine";
import type { DoseConfirmations } from "@/lib/facts/dose-confirmations";
import type { GradingPatient } from "@/lib/facts/grading-patient";
import type { PatientFacts } from "@/lib/timeline/facts";
import type { TaskFacts } from "@/lib/timeline/task-facts";
import { frozen, keyOf, nextConfirmationMs } from "@/lib/timeline/kept-grades";

/** What a read shows of the charted facts themselves (rows, who charted them): built once per change. */
export interface Charted<S> {
  /** The users whose names the rows show. */
  userIds(): string[];
  /** Their current display names (read from the database on every request: a renamed user is seen). */
  names(ids: readonly string[]): Promise<Map<string, string>>;
  rows(input: TimelineInput, names: Map<string, string>): S;
}

interface Entry {
  facts: PatientFacts;
  key: string;
  now: string;
  nowMs: number;
  /** The grades hold for every now in [nowMs, untilMs). */
  untilMs: number;
  input: TimelineInput;
  output: TimelineOutput;
  userIds: string[];
  namesKey: string;
  rows: unknown;
  /** Graded sets held: what the entry costs. */
  sets: number;
}

export interface KeptTimeline<S> {
  input: TimelineInput;
  graded: TimelineOutput;
  rows: S;
}

/**
 * Unlike the board's entries these hold every graded set with its row and engine input: about
 * 17 MB of heap for the 30-day demo patient (2,880 sets, ~6 KB a set), about 2 MB for 14 days of
 * hourly sets. Fifty patients covers what a ward's staff has open at once and the handoff of a full
 * ward (10-30 beds); the budget of sets bounds the worst case (a ward of month-long stays charted
 * every 15 minutes) to about 120 MB. A patient not read lately is graded afresh on its next read,
 * as before this cache.
 */
const MAX_PATIENTS = 50;
const MAX_SETS = 20_000;

const globalForCache = globalThis as unknown as { crsTimelineGrades?: Map<string, Entry> };
const cache = (globalForCache.crsTimelineGrades ??= new Map<string, Entry>());

const namesKeyOf = (names: Map<string, string>) => JSON.stringify([...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The engine's input and evaluateTimeline(input) at `now`, and the rows shown of these facts, from
 * what is kept when it still holds. `input` builds the engine input of exactly these facts (current
 * versions, nothing entered in error) at `now`. The answers are shared between reads and frozen:
 * callers must not change them.
 *
 * The rows (every fact version mapped for display, about 100 ms and most of the garbage of a read
 * of the 30-day patient) depend on the facts, the confirmations (in the key) and the users' names
 * only: they are kept with the grades and rebuilt when a name changes.
 */
export async function keptTimelineAt<S>(
  patient: GradingPatient,
  facts: PatientFacts,
  confirmations: DoseConfirmations,
  taskFacts: TaskFacts,
  now: Date,
  input: () => TimelineInput,
  charted: Charted<S>,
): Promise<KeptTimeline<S>> {
  const nowMs = now.getTime();
  const key = keyOf(patient, facts.doses, confirmations, taskFacts);
  const kept = cache.get(patient.id);
  if (kept && kept.facts === facts && kept.key === key && kept.nowMs <= nowMs && nowMs < kept.untilMs) {
    const names = await charted.names(kept.userIds);
    const namesKey = namesKeyOf(names);
    if (namesKey !== kept.namesKey) {
      kept.rows = frozen(charted.rows(kept.input, names));
      kept.namesKey = namesKey;
    }
    cache.delete(patient.id);
    cache.set(patient.id, kept);
    if (nowMs === kept.nowMs) return { input: kept.input, graded: kept.output, rows: kept.rows as S };
    // Within [nowMs, untilMs) the input differs only by `now`: no confirmation is recorded in between.
    const laterNow = now.toISOString();
    return {
      input: { ...kept.input, now: laterNow },
      graded: outputAtLaterNow(kept.output, kept.now, laterNow),
      rows: kept.rows as S,
    };
  }
  const engineInput = frozen(input());
  const output = frozen(evaluateTimeline(engineInput));
  const untilMs = Math.min(stableUntil(engineInput, output), nextConfirmationMs(facts.doses, confirmations, nowMs));
  const userIds = charted.userIds();
  const names = await charted.names(userIds);
  const rows = frozen(charted.rows(engineInput, names));
  cache.delete(patient.id);
  cache.set(patient.id, {
    facts,
    key,
    now: engineInput.now!,
    nowMs,
    untilMs,
    input: engineInput,
    output,
    userIds,
    namesKey: namesKeyOf(names),
    rows,
    sets: output.observations.length,
  });
  // The least recently read go first; the patient just read stays, however long its stay.
  let sets = 0;
  for (const entry of cache.values()) sets += entry.sets;
  for (const [id, entry] of cache) {
    if (id === patient.id || (cache.size <= MAX_PATIENTS && sets <= MAX_SETS)) break;
    cache.delete(id);
    sets -= entry.sets;
  }
  return { input: engineInput, graded: output, rows };
}

/** Forget every kept timeline (tests compare the kept answers with fresh ones). */
export function forgetTimelineGrades(): void {
  cache.clear();
}
