"use client";
/**
 * Vasopressors at this observation, said explicitly: "no rows" alone cannot tell an infusion that
 * was stopped from one nobody re-checked, and the grade depends on it (an infusion charted earlier
 * still counts until it is charted as stopped: docs/EXCHANGE-FORMAT.md reading 8).
 */
import type { VasopressorStatus } from "@/lib/facts/charted-values";
import type { VasopressorRowText } from "@/lib/format/observation-form";
import { vasopressorsText } from "@/lib/format/observation-text";
import { formatWardDateTime } from "@/lib/format/time";
import type { InfusionsCharted } from "@/lib/timeline/load-timeline";
import { fieldId, type FieldErrors } from "@/app/_components/field";
import { VasopressorRows } from "./vasopressor-rows";

const PREFIX = "obs";

const CHOICES: readonly { status: VasopressorStatus; label: string }[] = [
  { status: "not_charted", label: "Not re-checked (infusions charted earlier still count)" },
  { status: "none", label: "None running (stopped)" },
  { status: "running", label: "Running:" },
];

export function VasopressorSection({
  status,
  rows,
  runningNow,
  timeZone,
  errors,
  onStatus,
  onRows,
  newRowId,
}: {
  status: VasopressorStatus;
  rows: VasopressorRowText[];
  /** What the engine counts as running after the latest observation (charted there or carried). */
  runningNow: InfusionsCharted | null;
  timeZone: string;
  errors: FieldErrors;
  onStatus: (status: VasopressorStatus) => void;
  onRows: (rows: VasopressorRowText[]) => void;
  newRowId: () => string;
}) {
  const groupId = fieldId(PREFIX, "vasopressorStatus");
  const error = errors.vasopressorStatus;
  const choose = (next: VasopressorStatus) => {
    onStatus(next);
    // Choosing "Running" opens a row to fill in rather than an empty list to add to.
    if (next === "running" && rows.length === 0) onRows([{ rowId: newRowId(), agent: "", dose: "" }]);
  };
  return (
    <fieldset aria-describedby={[`${groupId}-hint`, error ? `${groupId}-error` : null].filter(Boolean).join(" ")}>
      <legend>Vasopressors</legend>
      <p id={`${groupId}-hint`} className="hint muted">
        {runningNow ? (
          <>
            Counted as running now: <strong>{vasopressorsText(runningNow)}</strong> (charted{" "}
            {formatWardDateTime(runningNow.at, timeZone)})
          </>
        ) : (
          "No vasopressor counted as running now."
        )}
      </p>
      <div className="choice-list">
        {CHOICES.map((choice, index) => (
          <label key={choice.status} className="check">
            <input
              type="radio"
              name="vasopressorStatus"
              value={choice.status}
              id={index === 0 ? groupId : undefined}
              checked={status === choice.status}
              onChange={() => choose(choice.status)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${groupId}-error`} className="field-error">
          {error}
        </p>
      )}
      {status === "running" && <VasopressorRows rows={rows} errors={errors} onChange={onRows} newRowId={newRowId} />}
    </fieldset>
  );
}
