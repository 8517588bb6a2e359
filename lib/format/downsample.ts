/**
 * Chart points for the patient timeline. Narrow windows show every observation; wide ones (30 days
 * at 15 minutes is 2,880 sets) are bucketed so the browser draws at most ~600 points per line.
 * A bucket keeps the WORST value of each vital (highest grade, temperature and heart rate, lowest
 * pressure and SpO2), so downsampling can hide a good hour but never a bad one.
 */

export interface ChartPoint {
  /** Epoch ms of the observation (or of the first observation in a bucket). */
  t: number;
  temperatureC: number | null;
  heartRate: number | null;
  systolicBP: number | null;
  meanArterialPressure: number | null;
  spo2: number | null;
  /** Oxygen support axis 0/2/3/4 from the engine (shown beside SpO2). */
  oxygenAxis: number | null;
  grade: number | null;
  icansGrade: number | null;
  /** NEWS2 score (a lower bound when incomplete) and band rank 0 low .. 3 high; null when the set has no NEWS2. */
  news2Score: number | null;
  news2Band: number | null;
  /** 1 when the NEWS2 score is a lower bound (incomplete set); 0 complete; null no NEWS2. A bucket is incomplete if any set in it is. */
  news2Incomplete: number | null;
}

export const FULL_DETAIL_WINDOW_MS = 72 * 3_600_000;
export const MAX_CHART_POINTS = 600;

type NumericKey = Exclude<keyof ChartPoint, "t">;
const WORST_IS_HIGHEST: readonly NumericKey[] = [
  "temperatureC",
  "heartRate",
  "oxygenAxis",
  "grade",
  "icansGrade",
  "news2Score",
  "news2Band",
  "news2Incomplete",
];
const WORST_IS_LOWEST: readonly NumericKey[] = ["systolicBP", "meanArterialPressure", "spo2"];

function worse(a: number | null, b: number | null, highest: boolean): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return highest ? Math.max(a, b) : Math.min(a, b);
}

/** Keeps only the points inside [from, to] (sorted by t), then buckets them when the window is wide. */
export function downsample(
  points: readonly ChartPoint[],
  from: number,
  to: number,
  maxPoints = MAX_CHART_POINTS,
): {
  points: ChartPoint[];
  bucketMs: number | null;
} {
  const inWindow = points.filter((p) => p.t >= from && p.t <= to);
  if (to - from <= FULL_DETAIL_WINDOW_MS || inWindow.length <= maxPoints) return { points: inWindow, bucketMs: null };
  const bucketMs = Math.ceil((to - from) / maxPoints);
  const out: ChartPoint[] = [];
  let current: ChartPoint | null = null;
  let currentBucket = -1;
  for (const point of inWindow) {
    const bucket = Math.floor((point.t - from) / bucketMs);
    if (current === null || bucket !== currentBucket) {
      current = { ...point };
      currentBucket = bucket;
      out.push(current);
      continue;
    }
    for (const key of WORST_IS_HIGHEST) current[key] = worse(current[key], point[key], true);
    for (const key of WORST_IS_LOWEST) current[key] = worse(current[key], point[key], false);
  }
  return { points: out, bucketMs };
}
