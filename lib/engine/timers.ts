/**
 * Escalation clocks and due times (CLINICAL-RULES.md section 5). Timers are derived from the
 * charted facts and `now` on every evaluation, never held in memory.
 */
import { TOCI_MAX_DOSES_TOTAL } from "./tocilizumab";
import type { EngineSettings } from "./settings";
import { formatDuration, formatHours, formatInstant, HOUR_MS, toIsoUtc } from "./time";
import type { CrsGrade, GradedObservation, Reason, Timer, TimerStatus } from "./types";

/**
 * What the clocks read about the graded observations, column by column (a month of charting is
 * thousands of observations): the graded observations in time order, their instants in epoch ms,
 * and whether blood pressure could be read on each (needed to count an improvement).
 */
export interface GradedSeries {
  observations: readonly GradedObservation[];
  times: ArrayLike<number>;
  bloodPressureKnown: ArrayLike<number | boolean>;
  /** observations[i].grade as a column, when the caller has one (faster to scan than the objects). */
  grades?: ArrayLike<number>;
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

/** A clock's observations are indexes into the series. */
interface OpenClock {
  start: number;
  startMs: number;
  dueMs: number;
  closedBy: number;
  closedMs: number;
  outcome: "resolved" | "superseded" | null;
  notCounted: number;
  firstNotCounted: number;
  firstNotCountedBecause: string;
}

function statusOf(clock: OpenClock, nowMs: number): TimerStatus {
  if (clock.outcome) return clock.outcome;
  return nowMs >= clock.dueMs ? "overdue" : "running";
}

function describeClock(rule: EscalationRule, clock: OpenClock, series: GradedSeries, status: TimerStatus, nowMs: number): Reason[] {
  const tag = ` (${rule.kind})`;
  const reasons: Reason[] = [
    {
      rule: rule.kind,
      text: `Grade ${rule.grade} at ${formatInstant(clock.startMs)}: ${rule.escalation} if no improvement within ${ESCALATION_WINDOW_HOURS} h, due ${formatInstant(clock.dueMs)}${tag}`,
    },
  ];
  const closer = clock.closedBy >= 0 ? series.observations[clock.closedBy] : null;
  if (status === "resolved" && closer) {
    reasons.push({ rule: rule.kind, text: `Resolved: observation at ${formatInstant(clock.closedMs)} graded ${closer.grade}, before the due time${tag}` });
  } else if (status === "superseded" && closer) {
    reasons.push({
      rule: rule.kind,
      text: `Superseded: observation at ${formatInstant(clock.closedMs)} graded ${closer.grade}, before the due time; the higher grade's management applies${tag}`,
    });
  } else if (status === "overdue") {
    reasons.push({ rule: rule.kind, text: `Overdue since ${formatInstant(clock.dueMs)}: no improvement within ${ESCALATION_WINDOW_HOURS} h; ${rule.escalation}${tag}` });
    if (closer) {
      const change = closer.grade >= rule.supersededFrom ? "worsened" : "improved";
      reasons.push({ rule: rule.kind, text: `Condition ${change} after the due time: observation at ${formatInstant(clock.closedMs)} graded ${closer.grade}${tag}` });
    }
  } else if (status === "running") {
    reasons.push({ rule: rule.kind, text: `Running: due in ${formatDuration(clock.dueMs - nowMs)}${tag}` });
  }
  if (clock.firstNotCounted >= 0) {
    const ignored = series.observations[clock.firstNotCounted];
    const others = clock.notCounted > 1 ? ` (and ${clock.notCounted - 1} more)` : "";
    reasons.push({
      rule: rule.kind,
      text: `Observation at ${formatInstant(series.times[clock.firstNotCounted])} graded ${ignored.grade} not counted as improvement: ${clock.firstNotCountedBecause}${others} (safer reading)${tag}`,
    });
  }
  return reasons;
}

function toTimer(rule: EscalationRule, clock: OpenClock, series: GradedSeries, nowMs: number): Timer {
  const status = statusOf(clock, nowMs);
  return {
    kind: rule.kind,
    startedAt: series.observations[clock.start].at,
    dueAt: toIsoUtc(clock.dueMs),
    status,
    reasons: describeClock(rule, clock, series, status, nowMs),
    closedAt: clock.closedBy >= 0 ? series.observations[clock.closedBy].at : null,
  };
}

/**
 * GRADE2_NO_IMPROVEMENT_24H / GRADE1_PROLONGED_24H over the ordered observations. A clock opens at
 * the first observation graded exactly the rule's grade when none is open; it is resolved by an
 * improvement, superseded by a higher grade (both at or before the due time), otherwise overdue
 * once now >= due. A clock closed after its due time stays overdue but lets a new one open.
 */
export function escalationTimers(rule: EscalationRule, series: GradedSeries, nowMs: number): Timer[] {
  return escalationTimersOf([rule], series, nowMs)[0];
}

/** escalationTimers for several rules in one pass over the series: one list of timers per rule. */
export function escalationTimersOf(rules: readonly EscalationRule[], series: GradedSeries, nowMs: number): Timer[][] {
  const windowMs = ESCALATION_WINDOW_HOURS * HOUR_MS;
  const { observations, times, bloodPressureKnown } = series;
  const grades = series.grades ?? observations.map((observation) => observation.grade);
  const ruleCount = rules.length;
  const timers: Timer[][] = rules.map(() => []);
  const open: (OpenClock | null)[] = rules.map(() => null);
  let openCount = 0;
  // Grades that open a clock; while none is open, an observation graded otherwise changes nothing.
  let opening = 0;
  for (const rule of rules) opening |= 1 << rule.grade;
  for (let i = 0; i < observations.length; i++) {
    const grade = grades[i];
    if (openCount === 0 && ((opening >> grade) & 1) === 0) continue;
    for (let r = 0; r < ruleCount; r++) {
      const rule = rules[r];
      const clock = open[r];
      if (clock) {
        const worse = grade >= rule.supersededFrom;
        let better = false;
        if (!worse && grade < rule.grade) {
          const because = notImprovementBecause(observations[i], Boolean(bloodPressureKnown[i]), rule.grade);
          if (because === null) better = true;
          else {
            clock.notCounted++;
            if (clock.firstNotCounted < 0) {
              clock.firstNotCounted = i;
              clock.firstNotCountedBecause = because;
            }
          }
        }
        if (worse || better) {
          clock.closedBy = i;
          clock.closedMs = times[i];
          if (times[i] <= clock.dueMs) clock.outcome = worse ? "superseded" : "resolved";
          timers[r].push(toTimer(rule, clock, series, nowMs));
          open[r] = null;
          openCount--;
        }
        continue;
      }
      if (grade === rule.grade) {
        open[r] = {
          start: i,
          startMs: times[i],
          dueMs: times[i] + windowMs,
          closedBy: -1,
          closedMs: Number.NaN,
          outcome: null,
          notCounted: 0,
          firstNotCounted: -1,
          firstNotCountedBecause: "",
        };
        openCount++;
      }
    }
  }
  for (let r = 0; r < ruleCount; r++) {
    const clock = open[r];
    if (clock) timers[r].push(toTimer(rules[r], clock, series, nowMs));
  }
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
    { rule: "OBS_DUE", text: `Last observation at ${formatInstant(last.atMs)} ${why}: next set due ${formatHours(hours)} later (OBS_DUE)` },
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
