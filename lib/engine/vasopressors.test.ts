// Vasopressors carried forward (docs/EXCHANGE-FORMAT.md, reading 8): an infusion charted as
// running counts at later observations that do not chart vasopressors, until one charts them.
import { describe, expect, it } from "vitest";
import { compareGrades, lateEntryAlerts } from "./alerts";
import { evaluateTimeline } from "./timeline";
import { at, FEVER, FEVER_HYPOTENSIVE, observation, timeline } from "./test-fixtures";
import type { ObservationInput, TimelineOutput } from "./types";
import { infusionsInEffect } from "./vasopressors";

const NOREPINEPHRINE = [{ agent: "norepinephrine" as const, doseMcgKgMin: 0.08 }];
const grades = (output: TimelineOutput) => output.observations.map((o) => o.grade);
const hypotensionReason = (output: TimelineOutput, id: string) =>
  output.observations.find((o) => o.id === id)!.reasons.find((r) => r.rule === "ASTCT-HYPOTENSION")!.text;

describe("vasopressors charted once are counted until charted as stopped", () => {
  it("carries an infusion across several observations that do not chart vasopressors", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, FEVER),
          observation("o2", 1, { ...FEVER_HYPOTENSIVE, vasopressors: NOREPINEPHRINE }),
          observation("o3", 2, FEVER_HYPOTENSIVE),
          observation("o4", 3, FEVER),
          observation("o5", 4, { temperatureC: 38.2 }),
        ],
        [],
        4,
      ),
    );
    expect(grades(output)).toEqual([1, 3, 3, 3, 3]);
    expect(output.observations.map((o) => o.hypotensionAxis)).toEqual([0, 3, 3, 3, 3]);
    expect(hypotensionReason(output, "o3")).toBe(
      "Hypotension grade 3: norepinephrine 0.08 mcg/kg/min charted at 2026-03-01 07:00Z and not charted as stopped: counted as running (one vasopressor, whatever the pressure); SBP 84 mmHg < 90, MAP 61.3 mmHg (computed) < 65 (ASTCT-HYPOTENSION)",
    );
    expect(hypotensionReason(output, "o5")).toBe(
      "Hypotension grade 3: norepinephrine 0.08 mcg/kg/min charted at 2026-03-01 07:00Z and not charted as stopped: counted as running (one vasopressor, whatever the pressure) (ASTCT-HYPOTENSION)",
    );
  });

  it("an explicit empty list stops it: later observations that chart nothing are off it too", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER_HYPOTENSIVE, vasopressors: NOREPINEPHRINE }),
          observation("o2", 1, { ...FEVER, vasopressors: [] }),
          observation("o3", 2, FEVER),
          observation("o4", 3, FEVER_HYPOTENSIVE),
        ],
        [],
        3,
      ),
    );
    expect(grades(output)).toEqual([3, 1, 1, 2]);
    expect(hypotensionReason(output, "o4")).toBe(
      "Hypotension grade 2: SBP 84 mmHg < 90, MAP 61.3 mmHg (computed) < 65, no vasopressor (fluids only) (ASTCT-HYPOTENSION)",
    );
  });

  it("a patient never charted on a vasopressor: absent (or null) means none running", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 1, { ...FEVER_HYPOTENSIVE, vasopressors: null })],
        [],
        1,
      ),
    );
    expect(grades(output)).toEqual([2, 2]);
  });

  it("null is 'not charted' too (database rows): it carries like an absent field", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER, vasopressors: NOREPINEPHRINE }),
          observation("o2", 1, { ...FEVER, vasopressors: null }),
        ],
        [],
        1,
      ),
    );
    expect(grades(output)).toEqual([3, 3]);
  });

  it("the latest charting is carried: a changed dose, a second agent", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER, vasopressors: NOREPINEPHRINE }),
          observation("o2", 1, {
            ...FEVER,
            vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.2 }, { agent: "epinephrine" }],
          }),
          observation("o3", 2, FEVER),
        ],
        [],
        2,
      ),
    );
    expect(grades(output)).toEqual([3, 4, 4]);
    expect(hypotensionReason(output, "o3")).toBe(
      "Hypotension grade 4: norepinephrine 0.2 mcg/kg/min + epinephrine charted at 2026-03-01 07:00Z and not charted as stopped: counted as running, 2 vasopressors not counting vasopressin; SBP 120 mmHg, MAP 90 mmHg (computed) (ASTCT-HYPOTENSION)",
    );
  });

  it("a carried inotrope is named as carried and still not counted", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER, vasopressors: [{ agent: "dobutamine", doseMcgKgMin: 5 }] }),
          observation("o2", 1, FEVER_HYPOTENSIVE),
        ],
        [],
        1,
      ),
    );
    expect(grades(output)).toEqual([1, 2]);
    expect(hypotensionReason(output, "o2")).toBe(
      "Hypotension grade 2: SBP 84 mmHg < 90, MAP 61.3 mmHg (computed) < 65, no vasopressor (fluids only); dobutamine 5 mcg/kg/min (charted at 2026-03-01 06:00Z and not charted as stopped) is an inotrope, not counted as a vasopressor (ASTCT-HYPOTENSION)",
    );
  });

  it("nothing is carried backwards: an infusion charted later does not change an earlier observation", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 1, { ...FEVER_HYPOTENSIVE, vasopressors: NOREPINEPHRINE })],
        [],
        1,
      ),
    );
    expect(grades(output)).toEqual([2, 3]);
  });

  it("TIE: sets at one instant never carry each other's charting, whatever their ids or order", () => {
    // Rev 2 (TIE): before, the later id was carried the earlier id's infusion, so ids decided the grade.
    for (const [charting, other] of [
      ["a", "b"],
      ["b", "a"],
    ] as const) {
      for (const swap of [false, true]) {
        const sets = [observation(other, 1, FEVER), observation(charting, 1, { ...FEVER, vasopressors: NOREPINEPHRINE })];
        const output = evaluateTimeline(timeline(swap ? sets.reverse() : sets, [], 1));
        const grades = Object.fromEntries(output.observations.map((o) => [o.id, o.grade]));
        expect(grades).toEqual({ [charting]: 3, [other]: 1 });
        expect(output.currentGrade).toBe(3);
      }
    }
  });

  it("TIE: after an instant, every agent charted as running by any set at it counts", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("a", 1, { ...FEVER, vasopressors: NOREPINEPHRINE }),
          observation("b", 1, { ...FEVER, vasopressors: [] }),
          observation("c", 2, FEVER),
        ],
        [],
        2,
      ),
    );
    expect(output.observations.map((o) => [o.id, o.grade])).toEqual([
      ["a", 3],
      ["b", 1],
      ["c", 3],
    ]);
  });
});

describe("a late entry charting an earlier infusion (ALERT-LATE-ENTRY)", () => {
  const first = observation("o1", 0, FEVER); // 06:00 onset
  const hypotensive = observation("o3", 2, FEVER_HYPOTENSIVE); // 08:00, vasopressors not charted: grade 2
  // 07:00, charted afterwards: pressure and infusion only (temperature not charted during the episode).
  const lateEntry = observation("late", 1, { systolicBP: 88, diastolicBP: 52, vasopressors: NOREPINEPHRINE });

  it("re-grades a later observation that did not chart vasopressors from 2 to 3, and compareGrades reports it", () => {
    const before = evaluateTimeline(timeline([first, hypotensive], [], 3));
    const after = evaluateTimeline(timeline([first, hypotensive, lateEntry], [], 3));
    expect(grades(before)).toEqual([1, 2]);
    expect(grades(after)).toEqual([1, 3, 3]);
    expect(compareGrades(before, after, { ignoreObservationIds: ["late"] })).toEqual([
      { id: "o3", at: at(2), oldGrade: 2, newGrade: 3 },
    ]);
    expect(lateEntryAlerts(before, after, { ignoreObservationIds: ["late"] })[0]?.text).toBe(
      "Observation at 2026-03-01 08:00Z re-graded 2 -> 3 after a late entry (ALERT-LATE-ENTRY)",
    );
  });

  it("does not re-grade an observation that charted 'none running' explicitly", () => {
    const stopped = { ...hypotensive, vasopressors: [] };
    const before = evaluateTimeline(timeline([first, stopped], [], 3));
    const after = evaluateTimeline(timeline([first, stopped, lateEntry], [], 3));
    expect(grades(after)).toEqual([1, 3, 2]);
    expect(compareGrades(before, after, { ignoreObservationIds: ["late"] })).toEqual([]);
  });
});

describe("infusionsInEffect (what pages show as carried)", () => {
  const observations: ObservationInput[] = [
    observation("o3", 3, FEVER),
    observation("o1", 1, { vasopressors: NOREPINEPHRINE }),
    observation("o2", 2, {}),
    observation("o4", 4, { vasopressors: [] }),
    observation("o5", 5, {}),
  ];

  it("names, per observation that did not chart vasopressors, the charting the engine counted, and the stops (in time order, whatever the input order)", () => {
    const { carried, stopped, latest } = infusionsInEffect(observations);
    expect([...carried.keys()].sort()).toEqual(["o2", "o3"]);
    expect([...stopped]).toEqual(["o4"]);
    expect(carried.get("o3")).toEqual({ observationId: "o1", at: at(1), atMs: Date.parse(at(1)), vasopressors: NOREPINEPHRINE });
    expect(latest).toBeNull();
  });

  it("latest: what counts as running after the last observation", () => {
    const { latest } = infusionsInEffect(observations.slice(0, 3));
    expect(latest).toMatchObject({ observationId: "o1", at: at(1) });
    expect(infusionsInEffect([]).latest).toBeNull();
  });
});
