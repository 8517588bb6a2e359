import { describe, expect, it } from "vitest";
import { displayText, hasBidiControls } from "./display-text";

const CONTROLS = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
];

describe("displayText: bidirectional controls never reach the screen", () => {
  it("strips every bidi control, wherever it is", () => {
    const spoofed = CONTROLS.map((c) => `Ann${c}a Smith${c}`);
    const left = spoofed.map((s) => displayText(s)).filter((s) => hasBidiControls(s));
    console.log(`bidi: ${CONTROLS.length} control characters tried, ${left.length} left in displayed text`);
    expect(left).toEqual([]);
    expect(displayText("\u202eanilaP ecilA")).toBe("anilaP ecilA");
  });
  it("keeps ordinary text, including right-to-left scripts and emoji", () => {
    for (const text of ["Alice Afebrile", "محمد علي", "דוד לוי", "José Ñúñez 😀", "39.1 °C, 500 mL bolus"])
      expect(displayText(text)).toBe(text);
  });
  it("passes null through", () => {
    expect(displayText(null)).toBeNull();
    expect(displayText(undefined)).toBeNull();
  });
});
