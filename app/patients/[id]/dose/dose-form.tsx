"use client";
/**
 * Recording (or amending) a dose. Tocilizumab is pre-filled with the weight-based dose and shows
 * the calculation. Before saving, the server says which limits the dose would break (previewDose);
 * a flagged dose needs a reason and an explicit "Confirm and record", and if the limits changed
 * meanwhile (another dose was charted) the new situation is shown instead of saving.
 */
import { useEffect, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { describeIssues } from "@/lib/engine/validation";
import { ROUTE_LABELS, ROUTES } from "@/lib/engine/vocabulary";
import { doseAmendmentSchema, dosePreviewSchema, OTHER_DRUG } from "@/lib/doses/dose-input";
import type { DosePreview } from "@/lib/doses/preview-dose";
import type { DoseLimitConflict, WriteResult } from "@/lib/write-result";
import { resolveWardInput, type RepeatedHourChoice } from "@/lib/format/ward-input";
import { describe, ErrorSummary, Field, fieldId, type FieldErrors } from "@/app/_components/field";
import { errorsByPath, SERVER_UNREACHABLE, useFormProblems } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { WardTimeField } from "@/app/_components/ward-time-field";
import { amendDoseAction, previewDoseAction, recordDoseAction } from "./actions";
import { LimitWarning } from "./limit-warning";
import { DoseResult, type DoseOutcome } from "./dose-result";
import { DrugCombobox } from "./drug-combobox";
import { LivePreview } from "./live-preview";

/** How long typing pauses before the preview asks the engine (ms). */
const PREVIEW_DEBOUNCE_MS = 400;

const PREFIX = "dose";
const LABELS: Record<string, string> = {
  drug: "Drug",
  otherDrugName: "Drug name",
  doseMg: "Dose",
  route: "Route",
  effectiveAt: "Time given",
  overrideReason: "Reason for the override",
  reason: "Reason for the amendment",
  confirmedFlags: "Confirmed limits",
};

export interface DoseFormText {
  drug: string;
  otherDrugName: string;
  doseMg: string;
  route: string;
  effectiveAtLocal: string;
  repeatedHour: RepeatedHourChoice;
  reason: string;
}

export function DoseForm({
  patientId,
  timeZone,
  initial,
  recommendedDoseMg,
  calculation,
  isPhysician,
  amendVersionId,
  weightNotice,
}: {
  patientId: string;
  timeZone: string;
  initial: DoseFormText;
  recommendedDoseMg: number | null;
  /** "8 mg/kg × 70 kg = 560 mg (TOCI-DOSE)". */
  calculation: string | null;
  isPhysician: boolean;
  amendVersionId?: string;
  /** TOCI-WEIGHT: the weight a dose given now uses, its age, and whether to re-weigh first. */
  weightNotice: React.ReactNode;
}) {
  const router = useRouter();
  const amending = Boolean(amendVersionId);
  const [form, setForm] = useState(initial);
  const [key] = useState(newSubmissionKey);
  const { errors, problem, showProblems, clearProblems, summaryRefCallback } = useFormProblems();
  const [warning, setWarning] = useState<{ situation: DoseLimitConflict; changed: string | null } | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const [overrideError, setOverrideError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<DoseOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof DoseFormText>(k: K, v: DoseFormText[K]) => setForm((f) => ({ ...f, [k]: v }));
  const id = (path: string) => fieldId(PREFIX, path);
  const [preview, setPreview] = useState<{ value: DosePreview | null; problem: string | null; at: number } | null>(null);

  // The form warns while it is filled in: as the drug, dose and time are typed, the engine itself
  // (previewDose on the stored facts plus this draft) says the flags, the dose number, the next
  // eligible time and the counters. Debounced; a stale answer never overwrites a newer one.
  useEffect(() => {
    if (amending || form.drug !== "tocilizumab") return;
    let current = true;
    const timer = setTimeout(async () => {
      const { iso } = resolveWardInput(form.effectiveAtLocal, form.repeatedHour, timeZone);
      const body = { drug: form.drug, doseMg: form.doseMg, route: form.route || "IV", effectiveAt: iso, confirmedFlags: [] };
      try {
        const result = await previewDoseAction(patientId, body);
        if (!current) return;
        const at = Date.now();
        setPreview(
          result.ok
            ? { value: result.value, problem: null, at }
            : { value: null, problem: result.fieldErrors?.map((e) => e.message).join("; ") ?? result.message, at },
        );
      } catch {
        if (current) setPreview({ value: null, problem: "Could not reach the server for the preview", at: Date.now() });
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [amending, form.drug, form.doseMg, form.route, form.effectiveAtLocal, form.repeatedHour, timeZone, patientId]);

  const chooseDrug = (drug: string) =>
    setForm((f) => {
      // Pre-fill the weight-based dose only into an empty dose: never overwrite what was typed.
      const prefill = drug === "tocilizumab" && f.doseMg === "" && recommendedDoseMg !== null;
      return {
        ...f,
        drug,
        doseMg: prefill ? String(recommendedDoseMg) : f.doseMg,
        route: drug === "tocilizumab" && f.route === "" ? "IV" : f.route,
      };
    });

  const payload = (confirmed: string[], reasonForOverride: string) => {
    const { iso, problem: timeProblem } = resolveWardInput(form.effectiveAtLocal, form.repeatedHour, timeZone);
    const body: Record<string, unknown> = {
      idempotencyKey: key,
      drug: form.drug,
      otherDrugName: form.drug === OTHER_DRUG ? form.otherDrugName : "",
      doseMg: form.doseMg,
      route: form.route,
      effectiveAt: iso,
      confirmedFlags: confirmed,
      overrideReason: reasonForOverride,
    };
    if (amending) body.reason = form.reason;
    return { body, timeProblem };
  };

  /** Saves with the flags the user confirmed; a 409 with `conflict` means the limits are not (or no longer) those. */
  const save = async (confirmed: string[], reasonForOverride: string) => {
    const { body } = payload(confirmed, reasonForOverride);
    const result: WriteResult<DoseOutcome> = amending
      ? await amendDoseAction(amendVersionId!, body)
      : await recordDoseAction(patientId, body);
    if (result.ok) {
      setOutcome(result.value);
      // The counters above the form come from the server: read them again now that the dose is stored.
      router.refresh();
      return;
    }
    if (result.conflict && result.conflict.flags.length > 0) {
      setWarning({ situation: result.conflict, changed: confirmed.length > 0 ? result.message : null });
      return;
    }
    if (result.conflict) {
      // The limits confirmed no longer apply (a dose was corrected meanwhile): back to the form to save it plainly.
      setWarning(null);
      setOverrideReason("");
      showProblems(`Nothing was saved: ${result.message}`, {});
      return;
    }
    setWarning(null);
    showProblems(`Nothing was saved: ${result.message}`, errorsByPath(result.fieldErrors));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const { body, timeProblem } = payload([], "");
    const parsed = (amending ? doseAmendmentSchema(new Date()) : dosePreviewSchema(new Date())).safeParse(body);
    const found: FieldErrors = parsed.success ? {} : errorsByPath(describeIssues(parsed.error));
    if (timeProblem) found.effectiveAt = timeProblem;
    if (Object.keys(found).length > 0) {
      showProblems("Nothing was saved. Please correct:", found);
      return;
    }
    clearProblems();
    startTransition(async () => {
      try {
        if (!amending) {
          const preview = await previewDoseAction(patientId, body);
          if (!preview.ok) {
            showProblems(`Nothing was saved: ${preview.message}`, errorsByPath(preview.fieldErrors));
            return;
          }
          if (preview.value.flags.length > 0) {
            setWarning({ situation: preview.value, changed: null });
            return;
          }
        }
        await save([], "");
      } catch {
        showProblems(SERVER_UNREACHABLE, {});
      }
    });
  };

  const confirm = () => {
    if (!warning || pending) return;
    if (overrideReason.trim() === "") {
      setOverrideError("is required: say why this dose is given despite the limit");
      return;
    }
    setOverrideError(undefined);
    startTransition(async () => {
      try {
        await save(warning.situation.flags, overrideReason);
      } catch {
        setOverrideError("Could not reach the server: nothing was saved, try again");
      }
    });
  };

  if (outcome) return <DoseResult outcome={outcome} patientId={patientId} timeZone={timeZone} amended={amending} />;

  if (warning) {
    return (
      <LimitWarning
        situation={warning.situation}
        changed={warning.changed}
        timeZone={timeZone}
        reason={overrideReason}
        reasonError={overrideError}
        onReason={setOverrideReason}
        onConfirm={confirm}
        onBack={() => setWarning(null)}
        pending={pending}
        isPhysician={isPhysician}
      />
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {weightNotice}
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
        <legend>Dose</legend>
        <div className="form-grid">
          <Field id={id("drug")} label="Drug" error={errors.drug}>
            <DrugCombobox
              id={id("drug")}
              value={form.drug}
              onChoose={chooseDrug}
              describedBy={describe(id("drug"), errors.drug)["aria-describedby"]}
              invalid={Boolean(errors.drug)}
              autoFocus={!amending}
            />
          </Field>
          {form.drug === OTHER_DRUG && (
            <Field id={id("otherDrugName")} label="Generic name of the drug" error={errors.otherDrugName}>
              <input
                {...describe(id("otherDrugName"), errors.otherDrugName)}
                autoComplete="off"
                value={form.otherDrugName}
                onChange={(e) => set("otherDrugName", e.target.value)}
              />
            </Field>
          )}
          <Field
            id={id("doseMg")}
            label="Dose (mg)"
            error={errors.doseMg}
            hint={form.drug === "tocilizumab" ? (calculation ?? "No weight charted: no weight-based dose") : undefined}
          >
            <input
              {...describe(id("doseMg"), errors.doseMg, form.drug === "tocilizumab")}
              inputMode="decimal"
              autoComplete="off"
              value={form.doseMg}
              onChange={(e) => set("doseMg", e.target.value)}
            />
          </Field>
          <Field id={id("route")} label="Route" error={errors.route}>
            <select {...describe(id("route"), errors.route)} value={form.route} onChange={(e) => set("route", e.target.value)}>
              <option value="">Choose…</option>
              {ROUTES.map((r) => (
                <option key={r} value={r}>
                  {r}: {ROUTE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <WardTimeField
          id={id("effectiveAt")}
          label="Time given"
          timeZone={timeZone}
          value={form.effectiveAtLocal}
          repeated={form.repeatedHour}
          error={errors.effectiveAt}
          checkAge={!amending}
          onChange={(value, repeated) => setForm((f) => ({ ...f, effectiveAtLocal: value, repeatedHour: repeated }))}
        />
      </fieldset>
      {preview && !amending && form.drug === "tocilizumab" && (
        <LivePreview preview={preview.value} problem={preview.problem} timeZone={timeZone} now={preview.at} />
      )}
      {amending && (
        <Field id={id("reason")} label="Reason for the amendment (required, kept in the history)" error={errors.reason}>
          <textarea
            {...describe(id("reason"), errors.reason)}
            rows={2}
            value={form.reason}
            onChange={(e) => set("reason", e.target.value)}
          />
        </Field>
      )}
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Checking…" : amending ? "Save the amendment" : "Record dose"}
        </button>
        <Link href={`/patients/${patientId}`}>Cancel</Link>
      </div>
    </form>
  );
}
