import Link from "next/link";
import type { GradedObservation } from "@/lib/engine";
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
import { pageLinks, type ObservationPage } from "@/lib/timeline/observation-page";
import { PendingLink } from "./pending-navigation";

/**
 * One page of the chosen window's observations, newest first (a 30-day stay has thousands): the
 * page number is in the address, so a link or a refresh keeps it, and the page links are links,
 * so they work from the keyboard.
 */
export function ObservationsTable({
  patientId,
  page,
  windowLabel,
  allHref,
  pageHref,
  counts,
  graded,
  timeZone,
  canChart,
  temperatureUnit,
}: {
  patientId: string;
  page: ObservationPage;
  windowLabel: string;
  /** The 'All' window's address, or null when this is it. */
  allHref: string | null;
  pageHref: (page: number) => string;
  /** The whole stay's observations, current and entered in error. */
  counts: { current: number; inError: number };
  graded: readonly GradedObservation[];
  timeZone: string;
  canChart: boolean;
  temperatureUnit: TemperatureUnit;
}) {
  const gradeById = new Map(graded.map((g) => [g.id, g]));
  const shown = page.rows;
  const first = (page.number - 1) * page.size + 1;
  return (
    <section aria-labelledby="obs-title">
      <h2 id="obs-title">
        Observations ({counts.current}
        {counts.inError ? `, ${counts.inError} entered in error` : ""})
      </h2>
      <p className="muted">
        {page.total === 0
          ? `None in the ${windowLabel} window.`
          : `${page.total} in the ${windowLabel} window; showing ${first}-${first + shown.length - 1}, newest first.`}{" "}
        {allHref && (
          <PendingLink href={allHref} what="every observation">
            Every observation
          </PendingLink>
        )}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">
            Observations in the {windowLabel} window, newest first, page {page.number} of {page.pages}
          </caption>
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
      {page.pages > 1 && <PageLinks page={page} pageHref={pageHref} />}
    </section>
  );
}

function PageLinks({ page, pageHref }: { page: ObservationPage; pageHref: (page: number) => string }) {
  const { number, pages } = page;
  return (
    <nav className="page-links" aria-label="Observation pages">
      {number > 1 && (
        <PendingLink href={pageHref(number - 1)} what={`page ${number - 1} of the observations`}>
          Newer
        </PendingLink>
      )}
      {pageLinks(number, pages).map((n, i) =>
        n === "gap" ? (
          <span key={`gap-${i}`} aria-hidden="true">
            …
          </span>
        ) : (
          <PendingLink
            key={n}
            href={pageHref(n)}
            what={`page ${n} of the observations`}
            aria-current={n === number ? "page" : undefined}
            aria-label={`Page ${n} of ${pages}`}
          >
            {n}
          </PendingLink>
        ),
      )}
      {number < pages && (
        <PendingLink href={pageHref(number + 1)} what={`page ${number + 1} of the observations`}>
          Older
        </PendingLink>
      )}
    </nav>
  );
}
