/**
 * A tiny benchmark harness: warm up, then time many samples and report the median.
 * Each sample runs the function `batch` times so that fast functions are timed above the
 * clock's resolution. Reusable by other benches (e.g. one that goes through the database).
 */
import { performance } from "node:perf_hooks";

export interface MeasureOptions {
  /** Calls before timing starts (lets the JIT optimise). */
  warmup?: number;
  /** Timed samples. */
  samples?: number;
  /** Calls per sample; the sample time is divided by it. */
  batch?: number;
}

export interface Measurement {
  name: string;
  /** Milliseconds per call. */
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  samples: number;
  batch: number;
}

/** Keeps results reachable so the optimiser cannot drop the work being measured. */
const sink: { last?: unknown } = {};
export function consume(value: unknown): void {
  sink.last = value;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

export function measure(name: string, run: () => unknown, options: MeasureOptions = {}): Measurement {
  const { warmup = 50, samples = 200, batch = 1 } = options;
  for (let i = 0; i < warmup; i++) consume(run());
  const times: number[] = new Array(samples);
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let b = 0; b < batch; b++) consume(run());
    times[s] = (performance.now() - start) / batch;
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: percentile(times, 0.5), p10Ms: percentile(times, 0.1), p90Ms: percentile(times, 0.9), samples, batch };
}

export interface Comparison {
  subject: Measurement;
  baseline: Measurement;
  /** Median over samples of subject time / baseline time, each pair timed back to back. */
  medianRatio: number;
}

/**
 * Times `subject` and `baseline` in alternating samples, so both see the same machine noise,
 * and reports the median of the per-pair ratios alongside each median.
 */
export function compare(
  subject: { name: string; run: () => unknown; batch?: number },
  baseline: { name: string; run: () => unknown; batch?: number },
  options: { warmup?: number; samples?: number } = {},
): Comparison {
  const { warmup = 100, samples = 300 } = options;
  const subjectBatch = subject.batch ?? 1;
  const baselineBatch = baseline.batch ?? 1;
  for (let i = 0; i < warmup; i++) {
    consume(subject.run());
    for (let b = 0; b < baselineBatch; b++) consume(baseline.run());
  }
  const subjectTimes: number[] = new Array(samples);
  const baselineTimes: number[] = new Array(samples);
  const ratios: number[] = new Array(samples);
  for (let s = 0; s < samples; s++) {
    let start = performance.now();
    for (let b = 0; b < subjectBatch; b++) consume(subject.run());
    const subjectMs = (performance.now() - start) / subjectBatch;
    start = performance.now();
    for (let b = 0; b < baselineBatch; b++) consume(baseline.run());
    const baselineMs = (performance.now() - start) / baselineBatch;
    subjectTimes[s] = subjectMs;
    baselineTimes[s] = baselineMs;
    ratios[s] = subjectMs / baselineMs;
  }
  const summarise = (name: string, times: number[], batch: number): Measurement => {
    times.sort((a, b) => a - b);
    return {
      name,
      medianMs: percentile(times, 0.5),
      p10Ms: percentile(times, 0.1),
      p90Ms: percentile(times, 0.9),
      samples,
      batch,
    };
  };
  ratios.sort((a, b) => a - b);
  return {
    subject: summarise(subject.name, subjectTimes, subjectBatch),
    baseline: summarise(baseline.name, baselineTimes, baselineBatch),
    medianRatio: percentile(ratios, 0.5),
  };
}

/**
 * CPU time per call (user + system, all threads of the process, the garbage collector's included).
 * On a shared machine a wall-clock median also counts the time spent waiting for a core.
 */
export function cpuMsPerCall(run: () => unknown, calls = 100): number {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) consume(run());
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

export function formatMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

export function formatMeasurement(m: Measurement): string {
  return `${m.name.padEnd(52)} median ${formatMs(m.medianMs).padStart(10)}  (p10 ${formatMs(m.p10Ms)}, p90 ${formatMs(m.p90Ms)}; ${m.samples} samples x ${m.batch})`;
}
