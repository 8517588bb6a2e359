/**
 * How long an evaluation stays true. Everything evaluateTimeline derives is a function of the facts
 * and `now`, and `now` is only ever compared with instants built from the facts: a fact's time, or a
 * time derived from one (a due time, a respond-by time, an episode's end, a dose's 24 h window) that
 * is a fact's time plus one of the engine's intervals, or an instant the output itself names. Between
 * two such instants the output does not change, except where it reads the clock out loud: the
 * countdowns (escalation-clocks.ts `countdownText`) and "eligible now" (TOCI-NEXT's instant is `now` itself).
 *
 * So a caller that keeps an output can answer a later `now` from it while `now` is before
 * `stableUntil`, after `outputAtLaterNow` re-reads those two. properties (stable-until.test.ts):
 * for any facts, `now` and later `now` before stableUntil, the kept output equals a fresh evaluation.
 */
import { HOURLY, LOW_SCORE_CADENCE_MINUTES, ZERO_SCORE_CADENCE_MINUTES } from "./news2";
import { resolveSettings, type EngineSettings } from "./settings";
import { HOUR_MS, MINUTE_MS, parseInstant, toIsoUtc } from "./time";
import { MissingNowError } from "./timeline";
import { countdownText, ESCALATION_WINDOW_HOURS } from "./escalation-clocks";
import type { TimelineInput, TimelineOutput, Timer } from "./types";

/** Every interval the rules add to an instant (settings, the patient's own, and the fixed ones of the spec). */
function intervalsMs(input: TimelineInput, settings: EngineSettings): number[] {
  const hours = [
    settings.tociMinIntervalHours,
    settings.obsIntervalGrade0Hours,
    settings.obsIntervalFebrileOrGrade1Hours,
    settings.obsIntervalGrade2PlusHours,
    settings.iceIntervalHours,
    settings.episodeEndHours,
    ESCALATION_WINDOW_HOURS,
  ].map((h) => h * HOUR_MS);
  const days = [settings.weightStaleDays, settings.steroidAlertDays, 1].map((d) => d * 24 * HOUR_MS);
  const minutes = [
    settings.news2HighCadenceMinutes,
    settings.obsOverdueTaskMinutes,
    settings.renotifyMinutes,
    settings.pauseResumeDueMinutes,
    input.patient.obsIntervalMinutes ?? 0,
    HOURLY,
    LOW_SCORE_CADENCE_MINUTES,
    ZERO_SCORE_CADENCE_MINUTES,
    // ESC: the fixed response windows of section 8.
    30,
    60,
  ].map((m) => m * MINUTE_MS);
  return [...new Set([0, ...hours, ...days, ...minutes])];
}

/** The instants of the facts, and every instant the output names. */
function namedInstants(input: TimelineInput, output: TimelineOutput): number[] {
  const instants: (string | null | undefined)[] = [];
  for (const o of input.observations ?? []) instants.push(o.at);
  for (const m of input.medications ?? []) instants.push(m.at, m.confirmedAt);
  for (const w of input.patient.weights ?? []) instants.push(w.at);
  for (const p of input.pauses ?? []) instants.push(p.from, p.until);
  for (const a of input.acknowledgements ?? []) instants.push(a.at);
  for (const t of output.timers) instants.push(t.startedAt, t.dueAt, t.closedAt);
  for (const t of output.tasks) instants.push(t.raisedAt, t.respondBy, t.closedAt, t.acknowledgedAt, t.notifyAgainAt);
  for (const e of output.episodes) instants.push(e.startedAt, e.endedAt);
  for (const a of output.alerts) instants.push(a.at);
  instants.push(output.episodeStartedAt, output.tocilizumab.weightMeasuredAt);
  const named = instants.filter((at): at is string => at != null).map(parseInstant);
  // TOCI-NEXT ahead of now; an "eligible now" is now itself (outputAtLaterNow moves it), not an instant of the facts.
  const next = output.tocilizumab.nextEligibleAt;
  if (next !== null && parseInstant(next) > parseInstant(input.now!)) named.push(parseInstant(next));
  return named;
}

/**
 * The first instant after `input.now` at which evaluateTimeline(input at that instant) may differ
 * from `output` (the evaluation at `input.now`, with the same settings) other than by
 * `outputAtLaterNow`: the earliest named instant plus interval not before now (a millisecond after now
 * when it is now itself: the output may change just after it). Conservative
 * (it may come before the output actually changes), never late. Facts dated after `now` are named
 * with `now` in their alert's text: then it is `now` itself (keep nothing).
 */
export function stableUntil(input: TimelineInput, output: TimelineOutput, settings?: Partial<EngineSettings> | null): number {
  if (input.now == null) throw new MissingNowError();
  const nowMs = parseInstant(input.now);
  if (output.alerts.some((alert) => alert.rule === "ALERT-FUTURE-FACT")) return nowMs;
  const intervals = intervalsMs(input, resolveSettings(settings, input.patient));
  let until = Number.POSITIVE_INFINITY;
  for (const at of namedInstants(input, output)) {
    for (const interval of intervals) {
      // An instant at now itself may be one the output changes just after (a re-notification due now): keep it for now only.
      const instant = Math.max(at + interval, nowMs + 1);
      if (at + interval >= nowMs && instant < until) until = instant;
    }
  }
  return until;
}

/**
 * `output` (evaluated at `fromNow`) as evaluated at `laterNow`, for a laterNow before its
 * stableUntil: the countdowns re-read and an "eligible now" TOCI-NEXT moved to laterNow.
 */
export function outputAtLaterNow(output: TimelineOutput, fromNow: string, laterNow: string): TimelineOutput {
  const fromMs = parseInstant(fromNow);
  const laterMs = parseInstant(laterNow);
  const timers = output.timers.map((timer): Timer => {
    const dueMs = parseInstant(timer.dueAt);
    const before = countdownText(timer.kind, dueMs, fromMs);
    if (!timer.reasons.some((reason) => reason.text === before)) return timer;
    const after = countdownText(timer.kind, dueMs, laterMs);
    return { ...timer, reasons: timer.reasons.map((reason) => (reason.text === before ? { ...reason, text: after } : reason)) };
  });
  const next = output.tocilizumab.nextEligibleAt;
  const eligibleNow = next !== null && parseInstant(next) <= fromMs;
  return {
    ...output,
    timers,
    tocilizumab: eligibleNow ? { ...output.tocilizumab, nextEligibleAt: toIsoUtc(laterMs) } : output.tocilizumab,
  };
}
