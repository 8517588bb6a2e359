/**
 * Tasks raised by the charted sets themselves (CLINICAL-RULES.md section 8): a CRS grade, an ICANS
 * grade or a NEWS2 band that rises, and the third refused or not-possible set in a row.
 * TIE: sets at one instant count as one, the most severe; the task names that set.
 */
import { news2BandRank } from "./news2";
import { MINUTE_MS, parseInstant } from "./time";
import type { GradedObservation, Reason, TaskKind } from "./types";
import type { TaskRole } from "./schema";

/** A task as raised, before acknowledgements and `now` decide its status. */
export interface RaisedTask {
  id: string;
  kind: TaskKind;
  role: TaskRole;
  raisedAtMs: number;
  respondByMs: number;
  /** ESC-CLOSE: when it closed by itself (at or before now), or null. */
  closedAtMs: number | null;
  reasons: Reason[];
}

/** The sets at one instant, in the engine's order (by time, ties by id). */
export interface SetsAtInstant {
  atMs: number;
  sets: GradedObservation[];
}

/** Sets charted at or before `now` (ASOF), grouped by instant (TIE). */
export function setsByInstant(observations: readonly GradedObservation[], nowMs: number): SetsAtInstant[] {
  const groups: SetsAtInstant[] = [];
  for (const observation of observations) {
    const atMs = parseInstant(observation.at);
    if (atMs > nowMs) continue;
    const last = groups.at(-1);
    if (last && last.atMs === atMs) last.sets.push(observation);
    else groups.push({ atMs, sets: [observation] });
  }
  return groups.sort((a, b) => a.atMs - b.atMs);
}

/** The most severe set by `severity` (null: not scored); equal severity keeps the engine's order. */
function mostSevere(
  sets: readonly GradedObservation[],
  severity: (set: GradedObservation) => number | null,
): { set: GradedObservation; value: number } | null {
  let best: { set: GradedObservation; value: number } | null = null;
  for (const set of sets) {
    const value = severity(set);
    if (value === null) continue;
    if (!best || value > best.value) best = { set, value };
  }
  return best;
}

interface RiseRule {
  kind: TaskKind;
  /** The set's value, or null when the set does not count (not charted, not assessed). */
  severity: (set: GradedObservation) => number | null;
  /** The value before the first set. */
  baseline: number;
  /** Minutes to respond at this value, or null when the value raises no task. */
  respondMinutes: (value: number) => number | null;
  describe: (value: number, previous: number) => string;
}

const NEWS2_BAND_TEXT = ["low", "low-medium", "medium", "high"] as const;

const RISE_RULES: readonly RiseRule[] = [
  {
    kind: "ESC_CRS_RISE",
    severity: (set) => (set.status === "charted" ? set.grade : null),
    baseline: 0,
    respondMinutes: (grade) => (grade >= 3 ? 15 : grade === 2 ? 30 : null),
    describe: (grade, previous) => `CRS grade ${grade}, up from ${previous}`,
  },
  {
    kind: "ESC_ICANS_RISE",
    severity: (set) => (set.status === "charted" ? set.icansGrade : null),
    baseline: 0,
    respondMinutes: (grade) => (grade >= 3 ? 15 : grade === 2 ? 30 : null),
    describe: (grade, previous) => `ICANS grade ${grade}, up from ${previous}`,
  },
  {
    kind: "ESC_NEWS2",
    severity: (set) => (set.status === "charted" && set.news2 ? news2BandRank(set.news2.band) : null),
    baseline: 0,
    // low_medium 60 min, medium 30, high 15
    respondMinutes: (rank) => [null, 60, 30, 15][rank] ?? null,
    describe: (rank, previous) => `NEWS2 band ${NEWS2_BAND_TEXT[rank]}, up from ${NEWS2_BAND_TEXT[previous]}`,
  },
];

function riseTasks(rule: RiseRule, groups: readonly SetsAtInstant[]): RaisedTask[] {
  const tasks: RaisedTask[] = [];
  let previous = rule.baseline;
  for (const group of groups) {
    const worst = mostSevere(group.sets, rule.severity);
    if (!worst) continue;
    const minutes = rule.respondMinutes(worst.value);
    if (minutes !== null && worst.value > previous) {
      tasks.push({
        id: `${rule.kind}:${worst.set.id}`,
        kind: rule.kind,
        role: "physician",
        raisedAtMs: group.atMs,
        respondByMs: group.atMs + minutes * MINUTE_MS,
        closedAtMs: null,
        reasons: [
          {
            rule: rule.kind,
            text: `${rule.describe(worst.value, previous)} at the set ${worst.set.id}: a physician responds within ${minutes} min (${rule.kind})`,
          },
        ],
      });
    }
    previous = worst.value;
  }
  return tasks;
}

/** Every third refused or not-possible set in a row (an instant counts as refused only if no set there was charted). */
const REFUSALS_IN_A_ROW = 3;

function repeatedRefusalTasks(groups: readonly SetsAtInstant[]): RaisedTask[] {
  const tasks: RaisedTask[] = [];
  let inARow = 0;
  for (const group of groups) {
    if (group.sets.some((set) => set.status === "charted")) {
      inARow = 0;
      continue;
    }
    inARow++;
    if (inARow % REFUSALS_IN_A_ROW !== 0) continue;
    const set = group.sets[0];
    if (!set) continue;
    tasks.push({
      id: `ESC_REPEATED_REFUSAL:${set.id}`,
      kind: "ESC_REPEATED_REFUSAL",
      role: "physician",
      raisedAtMs: group.atMs,
      respondByMs: group.atMs + 60 * MINUTE_MS,
      closedAtMs: null,
      reasons: [
        {
          rule: "ESC_REPEATED_REFUSAL",
          text: `${inARow} sets in a row refused or not possible (the latest ${set.id}): a physician responds within 60 min (ESC_REPEATED_REFUSAL, OBS-STATUS)`,
        },
      ],
    });
  }
  return tasks;
}

/** ESC_CRS_RISE, ESC_ICANS_RISE, ESC_NEWS2 and ESC_REPEATED_REFUSAL from the sets up to `now`. */
export function tasksFromSets(groups: readonly SetsAtInstant[]): RaisedTask[] {
  return [...RISE_RULES.flatMap((rule) => riseTasks(rule, groups)), ...repeatedRefusalTasks(groups)];
}
