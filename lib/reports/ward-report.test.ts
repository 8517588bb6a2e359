import { describe, expect, it } from "vitest";
import type { AcknowledgementInput, ObservationInput } from "@/lib/engine";
import { at, NORMAL } from "@/lib/engine/test-fixtures";
import { median, percentile, wardReport, type PatientTimeline } from "./ward-report";

// A ward built by hand. Times are hours after 2026-03-01 06:00Z; Europe/London is on GMT (UTC) in
// March, so the ward's day changes at 18 h. A well patient (grade 0, NEWS2 low) is due every 4 h.
const ZONE = "Europe/London";
const minutes = (m: number) => m / 60;

function patient(
  id: string,
  observations: ObservationInput[],
  nowHours: number,
  acknowledgements: AcknowledgementInput[] = [],
): PatientTimeline {
  return { patient: { id, weightKg: 70 }, observations, medications: [], acknowledgements, now: at(nowHours) };
}

// Patient A: on time (first set), on time (exactly at 4 h), 10 min late, refused, not possible
// (the refusal restarted the clock: due 16:10), then 45 min late at 20:55 (due 20:10, which is
// 02:55 on 2 March). Its ESC_OBS_OVERDUE was raised at 20:40 (30 min past due) and acknowledged
// at 20:50: 10 min.
const a = patient(
  "a",
  [
    { id: "a1", at: at(0), ...NORMAL },
    { id: "a2", at: at(4), ...NORMAL },
    { id: "a3", at: at(8 + minutes(10)), ...NORMAL },
    { id: "a4", at: at(12 + minutes(10)), status: "refused", statusReason: "asleep" },
    { id: "a5", at: at(16 + minutes(10)), status: "not_possible", statusReason: "in the scanner" },
    { id: "a6", at: at(20 + minutes(55)), ...NORMAL },
  ],
  22,
  [{ id: "k-a", taskId: "ESC_OBS_OVERDUE:a5", at: at(20 + minutes(50)), by: "N. Nurse", role: "nurse", outcome: "going now" }],
);

// Patients B-F: one set at 0 h each, then nothing: each gets an ESC_OBS_OVERDUE at 4:30 (10:30 on
// 1 March), answered after 5, 10, 20 and 40 min, and F's never.
const delays = [5, 10, 20, 40];
const others = ["b", "c", "d", "e", "f"].map((id, i) =>
  patient(
    id,
    [{ id: `${id}1`, at: at(0), ...NORMAL }],
    6,
    i < delays.length
      ? [
          {
            id: `k-${id}`,
            taskId: `ESC_OBS_OVERDUE:${id}1`,
            at: at(4.5 + minutes(delays[i]!)),
            by: "N. Nurse",
            role: "nurse",
            outcome: "done",
          },
        ]
      : [],
  ),
);

describe("wardReport: the hand count", () => {
  const report = wardReport([a, ...others], ZONE, "2026-03-01", "2026-03-02");

  it("counts sets per ward day: on time, late with minutes, refused, not possible", () => {
    expect(report.days).toEqual([
      // 1 March: A's first three and B-F's one each: 2 + 5 on time, 1 late (10 min), 1 refused, 1 not possible.
      { day: "2026-03-01", onTime: 7, late: 1, lateMinutes: [10], refused: 1, notPossible: 1 },
      // 2 March: A's 02:55 set, 45 min late.
      { day: "2026-03-02", onTime: 0, late: 1, lateMinutes: [45], refused: 0, notPossible: 0 },
    ]);
  });

  it("gives task response times by day, kind and role: median and 90th percentile", () => {
    expect(report.tasks).toEqual([
      // 5 raised, 4 answered: 5, 10, 20, 40 -> median (10 + 20) / 2 = 15; p90 nearest rank ceil(3.6) = 4th = 40.
      {
        day: "2026-03-01",
        kind: "ESC_OBS_OVERDUE",
        role: "nurse",
        raised: 5,
        acknowledged: 4,
        medianMinutes: 15,
        p90Minutes: 40,
      },
      {
        day: "2026-03-02",
        kind: "ESC_OBS_OVERDUE",
        role: "nurse",
        raised: 1,
        acknowledged: 1,
        medianMinutes: 10,
        p90Minutes: 10,
      },
    ]);
  });

  it("leaves out days outside the range", () => {
    const one = wardReport([a, ...others], ZONE, "2026-03-02", "2026-03-02");
    expect(one.days.map((d) => d.day)).toEqual(["2026-03-02"]);
    expect(one.tasks).toHaveLength(1);
  });

  it("reads the day on the ward's clock, not UTC", () => {
    // New York is 5 h behind: A's 02:55Z set is 21:55 on 1 March there.
    const ny = wardReport([a], "America/New_York", "2026-03-01", "2026-03-02");
    expect(ny.days).toEqual([{ day: "2026-03-01", onTime: 2, late: 2, lateMinutes: [10, 45], refused: 1, notPossible: 1 }]);
  });

  it("does not count a set after the report's now", () => {
    const early = wardReport([{ ...a, now: at(9) }], ZONE, "2026-03-01", "2026-03-02");
    expect(early.days).toEqual([{ day: "2026-03-01", onTime: 2, late: 1, lateMinutes: [10], refused: 0, notPossible: 0 }]);
  });
});

describe("median and percentile", () => {
  it("median of an odd and an even count; nearest-rank p90", () => {
    expect(median([])).toBeNull();
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 90)).toBeNull();
  });
});
