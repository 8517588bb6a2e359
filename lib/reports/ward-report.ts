// The ward lead's report (pure): per ward day, how the sets were charted against the time they were
// due, and how quickly escalation tasks were acknowledged. No database here; lib/reports/load.ts
// reads the facts and hands each patient's engine input in.
//
// "On time" is judged against OBS_DUE as the engine gave it just before the set: the patient's
// timeline is evaluated as of one millisecond before each charting instant (ASOF leaves that set and
// every later fact out), and that evaluation's OBS_DUE timer is the due time the team was working
// to. Re-evaluating is the simplest reading that stays correct through refusals, pauses and cadence
// changes, because it is the engine's own rule and no copy of it.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { evaluateTimeline, type TaskKind, type TaskRole, type TimelineInput } from "@/lib/engine";

const MINUTE = 60_000;

/** One patient's engine input, evaluated as of the report's instant. */
export type PatientTimeline = TimelineInput & { now: string };

export interface DaySets {
  /** The ward's calendar day, yyyy-MM-dd. */
  day: string;
  onTime: number;
  late: number;
  /** Minutes late of each late set, in charting order. */
  lateMinutes: number[];
  refused: number;
  notPossible: number;
}

export interface TaskResponse {
  day: string;
  kind: TaskKind;
  role: TaskRole;
  raised: number;
  acknowledged: number;
  /** Raised -> acknowledged, minutes; null when none was acknowledged. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface WardReport {
  days: DaySets[];
  tasks: TaskResponse[];
}

/** The ward's calendar day of an instant. */
export function wardDay(instantMs: number, timeZone: string): string {
  return format(new TZDate(instantMs, timeZone), "yyyy-MM-dd");
}

/** Median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type SetClass = { kind: "onTime" } | { kind: "late"; minutes: number } | { kind: "refused" } | { kind: "notPossible" };

/**
 * Each charting instant of one patient, classified. A set with no OBS_DUE before it (the first one)
 * or charted while observations were paused (OBS-PAUSE: nothing was due) is on time. Minutes late
 * are rounded up: a set 30 s past due is 1 min late, never "0 min late".
 */
function classifySets(input: PatientTimeline, counted: (atMs: number) => boolean): { atMs: number; cls: SetClass }[] {
  const nowMs = Date.parse(input.now);
  // Only the instants the report counts are re-evaluated: a patient with a month of sets outside
  // the range costs nothing here.
  const instants = [...new Set(input.observations.map((o) => Date.parse(o.at)))]
    .filter((t) => t <= nowMs && counted(t))
    .sort((a, b) => a - b);
  const out: { atMs: number; cls: SetClass }[] = [];
  for (const atMs of instants) {
    // The facts before the set only: what ASOF would leave out anyway, without naming each one.
    const earlier = input.observations.filter((o) => Date.parse(o.at) < atMs);
    const before = evaluateTimeline({ ...input, observations: earlier, now: new Date(atMs - 1).toISOString() });
    const due = before.timers.find((t) => t.kind === "OBS_DUE" && t.status !== "paused");
    const dueMs = due ? Date.parse(due.dueAt) : null;
    for (const set of input.observations.filter((o) => Date.parse(o.at) === atMs)) {
      // OBS-STATUS: a refused or not-possible set is counted as such, whenever it came.
      if (set.status === "refused") out.push({ atMs, cls: { kind: "refused" } });
      else if (set.status === "not_possible") out.push({ atMs, cls: { kind: "notPossible" } });
      else if (dueMs !== null && atMs > dueMs)
        out.push({ atMs, cls: { kind: "late", minutes: Math.ceil((atMs - dueMs) / MINUTE) } });
      else out.push({ atMs, cls: { kind: "onTime" } });
    }
  }
  return out;
}

/**
 * The report over the patients of one ward for the days [fromDay, toDay] (ward calendar days,
 * inclusive). Each input's `now` is the report's instant: later facts are not counted.
 */
export function wardReport(inputs: readonly PatientTimeline[], timeZone: string, fromDay: string, toDay: string): WardReport {
  const inRange = (day: string) => day >= fromDay && day <= toDay;
  const days = new Map<string, DaySets>();
  const responses = new Map<string, { day: string; kind: TaskKind; role: TaskRole; raised: number; minutes: number[] }>();

  for (const input of inputs) {
    for (const { atMs, cls } of classifySets(input, (t) => inRange(wardDay(t, timeZone)))) {
      const day = wardDay(atMs, timeZone);
      let row = days.get(day);
      if (!row) days.set(day, (row = { day, onTime: 0, late: 0, lateMinutes: [], refused: 0, notPossible: 0 }));
      if (cls.kind === "late") {
        row.late += 1;
        row.lateMinutes.push(cls.minutes);
      } else row[cls.kind] += 1;
    }
    // Tasks count on the day they were raised; the response time is the first acknowledgement that
    // counts (ESC-ACK), as the engine reports it.
    for (const task of evaluateTimeline(input).tasks) {
      const raisedMs = Date.parse(task.raisedAt);
      const day = wardDay(raisedMs, timeZone);
      if (!inRange(day)) continue;
      const key = `${day}|${task.kind}|${task.role}`;
      let group = responses.get(key);
      if (!group) responses.set(key, (group = { day, kind: task.kind, role: task.role, raised: 0, minutes: [] }));
      group.raised += 1;
      if (task.acknowledgedAt) group.minutes.push((Date.parse(task.acknowledgedAt) - raisedMs) / MINUTE);
    }
  }

  return {
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    tasks: [...responses.values()]
      .sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind) || a.role.localeCompare(b.role))
      .map((g) => ({
        day: g.day,
        kind: g.kind,
        role: g.role,
        raised: g.raised,
        acknowledged: g.minutes.length,
        medianMinutes: median(g.minutes),
        p90Minutes: percentile(g.minutes, 90),
      })),
  };
}
