import { describe, expect, it } from "vitest";
import { fromWardInputValue, toWardInputValue } from "./ward-input";

const LONDON = "Europe/London";

describe("toWardInputValue", () => {
  it("shows an instant as the ward's wall clock", () => {
    expect(toWardInputValue("2026-01-15T06:00:00Z", LONDON)).toBe("2026-01-15T06:00");
    expect(toWardInputValue("2026-07-15T06:00:00Z", LONDON)).toBe("2026-07-15T07:00");
    expect(toWardInputValue("2026-07-15T06:00:00Z", "Asia/Kolkata")).toBe("2026-07-15T11:30");
  });
});

describe("fromWardInputValue", () => {
  it("reads a wall time in the ward's zone, whatever zone the tablet is in", () => {
    expect(fromWardInputValue("2026-01-15T06:00", LONDON)).toEqual({ ok: true, iso: "2026-01-15T06:00:00.000Z" });
    expect(fromWardInputValue("2026-07-15T07:00", LONDON)).toEqual({ ok: true, iso: "2026-07-15T06:00:00.000Z" });
    expect(fromWardInputValue("2026-07-15T11:30", "Asia/Kolkata")).toEqual({ ok: true, iso: "2026-07-15T06:00:00.000Z" });
  });

  it("round-trips every quarter hour across the spring clock-change night", () => {
    const start = Date.parse("2026-03-28T22:00:00Z");
    for (let ms = start; ms < start + 8 * 3_600_000; ms += 15 * 60_000) {
      const local = toWardInputValue(ms, LONDON);
      expect(fromWardInputValue(local, LONDON)).toMatchObject({ ok: true, iso: new Date(ms).toISOString() });
    }
  });

  it("refuses a wall time skipped when the clocks go forward (29 March 2026, 01:00 -> 02:00)", () => {
    const result = fromWardInputValue("2026-03-29T01:30", LONDON);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/does not exist.*clocks went forward.*02:30/);
  });

  it("names both instants when the clocks go back (25 October 2026, 01:30 happens twice)", () => {
    const result = fromWardInputValue("2026-10-25T01:30", LONDON);
    expect(result).toEqual({
      ok: true,
      iso: "2026-10-25T00:30:00.000Z",
      alternatives: ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"],
    });
    // Either side of the repeated hour is unambiguous.
    expect(fromWardInputValue("2026-10-25T00:30", LONDON)).toEqual({ ok: true, iso: "2026-10-24T23:30:00.000Z" });
    expect(fromWardInputValue("2026-10-25T02:30", LONDON)).toEqual({ ok: true, iso: "2026-10-25T02:30:00.000Z" });
  });

  it("names an empty or malformed value", () => {
    expect(fromWardInputValue("", LONDON)).toEqual({ ok: false, message: "is required" });
    expect(fromWardInputValue("yesterday", LONDON).ok).toBe(false);
  });
});
