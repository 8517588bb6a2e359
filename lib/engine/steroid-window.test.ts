import { describe, expect, it } from "vitest";
import { steroidAlertWindow } from "./steroid-window";
import { HOUR, T0 } from "./test-fixtures";

const DAY = 24 * HOUR;

describe("steroidAlertWindow (ALERT-STEROID-PROPHYLAXIS, rev 2)", () => {
  const one = [{ atMs: T0, drug: "dexamethasone" }];

  it("is not shown before any corticosteroid", () => {
    expect(steroidAlertWindow([], T0)).toBeNull();
    expect(steroidAlertWindow(one, T0 - 1)).toBeNull();
  });

  it("shows from the dose itself", () => {
    expect(steroidAlertWindow(one, T0)).toEqual({
      sinceMs: T0,
      lastDoseAtMs: T0,
      untilMs: T0 + 7 * DAY,
      reason: {
        rule: "ALERT-STEROID-PROPHYLAXIS",
        text: "Corticosteroid given (dexamethasone at 2026-03-01 06:00Z): consider antifungal prophylaxis; shown until 2026-03-08 06:00Z, 7 days after the last dose (ALERT-STEROID-PROPHYLAXIS)",
      },
    });
  });

  it("still shows a millisecond before steroidAlertDays after the last dose; not at exactly that instant", () => {
    expect(steroidAlertWindow(one, T0 + 7 * DAY - 1)).not.toBeNull();
    expect(steroidAlertWindow(one, T0 + 7 * DAY)).toBeNull();
  });

  it("runs from the first dose of a course to 7 days after its last", () => {
    const course = [
      { atMs: T0, drug: "dexamethasone" },
      { atMs: T0 + 6 * HOUR, drug: "dexamethasone" },
      { atMs: T0 + 3 * DAY, drug: "methylprednisolone" },
    ];
    const window = steroidAlertWindow(course, T0 + 9 * DAY);
    expect(window).toMatchObject({ sinceMs: T0, lastDoseAtMs: T0 + 3 * DAY, untilMs: T0 + 10 * DAY });
    expect(window?.reason.text).toBe(
      "Corticosteroid given (since 2026-03-01 06:00Z, last methylprednisolone at 2026-03-04 06:00Z): consider antifungal prophylaxis; shown until 2026-03-11 06:00Z, 7 days after the last dose (ALERT-STEROID-PROPHYLAXIS)",
    );
    expect(steroidAlertWindow(course, T0 + 10 * DAY)).toBeNull();
  });

  it("a dose after now has not happened (ASOF)", () => {
    const withFuture = [...one, { atMs: T0 + 8 * DAY, drug: "dexamethasone" }];
    expect(steroidAlertWindow(withFuture, T0 + DAY)).toMatchObject({ lastDoseAtMs: T0, untilMs: T0 + 7 * DAY });
    expect(steroidAlertWindow(withFuture, T0 + 7 * DAY + HOUR)).toBeNull();
  });

  it("a new course after the alert stopped starts a new window", () => {
    const twoCourses = [{ atMs: T0 }, { atMs: T0 + 20 * DAY }];
    expect(steroidAlertWindow(twoCourses, T0 + 10 * DAY)).toBeNull();
    expect(steroidAlertWindow(twoCourses, T0 + 21 * DAY)).toMatchObject({ sinceMs: T0 + 20 * DAY, untilMs: T0 + 27 * DAY });
  });

  it("a dose exactly steroidAlertDays after the previous continues the same course (no instant without the alert)", () => {
    const doses = [{ atMs: T0 }, { atMs: T0 + 7 * DAY }];
    expect(steroidAlertWindow(doses, T0 + 7 * DAY)).toMatchObject({ sinceMs: T0, untilMs: T0 + 14 * DAY });
    const gap = [{ atMs: T0 }, { atMs: T0 + 7 * DAY + 1 }];
    expect(steroidAlertWindow(gap, T0 + 7 * DAY + 1)).toMatchObject({ sinceMs: T0 + 7 * DAY + 1 });
  });

  it("unordered doses are read by time; the drug name is optional", () => {
    const window = steroidAlertWindow([{ atMs: T0 + DAY }, { atMs: T0 }], T0 + 2 * DAY);
    expect(window).toMatchObject({ sinceMs: T0, lastDoseAtMs: T0 + DAY });
    expect(window?.reason.text).toContain("last at 2026-03-02 06:00Z");
  });

  it("steroidAlertDays is a setting", () => {
    expect(steroidAlertWindow(one, T0 + 3 * DAY - 1, { steroidAlertDays: 3 })).not.toBeNull();
    expect(steroidAlertWindow(one, T0 + 3 * DAY, { steroidAlertDays: 3 })).toBeNull();
    expect(steroidAlertWindow(one, T0, { steroidAlertDays: 3 })?.reason.text).toContain("3 days after the last dose");
  });
});
