import { TZDate } from "@date-fns/tz";
import { addDays, addHours, startOfDay, startOfHour } from "date-fns";

/** The time windows of the patient timeline, chosen with ?window= so the choice is a link. */

export const CHART_WINDOWS = ["24h", "72h", "episode", "all"] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];

export const CHART_WINDOW_LABELS: Readonly<Record<ChartWindow, string>> = {
  "24h": "24 h",
  "72h": "72 h",
  episode: "CRS episode",
  all: "All",
};

const HOUR_MS = 3_600_000;
/** The episode view starts a little before the onset so the lead-up to the first fever is visible. */
const EPISODE_LEAD_MS = 6 * HOUR_MS;

/** The last 24 h unless the address asks for another window: what a nurse on shift needs first. */
export const DEFAULT_CHART_WINDOW: ChartWindow = "24h";

export function parseChartWindow(value: string | string[] | undefined): ChartWindow {
  const text = Array.isArray(value) ? value[0] : value;
  return (CHART_WINDOWS as readonly string[]).includes(text ?? "") ? (text as ChartWindow) : DEFAULT_CHART_WINDOW;
}

/**
 * [from, to] in epoch ms. `firstAt` is the earliest charted fact (for "all"); an "episode" window
 * with no episode falls back to 72 h. A small margin after `now` keeps the latest point off the edge.
 */
export function chartWindowRange(
  window: ChartWindow,
  now: number,
  episodeStartedAt: string | null,
  firstAt: number | null,
): { from: number; to: number } {
  const to = now + HOUR_MS;
  switch (window) {
    case "24h":
      return { from: now - 24 * HOUR_MS, to };
    case "episode":
      if (episodeStartedAt) return { from: Date.parse(episodeStartedAt) - EPISODE_LEAD_MS, to };
      return { from: now - 72 * HOUR_MS, to };
    case "all":
      return { from: Math.min(firstAt ?? now - 24 * HOUR_MS, now - 24 * HOUR_MS), to };
    default:
      return { from: now - 72 * HOUR_MS, to };
  }
}

/**
 * Tick positions on whole hours of the WARD's clock (06:00, 12:00... or midnights for wide windows),
 * so the axis reads like the ward's day even when the server or tablet runs in another zone.
 */
export function chartTicks(from: number, to: number, timeZone: string, maxTicks = 8): number[] {
  const span = to - from;
  const stepHours = [1, 2, 3, 4, 6, 12, 24, 48, 72, 168].find((h) => span / (h * HOUR_MS) <= maxTicks) ?? 168;
  const ticks: number[] = [];
  if (stepHours >= 24) {
    const days = stepHours / 24;
    let day = startOfDay(new TZDate(from, timeZone));
    if (day.getTime() < from) day = addDays(day, 1);
    for (; day.getTime() <= to; day = addDays(day, days)) ticks.push(day.getTime());
    return ticks;
  }
  let hour = startOfHour(new TZDate(from, timeZone));
  if (hour.getTime() < from) hour = addHours(hour, 1);
  while (hour.getHours() % stepHours !== 0) hour = addHours(hour, 1);
  for (; hour.getTime() <= to; hour = addHours(hour, stepHours)) ticks.push(hour.getTime());
  return ticks;
}
