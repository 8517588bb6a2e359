import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeCrs } from "./grading/astct-2019/grade";
import { maskingReason, masksFever, type Masking } from "./grading/astct-2019/masking";
import { gradeIcans } from "./icans";
import { news2Score } from "./news2";
import { resolveSettings } from "./settings";
import { evaluateLaterObservations, evaluateObservations, evaluateTimeline } from "./timeline";
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

// PROPERTY_RUNS=5000 searches harder before a release; CI runs the default.
const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

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
        // ASOF: nothing after now is graded. TIE: the current grade is the highest at the latest instant.
        const nowMs = Date.parse(input.now!);
        for (const time of times) expect(time).toBeLessThanOrEqual(nowMs);
        const lastAt = output.observations.at(-1)?.at;
        const atLast = output.observations.filter((o) => o.at === lastAt).map((o) => o.grade);
        expect(output.currentGrade).toBe(Math.max(0, ...atLast));
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

  it("evaluateObservations grades every observation exactly as evaluateTimeline does", () => {
    fc.assert(
      fc.property(
        timelineArb,
        fc.constantFrom<1 | 2>(1, 2),
        fc.integer({ min: 0, max: 7 }),
        fc.option(fc.constantFrom(5, 15, 60), { nil: undefined }),
        (input, spo2Scale, refusedEvery, news2HighCadenceMinutes) => {
          // Some sets refused (OBS-STATUS: charted with no values), the SpO2 scale and a setting varied too.
          const withStatuses: TimelineInput = {
            ...input,
            patient: { ...input.patient, spo2Scale },
            observations: (input.observations ?? []).map((o, i) =>
              refusedEvery > 0 && i % refusedEvery === 0 ? { id: o.id, at: o.at, status: "refused", statusReason: "asleep" } : o,
            ),
          };
          const settings = news2HighCadenceMinutes === undefined ? undefined : { news2HighCadenceMinutes };
          expect(evaluateObservations(withStatuses, settings).observations).toEqual(
            evaluateTimeline(withStatuses, settings).observations,
          );
        },
      ),
      runs,
    );
  });

  it("evaluateLaterObservations grades the facts after a walk, piece by piece, exactly as the whole timeline grades them", () => {
    fc.assert(
      fc.property(
        timelineArb,
        fc.array(fc.integer({ min: 0, max: SPAN_MINUTES }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<1 | 2>(1, 2),
        (input, cutMinutes, spo2Scale) => {
          // Every fact at or before now (ASOF leaves none out); each piece graded at its own later now.
          const whole: TimelineInput = { ...input, patient: { ...input.patient, spo2Scale }, now: iso(SPAN_MINUTES + 60) };
          const cuts = [...new Set(cutMinutes)].sort((a, b) => a - b).map((minutes) => T0 + minutes * MINUTE);
          const piece = (from: number, to: number, nowMinutes: number): TimelineInput => {
            const inside = (fact: { at: string }) => Date.parse(fact.at) > from && Date.parse(fact.at) <= to;
            return {
              ...whole,
              observations: (whole.observations ?? []).filter(inside),
              medications: (whole.medications ?? []).filter(inside),
              now: iso(nowMinutes),
            };
          };
          const first = evaluateObservations(piece(Number.NEGATIVE_INFINITY, cuts[0]!, SPAN_MINUTES + 60));
          let walk = first.walk;
          const graded = [...first.observations];
          cuts.forEach((cut, index) => {
            const next = cuts[index + 1] ?? Number.POSITIVE_INFINITY;
            const later = evaluateLaterObservations(walk!, piece(cut, next, SPAN_MINUTES + 60 + index + 1));
            expect(later).not.toBeNull();
            graded.push(...later!.observations);
            walk = later!.walk;
          });
          const all = evaluateObservations(whole);
          expect(graded).toEqual(all.observations);
          expect(walk).toEqual(all.walk);
        },
      ),
      runs,
    );
  });

  it("evaluateLaterObservations refuses a fact not after the walk, other settings, and a walk that left a fact out", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        const walked = evaluateObservations(input);
        const nowMs = Date.parse(input.now!);
        const leftOut = [...(input.observations ?? []), ...(input.medications ?? [])].some((fact) => Date.parse(fact.at) > nowMs);
        expect(walked.walk === null).toBe(leftOut);
        if (!walked.walk || walked.observations.length === 0) return;
        const again = { ...input, observations: (input.observations ?? []).slice(0, 1), medications: [] };
        expect(evaluateLaterObservations(walked.walk, again)).toBeNull();
        const otherPatient = {
          ...input,
          patient: { ...input.patient, spo2Scale: 2 as const },
          observations: [],
          medications: [],
        };
        expect(evaluateLaterObservations(walked.walk, otherPatient)).toBeNull();
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
        // An independent walk: facts at or before now (ASOF), instant by instant; an episode ends
        // episodeEndHours after its last instant graded >= 1 (EPISODE-END), the next fever starts a
        // new one, and only a drug at or after that onset masks it; sets at one instant never carry
        // each other's infusions (TIE).
        const nowMs = Date.parse(input.now!);
        const settings = resolveSettings(null, input.patient);
        const asOf = <T extends { id: string; at: string }>(facts: readonly T[]) =>
          facts
            .filter((fact) => Date.parse(fact.at) <= nowMs)
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const observations = asOf(input.observations);
        const doses = asOf(input.medications);
        const instants = [...new Set(observations.map((o) => Date.parse(o.at)))];
        let episode: { onsetMs: number; masking: Masking | null; lastGradedMs: number } | null = null;
        let charted: ChartedInfusions | null = null;
        const expected = new Map<string, unknown>();
        for (const atMs of instants) {
          const sets = observations.filter((o) => Date.parse(o.at) === atMs);
          if (episode && atMs >= episode.lastGradedMs + settings.episodeEndHours * HOUR) episode = null;
          if (!episode && sets.some((o) => o.temperatureC != null && o.temperatureC >= 38)) {
            episode = { onsetMs: atMs, masking: null, lastGradedMs: atMs };
          }
          if (episode && !episode.masking) {
            const onsetMs = episode.onsetMs;
            const first = doses.find(
              (m) => Date.parse(m.at) >= onsetMs && Date.parse(m.at) <= atMs && masksFever(m.drug, settings),
            );
            if (first) episode.masking = { atMs: Date.parse(first.at), reason: maskingReason(first.drug, Date.parse(first.at)) };
          }
          const context = episode ? { onsetMs: episode.onsetMs, masking: episode.masking } : { onsetMs: null, masking: null };
          let after: ChartedInfusions | null = charted;
          const lists = sets.filter((o) => o.vasopressors != null);
          const running = lists.flatMap((o) => o.vasopressors ?? []);
          if (lists.length > 0) after = running.length > 0 ? { observationId: "", atMs, vasopressors: running } : null;
          for (const o of sets) {
            const crs = gradeCrs(o, atMs, context, o.vasopressors == null ? charted : null);
            if (episode && crs.grade >= 1) episode.lastGradedMs = atMs;
            const icans = gradeIcans(o);
            const news2 = news2Score(o);
            expected.set(o.id, {
              status: "charted",
              grade: crs.grade,
              news2: { score: news2.score, complete: news2.complete, band: news2.band },
              icansGrade: icans.grade,
              febrile: crs.febrile,
              hypotensionAxis: crs.hypotensionAxis,
              oxygenAxis: crs.oxygenAxis,
              // Hypotension reasons name the agents running; the union's order is the engine's, so compare the rules.
              rules: [...crs.reasons, ...icans.reasons, ...news2.reasons].map((reason) => reason.rule),
            });
          }
          charted = after;
        }
        const graded = new Map(
          evaluateTimeline(input).observations.map(({ at: _at, id, reasons, ...rest }) => [
            id,
            { ...rest, rules: reasons.map((reason) => reason.rule) },
          ]),
        );
        expect(graded).toEqual(expected);
      }),
      runs,
    );
  });

  it("an observation that does not chart vasopressors is graded as if it charted those in effect before its instant, and pages are told which", () => {
    fc.assert(
      fc.property(timelineArb, (input) => {
        // TIE: the charting in effect before each instant; after it, the union of what its sets charted.
        const ordered = [...input.observations].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        let last: NonNullable<ObservationInput["vasopressors"]> = [];
        const inEffectBefore = new Map<string, NonNullable<ObservationInput["vasopressors"]>>();
        for (const atMs of [...new Set(ordered.map((o) => Date.parse(o.at)))]) {
          const sets = ordered.filter((o) => Date.parse(o.at) === atMs);
          for (const o of sets) inEffectBefore.set(o.id, last);
          const lists = sets.filter((o) => o.vasopressors != null);
          if (lists.length > 0) {
            const agents = new Set(lists.flatMap((o) => (o.vasopressors ?? []).map((v) => v.agent)));
            last = [...agents].map((agent) => ({ agent }));
          }
        }
        const explicit = input.observations.map((o) =>
          o.vasopressors != null ? o : { ...o, vasopressors: inEffectBefore.get(o.id) ?? [] },
        );
        const axes = (output: TimelineOutput) =>
          output.observations.map((o) => [o.id, o.grade, o.hypotensionAxis, o.oxygenAxis, o.febrile]);
        expect(axes(evaluateTimeline(input))).toEqual(axes(evaluateTimeline({ ...input, observations: explicit })));

        // Pages are told the same (infusionsInEffect): carried exactly where nothing was charted and something ran.
        const { carried } = infusionsInEffect(input.observations);
        const expected = new Map(
          input.observations
            .filter((o) => o.vasopressors == null && (inEffectBefore.get(o.id) ?? []).length > 0)
            .map((o) => [o.id, new Set((inEffectBefore.get(o.id) ?? []).map((v) => v.agent))]),
        );
        expect(new Map([...carried].map(([id, from]) => [id, new Set(from.vasopressors.map((v) => v.agent))]))).toEqual(expected);
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
        const doses = input.medications
          .filter((m) => m.drug === "tocilizumab" && Date.parse(m.at) <= Date.parse(input.now!))
          .map((m) => Date.parse(m.at));
        if (doses.length) expect(Date.parse(next)).toBeGreaterThanOrEqual(Math.max(...doses) + 8 * HOUR);
      }),
      runs,
    );
  });
});

/** A wider timeline for the ASOF and TIE properties: weights, refused sets, pauses, the patient's own cadence. */
const wideTimelineArb = fc
  .record({
    base: timelineArb,
    weights: fc.array(
      fc.record({ slot: fc.integer({ min: -48, max: SPAN_MINUTES / 60 }), kg: fc.integer({ min: 20, max: 150 }) }),
      { maxLength: 3 },
    ),
    refusedSlots: fc.array(fc.integer({ min: 0, max: SPAN_MINUTES / 15 }), { maxLength: 4 }),
    pauses: fc.array(
      fc.record({
        slot: fc.integer({ min: 0, max: SPAN_MINUTES / 15 }),
        length: fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
      }),
      { maxLength: 2 },
    ),
    obsIntervalMinutes: optional(fc.integer({ min: 15, max: 300 })),
    spo2Scale: fc.constantFrom(1 as const, 2 as const),
  })
  .map(({ base, weights, refusedSlots, pauses, obsIntervalMinutes, spo2Scale }): TimelineInput => ({
    ...base,
    patient: {
      ...base.patient,
      weights: weights.map(({ slot, kg }) => ({ at: iso(slot * 60), kg })),
      obsIntervalMinutes,
      spo2Scale,
    },
    observations: [
      ...base.observations,
      ...refusedSlots.map((slot, i) => ({
        id: `r${i}`,
        at: iso(slot * 15),
        status: "refused" as const,
        statusReason: "declined",
      })),
    ],
    pauses: pauses.map(({ slot, length }, i) => ({
      id: `p${i}`,
      from: iso(slot * 15),
      until: length === null ? null : iso(slot * 15 + length * 15),
      reason: "scan",
    })),
  }));

/** Compare outputs whatever the ids of sets at one instant: sets by time then id; sources by their time and grade. */
function normalised(output: TimelineOutput, idBack: (id: string) => string = (id) => id) {
  const observations = output.observations
    .map((o) => ({ ...o, id: idBack(o.id) }))
    .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1));
  const byId = new Map(output.observations.map((o) => [o.id, o]));
  // A timer's or alert's source among sets at one instant is a label: compared by its instant (and,
  // for the clocks and the cadence, which pick the set that decided, its grade).
  const source = (id: string | undefined, withGrade = true) => {
    if (id === undefined) return undefined;
    const o = byId.get(id);
    return o ? (withGrade ? `${o.at}/${o.grade}` : o.at) : id;
  };
  const alerts = output.alerts
    .map((alert) => {
      const observationId = alert.observationId === undefined ? undefined : idBack(alert.observationId);
      if (alert.rule === "ALERT-FUTURE-FACT" && alert.observationId !== undefined && observationId !== undefined) {
        return {
          ...alert,
          observationId,
          text: alert.text.replace(`Observation ${alert.observationId} `, `Observation ${observationId} `),
        };
      }
      // ALERT-ICANS names one of the sets at the latest instant with the highest ICANS grade.
      return alert.rule === "ALERT-ICANS"
        ? { ...alert, observationId: source(alert.observationId, false) }
        : { ...alert, observationId };
    })
    .map((alert) => JSON.stringify(alert))
    .sort();
  const timers = output.timers.map((timer) => ({ ...timer, sourceId: source(timer.sourceId, timer.kind !== "ICE_DUE") }));
  // A task names the set that raised it; among sets at one instant that is a label too (its reasons quote it).
  const tasks = output.tasks
    .map(({ id, reasons: _reasons, acknowledgementId: _ack, ...task }) => ({
      ...task,
      raisedBy: source(id.slice(id.indexOf(":") + 1), false),
    }))
    .map((task) => JSON.stringify(task))
    .sort();
  return { ...output, observations, alerts, timers, tasks };
}

describe("rev 2 invariants (ASOF, TIE)", () => {
  it("TIE: permuting the ids and the order of sets at one instant changes nothing reported", () => {
    fc.assert(
      fc.property(wideTimelineArb, fc.integer(), (input, seed) => {
        const byInstant = new Map<number, string[]>();
        for (const o of input.observations) {
          const key = Date.parse(o.at);
          byInstant.set(key, [...(byInstant.get(key) ?? []), o.id]);
        }
        const rename = new Map<string, string>();
        for (const ids of byInstant.values()) {
          const permuted = shuffled(ids, seed);
          ids.forEach((id, i) => rename.set(id, permuted[i] ?? id));
        }
        const back = new Map([...rename].map(([from, to]) => [to, from]));
        const relabelled = {
          ...input,
          observations: shuffled(
            input.observations.map((o) => ({ ...o, id: rename.get(o.id) ?? o.id })),
            seed + 7,
          ),
          medications: shuffled(input.medications, seed + 11),
        };
        expect(normalised(evaluateTimeline(relabelled), (id) => back.get(id) ?? id)).toEqual(normalised(evaluateTimeline(input)));
      }),
      runs,
    );
  });

  it("ASOF: facts after now never change what is reported at now (except naming them in ALERT-FUTURE-FACT)", () => {
    fc.assert(
      fc.property(
        wideTimelineArb,
        fc.array(observationArb, { maxLength: 6 }),
        fc.array(medicationArb, { maxLength: 4 }),
        fc.array(fc.integer({ min: 20, max: 150 }), { maxLength: 2 }),
        fc.array(fc.subarray(["TOCI_MAX_3_PER_24H", "TOCI_INTERVAL_UNDER_8H", "TOCI_DOSE_OVER_800MG"] as const), {
          maxLength: 10,
        }),
        (input, laterObservations, laterDoses, laterWeights, confirmations) => {
          const nowMs = Date.parse(input.now!);
          const after = (at: string, k: number) => new Date(nowMs + 1 + k * MINUTE + (Date.parse(at) - T0)).toISOString();
          const withFuture: TimelineInput = {
            ...input,
            patient: {
              ...input.patient,
              weights: [...(input.patient.weights ?? []), ...laterWeights.map((kg, k) => ({ at: after(iso(0), k), kg }))],
            },
            observations: [
              ...input.observations,
              ...laterObservations.map((o, k) => ({ ...o, id: `f${k}`, at: after(o.at, k) })),
            ],
            medications: [
              ...input.medications.map((m, k) => {
                const flags = confirmations[k];
                return flags ? { ...m, confirmedFlags: [...flags], confirmedAt: after(iso(0), k), confirmedBy: "Dr Later" } : m;
              }),
              ...laterDoses.map((m, k) => ({ ...m, id: `g${k}`, at: after(m.at, k) })),
            ],
            pauses: [...(input.pauses ?? []), { id: "later", from: after(iso(0), 1), until: null, reason: "theatre" }],
          };
          const future = evaluateTimeline(withFuture);
          const present = evaluateTimeline(input);
          const notNamed = (output: TimelineOutput) => ({
            ...output,
            alerts: output.alerts.filter((alert) => alert.rule !== "ALERT-FUTURE-FACT"),
          });
          expect(notNamed(future)).toEqual(notNamed(present));
          const named = (output: TimelineOutput) => output.alerts.filter((alert) => alert.rule === "ALERT-FUTURE-FACT").length;
          expect(named(future) - named(present)).toBe(laterObservations.length + laterDoses.length + laterWeights.length);
        },
      ),
      runs,
    );
  });

  it("OBS_DUE is never looser than the patient's own interval, and paused only while a pause runs at now", () => {
    fc.assert(
      fc.property(wideTimelineArb, (input) => {
        const output = evaluateTimeline(input);
        const due = output.timers.find((timer) => timer.kind === "OBS_DUE");
        if (!due) return;
        const nowMs = Date.parse(input.now!);
        const running = (input.pauses ?? []).some(
          (pause) => Date.parse(pause.from) <= nowMs && (pause.until == null || Date.parse(pause.until) > nowMs),
        );
        expect(due.status === "paused").toBe(running);
        const own = input.patient.obsIntervalMinutes;
        const pausedOrResumed = due.sourceId?.startsWith("p") ?? false;
        if (own != null && !pausedOrResumed) {
          expect(Date.parse(due.dueAt) - Date.parse(due.startedAt)).toBeLessThanOrEqual(own * MINUTE);
        }
      }),
      runs,
    );
  });
});
