// How late an observation reads on the board: each level at and beside its threshold.
import { describe, expect, it } from "vitest";
import { DUE_LEVEL_WORDS, DUE_SOON_MINUTES, dueLevel, LONG_OVERDUE_MINUTES } from "./due";

const MIN = 60_000;
const DUE = Date.parse("2026-03-02T14:00:00Z");

describe("dueLevel", () => {
  it("uses the documented thresholds: 15 min before due, and the engine's 30 min before a nurse's task", () => {
    expect(DUE_SOON_MINUTES).toBe(15);
    expect(LONG_OVERDUE_MINUTES).toBe(30);
  });

  it.each([
    ["2 h before", -120 * MIN, "not_due"],
    ["15 min 1 ms before", -15 * MIN - 1, "not_due"],
    ["exactly 15 min before", -15 * MIN, "due_soon"],
    ["1 ms before", -1, "due_soon"],
    ["exactly at the due time (due now is overdue)", 0, "overdue"],
    ["5 min after", 5 * MIN, "overdue"],
    ["1 ms short of 30 min after", 30 * MIN - 1, "overdue"],
    ["exactly 30 min after", 30 * MIN, "long_overdue"],
    ["2 days after", 2 * 24 * 60 * MIN, "long_overdue"],
  ] as const)("%s: %s", (_when, offset, level) => {
    expect(dueLevel(DUE, DUE + offset)).toBe(level);
    expect(dueLevel(new Date(DUE).toISOString(), DUE + offset)).toBe(level);
  });

  it("says each level in words, not colour alone", () => {
    expect(DUE_LEVEL_WORDS).toEqual({ not_due: "due", due_soon: "due soon", overdue: "overdue", long_overdue: "long overdue" });
  });
});
