import { describe, expect, it } from "vitest";
import { downsample, MAX_CHART_POINTS, packPoints, unpackPoints, type ChartPoint } from "./downsample";
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
    // Two sets of one grade in one bucket (72 min): their worst values fold into one point.
    data[i] = point(data[i]!.t, { grade: 3, icansGrade: 2, systolicBP: 70, spo2: 85, temperatureC: 40.1, heartRate: 150 });
    data[i + 1] = point(data[i + 1]!.t, {
      grade: 3,
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

  it("never folds away a grade change: a rise and the fall after it keep their own points and times", () => {
    const data = [...every15min];
    const bucketMs = Math.ceil((30 * 24 * HOUR) / MAX_CHART_POINTS);
    // Pick a set in the middle of a bucket so the change falls inside it, not on a bucket's edge.
    const i = data.findIndex((p) => (p.t - start) % bucketMs > 20 * 60_000 && p.t - start > 10 * 24 * HOUR);
    data[i] = point(data[i]!.t, { grade: 2 });
    data[i + 1] = point(data[i + 1]!.t, { grade: 1 });
    const { points } = downsample(data, start, start + 30 * 24 * HOUR);
    const rise = points.find((p) => p.grade === 2);
    const fall = points.find((p) => p.grade === 1);
    expect(rise?.t).toBe(data[i]!.t);
    expect(fall?.t).toBe(data[i + 1]!.t);
    // The set after the fall is grade 0 again: that change is drawn at its own time too.
    expect(points.find((p) => p.t === data[i + 2]!.t)?.grade).toBe(0);
    // The sequence of grades drawn is the sequence of grades charted, with no step left out.
    const steps = (grades: (number | null)[]) => grades.filter((g, k) => k === 0 || g !== grades[k - 1]);
    expect(steps(points.map((p) => p.grade))).toEqual(steps(data.map((p) => p.grade)));
  });

  it("draws an ICANS change at its own time, and each bucket's points keep the bucket's worst values", () => {
    const data = [...every15min];
    const i = 2000;
    data[i] = point(data[i]!.t, { icansGrade: 1, temperatureC: 39.4 });
    data[i + 1] = point(data[i + 1]!.t, { icansGrade: 1, temperatureC: 38.2, systolicBP: 88 });
    const { points } = downsample(data, start, start + 30 * 24 * HOUR);
    const icans = points.find((p) => p.icansGrade === 1);
    expect(icans).toMatchObject({ t: data[i]!.t, temperatureC: 39.4, systolicBP: 88 });
    // One point per bucket plus one per grade change: still bounded.
    expect(points.length).toBeLessThanOrEqual(MAX_CHART_POINTS + 2);
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

describe("packed chart points", () => {
  it("unpack gives back exactly the points packed, missing values included", () => {
    const points: ChartPoint[] = [
      point(1, { spo2: null, grade: 2 }),
      point(2, { icansGrade: 1, news2Score: null, news2Band: null, news2Incomplete: null }),
    ];
    expect(unpackPoints(packPoints(points))).toEqual(points);
  });
});
