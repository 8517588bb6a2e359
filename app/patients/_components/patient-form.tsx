"use client";
/**
 * Admission and edit of a patient: demographics, weight (with when it was measured), ward and bed,
 * product, infusion time, and the local grading settings. Checked in the browser with the same
 * schema the server uses; times are typed on the chosen ward's clock.
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { describeIssues } from "@/lib/engine/validation";
import { patientEditSchemaAt, patientInputSchema, SEXES, THERAPIES } from "@/lib/patients/patient-input";
import { fromWardInputValue } from "@/lib/format/ward-input";
import { describe, ErrorSummary, Field, fieldId, type FieldErrors } from "@/app/_components/field";
import { errorsByPath, SERVER_UNREACHABLE, useFormProblems } from "@/app/_components/use-form-problems";
import { admitPatientAction, editPatientAction } from "../actions";
import type { WardOption } from "./ward-options";

const PREFIX = "patient";

export interface PatientFormText {
  mrn: string;
  name: string;
  birthDate: string;
  sex: string;
  weightKg: string;
  weightMeasuredAtLocal: string;
  wardId: string;
  bed: string;
  product: string;
  therapy: string;
  infusionAtLocal: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: string;
  /** NEWS2-SPO2: "1" or "2". */
  spo2Scale: string;
  reason: string;
}

const LABELS: Record<string, string> = {
  mrn: "MRN",
  name: "Name",
  birthDate: "Date of birth",
  sex: "Sex",
  weightKg: "Weight",
  weightMeasuredAt: "Weight measured at",
  wardId: "Ward",
  bed: "Bed",
  product: "Product",
  therapy: "Therapy",
  infusionAt: "Infusion (day 0)",
  antipyreticsMaskFever: "Antipyretics mask fever",
  tociMinIntervalHours: "Minimum tocilizumab interval",
  spo2Scale: "SpO2 scale (NEWS2)",
  reason: "Reason for the change",
  expectedVersion: "Record version",
};
const SEX_LABELS: Record<string, string> = { female: "Female", male: "Male", other: "Other", unknown: "Unknown" };
const THERAPY_LABELS: Record<string, string> = { car_t: "CAR-T cells", bispecific: "Bispecific antibody" };

export function PatientForm({
  wards,
  initial,
  edit,
}: {
  wards: WardOption[];
  initial: PatientFormText;
  /** Editing: the record and the version the form was opened at. */
  edit?: { patientId: string; version: number };
}) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { errors, problem, showProblems, summaryRefCallback } = useFormProblems();
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof PatientFormText>(key: K, value: PatientFormText[K]) => setForm((f) => ({ ...f, [key]: value }));
  const id = (path: string) => fieldId(PREFIX, path);
  const ward = wards.find((w) => w.id === form.wardId);
  const timeZone = ward?.timeZone ?? "UTC";

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found: FieldErrors = {};
    const instant = (local: string, path: string) => {
      const result = fromWardInputValue(local, timeZone);
      if (!result.ok) {
        found[path] = result.message;
        return "";
      }
      return result.iso;
    };
    const payload: Record<string, unknown> = {
      mrn: form.mrn,
      name: form.name,
      birthDate: form.birthDate,
      sex: form.sex,
      weightKg: form.weightKg,
      weightMeasuredAt: instant(form.weightMeasuredAtLocal, "weightMeasuredAt"),
      wardId: form.wardId,
      bed: form.bed,
      product: form.product,
      therapy: form.therapy,
      infusionAt: instant(form.infusionAtLocal, "infusionAt"),
      antipyreticsMaskFever: form.antipyreticsMaskFever ? "true" : "false",
      tociMinIntervalHours: form.tociMinIntervalHours,
      spo2Scale: form.spo2Scale,
    };
    if (edit) Object.assign(payload, { expectedVersion: edit.version, reason: form.reason });
    const parsed = (edit ? patientEditSchemaAt(new Date()) : patientInputSchema).safeParse(payload);
    if (!parsed.success) for (const issue of describeIssues(parsed.error)) found[issue.path] ??= issue.message;
    if (Object.keys(found).length > 0) {
      showProblems("Nothing was saved. Please correct:", found);
      return;
    }
    startTransition(async () => {
      try {
        const result = edit ? await editPatientAction(edit.patientId, payload) : await admitPatientAction(payload);
        if (result.ok) {
          router.push(`/patients/${result.value.id}`);
          return;
        }
        const fromServer = errorsByPath(result.fieldErrors);
        const stale = (result.kind === "stale_version" || result.kind === "conflict") && edit && !result.fieldErrors?.length;
        showProblems(
          stale
            ? `Not saved: this record was changed since you opened it. ${result.message} Reload the page to see the current record.`
            : `Nothing was saved: ${result.message}`,
          fromServer,
        );
      } catch {
        showProblems(SERVER_UNREACHABLE, {});
      }
    });
  };

  const text = (key: keyof PatientFormText & string, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={id(key)} label={label} error={errors[key]}>
      <input
        {...describe(id(key), errors[key])}
        value={form[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        {...extra}
      />
    </Field>
  );
  const localTime = (key: "weightMeasuredAtLocal" | "infusionAtLocal", path: string, label: string) => (
    <Field id={id(path)} label={`${label} (${timeZone})`} error={errors[path]}>
      <input
        {...describe(id(path), errors[path])}
        type="datetime-local"
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    </Field>
  );

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
        <legend>Patient</legend>
        <div className="form-grid">
          {text("name", "Name", { autoComplete: "off", autoFocus: !edit })}
          {text("mrn", "MRN", { autoComplete: "off" })}
          {text("birthDate", "Date of birth", { type: "date" })}
          <Field id={id("sex")} label="Sex" error={errors.sex}>
            <select {...describe(id("sex"), errors.sex)} value={form.sex} onChange={(e) => set("sex", e.target.value)}>
              <option value="">Choose…</option>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {SEX_LABELS[s] ?? s}
                </option>
              ))}
            </select>
          </Field>
          {text("weightKg", "Weight (kg)", { inputMode: "decimal", autoComplete: "off" })}
          {localTime("weightMeasuredAtLocal", "weightMeasuredAt", "Weight measured at")}
        </div>
      </fieldset>
      <fieldset>
        <legend>Ward and treatment</legend>
        <div className="form-grid">
          <Field id={id("wardId")} label="Ward" error={errors.wardId}>
            <select
              {...describe(id("wardId"), errors.wardId)}
              value={form.wardId}
              onChange={(e) => set("wardId", e.target.value)}
            >
              <option value="">Choose…</option>
              {wards.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </Field>
          {text("bed", "Bed", { autoComplete: "off" })}
          {text("product", "Product", { autoComplete: "off" })}
          <Field id={id("therapy")} label="Therapy" error={errors.therapy}>
            <select
              {...describe(id("therapy"), errors.therapy)}
              value={form.therapy}
              onChange={(e) => set("therapy", e.target.value)}
            >
              <option value="">Choose…</option>
              {THERAPIES.map((t) => (
                <option key={t} value={t}>
                  {THERAPY_LABELS[t] ?? t}
                </option>
              ))}
            </select>
          </Field>
          {localTime("infusionAtLocal", "infusionAt", "Infusion, day 0")}
        </div>
      </fieldset>
      <fieldset>
        <legend>Grading settings (local protocol)</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.antipyreticsMaskFever}
            onChange={(e) => set("antipyreticsMaskFever", e.target.checked)}
            aria-describedby={`${id("antipyreticsMaskFever")}-hint`}
          />
          Antipyretics (paracetamol, ibuprofen) mask fever once CRS has started
        </label>
        <p id={`${id("antipyreticsMaskFever")}-hint`} className="hint muted">
          ASTCT-MASK: on by default.
        </p>
        {text("tociMinIntervalHours", "Minimum hours between tocilizumab doses", {
          inputMode: "decimal",
          autoComplete: "off",
          style: { maxWidth: "8rem" },
        })}
        <Field id={id("spo2Scale")} label="SpO2 scale for NEWS2" error={errors.spo2Scale}>
          <select
            {...describe(id("spo2Scale"), errors.spo2Scale)}
            value={form.spo2Scale}
            onChange={(e) => set("spo2Scale", e.target.value)}
          >
            <option value="1">Scale 1 (standard)</option>
            <option value="2">Scale 2: hypercapnic respiratory failure, target SpO2 88-92 %</option>
          </select>
        </Field>
        <p className="hint muted">NEWS2-SPO2: scale 2 only on a physician&apos;s decision; it scores oxygen on a lower target.</p>
      </fieldset>
      {edit && (
        <Field id={id("reason")} label="Reason for the change (required, kept in the audit trail)" error={errors.reason}>
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
          {pending ? "Saving…" : edit ? "Save changes" : "Admit patient"}
        </button>
        <a href={edit ? `/patients/${edit.patientId}` : "/"}>Cancel</a>
      </div>
    </form>
  );
}
