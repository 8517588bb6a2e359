import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "./csv";

// What a spreadsheet treats as the start of a formula: ASCII = + - @, their full-width forms
// (Excel and LibreOffice fold ＝ ＋ － ＠ to ASCII), and tab / carriage return / line feed before one.
const FORMULA_STARTS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r", "\n"];

describe("neutraliseFormula: typed text never becomes a spreadsheet formula", () => {
  it("quotes every formula start, ASCII or full-width", () => {
    const payloads = FORMULA_STARTS.map((start) => `${start}HYPERLINK("http://evil.example","x")`);
    const live = payloads.filter((p) => !neutraliseFormula(p).startsWith("'"));
    console.log(`csv: ${payloads.length} formula starts tried, ${live.length} left live`);
    expect(live).toEqual([]);
  });
  it("leaves ordinary text alone", () => {
    for (const text of [
      "Refractory CRS",
      "Dr Philip Physician",
      "MRN100001",
      "tocilizumab",
      "",
      "'quoted already",
      "5 - 10 mg",
    ]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});
