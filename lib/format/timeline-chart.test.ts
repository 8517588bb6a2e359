// The patient page builds only the chart points its window shows: the same chart as building every
// point of the stay and cutting it to the window, for every window, on the seeded demo ward (its
// 30-day patient is charted every 15 minutes; the others have a few sets, some entered in error).
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { CHART_WINDOWS, chartWindowRange } from "./chart-window";
import { downsample } from "./downsample";
import { chartPoints, firstPointAt } from "./timeline-chart";

const NOW = new Date("2026-03-02T12:00:00Z");

describe("chart points of one window", () => {
  it("draw the same chart as every point of the stay cut to the window", async () => {
    await writeTransaction((tx) => seedDemoWard(tx, NOW));
    const patients = await db.patient.findMany({ select: { id: true } });
    let compared = 0;
    for (const { id } of patients) {
      const { observations, graded } = (await loadPatientTimeline(id, NOW))!;
      const all = chartPoints(observations, graded.observations);
      expect(firstPointAt(observations, graded.observations)).toBe(all[0]?.t ?? null);
      for (const window of CHART_WINDOWS) {
        const { from, to } = chartWindowRange(window, NOW.getTime(), graded.episodeStartedAt, all[0]?.t ?? null);
        const inWindow = chartPoints(observations, graded.observations, { from, to });
        expect(inWindow.every((p) => p.t >= from && p.t <= to)).toBe(true);
        expect(downsample(inWindow, from, to)).toEqual(downsample(all, from, to));
        compared += inWindow.length;
      }
    }
    expect(compared).toBeGreaterThan(2_880);
  });
});
