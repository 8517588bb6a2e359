/** Words for the engine's timers (CLINICAL-RULES.md section 5) as the ward reads them. */
import type { Timer, TimerKind, TimerStatus } from "@/lib/engine";

export const TIMER_LABELS: Readonly<Record<TimerKind, string>> = {
  GRADE2_NO_IMPROVEMENT_24H: "Grade 2: escalate if no improvement in 24 h",
  GRADE1_PROLONGED_24H: "Fever > 24 h: consider tocilizumab",
  TOCI_REDOSE: "Tocilizumab re-dose",
  OBS_DUE: "Vital signs",
  ICE_DUE: "ICE score",
};

/**
 * How a live countdown reads: "Grade 2: escalate in 3 h 20 min", then once due
 * "Grade 2: escalation OVERDUE 1 h 05 min". A re-dose becoming possible is not a failure, so it
 * reads "eligible now" instead of OVERDUE.
 */
export interface CountdownWords {
  prefix: string;
  running: string;
  overdue: string;
  /** Replaces "<overdue> OVERDUE ..." entirely. */
  dueText?: string;
}

export const TIMER_WORDS: Readonly<Record<TimerKind, CountdownWords>> = {
  GRADE2_NO_IMPROVEMENT_24H: { prefix: "Grade 2:", running: "escalate", overdue: "escalation" },
  GRADE1_PROLONGED_24H: { prefix: "Fever:", running: "consider tocilizumab", overdue: "tocilizumab review" },
  TOCI_REDOSE: { prefix: "Tocilizumab re-dose", running: "eligible", overdue: "", dueText: "eligible now" },
  OBS_DUE: { prefix: "Vital signs", running: "due", overdue: "" },
  ICE_DUE: { prefix: "ICE score", running: "due", overdue: "" },
};

export const TIMER_STATUS_LABELS: Readonly<Record<TimerStatus, string>> = {
  running: "Running",
  resolved: "Resolved",
  superseded: "Superseded",
  overdue: "Overdue",
  paused: "Paused",
};

/** Timers the ward must act on: running, or overdue and still open. */
export function isOpenTimer(timer: Timer): boolean {
  if (timer.status === "running") return true;
  return timer.status === "overdue" && timer.closedAt == null;
}

/** The escalation clocks (not the routine observation cadence). */
export function isEscalationTimer(timer: Pick<Timer, "kind">): boolean {
  return timer.kind === "GRADE2_NO_IMPROVEMENT_24H" || timer.kind === "GRADE1_PROLONGED_24H" || timer.kind === "TOCI_REDOSE";
}
