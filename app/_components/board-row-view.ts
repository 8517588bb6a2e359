import type { News2Summary, Task, TimerKind } from "@/lib/engine";
import { clinicalRank } from "@/lib/ward/acuity";
import { acuityFactsOf, taskCounts, type WardBoardRow } from "@/lib/ward/ward-board";
import type { NoFeverOnBoard } from "@/lib/ward/no-fever";
import { isEscalationTimer } from "@/lib/format/timers";
import { tocilizumabLine } from "./tocilizumab-summary";
import { TASKS_SHOWN } from "./ward-task-cell";

/**
 * What one board row shows, and nothing else: the board's rows are rendered by a client component
 * (app/_components/ward-board-rows.tsx, for its live countdowns), so this is what travels in the page's
 * server-component payload beside the HTML. A whole WardBoardRow (every recommendation, alert, timer
 * and task) would be serialized for 200 patients on every load and every 30 s refresh.
 */
export interface BoardRowView {
  patient: { id: string; name: string; bed: string; mrn: string };
  timeZone: string;
  dayPlusN: number;
  /** Late tasks, an overdue escalation clock or a clinical rank of 3 and above: the row is highlighted. */
  high: boolean;
  currentGrade: WardBoardRow["currentGrade"];
  maxGrade: WardBoardRow["maxGrade"];
  currentIcansGrade: WardBoardRow["currentIcansGrade"];
  currentNews2: News2Summary | null;
  noFever: NoFeverOnBoard | null;
  episodeStartedAt: string | null;
  /** The open escalation clocks (not the routine observation cadence). */
  timers: { kind: TimerKind; dueAt: string; startedAt: string }[];
  /** "2 of 4 · 1 in last 24 h · next from 2 Mar 14:20" (TOCI-DOSE, TOCI-MAX-24H, TOCI-MAX-TOTAL). */
  tocilizumab: string;
  unconfirmedLimits: WardBoardRow["unconfirmedLimits"];
  observationsDue: { kind: WardBoardRow["observationsDue"][number]["kind"]; dueAt: string }[];
  pause: { until: string | null; reason: string } | null;
  /** The first few owed tasks (late first), and how many are late and open in all. */
  tasks: Pick<Task, "id" | "kind" | "status" | "respondBy" | "role">[];
  taskCounts: { late: number; open: number };
}

export function boardRowView(row: WardBoardRow, now: number): BoardRowView {
  const escalation = row.timers.filter(isEscalationTimer);
  const owed = escalation.some((t) => t.status === "overdue" && t.kind !== "TOCI_REDOSE");
  const counts = taskCounts(row);
  return {
    patient: { id: row.patient.id, name: row.patient.name, bed: row.patient.bed, mrn: row.patient.mrn },
    timeZone: row.timeZone,
    dayPlusN: row.dayPlusN,
    high: owed || counts.late > 0 || clinicalRank(acuityFactsOf(row)) >= 3,
    currentGrade: row.currentGrade,
    maxGrade: row.maxGrade,
    currentIcansGrade: row.currentIcansGrade,
    currentNews2: row.currentNews2 && {
      score: row.currentNews2.score,
      complete: row.currentNews2.complete,
      band: row.currentNews2.band,
    },
    noFever: row.noFever && { text: row.noFever.text, at: row.noFever.at, current: row.noFever.current },
    episodeStartedAt: row.episodeStartedAt,
    timers: escalation.map((t) => ({ kind: t.kind, dueAt: t.dueAt, startedAt: t.startedAt })),
    tocilizumab: tocilizumabLine(row.tocilizumab, row.timeZone, now),
    unconfirmedLimits: { flags: row.unconfirmedLimits.flags, doses: row.unconfirmedLimits.doses },
    observationsDue: row.observationsDue.map((due) => ({ kind: due.kind, dueAt: due.dueAt })),
    pause: row.pause && { until: row.pause.until, reason: row.pause.reason },
    tasks: row.tasks
      .slice(0, TASKS_SHOWN)
      .map((task) => ({ id: task.id, kind: task.kind, status: task.status, respondBy: task.respondBy, role: task.role })),
    taskCounts: counts,
  };
}
