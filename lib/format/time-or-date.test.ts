// A time on the board names its date unless it is today on the ward's clock.
import { describe, expect, it } from "vitest";
import { formatWardTimeOrDate } from "./time";

const LONDON = "Europe/London";

describe("formatWardTimeOrDate", () => {
  const now = "2026-03-02T12:00:00Z"; // midday in London (GMT)

  it("shows only the time for an instant on today's date", () => {
    expect(formatWardTimeOrDate("2026-03-02T00:00:00Z", LONDON, Date.parse(now))).toBe("00:00");
    expect(formatWardTimeOrDate("2026-03-02T23:59:00Z", LONDON, new Date(now))).toBe("23:59");
  });

  it("shows the date for yesterday and tomorrow, even a minute either side of midnight", () => {
    expect(formatWardTimeOrDate("2026-03-01T23:59:00Z", LONDON, Date.parse(now))).toBe("1 Mar 23:59");
    expect(formatWardTimeOrDate("2026-03-03T00:01:00Z", LONDON, Date.parse(now))).toBe("3 Mar 00:01");
  });

  it("decides 'today' on the ward's clock, not UTC's", () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST): today when it is 2 July there.
    expect(formatWardTimeOrDate("2026-07-01T23:30:00Z", LONDON, Date.parse("2026-07-02T09:00:00Z"))).toBe("00:30");
    // 09:00 UTC on 2 July is 19:00 in Sydney; 20:00 UTC is already 3 July there.
    expect(formatWardTimeOrDate("2026-07-02T20:00:00Z", "Australia/Sydney", Date.parse("2026-07-02T09:00:00Z"))).toBe(
      "3 Jul 06:00",
    );
  });
});
