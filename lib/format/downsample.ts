/**
 * Chart points for the patient timeline. Narrow windows show every observation; wide ones (30 days
 * at 15 minutes is 2,880 sets) are bucketed so the browser draws at most ~600 points per line.
 * A bucket keeps the WORST value of each vital (highest grade, temperature and heart rate, lowest
 * pressure and SpO2), so downsampling can hide a good hour but never a bad one.
 * A change of CRS or ICANS grade is never folded away: the observation where the grade changes
 * starts a new point at its own time, even inside a bucket, so every rise and every fall of a
 * grade is drawn where the engine graded it (a fall would otherwise wait for the next bucket).
 * The server does this (app/patients/[id]/page.tsx): the browser receives at most ~600 points plus
 * one per grade change, whatever the length of the stay.
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
  let previous: ChartPoint | null = null;
  for (const point of inWindow) {
    const bucket = Math.floor((point.t - from) / bucketMs);
    const gradeChanged = previous !== null && (point.grade !== previous.grade || point.icansGrade !== previous.icansGrade);
    previous = point;
    if (current === null || bucket !== currentBucket || gradeChanged) {
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

const POINT_KEYS = [
  "t",
  "temperatureC",
  "heartRate",
  "systolicBP",
  "meanArterialPressure",
  "spo2",
  "oxygenAxis",
  "grade",
  "icansGrade",
  "news2Score",
  "news2Band",
  "news2Incomplete",
] as const satisfies readonly (keyof ChartPoint)[];

/**
 * The points as one array per value: what the server sends the chart. As objects, 600 points
 * repeat every key 600 times in the page's payload; as columns the keys are sent once.
 */
export type PackedPoints = { [K in (typeof POINT_KEYS)[number]]: ChartPoint[K][] };

export function packPoints(points: readonly ChartPoint[]): PackedPoints {
  const packed = Object.fromEntries(POINT_KEYS.map((key) => [key, points.map((p) => p[key])]));
  return packed as PackedPoints;
}

export function unpackPoints(packed: PackedPoints): ChartPoint[] {
  return packed.t.map((t, i) => {
    const point = { t } as ChartPoint;
    for (const key of POINT_KEYS) if (key !== "t") point[key] = packed[key][i] ?? null;
    return point;
  });
}
