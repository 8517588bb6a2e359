import Link from "next/link";
import type { GradedMedication } from "@/lib/engine";
import { drugLabel, ROUTE_LABELS, type Route } from "@/lib/engine/vocabulary";
import type { TimelineDose } from "@/lib/timeline/load-timeline";
import { CollapsedReasons } from "@/app/_components/reasons";
import { formatWardDateTime } from "@/lib/format/time";
import { FactHistoryDetails } from "./fact-history";
import { ConfirmOverrideButton, EnteredInErrorButton } from "./fact-actions";
import { displayText } from "@/lib/format/display-text";

/**
 * TOCI-CONFIRM: the flags the engine gives the dose now (a late earlier dose can add one), which a
 * physician confirmed, which wait for a physician, and every confirmation (who, when, why).
 */
function DoseLimits({ dose, graded, timeZone }: { dose: TimelineDose; graded?: GradedMedication; timeZone: string }) {
  const flags = graded?.flags ?? dose.flagsAtCharting;
  if (flags.length === 0) return <span className="muted">None</span>;
  return (
    <>
      <span className="pill-row">
        {flags.map((f) => (
          <span key={f} className="tag flag">
            {f}
          </span>
        ))}
      </span>
      {dose.overrideReason && <p>Reason: {displayText(dose.overrideReason)}</p>}
      {dose.confirmations.map((c) => (
        <p key={c.id ?? "charted"}>
          Confirmed {c.flags.join(", ")} by {displayText(c.by.displayName)}, {formatWardDateTime(c.at, timeZone)}
          {c.reason && c.id !== null ? `: ${displayText(c.reason)}` : ""}
        </p>
      ))}
      {graded && graded.unconfirmedFlags.length > 0 && (
        <p>
          <span className="tag pending">Awaiting physician confirmation: {graded.unconfirmedFlags.join(", ")}</span>
        </p>
      )}
    </>
  );
}

/** Every dose, newest first, with the limit flags shown at charting and who confirmed any override. */
export function DosesTable({
  patientId,
  doses,
  inError,
  graded,
  timeZone,
  canRecord,
  canConfirm,
}: {
  patientId: string;
  doses: TimelineDose[];
  inError: TimelineDose[];
  graded: readonly GradedMedication[];
  timeZone: string;
  canRecord: boolean;
  canConfirm: boolean;
}) {
  const gradedById = new Map(graded.map((m) => [m.id, m]));
  const rows = [...doses, ...inError].sort((a, b) => Date.parse(b.effectiveAt) - Date.parse(a.effectiveAt));
  return (
    <section aria-labelledby="doses-title">
      <h2 id="doses-title">Doses ({doses.length})</h2>
      {rows.length === 0 ? (
        <p className="muted">No doses charted.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Doses, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Drug and dose</th>
                <th scope="col">Limit flags and override</th>
                <th scope="col">Why (rule)</th>
                <th scope="col">Charted</th>
                {(canRecord || canConfirm) && <th scope="col">Correct</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const g = gradedById.get(d.id);
                const inErr = d.status === "entered_in_error";
                const when = formatWardDateTime(d.effectiveAt, timeZone);
                return (
                  <tr key={d.id} className={inErr ? "in-error" : undefined}>
                    <td>{when}</td>
                    <td>
                      <strong>{displayText(drugLabel(d.drug))}</strong>
                      {g?.doseNumber ? ` (dose ${g.doseNumber} of 4)` : ""} {d.doseMg} mg{" "}
                      {(ROUTE_LABELS as Record<string, string>)[d.route as Route] ?? d.route}
                      {inErr && (
                        <>
                          {" "}
                          <span className="tag flag">Entered in error</span>
                        </>
                      )}
                    </td>
                    <td className="keep">
                      <DoseLimits dose={d} graded={g} timeZone={timeZone} />
                    </td>
                    <td>{g ? <CollapsedReasons reasons={g.reasons} /> : null}</td>
                    <td className="keep">
                      {displayText(d.recordedBy.displayName)}, {formatWardDateTime(d.recordedAt, timeZone)}
                      {d.isLateEntry && (
                        <>
                          {" "}
                          <span className="tag late">Late entry</span>
                        </>
                      )}
                      {d.changeReason && <p className="muted">Reason: {displayText(d.changeReason)}</p>}
                      {d.versionCount > 1 && (
                        <FactHistoryDetails kind="dose" lineageId={d.lineageId} timeZone={timeZone} count={d.versionCount} />
                      )}
                    </td>
                    {(canRecord || canConfirm) && (
                      <td className="keep">
                        {!inErr && (
                          <div className="actions">
                            {canConfirm && g && g.unconfirmedFlags.length > 0 && (
                              <ConfirmOverrideButton versionId={d.id} what={`the dose of ${when}`} flags={g.flags} />
                            )}
                            {canRecord && (
                              <Link href={`/patients/${patientId}/dose?amend=${d.id}`} aria-label={`Amend the dose of ${when}`}>
                                Amend
                              </Link>
                            )}
                            {canRecord && <EnteredInErrorButton kind="dose" versionId={d.id} what={`the dose of ${when}`} />}
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
      )}
    </section>
  );
}
