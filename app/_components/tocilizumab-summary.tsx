import { TOCI_MAX_DOSES_TOTAL, type TocilizumabSummary as Summary } from "@/lib/engine";
import { formatWardDateTime } from "@/lib/format/time";

/** "2 of 4 · 1 in last 24 h · next from 2 Mar 14:20" (or "eligible now", or "no further doses"). */
export function tocilizumabLine(summary: Summary, timeZone: string, now: number): string {
  let next: string;
  if (summary.nextEligibleAt === null) next = "no further doses";
  else if (Date.parse(summary.nextEligibleAt) <= now) next = "next eligible now";
  else next = `next from ${formatWardDateTime(summary.nextEligibleAt, timeZone)}`;
  return `${summary.dosesTotal} of ${TOCI_MAX_DOSES_TOTAL} · ${summary.dosesLast24h} in last 24 h · ${next}`;
}

export function TocilizumabSummary({ summary, timeZone, now }: { summary: Summary; timeZone: string; now: number }) {
  return (
    <>
      <p className="toci-line">{tocilizumabLine(summary, timeZone, now)}</p>
      <p className="muted">
        {summary.recommendedDoseMg === null
          ? "No weight charted: no recommended dose."
          : `Recommended dose (TOCI-DOSE): ${summary.recommendedDoseMg} mg`}
      </p>
    </>
  );
}
