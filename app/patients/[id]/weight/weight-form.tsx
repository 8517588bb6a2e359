"use client";
/** Charting a measured weight and when it was measured (TOCI-WEIGHT), or correcting one: a new version with its reason. */
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { describeIssues } from "@/lib/engine/validation";
import { weightAmendmentSchema, weightFormSchema } from "@/lib/weights/weight-input";
import { resolveWardInput, type RepeatedHourChoice } from "@/lib/format/ward-input";
import { describe, ErrorSummary, Field, fieldId, type FieldErrors } from "@/app/_components/field";
import { errorsByPath, SERVER_UNREACHABLE, useFormProblems } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { WardTimeField } from "@/app/_components/ward-time-field";
import { amendWeightAction, recordWeightAction } from "./actions";

const PREFIX = "weight";
const LABELS: Record<string, string> = { kg: "Weight", measuredAt: "Weighed at", reason: "Reason for the correction" };

/** The weight version being corrected, as the form opens on it. */
export interface WeightBeingCorrected {
  versionId: string;
  kg: number;
  atLocal: string;
}

export function WeightForm({
  patientId,
  timeZone,
  nowLocal,
  correcting,
}: {
  patientId: string;
  timeZone: string;
  nowLocal: string;
  correcting?: WeightBeingCorrected;
}) {
  const router = useRouter();
  const [kg, setKg] = useState(correcting ? String(correcting.kg) : "");
  const [reason, setReason] = useState("");
  const [at, setAt] = useState<{ value: string; repeated: RepeatedHourChoice }>({
    value: correcting?.atLocal ?? nowLocal,
    repeated: "",
  });
  const [key] = useState(newSubmissionKey);
  const [pending, startTransition] = useTransition();
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, problem, showProblems, clearProblems, summaryRefCallback } = useFormProblems();
  const id = (path: string) => fieldId(PREFIX, path);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const { iso, problem: timeProblem } = resolveWardInput(at.value, at.repeated, timeZone);
    const body = { idempotencyKey: key, kg, measuredAt: iso, ...(correcting ? { reason } : {}) };
    const schema = correcting ? weightAmendmentSchema(new Date()) : weightFormSchema(new Date());
    const parsed = schema.safeParse(body);
    const found: FieldErrors = parsed.success ? {} : errorsByPath(describeIssues(parsed.error));
    if (timeProblem) found.measuredAt = timeProblem;
    if (Object.keys(found).length > 0) {
      showProblems("Nothing was saved. Please correct:", found);
      return;
    }
    clearProblems();
    startTransition(async () => {
      try {
        const result = correcting
          ? await amendWeightAction(correcting.versionId, body)
          : await recordWeightAction(patientId, body);
        if (!result.ok) {
          showProblems(`Nothing was saved: ${result.message}`, errorsByPath(result.fieldErrors));
          return;
        }
        if (correcting) {
          // The corrected version is a new one: the page shows it, and the link to the old one no longer applies.
          router.replace(`/patients/${patientId}/weight?corrected=${result.value.weightId}`);
          return;
        }
        setSaved(`${result.value.kg} kg`);
        router.refresh();
      } catch {
        showProblems(SERVER_UNREACHABLE, {});
      }
    });
  };

  if (saved) {
    return (
      <section className="card result" aria-labelledby="weight-result-title">
        <h2 id="weight-result-title">Weight recorded: {saved}</h2>
        <p>It applies to doses given from its measurement time on; earlier doses keep the weight they were given by.</p>
        <div className="form-actions">
          <Link className="button" href={`/patients/${patientId}`}>
            Back to the timeline
          </Link>
          <Link className="button secondary" href={`/patients/${patientId}/dose`}>
            Record a dose
          </Link>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {problem && (
        <ErrorSummary
          title={problem}
          errors={errors}
          prefix={PREFIX}
          labels={(p) => LABELS[p] ?? p}
          refCallback={summaryRefCallback}
        />
      )}
      <fieldset>
        <legend>Weight</legend>
        <Field id={id("kg")} label="Weight (kg)" error={errors.kg}>
          <input
            {...describe(id("kg"), errors.kg)}
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={kg}
            onChange={(e) => setKg(e.target.value)}
          />
        </Field>
        <WardTimeField
          id={id("measuredAt")}
          label="Weighed at"
          timeZone={timeZone}
          value={at.value}
          repeated={at.repeated}
          error={errors.measuredAt}
          checkAge
          onChange={(value, repeated) => setAt({ value, repeated })}
        />
        {correcting && (
          <Field id={id("reason")} label="Reason for the correction" error={errors.reason}>
            <input {...describe(id("reason"), errors.reason)} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : correcting ? "Save the correction" : "Record weight"}
        </button>
        <Link href={`/patients/${patientId}`}>Cancel</Link>
      </div>
    </form>
  );
}
