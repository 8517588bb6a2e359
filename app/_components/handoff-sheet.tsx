import { TASK_KIND_LABELS, roleLabel as taskRoleLabel, taskDueText } from "@/lib/format/tasks";
import { tasksOwed } from "@/lib/ward/ward-tasks";
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
import { news2Class, news2ScoreText, news2Text, NEWS2_BAND_WORDS, NEWS2_RESPONSE_WORDS } from "@/lib/format/news2";
import { news2Trend, TREND_VITALS, vitalTrends, type Trend } from "@/lib/format/vital-trends";
import type { HandoffSignOffShown } from "@/lib/handoff/sign-offs";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { HandoffSignOffForm } from "./handoff-sign-off-form";
import { PrintedBy } from "./printed-by";
import type { TemperatureUnit } from "@/lib/format/temperature";
import { ObservationDueLine } from "./observation-due-line";

const DAY_MS = 24 * 3_600_000;

/** The role as it was when signing (kept as text): its label when it is still a role. */
function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string | undefined>)[role] ?? role;
}

/** Who is looking at (and may print) the sheet. */
export interface SheetReader {
  displayName: string;
  roleLabel: string;
  /** May sign the handoff off (permission handoff:sign-off). */
  canSignOff: boolean;
}

/**
 * One patient's last 24 hours on one printed A4 page for the ICU team: where the grades and NEWS2
 * have been, each vital's last, lowest and highest value, what was given and what remains, limit
 * breaches nobody confirmed, which clocks are running, what the rules recommend, and who received
 * the handoff. Printed pages are numbered "Page n of m" (app/globals.css, @page).
 */
export function HandoffSheet({
  timeline,
  now,
  reader,
  signOffs,
  headingLevel = 2,
  temperatureUnit,
}: {
  timeline: PatientTimeline;
  now: number;
  reader: SheetReader;
  /** Sign-offs of this patient's handoff in the sheet's 24 h, latest first. */
  signOffs: readonly HandoffSignOffShown[];
  headingLevel?: 1 | 2;
  /** The reader's unit (lib/users/temperature-unit.ts). */
  temperatureUnit: TemperatureUnit;
}) {
  const { patient, graded } = timeline;
  const owed = tasksOwed(graded.tasks);
  const tz = patient.ward.timeZone;
  const from = now - DAY_MS;
  const steps = gradeTrajectory(graded.observations, from);
  const trends = vitalTrends(timeline.observations, from);
  const news2 = news2Trend(graded.observations, from);
  const unconfirmed = graded.medications.filter((m) => m.unconfirmedFlags.length > 0);
  const doses = timeline.doses
    .filter((d) => Date.parse(d.effectiveAt) > from)
    .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
  const doseNumber = new Map(graded.medications.map((m) => [m.id, m.doseNumber]));
  const last = timeline.observations.length ? timeline.observations[timeline.observations.length - 1] : null;
  const timers = graded.timers.filter(isOpenTimer);
  const escalation = timers.filter((t) => t.kind !== "OBS_DUE" && t.kind !== "ICE_DUE");
  const due = timers.filter((t): t is typeof t & { kind: "OBS_DUE" | "ICE_DUE" } => t.kind === "OBS_DUE" || t.kind === "ICE_DUE");
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
        Sheet as of {formatWardDateTime(now, tz)} ({tz}, {wardZoneName(now, tz)}) · covers the last 24 h ·{" "}
        <PrintedBy who={displayText(reader.displayName)} role={reader.roleLabel} serverNow={now} timeZone={tz} />
      </p>
      <p className="pill-row">
        CRS now <GradePill grade={graded.currentGrade} /> maximum <GradePill grade={graded.maxGrade} /> ICANS now{" "}
        <GradePill grade={graded.currentIcansGrade} kind="ICANS" />{" "}
        <span className={news2Class(graded.currentNews2)}>{news2Text(graded.currentNews2)}</span>
        {graded.episodeStartedAt && (
          <span>
            {" "}
            · CRS onset {formatWardDateTime(graded.episodeStartedAt, tz)} (
            {formatDuration(now - Date.parse(graded.episodeStartedAt))} ago)
          </span>
        )}
      </p>

      {sub("Unconfirmed limit breaches")}
      {unconfirmed.length === 0 ? (
        <p className="muted">None: every tocilizumab limit flag has been confirmed by a physician.</p>
      ) : (
        <ul className="reasons">
          {unconfirmed.map((m) => (
            <li key={m.id}>
              <strong>ALERT-UNCONFIRMED-LIMIT</strong>: {displayText(m.chartedName)}
              {m.doseNumber ? ` dose ${m.doseNumber}` : ""}, {m.doseMg} mg at {formatWardDateTime(m.at, tz)}:{" "}
              {m.unconfirmedFlags.join(", ")}, awaiting a physician&apos;s confirmation
            </li>
          ))}
        </ul>
      )}

      {sub("Trajectory: CRS, ICANS and NEWS2")}
      {steps.length === 0 ? (
        <p className="muted">No observations charted.</p>
      ) : (
        <ul className="reasons">
          {steps.map((s) => (
            <li key={s.at}>
              {formatWardDateTime(s.at, tz)}: CRS {crsGradeLabel(s.grade)}, ICANS {icansGradeLabel(s.icansGrade)}
              {s.news2 &&
                `, ${news2ScoreText(s.news2)} (${NEWS2_BAND_WORDS[s.news2.band]}: ${NEWS2_RESPONSE_WORDS[s.news2.band]})`}
              {s.carriedIn && " (last grades before the 24 h window)"}
            </li>
          ))}
        </ul>
      )}

      {sub("Vital signs over the last 24 h")}
      <table className="trend-table">
        <thead>
          <tr>
            <th scope="col">Vital sign</th>
            <th scope="col">Last</th>
            <th scope="col">Lowest</th>
            <th scope="col">Highest</th>
            <th scope="col">Sets</th>
          </tr>
        </thead>
        <tbody>
          {TREND_VITALS.map((vital) => (
            <TrendRow key={vital.key} label={vital.label} unit={vital.unit} trend={trends[vital.key]} timeZone={tz} />
          ))}
          <TrendRow
            label="NEWS2"
            unit=""
            trend={news2}
            timeZone={tz}
            note={news2 && !news2.lastComplete ? "last set incomplete: at least" : undefined}
          />
        </tbody>
      </table>

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

      {/* Section 8: what is owed is handed over with the patient, late first. */}
      {sub("Open and late tasks")}
      {owed.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="timer-list task-list">
          {owed.map((task) => (
            <li key={task.id} data-task-kind={task.kind} data-task-status={task.status}>
              <strong className={task.status === "late" ? "overdue" : undefined}>
                {task.status === "late" ? "LATE" : "OPEN"}
              </strong>{" "}
              {TASK_KIND_LABELS[task.kind]}: {taskDueText(task, now)} ({taskRoleLabel(task.role)}, <code>{task.kind}</code>)
            </li>
          ))}
        </ul>
      )}

      {sub("Observations due")}
      {due.length === 0 ? (
        <p className="muted">Nothing due.</p>
      ) : (
        <ul className="timer-list">
          {due.map((t) => (
            <li key={`${t.kind}-${t.startedAt}`}>
              <ObservationDueLine kind={t.kind} dueAt={t.dueAt} serverNow={now} timeZone={tz} />
            </li>
          ))}
        </ul>
      )}

      {sub("Handoff sign-off")}
      {signOffs.length === 0 ? (
        <p>
          <strong>Not signed off</strong> by a receiving clinician in the last 24 h.
        </p>
      ) : (
        <ul className="reasons sign-offs">
          {signOffs.map((signOff) => (
            <li key={signOff.id}>
              <strong>
                Signed off by {displayText(signOff.signedByName)} ({roleLabel(signOff.role)}) at{" "}
                {formatWardDateTime(signOff.signedAt, tz)}
              </strong>
              , the sheet as of {formatWardDateTime(signOff.sheetAt, tz)}
              {signOff.note && <> · {displayText(signOff.note)}</>}
            </li>
          ))}
        </ul>
      )}
      {reader.canSignOff && patient.status === "active" && (
        <HandoffSignOffForm
          patientId={patient.id}
          patientName={displayText(patient.name)}
          sheetAt={new Date(now).toISOString()}
        />
      )}
    </article>
  );
}

/** One line of the 24 h trend: last, lowest and highest with their times; "not charted" when none. */
function TrendRow({
  label,
  unit,
  trend,
  timeZone,
  note,
}: {
  label: string;
  unit: string;
  trend: Trend | null;
  timeZone: string;
  note?: string;
}) {
  const value = (v: number, at: string) => (
    <>
      {v}
      {unit && ` ${unit}`} <span className="muted small">{formatWardDateTime(at, timeZone)}</span>
    </>
  );
  return (
    <tr>
      <th scope="row">{label}</th>
      {trend ? (
        <>
          <td>
            {value(trend.last, trend.lastAt)}
            {note && <span className="muted small"> ({note})</span>}
          </td>
          <td>{value(trend.min, trend.minAt)}</td>
          <td>{value(trend.max, trend.maxAt)}</td>
          <td>{trend.count}</td>
        </>
      ) : (
        <td colSpan={4} className="muted">
          Not charted in the last 24 h
        </td>
      )}
    </tr>
  );
}
