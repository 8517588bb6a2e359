"use client";
import Link from "next/link";
import { GradePill } from "./grade-pill";
import { TimerLine } from "./timer-line";
import { ObservationDueLine } from "./observation-due-line";
import { formatDuration, formatWardTimeOrDate } from "@/lib/format/time";
import { news2Class, news2ScoreText, NEWS2_BAND_WORDS, NEWS2_RESPONSE_WORDS } from "@/lib/format/news2";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { ObservationsPaused, WardTaskCell } from "./ward-task-cell";
import type { BoardRowView } from "./board-row-view";
import { useStartedInBrowser } from "./use-started-in-browser";
import { FIRST_SCREEN_ROWS } from "./board-first-screen";

/**
 * The board's rows (app/_components/ward-board-table.tsx draws the table around them): the first
 * screen's rendered on the server into the HTML (board-first-screen.ts), all of them hydrated for
 * their live countdowns. A client component on purpose: a server-rendered table travels twice, as
 * HTML and again as the server-component tree in the page's payload (and in full on every 30 s
 * refresh); here only the rows' data (BoardRowView) travels beside the HTML.
 */
export function WardBoardRows({ rows, now, replay }: { rows: BoardRowView[]; now: number; replay: boolean }) {
  const chartHref = (patientId: string) =>
    replay ? `/patients/${patientId}/replay?at=${encodeURIComponent(new Date(now).toISOString())}` : `/patients/${patientId}`;
  const inBrowser = useStartedInBrowser();
  const shown = inBrowser ? rows : rows.slice(0, FIRST_SCREEN_ROWS);
  const waiting = rows.length - shown.length;
  return (
    <tbody>
      {shown.map((row) => {
        const tz = row.timeZone;
        const escalation = row.timers;
        return (
          <tr key={row.patient.id} className={row.high ? "acuity-high" : undefined}>
            <td data-label="Patient">
              <span>
                <Link className="patient-name" href={chartHref(row.patient.id)}>
                  {displayText(row.patient.name)}
                </Link>
                <br />
                <strong className="day">{row.dayPlusN < 0 ? `D${row.dayPlusN}` : `D+${row.dayPlusN}`}</strong>
                {` · Bed ${displayText(row.patient.bed)}`}
                <br />
                <span className="muted">{formatMrn(row.patient.mrn)}</span>
              </span>
            </td>
            <td data-label="Tasks">
              <WardTaskCell
                patientId={row.patient.id}
                tasks={row.tasks}
                counts={row.taskCounts}
                now={now}
                replayHref={replay ? chartHref(row.patient.id) : undefined}
              />
            </td>
            <td data-label="CRS now / max">
              <span>
                <GradePill grade={row.currentGrade} />
                <br />
                <span className="muted small">max</span> <GradePill grade={row.maxGrade} small />
              </span>
            </td>
            <td data-label="ICANS">
              <GradePill grade={row.currentIcansGrade} kind="ICANS" />
            </td>
            <td data-label="NEWS2">
              {row.currentNews2 ? (
                <span className={news2Class(row.currentNews2)}>
                  <span className="news2-score">{news2ScoreText(row.currentNews2)}</span>
                  <br />
                  <span className="news2-band" title={NEWS2_RESPONSE_WORDS[row.currentNews2.band]}>
                    {NEWS2_BAND_WORDS[row.currentNews2.band]}
                  </span>
                </span>
              ) : (
                <span className="muted">Not charted</span>
              )}
            </td>
            <td data-label="CRS onset">
              {row.episodeStartedAt ? (
                <span>
                  <span className="nowrap">{`${formatDuration(now - Date.parse(row.episodeStartedAt))} ago`}</span>
                  <br />
                  <span className="muted nowrap">{formatWardTimeOrDate(row.episodeStartedAt, tz, now)}</span>
                </span>
              ) : (
                <span className="muted">No fever</span>
              )}
              {row.noFever && (
                <p className={row.noFever.current ? "board-alert" : "board-alert earlier"}>
                  <strong>ALERT-NO-FEVER</strong>
                  {row.noFever.current ? "" : ` (earlier, ${formatWardTimeOrDate(row.noFever.at, tz, now)})`}:{" "}
                  {row.noFever.text.replace(/\s*\(ALERT-NO-FEVER\)$/, "")}
                </p>
              )}
            </td>
            <td data-label="Escalation timers">
              {escalation.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <ul className="timer-list">
                  {escalation.map((t) => (
                    <li key={`${t.kind}-${t.startedAt}`}>
                      <TimerLine timer={t} timeZone={tz} now={now} frozen={replay} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label="Tocilizumab">
              <span>
                {row.tocilizumab}
                {row.unconfirmedLimits.flags > 0 && (
                  <>
                    <br />
                    <Link className="board-alert unconfirmed" href={chartHref(row.patient.id)}>
                      {unconfirmedText(row.unconfirmedLimits)}
                    </Link>
                  </>
                )}
              </span>
            </td>
            <td data-label="Observations due">
              {row.pause ? (
                <ObservationsPaused pause={row.pause} timeZone={tz} now={now} />
              ) : row.observationsDue.length === 0 ? (
                <span className="muted">–</span>
              ) : (
                <ul className="timer-list">
                  {row.observationsDue.map((due) => (
                    <li key={due.kind}>
                      <ObservationDueLine kind={due.kind} dueAt={due.dueAt} serverNow={now} timeZone={tz} frozen={replay} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
      {waiting > 0 && (
        <tr className="rows-waiting">
          <td colSpan={9} role="status">
            {`${waiting} more ${waiting === 1 ? "patient" : "patients"}, less acute than those above: loading…`}
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** TOCI-CONFIRM: "1 unconfirmed limit breach" / "3 unconfirmed limit breaches on 2 doses", for a physician to confirm. */
function unconfirmedText({ flags, doses }: BoardRowView["unconfirmedLimits"]): string {
  const breaches = `${flags} unconfirmed limit ${flags === 1 ? "breach" : "breaches"}`;
  return doses > 1 ? `${breaches} on ${doses} doses` : breaches;
}
