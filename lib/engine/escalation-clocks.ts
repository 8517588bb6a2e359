/**
 * The escalation clocks of section 5 (GRADE2_NO_IMPROVEMENT_24H, GRADE1_PROLONGED_24H): derived from
 * the charted sets and `now` on every evaluation, never held in memory.
 */
import { formatDuration, formatInstant, HOUR_MS, toIsoUtc } from "./time";
import type {
  CrsGrade,
  GradedObservation,
  HypotensionAxisGrade,
  OxygenAxisGrade,
  Reason,
  Timer,
  TimerKind,
  TimerStatus,
} from "./types";

/**
 * The charted sets at one instant as the escalation clocks read them (TIE): each set was graded on
 * its own, and the instant takes the most severe of them (highest grade and axes; febrile when any
 * set is), while what was charted at the instant counts together (a systolic pressure in one set
 * and the oxygen device in another at the same instant chart both).
 */
export interface SeriesPoint {
  at: string;
  atMs: number;
  grade: CrsGrade;
  hypotensionAxis: HypotensionAxisGrade;
  oxygenAxis: OxygenAxisGrade;
  /** true when any set at the instant is febrile; false when one charts an afebrile temperature; null when none charts one. */
  febrile: boolean | null;
  /** ASTCT-MISSING: a systolic pressure was charted at the instant. */
  systolicCharted: boolean;
  /** ASTCT-MISSING: an oxygen device (room air included) was charted at the instant. */
  deviceCharted: boolean;
  /**
   * A set at the instant charted blood pressure, vasopressors or an oxygen device itself, or a death
   * attributed to CRS: it can show worsening (an SpO2 spot check cannot, ASTCT-MISSING).
   */
  canShowWorsening: boolean;
  /** The sets at the instant, by id, with their own grades. */
  sets: readonly { id: string; grade: CrsGrade }[];
}

/** Merge the sets at one instant into the point the clocks read (TIE). */
export function seriesPoint(
  sets: readonly {
    observation: Pick<GradedObservation, "id" | "at" | "grade" | "hypotensionAxis" | "oxygenAxis" | "febrile">;
    atMs: number;
    systolicCharted: boolean;
    deviceCharted: boolean;
    canShowWorsening: boolean;
  }[],
): SeriesPoint {
  const first = sets[0];
  if (!first) throw new RangeError("an instant has at least one set");
  let grade: CrsGrade = 0;
  let hypotension: HypotensionAxisGrade = 0;
  let oxygen: OxygenAxisGrade = 0;
  let febrile: boolean | null = null;
  for (const { observation } of sets) {
    if (observation.grade > grade) grade = observation.grade;
    if (observation.hypotensionAxis > hypotension) hypotension = observation.hypotensionAxis;
    if (observation.oxygenAxis > oxygen) oxygen = observation.oxygenAxis;
    if (observation.febrile === true) febrile = true;
    else if (observation.febrile === false && febrile === null) febrile = false;
  }
  return {
    at: first.observation.at,
    atMs: first.atMs,
    grade,
    hypotensionAxis: hypotension,
    oxygenAxis: oxygen,
    febrile,
    systolicCharted: sets.some((set) => set.systolicCharted),
    deviceCharted: sets.some((set) => set.deviceCharted),
    canShowWorsening: sets.some((set) => set.canShowWorsening),
    sets: sets
      .map(({ observation }) => ({ id: observation.id, grade: observation.grade }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
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
 * Why an instant graded below the clock's grade is still not evidence of improvement, or null when
 * it is (section 5, ASTCT-MISSING): its hypotension or oxygen need is unchanged (an afebrile set
 * after tocilizumab on the same support), or it does not chart a systolic pressure and an oxygen
 * device (an SpO2 spot check), or, for GRADE1_PROLONGED_24H, a temperature.
 */
export function notImprovementBecause(
  point: Pick<SeriesPoint, "hypotensionAxis" | "oxygenAxis" | "febrile" | "systolicCharted" | "deviceCharted">,
  belowGrade: number,
): string | null {
  if (point.hypotensionAxis >= belowGrade || point.oxygenAxis >= belowGrade) {
    return `hypotension (${point.hypotensionAxis}) or oxygen (${point.oxygenAxis}) still at grade ${belowGrade} or more`;
  }
  if (!point.systolicCharted) return "systolic blood pressure not charted (ASTCT-MISSING)";
  if (!point.deviceCharted) return "oxygen device not charted (ASTCT-MISSING)";
  if (belowGrade <= 1 && point.febrile !== false) return "temperature not charted (ASTCT-MISSING)";
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
  /** The set that started the clock (of the sets at its instant, one graded the clock's grade). */
  sourceId: string;
  /** Observations below the clock's grade that were not evidence of improvement. */
  notCounted: { first: SeriesPoint; because: string; count: number } | null;
  /** Observations above the clock's grade that were spot checks, not evidence of worsening. */
  notWorse: { first: SeriesPoint; count: number } | null;
}

function statusOf(clock: Clock, nowMs: number): TimerStatus {
  if (clock.outcome) return clock.outcome;
  return nowMs >= clock.dueMs ? "overdue" : "running";
}

/**
 * The one reason that reads the clock: "Running: due in 2 h 05 min" before the due time, "Overdue
 * by 35 min" from it. Every other reason is a function of the facts alone (stable-until.ts relies on it).
 */
export function countdownText(kind: TimerKind, dueMs: number, nowMs: number): string {
  return nowMs < dueMs
    ? `Running: due in ${formatDuration(dueMs - nowMs)} (${kind})`
    : `Overdue by ${formatDuration(nowMs - dueMs)} (${kind})`;
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
      text: `Resolved: observation at ${formatInstant(closer.atMs)} graded ${closer.grade}, before the due time${tag}`,
    });
  } else if (status === "superseded" && closer) {
    reasons.push({
      rule: rule.kind,
      text: `Superseded: observation at ${formatInstant(closer.atMs)} graded ${closer.grade}, before the due time; the higher grade's management applies${tag}`,
    });
  } else if (status === "overdue") {
    reasons.push({
      rule: rule.kind,
      text: `Overdue since ${formatInstant(clock.dueMs)}: no improvement within ${ESCALATION_WINDOW_HOURS} h; ${rule.escalation}${tag}`,
    });
    if (closer) {
      const change = closer.grade >= rule.supersededFrom ? "worsened" : "improved";
      reasons.push({
        rule: rule.kind,
        text: `Condition ${change} after the due time: observation at ${formatInstant(closer.atMs)} graded ${closer.grade}${tag}`,
      });
    }
  } else if (status === "running") {
    reasons.push({ rule: rule.kind, text: countdownText(rule.kind, clock.dueMs, nowMs) });
  }
  if (clock.notWorse) {
    const { first, count } = clock.notWorse;
    const others = count > 1 ? ` (and ${count - 1} more)` : "";
    reasons.push({
      rule: rule.kind,
      text: `Observation at ${formatInstant(first.atMs)} graded ${first.grade} not counted as worsening: no blood pressure, vasopressor or oxygen device charted in it (a spot check, ASTCT-MISSING)${others} (safer reading)${tag}`,
    });
  }
  if (clock.notCounted) {
    const { first, because, count } = clock.notCounted;
    const others = count > 1 ? ` (and ${count - 1} more)` : "";
    reasons.push({
      rule: rule.kind,
      text: `Observation at ${formatInstant(first.atMs)} graded ${first.grade} not counted as improvement: ${because}${others} (safer reading)${tag}`,
    });
  }
  return reasons;
}

function toTimer(rule: EscalationRule, clock: Clock, nowMs: number): Timer {
  const status = statusOf(clock, nowMs);
  return {
    kind: rule.kind,
    startedAt: clock.start.at,
    sourceId: clock.sourceId,
    dueAt: toIsoUtc(clock.dueMs),
    status,
    reasons: describeClock(rule, clock, status, nowMs),
    closedAt: clock.closedBy ? clock.closedBy.at : null,
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
    const grade = point.grade;
    if (!clock) {
      if (grade === rule.grade) {
        const source = point.sets.find((set) => set.grade === rule.grade) ?? point.sets[0];
        clock = {
          start: point,
          dueMs: point.atMs + ESCALATION_WINDOW_HOURS * HOUR_MS,
          closedBy: null,
          outcome: null,
          sourceId: source ? source.id : "",
          notCounted: null,
          notWorse: null,
        };
      }
      continue;
    }
    // ASTCT-MISSING: a spot check (no pressure, vasopressor or oxygen device charted) neither resolves nor supersedes.
    let worse = grade >= rule.supersededFrom;
    if (worse && !point.canShowWorsening) {
      worse = false;
      if (clock.notWorse) clock.notWorse.count++;
      else clock.notWorse = { first: point, count: 1 };
    }
    let better = false;
    if (grade < rule.grade) {
      const because = notImprovementBecause(point, rule.grade);
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
