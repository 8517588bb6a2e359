"use client";
/**
 * A bedside time typed on the WARD's clock (datetime-local), with "Set to now", and on the night the
 * clocks go back a required choice between the two instants that share the wall time.
 */
import { useSyncExternalStore } from "react";
import { fromWardInputValue, toWardInputValue, type RepeatedHourChoice } from "@/lib/format/ward-input";
import { formatDuration, formatWardTimeWithZone } from "@/lib/format/time";
import { describe, Field } from "./field";

export function WardTimeField({
  id,
  label,
  timeZone,
  value,
  repeated,
  error,
  onChange,
  checkAge = true,
}: {
  id: string;
  label: string;
  timeZone: string;
  value: string;
  repeated: RepeatedHourChoice;
  error?: string;
  onChange: (value: string, repeated: RepeatedHourChoice) => void;
  /** Say when the time is far from now (off for amendments, which are about the past). */
  checkAge?: boolean;
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
      {checkAge && instant.ok && <HowLongAgo iso={instant.iso} />}
      {alternatives && (
        <fieldset>
          <legend>The clocks went back: this time happened twice. Which one?</legend>
          {(
            [
              ["earlier", alternatives[0]],
              ["later", alternatives[1]],
            ] as const
          ).map(([which, iso], i) => (
            <label key={which} className="check">
              <input type="radio" name={`${id}-repeated`} checked={repeated === which} onChange={() => onChange(value, which)} />
              {i === 0 ? "The first" : "The second"}: {formatWardTimeWithZone(iso, timeZone)}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/**
 * "1 h 05 min ago": a form left open since the start of the round still says "now" from an hour
 * ago. Saying how long ago the time is catches that (and a wrong day) before it is charted.
 */
function HowLongAgo({ iso }: { iso: string }) {
  // The tablet's clock to the half minute; null on the server, so the page hydrates without it.
  const now = useSyncExternalStore(subscribeToClock, clockSnapshot, () => null);
  if (now === null) return null;
  const ago = now - Date.parse(iso);
  if (Math.abs(ago) < 15 * 60_000) return null;
  return (
    <p className="notice warn" role="status">
      {ago > 0 ? `This time is ${formatDuration(ago)} ago.` : `This time is ${formatDuration(-ago)} in the future.`} Check it is
      the bedside time, or use “Set to now”.
    </p>
  );
}

const CLOCK_STEP_MS = 30_000;
function subscribeToClock(onChange: () => void): () => void {
  const id = window.setInterval(onChange, CLOCK_STEP_MS);
  return () => window.clearInterval(id);
}
function clockSnapshot(): number {
  return Math.floor(Date.now() / CLOCK_STEP_MS) * CLOCK_STEP_MS;
}
