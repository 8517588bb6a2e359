import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { Timer, TimelineOutput } from "./types";

const timersOf = (output: TimelineOutput, kind: Timer["kind"]) => output.timers.filter((timer) => timer.kind === kind);

describe("GRADE2_NO_IMPROVEMENT_24H", () => {
  const grade2 = observation("o1", 0, FEVER_HYPOTENSIVE);

  it("starts at the first grade-2 observation and is due 24 h later", () => {
    const [timer] = timersOf(evaluateTimeline(timeline([grade2], [], 1)), "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer).toMatchObject({ startedAt: at(0), dueAt: at(24), status: "running", closedAt: null });
    expect(timer?.reasons[0]?.text).toContain("escalate to grade 3 management if no improvement within 24 h");
  });

  it("is overdue exactly at the due time (now = due), running 1 ms before", () => {
    const due = evaluateTimeline({ ...timeline([grade2]), now: at(24) });
    expect(timersOf(due, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("overdue");
    const before = evaluateTimeline({ ...timeline([grade2]), now: new Date(Date.parse(at(24)) - 1).toISOString() });
    expect(timersOf(before, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("running");
  });

  it("is resolved by an improvement exactly at the due time", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 24, FEVER)], [], 30));
    const [timer] = timersOf(output, "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer).toMatchObject({ status: "resolved", closedAt: at(24) });
  });

  it("an improvement one minute after the due time leaves it overdue, but closed", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 24 + 1 / 60, FEVER)], [], 30));
    const [timer] = timersOf(output, "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer).toMatchObject({ status: "overdue", closedAt: at(24 + 1 / 60) });
    // closed, so no escalation is still owed
    expect(output.recommendations.some((r) => r.timer === "GRADE2_NO_IMPROVEMENT_24H")).toBe(false);
  });

  it("is superseded by grade 3 before the due time", () => {
    const grade3 = observation("o2", 5, { ...FEVER_HYPOTENSIVE, vasopressors: [{ agent: "norepinephrine" }] });
    const [timer] = timersOf(evaluateTimeline(timeline([grade2, grade3], [], 30)), "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer).toMatchObject({ status: "superseded", closedAt: at(5) });
  });

  it("afebrile after tocilizumab with the same hypotension is still grade 2: not improvement", () => {
    const output = evaluateTimeline(
      timeline([grade2, observation("o2", 6, HYPOTENSIVE)], [dose("m1", 1, "tocilizumab", 560)], 25),
    );
    expect(output.observations[1]?.grade).toBe(2);
    const [timer] = timersOf(output, "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer?.status).toBe("overdue");
    expect(output.recommendations).toContainEqual(
      expect.objectContaining({ rule: "ASTCT-G3", timer: "GRADE2_NO_IMPROVEMENT_24H" }),
    );
  });

  it("a partial set (SpO2 only) graded 0 is not counted as improvement (safer reading)", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 3, { spo2: 97 })], [], 25));
    expect(output.observations[1]?.grade).toBe(0);
    const [timer] = timersOf(output, "GRADE2_NO_IMPROVEMENT_24H");
    expect(timer?.status).toBe("overdue");
    expect(timer?.reasons.at(-1)?.text).toContain(
      "not counted as improvement: systolic blood pressure not charted (ASTCT-MISSING)",
    );
  });

  it("an afebrile hypotensive observation before any masking drug (grade 0) does not resolve it", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 3, HYPOTENSIVE)], [], 25));
    expect(output.observations[1]?.grade).toBe(0);
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("overdue");
  });

  it("after a timer closes, a later grade-2 observation opens a new one", () => {
    const output = evaluateTimeline(
      timeline([grade2, observation("o2", 4, FEVER), observation("o3", 10, FEVER_HYPOTENSIVE)], [], 12),
    );
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H").map((t) => [t.startedAt, t.status])).toEqual([
      [at(0), "resolved"],
      [at(10), "running"],
    ]);
  });

  it("does not open a second timer while one is open", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 2, FEVER_HYPOTENSIVE)], [], 3));
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")).toHaveLength(1);
  });
});

describe("GRADE1_PROLONGED_24H", () => {
  it("fever for 24 h: overdue, with 'consider tocilizumab'", () => {
    const output = evaluateTimeline(timeline([observation("o1", 0, FEVER), observation("o2", 24, FEVER)], [], 24));
    const [timer] = timersOf(output, "GRADE1_PROLONGED_24H");
    expect(timer).toMatchObject({ startedAt: at(0), dueAt: at(24), status: "overdue" });
    expect(output.recommendations).toContainEqual(expect.objectContaining({ rule: "ASTCT-G1", timer: "GRADE1_PROLONGED_24H" }));
    expect(output.recommendations.find((r) => r.rule === "TOCI-DOSE")?.text).toContain("tocilizumab 560 mg IV");
  });

  it("resolved by an afebrile complete set; superseded by grade 2", () => {
    const resolved = evaluateTimeline(timeline([observation("o1", 0, FEVER), observation("o2", 6, NORMAL)], [], 30));
    expect(timersOf(resolved, "GRADE1_PROLONGED_24H")[0]?.status).toBe("resolved");
    const superseded = evaluateTimeline(timeline([observation("o1", 0, FEVER), observation("o2", 6, FEVER_HYPOTENSIVE)], [], 7));
    expect(timersOf(superseded, "GRADE1_PROLONGED_24H")[0]?.status).toBe("superseded");
  });

  it("a blood-pressure-only set does not show that the fever has gone", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER), observation("o2", 6, { systolicBP: 120, diastolicBP: 70, oxygen: { device: "room_air" } })],
        [],
        7,
      ),
    );
    const [timer] = timersOf(output, "GRADE1_PROLONGED_24H");
    expect(timer?.status).toBe("running");
    expect(timer?.reasons.at(-1)?.text).toContain("temperature not charted");
  });
});

describe("OBS_DUE", () => {
  it.each([
    [NORMAL, 4],
    [FEVER, 2],
    [FEVER_HYPOTENSIVE, 1],
  ])("after %j next set is due %i h later", (vitals, hours) => {
    const [timer] = timersOf(evaluateTimeline(timeline([observation("o1", 0, vitals)], [], 0)), "OBS_DUE");
    expect(timer).toMatchObject({ startedAt: at(0), dueAt: at(hours), status: "running" });
  });

  it("is overdue when now >= due", () => {
    const [timer] = timersOf(evaluateTimeline(timeline([observation("o1", 0, NORMAL)], [], 4)), "OBS_DUE");
    expect(timer?.status).toBe("overdue");
  });

  it("uses the cadence settings, patient settings first", () => {
    const input = timeline([observation("o1", 0, NORMAL)], [], 0, { obsIntervalGrade0Hours: 6 });
    expect(timersOf(evaluateTimeline(input, { obsIntervalGrade0Hours: 3 }), "OBS_DUE")[0]?.dueAt).toBe(at(6));
    const ward = timeline([observation("o1", 0, NORMAL)], [], 0);
    expect(timersOf(evaluateTimeline(ward, { obsIntervalGrade0Hours: 3 }), "OBS_DUE")[0]?.dueAt).toBe(at(3));
  });

  it("no observation, no OBS_DUE", () => {
    expect(evaluateTimeline(timeline([], [], 0)).timers).toEqual([]);
  });
});

describe("ICE_DUE", () => {
  it("only during an episode", () => {
    expect(timersOf(evaluateTimeline(timeline([observation("o1", 0, { ...NORMAL, iceScore: 10 })], [], 1)), "ICE_DUE")).toEqual(
      [],
    );
  });

  it("8 h after the onset when no ICE was charted", () => {
    const [timer] = timersOf(evaluateTimeline(timeline([observation("o1", 0, FEVER)], [], 1)), "ICE_DUE");
    expect(timer).toMatchObject({ startedAt: at(0), dueAt: at(8), status: "running" });
  });

  it("8 h after the last ICE score; overdue at exactly 8 h", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER), observation("o2", 3, { ...FEVER, iceScore: 10 }), observation("o3", 5, FEVER)],
        [],
        11,
      ),
    );
    expect(timersOf(output, "ICE_DUE")[0]).toMatchObject({ startedAt: at(3), dueAt: at(11), status: "overdue" });
  });
});

describe("TOCI_REDOSE", () => {
  it("runs from the last dose to TOCI-NEXT while the grade is 2 or more", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 2, HYPOTENSIVE)],
        [dose("m1", 1, "tocilizumab", 560)],
        3,
      ),
    );
    expect(timersOf(output, "TOCI_REDOSE")[0]).toMatchObject({ startedAt: at(1), dueAt: at(9), status: "running" });
  });

  it("is overdue (redose eligible) at TOCI-NEXT when still grade 2", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 8, HYPOTENSIVE)],
        [dose("m1", 1, "tocilizumab", 560)],
        9,
      ),
    );
    expect(timersOf(output, "TOCI_REDOSE")[0]?.status).toBe("overdue");
  });

  it("is not shown once the grade is below 2", () => {
    const output = evaluateTimeline(
      timeline([observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 2, NORMAL)], [dose("m1", 1, "tocilizumab", 560)], 3),
    );
    expect(output.currentGrade).toBe(0);
    expect(timersOf(output, "TOCI_REDOSE")).toEqual([]);
  });
});
