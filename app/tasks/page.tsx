import Link from "next/link";
import { requirePageAccess } from "@/lib/auth/guard";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { LiveRefresh } from "@/app/_components/live-refresh";
import { latestChangeId } from "@/lib/live/change-feed";
import { displayText } from "@/lib/format/display-text";
import { TASK_KIND_LABELS, taskDueText } from "@/lib/format/tasks";
import { formatWardDateTime } from "@/lib/format/time";
import { loadWardBoard } from "@/lib/ward/ward-board";
import { compareTasksByUrgency } from "@/lib/ward/ward-tasks";

export const dynamic = "force-dynamic";

/**
 * "My tasks": every task across the ward waiting for the signed-in role, most urgent first (late
 * ones, longest overdue first; then open ones, soonest due first). A physician also sees the
 * nurses' tasks below their own: a physician may answer any task (ESC-ACK).
 */
export default async function MyTasksPage() {
  const user = await requirePageAccess("clinical:view");
  const now = new Date();
  const liveAfter = await latestChangeId();
  const rows = await loadWardBoard(now);
  const all = rows
    .flatMap((row) => row.tasks.map((task) => ({ task, row })))
    .sort((a, b) => compareTasksByUrgency(a.task, b.task));
  const mine = all.filter(({ task }) => task.role === user.role);
  const others = user.role === "physician" ? all.filter(({ task }) => task.role !== "physician") : [];
  const table = (entries: typeof all, caption: string) => (
    <table className="board my-tasks">
      <caption className="muted" style={{ textAlign: "left" }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Task</th>
          <th scope="col">Patient</th>
          <th scope="col">Raised</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(({ task, row }) => (
          <tr
            key={task.id}
            data-task-id={task.id}
            data-task-status={task.status}
            className={task.status === "late" ? "acuity-high" : undefined}
          >
            <td data-label="Due">
              <span className={task.status === "late" ? "overdue" : undefined}>{taskDueText(task, now.getTime())}</span>
            </td>
            <td data-label="Task">
              <Link href={`/patients/${row.patient.id}#task-${encodeURIComponent(task.id)}`}>{TASK_KIND_LABELS[task.kind]}</Link>{" "}
              <code className="small">{task.kind}</code>
            </td>
            <td data-label="Patient">
              {displayText(row.patient.name)} · Bed {displayText(row.patient.bed)}
            </td>
            <td data-label="Raised">{formatWardDateTime(task.raisedAt, row.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <AutoRefresh />
      <LiveRefresh after={liveAfter} />
      <div className="page-head">
        <h1>My tasks</h1>
      </div>
      {mine.length === 0 ? (
        <p>No tasks waiting for a {user.role}.</p>
      ) : (
        table(mine, `${mine.length} waiting for a ${user.role}, most urgent first`)
      )}
      {others.length > 0 && table(others, `${others.length} waiting for the nurses (a physician may answer them too)`)}
    </>
  );
}
