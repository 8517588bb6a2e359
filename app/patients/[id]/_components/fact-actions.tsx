"use client";
/**
 * Corrections from the timeline tables. "Entered in error" is a new version with a reason, never a
 * delete; confirming a nurse's dose override is a physician's act. Both refresh the page after.
 */
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { confirmOverrideAction, markInErrorAction } from "../actions";
import { newSubmissionKey } from "@/app/_components/submission-key";

function ReasonForm({
  summary,
  label,
  button,
  danger,
  optional = false,
  onSubmit,
}: {
  summary: string;
  /** Names the fact, so each of a table's reason fields has its own label. */
  label: string;
  button: string;
  danger?: boolean;
  optional?: boolean;
  onSubmit: (reason: string, key: string) => Promise<{ ok: boolean; message?: string }>;
}) {
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState("");
  const [key] = useState(newSubmissionKey);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!optional && reason.trim() === "") {
      setError("Reason is required: say why");
      return;
    }
    startTransition(async () => {
      try {
        const result = await onSubmit(reason, key);
        if (result.ok) router.refresh();
        else setError(result.message ?? "Not saved");
      } catch {
        setError("Could not reach the server: try again");
      }
    });
  };
  return (
    <details className="fact-action">
      <summary>{summary}</summary>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{label}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error && (
            <span id={`${id}-error`} className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className={danger ? "danger" : undefined} disabled={pending}>
          {pending ? "Saving…" : button}
        </button>
      </form>
    </details>
  );
}

export function EnteredInErrorButton({
  kind,
  versionId,
  what,
}: {
  kind: "observation" | "dose";
  versionId: string;
  what: string;
}) {
  return (
    <ReasonForm
      summary="Entered in error"
      label={`Why ${what} was entered in error`}
      button={`Mark ${what} as entered in error`}
      danger
      onSubmit={(reason, key) => markInErrorAction(kind, versionId, reason, key)}
    />
  );
}

/** TOCI-CONFIRM: a physician confirms every limit flag the dose has now, with a reason (its own record). */
export function ConfirmOverrideButton({ versionId, what, flags }: { versionId: string; what: string; flags: string[] }) {
  return (
    <ReasonForm
      summary="Confirm limits"
      label={`Why ${what} is accepted despite ${flags.join(", ")}`}
      button={`Confirm ${flags.join(", ")} for ${what}`}
      onSubmit={(reason, key) => confirmOverrideAction(versionId, flags, reason, key)}
    />
  );
}
