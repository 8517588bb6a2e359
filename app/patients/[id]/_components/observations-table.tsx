import Link from "next/link";
import type { GradedObservation } from "@/lib/engine";
import type { TimelineObservation } from "@/lib/timeline/load-timeline";
import { GradePill } from "@/app/_components/grade-pill";
import { News2Pill } from "@/app/_components/news2-pill";
import type { TemperatureUnit } from "@/lib/format/temperature";
import { CollapsedReasons } from "@/app/_components/reasons";
import { infusionsText, neuroText, oxygenText, vitalsParts } from "@/lib/format/observation-text";
import { formatWardDateTime } from "@/lib/format/time";
import { FactHistoryDetails } from "./fact-history";
import { EnteredInErrorButton } from "./fact-actions";
import { displayText } from "@/lib/format/display-text";
import { MISSED_SET_LABELS, type MissedSetStatus } from "@/lib/format/missed-set";

/** Newest first, capped (a 30-day stay has thousands); "Show more" is a link, so it works from the keyboard. */
export function ObservationsTable({
  patientId,
  observations,
  inError,
  graded,
  timeZone,
  limit,
  canChart,
  moreHref,
  temperatureUnit,
}: {
  patientId: string;
  observations: TimelineObservation[];
  inError: TimelineObservation[];
  graded: readonly GradedObservation[];
  timeZone: string;
  limit: number;
  canChart: boolean;
  moreHref: string | null;
  temperatureUnit: TemperatureUnit;
}) {
  const gradeById = new Map(graded.map((g) => [g.id, g]));
  const rows = [...observations, ...inError].sort((a, b) => Date.parse(b.effectiveAt) - Date.parse(a.effectiveAt));
  const shown = rows.slice(0, limit);
  return (
    <section aria-labelledby="obs-title">
      <h2 id="obs-title">
        Observations ({observations.length}
        {inError.length ? `, ${inError.length} entered in error` : ""})
      </h2>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Observations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">CRS / ICANS / NEWS2</th>
              <th scope="col">Vital signs</th>
              <th scope="col">Oxygen and infusions</th>
              <th scope="col">Neuro</th>
              <th scope="col">Why (rule)</th>
              <th scope="col">Charted</th>
              {canChart && <th scope="col">Correct</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((o, index) => {
              const g = gradeById.get(o.id);
              const inErr = o.status === "entered_in_error";
              const infusions = infusionsText(o, timeZone);
              return (
                <tr key={o.id} className={inErr ? "in-error" : undefined}>
                  <td>{formatWardDateTime(o.effectiveAt, timeZone)}</td>
                  <td className="keep">
                    {inErr ? (
                      <span className="tag flag">Entered in error</span>
                    ) : (
                      <span className="pill-row">
                        <GradePill grade={g?.grade} /> <GradePill grade={g?.icansGrade} kind="ICANS" />{" "}
                        <News2Pill news2={g?.news2} small />
                      </span>
                    )}
                  </td>
                  <td>
                    {o.setStatus !== "charted" ? (
                      <span className="tag flag">
                        {MISSED_SET_LABELS[o.setStatus as MissedSetStatus] ?? o.setStatus}: {displayText(o.statusReason ?? "")}
                      </span>
                    ) : vitalsParts(o, temperatureUnit).length === 0 ? (
                      "–"
                    ) : (
                      vitalsParts(o, temperatureUnit).map((part, i) => (
                        <span key={part} className="nowrap">
                          {i > 0 && " · "}
                          {part}
                        </span>
                      ))
                    )}
                  </td>
                  <td>
                    {oxygenText(o)}
                    {infusions && (
                      <>
                        <br />
                        {o.carriedVasopressors ? <span className="carried">{infusions}</span> : infusions}
                      </>
                    )}
                  </td>
                  <td>{neuroText(o)}</td>
                  <td>
                    {g ? <CollapsedReasons reasons={g.reasons} open={index === 0} /> : null}
                    {o.note && <p className="muted">Note: {displayText(o.note)}</p>}
                  </td>
                  <td className="keep">
                    {displayText(o.recordedBy.displayName)}, {formatWardDateTime(o.recordedAt, timeZone)}
                    {o.isLateEntry && (
                      <>
                        {" "}
                        <span className="tag late">Late entry</span>
                      </>
                    )}
                    {o.changeReason && (
                      <p className="muted">
                        {o.status === "amended" ? "Amended" : "Reason"}: {displayText(o.changeReason)}
                      </p>
                    )}
                    {o.versionCount > 1 && (
                      <FactHistoryDetails
                        kind="observation"
                        lineageId={o.lineageId}
                        timeZone={timeZone}
                        count={o.versionCount}
                        temperatureUnit={temperatureUnit}
                      />
                    )}
                  </td>
                  {canChart && (
                    <td className="keep">
                      {!inErr && (
                        <div className="actions">
                          <Link
                            href={`/patients/${patientId}/chart?amend=${o.id}`}
                            aria-label={`Amend the observation of ${formatWardDateTime(o.effectiveAt, timeZone)}`}
                          >
                            Amend
                          </Link>
                          <EnteredInErrorButton
                            kind="observation"
                            versionId={o.id}
                            what={`the observation of ${formatWardDateTime(o.effectiveAt, timeZone)}`}
                          />
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <p>
          Showing the latest {shown.length} of {rows.length}.{" "}
          {moreHref && (
            <Link href={moreHref} scroll={false}>
              Show more
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
