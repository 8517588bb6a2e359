/** ASOF and TIE (CLINICAL-RULES.md section 1, rev 2) through evaluateTimeline. */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { Timer, TimelineOutput } from "./types";

const timersOf = (output: TimelineOutput, kind: Timer["kind"]) => output.timers.filter((timer) => timer.kind === kind);
const justAfter = (hours: number) => new Date(Date.parse(at(hours)) + 1).toISOString();
const future = (output: TimelineOutput) => output.alerts.filter((alert) => alert.rule === "ALERT-FUTURE-FACT");

describe("ASOF: facts after now are left out and named", () => {
  it("an observation exactly at now counts; one 1 ms after now is left out and named in ALERT-FUTURE-FACT", () => {
    const atNow = evaluateTimeline(timeline([observation("o1", 0, NORMAL), observation("o2", 2, FEVER)], [], 2));
    expect(atNow.currentGrade).toBe(1);
    expect(future(atNow)).toEqual([]);

    const later = evaluateTimeline({
      ...timeline([observation("o1", 0, NORMAL)], [], 2),
      observations: [observation("o1", 0, NORMAL), { ...observation("o2", 2, FEVER), at: justAfter(2) }],
    });
    expect(later.observations.map((o) => o.id)).toEqual(["o1"]);
    expect(later.currentGrade).toBe(0);
    expect(later.episodes).toEqual([]);
    expect(future(later)).toEqual([expect.objectContaining({ observationId: "o2", at: justAfter(2) })]);
    expect(future(later)[0]?.text).toContain("left out of grades, counts and timers");
  });

  it("a dose after now is not counted, not flagged, and is named", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE)],
        [dose("m1", 1, "tocilizumab", 560), dose("m2", 3, "tocilizumab", 560)],
        2,
      ),
    );
    expect(output.tocilizumab.dosesTotal).toBe(1);
    expect(output.medications.map((m) => m.id)).toEqual(["m1"]);
    expect(future(output)).toEqual([expect.objectContaining({ medicationId: "m2", at: at(3) })]);
  });

  it("a weight measured after now is not used, and is named", () => {
    const output = evaluateTimeline(
      timeline([], [], 2, {
        weightKg: null,
        weights: [
          { at: at(-24), kg: 70 },
          { at: at(3), kg: 40 },
        ],
      }),
    );
    expect(output.tocilizumab).toMatchObject({ weightKg: 70, weightMeasuredAt: at(-24), recommendedDoseMg: 560 });
    expect(future(output)).toHaveLength(1);
    expect(future(output)[0]?.text).toContain("Weight 40 kg");
  });

  it("a pause starting after now has not started; one starting at now has", () => {
    const set = [observation("o1", 0, NORMAL)];
    const later = evaluateTimeline({
      ...timeline(set, [], 1),
      pauses: [{ id: "p1", from: justAfter(1), until: null, reason: "MRI" }],
    });
    expect(timersOf(later, "OBS_DUE")[0]?.status).toBe("running");
    const now = evaluateTimeline({ ...timeline(set, [], 1), pauses: [{ id: "p1", from: at(1), until: null, reason: "MRI" }] });
    expect(timersOf(now, "OBS_DUE")[0]?.status).toBe("paused");
  });

  it("a confirmation after now has not happened; one at now has", () => {
    const doses = (confirmedAt: string) => [
      dose("m1", 0, "tocilizumab", 560),
      {
        ...dose("m2", 4, "tocilizumab", 560),
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H" as const],
        confirmedAt,
        confirmedBy: "Dr A",
      },
    ];
    const before = evaluateTimeline(timeline([], doses(justAfter(5)), 5));
    expect(before.medications[1]).toMatchObject({ confirmedFlags: [], unconfirmedFlags: ["TOCI_INTERVAL_UNDER_8H"] });
    const confirmed = evaluateTimeline(timeline([], doses(at(5)), 5));
    expect(confirmed.medications[1]).toMatchObject({ confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"], unconfirmedFlags: [] });
    expect(confirmed.alerts.some((alert) => alert.rule === "ALERT-UNCONFIRMED-LIMIT")).toBe(false);
  });
});

describe("TIE: sets at one instant are each graded; the most severe decides; ids never do", () => {
  const calm = { ...NORMAL, temperatureC: 37 };
  for (const [severeId, calmId] of [
    ["a", "b"],
    ["b", "a"],
  ] as const) {
    it(`current grade, clock and cadence take the grade-2 set (grade-2 set id "${severeId}")`, () => {
      const output = evaluateTimeline(
        timeline([observation("o0", 0, FEVER), observation(calmId, 1, calm), observation(severeId, 1, FEVER_HYPOTENSIVE)], [], 1),
      );
      expect(output.currentGrade).toBe(2);
      const [clock] = timersOf(output, "GRADE2_NO_IMPROVEMENT_24H");
      expect(clock).toMatchObject({ startedAt: at(1), sourceId: severeId, status: "running" });
      // GRADE1 is superseded at that instant (the instant is graded 2), not resolved by the calm set.
      expect(timersOf(output, "GRADE1_PROLONGED_24H")[0]).toMatchObject({ status: "superseded", closedAt: at(1) });
      expect(timersOf(output, "OBS_DUE")[0]).toMatchObject({ dueAt: at(2), sourceId: severeId });
    });
  }

  it("a complete calm set at the same instant as a grade-2 set does not resolve the grade-2 clock", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("a", 3, NORMAL), observation("b", 3, FEVER_HYPOTENSIVE)],
        [],
        4,
      ),
    );
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")).toEqual([expect.objectContaining({ status: "running" })]);
  });

  it("currentNews2 and the ICANS grade take the highest of the latest instant", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("a", 1, { ...NORMAL, iceScore: 10 }), observation("b", 1, { ...NORMAL, heartRate: 135, iceScore: 5 })],
        [],
        1,
      ),
    );
    expect(output.currentNews2?.score).toBe(3);
    expect(output.currentIcansGrade).toBe(2);
  });

  it("doses at one instant each count the other (both carry the interval flag)", () => {
    const output = evaluateTimeline(timeline([], [dose("b", 0, "tocilizumab", 560), dose("a", 0, "tocilizumab", 560)], 1));
    expect(output.medications.map((m) => [m.id, m.doseNumber, m.flags])).toEqual([
      ["a", 1, ["TOCI_INTERVAL_UNDER_8H"]],
      ["b", 2, ["TOCI_INTERVAL_UNDER_8H"]],
    ]);
  });
});
