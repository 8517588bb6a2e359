// The late tasks a signed-in clinician is told about (section 8, "told, not just shown"): tasks
// for the user's OWN role only. A physician may answer a nurse's task, but a banner and a sound on
// every physician's screen for each late observation set would teach them to mute it; the nurses'
// lateness stays visible on the board and in "My tasks".
import type { Role } from "@/lib/auth/permissions";
import { TASK_KIND_LABELS } from "@/lib/format/tasks";
import { loadWardBoard } from "@/lib/ward/ward-board";
import { compareTasksByUrgency } from "@/lib/ward/ward-tasks";
import { displayText } from "@/lib/format/display-text";

export interface LateTask {
  id: string;
  kind: string;
  label: string;
  patientId: string;
  patientName: string;
  bed: string;
  respondBy: string;
  /** When to tell again (the engine's notifyAgainAt), or null. */
  notifyAgainAt: string | null;
}

export async function lateTasksFor(role: Role, now: Date): Promise<LateTask[]> {
  const rows = await loadWardBoard(now);
  return rows
    .flatMap((row) => row.tasks.map((task) => ({ task, row })))
    .filter(({ task }) => task.status === "late" && task.role === role)
    .sort((a, b) => compareTasksByUrgency(a.task, b.task))
    .map(({ task, row }) => ({
      id: task.id,
      kind: task.kind,
      label: TASK_KIND_LABELS[task.kind],
      patientId: row.patient.id,
      // Shown in the banner and the desktop notification: bidi controls dropped as everywhere names are shown.
      patientName: displayText(row.patient.name),
      bed: displayText(row.patient.bed),
      respondBy: task.respondBy,
      notifyAgainAt: task.notifyAgainAt ?? null,
    }));
}
