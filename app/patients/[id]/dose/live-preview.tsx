"use client";
import type { DosePreview } from "@/lib/doses/preview-dose";
import { formatWardDateTime } from "@/lib/format/time";

/**
 * The engine's answer for the tocilizumab dose being typed (previewDose): which dose it would be,
 * the counters, the next eligible time, the weight it is measured against, and every limit it
 * would break with its rule. Announced politely as it changes; nothing is stored.
 */
export function LivePreview({
  preview,
  problem,
  timeZone,
  now,
}: {
  preview: DosePreview | null;
  problem: string | null;
  timeZone: string;
  /** When the engine answered (epoch ms). */
  now: number;
}) {
  return (
    <section className={`card notice ${preview && preview.flags.length > 0 ? "bad" : ""}`} aria-labelledby="preview-title">
      <h2 id="preview-title">As typed</h2>
      <div role="status" aria-live="polite" data-testid="dose-preview">
        {problem && <p>Preview not available: {problem}</p>}
        {preview && (
          <>
            <p>
              {preview.doseNumber !== null ? <strong>This would be dose {preview.doseNumber} of 4.</strong> : null} Given so far:{" "}
              {preview.dosesTotal} of 4 in all, {preview.dosesLast24h} in the last 24 h, {preview.remainingTotal} left (TOCI-MAX).
              Next eligible:{" "}
              {preview.nextEligibleAt === null
                ? "no further dose (4 given)"
                : Date.parse(preview.nextEligibleAt) <= now
                  ? "now"
                  : formatWardDateTime(preview.nextEligibleAt, timeZone)}{" "}
              (TOCI-NEXT).
            </p>
            {preview.weightUsed && (
              <p>
                Weight used: {preview.weightUsed.kg} kg
                {preview.weightUsed.measuredAt ? `, measured ${formatWardDateTime(preview.weightUsed.measuredAt, timeZone)}` : ""}
                {preview.calculation ? ` · ${preview.calculation}` : ""}
              </p>
            )}
            {preview.weightStale && <p className="tag pending">{preview.weightStale}</p>}
            {preview.flags.length === 0 ? (
              <p>No tocilizumab limit broken.</p>
            ) : (
              <ul aria-label="Limits this dose would break">
                {preview.flags.map((flag) => (
                  <li key={flag}>
                    <strong>{flag}</strong>:{" "}
                    {preview.reasons
                      .filter((reason) => reason.rule === flag)
                      .map((reason) => reason.text)
                      .join(" ")}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
