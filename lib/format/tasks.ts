// How escalation tasks are shown (CLINICAL-RULES.md section 8): what each kind asks, who must
// answer, and how late it is. Client-safe.
import type { Task, TaskKind } from "@/lib/engine";
import { formatDuration } from "@/lib/format/time";

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = {
  ESC_CRS_RISE: "CRS grade rose",
  ESC_ICANS_RISE: "ICANS grade rose",
  ESC_NEWS2: "NEWS2 band rose",
  ESC_TIMER_OVERDUE: "Escalation clock ran out",
  ESC_OBS_OVERDUE: "Observations overdue",
  ESC_OVERRIDE_UNCONFIRMED: "Dose limit not confirmed",
  ESC_REPEATED_REFUSAL: "Observations refused 3 times",
};

export const TASK_STATUS_LABELS: Readonly<Record<Task["status"], string>> = {
  open: "Open",
  late: "Late",
  acknowledged: "Answered",
  closed: "Closed",
};

/** "late 12 min" or "due in 8 min", measured from respondBy. */
export function taskDueText(task: Pick<Task, "status" | "respondBy">, now: number): string {
  const respondBy = Date.parse(task.respondBy);
  if (task.status === "late") return `late ${formatDuration(now - respondBy)}`;
  return respondBy > now ? `due in ${formatDuration(respondBy - now)}` : "due now";
}

export function roleLabel(role: Task["role"]): string {
  return role === "physician" ? "physician" : "nurse";
}
