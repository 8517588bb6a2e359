"use client";
/** Marking a charted weight entered in error (it belongs to another patient, or was never measured): a new version with the reason. */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { describe, ErrorSummary, Field, fieldId } from "@/app/_components/field";
import { errorsByPath, SERVER_UNREACHABLE, useFormProblems } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { markWeightInErrorAction } from "./actions";

const PREFIX = "weight-in-error";

export function WeightInErrorForm({ patientId, versionId, what }: { patientId: string; versionId: string; what: string }) {
  const [reason, setReason] = useState("");
  const [key] = useState(newSubmissionKey);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const { errors, problem, showProblems, clearProblems, summaryRefCallback } = useFormProblems();
  const id = (path: string) => fieldId(PREFIX, path);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    clearProblems();
    startTransition(async () => {
      try {
        const result = await markWeightInErrorAction(versionId, { reason, idempotencyKey: key });
        if (!result.ok) showProblems(`Nothing was saved: ${result.message}`, errorsByPath(result.fieldErrors));
        // The page lists the weights as they now stand, and says what happened.
        else router.replace(`/patients/${patientId}/weight?inError=1`);
      } catch {
        showProblems(SERVER_UNREACHABLE, {});
      }
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="weight-in-error-heading">
      <h2 id="weight-in-error-heading">Or mark {what} entered in error</h2>
      {problem && (
        <ErrorSummary title={problem} errors={errors} prefix={PREFIX} labels={() => "Reason"} refCallback={summaryRefCallback} />
      )}
      <Field id={id("reason")} label="Reason (entered in error)" error={errors.reason}>
        <input {...describe(id("reason"), errors.reason)} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="danger" disabled={pending}>
          {pending ? "Saving…" : "Mark entered in error"}
        </button>
      </div>
    </form>
  );
}
