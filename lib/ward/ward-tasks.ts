// What the ward owes: the tasks still waiting for an answer (late first, the most overdue first,
// then open ones by how soon they are due) and whether a patient's observations are paused now.
import type { Task } from "@/lib/engine";
import type { PauseVersion } from "@/lib/timeline/task-facts";

/** Late before open; among late ones the longest overdue first; among open ones the soonest due first. */
export function compareTasksByUrgency(a: Task, b: Task): number {
  const rank = (task: Task) => (task.status === "late" ? 0 : 1);
  return rank(a) - rank(b) || Date.parse(a.respondBy) - Date.parse(b.respondBy) || (a.id < b.id ? -1 : 1);
}

/** Tasks still waiting for an answer, most urgent first. */
export function tasksOwed(tasks: readonly Task[]): Task[] {
  return tasks.filter((task) => task.status === "late" || task.status === "open").sort(compareTasksByUrgency);
}

export interface CurrentPause {
  /** The pause's lineage: what resuming it names. */
  lineageId: string;
  /** The current version (what a resume supersedes). */
  versionId: string;
  from: string;
  until: string | null;
  reason: string;
}

/** The pause running at `now` (started, not yet ended); the latest started when several overlap. */
export function currentPause(pauses: readonly PauseVersion[], now: Date): CurrentPause | null {
  const nowMs = now.getTime();
  let running: PauseVersion | null = null;
  for (const pause of pauses) {
    if (pause.fromAt.getTime() > nowMs) continue;
    if (pause.untilAt && pause.untilAt.getTime() <= nowMs) continue;
    if (!running || pause.fromAt > running.fromAt) running = pause;
  }
  if (!running) return null;
  return {
    lineageId: running.lineageId,
    versionId: running.id,
    from: running.fromAt.toISOString(),
    until: running.untilAt ? running.untilAt.toISOString() : null,
    reason: running.reason,
  };
}
