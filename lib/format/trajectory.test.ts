import { describe, expect, it } from "vitest";
import type { GradedObservation, News2Summary } from "@/lib/engine";
import { gradeTrajectory } from "./trajectory";

const obs = (
  at: string,
  grade: number,
  icansGrade: number | null = null,
  news2: News2Summary | null = null,
  status: GradedObservation["status"] = "charted",
): GradedObservation => ({
  id: at,
  at,
  status,
  news2,
  grade: grade as GradedObservation["grade"],
  icansGrade: icansGrade as GradedObservation["icansGrade"],
  febrile: null,
  hypotensionAxis: 0,
  oxygenAxis: 0,
  reasons: [],
});
const news2 = (score: number, band: News2Summary["band"], complete = true): News2Summary => ({ score, complete, band });

describe("gradeTrajectory", () => {
  const from = Date.parse("2026-03-01T06:00:00Z");
  it("opens with the grade carried in, then lists only changes", () => {
    const steps = gradeTrajectory(
      [
        obs("2026-03-01T05:00:00.000Z", 1),
        obs("2026-03-01T07:00:00.000Z", 1),
        obs("2026-03-01T08:00:00.000Z", 2),
        obs("2026-03-01T09:00:00.000Z", 2),
        obs("2026-03-01T10:00:00.000Z", 3, 1),
        obs("2026-03-01T11:00:00.000Z", 3),
      ],
      from,
    );
    expect(steps.map((s) => [s.at.slice(11, 16), s.grade, s.icansGrade, s.carriedIn])).toEqual([
      ["05:00", 1, null, true],
      ["08:00", 2, null, false],
      ["10:00", 3, 1, false],
    ]);
  });
  it("shows the last known grade when nothing was charted in the window", () => {
    expect(gradeTrajectory([obs("2026-03-01T01:00:00.000Z", 2)], from)).toEqual([
      { at: "2026-03-01T01:00:00.000Z", grade: 2, icansGrade: null, news2: null, carriedIn: true },
    ]);
    expect(gradeTrajectory([], from)).toEqual([]);
  });
  it("adds a step when the NEWS2 band changes, not when only the score moves within a band", () => {
    const steps = gradeTrajectory(
      [
        obs("2026-03-01T05:00:00.000Z", 0, null, news2(1, "low")),
        obs("2026-03-01T07:00:00.000Z", 0, null, news2(3, "low")),
        obs("2026-03-01T08:00:00.000Z", 0, null, news2(5, "medium", false)),
        obs("2026-03-01T09:00:00.000Z", 0, null, news2(6, "medium")),
        obs("2026-03-01T10:00:00.000Z", 0, null, news2(8, "high")),
      ],
      from,
    );
    expect(steps.map((s) => [s.at.slice(11, 16), s.news2?.score, s.news2?.band, s.carriedIn])).toEqual([
      ["05:00", 1, "low", true],
      ["08:00", 5, "medium", false],
      ["10:00", 8, "high", false],
    ]);
    expect(steps[1]?.news2?.complete).toBe(false);
  });
  it("skips refused and not-possible sets: they have no grade, so they change nothing", () => {
    const steps = gradeTrajectory(
      [
        obs("2026-03-01T07:00:00.000Z", 2, 1, news2(5, "medium")),
        obs("2026-03-01T08:00:00.000Z", 0, null, null, "refused"),
        obs("2026-03-01T09:00:00.000Z", 0, null, null, "not_possible"),
        obs("2026-03-01T10:00:00.000Z", 2, null, null),
      ],
      from,
    );
    expect(steps).toEqual([
      { at: "2026-03-01T07:00:00.000Z", grade: 2, icansGrade: 1, news2: news2(5, "medium"), carriedIn: false },
    ]);
  });
});
