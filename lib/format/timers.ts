/** Words for the engine's timers (CLINICAL-RULES.md section 5) as the ward reads them. */
import type { Timer, TimerKind, TimerStatus } from "@/lib/engine";

export const TIMER_LABELS: Readonly<Record<TimerKind, string>> = {
  GRADE2_NO_IMPROVEMENT_24H: "Grade 2: escalate if no improvement",
  GRADE1_PROLONGED_24H: "Fever > 24 h: consider tocilizumab",
  TOCI_REDOSE: "Tocilizumab re-dose eligible",
  OBS_DUE: "Observations due",
  ICE_DUE: "ICE score due",
};

/** What happens at the due time, used before the countdown: "escalate in 3 h 20 min". */
export const TIMER_ACTIONS: Readonly<Record<TimerKind, string>> = {
  GRADE2_NO_IMPROVEMENT_24H: "escalate",
  GRADE1_PROLONGED_24H: "consider tocilizumab",
  TOCI_REDOSE: "re-dose possible",
  OBS_DUE: "observations due",
  ICE_DUE: "ICE due",
};

export const TIMER_STATUS_LABELS: Readonly<Record<TimerStatus, string>> = {
  running: "Running",
  resolved: "Resolved",
  superseded: "Superseded",
  overdue: "Overdue",
};

/** Timers the ward must act on: running, or overdue and still open. */
export function isOpenTimer(timer: Timer): boolean {
  if (timer.status === "running") return true;
  return timer.status === "overdue" && (timer.closedAt == null);
}

/** The escalation clocks (not the routine observation cadence). */
export function isEscalationTimer(timer: Timer): boolean {
  return timer.kind === "GRADE2_NO_IMPROVEMENT_24H" || timer.kind === "GRADE1_PROLONGED_24H" || timer.kind === "TOCI_REDOSE";
}
