/**
 * ALERT-STEROID-PROPHYLAXIS, revision 2 (CLINICAL-RULES.md section 6): shown from the first
 * corticosteroid dose until `steroidAlertDays` after the last one. Which doses are corticosteroids
 * is DRUG-CODES' answer (isCorticosteroid in drug-codes.ts); this module sees only their times.
 */
import { DEFAULT_SETTINGS, type EngineSettings } from "./settings";
import { formatInstant } from "./time";
import type { Reason } from "./types";

const DAY_MS = 24 * 3_600_000;

export interface SteroidDose {
  atMs: number;
  /** The coded drug, for the alert text ("dexamethasone"); optional. */
  drug?: string;
}

export interface SteroidAlertWindow {
  /** The first dose of the course the alert has been shown for without a break. */
  sinceMs: number;
  lastDoseAtMs: number;
  /** The alert stops at this instant (last dose + steroidAlertDays); shown while now < untilMs. */
  untilMs: number;
  reason: Reason;
}

/**
 * The alert as of `now`, or null when it is not shown: no corticosteroid given at or before `now`
 * (a dose after `now` has not happened, ASOF), or `now` is `steroidAlertDays` or more after the
 * last dose. `sinceMs` goes back over every dose given no more than `steroidAlertDays` after the
 * previous one, so it names when the alert began to show without a break.
 */
export function steroidAlertWindow(
  doses: readonly SteroidDose[],
  nowMs: number,
  settings: Partial<Pick<EngineSettings, "steroidAlertDays">> = {},
): SteroidAlertWindow | null {
  const steroidAlertDays = settings.steroidAlertDays ?? DEFAULT_SETTINGS.steroidAlertDays;
  const windowMs = steroidAlertDays * DAY_MS;
  const given = doses.filter((dose) => dose.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  const last = given.at(-1);
  if (!last || nowMs >= last.atMs + windowMs) return null;

  let sinceMs = last.atMs;
  for (const dose of given.toReversed()) {
    if (dose.atMs + windowMs < sinceMs) break;
    sinceMs = dose.atMs;
  }
  const untilMs = last.atMs + windowMs;
  const lastText = `${last.drug ? `${last.drug} ` : ""}at ${formatInstant(last.atMs)}`;
  const course = sinceMs === last.atMs ? lastText : `since ${formatInstant(sinceMs)}, last ${lastText}`;
  return {
    sinceMs,
    lastDoseAtMs: last.atMs,
    untilMs,
    reason: {
      rule: "ALERT-STEROID-PROPHYLAXIS",
      text: `Corticosteroid given (${course}): consider antifungal prophylaxis; shown until ${formatInstant(untilMs)}, ${steroidAlertDays} days after the last dose (ALERT-STEROID-PROPHYLAXIS)`,
    },
  };
}
