"use client";
/**
 * The receiving clinician signs the handoff off: who and when are the signed-in user and the
 * server's clock; the sheet signed is named by the instant it showed. Not printed.
 */
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signOffHandoffAction } from "@/app/handoff/actions";
import { newSubmissionKey } from "./submission-key";

export function HandoffSignOffForm({
  patientId,
  patientName,
  sheetAt,
}: {
  patientId: string;
  patientName: string;
  sheetAt: string;
}) {
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [key, setKey] = useState(newSubmissionKey);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError("");
    startTransition(async () => {
      try {
        const result = await signOffHandoffAction(patientId, { sheetAt, note, idempotencyKey: key });
        if (result.ok) {
          // Signed: a colleague who also receives the handoff signs with a fresh form.
          setNote("");
          setKey(newSubmissionKey());
          router.refresh();
        } else setError([result.message, ...result.fieldErrors.map((e) => `${e.path}: ${e.message}`)].join(" · "));
      } catch {
        setError("Could not reach the server: try again");
      }
    });
  };
  return (
    <form className="no-print sign-off-form" onSubmit={submit} noValidate aria-label={`Sign off the handoff of ${patientName}`}>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note on receiving (optional)</label>
        <input
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <span id={`${id}-error`} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Signing off…" : "Sign off this handoff"}
      </button>
    </form>
  );
}
