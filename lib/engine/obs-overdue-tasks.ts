/**
 * ESC_OBS_OVERDUE over the whole stay (CLINICAL-RULES.md sections 8 and 9): every time a set was
 * due and none came `obsOverdueTaskMinutes` later, a task for the nurse, closed by the next set
 * (charted, refused or not possible) or by a pause. History matters: a task closed hours ago still
 * counts in the ward's response times and in the patient's task list.
 *
 * The due time of each set follows section 9 (OBS-STATUS, OBS-PAUSE, OBS-FREQUENCY): the shortest
 * of the CRS cadence (section 5), the NEWS2 cadence (section 7) and the patient's own interval; a
 * refused or not-possible set restarts the clock at the interval that applied before it; while
 * paused nothing is owed, and after a pause the next set is due `pauseResumeDueMinutes` after its
 * end, or at the normal due time if that is later.
 */
import type { EngineSettings } from "./settings";
import type { PauseInput } from "./schema";
import type { RaisedTask, SetsAtInstant } from "./task-rises";
import { formatInstant, MINUTE_MS, parseInstant } from "./time";
import { observationInterval, type CadenceSet } from "./observation-due";
import type { GradedObservation } from "./types";

/** NEWS2-BAND cadence in minutes (section 7); `high` is the setting news2HighCadenceMinutes. */
function news2CadenceMinutes(news2: NonNullable<GradedObservation["news2"]>, settings: EngineSettings): number {
  if (news2.band === "high") return settings.news2HighCadenceMinutes;
  if (news2.band === "medium" || news2.band === "low_medium") return 60;
  return news2.score >= 1 ? 4 * 60 : 12 * 60;
}

/** Pauses started by `now`, merged where they overlap; an end after `now` has not happened (ASOF). */
interface PausedSpan {
  fromMs: number;
  untilMs: number | null;
  startingPause: PauseInput;
  /** The pause whose end ends the span (it sets the due time afterwards). */
  endingPause: PauseInput;
}

export function pausedSpans(pauses: readonly PauseInput[], nowMs: number): PausedSpan[] {
  const started = pauses
    .map((pause) => {
      const untilMs = pause.until == null ? null : parseInstant(pause.until);
      return { pause, fromMs: parseInstant(pause.from), untilMs: untilMs !== null && untilMs <= nowMs ? untilMs : null };
    })
    .filter(({ fromMs }) => fromMs <= nowMs)
    .sort((a, b) => a.fromMs - b.fromMs || (a.pause.id < b.pause.id ? -1 : a.pause.id > b.pause.id ? 1 : 0));
  const spans: PausedSpan[] = [];
  for (const { pause, fromMs, untilMs } of started) {
    const last = spans.at(-1);
    if (last && (last.untilMs === null || fromMs <= last.untilMs)) {
      // The pause ending last ends the span; of several ending together, the smallest id, as OBS_DUE names it (TIE).
      const endsLater =
        untilMs === null || untilMs > last.untilMs! || (untilMs === last.untilMs && pause.id < last.endingPause.id);
      if (last.untilMs !== null && endsLater) {
        last.untilMs = untilMs;
        last.endingPause = pause;
      }
      continue;
    }
    spans.push({ fromMs, untilMs, startingPause: pause, endingPause: pause });
  }
  return spans;
}

type ObsEvent =
  | { kind: "pause-end"; atMs: number; span: PausedSpan }
  | { kind: "sets"; atMs: number; group: SetsAtInstant }
  | { kind: "pause-start"; atMs: number; span: PausedSpan };

/** At one instant a pause ends before a set is taken, and a set is taken before a new pause starts. */
const EVENT_ORDER: Record<ObsEvent["kind"], number> = { "pause-end": 0, sets: 1, "pause-start": 2 };

interface DueState {
  dueMs: number | null;
  /** The set or pause whose time set dueMs. */
  sourceId: string;
  why: string;
  intervalMinutes: number | null;
  paused: boolean;
  /** A task was already raised for this due time. */
  raised: boolean;
  open: RaisedTask | null;
}

export interface ObsOverdueContext {
  groups: readonly SetsAtInstant[];
  pauses: readonly PauseInput[];
  nowMs: number;
  settings: EngineSettings;
  patientIntervalMinutes: number | null;
}

function raiseIfOwed(state: DueState, beforeMs: number, inclusive: boolean, settings: EngineSettings, out: RaisedTask[]): void {
  if (state.paused || state.raised || state.dueMs === null) return;
  const raiseMs = state.dueMs + settings.obsOverdueTaskMinutes * MINUTE_MS;
  if (inclusive ? raiseMs > beforeMs : raiseMs >= beforeMs) return;
  state.raised = true;
  state.open = {
    id: `ESC_OBS_OVERDUE:${state.sourceId}`,
    kind: "ESC_OBS_OVERDUE",
    role: "nurse",
    raisedAtMs: raiseMs,
    respondByMs: raiseMs + 30 * MINUTE_MS,
    closedAtMs: null,
    reasons: [
      {
        rule: "ESC_OBS_OVERDUE",
        text: `Observations due ${formatInstant(state.dueMs)} (${state.why}) and none ${settings.obsOverdueTaskMinutes} min later: a nurse responds within 30 min (ESC_OBS_OVERDUE, OBS_DUE)`,
      },
    ],
  };
  out.push(state.open);
}

function close(state: DueState, atMs: number, what: string): void {
  if (!state.open) return;
  state.open.closedAtMs = atMs;
  state.open.reasons.push({ rule: "ESC-CLOSE", text: `Closed by ${what} at ${formatInstant(atMs)} (ESC-CLOSE)` });
  state.open = null;
}

function takeSets(state: DueState, group: SetsAtInstant, context: ObsOverdueContext): void {
  const { settings, patientIntervalMinutes } = context;
  const charted = group.sets.filter((set) => set.status === "charted");
  const first = group.sets[0];
  if (!first) return;
  close(state, group.atMs, charted.length > 0 ? `the set ${first.id}` : `the ${first.status.replace("_", " ")} set ${first.id}`);
  if (charted.some((set) => set.grade === 5)) {
    state.dueMs = null; // no observation cadence after death attributed to CRS
    return;
  }
  let chosen = first;
  let minutes: number;
  if (charted.length > 0) {
    // TIE: the shortest interval at this instant, chosen as OBS_DUE chooses it (the same set names both).
    const cadence: CadenceSet[] = charted.map((set) => ({
      id: set.id,
      grade: set.grade,
      febrile: set.febrile,
      news2: set.news2 && { ...set.news2, cadenceMinutes: news2CadenceMinutes(set.news2, settings) },
    }));
    const interval = observationInterval(cadence, patientIntervalMinutes, settings);
    minutes = interval.minutes;
    chosen = charted.find((set) => set.id === interval.sourceId) ?? first;
    state.why = `set ${chosen.id}: next within ${minutes} min`;
  } else {
    const fallback = Math.min(settings.obsIntervalGrade0Hours * 60, patientIntervalMinutes ?? Number.POSITIVE_INFINITY);
    minutes = state.intervalMinutes ?? fallback;
    state.why = `${first.status.replace("_", " ")} set ${first.id}: the clock restarts at ${minutes} min (OBS-STATUS)`;
  }
  state.intervalMinutes = minutes;
  state.dueMs = group.atMs + minutes * MINUTE_MS;
  state.sourceId = chosen.id;
  state.raised = false;
}

function endPause(state: DueState, span: PausedSpan, settings: EngineSettings): void {
  state.paused = false;
  if (state.dueMs === null || span.untilMs === null) return;
  const resumeDueMs = span.untilMs + settings.pauseResumeDueMinutes * MINUTE_MS;
  if (resumeDueMs > state.dueMs) {
    state.dueMs = resumeDueMs;
    state.sourceId = span.endingPause.id;
    state.why = `pause ${span.endingPause.id} (${span.endingPause.reason}) ended ${formatInstant(span.untilMs)}: next within ${settings.pauseResumeDueMinutes} min (OBS-PAUSE)`;
  }
  state.raised = false;
}

/** Every ESC_OBS_OVERDUE task raised up to `now`, with when each closed. */
export function obsOverdueTasks(context: ObsOverdueContext): RaisedTask[] {
  const { nowMs, settings } = context;
  const events: ObsEvent[] = context.groups.map((group) => ({ kind: "sets", atMs: group.atMs, group }));
  for (const span of pausedSpans(context.pauses, nowMs)) {
    events.push({ kind: "pause-start", atMs: span.fromMs, span });
    if (span.untilMs !== null) events.push({ kind: "pause-end", atMs: span.untilMs, span });
  }
  events.sort((a, b) => a.atMs - b.atMs || EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind]);

  const tasks: RaisedTask[] = [];
  const state: DueState = { dueMs: null, sourceId: "", why: "", intervalMinutes: null, paused: false, raised: false, open: null };
  for (const event of events) {
    // A task is raised only if nothing happened before its instant (a set at that instant is in time).
    raiseIfOwed(state, event.atMs, false, settings, tasks);
    if (event.kind === "sets") takeSets(state, event.group, context);
    else if (event.kind === "pause-start") {
      close(state, event.atMs, `the pause ${event.span.startingPause.id} (${event.span.startingPause.reason})`);
      state.paused = true;
    } else endPause(state, event.span, settings);
  }
  raiseIfOwed(state, nowMs, true, settings, tasks);
  return tasks;
}
