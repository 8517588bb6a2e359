import { describe, expect, it } from "vitest";
import { crsEpisodes, episodeEndAtMs, episodeHasEnded, type GradedPoint } from "./episodes";
import { HOUR, T0 } from "./test-fixtures";
import type { CrsGrade } from "./types";

const point = (hours: number, grade: CrsGrade, febrile: boolean | null): GradedPoint => ({
  atMs: T0 + hours * HOUR,
  grade,
  febrile,
});
const fever = (hours: number, grade: CrsGrade = 1) => point(hours, grade, true);
const afebrile = (hours: number, grade: CrsGrade = 0) => point(hours, grade, false);
const spans = (points: GradedPoint[], nowHours: number, settings = {}) =>
  crsEpisodes(points, T0 + nowHours * HOUR, settings).map(({ startedAtMs, endedAtMs, maxGrade }) => ({
    start: (startedAtMs - T0) / HOUR,
    end: endedAtMs === null ? null : (endedAtMs - T0) / HOUR,
    maxGrade,
  }));

describe("episodeHasEnded (EPISODE-END)", () => {
  it("ends exactly episodeEndHours after the last observation graded 1 or more", () => {
    expect(episodeEndAtMs(T0)).toBe(T0 + 72 * HOUR);
    expect(episodeHasEnded(T0, T0 + 72 * HOUR - 1)).toBe(false);
    expect(episodeHasEnded(T0, T0 + 72 * HOUR)).toBe(true);
    expect(episodeHasEnded(T0, T0 + 24 * HOUR, { episodeEndHours: 24 })).toBe(true);
  });
});

describe("crsEpisodes (ASTCT-ONSET, EPISODE-END)", () => {
  it("no fever, no episode, whatever the grades the list carries", () => {
    expect(spans([], 10)).toEqual([]);
    expect(spans([afebrile(0), point(1, 0, null), afebrile(2)], 10)).toEqual([]);
  });

  it("starts at the first fever and runs until 72 h after the last observation graded 1 or more", () => {
    const points = [afebrile(-2), fever(0), afebrile(4), afebrile(8)];
    expect(spans(points, 72 - 1 / HOUR)).toEqual([{ start: 0, end: null, maxGrade: 1 }]);
    expect(spans(points, 72)).toEqual([{ start: 0, end: 72, maxGrade: 1 }]);
    expect(spans(points, 500)).toEqual([{ start: 0, end: 72, maxGrade: 1 }]);
  });

  it("an observation graded 1 or more before the end moves the end", () => {
    const points = [fever(0), afebrile(10), point(71, 2, false), afebrile(100)];
    expect(spans(points, 142)).toEqual([{ start: 0, end: null, maxGrade: 2 }]);
    expect(spans(points, 143)).toEqual([{ start: 0, end: 143, maxGrade: 2 }]);
  });

  it("an observation graded 0 does not move the end", () => {
    expect(spans([fever(0), afebrile(50), afebrile(71)], 80)).toEqual([{ start: 0, end: 72, maxGrade: 1 }]);
  });

  it("a fever 1 ms before the end continues the episode; a fever exactly at the end starts a new one", () => {
    const before = [fever(0, 3), point(72 - 1 / HOUR, 1, true)];
    expect(spans(before, 100)).toEqual([{ start: 0, end: null, maxGrade: 3 }]);
    const atEnd = [fever(0, 3), fever(72)];
    expect(spans(atEnd, 100)).toEqual([
      { start: 0, end: 72, maxGrade: 3 },
      { start: 72, end: null, maxGrade: 1 },
    ]);
  });

  it("after the end, no episode runs until the next fever; each episode has its own maximum", () => {
    const points = [fever(0, 2), point(30, 3, false), afebrile(120), point(130, 0, null), fever(200, 1), afebrile(210)];
    expect(spans(points, 300)).toEqual([
      { start: 0, end: 102, maxGrade: 3 },
      { start: 200, end: 272, maxGrade: 1 },
    ]);
  });

  it("an observation after the end that carries a grade is not in any episode (it has none by ASTCT-ONSET)", () => {
    expect(spans([fever(0), point(72, 2, false)], 80)).toEqual([{ start: 0, end: 72, maxGrade: 1 }]);
  });

  it("observations at one instant are taken together, whatever their order (TIE)", () => {
    const afebrileFirst = [point(0, 2, null), fever(0, 1)];
    expect(spans(afebrileFirst, 10)).toEqual([{ start: 0, end: null, maxGrade: 2 }]);
    expect(spans([...afebrileFirst].reverse(), 10)).toEqual([{ start: 0, end: null, maxGrade: 2 }]);
    const atTheEnd = [fever(0), afebrile(72), fever(72, 2)];
    expect(spans(atTheEnd, 100)).toEqual([
      { start: 0, end: 72, maxGrade: 1 },
      { start: 72, end: null, maxGrade: 2 },
    ]);
  });

  it("reads an unordered list by time", () => {
    expect(spans([afebrile(10), fever(0, 2), afebrile(-5)], 20)).toEqual([{ start: 0, end: null, maxGrade: 2 }]);
  });

  it("leaves out observations after now (ASOF)", () => {
    const points = [fever(0), fever(60, 3)];
    expect(spans(points, 50)).toEqual([{ start: 0, end: null, maxGrade: 1 }]);
    // As of 72 h with the 60 h fever charted: it moved the end to 132 h.
    expect(spans(points, 72)).toEqual([{ start: 0, end: null, maxGrade: 3 }]);
  });

  it("episodeEndHours is a setting", () => {
    expect(spans([fever(0), fever(24)], 30, { episodeEndHours: 24 })).toEqual([
      { start: 0, end: 24, maxGrade: 1 },
      { start: 24, end: null, maxGrade: 1 },
    ]);
  });

  it("says when each episode started and why it ended or when it will", () => {
    const [ended, running] = crsEpisodes([fever(0), fever(100)], T0 + 110 * HOUR);
    expect(ended?.reasons).toEqual([
      { rule: "ASTCT-ONSET", text: "CRS episode started at 2026-03-01 06:00Z: first fever (ASTCT-ONSET)" },
      {
        rule: "EPISODE-END",
        text: "CRS episode ended at 2026-03-04 06:00Z: 72 h after its last observation graded 1 or more (2026-03-01 06:00Z), none graded 1 or more since (EPISODE-END)",
      },
    ]);
    expect(running?.reasons.at(1)).toEqual({
      rule: "EPISODE-END",
      text: "CRS episode running: it ends at 2026-03-08 10:00Z, 72 h after its last observation graded 1 or more (2026-03-05 10:00Z), unless one graded 1 or more comes first (EPISODE-END)",
    });
    expect(running?.lastGradedAtMs).toBe(T0 + 100 * HOUR);
  });
});
