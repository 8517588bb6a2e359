// Which facts were charted late. A late entry matters because it can re-grade what was already
// charted after it (CLINICAL-RULES.md section 1, ALERT-LATE-ENTRY), so the timeline marks it.

/** Charted more than this long after the bedside time: late (the dosing audit uses the same hour). */
export const LATE_ENTRY_AFTER_MS = 60 * 60_000;

export interface ChartedFact {
  /** Any id unique across the facts given (observations and doses together). */
  key: string;
  /** Bedside time of the current version. */
  effectiveAtMs: number;
  /** When the fact first entered the chart (its first version), so an amendment is not itself "late". */
  firstRecordedAtMs: number;
}

/**
 * A fact is a late entry when either
 *  - it was first charted more than an hour after its bedside time, or
 *  - when it was first charted, a fact with a later bedside time was already on the chart
 *    (it was slotted in behind facts the engine had already graded).
 * Returns the keys of the late entries. O(n log n): one sort by charting time, one sweep.
 */
export function lateEntryKeys(facts: readonly ChartedFact[]): Set<string> {
  const late = new Set<string>();
  const byCharting = [...facts].sort((a, b) => a.firstRecordedAtMs - b.firstRecordedAtMs);
  let latestEffectiveCharted = Number.NEGATIVE_INFINITY;
  // Facts charted at the same instant were not "already on the chart" for each other: a group's
  // effective times only count once the next charting instant starts.
  let groupChartedAt: number | undefined;
  let groupLatest = Number.NEGATIVE_INFINITY;
  for (const fact of byCharting) {
    if (fact.firstRecordedAtMs !== groupChartedAt) {
      if (groupLatest > latestEffectiveCharted) latestEffectiveCharted = groupLatest;
      groupChartedAt = fact.firstRecordedAtMs;
      groupLatest = Number.NEGATIVE_INFINITY;
    }
    if (fact.effectiveAtMs < latestEffectiveCharted || fact.firstRecordedAtMs - fact.effectiveAtMs > LATE_ENTRY_AFTER_MS) {
      late.add(fact.key);
    }
    if (fact.effectiveAtMs > groupLatest) groupLatest = fact.effectiveAtMs;
  }
  return late;
}
