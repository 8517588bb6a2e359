import Link from "next/link";
import { clinicalRank } from "@/lib/ward/acuity";
import { acuityFactsOf, taskCounts, type WardBoardRow } from "@/lib/ward/ward-board";
import { GradePill } from "./grade-pill";
import { TimerLine } from "./timer-line";
import { tocilizumabLine } from "./tocilizumab-summary";
import { ObservationDueLine } from "./observation-due-line";
import { formatDuration, formatWardTimeOrDate } from "@/lib/format/time";
import { news2Class, news2ScoreText, NEWS2_BAND_WORDS, NEWS2_RESPONSE_WORDS } from "@/lib/format/news2";
import { isEscalationTimer } from "@/lib/format/timers";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { ObservationsPaused, WardTaskCell } from "./ward-task-cell";

/**
 * One row per active patient, sickest first (the order comes from loadWardBoard, CLINICAL-RULES.md
 * section 8). Under ~800 px the table becomes stacked cards; each cell carries its column name for
 * that layout. A time that is not today on the ward's clock shows its date.
 * `replay` (the board as it stood at a past moment, `now` = that moment): read-only, nothing ticks,
 * and every link opens the patient's chart replayed at the same moment rather than a live page.
 */
export function WardBoardTable({ rows, now, replay = false }: { rows: WardBoardRow[]; now: number; replay?: boolean }) {
  if (rows.length === 0) return <p>{replay ? "No patients were on the ward at that moment." : "No active patients."}</p>;
  const chartHref = (patientId: string) =>
    replay ? `/patients/${patientId}/replay?at=${encodeURIComponent(new Date(now).toISOString())}` : `/patients/${patientId}`;
  return (
    <table className="board">
      <caption className="muted" style={{ textAlign: "left", padding: ".25rem 0" }}>
        {rows.length} {replay ? "patients on the ward then" : "active patients"}, sickest first: late tasks, then the highest of
        CRS, ICANS and NEWS2, then open tasks, then overdue observations ·{" "}
        {replay ? "a replay: nothing updates" : "updates every 30 s"}
      </caption>
      <thead>
        <tr>
          <th scope="col">Patient</th>
          <th scope="col" className="tasks-column">
            Tasks
          </th>
          <th scope="col">CRS now / max</th>
          <th scope="col">ICANS</th>
          <th scope="col">NEWS2</th>
          <th scope="col">CRS onset</th>
          <th scope="col">Escalation timers</th>
          <th scope="col">Tocilizumab</th>
          <th scope="col">Observations due</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const tz = row.timeZone;
          const escalation = row.timers.filter(isEscalationTimer);
          const owed = escalation.some((t) => t.status === "overdue" && t.kind !== "TOCI_REDOSE");
          const high = owed || taskCounts(row).late > 0 || clinicalRank(acuityFactsOf(row)) >= 3;
          return (
            <tr key={row.patient.id} className={high ? "acuity-high" : undefined}>
              <td data-label="Patient">
                <span>
                  <Link className="patient-name" href={chartHref(row.patient.id)}>
                    {displayText(row.patient.name)}
                  </Link>
                  <br />
                  <strong className="day">D{row.dayPlusN < 0 ? row.dayPlusN : `+${row.dayPlusN}`}</strong> · Bed{" "}
                  {displayText(row.patient.bed)}
                  <br />
                  <span className="muted">{formatMrn(row.patient.mrn)}</span>
                </span>
              </td>
              <td data-label="Tasks">
                <WardTaskCell
                  patientId={row.patient.id}
                  tasks={row.tasks}
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
                    <span className="nowrap">{formatDuration(now - Date.parse(row.episodeStartedAt))} ago</span>
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
                  {tocilizumabLine(row.tocilizumab, tz, now)}
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
                  <ObservationsPaused pause={row.pause} timeZone={tz} />
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
      </tbody>
    </table>
  );
}

/** TOCI-CONFIRM: "1 unconfirmed limit breach" / "3 unconfirmed limit breaches on 2 doses", for a physician to confirm. */
function unconfirmedText({ flags, doses }: WardBoardRow["unconfirmedLimits"]): string {
  const breaches = `${flags} unconfirmed limit ${flags === 1 ? "breach" : "breaches"}`;
  return doses > 1 ? `${breaches} on ${doses} doses` : breaches;
}
