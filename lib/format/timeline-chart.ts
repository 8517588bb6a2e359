/**
 * From the loaded timeline to chart points and markers: values as charted, grades as the engine
 * gave them. Mean pressure, when not measured, is the engine's own calculation.
 */
import { meanArterialPressure, type GradedMedication, type GradedObservation, type Timer } from "@/lib/engine";
import { CORTICOSTEROIDS } from "@/lib/engine/vocabulary";
import type { ChartedValues } from "@/lib/facts/charted-values";
import type { ChartPoint } from "./downsample";
import { NEWS2_BAND_RANK } from "./news2";
import { isEscalationTimer, isOpenTimer } from "./timers";

/** What a chart plots of one observation: its charted values (one definition: lib/facts) and when. */
export type ChartedObservation = Pick<
  ChartedValues,
  "temperatureC" | "heartRate" | "systolicBP" | "diastolicBP" | "meanArterialPressure" | "spo2"
> & { id: string; effectiveAt: string };

export interface Marker {
  t: number;
  label: string;
  kind: "tocilizumab" | "steroid" | "timer";
}

/**
 * One point per graded observation, in time order; with `range`, only those inside [from, to] (what
 * `downsample` keeps of them): a 24 h window of a month-long stay builds a day's points, not a month's.
 */
export function chartPoints(
  observations: readonly ChartedObservation[],
  graded: readonly GradedObservation[],
  range: { from: number; to: number } = { from: -Infinity, to: Infinity },
): ChartPoint[] {
  const gradeById = new Map(graded.map((g) => [g.id, g]));
  const points: ChartPoint[] = [];
  for (const o of observations) {
    const t = Date.parse(o.effectiveAt);
    if (t < range.from || t > range.to) continue;
    const g = gradeById.get(o.id);
    if (!g) continue; // entered in error: not graded, not charted
    const map = meanArterialPressure(o);
    points.push({
      t,
      temperatureC: o.temperatureC,
      heartRate: o.heartRate,
      systolicBP: o.systolicBP,
      meanArterialPressure: map ? Math.round(map.value) : null,
      spo2: o.spo2,
      oxygenAxis: g.oxygenAxis,
      grade: g.grade,
      icansGrade: g.icansGrade,
      news2Score: g.news2 ? g.news2.score : null,
      news2Band: g.news2 ? NEWS2_BAND_RANK[g.news2.band] : null,
      news2Incomplete: g.news2 ? (g.news2.complete ? 0 : 1) : null,
    });
  }
  return points.sort((a, b) => a.t - b.t);
}

/** The time of the earliest graded observation (the first chart point), or null: where the 'All' window starts. */
export function firstPointAt(observations: readonly ChartedObservation[], graded: readonly GradedObservation[]): number | null {
  const gradedIds = new Set(graded.map((g) => g.id));
  let first: number | null = null;
  for (const o of observations) {
    if (!gradedIds.has(o.id)) continue;
    const t = Date.parse(o.effectiveAt);
    if (first === null || t < first) first = t;
  }
  return first;
}

const STEROID_SHORT: Record<string, string> = { dexamethasone: "Dex", methylprednisolone: "MP", hydrocortisone: "HC" };
const TIMER_SHORT: Partial<Record<Timer["kind"], string>> = {
  GRADE2_NO_IMPROVEMENT_24H: "Escalate",
  GRADE1_PROLONGED_24H: "Fever 24 h",
  TOCI_REDOSE: "Re-dose",
};

/** Tocilizumab numbered T1-T4 (as the engine numbered them), steroids, and the due times of open escalation timers. */
export function chartMarkers(medications: readonly GradedMedication[], timers: readonly Timer[]): Marker[] {
  const markers: Marker[] = [];
  for (const m of medications) {
    if (m.drug === "tocilizumab") markers.push({ t: Date.parse(m.at), label: `T${m.doseNumber ?? "?"}`, kind: "tocilizumab" });
    else if (m.drug !== null && CORTICOSTEROIDS.has(m.drug))
      markers.push({ t: Date.parse(m.at), label: STEROID_SHORT[m.drug] ?? "Steroid", kind: "steroid" });
  }
  for (const timer of timers) {
    if (isEscalationTimer(timer) && isOpenTimer(timer)) {
      markers.push({ t: Date.parse(timer.dueAt), label: TIMER_SHORT[timer.kind] ?? timer.kind, kind: "timer" });
    }
  }
  return markers;
}

export interface PlacedMarker extends Marker {
  /** "" when another marker at the same instant carries the label for both ("T2 + Dex"). */
  label: string;
  /** Label row, 0 at the top: markers too close to share a row are staggered so labels never overprint. */
  row: number;
}

/**
 * Labels that can be read: markers at the same instant share one label, and labels closer than
 * `minGap` of the window's width go on different rows.
 */
export function placeMarkerLabels(markers: readonly Marker[], from: number, to: number, minGap = 0.07, rows = 3): PlacedMarker[] {
  const sorted = [...markers].sort((a, b) => a.t - b.t);
  const placed: PlacedMarker[] = [];
  const lastInRow: number[] = new Array(rows).fill(Number.NEGATIVE_INFINITY);
  const gap = (to - from) * minGap;
  for (const [i, marker] of sorted.entries()) {
    if (i > 0 && sorted[i - 1]?.t === marker.t) {
      placed.push({ ...marker, label: "", row: 0 });
      continue;
    }
    const together = sorted.filter((m) => m.t === marker.t).map((m) => m.label);
    let row = lastInRow.findIndex((t) => marker.t - t >= gap);
    if (row === -1) row = lastInRow.indexOf(Math.min(...lastInRow));
    lastInRow[row] = marker.t;
    placed.push({ ...marker, label: [...new Set(together)].join(" + "), row });
  }
  return placed;
}
