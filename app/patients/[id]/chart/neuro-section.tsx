"use client";
import { useState } from "react";
import {
  CEREBRAL_EDEMA_KINDS,
  CEREBRAL_EDEMA_LABELS,
  CONSCIOUSNESS_LABELS,
  CONSCIOUSNESS_LEVELS,
  SEIZURE_KINDS,
  SEIZURE_LABELS,
} from "@/lib/engine/vocabulary";
import { ICE_ITEMS, iceTotal, type ObservationFormText } from "@/lib/format/observation-form";
import { chartedFieldsOf } from "@/lib/facts/charted-values";
import { describe, Field, fieldId, type FieldErrors } from "@/app/_components/field";

const PREFIX = "obs";
/** The values this section holds (lib/facts/charted-values.ts). */
const NEURO_FIELDS = chartedFieldsOf("neuro");
type Set = <K extends keyof ObservationFormText>(key: K, value: ObservationFormText[K]) => void;

/**
 * ICE score and neurological findings. Collapsed by default (most sets are vitals only) but opened
 * when anything is charted or wrong in it, so an error is never hidden inside a closed section.
 */
export function NeuroSection({ form, set, errors }: { form: ObservationFormText; set: Set; errors: FieldErrors }) {
  const charted = form.iceMode !== "none" || NEURO_FIELDS.some((key) => key !== "iceScore" && form[key] !== "");
  const wrong = NEURO_FIELDS.some((key) => errors[key]);
  const id = (path: string) => fieldId(PREFIX, path);
  const [userOpen, setUserOpen] = useState(Boolean(charted));
  return (
    <details
      className="section card"
      open={userOpen || wrong}
      onToggle={(e) => setUserOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Neurological assessment (ICE score, ICANS findings)</summary>
      <fieldset>
        <legend>ICE score</legend>
        <div className="segmented" role="radiogroup" aria-label="How the ICE score is charted">
          {(
            [
              ["none", "Not assessed"],
              ["items", "Score the 10 items"],
              ["total", "Enter the total"],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode}>
              <input
                type="radio"
                name="iceMode"
                value={mode}
                checked={form.iceMode === mode}
                onChange={() => set("iceMode", mode)}
              />
              {label}
            </label>
          ))}
        </div>
        {form.iceMode === "items" && (
          <div className="form-grid" style={{ marginTop: ".5rem" }}>
            {ICE_ITEMS.map((item) => (
              <label key={item.key} className="check">
                <input
                  type="checkbox"
                  checked={form.iceItems[item.key]}
                  onChange={(e) => set("iceItems", { ...form.iceItems, [item.key]: e.target.checked })}
                />
                {item.group === "Orientation" ? `Oriented to ${item.label.toLowerCase()}` : item.label}
              </label>
            ))}
            <p aria-live="polite">
              <strong>ICE score: {iceTotal(form.iceItems)} / 10</strong>
            </p>
          </div>
        )}
        {form.iceMode === "total" && (
          <Field id={id("iceScore")} label="ICE score (0-10)" error={errors.iceScore}>
            <input
              {...describe(id("iceScore"), errors.iceScore)}
              inputMode="numeric"
              autoComplete="off"
              value={form.iceScore}
              onChange={(e) => set("iceScore", e.target.value)}
              style={{ maxWidth: "8rem" }}
            />
          </Field>
        )}
        {form.iceMode === "items" && errors.iceScore && <p className="field-error">{errors.iceScore}</p>}
      </fieldset>
      <div className="form-grid">
        <Field id={id("consciousness")} label="Level of consciousness" error={errors.consciousness}>
          <select
            {...describe(id("consciousness"), errors.consciousness)}
            value={form.consciousness}
            onChange={(e) => set("consciousness", e.target.value)}
          >
            <option value="">Not assessed</option>
            {CONSCIOUSNESS_LEVELS.map((level) => (
              <option key={level} value={level}>
                {CONSCIOUSNESS_LABELS[level]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("seizure")} label="Seizure" error={errors.seizure}>
          <select
            {...describe(id("seizure"), errors.seizure)}
            value={form.seizure}
            onChange={(e) => set("seizure", e.target.value)}
          >
            <option value="">Not assessed</option>
            {SEIZURE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {SEIZURE_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("motorWeakness")} label="Motor findings" error={errors.motorWeakness}>
          <select
            {...describe(id("motorWeakness"), errors.motorWeakness)}
            value={form.motorWeakness}
            onChange={(e) => set("motorWeakness", e.target.value as ObservationFormText["motorWeakness"])}
          >
            <option value="">Not assessed</option>
            <option value="false">No deep focal motor weakness</option>
            <option value="true">Deep focal motor weakness (hemiparesis, paraparesis)</option>
          </select>
        </Field>
        <Field id={id("cerebralEdema")} label="Raised ICP / cerebral edema" error={errors.cerebralEdema}>
          <select
            {...describe(id("cerebralEdema"), errors.cerebralEdema)}
            value={form.cerebralEdema}
            onChange={(e) => set("cerebralEdema", e.target.value)}
          >
            <option value="">Not assessed</option>
            {CEREBRAL_EDEMA_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {CEREBRAL_EDEMA_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </details>
  );
}
