import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeCrs } from "./grading/astct-2019/grade";
import { maskingReason, masksFever } from "./grading/astct-2019/masking";
import { gradeIcans } from "./icans";
import { news2Score } from "./news2";
import { resolveSettings } from "./settings";
import { evaluateTimeline } from "./timeline";
import { HOUR, MINUTE, T0 } from "./test-fixtures";
import type { MedicationInput, ObservationInput, TimelineInput, TimelineOutput } from "./types";
import { infusionsInEffect, type ChartedInfusions } from "./vasopressors";
import { CONSCIOUSNESS_LEVELS, OXYGEN_DEVICES } from "./vocabulary";

const SPAN_MINUTES = 72 * 60;
const iso = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A plausible observation; times on a 15-minute grid so that ties happen. */
const observationArb = fc
  .record({
    slot: fc.integer({ min: 0, max: SPAN_MINUTES / 15 }),
    temperatureC: optional(fc.integer({ min: 355, max: 410 }).map((t) => t / 10)),
    systolicBP: optional(
      fc.oneof(
        fc.integer({ min: 60, max: 150 }),
        fc.integer({ min: 120, max: 300 }).map((p) => p / 2),
      ),
    ),
    diastolicGap: fc.integer({ min: 10, max: 60 }),
    meanArterialPressure: optional(fc.integer({ min: 40, max: 110 })),
    oxygen: optional(
      fc.record({
        device: fc.constantFrom(...OXYGEN_DEVICES),
        flowLpm: optional(fc.integer({ min: 0, max: 60 }).map((f) => f / 2)),
        fio2: optional(fc.integer({ min: 21, max: 100 }).map((f) => f / 100)),
      }),
    ),
    // Absent about a third of the time: not charted, so infusions charted earlier carry forward.
    vasopressors: fc.option(
      fc.subarray(["norepinephrine", "epinephrine", "vasopressin", "dobutamine", "phenylephrine"] as const),
      {
        nil: undefined,
        freq: 2,
      },
    ),
    iceScore: optional(fc.integer({ min: 0, max: 10 })),
    consciousness: optional(fc.constantFrom(...CONSCIOUSNESS_LEVELS)),
  })
  .map(({ slot, diastolicGap, vasopressors, ...vitals }): Omit<ObservationInput, "id"> => ({
    at: iso(slot * 15),
    ...vitals,
    diastolicBP: vitals.systolicBP === undefined ? undefined : vitals.systolicBP - diastolicGap,
    vasopressors: vasopressors?.map((agent) => ({ agent })),
  }));

const medicationArb = fc
  .record({
    slot: fc.integer({ min: 0, max: SPAN_MINUTES / 30 }),
    drug: fc.constantFrom("tocilizumab", "tocilizumab", "dexamethasone", "paracetamol", "ondansetron", "anakinra"),
    doseMg: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ slot, ...rest }): Omit<MedicationInput, "id"> => ({ at: iso(slot * 30), route: "IV", ...rest }));

const timelineArb = fc
  .record({
    observations: fc.array(observationArb, { maxLength: 40 }),
    medications: fc.array(medicationArb, { maxLength: 10 }),
    nowMinutes: fc.integer({ min: 0, max: SPAN_MINUTES + 24 * 60 }),
    weightKg: optional(fc.integer({ min: 50, max: 1500 }).map((w) => w / 10)),
    antipyreticsMaskFever: fc.boolean(),
  })
  .map(({ observations, medications, nowMinutes, weightKg, antipyreticsMaskFever }): TimelineInput => ({
    patient: { id: "p", weightKg, antipyreticsMaskFever },
    observations: observations.map((o, i) => ({ id: `o${i}`, ...o })),
    medications: medications.map((m, i) => ({ id: `m${i}`, ...m })),
    now: iso(nowMinutes),
  }));

/** The same facts in another order. */
const shuffled = <T>(items: T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    const [a, b] = [copy[i], copy[j]];
    if (a !== undefined && b !== undefined) [copy[i], copy[j]] = [b, a];
  }
  return copy;
};

const runs = { numRuns: 300 };

describe("engine invariants", () => {
  it("input order never changes the output", () => {
    fc.assert(
      fc.property(timelineArb, fc.integer(), (input, seed) => {
        const reordered = {
          ...input,
          observations: shuffled(input.observations, seed),
          medications: shuffled(input.medications, seed + 1),
        };
        expect(evaluateTimeline(reordered)).toEqual(evaluateTimeline(input));
      }),
      runs,
    );
  });

  it("grades are 0..4 (5 only when charted), ICANS 0..4 or null, and observations come out in time order", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        const output = evaluateTimeline(input);
        for (const o of output.observations) {
          expect(o.grade).toBeGreaterThanOrEqual(0);
          expect(o.grade).toBeLessThanOrEqual(4);
          if (o.icansGrade !== null) expect([0, 1, 2, 3, 4]).toContain(o.icansGrade);
        }
        const times = output.observations.map((o) => Date.parse(o.at));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(output.maxGrade).toBe(Math.max(0, ...output.observations.map((o) => o.grade)));
        expect(output.currentGrade).toBe(output.observations.at(-1)?.grade ?? 0);
      }),
      runs,
    );
  });

  it("an observation's grade depends only on facts at or before its time (appending later facts never changes it)", () => {
    fc.assert(
      fc.property(timelineArb, fc.integer({ min: 0, max: SPAN_MINUTES }), (input, cutMinutes) => {
        const cut = T0 + cutMinutes * MINUTE;
        const upToCut = {
          ...input,
          observations: input.observations.filter((o) => Date.parse(o.at) <= cut),
          medications: input.medications.filter((m) => Date.parse(m.at) <= cut),
        };
        const partial = evaluateTimeline(upToCut);
        const full = new Map(evaluateTimeline(input).observations.map((o) => [o.id, o]));
        for (const o of partial.observations) {
          expect(full.get(o.id)?.grade).toBe(o.grade);
          expect(full.get(o.id)?.reasons).toEqual(o.reasons);
        }
      }),
      runs,
    );
  });

  it("evaluating twice gives the same result and leaves the input untouched", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        const before = structuredClone(input);
        const first = evaluateTimeline(input);
        expect(evaluateTimeline(input)).toEqual(first);
        expect(input).toEqual(before);
      }),
      runs,
    );
  });

  it("adding a later tocilizumab dose never removes a flag from an earlier one", () => {
    fc.assert(
      fc.property(
        timelineArb,
        fc.integer({ min: 1, max: 48 * 60 }),
        fc.integer({ min: 1, max: 1500 }),
        (input, afterMinutes, doseMg) => {
          const last = Math.max(T0, ...input.medications.map((m) => Date.parse(m.at)));
          const extra: MedicationInput = {
            id: "extra",
            at: new Date(last + afterMinutes * MINUTE).toISOString(),
            drug: "tocilizumab",
            doseMg,
          };
          const before = evaluateTimeline(input);
          const after = new Map(
            evaluateTimeline({ ...input, medications: [...input.medications, extra] }).medications.map((m) => [m.id, m]),
          );
          for (const m of before.medications) expect(after.get(m.id)?.flags).toEqual(m.flags);
        },
      ),
      runs,
    );
  });

  it("every reason, recommendation and alert names its rule in its text", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        const output = evaluateTimeline(input);
        const all = [
          ...output.observations.flatMap((o) => o.reasons),
          ...output.medications.flatMap((m) => m.reasons),
          ...output.timers.flatMap((t) => t.reasons),
          ...output.recommendations,
          ...output.alerts,
        ];
        for (const item of all) expect(item.text.endsWith(`(${item.rule})`)).toBe(true);
        for (const o of output.observations) expect(o.reasons.length).toBeGreaterThanOrEqual(4);
      }),
      runs,
    );
  });

  it("every observation of a timeline is graded exactly as gradeCrs and gradeIcans grade it alone, given its episode", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        // An independent walk in the engine's order: by instant, ties by id.
        const inOrder = <T extends { id: string; at: string }>(facts: readonly T[]) =>
          [...facts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const observations = inOrder(input.observations);
        const onset = observations.find((o) => o.temperatureC != null && o.temperatureC >= 38);
        const onsetMs = onset ? Date.parse(onset.at) : null;
        const settings = resolveSettings(null, input.patient);
        const maskingDose = inOrder(input.medications).find(
          (m) => onsetMs !== null && Date.parse(m.at) >= onsetMs && masksFever(m.drug, settings),
        );
        const masking = maskingDose
          ? { atMs: Date.parse(maskingDose.at), reason: maskingReason(maskingDose.drug, Date.parse(maskingDose.at)) }
          : null;
        let charted: ChartedInfusions | null = null;
        const expected = observations.map((o) => {
          const atMs = Date.parse(o.at);
          const crs = gradeCrs(o, atMs, { onsetMs, masking }, o.vasopressors == null ? charted : null);
          if (o.vasopressors != null)
            charted = o.vasopressors.length > 0 ? { observationId: o.id, atMs, vasopressors: o.vasopressors } : null;
          const icans = gradeIcans(o);
          const news2 = news2Score(o);
          return {
            id: o.id,
            status: "charted",
            grade: crs.grade,
            news2: { score: news2.score, complete: news2.complete, band: news2.band },
            icansGrade: icans.grade,
            febrile: crs.febrile,
            hypotensionAxis: crs.hypotensionAxis,
            oxygenAxis: crs.oxygenAxis,
            reasons: [...crs.reasons, ...icans.reasons, ...news2.reasons],
          };
        });
        const graded = evaluateTimeline(input).observations.map(({ at: _at, ...rest }) => rest);
        expect(graded).toEqual(expected);
      }),
      runs,
    );
  });

  it("an observation that does not chart vasopressors is graded as if it charted those last charted before it, and pages are told which", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        // The engine's order: by instant, ties by id.
        const ordered = [...input.observations].sort(
          (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
        let last: ObservationInput["vasopressors"] = [];
        const explicit = ordered.map((o) => {
          if (o.vasopressors != null) last = o.vasopressors;
          return { ...o, vasopressors: last };
        });
        const axes = (output: TimelineOutput) =>
          output.observations.map((o) => [o.id, o.grade, o.hypotensionAxis, o.oxygenAxis, o.febrile]);
        expect(axes(evaluateTimeline(input))).toEqual(axes(evaluateTimeline({ ...input, observations: explicit })));

        // Pages are told the same (infusionsInEffect): carried exactly where nothing was charted and something ran.
        const { carried } = infusionsInEffect(input.observations);
        const expected = new Map(
          ordered
            .map((o, i) => {
              const inEffect = explicit[i]?.vasopressors ?? [];
              return [o.id, o.vasopressors == null && inEffect.length > 0 ? inEffect : null] as const;
            })
            .filter(([, list]) => list !== null),
        );
        expect(new Map([...carried].map(([id, from]) => [id, from.vasopressors]))).toEqual(expected);
      }),
      runs,
    );
  });

  it("TOCI-NEXT is never before now and never earlier than 8 h after the last dose", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        const output = evaluateTimeline(input);
        const next = output.tocilizumab.nextEligibleAt;
        if (next === null) {
          expect(output.tocilizumab.dosesTotal).toBeGreaterThanOrEqual(4);
          return;
        }
        expect(Date.parse(next)).toBeGreaterThanOrEqual(Date.parse(input.now!));
        const doses = input.medications.filter((m) => m.drug === "tocilizumab").map((m) => Date.parse(m.at));
        if (doses.length) expect(Date.parse(next)).toBeGreaterThanOrEqual(Math.max(...doses) + 8 * HOUR);
      }),
      runs,
    );
  });
});
