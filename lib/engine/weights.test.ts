import { describe, expect, it } from "vitest";
import { HOUR, T0 } from "./test-fixtures";
import { weightForDose } from "./weights";

const DAY = 24 * HOUR;

describe("weightForDose (TOCI-WEIGHT)", () => {
  const admission = { atMs: T0, kg: 70 };
  const dayTwo = { atMs: T0 + 2 * DAY, kg: 64 };
  const history = [admission, dayTwo];

  it("uses the latest weight measured at or before the dose", () => {
    expect(weightForDose(T0 + DAY, { weights: history })).toMatchObject({ kg: 70, measuredAtMs: T0, stale: null });
    expect(weightForDose(T0 + 3 * DAY, { weights: history })).toMatchObject({ kg: 64, measuredAtMs: T0 + 2 * DAY, stale: null });
  });

  it("a weight measured exactly at the dose time applies to it; one a millisecond later does not", () => {
    expect(weightForDose(T0 + 2 * DAY, { weights: history }).kg).toBe(64);
    expect(weightForDose(T0 + 2 * DAY - 1, { weights: history }).kg).toBe(70);
  });

  it("the history decides: weightKg is ignored when there is one", () => {
    expect(weightForDose(T0 + DAY, { weights: history, weightKg: 90 }).kg).toBe(70);
  });

  it("an unordered history is read by time", () => {
    const unordered = [dayTwo, admission];
    expect(weightForDose(T0 + DAY, { weights: unordered }).kg).toBe(70);
    expect(weightForDose(T0 + 3 * DAY, { weights: unordered }).kg).toBe(64);
  });

  it("two weights at the same instant: the one listed last (a correction is charted after the value it corrects)", () => {
    const corrected = [
      { atMs: T0, kg: 700 },
      { atMs: T0, kg: 70 },
    ];
    expect(weightForDose(T0 + HOUR, { weights: corrected }).kg).toBe(70);
    expect(weightForDose(T0 + HOUR, { weights: [...corrected].reverse() }).kg).toBe(700);
    // The same when the dose comes before them and the first weight is used.
    expect(weightForDose(T0 - HOUR, { weights: corrected }).kg).toBe(70);
  });

  it("says which weight it used, with the rule ID last", () => {
    expect(weightForDose(T0 + DAY, { weights: history }).reason).toEqual({
      rule: "TOCI-WEIGHT",
      text: "Weight 70 kg measured 2026-03-01 06:00Z, the latest at or before this dose at 2026-03-02 06:00Z (TOCI-WEIGHT)",
    });
  });
});

describe("ALERT-WEIGHT-STALE", () => {
  const weights = [{ atMs: T0, kg: 70 }];

  it("a dose before any weight uses the first weight and says so", () => {
    const result = weightForDose(T0 - 2 * HOUR, { weights: [{ atMs: T0 + DAY, kg: 72 }, ...weights] });
    expect(result.kg).toBe(70);
    expect(result.measuredAtMs).toBe(T0);
    expect(result.stale?.reason).toEqual({
      rule: "ALERT-WEIGHT-STALE",
      text: "Dosed before any weight was measured: dose at 2026-03-01 04:00Z, first weight 70 kg measured 2026-03-01 06:00Z (ALERT-WEIGHT-STALE)",
    });
    expect(result.reason.text).toBe(
      "Weight 70 kg measured 2026-03-01 06:00Z, the first weight, measured after this dose at 2026-03-01 04:00Z (TOCI-WEIGHT)",
    );
    expect(weightForDose(T0 - 1, { weights }).stale?.reason.text).toContain("Dosed before any weight was measured");
  });

  it("exactly weightStaleDays after the weight is not stale; a millisecond more is", () => {
    expect(weightForDose(T0, { weights }).stale).toBeNull();
    expect(weightForDose(T0 + 7 * DAY, { weights }).stale).toBeNull();
    const stale = weightForDose(T0 + 7 * DAY + 1, { weights });
    expect(stale.kg).toBe(70);
    expect(stale.stale?.reason).toEqual({
      rule: "ALERT-WEIGHT-STALE",
      text: "Weight 70 kg measured 2026-03-01 06:00Z, more than 7 days before the dose at 2026-03-08 06:00Z: re-weigh before the next dose (ALERT-WEIGHT-STALE)",
    });
  });

  it("weightStaleDays is a setting", () => {
    expect(weightForDose(T0 + 3 * DAY, { weights }, { weightStaleDays: 3 }).stale).toBeNull();
    expect(weightForDose(T0 + 3 * DAY + 1, { weights }, { weightStaleDays: 3 }).stale?.reason.text).toContain(
      "more than 3 days before the dose",
    );
  });

  it("a new weight makes later doses fresh again", () => {
    const reweighed = [...weights, { atMs: T0 + 8 * DAY, kg: 68 }];
    expect(weightForDose(T0 + 8 * DAY - 1, { weights: reweighed }).stale).not.toBeNull();
    expect(weightForDose(T0 + 8 * DAY, { weights: reweighed })).toMatchObject({ kg: 68, stale: null });
  });
});

describe("a single weightKg", () => {
  it("applies to every dose and is never stale", () => {
    for (const doseAtMs of [T0 - 30 * DAY, T0, T0 + 365 * DAY]) {
      expect(weightForDose(doseAtMs, { weightKg: 70 })).toEqual({
        kg: 70,
        measuredAtMs: null,
        stale: null,
        reason: { rule: "TOCI-WEIGHT", text: "Weight 70 kg (one weight charted, used for every dose) (TOCI-WEIGHT)" },
      });
    }
  });

  it("an empty history is no history: weightKg applies", () => {
    expect(weightForDose(T0, { weights: [], weightKg: 55 }).kg).toBe(55);
    expect(weightForDose(T0, { weights: null, weightKg: 55 }).kg).toBe(55);
  });

  it("no weight at all: null, and said", () => {
    expect(weightForDose(T0, {})).toEqual({
      kg: null,
      measuredAtMs: null,
      stale: null,
      reason: { rule: "TOCI-WEIGHT", text: "No weight charted (TOCI-WEIGHT)" },
    });
    expect(weightForDose(T0, { weightKg: null, weights: [] }).kg).toBeNull();
  });
});
