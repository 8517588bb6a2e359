import { describe, expect, it } from "vitest";
import type { GradedObservation } from "@/lib/engine";
import { gradeTrajectory } from "./trajectory";

const obs = (at: string, grade: number, icansGrade: number | null = null): GradedObservation => ({
  id: at,
  at,
  status: "charted",
  news2: null,
  grade: grade as GradedObservation["grade"],
  icansGrade: icansGrade as GradedObservation["icansGrade"],
  febrile: null,
  hypotensionAxis: 0,
  oxygenAxis: 0,
  reasons: [],
});

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
      { at: "2026-03-01T01:00:00.000Z", grade: 2, icansGrade: null, carriedIn: true },
    ]);
    expect(gradeTrajectory([], from)).toEqual([]);
  });
});
