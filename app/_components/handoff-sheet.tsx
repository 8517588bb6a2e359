import Link from "next/link";
import type { PatientTimeline } from "@/lib/timeline/load-timeline";
import { drugLabel } from "@/lib/engine/vocabulary";
import { GradePill } from "./grade-pill";
import { TimerLine } from "./timer-line";
import { tocilizumabLine } from "./tocilizumab-summary";
import { gradeTrajectory } from "@/lib/format/trajectory";
import { isOpenTimer } from "@/lib/format/timers";
import { infusionsText, neuroText, oxygenText, vitalsText } from "@/lib/format/observation-text";
import { crsGradeLabel, icansGradeLabel } from "@/lib/format/grade";
import { formatDayAfterInfusion, formatDuration, formatWardDateTime, wardZoneName } from "@/lib/format/time";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import type { TemperatureUnit } from "@/lib/format/temperature";

const DAY_MS = 24 * 3_600_000;

/**
 * One patient's last 24 hours on one printed A4 page for the ICU team: where the grade has been,
 * what was given and what remains, which clocks are running, what the rules recommend.
 */
export function HandoffSheet({
  timeline,
  now,
  headingLevel = 2,
  temperatureUnit,
}: {
  timeline: PatientTimeline;
  now: number;
  headingLevel?: 1 | 2;
  /** The reader's unit (lib/users/temperature-unit.ts). */
  temperatureUnit: TemperatureUnit;
}) {
  const { patient, graded } = timeline;
  const tz = patient.ward.timeZone;
  const from = now - DAY_MS;
  const steps = gradeTrajectory(graded.observations, from);
  const doses = timeline.doses
    .filter((d) => Date.parse(d.effectiveAt) > from)
    .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
  const doseNumber = new Map(graded.medications.map((m) => [m.id, m.doseNumber]));
  const last = timeline.observations.length ? timeline.observations[timeline.observations.length - 1] : null;
  const timers = graded.timers.filter(isOpenTimer);
  const escalation = timers.filter((t) => t.kind !== "OBS_DUE" && t.kind !== "ICE_DUE");
  const due = timers.filter((t) => t.kind === "OBS_DUE" || t.kind === "ICE_DUE");
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const sub = (text: string) => (headingLevel === 1 ? <h2>{text}</h2> : <h3>{text}</h3>);

  return (
    <article className="handoff-sheet" aria-label={`Handoff: ${displayText(patient.name)}`}>
      <Heading>
        {headingLevel === 1 ? "ICU handoff: " : ""}
        <Link href={`/patients/${patient.id}`}>{displayText(patient.name)}</Link>
      </Heading>
      <p>
        {formatMrn(patient.mrn)} · Bed {displayText(patient.bed)} · {formatDayAfterInfusion(patient.infusionAt, now, tz)} ·{" "}
        {displayText(patient.product)} · {patient.weightKg} kg
      </p>
      <p className="muted">
        Printed at {formatWardDateTime(now, tz)} ({tz}, {wardZoneName(now, tz)}) · covers the last 24 h
      </p>
      <p className="pill-row">
        CRS now <GradePill grade={graded.currentGrade} /> maximum <GradePill grade={graded.maxGrade} /> ICANS now{" "}
        <GradePill grade={graded.currentIcansGrade} kind="ICANS" />
        {graded.episodeStartedAt && (
          <span>
            {" "}
            · CRS onset {formatWardDateTime(graded.episodeStartedAt, tz)} (
            {formatDuration(now - Date.parse(graded.episodeStartedAt))} ago)
          </span>
        )}
      </p>

      {sub("Grade trajectory")}
      {steps.length === 0 ? (
        <p className="muted">No observations charted.</p>
      ) : (
        <ul className="reasons">
          {steps.map((s) => (
            <li key={s.at}>
              {formatWardDateTime(s.at, tz)}: CRS {crsGradeLabel(s.grade)}
              {s.icansGrade !== null && `, ICANS ${icansGradeLabel(s.icansGrade)}`}
              {s.carriedIn && " (last grade before the 24 h window)"}
            </li>
          ))}
        </ul>
      )}

      {sub("Doses in the last 24 h")}
      {doses.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Drug</th>
              <th scope="col">Dose</th>
              <th scope="col">Limit flags and override</th>
            </tr>
          </thead>
          <tbody>
            {doses.map((d) => (
              <tr key={d.id}>
                <td>{formatWardDateTime(d.effectiveAt, tz)}</td>
                <td>
                  {displayText(drugLabel(d.drug))}
                  {doseNumber.get(d.id) ? ` (dose ${doseNumber.get(d.id)})` : ""}
                </td>
                <td>
                  {d.doseMg} mg {d.route}
                </td>
                <td>
                  {d.flagsAtCharting.join(", ") || "–"}
                  {d.overrideReason && <> · reason: {displayText(d.overrideReason)}</>}
                  {d.awaitingOverrideConfirmation && " · awaiting physician confirmation"}
                  {d.overrideConfirmedBy && <> · confirmed by {displayText(d.overrideConfirmedBy.displayName)}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <strong>Tocilizumab:</strong> {tocilizumabLine(graded.tocilizumab, tz, now)}
        {graded.tocilizumab.recommendedDoseMg !== null && ` · recommended dose ${graded.tocilizumab.recommendedDoseMg} mg`}
      </p>

      {sub("Running and overdue timers")}
      {escalation.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="timer-list">
          {escalation.map((t) => (
            <li key={`${t.kind}-${t.startedAt}`}>
              <TimerLine timer={t} timeZone={tz} now={now} />
            </li>
          ))}
        </ul>
      )}

      {sub("Current recommendations")}
      {graded.recommendations.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="reasons">
          {graded.recommendations.map((r, i) => (
            <li key={`${r.rule}-${i}`}>
              <strong>{r.rule}</strong>: {r.text}
            </li>
          ))}
        </ul>
      )}
      {graded.alerts.length > 0 && (
        <>
          {sub("Alerts")}
          <ul className="reasons">
            {graded.alerts.map((a, i) => (
              <li key={`${a.rule}-${i}`}>
                <strong>{a.rule}</strong>: {a.text}
              </li>
            ))}
          </ul>
        </>
      )}

      {sub("Last vital signs")}
      {last ? (
        <p>
          {formatWardDateTime(last.effectiveAt, tz)}: {vitalsText(last, temperatureUnit)} · {oxygenText(last)}
          {infusionsText(last, tz) && ` · ${infusionsText(last, tz)}`}
          {neuroText(last) && ` · ${neuroText(last)}`}
        </p>
      ) : (
        <p className="muted">None charted.</p>
      )}

      {sub("Observations due")}
      {due.length === 0 ? (
        <p className="muted">Nothing due.</p>
      ) : (
        <ul className="timer-list">
          {due.map((t) => (
            <li key={`${t.kind}-${t.startedAt}`}>
              <TimerLine timer={t} timeZone={tz} now={now} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
