/**
 * The 24 h trend of a handoff: for each vital sign, its last, lowest and highest value charted in
 * the window, and how many sets charted it. Values exactly as charted (what was not charted is
 * not a value); refused and not-possible sets chart none (OBS-STATUS).
 */
import type { ChartedValues } from "@/lib/facts/charted-values";
import type { News2Reading } from "./news2";

export const TREND_VITALS = [
  { key: "temperatureC", label: "Temperature", unit: "°C" },
  { key: "heartRate", label: "Heart rate", unit: "/min" },
  { key: "respiratoryRate", label: "Respiratory rate", unit: "/min" },
  { key: "systolicBP", label: "Systolic BP", unit: "mmHg" },
  { key: "diastolicBP", label: "Diastolic BP", unit: "mmHg" },
  { key: "meanArterialPressure", label: "Mean arterial pressure (charted)", unit: "mmHg" },
  { key: "spo2", label: "SpO2", unit: "%" },
] as const satisfies readonly { key: keyof ChartedValues; label: string; unit: string }[];

export type TrendVital = (typeof TREND_VITALS)[number]["key"];

export interface Trend {
  last: number;
  lastAt: string;
  min: number;
  minAt: string;
  max: number;
  maxAt: string;
  /** Sets in the window that charted it. */
  count: number;
}

/** The trend of each vital charted at or after `fromMs` (null when the window charted none). */
export function vitalTrends(
  observations: readonly (Pick<ChartedValues, TrendVital> & { effectiveAt: string })[],
  fromMs: number,
): Record<TrendVital, Trend | null> {
  const ordered = observations
    .filter((o) => Date.parse(o.effectiveAt) >= fromMs)
    .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
  const trends = {} as Record<TrendVital, Trend | null>;
  for (const { key } of TREND_VITALS) {
    trends[key] = trendOf(ordered.flatMap((o) => (o[key] == null ? [] : [{ value: o[key], at: o.effectiveAt }])));
  }
  return trends;
}

/** NEWS2 over the window: last, lowest and highest score of the charted sets (incomplete scores are "at least"). */
export function news2Trend(
  observations: readonly { at: string; news2: News2Reading | null }[],
  fromMs: number,
): (Trend & { lastComplete: boolean }) | null {
  const scored = observations
    .filter((o) => Date.parse(o.at) >= fromMs && o.news2 !== null)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const trend = trendOf(scored.map((o) => ({ value: o.news2!.score, at: o.at })));
  const last = scored[scored.length - 1];
  return trend && last ? { ...trend, lastComplete: last.news2!.complete } : null;
}

/** Ties keep the earliest instant for min and max (the first time it was that low or high). */
function trendOf(points: readonly { value: number; at: string }[]): Trend | null {
  const first = points[0];
  if (!first) return null;
  const trend: Trend = {
    last: first.value,
    lastAt: first.at,
    min: first.value,
    minAt: first.at,
    max: first.value,
    maxAt: first.at,
    count: 0,
  };
  for (const point of points) {
    trend.count++;
    trend.last = point.value;
    trend.lastAt = point.at;
    if (point.value < trend.min) Object.assign(trend, { min: point.value, minAt: point.at });
    if (point.value > trend.max) Object.assign(trend, { max: point.value, maxAt: point.at });
  }
  return trend;
}
