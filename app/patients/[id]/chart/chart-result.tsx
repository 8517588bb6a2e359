"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import type { GradedObservation } from "@/lib/engine";
import { GradePill } from "@/app/_components/grade-pill";
import { News2Pill } from "@/app/_components/news2-pill";
import { Reasons } from "@/app/_components/reasons";
import { formatWardDateTime } from "@/lib/format/time";

export interface ChartOutcome {
  /** null only if the saved version is no longer graded. */
  grade: GradedObservation | null;
  lateEntryChanges: { id: string; at: string; before: number; after: number; text: string }[];
}

/** What the engine made of the observation just saved, and what it re-graded (ALERT-LATE-ENTRY). */
export function ChartResult({
  outcome,
  timeZone,
  patientId,
  amended,
  onChartAnother,
}: {
  outcome: ChartOutcome;
  timeZone: string;
  patientId: string;
  amended: boolean;
  onChartAnother: () => void;
}) {
  const { grade, lateEntryChanges } = outcome;
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is replaced by this result: move focus here so the keyboard and screen reader follow.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card result" aria-labelledby="chart-result-title">
      <h2 id="chart-result-title" tabIndex={-1} ref={heading}>
        {amended ? "Amendment saved" : "Observation saved"}
        {grade && `: ${formatWardDateTime(grade.at, timeZone)}`}
      </h2>
      {grade && (
        <>
          <p className="pill-row">
            CRS <GradePill grade={grade.grade} /> ICANS <GradePill grade={grade.icansGrade} kind="ICANS" />{" "}
            <News2Pill news2={grade.news2} />
          </p>
          {grade.news2 && !grade.news2.complete && (
            <p className="muted">
              Not every NEWS2 parameter was charted in this set, so its NEWS2 is a lower bound (NEWS2-SCORE).
            </p>
          )}
          <Reasons reasons={grade.reasons} />
        </>
      )}
      {lateEntryChanges.length > 0 && (
        <div className="notice warn" role="status">
          <strong>Late entry: earlier observations were re-graded (ALERT-LATE-ENTRY)</strong>
          <ul>
            {lateEntryChanges.map((change) => (
              // The engine's own text gives the time in UTC: beside the ward time it reads as a second, different time.
              <li key={change.id}>
                Observation at {formatWardDateTime(change.at, timeZone)} re-graded {change.before} → {change.after}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <Link className="button" href={`/patients/${patientId}`}>
          Back to the timeline
        </Link>
        {!amended && (
          <button type="button" className="secondary" onClick={onChartAnother}>
            Chart another set
          </button>
        )}
      </div>
    </section>
  );
}
