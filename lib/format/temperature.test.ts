import { describe, expect, it } from "vitest";
import {
  celsiusFromTyped,
  displayTemperatureValue,
  feverLine,
  formatTemperature,
  temperatureFormText,
  temperatureNumberText,
  toFahrenheit,
} from "./temperature";

describe("formatTemperature: one decimal, in the chosen unit", () => {
  it.each([
    [38.6, "C", "38.6 °C"],
    [38.59999999999999, "C", "38.6 °C"],
    [38.6, "F", "101.5 °F"],
    [38, "C", "38.0 °C"],
    [38, "F", "100.4 °F"],
    [37, "F", "98.6 °F"],
    [36.65, "C", "36.7 °C"],
    [39.44, "C", "39.4 °C"],
    [40, "F", "104.0 °F"],
  ] as const)("%s °C in °%s reads %s", (celsius, unit, text) => {
    expect(formatTemperature(celsius, unit)).toBe(text);
  });

  it("says not charted with a dash", () => {
    expect(formatTemperature(null, "C")).toBe("–");
    expect(formatTemperature(undefined, "F")).toBe("–");
  });

  it("never shows an afebrile value at the fever line (FEVER 38.0 °C = 100.4 °F)", () => {
    expect(formatTemperature(37.96, "C")).toBe("37.9 °C");
    expect(formatTemperature(37.99, "F")).toBe("100.3 °F"); // 100.382 °F
    expect(formatTemperature(37.94, "C")).toBe("37.9 °C");
    expect(formatTemperature(38, "C")).toBe("38.0 °C");
  });

  it("never shows a value that scores NEWS2-TEMP 1 at 38.0 °C, which scores 0", () => {
    expect(formatTemperature(38.04, "C")).toBe("38.1 °C");
    expect(formatTemperature(38.01, "F")).toBe("100.5 °F"); // 100.418 °F
    expect(formatTemperature(38.05, "C")).toBe("38.1 °C");
    expect(formatTemperature(38.16, "C")).toBe("38.2 °C");
  });

  it("keeps every NEWS2 temperature bound the same way (35.0, 36.0, 39.0 °C)", () => {
    expect(displayTemperatureValue(34.97, "C")).toBe(34.9);
    expect(displayTemperatureValue(35.96, "C")).toBe(35.9);
    expect(displayTemperatureValue(38.98, "C")).toBe(38.9);
    expect(displayTemperatureValue(38.98, "F")).toBe(102.1); // 102.164 °F, below 102.2 °F = 39.0 °C
    expect(displayTemperatureValue(39, "F")).toBe(102.2);
    expect(displayTemperatureValue(35.02, "C")).toBe(35.1);
    expect(displayTemperatureValue(36.03, "C")).toBe(36.1);
  });

  it("gives the number alone for CSV cells and chart labels", () => {
    expect(temperatureNumberText(38.59999999999999, "C")).toBe("38.6");
    expect(temperatureNumberText(38.6, "F")).toBe("101.5");
  });
});

describe("celsiusFromTyped: what a typed temperature stores", () => {
  it("stores °C as typed", () => {
    expect(celsiusFromTyped(38.25, "C")).toBe(38.25);
  });

  it("converts the fever line exactly: 100.4 °F is 38.0 °C", () => {
    expect(celsiusFromTyped(100.4, "F")).toBe(38);
    expect(toFahrenheit(38)).toBeCloseTo(100.4, 10);
    expect(feverLine("F")).toBe(100.4);
    expect(feverLine("C")).toBe(38);
  });

  it.each([100.3, 100.39, 100.399, 100.3999999])("%s °F, just under fever, stays under 38.0 °C", (typed) => {
    const stored = celsiusFromTyped(typed, "F");
    expect(stored).toBeLessThan(38);
    expect(displayTemperatureValue(stored, "F")).toBeLessThan(100.4);
    expect(displayTemperatureValue(stored, "C")).toBeLessThan(38);
  });

  it.each([100.41, 100.5, 102.2, 104])("%s °F, at or above fever, is at least 38.0 °C", (typed) => {
    expect(celsiusFromTyped(typed, "F")).toBeGreaterThanOrEqual(38);
  });

  it("keeps the other bounds on their side too (102.199 °F is under 39.0 °C, 96.8 °F is 36.0 °C)", () => {
    expect(celsiusFromTyped(102.199, "F")).toBeLessThan(39);
    expect(celsiusFromTyped(102.2, "F")).toBe(39);
    expect(celsiusFromTyped(96.8, "F")).toBe(36);
    expect(celsiusFromTyped(95, "F")).toBe(35);
  });

  it("keeps two decimals otherwise (101.5 °F is 38.61 °C)", () => {
    expect(celsiusFromTyped(101.5, "F")).toBe(38.61);
  });
});

describe("temperatureFormText: the amend form in the chosen unit", () => {
  it.each([38.6, 38, 37.94, 36.61, 39.44])("%s °C typed back unchanged in °F stores the same value", (celsius) => {
    const typed = Number(temperatureFormText(celsius, "F"));
    expect(celsiusFromTyped(typed, "F")).toBe(celsius);
  });

  it("shows °C as stored", () => {
    expect(temperatureFormText(38.6, "C")).toBe("38.6");
  });
});
