import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputAtLaterNow, stableUntil } from "./stable-until";
import { evaluateTimeline } from "./timeline";
import { HOUR, MINUTE, T0 } from "./test-fixtures";
import type { AcknowledgementInput, MedicationInput, ObservationInput, PauseInput, TimelineInput } from "./types";
import { CONSCIOUSNESS_LEVELS, OXYGEN_DEVICES, TOCI_FLAGS } from "./vocabulary";

const SPAN_MINUTES = 96 * 60;
const iso = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Sets on a 15-minute grid (ties happen): charted with any values, or refused / not possible. */
const observationArb = fc
  .record({
    slot: fc.integer({ min: 0, max: SPAN_MINUTES / 15 }),
    status: fc.constantFrom("charted", "charted", "charted", "charted", "refused", "not_possible"),
    temperatureC: optional(fc.integer({ min: 355, max: 410 }).map((t) => t / 10)),
    systolicBP: optional(fc.integer({ min: 60, max: 150 })),
    respiratoryRate: optional(fc.integer({ min: 6, max: 35 })),
    heartRate: optional(fc.integer({ min: 35, max: 150 })),
    spo2: optional(fc.integer({ min: 82, max: 100 })),
    oxygen: optional(
      fc.record({
        device: fc.constantFrom(...OXYGEN_DEVICES),
        flowLpm: optional(fc.integer({ min: 0, max: 60 }).map((f) => f / 2)),
      }),
    ),
    vasopressors: fc.option(fc.subarray(["norepinephrine", "vasopressin"] as const), { nil: undefined, freq: 2 }),
    iceScore: optional(fc.integer({ min: 0, max: 10 })),
    consciousness: optional(fc.constantFrom(...CONSCIOUSNESS_LEVELS)),
  })
  .map(({ slot, status, vasopressors, ...vitals }): Omit<ObservationInput, "id"> =>
    status === "charted"
      ? {
          at: iso(slot * 15),
          ...vitals,
          diastolicBP: vitals.systolicBP === undefined ? undefined : vitals.systolicBP - 30,
          vasopressors: vasopressors?.map((agent) => ({ agent })),
        }
      : { at: iso(slot * 15), status, statusReason: "declined" },
  );

/** Tocilizumab (some confirmed, at, before or after now), a steroid, an antipyretic. */
const medicationArb = fc
  .record({
    slot: fc.integer({ min: 0, max: SPAN_MINUTES / 30 }),
    drug: fc.constantFrom("tocilizumab", "tocilizumab", "tocilizumab", "dexamethasone", "paracetamol", "anakinra"),
    doseMg: fc.integer({ min: 1, max: 1000 }),
    confirmed: fc.option(fc.record({ after: fc.integer({ min: 0, max: 48 * 60 }), flags: fc.subarray([...TOCI_FLAGS]) }), {
      nil: undefined,
    }),
  })
  .map(({ slot, confirmed, ...rest }): Omit<MedicationInput, "id"> => ({
    at: iso(slot * 30),
    route: "IV",
    ...rest,
    ...(confirmed ? { confirmedFlags: confirmed.flags, confirmedAt: iso(slot * 30 + confirmed.after), confirmedBy: "Dr A" } : {}),
  }));

const pauseArb = fc
  .record({
    from: fc.integer({ min: 0, max: SPAN_MINUTES }),
    length: fc.option(fc.integer({ min: 15, max: 600 }), { nil: null }),
  })
  .map(({ from, length }): Omit<PauseInput, "id"> => ({
    from: iso(from),
    until: length === null ? null : iso(from + length),
    reason: "MRI",
  }));

const inputArb = fc
  .record({
    observations: fc.array(observationArb, { maxLength: 40 }),
    medications: fc.array(medicationArb, { maxLength: 8 }),
    pauses: fc.array(pauseArb, { maxLength: 3 }),
    weights: fc.array(
      fc.record({ slot: fc.integer({ min: -14 * 24, max: SPAN_MINUTES / 60 }), kg: fc.integer({ min: 20, max: 120 }) }),
      {
        maxLength: 3,
      },
    ),
    obsIntervalMinutes: fc.option(fc.integer({ min: 15, max: 240 }), { nil: null }),
    antipyreticsMaskFever: fc.boolean(),
    tociMinIntervalHours: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
  })
  .map(({ observations, medications, pauses, weights, ...patient }): TimelineInput => ({
    patient: {
      id: "p",
      weightKg: 70,
      weights: weights.map(({ slot, kg }) => ({ at: iso(slot * 60), kg })),
      ...patient,
    },
    observations: observations.map((o, i) => ({ id: `o${i}`, ...o })),
    medications: medications.map((m, i) => ({ id: `m${i}`, ...m })),
    pauses: pauses.map((p, i) => ({ id: `p${i}`, ...p })),
    acknowledgements: [],
  }));

/** Answers to tasks the facts raise, some before and some after the now being evaluated. */
function withAcknowledgements(
  input: TimelineInput,
  picks: { pick: number; after: number; physician: boolean }[] | "every task",
): TimelineInput {
  const raised = evaluateTimeline({ ...input, now: iso(SPAN_MINUTES + 48 * 60) }).tasks;
  if (raised.length === 0) return input;
  // Every task answered at once: no task waits, so no re-notification bounds how long an output is kept.
  const chosen = picks === "every task" ? raised.map((_, pick) => ({ pick, after: 1, physician: true })) : picks;
  const acknowledgements = chosen.map(({ pick, after, physician }, index): AcknowledgementInput => {
    const task = raised[pick % raised.length]!;
    return {
      id: `a${index}`,
      taskId: task.id,
      at: new Date(Date.parse(task.raisedAt) + after * MINUTE).toISOString(),
      by: physician ? "Dr A" : "Nurse B",
      role: physician ? "physician" : "nurse",
      outcome: "seen",
    };
  });
  return { ...input, acknowledgements };
}

/** The facts charted by `nowMs` (acknowledgements and confirmations after it are kept: they are answered later). */
function asOf(input: TimelineInput, nowMs: number): TimelineInput {
  const by = (at: string) => Date.parse(at) <= nowMs;
  return {
    ...input,
    patient: { ...input.patient, weights: input.patient.weights?.filter((w) => by(w.at)) },
    observations: input.observations.filter((o) => by(o.at)),
    medications: input.medications.filter((m) => by(m.at)),
  };
}

const ackArb = fc.oneof(
  fc.array(fc.record({ pick: fc.nat(), after: fc.integer({ min: -30, max: 240 }), physician: fc.boolean() }), { maxLength: 4 }),
  fc.constant("every task" as const),
);
/** On the facts' grid (where instants coincide) or between. */
const nowArb = fc
  .tuple(fc.integer({ min: 0, max: SPAN_MINUTES + 24 * 60 }), fc.constantFrom(0, 0, 17_000))
  .map(([minutes, ms]) => T0 + minutes * MINUTE + ms);
/** Where between now and stableUntil the later now falls: anywhere, and at its last millisecond. */
const laterArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1));

// PROPERTY_RUNS=5000 searches harder before a release; CI runs the default.
const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) };

describe("stableUntil and outputAtLaterNow", () => {
  it("an output kept from an earlier now, re-read at a later now before stableUntil, equals a fresh evaluation", () => {
    let checked = 0;
    fc.assert(
      fc.property(inputArb, ackArb, nowArb, laterArb, fc.nat(3), (facts, picks, nowMs, fraction, future) => {
        // A quarter of the runs keep facts dated after now (nothing can then be kept: see the last test).
        const input = {
          ...withAcknowledgements(future === 0 ? facts : asOf(facts, nowMs), picks),
          now: new Date(nowMs).toISOString(),
        };
        const kept = evaluateTimeline(input);
        const until = stableUntil(input, kept);
        expect(until).toBeGreaterThanOrEqual(nowMs);
        if (until <= nowMs + 1) return;
        checked++;
        // Never more than a week (the longest interval) ahead: the last millisecond of an open-ended output is a week away.
        const span = Math.min(until, nowMs + 8 * 24 * HOUR) - 1 - nowMs;
        const laterMs = nowMs + 1 + Math.floor(fraction * (span - 1));
        const later = new Date(laterMs).toISOString();
        expect(outputAtLaterNow(kept, input.now, later)).toEqual(evaluateTimeline({ ...input, now: later }));
      }),
      runs,
    );
    // Many random outputs can be kept a while: the property is not vacuous.
    expect(checked).toBeGreaterThan(runs.numRuns / 3);
  });

  it("the first millisecond not covered is one where the output may change: an OBS_DUE turning overdue", () => {
    const input: TimelineInput = {
      patient: { id: "p", weightKg: 70 },
      observations: [{ id: "o1", at: iso(0), temperatureC: 36.8, systolicBP: 120, diastolicBP: 80, respiratoryRate: 16 }],
      medications: [],
      now: iso(60),
    };
    const output = evaluateTimeline(input);
    const due = output.timers.find((timer) => timer.kind === "OBS_DUE")!;
    expect(due.status).toBe("running");
    expect(stableUntil(input, output)).toBeLessThanOrEqual(Date.parse(due.dueAt));
    const atDue = evaluateTimeline({ ...input, now: due.dueAt }).timers.find((timer) => timer.kind === "OBS_DUE")!;
    expect(atDue.status).toBe("overdue");
  });

  it("re-reads the countdown and an 'eligible now' tocilizumab dose at the later now", () => {
    const input: TimelineInput = {
      patient: { id: "p", weightKg: 70 },
      observations: [{ id: "o1", at: iso(0), temperatureC: 38.8, systolicBP: 120, diastolicBP: 80 }],
      medications: [],
      now: iso(10),
    };
    const kept = evaluateTimeline(input);
    const later = iso(12);
    expect(stableUntil(input, kept)).toBeGreaterThan(Date.parse(later));
    const reread = outputAtLaterNow(kept, input.now!, later);
    expect(reread.tocilizumab.nextEligibleAt).toBe(later);
    expect(JSON.stringify(reread.timers)).toContain("due in 23 h 48 min");
    expect(reread).toEqual(evaluateTimeline({ ...input, now: later }));
  });

  it("keeps nothing while a fact is dated after now (its alert names now)", () => {
    const input: TimelineInput = {
      patient: { id: "p", weightKg: 70 },
      observations: [{ id: "o1", at: iso(120), temperatureC: 36.8 }],
      medications: [],
      now: iso(10),
    };
    expect(stableUntil(input, evaluateTimeline(input))).toBe(Date.parse(input.now!));
  });
});
