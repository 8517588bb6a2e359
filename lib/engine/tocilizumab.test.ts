import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./settings";
import { HOUR, MINUTE, T0 } from "./test-fixtures";
import { dosesInLast24h, nextEligibleDose, recommendedDoseMg, tocilizumabDose, tocilizumabFlags } from "./tocilizumab";

const settings = DEFAULT_SETTINGS;
const flagsOf = (atMs: number, doseMg: number, previous: number[], weightKg: number | null = 70) =>
  tocilizumabFlags({ atMs, doseMg }, previous, weightKg, settings).flags;

describe("recommendedDoseMg (TOCI-DOSE)", () => {
  it.each([
    [29.9, 359],
    [30, 240],
    [70, 560],
    [99.9, 799],
    [100, 800],
    [110, 800],
    [10, 120],
  ])("%s kg -> %i mg", (weightKg, mg) => {
    expect(recommendedDoseMg(weightKg)).toBe(mg);
  });

  it("is null without a weight, and says so", () => {
    expect(recommendedDoseMg(null)).toBeNull();
    expect(tocilizumabDose(undefined).reason.text).toContain("Weight not charted");
  });

  it("explains the cap", () => {
    expect(tocilizumabDose(110).reason.text).toBe("Tocilizumab 800 mg (8 mg/kg x 110 kg, capped at 800 mg) (TOCI-DOSE)");
  });
});

describe("tocilizumabFlags", () => {
  it("a first dose at the recommended amount has no flag and is dose 1", () => {
    const result = tocilizumabFlags({ atMs: T0, doseMg: 560 }, [], 70, settings);
    expect(result).toMatchObject({ doseNumber: 1, flags: [] });
    expect(result.reasons[0]?.rule).toBe("TOCI-DOSE");
  });

  it("TOCI_INTERVAL_UNDER_8H: 7 h 59 min is flagged, exactly 8 h is not", () => {
    expect(flagsOf(T0 + 8 * HOUR - MINUTE, 560, [T0])).toEqual(["TOCI_INTERVAL_UNDER_8H"]);
    expect(flagsOf(T0 + 8 * HOUR, 560, [T0])).toEqual([]);
    const reason = tocilizumabFlags({ atMs: T0 + 4 * HOUR, doseMg: 560 }, [T0], 70, settings).reasons[1];
    expect(reason).toEqual({
      rule: "TOCI_INTERVAL_UNDER_8H",
      text: "Dose 2 given 4 h 00 min after dose 1; minimum interval is 8 h (TOCI_INTERVAL_UNDER_8H)",
    });
  });

  it("the minimum interval is a setting", () => {
    expect(tocilizumabFlags({ atMs: T0 + 9 * HOUR, doseMg: 560 }, [T0], 70, { tociMinIntervalHours: 12 }).flags).toEqual([
      "TOCI_INTERVAL_UNDER_8H",
    ]);
  });

  it("TOCI_MAX_3_PER_24H: window (t - 24 h, t], a dose exactly 24 h earlier is outside it", () => {
    const previous = [T0, T0 + 8 * HOUR, T0 + 15 * HOUR];
    expect(flagsOf(T0 + 24 * HOUR, 560, previous)).toEqual([]);
    expect(flagsOf(T0 + 24 * HOUR - MINUTE, 560, previous)).toEqual(["TOCI_MAX_3_PER_24H"]);
  });

  it("TOCI_MAX_4_TOTAL on the 5th and later doses", () => {
    const four = [T0, T0 + 24 * HOUR, T0 + 48 * HOUR, T0 + 72 * HOUR];
    expect(flagsOf(T0 + 96 * HOUR, 560, four.slice(0, 3))).toEqual([]);
    const fifth = tocilizumabFlags({ atMs: T0 + 96 * HOUR, doseMg: 560 }, four, 70, settings);
    expect(fifth.flags).toEqual(["TOCI_MAX_4_TOTAL"]);
    expect(fifth.doseNumber).toBe(5);
  });

  it("TOCI_DOSE_OVER_800MG above 800 mg only", () => {
    expect(flagsOf(T0, 800, [], 110)).toEqual([]);
    expect(flagsOf(T0, 801, [], 110)).toEqual(["TOCI_DOSE_OVER_800MG"]);
  });

  it("TOCI_DOSE_OVER_WEIGHT_BASED: more than 10 % above mg/kg x kg, before the cap", () => {
    expect(flagsOf(T0, 616, [], 70)).toEqual([]); // 560 + 10 %
    expect(flagsOf(T0, 616.1, [], 70)).toEqual(["TOCI_DOSE_OVER_WEIGHT_BASED"]);
    expect(flagsOf(T0, 264, [], 20)).toEqual([]); // 12 mg/kg x 20 = 240
    expect(flagsOf(T0, 265, [], 20)).toEqual(["TOCI_DOSE_OVER_WEIGHT_BASED"]);
    // 110 kg: weight-based 880 mg before the cap, so 800 mg is not over it
    expect(flagsOf(T0, 800, [], 110)).toEqual([]);
    // 80 kg: weight-based 640 mg; 720 mg is more than 704
    expect(flagsOf(T0, 720, [], 80)).toEqual(["TOCI_DOSE_OVER_WEIGHT_BASED"]);
  });

  it("no weight: no weight-based flag", () => {
    expect(flagsOf(T0, 790, [], null)).toEqual([]);
  });

  it("reports every flag a dose breaks, each with its reason", () => {
    const result = tocilizumabFlags(
      { atMs: T0 + HOUR, doseMg: 900 },
      [T0 - 2 * HOUR, T0 - HOUR, T0, T0 + 0.5 * HOUR],
      70,
      settings,
    );
    expect(result.flags).toEqual([
      "TOCI_MAX_3_PER_24H",
      "TOCI_MAX_4_TOTAL",
      "TOCI_INTERVAL_UNDER_8H",
      "TOCI_DOSE_OVER_800MG",
      "TOCI_DOSE_OVER_WEIGHT_BASED",
    ]);
    expect(result.reasons.map((reason) => reason.rule)).toEqual(["TOCI-DOSE", ...result.flags]);
  });
});

describe("nextEligibleDose (TOCI-NEXT)", () => {
  it("eligible now when none was given", () => {
    expect(nextEligibleDose([], T0, settings).atMs).toBe(T0);
  });

  it("last dose + 8 h, or now if later", () => {
    expect(nextEligibleDose([T0], T0 + HOUR, settings).atMs).toBe(T0 + 8 * HOUR);
    expect(nextEligibleDose([T0], T0 + 10 * HOUR, settings)).toMatchObject({ atMs: T0 + 10 * HOUR, dueMs: T0 + 8 * HOUR });
  });

  it("third-most-recent dose + 24 h when 3 were given", () => {
    const result = nextEligibleDose([T0, T0 + 8 * HOUR, T0 + 10 * HOUR], T0 + 11 * HOUR, settings);
    expect(result.atMs).toBe(T0 + 24 * HOUR);
    expect(result.reasons[0]?.text).toContain("so that no more than 3 fall in 24 h");
  });

  it("a dose at TOCI-NEXT raises none of the count or interval flags", () => {
    const doses = [T0, T0 + 8 * HOUR, T0 + 10 * HOUR];
    const next = nextEligibleDose(doses, T0, settings).atMs!;
    expect(flagsOf(next, 560, doses)).toEqual([]);
    expect(flagsOf(next - 1, 560, doses)).not.toEqual([]);
  });

  it("none once 4 doses have been given", () => {
    const result = nextEligibleDose([T0, T0 + 8 * HOUR, T0 + 24 * HOUR, T0 + 32 * HOUR], T0 + 40 * HOUR, settings);
    expect(result.atMs).toBeNull();
    expect(result.reasons[0]?.text).toContain("consider siltuximab, anakinra or steroids");
  });
});

describe("dosesInLast24h", () => {
  it("counts (now - 24 h, now]", () => {
    expect(dosesInLast24h([T0, T0 + HOUR], T0 + 24 * HOUR)).toBe(1);
    expect(dosesInLast24h([T0, T0 + HOUR], T0 + 24 * HOUR - 1)).toBe(2);
  });
});
