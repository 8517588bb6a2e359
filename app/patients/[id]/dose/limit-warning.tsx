"use client";
import { useEffect, useRef } from "react";
import type { DoseLimitConflict } from "@/lib/write-result";
import { formatWardDateTime } from "@/lib/format/time";
import { describe, Field } from "@/app/_components/field";

/**
 * The tocilizumab limits this dose would break, each flag with its rule text, and what would be
 * allowed instead. Charting it anyway needs a reason; the flag stays on the dose for ever.
 */
export function LimitWarning({
  situation,
  changed,
  timeZone,
  reason,
  reasonError,
  onReason,
  onConfirm,
  onBack,
  pending,
  isPhysician,
}: {
  situation: DoseLimitConflict;
  /** Set when the situation changed between the warning and the confirmation (409). */
  changed: string | null;
  timeZone: string;
  reason: string;
  reasonError?: string;
  onReason: (value: string) => void;
  onConfirm: () => void;
  onBack: () => void;
  pending: boolean;
  isPhysician: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [situation]);
  return (
    <section className="card notice bad" aria-labelledby="limit-title">
      <h2 id="limit-title" tabIndex={-1} ref={heading}>
        This dose breaks a tocilizumab limit
      </h2>
      {changed && (
        <p role="alert">
          <strong>The situation changed since the warning: {changed}</strong>
        </p>
      )}
      <ul>
        {situation.flags.map((flag) => {
          const texts = situation.reasons.filter((r) => r.rule === flag).map((r) => r.text);
          return (
            <li key={flag}>
              <strong>{flag}</strong>
              {texts.length > 0 && `: ${texts.join(" ")}`}
            </li>
          );
        })}
      </ul>
      <p>
        {situation.nextEligibleAt === null
          ? "No further tocilizumab dose is within the limits (TOCI-NEXT): see the recommendations on the timeline."
          : `Next dose within the limits: from ${formatWardDateTime(situation.nextEligibleAt, timeZone)} (TOCI-NEXT).`}
        {situation.recommendedDoseMg !== null && ` Recommended dose: ${situation.recommendedDoseMg} mg (TOCI-DOSE).`}
      </p>
      {!isPhysician && (
        <p>A nurse&apos;s or pharmacist&apos;s override is charted now and then waits for a physician to confirm it.</p>
      )}
      <Field id="dose-overrideReason" label="Reason for giving it despite the limit (required)" error={reasonError}>
        <textarea
          {...describe("dose-overrideReason", reasonError)}
          rows={2}
          value={reason}
          onChange={(e) => onReason(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={pending}>
          {pending ? "Saving…" : "Confirm and record"}
        </button>
        <button type="button" className="secondary" onClick={onBack} disabled={pending}>
          Change the dose
        </button>
      </div>
    </section>
  );
}
