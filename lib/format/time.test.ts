import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayAfterInfusion,
  formatCountdown,
  formatDayAfterInfusion,
  formatDuration,
  formatWardDate,
  formatWardDateTime,
  formatWardTime,
  formatWardTimeWithZone,
  wardZoneName,
} from "./time";

const LONDON = "Europe/London";
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("formatWardTime", () => {
  it("shows UTC instants on the ward's clock, summer and winter", () => {
    expect(formatWardTime("2026-01-15T14:20:00Z", LONDON)).toBe("14:20");
    expect(formatWardTime("2026-07-15T14:20:00Z", LONDON)).toBe("15:20");
    expect(formatWardTime("2026-07-15T14:20:00Z", "America/New_York")).toBe("10:20");
  });
  it("uses 00:xx, not 24:xx, after midnight", () => {
    expect(formatWardTime("2026-01-15T00:05:00Z", LONDON)).toBe("00:05");
  });
  it("shows the date when asked, and the zone for printouts", () => {
    expect(formatWardDateTime("2026-03-02T14:20:00Z", LONDON)).toBe("2 Mar 14:20");
    expect(formatWardDate("2026-03-02T14:20:00Z", LONDON)).toBe("Mon 2 Mar");
    expect(formatWardTimeWithZone("2026-07-15T14:20:00Z", LONDON)).toBe("15:20 BST");
    expect(formatWardTimeWithZone("2026-01-15T14:20:00Z", LONDON)).toBe("14:20 GMT");
    expect(wardZoneName("2026-07-15T14:20:00Z", LONDON)).toBe("BST");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 min"],
    [59_999, "0 min"],
    [45 * MIN, "45 min"],
    [HOUR + 5 * MIN, "1 h 05 min"],
    [3 * HOUR + 20 * MIN + 59_000, "3 h 20 min"],
    [47 * HOUR + 59 * MIN, "47 h 59 min"],
    [50 * HOUR, "2 d 2 h"],
    [-(HOUR + 5 * MIN), "1 h 05 min"],
  ])("%d ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatCountdown", () => {
  const now = Date.parse("2026-03-01T10:00:00Z");
  it("counts down before the due time", () => {
    expect(formatCountdown("2026-03-01T13:20:00Z", now)).toEqual({ text: "in 3 h 20 min", overdue: false });
  });
  it("is overdue from the due time itself", () => {
    expect(formatCountdown("2026-03-01T10:00:00Z", now)).toEqual({ text: "OVERDUE 0 min", overdue: true });
    expect(formatCountdown("2026-03-01T08:55:00Z", now)).toEqual({ text: "OVERDUE 1 h 05 min", overdue: true });
  });
});

describe("dayAfterInfusion", () => {
  it("counts calendar days on the ward's clock", () => {
    // 23:30 BST on 1 July is day 0; 00:30 BST on 2 July is D+1 although UTC is still 1 July.
    expect(dayAfterInfusion("2026-07-01T22:30:00Z", Date.parse("2026-07-01T23:30:00Z"), LONDON)).toBe(1);
    expect(dayAfterInfusion("2026-07-01T22:30:00Z", Date.parse("2026-07-01T22:45:00Z"), LONDON)).toBe(0);
    expect(formatDayAfterInfusion("2026-03-20T10:00:00Z", Date.parse("2026-03-30T09:00:00Z"), LONDON)).toBe("D+10");
  });
  it("is not thrown by a clock change inside the stay", () => {
    // 23:30 GMT on 28 March is day 0; 23:30 BST on 29 March is 23 real hours later and D+1;
    // 00:30 BST on 30 March (23:30 UTC on the 29th) is already D+2.
    expect(dayAfterInfusion("2026-03-28T23:30:00Z", Date.parse("2026-03-29T22:30:00Z"), LONDON)).toBe(1);
    expect(dayAfterInfusion("2026-03-28T23:30:00Z", Date.parse("2026-03-29T23:30:00Z"), LONDON)).toBe(2);
  });
  it("counts as date-fns counts calendar days in the zone, in zones either side of UTC and across clock changes", () => {
    const instant = fc.integer({ min: Date.parse("2025-01-01T00:00:00Z"), max: Date.parse("2028-12-31T00:00:00Z") });
    const zone = fc.constantFrom(LONDON, "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "Pacific/Chatham", "UTC");
    fc.assert(
      fc.property(instant, instant, zone, (infusion, now, timeZone) => {
        const expected = differenceInCalendarDays(new TZDate(now, timeZone), new TZDate(infusion, timeZone));
        expect(dayAfterInfusion(new Date(infusion), now, timeZone)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
