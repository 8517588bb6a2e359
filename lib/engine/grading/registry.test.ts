import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "../timeline";
import { FEVER_HYPOTENSIVE, NORMAL, observation, timeline } from "../test-fixtures";
import type { TimelineInput } from "../types";
import { formatIssues, parseTimelineInput } from "../validation";
import { astct2019 } from "./astct-2019";
import { crsGradingSystem, DEFAULT_GRADING_SYSTEM, GRADING_SYSTEMS } from "./registry";

describe("grading system registry", () => {
  it("chooses ASTCT 2019 when the patient names no system", () => {
    expect(DEFAULT_GRADING_SYSTEM).toBe("ASTCT");
    expect(crsGradingSystem(undefined)).toBe(astct2019);
    expect(crsGradingSystem(null)).toBe(astct2019);
  });

  it("chooses a system by its name (the value of patient.gradingSystem)", () => {
    expect(GRADING_SYSTEMS).toEqual(["ASTCT"]);
    expect(crsGradingSystem("ASTCT")).toBe(astct2019);
    expect(crsGradingSystem("ASTCT").title).toBe("ASTCT 2019 consensus grading");
  });

  it("refuses a system it does not know, naming the ones it does", () => {
    expect(() => crsGradingSystem("LEE2014")).toThrow(new RangeError('"LEE2014" is not a grading system; use one of ASTCT'));
    expect(() => crsGradingSystem("astct")).toThrow(RangeError);
  });
});

describe("patient.gradingSystem in the exchange format", () => {
  const course = timeline([observation("o1", 0, NORMAL), observation("o2", 1, FEVER_HYPOTENSIVE)], [], 2);

  it("is optional, and may name a known system", () => {
    expect(parseTimelineInput(course).success).toBe(true);
    expect(parseTimelineInput({ ...course, patient: { ...course.patient, gradingSystem: "ASTCT" } }).success).toBe(true);
  });

  it("refuses an unknown system with a message that lists the allowed ones", () => {
    const result = parseTimelineInput({ ...course, patient: { ...course.patient, gradingSystem: "LEE2014" } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(formatIssues(result.issues)).toBe(
        'patient.gradingSystem: "LEE2014" is not an allowed grading system; use one of ASTCT',
      );
    }
  });

  it("reaches the engine: absent and ASTCT grade alike, an unknown system is refused there too", () => {
    const graded = evaluateTimeline(course);
    expect(graded.observations.map((o) => o.grade)).toEqual([0, 2]);
    expect(evaluateTimeline({ ...course, patient: { ...course.patient, gradingSystem: "ASTCT" } })).toEqual(graded);
    const unknown = { ...course, patient: { ...course.patient, gradingSystem: "LEE2014" } } as unknown as TimelineInput;
    expect(() => evaluateTimeline(unknown)).toThrow(RangeError);
  });
});
