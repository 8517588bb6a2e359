/**
 * When the next set and ICE score are due (CLINICAL-RULES.md sections 5 and 9): the observation
 * cadence (OBS_DUE, with refused sets, pauses and the patient's own interval) and ICE_DUE.
 */
import { countdownText } from "./escalation-clocks";
import type { EngineSettings } from "./settings";
import { formatHours, formatInstant, HOUR_MS, MINUTE_MS, toIsoUtc } from "./time";
import type { CrsGrade, Reason, Timer, TimerStatus } from "./types";

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
