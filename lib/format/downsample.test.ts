import { describe, expect, it } from "vitest";
import { downsample, MAX_CHART_POINTS, type ChartPoint } from "./downsample";
import { chartTicks, chartWindowRange, parseChartWindow } from "./chart-window";
import { placeMarkerLabels } from "./timeline-chart";
import { formatWardTime } from "./time";

const HOUR = 3_600_000;
const point = (t: number, over: Partial<ChartPoint> = {}): ChartPoint => ({
  t,
  temperatureC: 37,
  heartRate: 80,
  systolicBP: 120,
  meanArterialPressure: 88,
  spo2: 98,
  oxygenAxis: 0,
  grade: 0,
  icansGrade: null,
  news2Score: 0,
  news2Band: 0,
  news2Incomplete: 0,
  ...over,
});

describe("downsample", () => {
  const start = Date.parse("2026-03-01T00:00:00Z");
  const every15min = Array.from({ length: 30 * 96 }, (_, i) => point(start + i * 15 * 60_000));

  it("keeps every point in a window up to 72 h", () => {
    const { points, bucketMs } = downsample(every15min, start, start + 72 * HOUR);
    expect(points).toHaveLength(72 * 4 + 1);
    expect(bucketMs).toBeNull();
  });

  it("buckets 30 days of 15-minute observations to at most 600 points", () => {
    const { points, bucketMs } = downsample(every15min, start, start + 30 * 24 * HOUR);
    expect(points.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(bucketMs).toBeGreaterThan(0);
  });

  it("never hides a bad value: the worst of each vital survives its bucket", () => {
    const data = [...every15min];
    const i = 1000;
    data[i] = point(data[i]!.t, { grade: 3, systolicBP: 70, spo2: 85, temperatureC: 40.1, heartRate: 150 });
    data[i + 1] = point(data[i + 1]!.t, {
      icansGrade: 2,
      meanArterialPressure: 50,
      news2Score: 8,
      news2Band: 3,
      news2Incomplete: 1,
    });
    const { points } = downsample(data, start, start + 30 * 24 * HOUR);
    const bad = points.find((p) => p.t <= data[i]!.t && p.grade === 3);
    expect(bad).toMatchObject({
      systolicBP: 70,
      spo2: 85,
      temperatureC: 40.1,
      heartRate: 150,
      icansGrade: 2,
      meanArterialPressure: 50,
      news2Score: 8,
      news2Band: 3,
      news2Incomplete: 1,
    });
  });

  it("keeps a missing value missing rather than inventing one", () => {
    const data = [point(start, { spo2: null }), point(start + 60_000, { spo2: null })];
    expect(downsample(data, start, start + 30 * 24 * HOUR, 1).points[0]?.spo2).toBeNull();
  });
});

describe("chart windows", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  it("reads the window from the address, defaulting to 24 h", () => {
    expect(parseChartWindow("72h")).toBe("72h");
    expect(parseChartWindow("nonsense")).toBe("24h");
    expect(parseChartWindow(undefined)).toBe("24h");
  });
  it("starts the episode window before the onset, and falls back to 72 h without one", () => {
    expect(chartWindowRange("episode", now, "2026-03-08T12:00:00Z", null).from).toBe(Date.parse("2026-03-08T06:00:00Z"));
    expect(chartWindowRange("episode", now, null, null).from).toBe(now - 72 * HOUR);
  });
  it("puts ticks on whole hours of the ward's clock, in summer too", () => {
    const summer = Date.parse("2026-07-10T00:20:00Z");
    const ticks = chartTicks(summer, summer + 24 * HOUR, "Europe/London");
    expect(ticks.map((t) => formatWardTime(t, "Europe/London"))).toEqual([
      "03:00",
      "06:00",
      "09:00",
      "12:00",
      "15:00",
      "18:00",
      "21:00",
      "00:00",
    ]);
  });
  it("uses the ward's midnights for wide windows", () => {
    const ticks = chartTicks(now - 30 * 24 * HOUR, now, "Europe/London");
    expect(ticks.every((t) => formatWardTime(t, "Europe/London") === "00:00")).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });
});

describe("placeMarkerLabels", () => {
  const from = 0;
  const to = 100 * HOUR;
  it("gives markers at one instant one label", () => {
    const placed = placeMarkerLabels(
      [
        { t: 10 * HOUR, label: "T2", kind: "tocilizumab" },
        { t: 10 * HOUR, label: "Dex", kind: "steroid" },
      ],
      from,
      to,
    );
    expect(placed.map((m) => m.label)).toEqual(["T2 + Dex", ""]);
  });
  it("staggers labels that would overprint, and keeps distant ones on the top row", () => {
    const placed = placeMarkerLabels(
      [
        { t: 10 * HOUR, label: "T1", kind: "tocilizumab" },
        { t: 12 * HOUR, label: "Dex", kind: "steroid" },
        { t: 13 * HOUR, label: "Re-dose", kind: "timer" },
        { t: 60 * HOUR, label: "T2", kind: "tocilizumab" },
      ],
      from,
      to,
    );
    expect(placed.map((m) => m.row)).toEqual([0, 1, 2, 0]);
  });
});
