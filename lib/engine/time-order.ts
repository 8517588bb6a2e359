/**
 * Facts in the engine's time order: by instant (not by text: 07:30+01:00 is before 07:00Z), ties
 * broken by id, so nothing depends on the order the facts arrive in. Grading and anything that
 * must agree with it (which earlier observation an infusion is carried from) use this one order.
 */
import { parseInstant } from "./time";

/** A charted fact with the instant of its `at`, parsed once. */
export interface Timed<T> {
  fact: T;
  atMs: number;
}

function byTimeThenId<T extends { id: string }>(a: Timed<T>, b: Timed<T>): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return a.fact.id < b.fact.id ? -1 : a.fact.id > b.fact.id ? 1 : 0;
}

/** The facts ordered by effective time, ties broken by id, each with its instant. */
export function inTimeOrder<T extends { id: string; at: string }>(facts: readonly T[]): Timed<T>[] {
  return sortedInTime(facts.map((fact) => ({ fact, atMs: parseInstant(fact.at) })));
}

/** Facts whose instants are already parsed, in the same order (sorted in place). */
export function sortedInTime<T extends { id: string }>(timed: Timed<T>[]): Timed<T>[] {
  return timed.sort(byTimeThenId);
}
