"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import { formatWardDateTime } from "@/lib/format/time";

export interface DoseOutcome {
  flags: string[];
  awaitingOverrideConfirmation: boolean;
  lateEntryChanges: { id: string; at: string; before: number; after: number; text: string }[];
}

/** The dose as saved: its flags, whether a physician still has to confirm it, and anything it re-graded. */
export function DoseResult({
  outcome,
  patientId,
  timeZone,
  amended,
}: {
  outcome: DoseOutcome;
  patientId: string;
  timeZone: string;
  amended: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card result" aria-labelledby="dose-result-title">
      <h2 id="dose-result-title" tabIndex={-1} ref={heading}>
        {amended ? "Amendment saved" : "Dose recorded"}
      </h2>
      {outcome.flags.length > 0 && (
        <p>
          Charted with the limit flags <strong>{outcome.flags.join(", ")}</strong> and your reason.
        </p>
      )}
      {outcome.awaitingOverrideConfirmation && (
        <p>
          <span className="tag pending">Awaiting physician confirmation</span> of the override.
        </p>
      )}
      {outcome.lateEntryChanges.length > 0 && (
        <div className="notice warn" role="status">
          <strong>Late entry: earlier observations were re-graded (ALERT-LATE-ENTRY)</strong>
          <ul>
            {outcome.lateEntryChanges.map((c) => (
              <li key={c.id}>
                Observation at {formatWardDateTime(c.at, timeZone)} re-graded {c.before} → {c.after}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <Link className="button" href={`/patients/${patientId}`}>
          Back to the timeline
        </Link>
        <Link className="button secondary" href="/">
          Ward board
        </Link>
      </div>
    </section>
  );
}
