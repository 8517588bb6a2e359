import Link from "next/link";
import { requirePageAccess } from "@/lib/auth/guard";
import { loadWardBoard } from "@/lib/ward/ward-board";
import { drugLabel } from "@/lib/engine/vocabulary";
import { formatWardDateTime } from "@/lib/format/time";
import { formatMrn } from "@/lib/format/patient";
import { displayText } from "@/lib/format/display-text";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { ConfirmOverrideButton } from "@/app/patients/[id]/_components/fact-actions";

export const dynamic = "force-dynamic";

/**
 * A physician's queue (ALERT-UNCONFIRMED-LIMIT): every dose on the ward whose tocilizumab limit
 * flags nobody has confirmed, with every flag it has now, so a confirmation covers every breach.
 */
export default async function ConfirmationsPage() {
  await requirePageAccess("dose:confirm-override");
  const now = new Date();
  const rows = (await loadWardBoard(now)).filter((row) => row.unconfirmedDoses.length > 0);
  const total = rows.reduce((sum, row) => sum + row.unconfirmedDoses.length, 0);
  return (
    <>
      <AutoRefresh />
      <div className="page-head">
        <h1>Limits to confirm</h1>
        <p className="muted">
          {total === 0 ? "No dose waits for a physician." : `${total} dose${total === 1 ? "" : "s"} across the ward`}
        </p>
      </div>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Doses whose limit flags wait for a physician</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Dose</th>
                <th scope="col">Flags now</th>
                <th scope="col">Why (rule)</th>
                <th scope="col">Confirm</th>
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((row) =>
                row.unconfirmedDoses.map((dose) => {
                  const when = formatWardDateTime(dose.at, row.timeZone);
                  return (
                    <tr key={dose.id}>
                      <td>
                        <Link href={`/patients/${row.patient.id}`}>{displayText(row.patient.name)}</Link>
                        <br />
                        <span className="muted">
                          {formatMrn(row.patient.mrn)} · Bed {displayText(row.patient.bed)}
                        </span>
                      </td>
                      <td>
                        {when}: <strong>{displayText(drugLabel(dose.drug ?? dose.chartedName))}</strong>
                        {dose.doseNumber ? ` (dose ${dose.doseNumber} of 4)` : ""} {dose.doseMg} mg
                      </td>
                      <td className="keep">
                        <span className="pill-row">
                          {dose.flags.map((flag) => (
                            <span key={flag} className={dose.unconfirmedFlags.includes(flag) ? "tag flag" : "tag"}>
                              {flag}
                              {dose.unconfirmedFlags.includes(flag) ? " (unconfirmed)" : " (confirmed)"}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td>
                        <ul>
                          {dose.reasons.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      </td>
                      <td className="keep">
                        <ConfirmOverrideButton
                          versionId={dose.id}
                          what={`the dose of ${when} for ${displayText(row.patient.name)}`}
                          flags={dose.flags}
                        />
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
