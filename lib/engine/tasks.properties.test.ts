import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { MINUTE, T0 } from "./test-fixtures";
import type { AcknowledgementInput, ObservationInput, PauseInput, TimelineInput } from "./types";

const SPAN_MINUTES = 48 * 60;
const iso = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

/** Sets on a 30-minute grid (ties happen), a third of them refused or not possible. */
const setArb = fc
  .record({
    slot: fc.integer({ min: 0, max: SPAN_MINUTES / 30 }),
    kind: fc.constantFrom("charted", "charted", "refused", "not_possible"),
    temperatureC: fc.integer({ min: 360, max: 400 }).map((t) => t / 10),
    systolicBP: fc.integer({ min: 70, max: 140 }),
    respiratoryRate: fc.option(fc.integer({ min: 8, max: 30 }), { nil: undefined }),
    iceScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    pressor: fc.boolean(),
  })
  .map(({ slot, kind, pressor, ...vitals }): Omit<ObservationInput, "id"> =>
    kind === "charted"
      ? {
          at: iso(slot * 30),
          ...vitals,
          diastolicBP: vitals.systolicBP - 30,
          oxygen: { device: "room_air" },
          vasopressors: pressor ? [{ agent: "norepinephrine" }] : [],
        }
      : { at: iso(slot * 30), status: kind, statusReason: "declined" },
  );

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
    sets: fc.array(setArb, { maxLength: 30 }),
    pauses: fc.array(pauseArb, { maxLength: 3 }),
    doses: fc.array(
      fc.record({ slot: fc.integer({ min: 0, max: SPAN_MINUTES / 60 }), doseMg: fc.integer({ min: 400, max: 900 }) }),
      {
        maxLength: 5,
      },
    ),
    obsIntervalMinutes: fc.option(fc.integer({ min: 30, max: 240 }), { nil: null }),
  })
  .map(({ sets, pauses, doses, obsIntervalMinutes }): TimelineInput => ({
    patient: { id: "p", weightKg: 70, obsIntervalMinutes },
    observations: sets.map((set, index) => ({ id: `o${index}`, ...set })),
    medications: doses.map(({ slot, doseMg }, index) => ({
      id: `m${index}`,
      at: iso(slot * 60),
      drug: "tocilizumab",
      doseMg,
      route: "IV",
    })),
    pauses: pauses.map((pause, index) => ({ id: `p${index}`, ...pause })),
    acknowledgements: [],
  }));

/** ASOF: the facts charted up to `now`, evaluated at `now` (what the team saw then). */
function asOf(input: TimelineInput, minutes: number): TimelineInput {
  const now = T0 + minutes * MINUTE;
  return {
    ...input,
    observations: input.observations.filter((o) => Date.parse(o.at) <= now),
    medications: input.medications.filter((m) => Date.parse(m.at) <= now),
    now: iso(minutes),
  };
}

const nowArb = fc.integer({ min: 0, max: SPAN_MINUTES + 12 * 60 });
// PROPERTY_RUNS=5000 searches harder before a release; CI runs the default.
const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

describe("escalation task invariants", () => {
  it("evaluating at any later now gives the same ids (and raise times) for the tasks raised by an earlier now", () => {
    fc.assert(
      fc.property(inputArb, nowArb, nowArb, (input, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = evaluateTimeline(asOf(input, early)).tasks.map((t) => [t.id, t.raisedAt, t.respondBy]);
        const after = evaluateTimeline(asOf(input, late))
          .tasks.filter((t) => Date.parse(t.raisedAt) <= T0 + early * MINUTE)
          .map((t) => [t.id, t.raisedAt, t.respondBy]);
        expect(after).toEqual(before);
      }),
      runs,
    );
  });

  it("acknowledging never raises a task; it only ever turns one acknowledged", () => {
    fc.assert(
      fc.property(
        inputArb,
        nowArb,
        fc.array(fc.record({ pick: fc.nat(), offset: fc.integer({ min: -60, max: 600 }), physician: fc.boolean() }), {
          maxLength: 6,
        }),
        (input, minutes, picks) => {
          const plain = evaluateTimeline(asOf(input, minutes)).tasks;
          if (plain.length === 0) return;
          const acknowledgements: AcknowledgementInput[] = picks.map(({ pick, offset, physician }, index) => {
            const task = plain[pick % plain.length]!;
            return {
              id: `a${index}`,
              taskId: task.id,
              at: new Date(Date.parse(task.raisedAt) + offset * MINUTE).toISOString(),
              by: "someone",
              role: physician ? "physician" : "nurse",
              outcome: "reviewed at the bedside",
            };
          });
          const answered = evaluateTimeline({ ...asOf(input, minutes), acknowledgements }).tasks;
          expect(answered.map((t) => t.id)).toEqual(plain.map((t) => t.id));
          answered.forEach((task, index) => {
            const was = plain[index]!;
            if (was.status === "acknowledged") expect(task.status).toBe("acknowledged");
            if (task.status !== was.status) expect(task.status).toBe("acknowledged");
          });
        },
      ),
      runs,
    );
  });

  it("ESC-ACK: a nurse's answers never answer a physician's task, and no answer dated before a task was raised answers it", () => {
    fc.assert(
      fc.property(
        inputArb,
        nowArb,
        fc.array(fc.record({ pick: fc.nat(), offset: fc.integer({ min: -600, max: 600 }), physician: fc.boolean() }), {
          maxLength: 6,
        }),
        (input, minutes, picks) => {
          const plain = evaluateTimeline(asOf(input, minutes)).tasks;
          if (plain.length === 0) return;
          const acknowledgements: AcknowledgementInput[] = picks.map(({ pick, offset, physician }, index) => {
            const task = plain[pick % plain.length]!;
            // Physicians answer only before the task was raised; nurses at any time.
            const minutesAfterRaised = physician ? -1 - Math.abs(offset) : offset;
            return {
              id: `a${index}`,
              taskId: task.id,
              at: new Date(Date.parse(task.raisedAt) + minutesAfterRaised * MINUTE).toISOString(),
              by: "someone",
              role: physician ? "physician" : "nurse",
              outcome: "reviewed at the bedside",
            };
          });
          const answered = evaluateTimeline({ ...asOf(input, minutes), acknowledgements }).tasks;
          answered.forEach((task, index) => {
            if (task.role === "physician") expect(task.status).toBe(plain[index]!.status);
          });
        },
      ),
      runs,
    );
  });

  it("status and notifyAgainAt agree with respondBy at now", () => {
    fc.assert(
      fc.property(inputArb, nowArb, (input, minutes) => {
        const nowMs = T0 + minutes * MINUTE;
        for (const task of evaluateTimeline(asOf(input, minutes)).tasks) {
          expect(Date.parse(task.raisedAt)).toBeLessThanOrEqual(nowMs);
          if (task.status === "open") expect(nowMs).toBeLessThan(Date.parse(task.respondBy));
          if (task.status === "late") expect(nowMs).toBeGreaterThanOrEqual(Date.parse(task.respondBy));
          if (task.notifyAgainAt !== null) {
            const next = Date.parse(task.notifyAgainAt);
            expect(next).toBeGreaterThanOrEqual(nowMs);
            expect(next - nowMs).toBeLessThan(Math.max(15 * MINUTE, Date.parse(task.respondBy) - nowMs + 1));
          }
        }
      }),
      runs,
    );
  });

  it("ESC_OBS_OVERDUE agrees with the engine's OBS_DUE: once it is obsOverdueTaskMinutes past due (not paused), its task is raised then, named by OBS_DUE's source", () => {
    fc.assert(
      fc.property(inputArb, nowArb, (input, minutes) => {
        const output = evaluateTimeline(asOf(input, minutes));
        const due = output.timers.find((timer) => timer.kind === "OBS_DUE");
        if (!due || due.status === "paused") return;
        const raiseMs = Date.parse(due.dueAt) + 30 * MINUTE;
        if (T0 + minutes * MINUTE < raiseMs) return;
        const task = output.tasks.find((t) => t.kind === "ESC_OBS_OVERDUE" && Date.parse(t.raisedAt) === raiseMs);
        expect(task?.id).toBe(`ESC_OBS_OVERDUE:${due.sourceId}`);
      }),
      runs,
    );
  });
});
