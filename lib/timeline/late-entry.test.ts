// What counts as a late entry, at the boundaries.
import { describe, expect, it } from "vitest";
import { LATE_ENTRY_AFTER_MS, lateEntryKeys } from "@/lib/timeline/late-entry";

const MIN = 60_000;
const fact = (key: string, effectiveMin: number, recordedMin: number) => ({
  key,
  effectiveAtMs: effectiveMin * MIN,
  firstRecordedAtMs: recordedMin * MIN,
});

describe("lateEntryKeys", () => {
  it("charting in time order, each a few minutes after the bedside time, has no late entry", () => {
    expect(lateEntryKeys([fact("a", 0, 5), fact("b", 60, 65), fact("c", 120, 125)])).toEqual(new Set());
  });

  it("marks a fact charted more than an hour after its bedside time (exactly an hour is not late)", () => {
    expect(LATE_ENTRY_AFTER_MS).toBe(60 * MIN);
    expect(lateEntryKeys([fact("on-time", 0, 60), fact("late", 100, 161)])).toEqual(new Set(["late"]));
  });

  it("marks a fact slotted in behind facts already charted, even minutes after its bedside time", () => {
    expect(lateEntryKeys([fact("a", 60, 65), fact("behind", 50, 70), fact("c", 120, 125)])).toEqual(new Set(["behind"]));
  });

  it("does not mark facts charted at the same instant against each other", () => {
    expect(lateEntryKeys([fact("a", 30, 40), fact("b", 20, 40)])).toEqual(new Set());
  });

  it("ignores input order", () => {
    const facts = [fact("c", 120, 125), fact("behind", 50, 70), fact("a", 60, 65)];
    expect(lateEntryKeys(facts)).toEqual(new Set(["behind"]));
  });
});
