"use client";
import { VASOPRESSOR_AGENT_LABELS, VASOPRESSOR_AGENTS } from "@/lib/engine/vocabulary";
import { vasopressorDoseField, type VasopressorRowText } from "@/lib/format/observation-form";
import { describe, Field, fieldId, type FieldErrors } from "@/app/_components/field";

const PREFIX = "obs";

/** The infusions running at the bedside time: one row each, added and removed with buttons. */
export function VasopressorRows({
  rows,
  errors,
  onChange,
  newRowId,
}: {
  rows: VasopressorRowText[];
  errors: FieldErrors;
  onChange: (rows: VasopressorRowText[]) => void;
  newRowId: () => string;
}) {
  const update = (index: number, patch: Partial<VasopressorRowText>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listError = errors.vasopressors;
  return (
    <div className="vaso-rows">
      {rows.map((row, index) => {
        const agentId = fieldId(PREFIX, `vasopressors[${index}].agent`);
        // The dose is typed in the agent's unit and sent as that unit's field, so its error comes back under that name.
        const { field, unit } = vasopressorDoseField(row.agent);
        const doseId = fieldId(PREFIX, `vasopressors[${index}].${field}`);
        const agentError = errors[`vasopressors[${index}].agent`] ?? errors[`vasopressors[${index}]`];
        const doseError = errors[`vasopressors[${index}].${field}`];
        return (
          <div className="vaso-row" key={row.rowId}>
            <Field id={agentId} label={`Infusion ${index + 1}: drug`} error={agentError}>
              <select
                {...describe(agentId, agentError)}
                value={row.agent}
                onChange={(e) => update(index, { agent: e.target.value })}
              >
                <option value="">Choose the drug…</option>
                {VASOPRESSOR_AGENTS.map((agent) => (
                  <option key={agent} value={agent}>
                    {VASOPRESSOR_AGENT_LABELS[agent]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={doseId} label={`Infusion ${index + 1}: dose (${unit})`} error={doseError}>
              <input
                {...describe(doseId, doseError)}
                inputMode="decimal"
                autoComplete="off"
                value={row.dose}
                onChange={(e) => update(index, { dose: e.target.value })}
              />
            </Field>
            <div className="field">
              <button
                type="button"
                className="secondary"
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
                aria-label={`Remove infusion ${index + 1}`}
              >
                Remove
              </button>
            </div>
          </div>
        );
      })}
      {listError && (
        <p id={`${fieldId(PREFIX, "vasopressors")}-error`} className="field-error">
          {listError}
        </p>
      )}
      <p className="hint muted">Dobutamine is an inotrope: it is charted but not counted as a vasopressor.</p>
      {/* The error summary links "Vasopressors" here: the next thing to do is add the infusion. */}
      <button
        type="button"
        className="secondary"
        id={fieldId(PREFIX, "vasopressors")}
        aria-describedby={listError ? `${fieldId(PREFIX, "vasopressors")}-error` : undefined}
        onClick={() => onChange([...rows, { rowId: newRowId(), agent: "", dose: "" }])}
      >
        Add an infusion
      </button>
    </div>
  );
}
