import type { TimelineOutput } from "@/lib/engine";
import { GradePill } from "@/app/_components/grade-pill";
import { TimerLine } from "@/app/_components/timer-line";
import { formatDuration, formatWardDateTime } from "@/lib/format/time";
import { isOpenTimer, TIMER_LABELS, TIMER_STATUS_LABELS } from "@/lib/format/timers";
import { TocilizumabSummary } from "@/app/_components/tocilizumab-summary";
import { LATE_ENTRY_RULE, lateEntryAlertDetail } from "@/lib/format/late-entry";
import type { LateEntryRegrade } from "@/lib/timeline/late-entry-history";

/**
 * The engine's view of the patient now: grades, open clocks, tocilizumab, what to do, what to watch;
 * and the late entries that re-graded charted observations (from the audit trail, most recent first).
 */
export function StatusPanels({
  graded,
  timeZone,
  now,
  lateEntries,
  moreLateEntries,
}: {
  graded: TimelineOutput;
  timeZone: string;
  now: number;
  lateEntries: readonly LateEntryRegrade[];
  /** More late entries exist than are listed (the audit log has them all). */
  moreLateEntries: boolean;
}) {
  const open = graded.timers.filter(isOpenTimer);
  const closed = graded.timers.filter((t) => !isOpenTimer(t));
  return (
    <div className="summary-grid">
      <section className="card" aria-labelledby="now-title">
        <h2 id="now-title">Now</h2>
        <dl className="facts">
          <dt>CRS, current</dt>
          <dd>
            <GradePill grade={graded.currentGrade} />
          </dd>
          <dt>CRS, maximum</dt>
          <dd>
            <GradePill grade={graded.maxGrade} />
          </dd>
          <dt>ICANS, current</dt>
          <dd>
            <GradePill grade={graded.currentIcansGrade} kind="ICANS" />
          </dd>
          <dt>CRS onset</dt>
          <dd>
            {graded.episodeStartedAt ? (
              <>
                {formatWardDateTime(graded.episodeStartedAt, timeZone)} (
                {formatDuration(now - Date.parse(graded.episodeStartedAt))} ago)
              </>
            ) : (
              "No CRS episode (no fever charted)"
            )}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="timers-title">
        <h2 id="timers-title">Timers</h2>
        {open.length === 0 ? (
          <p className="muted">No timer running.</p>
        ) : (
          <ul className="timer-list">
            {open.map((timer) => (
              <li key={`${timer.kind}-${timer.startedAt}`}>
                <TimerLine timer={timer} timeZone={timeZone} now={now} />
              </li>
            ))}
          </ul>
        )}
        {closed.length > 0 && (
          <details className="history">
            <summary>Closed timers ({closed.length})</summary>
            <ul className="timer-list">
              {closed.map((timer) => (
                <li key={`${timer.kind}-${timer.startedAt}`}>
                  {TIMER_LABELS[timer.kind]}: {TIMER_STATUS_LABELS[timer.status]}, started{" "}
                  {formatWardDateTime(timer.startedAt, timeZone)}
                  {timer.closedAt && <>, closed {formatWardDateTime(timer.closedAt, timeZone)}</>}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section className="card" aria-labelledby="toci-title">
        <h2 id="toci-title">Tocilizumab</h2>
        <TocilizumabSummary summary={graded.tocilizumab} timeZone={timeZone} now={now} />
      </section>
      <section className="card" aria-labelledby="rec-title">
        <h2 id="rec-title">Recommendations</h2>
        {graded.recommendations.length === 0 ? (
          <p className="muted">None at the current grade.</p>
        ) : (
          <ul className="reasons">
            {graded.recommendations.map((r, i) => (
              <li key={`${r.rule}-${i}`}>
                <strong>{r.rule}</strong>: {r.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      {/* The whole row: alert sentences are long, and a late entry's must be read, not skimmed. */}
      <section className="card wide" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Alerts</h2>
        {graded.alerts.length === 0 && lateEntries.length === 0 ? (
          <p className="muted">No alerts.</p>
        ) : (
          <ul className="reasons">
            {graded.alerts.map((a, i) => (
              <li key={`${a.rule}-${a.at}-${i}`}>
                <strong>{a.rule}</strong> ({formatWardDateTime(a.at, timeZone)}): {a.text}
              </li>
            ))}
            {lateEntries.map((r) => (
              <li key={r.id}>
                <strong>{LATE_ENTRY_RULE}</strong>: {lateEntryAlertDetail(r, timeZone)}
              </li>
            ))}
          </ul>
        )}
        {moreLateEntries && (
          <p className="muted small">Only the latest {lateEntries.length} late entries are listed; the audit log has them all.</p>
        )}
      </section>
    </div>
  );
}
