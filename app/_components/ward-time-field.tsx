"use client";
/**
 * A bedside time typed on the WARD's clock (datetime-local), with "Set to now", and on the night the
 * clocks go back a required choice between the two instants that share the wall time.
 */
import { fromWardInputValue, toWardInputValue, type RepeatedHourChoice } from "@/lib/format/ward-input";
import { formatWardTimeWithZone } from "@/lib/format/time";
import { describe, Field } from "./field";

export function WardTimeField({ id, label, timeZone, value, repeated, error, onChange }: {
  id: string;
  label: string;
  timeZone: string;
  value: string;
  repeated: RepeatedHourChoice;
  error?: string;
  onChange: (value: string, repeated: RepeatedHourChoice) => void;
}) {
  const instant = fromWardInputValue(value, timeZone);
  const alternatives = instant.ok ? instant.alternatives : undefined;
  return (
    <div className="ward-time">
      <div className="unit-input">
        <Field id={id} label={`${label} (ward time, ${timeZone})`} error={error} className="grow">
          <input {...describe(id, error)} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value, "")} />
        </Field>
        <button type="button" className="secondary" onClick={() => onChange(toWardInputValue(new Date(), timeZone), "")}>
          Set to now
        </button>
      </div>
      {alternatives && (
        <fieldset>
          <legend>The clocks went back: this time happened twice. Which one?</legend>
          {(["earlier", "later"] as const).map((which, i) => (
            <label key={which} className="check">
              <input type="radio" name={`${id}-repeated`} checked={repeated === which} onChange={() => onChange(value, which)} />
              {i === 0 ? "The first" : "The second"}: {formatWardTimeWithZone(alternatives[i], timeZone)}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
