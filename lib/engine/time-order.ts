/**
 * Facts in the engine's time order: by instant (not by text: 07:30+01:00 is before 07:00Z), ties
 * broken by id, so nothing depends on the order the facts arrive in. Grading and anything that
 * must agree with it (which earlier observation an infusion is carried from) use this one order.
 */
import { parseInstantInto } from "./time";
import type { MedicationInput, ObservationInput } from "./types";

/**
 * Called once per fact: bound once, because under CommonJS (tsx, the CLI and bench) each use of an
 * imported function goes through a getter (see timeline.ts).
 */
const instantInto = parseInstantInto;

/** Facts in time order with their instants, parsed once (times[i] belongs to items[i]). */
export interface InTimeOrder<T> {
  items: readonly T[];
  times: Float64Array;
}

/**
 * Instants of the observations' times (times[i] for observations[i]). Observations and doses are
 * read by two separate loops: one loop reading `at` from both kinds of object would see more
 * object shapes than V8 keeps a fast property load for, and this one runs once per observation.
 */
export function observationTimes(observations: readonly ObservationInput[]): Float64Array {
  const times = new Float64Array(observations.length);
  for (let i = 0; i < observations.length; i++) instantInto(observations[i].at, times, i);
  return times;
}

/** Instants of the doses' times (see observationTimes). */
export function medicationTimes(medications: readonly MedicationInput[]): Float64Array {
  const times = new Float64Array(medications.length);
  for (let i = 0; i < medications.length; i++) instantInto(medications[i].at, times, i);
  return times;
}

/**
 * Facts ordered by effective time (`times[i]` is the instant of facts[i]), ties broken by id so
 * the result never depends on input order.
 */
export function inTimeOrder<T extends { id: string }>(facts: readonly T[], times: Float64Array): InTimeOrder<T> {
  const count = facts.length;
  let ordered = true;
  for (let i = 1; i < count; i++) {
    if (times[i - 1] > times[i] || (times[i - 1] === times[i] && facts[i - 1].id > facts[i].id)) {
      ordered = false;
      break;
    }
  }
  if (ordered) return { items: facts, times }; // the usual case: charts arrive in order
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    if (times[a] !== times[b]) return times[a] - times[b];
    const idA = facts[a].id;
    const idB = facts[b].id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  return { items: order.map((i) => facts[i]), times: Float64Array.from(order, (i) => times[i]) };
}
