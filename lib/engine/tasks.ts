/**
 * Escalation tasks (CLINICAL-RULES.md section 8): derived like grades from what the timeline
 * already computed, the stored acknowledgements and `now`, never held anywhere. A task's id is its
 * kind and the fact that raised it, so every evaluation at any `now` names it the same way and an
 * acknowledgement stored against it keeps answering it.
 */
import { obsOverdueTasks } from "./obs-overdue-tasks";
import type { AcknowledgementInput, MedicationInput, PauseInput } from "./schema";
import type { EngineSettings } from "./settings";
import { setsByInstant, tasksFromSets, type RaisedTask } from "./task-rises";
import { formatInstant, MINUTE_MS, parseInstant, toIsoUtc } from "./time";
import type { GradedMedication, GradedObservation, Task, TaskStatus, Timer } from "./types";

export type { RaisedTask } from "./task-rises";

export interface TaskContext {
  /** Graded observations in the engine's time order. */
  observations: readonly GradedObservation[];
  medications: readonly GradedMedication[];
  /** The doses as charted (TOCI-CONFIRM: when the flags were confirmed). */
  medicationInputs: readonly MedicationInput[];
  timers: readonly Timer[];
  pauses: readonly PauseInput[];
  acknowledgements: readonly AcknowledgementInput[];
  /** OBS-FREQUENCY: the patient's own interval in minutes, or null. */
  patientIntervalMinutes: number | null;
  nowMs: number;
  settings: EngineSettings;
}

/** A clock may name the set that started it; otherwise it is found from startedAt (TIE: the set of the clock's grade). */
type TimerWithSource = Timer & { sourceId?: string | null };

const CLOCK_GRADE = { GRADE2_NO_IMPROVEMENT_24H: 2, GRADE1_PROLONGED_24H: 1 } as const;

function clockSource(timer: TimerWithSource, grade: number, observations: readonly GradedObservation[]): string {
  if (timer.sourceId) return timer.sourceId;
  const startMs = parseInstant(timer.startedAt);
  const starter =
    observations.find((set) => set.status === "charted" && set.grade === grade && parseInstant(set.at) === startMs) ??
    observations.find((set) => parseInstant(set.at) === startMs);
  return starter ? starter.id : timer.startedAt;
}

/** ESC_TIMER_OVERDUE: an escalation clock reached its due time unresolved. */
function timerOverdueTasks(context: TaskContext): RaisedTask[] {
  const tasks: RaisedTask[] = [];
  for (const timer of context.timers as readonly TimerWithSource[]) {
    if (timer.kind !== "GRADE2_NO_IMPROVEMENT_24H" && timer.kind !== "GRADE1_PROLONGED_24H") continue;
    if (timer.status !== "overdue") continue;
    const dueMs = parseInstant(timer.dueAt);
    if (dueMs > context.nowMs) continue;
    const source = clockSource(timer, CLOCK_GRADE[timer.kind], context.observations);
    tasks.push({
      id: `ESC_TIMER_OVERDUE:${source}`,
      kind: "ESC_TIMER_OVERDUE",
      role: "physician",
      raisedAtMs: dueMs,
      respondByMs: dueMs + 30 * MINUTE_MS,
      closedAtMs: null,
      reasons: [
        {
          rule: "ESC_TIMER_OVERDUE",
          text: `${timer.kind} started by the set ${source} reached its due time ${formatInstant(dueMs)} unresolved: a physician responds within 30 min (ESC_TIMER_OVERDUE)`,
        },
      ],
    });
  }
  return tasks;
}

/**
 * ESC_OVERRIDE_UNCONFIRMED: a dose with limit flags nobody had confirmed, raised at the dose and
 * closed when a physician confirms every flag it has (TOCI-CONFIRM). Flags confirmed at or before
 * the dose's own time were never unconfirmed: no task.
 */
function overrideTasks(context: TaskContext): RaisedTask[] {
  const charted = new Map(context.medicationInputs.map((dose) => [dose.id, dose]));
  const tasks: RaisedTask[] = [];
  for (const dose of context.medications) {
    if (dose.flags.length === 0) continue;
    const atMs = parseInstant(dose.at);
    if (atMs > context.nowMs) continue;
    const confirmedAt = charted.get(dose.id)?.confirmedAt;
    const confirmedMs = confirmedAt == null ? atMs : parseInstant(confirmedAt);
    const allConfirmed = dose.unconfirmedFlags.length === 0;
    if (allConfirmed && confirmedMs <= atMs) continue;
    const task: RaisedTask = {
      id: `ESC_OVERRIDE_UNCONFIRMED:${dose.id}`,
      kind: "ESC_OVERRIDE_UNCONFIRMED",
      role: "physician",
      raisedAtMs: atMs,
      respondByMs: atMs + 60 * MINUTE_MS,
      closedAtMs: allConfirmed ? confirmedMs : null,
      reasons: [
        {
          rule: "ESC_OVERRIDE_UNCONFIRMED",
          text: `Dose ${dose.id} (${dose.chartedName} ${dose.doseMg} mg) has limit flags ${(allConfirmed ? dose.flags : dose.unconfirmedFlags).join(", ")} not confirmed: a physician responds within 60 min (ESC_OVERRIDE_UNCONFIRMED, TOCI-CONFIRM)`,
        },
      ],
    };
    if (allConfirmed) {
      task.reasons.push({
        rule: "ESC-CLOSE",
        text: `Closed: a physician confirmed the flags at ${formatInstant(confirmedMs)} (ESC-CLOSE)`,
      });
    }
    tasks.push(task);
  }
  return tasks;
}

interface Answer {
  ack: AcknowledgementInput;
  atMs: number;
  /** The task the acknowledgement named, when it answers an earlier task of the same kind. */
  via: string | null;
}

function byTimeThenId(a: { atMs: number; id: string }, b: { atMs: number; id: string }): number {
  return a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * ESC-ACK: an acknowledgement counts if made at or after the task was raised, not after `now`, by
 * the task's role or a physician; it also answers every earlier unanswered task of the same kind.
 * A task that closed by itself before the acknowledgement is not answered by it.
 */
function answers(
  tasks: readonly RaisedTask[],
  context: TaskContext,
): { answered: Map<string, Answer>; refused: Map<string, string[]> } {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const answered = new Map<string, Answer>();
  const refused = new Map<string, string[]>();
  const note = (taskId: string, text: string) => refused.set(taskId, [...(refused.get(taskId) ?? []), text]);
  const acks = context.acknowledgements
    .map((ack) => ({ ack, atMs: parseInstant(ack.at), id: ack.id }))
    .filter(({ atMs }) => atMs <= context.nowMs)
    .sort(byTimeThenId);
  for (const { ack, atMs } of acks) {
    const named = byId.get(ack.taskId);
    if (!named) continue;
    const when = formatInstant(atMs);
    if (ack.role !== "physician" && ack.role !== named.role) {
      note(
        named.id,
        `Acknowledgement by ${ack.by} (${ack.role}) at ${when} not counted: a ${ack.role} cannot answer a ${named.role}'s task (ESC-ACK)`,
      );
      continue;
    }
    if (atMs < named.raisedAtMs) {
      note(named.id, `Acknowledgement by ${ack.by} at ${when} not counted: made before the task was raised (ESC-ACK)`);
      continue;
    }
    for (const task of tasks) {
      if (task.kind !== named.kind || task.raisedAtMs > named.raisedAtMs || answered.has(task.id)) continue;
      if (task.closedAtMs !== null && task.closedAtMs <= atMs) continue;
      answered.set(task.id, { ack, atMs, via: task.id === named.id ? null : named.id });
    }
  }
  return { answered, refused };
}

function statusAt(task: RaisedTask, answer: Answer | undefined, nowMs: number): TaskStatus {
  if (answer) return "acknowledged";
  if (task.closedAtMs !== null && task.closedAtMs <= nowMs) return "closed";
  return nowMs >= task.respondByMs ? "late" : "open";
}

/** The first of respondBy + k x renotifyMinutes that is >= now. */
function notifyAgainAt(respondByMs: number, nowMs: number, renotifyMinutes: number): number {
  const step = renotifyMinutes * MINUTE_MS;
  const k = nowMs <= respondByMs ? 0 : Math.ceil((nowMs - respondByMs) / step);
  return respondByMs + k * step;
}

/** Every task raised up to `now` with its status, in the order raised (ties by id). */
export function deriveTasks(context: TaskContext): Task[] {
  const groups = setsByInstant(context.observations, context.nowMs);
  const raised = [
    ...tasksFromSets(groups),
    ...timerOverdueTasks(context),
    ...obsOverdueTasks({
      groups,
      pauses: context.pauses,
      nowMs: context.nowMs,
      settings: context.settings,
      patientIntervalMinutes: context.patientIntervalMinutes,
    }),
    ...overrideTasks(context),
  ]
    .filter((task) => task.raisedAtMs <= context.nowMs)
    .sort((a, b) => byTimeThenId({ atMs: a.raisedAtMs, id: a.id }, { atMs: b.raisedAtMs, id: b.id }));
  const { answered, refused } = answers(raised, context);
  return raised.map((task) => {
    const answer = answered.get(task.id);
    const status = statusAt(task, answer, context.nowMs);
    const reasons = [...task.reasons];
    for (const text of refused.get(task.id) ?? []) reasons.push({ rule: "ESC-ACK", text });
    if (answer) {
      const by = `${answer.ack.by} (${answer.ack.role})`;
      const via = answer.via ? `, through the acknowledgement of ${answer.via}` : "";
      reasons.push({
        rule: "ESC-ACK",
        text: `Acknowledged by ${by} at ${formatInstant(answer.atMs)}${via}: ${answer.ack.outcome} (ESC-ACK)`,
      });
    } else if (status === "late") {
      reasons.push({ rule: task.kind, text: `Late: no answer since ${formatInstant(task.respondByMs)} (${task.kind})` });
    }
    const waiting = status === "open" || status === "late";
    return {
      id: task.id,
      kind: task.kind,
      role: task.role,
      raisedAt: toIsoUtc(task.raisedAtMs),
      respondBy: toIsoUtc(task.respondByMs),
      status,
      acknowledgedAt: answer ? toIsoUtc(answer.atMs) : null,
      acknowledgedBy: answer ? answer.ack.by : null,
      acknowledgementId: answer ? answer.ack.id : null,
      closedAt: task.closedAtMs === null ? null : toIsoUtc(task.closedAtMs),
      notifyAgainAt: waiting ? toIsoUtc(notifyAgainAt(task.respondByMs, context.nowMs, context.settings.renotifyMinutes)) : null,
      reasons,
    };
  });
}
