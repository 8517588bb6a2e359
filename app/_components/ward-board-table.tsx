import Link from "next/link";
import type { WardBoardRow } from "@/lib/ward/ward-board";
import { GradePill } from "./grade-pill";
import { TimerLine } from "./timer-line";
import { tocilizumabLine } from "./tocilizumab-summary";
import { formatDuration, formatWardDateTime } from "@/lib/format/time";
import { isEscalationTimer } from "@/lib/format/timers";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { ObservationsPaused, WardTaskCell } from "./ward-task-cell";

/**
 * One row per active patient, sickest first (the order comes from loadWardBoard). Under ~800 px
 * the table becomes stacked cards; each cell carries its column name for that layout.
 */
export function WardBoardTable({ rows, now }: { rows: WardBoardRow[]; now: number }) {
  if (rows.length === 0) return <p>No active patients.</p>;
  return (
    <table className="board">
      <caption className="muted" style={{ textAlign: "left", padding: ".25rem 0" }}>
        {rows.length} active patients, sickest and most overdue first · updates every 30 s
      </caption>
      <thead>
        <tr>
          <th scope="col">Patient</th>
          <th scope="col">Tasks</th>
          <th scope="col">CRS now / max</th>
          <th scope="col">ICANS</th>
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
          return (
            <tr key={row.patient.id} className={owed || row.currentGrade >= 3 ? "acuity-high" : undefined}>
              <td data-label="Patient">
                <span>
                  <Link className="patient-name" href={`/patients/${row.patient.id}`}>
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
                <WardTaskCell patientId={row.patient.id} tasks={row.tasks} now={now} />
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
              <td data-label="CRS onset">
                {row.episodeStartedAt ? (
                  <span>
                    <span className="nowrap">{formatDuration(now - Date.parse(row.episodeStartedAt))} ago</span>
                    <br />
                    <span className="muted nowrap">{formatWardDateTime(row.episodeStartedAt, tz)}</span>
                  </span>
                ) : (
                  <span className="muted">No fever</span>
                )}
              </td>
              <td data-label="Escalation timers">
                {escalation.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <ul className="timer-list">
                    {escalation.map((t) => (
                      <li key={`${t.kind}-${t.startedAt}`}>
                        <TimerLine timer={t} timeZone={tz} now={now} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Tocilizumab">{tocilizumabLine(row.tocilizumab, tz, now)}</td>
              <td data-label="Observations due">
                {row.pause ? (
                  <ObservationsPaused pause={row.pause} timeZone={tz} />
                ) : row.observationsDue.length === 0 ? (
                  <span className="muted">–</span>
                ) : (
                  <ul className="timer-list">
                    {row.observationsDue.map((due) => (
                      <li key={due.kind}>
                        <TimerLine timer={due} timeZone={tz} now={now} />
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
