/**
 * Escalation clocks and due times (CLINICAL-RULES.md section 5). Timers are derived from the
 * charted facts and `now` on every evaluation, never held in memory.
 */
import { TOCI_MAX_DOSES_TOTAL } from "./tocilizumab";
import type { EngineSettings } from "./settings";
import { formatDuration, formatHours, formatInstant, HOUR_MS, toIsoUtc } from "./time";
import type { CrsGrade, GradedObservation, Reason, Timer, TimerStatus } from "./types";

/** One graded observation as the escalation clocks read it. */
export interface SeriesPoint {
  observation: GradedObservation;
  atMs: number;
  /** Blood pressure could be read (or a vasopressor was running): needed to count an improvement. */
  bloodPressureKnown: boolean;
}

/** One graded observation with its instant, as the due-time clocks use it. */
export interface TimedObservation {
  at: string;
  atMs: number;
  grade: CrsGrade;
  febrile: boolean | null;
}

/** GRADE2_NO_IMPROVEMENT_24H and GRADE1_PROLONGED_24H run for 24 h. */
export const ESCALATION_WINDOW_HOURS = 24;

/** Shared by GRADE2_NO_IMPROVEMENT_24H and GRADE1_PROLONGED_24H. */
interface EscalationRule {
  kind: "GRADE2_NO_IMPROVEMENT_24H" | "GRADE1_PROLONGED_24H";
  /** The grade that opens the clock. */
  grade: 1 | 2;
  /** Grades at or above this supersede it. */
  supersededFrom: number;
  /** What is owed when it runs out. */
  escalation: string;
}

export const GRADE2_RULE: EscalationRule = {
  kind: "GRADE2_NO_IMPROVEMENT_24H",
  grade: 2,
  supersededFrom: 3,
  escalation: "escalate to grade 3 management",
};

export const GRADE1_RULE: EscalationRule = {
  kind: "GRADE1_PROLONGED_24H",
  grade: 1,
  supersededFrom: 2,
  escalation: "consider tocilizumab for fever lasting more than 24 h",
};

/**
 * Why an observation graded below the clock's grade is still not evidence of improvement, or null
 * when it is. Safer reading (docs/EXCHANGE-FORMAT.md): a partial set of vitals (an SpO2 spot
 * check) or an afebrile observation whose hypotension or oxygen need is unchanged does not stop
 * an escalation clock.
 */
export function notImprovementBecause(
  observation: Pick<GradedObservation, "hypotensionAxis" | "oxygenAxis" | "febrile">,
  bloodPressureKnown: boolean,
  belowGrade: number,
): string | null {
  if (observation.hypotensionAxis >= belowGrade || observation.oxygenAxis >= belowGrade) {
    return `hypotension (${observation.hypotensionAxis}) or oxygen (${observation.oxygenAxis}) still at grade ${belowGrade} or more`;
  }
  if (!bloodPressureKnown) return "blood pressure not charted";
  if (belowGrade <= 1 && observation.febrile !== false) return "temperature not charted";
  return null;
}

/** An escalation clock while the observations are walked in time order. */
interface Clock {
  start: SeriesPoint;
  dueMs: number;
  /** The observation that closed it (improved or worsened), or null while open. */
  closedBy: SeriesPoint | null;
  /** Closed at or before the due time; a clock closed later stays overdue. */
  outcome: "resolved" | "superseded" | null;
  /** Observations below the clock's grade that were not evidence of improvement. */
  notCounted: { first: SeriesPoint; because: string; count: number } | null;
}

function statusOf(clock: Clock, nowMs: number): TimerStatus {
  if (clock.outcome) return clock.outcome;
  return nowMs >= clock.dueMs ? "overdue" : "running";
}

function describeClock(rule: EscalationRule, clock: Clock, status: TimerStatus, nowMs: number): Reason[] {
  const tag = ` (${rule.kind})`;
  const reasons: Reason[] = [
    {
      rule: rule.kind,
      text: `Grade ${rule.grade} at ${formatInstant(clock.start.atMs)}: ${rule.escalation} if no improvement within ${ESCALATION_WINDOW_HOURS} h, due ${formatInstant(clock.dueMs)}${tag}`,
    },
  ];
  const closer = clock.closedBy;
  if (status === "resolved" && closer) {
    reasons.push({
      rule: rule.kind,
      text: `Resolved: observation at ${formatInstant(closer.atMs)} graded ${closer.observation.grade}, before the due time${tag}`,
    });
  } else if (status === "superseded" && closer) {
    reasons.push({
      rule: rule.kind,
      text: `Superseded: observation at ${formatInstant(closer.atMs)} graded ${closer.observation.grade}, before the due time; the higher grade's management applies${tag}`,
    });
  } else if (status === "overdue") {
    reasons.push({
      rule: rule.kind,
      text: `Overdue since ${formatInstant(clock.dueMs)}: no improvement within ${ESCALATION_WINDOW_HOURS} h; ${rule.escalation}${tag}`,
    });
    if (closer) {
      const change = closer.observation.grade >= rule.supersededFrom ? "worsened" : "improved";
      reasons.push({
        rule: rule.kind,
        text: `Condition ${change} after the due time: observation at ${formatInstant(closer.atMs)} graded ${closer.observation.grade}${tag}`,
      });
    }
  } else if (status === "running") {
    reasons.push({ rule: rule.kind, text: `Running: due in ${formatDuration(clock.dueMs - nowMs)}${tag}` });
  }
  if (clock.notCounted) {
    const { first, because, count } = clock.notCounted;
    const others = count > 1 ? ` (and ${count - 1} more)` : "";
    reasons.push({
      rule: rule.kind,
      text: `Observation at ${formatInstant(first.atMs)} graded ${first.observation.grade} not counted as improvement: ${because}${others} (safer reading)${tag}`,
    });
  }
  return reasons;
}

function toTimer(rule: EscalationRule, clock: Clock, nowMs: number): Timer {
  const status = statusOf(clock, nowMs);
  return {
    kind: rule.kind,
    startedAt: clock.start.observation.at,
    dueAt: toIsoUtc(clock.dueMs),
    status,
    reasons: describeClock(rule, clock, status, nowMs),
    closedAt: clock.closedBy ? clock.closedBy.observation.at : null,
  };
}

/**
 * GRADE2_NO_IMPROVEMENT_24H / GRADE1_PROLONGED_24H over the observations in time order. A clock
 * opens at the first observation graded exactly the rule's grade when none is open; it is resolved
 * by an improvement, superseded by a higher grade (both at or before the due time), otherwise
 * overdue once now >= due. A clock closed after its due time stays overdue but lets a new one open.
 */
export function escalationTimers(rule: EscalationRule, series: readonly SeriesPoint[], nowMs: number): Timer[] {
  const timers: Timer[] = [];
  let clock: Clock | null = null;
  for (const point of series) {
    const grade = point.observation.grade;
    if (!clock) {
      if (grade === rule.grade) {
        clock = {
          start: point,
          dueMs: point.atMs + ESCALATION_WINDOW_HOURS * HOUR_MS,
          closedBy: null,
          outcome: null,
          notCounted: null,
        };
      }
      continue;
    }
    const worse = grade >= rule.supersededFrom;
    let better = false;
    if (!worse && grade < rule.grade) {
      const because = notImprovementBecause(point.observation, point.bloodPressureKnown, rule.grade);
      if (because === null) better = true;
      else if (clock.notCounted) clock.notCounted.count++;
      else clock.notCounted = { first: point, because, count: 1 };
    }
    if (worse || better) {
      clock.closedBy = point;
      if (point.atMs <= clock.dueMs) clock.outcome = worse ? "superseded" : "resolved";
      timers.push(toTimer(rule, clock, nowMs));
      clock = null;
    }
  }
  if (clock) timers.push(toTimer(rule, clock, nowMs));
  return timers;
}

/** OBS_DUE: 4 h after an afebrile grade-0 observation, 2 h after a febrile or grade-1 one, 1 h at grade >= 2. */
export function observationDueTimer(last: TimedObservation, nowMs: number, settings: EngineSettings): Timer {
  let hours: number;
  let why: string;
  if (last.grade >= 2) {
    hours = settings.obsIntervalGrade2PlusHours;
    why = `graded ${last.grade}`;
  } else if (last.febrile === true || last.grade === 1) {
    hours = settings.obsIntervalFebrileOrGrade1Hours;
    why = last.febrile === true ? `febrile, graded ${last.grade}` : "graded 1";
  } else {
    hours = settings.obsIntervalGrade0Hours;
    why = "graded 0";
  }
  const dueMs = last.atMs + hours * HOUR_MS;
  const status: TimerStatus = nowMs >= dueMs ? "overdue" : "running";
  const reasons: Reason[] = [
    {
      rule: "OBS_DUE",
      text: `Last observation at ${formatInstant(last.atMs)} ${why}: next set due ${formatHours(hours)} later (OBS_DUE)`,
    },
  ];
  if (status === "overdue") reasons.push({ rule: "OBS_DUE", text: `Overdue by ${formatDuration(nowMs - dueMs)} (OBS_DUE)` });
  return { kind: "OBS_DUE", startedAt: last.at, dueAt: toIsoUtc(dueMs), status, reasons };
}

/**
 * ICE_DUE during an episode: every iceIntervalHours from the last ICE score charted. Safer reading:
 * an ICE charted before the onset still starts the clock (so the first one is due no later than
 * interval after the onset); with none charted, the clock starts at the onset.
 */
export function iceDueTimer(
  onset: { at: string; atMs: number },
  lastIce: { at: string; atMs: number } | null,
  nowMs: number,
  settings: EngineSettings,
): Timer {
  const hours = settings.iceIntervalHours;
  const start = lastIce ?? onset;
  const dueMs = start.atMs + hours * HOUR_MS;
  const status: TimerStatus = nowMs >= dueMs ? "overdue" : "running";
  const reasons: Reason[] = [
    {
      rule: "ICE_DUE",
      text: lastIce
        ? `Last ICE score at ${formatInstant(lastIce.atMs)}: next due ${formatHours(hours)} later during the CRS episode (ICE_DUE)`
        : `No ICE score charted: first due ${formatHours(hours)} after the CRS onset at ${formatInstant(onset.atMs)} (ICE_DUE)`,
    },
  ];
  if (status === "overdue") reasons.push({ rule: "ICE_DUE", text: `Overdue by ${formatDuration(nowMs - dueMs)} (ICE_DUE)` });
  return { kind: "ICE_DUE", startedAt: start.at, dueAt: toIsoUtc(dueMs), status, reasons };
}

/**
 * TOCI_REDOSE: from the last tocilizumab dose to TOCI-NEXT, shown only while the current grade is
 * 2 or more (a redose is only owed while CRS needs it) and fewer than 4 doses have been given.
 */
export function tociRedoseTimer(
  lastDose: { at: string; atMs: number } | null,
  dosesTotal: number,
  dueMs: number | null,
  currentGrade: CrsGrade,
  nowMs: number,
): Timer | null {
  if (!lastDose || dueMs === null || dosesTotal >= TOCI_MAX_DOSES_TOTAL) return null;
  if (currentGrade < 2 || currentGrade === 5) return null;
  const status: TimerStatus = nowMs >= dueMs ? "overdue" : "running";
  const reasons: Reason[] = [
    {
      rule: "TOCI_REDOSE",
      text: `Grade ${currentGrade} after tocilizumab dose ${dosesTotal} at ${formatInstant(lastDose.atMs)}: repeat if no improvement, eligible from ${formatInstant(dueMs)} per TOCI-NEXT (TOCI_REDOSE)`,
    },
  ];
  if (status === "overdue") {
    reasons.push({ rule: "TOCI_REDOSE", text: `Redose eligible now, still grade ${currentGrade} (TOCI_REDOSE)` });
  }
  return { kind: "TOCI_REDOSE", startedAt: lastDose.at, dueAt: toIsoUtc(dueMs), status, reasons };
}
