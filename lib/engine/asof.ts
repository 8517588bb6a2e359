/**
 * ASOF (CLINICAL-RULES.md section 1, rev 2): the engine answers "as of `now`". A fact whose
 * effective time is after `now` is left out of everything derived (grades, counts, timers,
 * recommendations) and named in ALERT-FUTURE-FACT; a pause starting after `now` has not started.
 * So evaluating the facts recorded up to an instant T with `now = T` replays what the team saw at T.
 */
import { num } from "./format";
import { formatInstant, parseInstant, toIsoUtc } from "./time";
import type { Timed } from "./time-order";
import type { TimedPause } from "./observation-due";
import type { Alert, MedicationInput, ObservationInput, TimelineInput } from "./types";
import type { WeightMeasurement } from "./weights";

export interface FactsAsOf {
  /** Each with its instant, parsed once here (in input order). */
  observations: Timed<ObservationInput>[];
  medications: Timed<MedicationInput>[];
  /** TOCI-WEIGHT: the measured weights at or before now, null when the patient has no weight history at all. */
  weights: WeightMeasurement[] | null;
  /** OBS-PAUSE: pauses that started at or before now. */
  pauses: TimedPause[];
  /** ALERT-FUTURE-FACT, one per observation, dose or weight left out. */
  futureFacts: Alert[];
}

function futureText(what: string, atMs: number, nowMs: number): string {
  return `${what} at ${formatInstant(atMs)} is after now (${formatInstant(nowMs)}): left out of grades, counts and timers until then (ALERT-FUTURE-FACT)`;
}

/** Split the facts into those at or before `now` (used) and those after it (named, never used). */
export function factsAsOf(input: TimelineInput, nowMs: number): FactsAsOf {
  const futureFacts: Alert[] = [];
  const observations: Timed<ObservationInput>[] = [];
  for (const observation of input.observations ?? []) {
    const atMs = parseInstant(observation.at);
    if (atMs <= nowMs) observations.push({ fact: observation, atMs });
    else
      futureFacts.push({
        rule: "ALERT-FUTURE-FACT",
        text: futureText(`Observation ${observation.id}`, atMs, nowMs),
        at: toIsoUtc(atMs),
        observationId: observation.id,
      });
  }
  const medications: Timed<MedicationInput>[] = [];
  for (const medication of input.medications ?? []) {
    const atMs = parseInstant(medication.at);
    if (atMs <= nowMs) medications.push({ fact: medication, atMs });
    else
      futureFacts.push({
        rule: "ALERT-FUTURE-FACT",
        text: futureText(`Dose ${medication.id} (${medication.drug} ${num(medication.doseMg)} mg)`, atMs, nowMs),
        at: toIsoUtc(atMs),
        medicationId: medication.id,
      });
  }
  let weights: WeightMeasurement[] | null = null;
  for (const weight of input.patient.weights ?? []) {
    const atMs = parseInstant(weight.at);
    if (atMs <= nowMs) (weights ??= []).push({ atMs, kg: weight.kg });
    else
      futureFacts.push({
        rule: "ALERT-FUTURE-FACT",
        text: futureText(`Weight ${num(weight.kg)} kg`, atMs, nowMs),
        at: toIsoUtc(atMs),
      });
  }
  const pauses: TimedPause[] = [];
  for (const pause of input.pauses ?? []) {
    const fromMs = parseInstant(pause.from);
    if (fromMs > nowMs) continue;
    pauses.push({ id: pause.id, fromMs, untilMs: pause.until == null ? null : parseInstant(pause.until), reason: pause.reason });
  }
  return { observations, medications, weights, pauses, futureFacts };
}
