"use client";
/**
 * Answering a task, keyboard only: Enter opens the dialog, a digit (1-7) chooses what was done,
 * Enter confirms (Escape closes). The note is one line, so Enter always confirms; "not indicated"
 * and "other" need it. A correction of an earlier answer also needs a reason. Append-only: the
 * answer is never edited afterwards.
 */
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { newSubmissionKey } from "@/app/_components/submission-key";
import {
  ACK_OUTCOME_LABELS,
  ACK_OUTCOMES,
  acknowledgementInputSchema,
  OUTCOMES_NEEDING_NOTE,
  type AckOutcome,
} from "@/lib/tasks/acknowledgement-input";
import { acknowledgeTaskAction } from "../task-actions";

export function AcknowledgeDialog({
  patientId,
  taskId,
  title,
  correctsId,
}: {
  patientId: string;
  taskId: string;
  /** What the task asks, shown as the dialog's title. */
  title: string;
  /** Set when correcting an earlier answer. */
  correctsId?: string;
}) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const note = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<AckOutcome | "">("");
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(newSubmissionKey);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();

  const open = () => {
    setError("");
    dialog.current?.showModal();
  };
  const choose = (value: AckOutcome) => {
    setOutcome(value);
    setError("");
    note.current?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const typing = target instanceof HTMLInputElement && target.type === "text" && target.value !== "";
    const index = Number(event.key) - 1;
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && index >= 0 && index < ACK_OUTCOMES.length) {
      event.preventDefault();
      const value = ACK_OUTCOMES[index];
      if (value) choose(value);
    }
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input: Record<string, string> = { idempotencyKey: key, taskId, outcome, note: text };
    if (correctsId) Object.assign(input, { correctsId, reason });
    const checked = acknowledgementInputSchema.safeParse(input);
    if (!checked.success) {
      setError(checked.error.issues.map((issue) => `${issue.path.join(".") || "answer"}: ${issue.message}`).join("; "));
      return;
    }
    startTransition(async () => {
      try {
        const result = await acknowledgeTaskAction(patientId, input);
        if (result.ok) {
          dialog.current?.close();
          setOutcome("");
          setText("");
          setReason("");
          setKey(newSubmissionKey());
          router.refresh();
        } else setError(result.message);
      } catch {
        setError("Could not reach the server: try again");
      }
    });
  };

  return (
    <>
      <button type="button" onClick={open} className={correctsId ? "secondary" : undefined}>
        {correctsId ? "Correct the answer" : "Answer"}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} className="ack-dialog">
        <form onSubmit={submit} noValidate>
          <h3 id={`${id}-title`}>{correctsId ? `Correct the answer: ${title}` : `Answer: ${title}`}</h3>
          <fieldset>
            <legend>What was done (press 1-{ACK_OUTCOMES.length})</legend>
            {ACK_OUTCOMES.map((value, index) => (
              <label key={value} className="ack-outcome">
                <input
                  type="radio"
                  name={`${id}-outcome`}
                  value={value}
                  checked={outcome === value}
                  onChange={() => choose(value)}
                  autoFocus={index === 0}
                />{" "}
                <kbd>{index + 1}</kbd> {ACK_OUTCOME_LABELS[value]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>
              Note {outcome && OUTCOMES_NEEDING_NOTE.has(outcome) ? "(required)" : "(optional)"}
            </label>
            <input
              id={`${id}-note`}
              ref={note}
              type="text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={500}
            />
          </div>
          {correctsId && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>Why the earlier answer is corrected (required)</label>
              <input id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
            </div>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Confirm (Enter)"}
            </button>{" "}
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel (Esc)
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
