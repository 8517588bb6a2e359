import { describe, expect, it } from "vitest";
import { gradeIcans, iceGrade } from "./icans";

describe("iceGrade (ICANS-ICE)", () => {
  it.each([
    [10, 0],
    [9, 1],
    [7, 1],
    [6, 2],
    [3, 2],
    [2, 3],
    [1, 3],
    [0, 3],
  ])("ICE %i in an awake patient -> grade %i", (score, grade) => {
    expect(iceGrade(score, "awake").grade).toBe(grade);
    expect(iceGrade(score, undefined).grade).toBe(grade);
  });

  it("ICE 0 because unarousable -> 4", () => {
    const result = iceGrade(0, "unarousable");
    expect(result.grade).toBe(4);
    expect(result.reason.text).toBe("ICANS grade 4: ICE 0/10 because unarousable (ICANS-ICE)");
  });

  it("ICE 0 in an awake patient (global aphasia) is 3, and says why it is not 4", () => {
    expect(iceGrade(0, "awake").reason.text).toContain("grade 4 only when unarousable");
  });
});

describe("gradeIcans", () => {
  it("is null (not assessed) when no neurological data is charted, which is not grade 0", () => {
    expect(gradeIcans({})).toEqual({ grade: null, reasons: [] });
    expect(gradeIcans({ seizure: "none" }).grade).toBe(0);
    expect(gradeIcans({ motorWeakness: false }).grade).toBe(0);
  });

  it("ICE 10 with no other finding is grade 0", () => {
    expect(
      gradeIcans({ iceScore: 10, consciousness: "awake", seizure: "none", motorWeakness: false, cerebralEdema: "none" }).grade,
    ).toBe(0);
  });

  it.each([
    ["awake", 0],
    ["awakens_spontaneously", 1],
    ["awakens_to_voice", 2],
    ["awakens_to_tactile", 3],
    ["unarousable", 4],
  ] as const)("consciousness %s -> %i", (consciousness, grade) => {
    expect(gradeIcans({ consciousness }).grade).toBe(grade);
  });

  it.each([
    [{ seizure: "resolved_rapidly" }, 3, "ICANS-SEIZURE"],
    [{ seizure: "prolonged_or_repetitive" }, 4, "ICANS-SEIZURE"],
    [{ motorWeakness: true }, 4, "ICANS-MOTOR"],
    [{ cerebralEdema: "focal" }, 3, "ICANS-EDEMA"],
    [{ cerebralEdema: "diffuse" }, 4, "ICANS-EDEMA"],
  ] as const)("%j -> %i with rule %s", (finding, grade, rule) => {
    const result = gradeIcans({ iceScore: 10, ...finding });
    expect(result.grade).toBe(grade);
    expect(result.reasons.find((reason) => reason.rule === rule)?.text).toContain(`ICANS grade ${grade}`);
  });

  it("takes the most severe finding, never a sum", () => {
    const result = gradeIcans({ iceScore: 8, consciousness: "awakens_to_voice" });
    expect(result.grade).toBe(2);
    expect(result.reasons.map((reason) => reason.rule)).toEqual(["ICANS-ICE", "ICANS-CONSCIOUSNESS", "ICANS"]);
    expect(result.reasons[2]?.text).toBe("ICANS grade 2: the most severe neurological finding charted (ICANS)");
  });
});
