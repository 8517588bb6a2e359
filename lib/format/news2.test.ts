import { describe, expect, it } from "vitest";
import { news2Class, news2ScoreText, news2Text } from "./news2";

describe("NEWS2 on screen", () => {
  it("says 'at least' for an incomplete set and names the band in words", () => {
    expect(news2ScoreText({ score: 5, complete: false })).toBe("NEWS2 at least 5");
    expect(news2ScoreText({ score: 0, complete: true })).toBe("NEWS2 0");
    expect(news2Text({ score: 5, complete: false, band: "medium" })).toBe("NEWS2 at least 5, medium: urgent response");
    expect(news2Text({ score: 3, complete: true, band: "low_medium" })).toBe(
      "NEWS2 3, low-medium: urgent ward-based response (one parameter scored 3)",
    );
    expect(news2Text({ score: 8, complete: true, band: "high" })).toBe("NEWS2 8, high: emergency response");
    expect(news2Text({ score: 2, complete: true, band: "low" })).toBe("NEWS2 2, low: ward-based response");
    expect(news2Text(null)).toBe("NEWS2 not charted");
  });

  it("gives each band its colour class", () => {
    expect(news2Class({ band: "high" })).toBe("news2 news2-high");
    expect(news2Class(null)).toBe("news2 news2-none");
  });
});
