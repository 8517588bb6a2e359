import type { Task } from "@/lib/engine";
import { displayText } from "@/lib/format/display-text";
import { TASK_KIND_LABELS, TASK_STATUS_LABELS, roleLabel, taskDueText } from "@/lib/format/tasks";
import { formatWardDateTime } from "@/lib/format/time";
import { ACK_OUTCOME_LABELS, ACK_OUTCOMES, type AckOutcome } from "@/lib/tasks/acknowledgement-input";
import type { AcknowledgementRow } from "@/lib/timeline/task-facts";
import { compareTasksByUrgency } from "@/lib/ward/ward-tasks";
import { AcknowledgeDialog } from "./acknowledge-dialog";

const outcomeText = (outcome: string) =>
  (ACK_OUTCOMES as readonly string[]).includes(outcome) ? ACK_OUTCOME_LABELS[outcome as AckOutcome] : outcome;

/** Whether this signed-in role may answer the task (ESC-ACK): a physician any, a nurse only a nurse's. */
function mayAnswer(role: string, task: Task): boolean {
  return role === "physician" || (role === "nurse" && task.role === "nurse");
}

/**
 * Every task of the patient with its history (section 8): waiting ones first (late, then open),
 * then answered and closed ones, newest first; each with every answer given to it, corrections included.
 */
export function TasksPanel({
  patientId,
  tasks,
  acknowledgements,
  role,
  timeZone,
  now,
}: {
  patientId: string;
  tasks: readonly Task[];
  acknowledgements: readonly AcknowledgementRow[];
  role: string;
  timeZone: string;
  now: number;
}) {
  const waiting = tasks.filter((task) => task.status === "late" || task.status === "open").sort(compareTasksByUrgency);
  const done = tasks.filter((task) => task.status === "acknowledged" || task.status === "closed").reverse();
  const when = (iso: string) => formatWardDateTime(iso, timeZone);
  return (
    <section aria-labelledby="tasks-title" id="tasks">
      <h2 id="tasks-title">Escalation tasks</h2>
      {tasks.length === 0 ? (
        <p className="muted">No tasks raised.</p>
      ) : (
        <ul className="task-history">
          {[...waiting, ...done].map((task) => {
            const answers = acknowledgements.filter((ack) => ack.taskId === task.id);
            const waitingForAnswer = task.status === "late" || task.status === "open";
            return (
              <li
                key={task.id}
                id={`task-${encodeURIComponent(task.id)}`}
                className={`card task task-${task.status}`}
                data-task-id={task.id}
                data-task-status={task.status}
              >
                <div>
                  <strong>{TASK_KIND_LABELS[task.kind]}</strong> <code>{task.kind}</code> ·{" "}
                  <span className={task.status === "late" ? "overdue" : undefined}>{TASK_STATUS_LABELS[task.status]}</span>
                  {waitingForAnswer && <span className="muted"> · {taskDueText(task, now)}</span>} · for the{" "}
                  {roleLabel(task.role)}
                </div>
                <div className="muted small">
                  Raised {when(task.raisedAt)} · respond by {when(task.respondBy)}
                  {task.closedAt && task.status === "closed" ? ` · closed ${when(task.closedAt)}` : ""}
                </div>
                <ul className="reasons small">
                  {task.reasons.map((reason, index) => (
                    <li key={index}>{reason.text}</li>
                  ))}
                </ul>
                {task.status === "acknowledged" && answers.length === 0 && task.acknowledgedAt && (
                  <p className="small">
                    Answered by {displayText(task.acknowledgedBy ?? "")} at {when(task.acknowledgedAt)} (an answer to a later task
                    of the same kind)
                  </p>
                )}
                {answers.length > 0 && (
                  <ol className="answers small">
                    {answers.map((ack) => (
                      <li key={ack.id} data-acknowledgement-id={ack.id}>
                        {ack.correctsId ? "Corrected: " : ""}
                        <strong>{outcomeText(ack.outcome)}</strong>
                        {ack.note ? ` — ${displayText(ack.note)}` : ""} · {displayText(ack.byName)} ({ack.role}) at{" "}
                        {when(ack.at.toISOString())}
                        {ack.changeReason ? ` · reason: ${displayText(ack.changeReason)}` : ""}
                      </li>
                    ))}
                  </ol>
                )}
                {waitingForAnswer &&
                  (mayAnswer(role, task) ? (
                    <AcknowledgeDialog patientId={patientId} taskId={task.id} title={TASK_KIND_LABELS[task.kind]} />
                  ) : (
                    <p className="muted small">A physician answers this task.</p>
                  ))}
                {task.status === "acknowledged" && answers.length > 0 && mayAnswer(role, task) && (
                  <AcknowledgeDialog
                    patientId={patientId}
                    taskId={task.id}
                    title={TASK_KIND_LABELS[task.kind]}
                    correctsId={answers.at(-1)?.id}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
