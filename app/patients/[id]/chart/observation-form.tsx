"use client";
/**
 * Charting one set of observations, keyboard first: Tab through the fields in bedside order, Enter
 * saves. The same zod schema as the server checks the form before anything is sent; a refused
 * form keeps every character typed and names each wrong field beside it and in a summary.
 */
import { useRef, useState, useTransition } from "react";
import { describeIssues } from "@/lib/engine/validation";
import { OXYGEN_DEVICE_CHOICE_LABELS, OXYGEN_DEVICE_CHOICES } from "@/lib/facts/charted-values";
import { observationAmendmentSchema, observationFormSchema } from "@/lib/observations/observation-input";
import {
  emptyObservationForm,
  FIO2_DEVICES,
  FLOW_DEVICES,
  observationPayload,
  type ObservationFormText,
} from "@/lib/format/observation-form";
import { describe, ErrorSummary, Field, fieldId, type FieldErrors } from "@/app/_components/field";
import { errorsByPath, SERVER_UNREACHABLE, useFormProblems } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { WardTimeField } from "@/app/_components/ward-time-field";
import { amendObservationAction, chartObservation } from "./actions";
import { ChartResult, type ChartOutcome } from "./chart-result";
import { observationFieldLabel } from "./labels";
import { NeuroSection } from "./neuro-section";
import { AcvpuField } from "./acvpu-field";
import { VasopressorSection } from "./vasopressor-section";
import type { InfusionsCharted } from "@/lib/timeline/load-timeline";
import type { TemperatureUnit } from "@/lib/format/temperature";

const PREFIX = "obs";

export function ObservationForm({
  patientId,
  timeZone,
  initial,
  amendVersionId,
  vasopressorsRunning,
  temperatureUnit,
}: {
  patientId: string;
  /** The nurse's own unit: a new form (and "chart another") starts in it. */
  temperatureUnit: TemperatureUnit;
  timeZone: string;
  initial: ObservationFormText;
  /** What counts as running now (the latest charting), shown beside the vasopressor choice. */
  vasopressorsRunning: InfusionsCharted | null;
  /** Set when amending: the version being corrected. */
  amendVersionId?: string;
}) {
  const amending = Boolean(amendVersionId);
  const [form, setForm] = useState(initial);
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const { errors, problem, showProblems, clearProblems, summaryRefCallback } = useFormProblems();
  const [outcome, setOutcome] = useState<ChartOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const rowCounter = useRef(0);

  const set = <K extends keyof ObservationFormText>(key: K, value: ObservationFormText[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const id = (path: string) => fieldId(PREFIX, path);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const { payload, timeProblem } = observationPayload(form, timeZone, submissionKey, amending);
    const schema = amending ? observationAmendmentSchema(new Date()) : observationFormSchema(new Date());
    const parsed = schema.safeParse(payload);
    const found: FieldErrors = parsed.success ? {} : errorsByPath(describeIssues(parsed.error));
    if (timeProblem) found.effectiveAt = timeProblem.message;
    if (Object.keys(found).length > 0) {
      showProblems("Nothing was saved. Please correct:", found);
      return;
    }
    startTransition(async () => {
      try {
        const result = amending
          ? await amendObservationAction(amendVersionId!, payload)
          : await chartObservation(patientId, payload);
        if (result.ok) {
          clearProblems();
          setOutcome(result.value as ChartOutcome);
          return;
        }
        showProblems(`Nothing was saved: ${result.message}`, errorsByPath(result.fieldErrors));
      } catch {
        showProblems(SERVER_UNREACHABLE, {});
      }
    });
  };

  const chartAnother = () => {
    setOutcome(null);
    setForm(emptyObservationForm(Date.now(), timeZone, temperatureUnit));
    setSubmissionKey(newSubmissionKey());
  };

  if (outcome) {
    return (
      <ChartResult outcome={outcome} timeZone={timeZone} patientId={patientId} amended={amending} onChartAnother={chartAnother} />
    );
  }

  const numberField = (
    key: keyof ObservationFormText & string,
    label: string,
    unit: string,
    mode: "decimal" | "numeric" = "numeric",
  ) => (
    <Field
      id={id(key)}
      label={
        <>
          {label} <span className="hint">({unit})</span>
        </>
      }
      error={errors[key]}
    >
      <input
        {...describe(id(key), errors[key])}
        inputMode={mode}
        autoComplete="off"
        value={form[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate>
      {problem && (
        <div id="obs-summary">
          <ErrorSummary
            title={problem}
            errors={errors}
            prefix={PREFIX}
            labels={observationFieldLabel}
            refCallback={summaryRefCallback}
          />
        </div>
      )}
      <fieldset>
        <legend>When</legend>
        <WardTimeField
          id={id("effectiveAt")}
          label="Time of observation"
          timeZone={timeZone}
          value={form.effectiveAtLocal}
          repeated={form.repeatedHour}
          error={errors.effectiveAt}
          checkAge={!amending}
          onChange={(value, repeated) => setForm((f) => ({ ...f, effectiveAtLocal: value, repeatedHour: repeated }))}
        />
      </fieldset>

      <fieldset>
        <legend>Vital signs</legend>
        <div className="form-grid">
          <Field id={id("temperature")} label="Temperature" error={errors.temperature}>
            <div className="unit-input">
              <input
                {...describe(id("temperature"), errors.temperature)}
                inputMode="decimal"
                autoComplete="off"
                autoFocus={!amending}
                value={form.temperature}
                onChange={(e) => set("temperature", e.target.value)}
              />
              <span className="segmented" role="radiogroup" aria-label="Temperature unit">
                {(["C", "F"] as const).map((unit) => (
                  <label key={unit}>
                    <input
                      type="radio"
                      name="temperatureUnit"
                      value={unit}
                      checked={form.temperatureUnit === unit}
                      onChange={() => set("temperatureUnit", unit)}
                    />
                    °{unit}
                  </label>
                ))}
              </span>
            </div>
          </Field>
          {numberField("heartRate", "Heart rate", "beats/min")}
          {numberField("respiratoryRate", "Respiratory rate", "breaths/min")}
          {numberField("systolicBP", "Systolic BP", "mmHg")}
          {numberField("diastolicBP", "Diastolic BP", "mmHg")}
          {numberField("meanArterialPressure", "Mean arterial pressure, if measured", "mmHg")}
          {numberField("spo2", "SpO2", "%")}
          <AcvpuField id={id("acvpu")} value={form.acvpu} error={errors.acvpu} onChange={(value) => set("acvpu", value)} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Oxygen</legend>
        <div className="form-grid">
          <Field id={id("oxygenDevice")} label="Oxygen device" error={errors.oxygenDevice}>
            <select
              {...describe(id("oxygenDevice"), errors.oxygenDevice)}
              value={form.oxygenDevice}
              onChange={(e) => set("oxygenDevice", e.target.value)}
            >
              <option value="">Choose the device…</option>
              {OXYGEN_DEVICE_CHOICES.map((device) => (
                <option key={device} value={device}>
                  {OXYGEN_DEVICE_CHOICE_LABELS[device]}
                </option>
              ))}
            </select>
          </Field>
          {FLOW_DEVICES.has(form.oxygenDevice) && numberField("oxygenFlowLpm", "Oxygen flow", "L/min", "decimal")}
          {FIO2_DEVICES.has(form.oxygenDevice) && numberField("fio2", "FiO2", "fraction, e.g. 0.4", "decimal")}
        </div>
      </fieldset>

      <VasopressorSection
        status={form.vasopressorStatus}
        rows={form.vasopressors}
        runningNow={vasopressorsRunning}
        timeZone={timeZone}
        errors={errors}
        onStatus={(status) => set("vasopressorStatus", status)}
        onRows={(rows) => set("vasopressors", rows)}
        newRowId={() => `row-${++rowCounter.current}`}
      />

      <NeuroSection form={form} set={set} errors={errors} />

      <fieldset>
        <legend>Note and outcome</legend>
        <Field id={id("note")} label="Note (optional)" error={errors.note}>
          <textarea
            {...describe(id("note"), errors.note)}
            rows={2}
            value={form.note}
            onChange={(e) => set("note", e.target.value)}
          />
        </Field>
        <label className="check">
          <input type="checkbox" checked={form.crsDeath} onChange={(e) => set("crsDeath", e.target.checked)} />
          Death attributed to CRS (grade 5)
        </label>
      </fieldset>

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
          {pending ? "Saving…" : amending ? "Save the amendment" : "Save observation"}
        </button>
        <a href={`/patients/${patientId}`}>Cancel</a>
      </div>
    </form>
  );
}
