/**
 * Section 5 rev 2 and section 9 through evaluateTimeline: ASTCT-MISSING for the escalation clocks,
 * OBS_DUE as the shortest of the CRS, NEWS2 and patient cadences (OBS-FREQUENCY), refused and
 * not-possible sets (OBS-STATUS) and pauses (OBS-PAUSE).
 */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, FEVER, FEVER_HYPOTENSIVE, HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { ObservationInput, Timer, TimelineOutput } from "./types";

const timersOf = (output: TimelineOutput, kind: Timer["kind"]) => output.timers.filter((timer) => timer.kind === kind);
const obsDue = (output: TimelineOutput) => timersOf(output, "OBS_DUE")[0];
/** All seven NEWS2 parameters charted, scoring 0: NEWS2 0, complete. */
const COMPLETE_CALM = { ...NORMAL, respiratoryRate: 16, acvpu: "alert" } as const;
const refused = (id: string, hours: number): ObservationInput => ({
  ...observation(id, hours),
  status: "refused",
  statusReason: "asleep, declined",
});

describe("ASTCT-MISSING: improvement needs evidence", () => {
  const grade2 = observation("o1", 0, FEVER_HYPOTENSIVE);
  it("a calm set without an oxygen device does not resolve the grade-2 clock; with room air charted it does", () => {
    const { oxygen: _oxygen, ...noDevice } = NORMAL;
    const without = evaluateTimeline(timeline([grade2, observation("o2", 3, noDevice)], [], 4));
    const [open] = timersOf(without, "GRADE2_NO_IMPROVEMENT_24H");
    expect(open?.status).toBe("running");
    expect(open?.reasons.at(-1)?.text).toContain("oxygen device not charted (ASTCT-MISSING)");
    const withDevice = evaluateTimeline(timeline([grade2, observation("o2", 3, NORMAL)], [], 4));
    expect(timersOf(withDevice, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "resolved", closedAt: at(3) });
  });

  it("GRADE1 needs a temperature too", () => {
    const { temperatureC: _t, ...noTemperature } = NORMAL;
    const without = evaluateTimeline(timeline([observation("o1", 0, FEVER), observation("o2", 3, noTemperature)], [], 4));
    expect(timersOf(without, "GRADE1_PROLONGED_24H")[0]?.status).toBe("running");
    const withTemperature = evaluateTimeline(timeline([observation("o1", 0, FEVER), observation("o2", 3, NORMAL)], [], 4));
    expect(timersOf(withTemperature, "GRADE1_PROLONGED_24H")[0]?.status).toBe("resolved");
  });

  it("an SpO2 spot check graded 3 by a carried vasopressor does not supersede the grade-2 clock", () => {
    const pressor = observation("o2", 1, { ...FEVER_HYPOTENSIVE, vasopressors: [{ agent: "norepinephrine" }] });
    const output = evaluateTimeline(
      timeline([grade2, { ...pressor, vasopressors: [] }, observation("o3", 2, { spo2: 95 })], [], 25),
    );
    expect(output.observations.map((o) => o.grade)).toEqual([2, 2, 0]);
    const spot = evaluateTimeline(
      timeline(
        [
          grade2,
          observation("o2", 1, { spo2: 95, vasopressors: [{ agent: "norepinephrine" }] }),
          observation("o3", 2, { spo2: 95 }),
        ],
        [],
        25,
      ),
    );
    // o2 charts its vasopressor itself (evidence); o3 is an SpO2 spot check carried the infusion.
    expect(spot.observations.map((o) => o.grade)).toEqual([2, 3, 3]);
    expect(timersOf(spot, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "superseded", closedAt: at(1) });
    const carried = evaluateTimeline(
      timeline(
        [observation("o0", -1, { vasopressors: [{ agent: "norepinephrine" }] }), grade2, observation("o3", 2, { spo2: 95 })],
        [],
        25,
      ),
    );
    expect(carried.observations.map((o) => o.grade)).toEqual([0, 3, 3]);
  });

  it("a clock that went overdue stays overdue after a later improvement (the escalation was owed)", () => {
    const output = evaluateTimeline(timeline([grade2, observation("o2", 25, NORMAL)], [], 26));
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({
      status: "overdue",
      closedAt: at(25),
      sourceId: "o1",
    });
  });
});

describe("OBS_DUE: the shortest of the CRS cadence, the NEWS2 cadence and the patient's own", () => {
  it.each([
    ["grade 0, NEWS2 0 (12 h): the CRS 4 h decides", COMPLETE_CALM, 4 * 60],
    ["grade 0, NEWS2 low (1-4, every 4 h)", { ...COMPLETE_CALM, heartRate: 95 }, 4 * 60],
    ["grade 0, one parameter scoring 3 (low-medium): hourly", { ...COMPLETE_CALM, respiratoryRate: 26 }, 60],
    ["grade 0, NEWS2 5 (medium): hourly", { ...COMPLETE_CALM, respiratoryRate: 22, heartRate: 115, systolicBP: 105 }, 60],
    ["grade 0, NEWS2 4: still every 4 h", { ...COMPLETE_CALM, respiratoryRate: 22, heartRate: 115 }, 4 * 60],
    ["NEWS2 7 (high): every 30 min", { ...COMPLETE_CALM, respiratoryRate: 26, heartRate: 135, spo2: 95 }, 30],
    ["NEWS2 6: hourly", { ...COMPLETE_CALM, respiratoryRate: 26, heartRate: 135 }, 60],
  ])("%s", (_name, vitals, minutes) => {
    const timer = obsDue(evaluateTimeline(timeline([observation("o1", 0, vitals)], [], 0)));
    expect(timer).toMatchObject({ dueAt: at(minutes / 60), status: "running", sourceId: "o1" });
  });

  it("a hypotensive afebrile patient: grade 0, NEWS2 low-medium (SBP scores 3), ALERT-NO-FEVER, hourly", () => {
    const output = evaluateTimeline(timeline([observation("o1", 0, { ...COMPLETE_CALM, ...HYPOTENSIVE })], [], 0));
    expect(output.currentGrade).toBe(0);
    expect(output.currentNews2).toEqual({ score: 3, complete: true, band: "low_medium" });
    expect(output.alerts.map((alert) => alert.rule)).toContain("ALERT-NO-FEVER");
    expect(obsDue(output)?.dueAt).toBe(at(1));
    expect(obsDue(output)?.reasons[0]?.text).toContain("NEWS2-BAND");
  });

  it("an incomplete set's band uses its partial score", () => {
    const output = evaluateTimeline(timeline([observation("o1", 0, { respiratoryRate: 26 })], [], 0));
    expect(output.currentNews2).toEqual({ score: 3, complete: false, band: "low_medium" });
    expect(obsDue(output)?.dueAt).toBe(at(1));
  });

  it("the patient's own interval applies only when stricter (OBS-FREQUENCY)", () => {
    const stricter = obsDue(evaluateTimeline(timeline([observation("o1", 0, COMPLETE_CALM)], [], 0, { obsIntervalMinutes: 30 })));
    expect(stricter?.dueAt).toBe(at(0.5));
    expect(stricter?.reasons[0]?.text).toContain("OBS-FREQUENCY");
    const looser = obsDue(evaluateTimeline(timeline([observation("o1", 0, COMPLETE_CALM)], [], 0, { obsIntervalMinutes: 300 })));
    expect(looser?.dueAt).toBe(at(4));
    const equal = obsDue(evaluateTimeline(timeline([observation("o1", 0, COMPLETE_CALM)], [], 0, { obsIntervalMinutes: 240 })));
    expect(equal?.dueAt).toBe(at(4));
  });
});

describe("OBS-STATUS: refused and not-possible sets", () => {
  it("have no grade that counts and no NEWS2, and restart OBS_DUE at the interval that applied before them", () => {
    const output = evaluateTimeline(timeline([observation("o1", 0, FEVER_HYPOTENSIVE), refused("r1", 0.5)], [], 0.5));
    expect(output.observations[1]).toMatchObject({ id: "r1", status: "refused", news2: null, icansGrade: null });
    expect(output.currentGrade).toBe(2);
    expect(output.currentNews2).not.toBeNull();
    expect(obsDue(output)).toMatchObject({ startedAt: at(0.5), dueAt: at(1.5), sourceId: "r1", status: "running" });
    expect(obsDue(output)?.reasons[0]?.text).toContain("refused (asleep, declined)");
    // The escalation clock keeps running from the grade-2 set.
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "running", sourceId: "o1" });
  });

  it("do not resolve a clock or start an episode", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER), { ...observation("n1", 1), status: "not_possible", statusReason: "off the ward" }],
        [],
        2,
      ),
    );
    expect(timersOf(output, "GRADE1_PROLONGED_24H")[0]?.status).toBe("running");
    expect(output.currentGrade).toBe(1);
    expect(output.observations[1]?.reasons[0]?.rule).toBe("OBS-STATUS");
  });

  it("with no charted set before: the grade-0 interval", () => {
    expect(obsDue(evaluateTimeline(timeline([refused("r1", 0)], [], 0)))).toMatchObject({ dueAt: at(4), sourceId: "r1" });
  });
});

describe("OBS-PAUSE", () => {
  const sets = [observation("o1", 0, FEVER_HYPOTENSIVE)]; // due 1 h later
  const withPause = (nowHours: number, from: number, until: number | null) =>
    evaluateTimeline({
      ...timeline(sets, [], nowHours),
      pauses: [{ id: "p1", from: at(from), until: until === null ? null : at(until), reason: "CT scan" }],
    });

  it("while running: OBS_DUE and ICE_DUE are paused and name the pause; escalation clocks keep running", () => {
    const output = withPause(2, 0.5, 3);
    expect(obsDue(output)?.status).toBe("paused");
    expect(
      obsDue(output)
        ?.reasons.map((r) => r.text)
        .join(" "),
    ).toContain("CT scan");
    expect(
      obsDue(output)
        ?.reasons.map((r) => r.text)
        .join(" "),
    ).toContain("until 2026-03-01 09:00Z");
    expect(timersOf(output, "ICE_DUE")[0]?.status).toBe("paused");
    expect(timersOf(output, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("running");
    expect(withPause(2, 0.5, null).timers.find((t) => t.kind === "OBS_DUE")?.status).toBe("paused");
  });

  it("at its end: due 60 min after the end (sourceId the pause), or the normal due time if later", () => {
    const ended = withPause(3, 0.5, 3);
    expect(obsDue(ended)).toMatchObject({ status: "running", dueAt: at(4), sourceId: "p1" });
    expect(obsDue(withPause(4, 0.5, 3))?.status).toBe("overdue");
    // A short pause ending well before the normal due time: the normal due time (from the set) decides.
    const short = evaluateTimeline({
      ...timeline([observation("o1", 0, COMPLETE_CALM)], [], 1),
      pauses: [{ id: "p1", from: at(0.25), until: at(0.5), reason: "X-ray" }],
    });
    expect(obsDue(short)).toMatchObject({ dueAt: at(4), sourceId: "o1" });
  });

  it("a set charted after the pause ended decides alone", () => {
    const output = evaluateTimeline({
      ...timeline([...sets, observation("o2", 3.5, FEVER_HYPOTENSIVE)], [], 3.5),
      pauses: [{ id: "p1", from: at(0.5), until: at(3), reason: "CT scan" }],
    });
    expect(obsDue(output)).toMatchObject({ dueAt: at(4.5), sourceId: "o2" });
  });
});
