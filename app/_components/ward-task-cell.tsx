import Link from "next/link";
import { Fragment } from "react";
import type { Task } from "@/lib/engine";
import { TASK_KIND_LABELS, roleLabel, taskDueText } from "@/lib/format/tasks";
import { displayText } from "@/lib/format/display-text";
import { formatWardTimeOrDate } from "@/lib/format/time";
import type { CurrentPause } from "@/lib/ward/ward-tasks";

/** At most this many tasks per board row; the rest are counted and one click away (the patient page lists all). */
export const TASKS_SHOWN = 3;

/** What the cell shows of a task. */
export type TaskOnBoard = Pick<Task, "id" | "kind" | "status" | "respondBy" | "role">;

/**
 * The board's tasks cell: a patient's late and open tasks (late first, with how late), each a link to answer it.
 * `tasks`: the first TASKS_SHOWN (late first); `counts`: how many are late and open in all.
 * `replayHref` (a replay): what was owed then, to read, not to answer; "more" opens the chart replayed then.
 */
export function WardTaskCell({
  patientId,
  tasks,
  counts,
  now,
  replayHref,
}: {
  patientId: string;
  tasks: readonly TaskOnBoard[];
  counts: { late: number; open: number };
  now: number;
  replayHref?: string;
}) {
  const total = counts.late + counts.open;
  if (total === 0) return <span className="muted">None</span>;
  const more = total - TASKS_SHOWN;
  const late = counts.late;
  return (
    <ul className="timer-list task-list">
      {more > 0 && (
        <li>
          <strong className={late > 0 ? "overdue" : undefined}>{`${late} late, ${counts.open} open`}</strong>
        </li>
      )}
      {tasks.slice(0, TASKS_SHOWN).map((task) => (
        <li key={task.id} data-task-kind={task.kind} data-task-status={task.status}>
          {replayHref ? (
            <TaskName task={task} />
          ) : (
            <Link href={`/patients/${patientId}#task-${encodeURIComponent(task.id)}`}>
              <TaskName task={task} />
            </Link>
          )}{" "}
          <span className={task.status === "late" ? "overdue" : "muted"}>{taskDueText(task, now)}</span>{" "}
          <span className="muted small">
            ({roleLabel(task.role)}, <TaskCode kind={task.kind} />)
          </span>
        </li>
      ))}
      {more > 0 && (
        <li>
          <Link href={replayHref ?? `/patients/${patientId}#tasks`}>
            {more} more {more === 1 ? "task" : "tasks"} waiting
          </Link>
        </li>
      )}
    </ul>
  );
}

/** ESC_OBS_OVERDUE with a line-break opportunity after each underscore: a narrow cell breaks the code between its words. */
function TaskCode({ kind }: { kind: string }) {
  return (
    <code>
      {kind.split("_").map((part, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <>
              _<wbr />
            </>
          )}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

function TaskName({ task }: { task: Pick<Task, "kind" | "status"> }) {
  return (
    <>
      <span className={task.status === "late" ? "tag flag" : "tag pending"}>{task.status === "late" ? "LATE" : "OPEN"}</span>{" "}
      {TASK_KIND_LABELS[task.kind]}
    </>
  );
}

/**
 * "Paused until 14:00 (MRI)" in place of the observations due while a patient's observations are
 * paused (OBS-PAUSE); "until 3 Dec 01:30" when it ends on another day on the ward's clock.
 */
export function ObservationsPaused({
  pause,
  timeZone,
  now,
}: {
  pause: Pick<CurrentPause, "until" | "reason">;
  timeZone: string;
  now: number;
}) {
  return (
    <span className="paused" data-testid="observations-paused">
      Paused {pause.until ? `until ${formatWardTimeOrDate(pause.until, timeZone, now)}` : "(open-ended)"} (
      {displayText(pause.reason)})
    </span>
  );
}
