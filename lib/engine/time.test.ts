import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDuration, formatInstant, isInstant, parseInstant, toIsoUtc } from "./time";

const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe("parseInstant", () => {
  it("agrees with Date.parse on UTC ISO strings, with and without milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseInstant(iso)).toBe(ms);
        const whole = iso.slice(0, 19) + "Z";
        expect(parseInstant(whole)).toBe(Date.parse(whole));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with Date.parse on offsets and fractions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom("", ".5", ".25", ".123", ".123456"),
        (ms, offsetMinutes, fraction) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const text = `${local}${fraction}${zone}`;
          expect(parseInstant(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("accepts 29 February only in leap years", () => {
    expect(parseInstant("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant("2000-02-29T00:00:00Z")).toBe(Date.UTC(2000, 1, 29));
    expect(isInstant("2026-02-29T00:00:00Z")).toBe(false);
    expect(isInstant("1900-02-29T00:00:00Z")).toBe(false);
  });

  it.each([
    "2026-03-01",
    "2026-03-01 06:00:00Z",
    "2026-03-01T06:00:00",
    "2026-03-01T06:00Z",
    "2026-03-01T24:00:00Z",
    "2026-13-01T06:00:00Z",
    "2026-04-31T06:00:00Z",
    "2026-03-01T06:00:00+0100",
    "2026-03-01T06:00:00.Z",
    "2026-03-01T06:00:00Zjunk",
    "2026-02-30T06:00:00Z",
    "2026-03-01T06:00:60Z",
    "2026-03-01T06:00:00+24:00",
    "yesterday",
  ])("refuses %s (no guessing of times)", (text) => {
    expect(isInstant(text)).toBe(false);
    expect(() => parseInstant(text)).toThrow(RangeError);
  });

  it("parses each date on its own (a date refused after a valid one, a new day after it)", () => {
    expect(parseInstant("2026-03-01T06:00:00Z")).toBe(Date.UTC(2026, 2, 1, 6));
    expect(parseInstant("2026-03-01T07:00:00Z")).toBe(Date.UTC(2026, 2, 1, 7));
    expect(isInstant("2026-02-30T07:00:00Z")).toBe(false);
    expect(parseInstant("2026-03-02T07:00:00Z")).toBe(Date.UTC(2026, 2, 2, 7));
  });
});

describe("toIsoUtc", () => {
  it("is toISOString()", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(toIsoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it("completes a UTC text with milliseconds, and converts an offset", () => {
    expect(toIsoUtc(parseInstant("2026-03-01T06:00:00Z"))).toBe("2026-03-01T06:00:00.000Z");
    expect(toIsoUtc(parseInstant("2026-03-01T06:00:00.000Z"))).toBe("2026-03-01T06:00:00.000Z");
    expect(toIsoUtc(parseInstant("2026-03-01t06:00:00z"))).toBe("2026-03-01T06:00:00.000Z");
    expect(toIsoUtc(parseInstant("2026-03-01T07:30:00+01:00"))).toBe("2026-03-01T06:30:00.000Z");
  });
});

describe("formatInstant and formatDuration", () => {
  it("formats times for reasons in UTC to the minute", () => {
    expect(formatInstant(Date.UTC(2026, 2, 1, 6, 5, 59))).toBe("2026-03-01 06:05Z");
  });

  it.each([
    [4 * 3_600_000, "4 h 00 min"],
    [8 * 3_600_000 - 60_000, "7 h 59 min"],
    [8 * 3_600_000 - 1, "7 h 59 min"],
    [26 * 3_600_000 + 5 * 60_000, "26 h 05 min"],
    [0, "0 min"],
    [-90 * 60_000, "1 h 30 min"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
