/**
 * Escalation clocks and due times (CLINICAL-RULES.md section 5). Timers are derived from the
 * charted facts and `now` on every evaluation, never held in memory.
 */
import { TOCI_MAX_DOSES_TOTAL } from "./tocilizumab";
import type { EngineSettings } from "./settings";
import { formatDuration, formatHours, formatInstant, HOUR_MS, MINUTE_MS, toIsoUtc } from "./time";
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

/** The charted sets at one instant as the cadence reads them (TIE: the shortest interval of them). */
export interface CadenceSet {
  id: string;
  grade: CrsGrade;
  febrile: boolean | null;
  /** NEWS2 of the set (an incomplete set's band uses its partial score, NEWS2-SCORE). */
  news2: { score: number; complete: boolean; band: string; cadenceMinutes: number } | null;
}

/** The interval OBS_DUE applies after an instant, in minutes, with why, and the set that decided it. */
export interface ObservationInterval {
  minutes: number;
  why: string;
  /** The set whose interval is the shortest (its id names the fact that set the due time). */
  sourceId: string | null;
}

/** "4 h", "30 min", "1 h 30 min". */
function minutesText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The CRS cadence of one set (section 5): 4 h at grade 0, 2 h febrile or grade 1, 1 h at grade >= 2. */
function crsCadence(set: Pick<CadenceSet, "grade" | "febrile">, settings: EngineSettings): { minutes: number; why: string } {
  if (set.grade >= 2) return { minutes: settings.obsIntervalGrade2PlusHours * 60, why: `graded ${set.grade}` };
  if (set.febrile === true || set.grade === 1) {
    return {
      minutes: settings.obsIntervalFebrileOrGrade1Hours * 60,
      why: set.febrile === true ? `febrile, graded ${set.grade}` : "graded 1",
    };
  }
  return { minutes: settings.obsIntervalGrade0Hours * 60, why: `graded ${set.grade}` };
}

/**
 * OBS_DUE interval after the charted sets of one instant (section 5 rev 2): the shortest of the
 * CRS cadence, the NEWS2 cadence (NEWS2-BAND) and the patient's own interval (OBS-FREQUENCY, only
 * ever stricter). Sets at one instant: the shortest of their intervals (TIE). No charted set yet
 * (only refused or not-possible ones): the grade-0 cadence, or the patient's own if shorter.
 */
export function observationInterval(
  sets: readonly CadenceSet[],
  patientMinutes: number | null,
  settings: EngineSettings,
): ObservationInterval {
  let best: ObservationInterval | null = null;
  const sorted = [...sets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const set of sorted) {
    const crs = crsCadence(set, settings);
    let minutes = crs.minutes;
    const parts = [`CRS ${crs.why}: every ${minutesText(crs.minutes)}`];
    if (set.news2) {
      const score = set.news2.complete ? `${set.news2.score}` : `at least ${set.news2.score}`;
      parts.push(`NEWS2 ${score}, band ${set.news2.band}: every ${minutesText(set.news2.cadenceMinutes)} (NEWS2-BAND)`);
      minutes = Math.min(minutes, set.news2.cadenceMinutes);
    }
    const why = parts.join("; ");
    // TIE: the shortest interval; between equal ones the same words whatever the ids.
    if (!best || minutes < best.minutes || (minutes === best.minutes && why < best.why))
      best = { minutes, why, sourceId: set.id };
  }
  if (!best) {
    const minutes = settings.obsIntervalGrade0Hours * 60;
    best = { minutes, why: `no charted set before it: every ${minutesText(minutes)}`, sourceId: null };
  }
  if (patientMinutes != null && patientMinutes < best.minutes) {
    return {
      minutes: patientMinutes,
      why: `${best.why}; the patient's own interval every ${minutesText(patientMinutes)} is stricter (OBS-FREQUENCY)`,
      sourceId: best.sourceId,
    };
  }
  return best;
}

/** An observation pause (OBS-PAUSE) as the timers read it; pauses starting after now are left out (ASOF). */
export interface TimedPause {
  id: string;
  fromMs: number;
  /** null: open-ended. */
  untilMs: number | null;
  reason: string;
}

/** The pause running at now (the one ending last when several overlap), or null. */
export function runningPause(pauses: readonly TimedPause[], nowMs: number): TimedPause | null {
  let running: TimedPause | null = null;
  for (const pause of pauses) {
    if (pause.fromMs > nowMs || (pause.untilMs !== null && pause.untilMs <= nowMs)) continue;
    const ends = pause.untilMs ?? Number.POSITIVE_INFINITY;
    const best = running ? (running.untilMs ?? Number.POSITIVE_INFINITY) : Number.NEGATIVE_INFINITY;
    if (!running || ends > best || (ends === best && pause.id < running.id)) running = pause;
  }
  return running;
}

function pauseText(pause: TimedPause): string {
  const until = pause.untilMs === null ? "open-ended" : `until ${formatInstant(pause.untilMs)}`;
  return `observations paused from ${formatInstant(pause.fromMs)} ${until} (${pause.reason})`;
}

/** The last set of any status: the instant, the set named as the source, and what it was. */
export interface LastSet {
  id: string;
  at: string;
  atMs: number;
  /** "charted", "refused" or "not_possible" (a charted set wins at an instant shared with a refused one). */
  status: string;
  statusReason?: string | null;
}

/**
 * OBS_DUE (section 5, section 9): due `interval` after the last set, whatever its status (a refused
 * or not-possible set restarts the clock at the interval that applied before it). While a pause
 * runs at now: `paused`. After a pause that ended after the last set: due `pauseResumeDueMinutes`
 * after its end, or the normal due time if that is later. `sourceId` names the fact that set the
 * due time: the last set, or the pause whose end set it.
 */
export function observationDueTimer(
  last: LastSet,
  interval: ObservationInterval,
  pauses: readonly TimedPause[],
  nowMs: number,
  settings: EngineSettings,
): Timer {
  const normalDueMs = last.atMs + interval.minutes * MINUTE_MS;
  const statusText =
    last.status === "charted"
      ? `Last observation at ${formatInstant(last.atMs)}: ${interval.why}`
      : `Last set at ${formatInstant(last.atMs)} ${last.status === "refused" ? "refused" : "not possible"}${last.statusReason ? ` (${last.statusReason})` : ""}: restarts the clock at the interval that applied before it, ${interval.why} (OBS-STATUS)`;
  const reasons: Reason[] = [
    { rule: "OBS_DUE", text: `${statusText}: next set due ${minutesText(interval.minutes)} later (OBS_DUE)` },
  ];
  let dueMs = normalDueMs;
  let sourceId = last.id;

  // The pause whose end comes after the last set decides when observations resume.
  let ended: TimedPause | null = null;
  for (const pause of pauses) {
    if (pause.fromMs > nowMs || pause.untilMs === null || pause.untilMs > nowMs || pause.untilMs <= last.atMs) continue;
    if (!ended || (ended.untilMs ?? 0) < pause.untilMs || (ended.untilMs === pause.untilMs && pause.id < ended.id)) ended = pause;
  }
  const running = runningPause(pauses, nowMs);
  const resumeFrom = running ?? ended;
  if (resumeFrom && resumeFrom.untilMs !== null) {
    const resumeMs = resumeFrom.untilMs + settings.pauseResumeDueMinutes * MINUTE_MS;
    if (resumeMs > normalDueMs) {
      dueMs = resumeMs;
      sourceId = resumeFrom.id;
    }
    reasons.push({
      rule: "OBS-PAUSE",
      text: `${pauseText(resumeFrom)}: next set due ${minutesText(settings.pauseResumeDueMinutes)} after the pause ends or at the normal due time if later, ${formatInstant(dueMs)} (OBS-PAUSE)`,
    });
  }
  let status: TimerStatus;
  if (running) {
    status = "paused";
    reasons.push({ rule: "OBS-PAUSE", text: `Paused: ${pauseText(running)}; no observation is owed while paused (OBS-PAUSE)` });
  } else {
    status = nowMs >= dueMs ? "overdue" : "running";
    if (status === "overdue") reasons.push({ rule: "OBS_DUE", text: countdownText("OBS_DUE", dueMs, nowMs) });
  }
  return { kind: "OBS_DUE", startedAt: last.at, dueAt: toIsoUtc(dueMs), status, reasons, sourceId };
}

/**
 * ICE_DUE during an episode: every iceIntervalHours from the last ICE score charted. Safer reading:
 * an ICE charted before the onset (but not before the previous episode ended) still starts the
 * clock; with none charted, the clock starts at the onset. While a pause runs at now: `paused`.
 */
export function iceDueTimer(
  onset: { at: string; atMs: number },
  lastIce: { id: string; at: string; atMs: number } | null,
  running: TimedPause | null,
  nowMs: number,
  settings: EngineSettings,
): Timer {
  const hours = settings.iceIntervalHours;
  const start = lastIce ?? onset;
  const dueMs = start.atMs + hours * HOUR_MS;
  const reasons: Reason[] = [
    {
      rule: "ICE_DUE",
      text: lastIce
        ? `Last ICE score at ${formatInstant(lastIce.atMs)}: next due ${formatHours(hours)} later during the CRS episode (ICE_DUE)`
        : `No ICE score charted: first due ${formatHours(hours)} after the CRS onset at ${formatInstant(onset.atMs)} (ICE_DUE)`,
    },
  ];
  let status: TimerStatus;
  if (running) {
    status = "paused";
    reasons.push({ rule: "OBS-PAUSE", text: `Paused: ${pauseText(running)} (OBS-PAUSE)` });
  } else {
    status = nowMs >= dueMs ? "overdue" : "running";
    if (status === "overdue") reasons.push({ rule: "ICE_DUE", text: countdownText("ICE_DUE", dueMs, nowMs) });
  }
  const timer: Timer = { kind: "ICE_DUE", startedAt: start.at, dueAt: toIsoUtc(dueMs), status, reasons };
  if (lastIce) timer.sourceId = lastIce.id;
  return timer;
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
