import { describe, expect, it } from "vitest";
import { news2Trend, vitalTrends } from "./vital-trends";

const from = Date.parse("2026-03-01T12:00:00Z");
const set = (at: string, values: Partial<Record<"temperatureC" | "heartRate" | "systolicBP", number>>) => ({
  effectiveAt: at,
  temperatureC: null,
  heartRate: null,
  respiratoryRate: null,
  systolicBP: null,
  diastolicBP: null,
  meanArterialPressure: null,
  spo2: null,
  ...values,
});

describe("vitalTrends", () => {
  it("gives each vital's last, lowest and highest value in the window, in bedside order", () => {
    const trends = vitalTrends(
      [
        set("2026-03-01T18:00:00Z", { systolicBP: 84, temperatureC: 38.9 }),
        set("2026-03-01T11:59:00Z", { systolicBP: 60, temperatureC: 40.1 }), // before the window
        set("2026-03-01T12:00:00Z", { systolicBP: 118, temperatureC: 37.2, heartRate: 90 }),
        set("2026-03-02T06:00:00Z", { systolicBP: 96 }),
        set("2026-03-02T08:00:00Z", { systolicBP: 84 }),
      ],
      from,
    );
    expect(trends.systolicBP).toEqual({
      last: 84,
      lastAt: "2026-03-02T08:00:00Z",
      min: 84,
      minAt: "2026-03-01T18:00:00Z",
      max: 118,
      maxAt: "2026-03-01T12:00:00Z",
      count: 4,
    });
    expect(trends.temperatureC).toMatchObject({ last: 38.9, min: 37.2, max: 38.9, count: 2 });
    expect(trends.heartRate).toMatchObject({ last: 90, min: 90, max: 90, count: 1 });
    expect(trends.spo2).toBeNull();
  });
});

describe("news2Trend", () => {
  it("skips sets without NEWS2 and says whether the last score is complete", () => {
    const trend = news2Trend(
      [
        { at: "2026-03-01T13:00:00Z", news2: { score: 3, complete: true, band: "low_medium" } },
        { at: "2026-03-01T14:00:00Z", news2: null },
        { at: "2026-03-01T15:00:00Z", news2: { score: 7, complete: true, band: "high" } },
        { at: "2026-03-01T16:00:00Z", news2: { score: 5, complete: false, band: "medium" } },
        { at: "2026-03-01T10:00:00Z", news2: { score: 12, complete: true, band: "high" } },
      ],
      from,
    );
    expect(trend).toMatchObject({ last: 5, lastComplete: false, min: 3, max: 7, count: 3 });
    expect(news2Trend([], from)).toBeNull();
  });
});
