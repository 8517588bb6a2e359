// ALERT-LATE-ENTRY compares each observation's grade before a write with its grade after it, so a
// late entry graded the patient's observations twice (the engine's grades only, evaluateObservations:
// no doses, timers or tasks, which a write does not report). The timeline before a write is, most of
// the time, the very timeline the patient's previous write graded after itself. An observation's
// grade is a function of the engine's input facts: `now` only leaves out the facts after it (ASOF,
// lib/engine/asof.ts) and dates the timers, which are not grades. So this keeps, per patient in
// this process, the observation grades of the last timeline a write graded, under a hash of its
// whole engine input but `now`, and answers them again for the same input when no fact is after
// either `now`. The facts are hashed in time order (ties by id): the engine's output does not
// depend on the order they arrive in (lib/engine/time-order.ts, properties.test.ts), and a write
// adds its row at the end while a read has it in its place. Anything else (another fact, a corrected version, other weights or settings, a
// fact after `now`) is graded afresh; the answer is always the engine's for that input.
import { createHash } from "node:crypto";
import { evaluateObservations, type TimelineInput } from "@/lib/engine";

/** The observation grades, with the engine's walk over them (lib/observations/kept-walks.ts). */
export type Grades = ReturnType<typeof evaluateObservations>;

/** A write charts for a few patients at a time; the least recently graded are dropped first. */
const MAX_PATIENTS = 100;

const globalForMemo = globalThis as unknown as { crsGradesMemo?: Map<string, { key: string; grades: Grades }> };
const memo = (globalForMemo.crsGradesMemo ??= new Map<string, { key: string; grades: Grades }>());

/** The facts in the engine's time order (instant, then id). */
function inTimeOrder<T extends { id: string; at: string }>(facts: readonly T[] | undefined): T[] {
  return (facts ?? [])
    .map((fact) => ({ fact, atMs: Date.parse(fact.at) }))
    .sort((a, b) => a.atMs - b.atMs || (a.fact.id < b.fact.id ? -1 : a.fact.id > b.fact.id ? 1 : 0))
    .map(({ fact }) => fact);
}

/** The input but `now`, hashed; null when a fact is after `now` (then `now` changes what is graded). */
function keyOf(input: TimelineInput): string | null {
  const nowMs = Date.parse(input.now!);
  // Every fact ASOF filters by `now`: observations, doses, weights and task pauses.
  const instants = [
    ...(input.observations ?? []).map((fact) => fact.at),
    ...(input.medications ?? []).map((fact) => fact.at),
    ...(input.patient.weights ?? []).map((weight) => weight.at),
    ...(input.pauses ?? []).map((pause) => pause.from),
  ];
  if (instants.some((at) => !(Date.parse(at) <= nowMs))) return null;
  const { now: _now, ...rest } = input;
  const ordered = { ...rest, observations: inTimeOrder(input.observations), medications: inTimeOrder(input.medications) };
  return createHash("sha256").update(JSON.stringify(ordered)).digest("base64");
}

function remember(patientId: string, key: string | null, grades: Grades): void {
  memo.delete(patientId);
  if (key === null) return;
  memo.set(patientId, { key, grades });
  while (memo.size > MAX_PATIENTS) memo.delete(memo.keys().next().value!);
}

/** The observation grades, graded by the engine; kept for the patient's next write. */
export function gradeObservations(patientId: string, input: TimelineInput): Grades {
  const output = evaluateObservations(input);
  remember(patientId, keyOf(input), output);
  return output;
}

/** The observation grades only (read-only): the kept ones when the input is the one they were graded from. */
export function observationGrades(patientId: string, input: TimelineInput): Grades {
  const key = keyOf(input);
  const kept = memo.get(patientId);
  if (key !== null && kept?.key === key) return kept.grades;
  const output = evaluateObservations(input);
  remember(patientId, key, output);
  return output;
}
