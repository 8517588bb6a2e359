import Link from "next/link";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { recordReportViewed } from "@/lib/audit/access";
import {
  dosingAudit,
  dosingAuditChoices,
  filtersToParams,
  parseDosingAuditFilters,
  type DosingAuditVersion,
} from "@/lib/dosing-audit/report";
import { oversightTimeZone } from "@/lib/audit/ward-zone";
import { formatWardDateTime, formatWardTimeWithZone } from "@/lib/format/time";
import { displayText } from "@/lib/format/display-text";

export const dynamic = "force-dynamic";

const PAGE_LIMIT = 300;

type SearchParams = Record<string, string | string[] | undefined>;

/** The patient's chart and the ward board replayed at a confirmation's moment. */
function ReplayLinks({ patientId, at }: { patientId: string; at: Date }) {
  const instant = encodeURIComponent(at.toISOString());
  return (
    <div className="replay-links">
      <Link href={`/patients/${patientId}/replay?at=${instant}`}>Replay the chart then</Link> ·{" "}
      <Link href={`/?asOf=${instant}`}>Replay the board then</Link>
    </div>
  );
}

/** Every confirmation of the version (who, when, which flags, why), whether one is still owed, and the chart as then. */
function Confirmation({ v, timeZone, patientId }: { v: DosingAuditVersion; timeZone: string; patientId: string }) {
  return (
    <>
      {v.confirmedBy && <div>{displayText(v.confirmedBy.displayName)} (when charted)</div>}
      {v.confirmations.map((c) => (
        <div key={c.at.toISOString() + c.by.id}>
          {displayText(c.by.displayName)}, {formatWardDateTime(c.at, timeZone)}: {c.flags.join(", ")}
          <div className="muted">{displayText(c.reason)}</div>
          {/* The chart and the ward board as the physician saw them when confirming (ASOF). */}
          <ReplayLinks patientId={patientId} at={c.at} />
        </div>
      ))}
      {v.confirmedBy && <ReplayLinks patientId={patientId} at={v.recordedAt} />}
      {v.awaitingConfirmation && <strong className="overdue">Awaiting physician confirmation</strong>}
      {!v.confirmedBy && v.confirmations.length === 0 && !v.awaitingConfirmation && (
        <span className="muted">{v.flags.length ? "—" : "not needed"}</span>
      )}
    </>
  );
}

export default async function DosingAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageAccess("dosing-audit:view");
  const raw = await searchParams;
  const parsed = parseDosingAuditFilters(raw);
  const [timeZone, choices] = await Promise.all([
    oversightTimeZone(),
    dosingAuditChoices(),
    recordReportViewed(actorOf(user), "dosing_audit", parsed.ok ? filtersToParams(parsed.filters) : {}),
  ]);
  const result = parsed.ok ? await dosingAudit(parsed.filters, { timeZone, limit: PAGE_LIMIT }) : null;
  const value = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  const exportHref = `/audit/doses/export?${new URLSearchParams(parsed.ok ? filtersToParams(parsed.filters) : {})}`;
  const when = (d: Date) => `${formatWardDateTime(d, timeZone)}`;

  return (
    <>
      <h1>Dosing audit</h1>
      <p className="muted">Every dose with every version of it. Times in the ward&apos;s zone ({timeZone}).</p>
      <form
        method="get"
        className="card no-print"
        aria-label="Filter doses"
        style={{ display: "flex", gap: "1rem", flexWrap: "wrap", alignItems: "end" }}
      >
        <div className="field">
          <label htmlFor="patient">Patient</label>
          <select id="patient" name="patient" defaultValue={value("patient")}>
            <option value="">All patients</option>
            {choices.patients.map((p) => (
              <option key={p.id} value={p.id}>
                {displayText(p.name)} ({p.mrn})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="drug">Drug</label>
          <select id="drug" name="drug" defaultValue={value("drug")}>
            <option value="">All drugs</option>
            {choices.drugs.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">Given from</label>
          <input id="from" name="from" type="date" defaultValue={value("from")} />
        </div>
        <div className="field">
          <label htmlFor="to">Given to</label>
          <input id="to" name="to" type="date" defaultValue={value("to")} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="flagged" value="1" defaultChecked={value("flagged") === "1"} /> Flagged doses only
          </label>
        </div>
        <button type="submit">Show</button>
        <Link href="/audit/doses" className="button secondary">
          Clear
        </Link>
      </form>

      {!parsed.ok && (
        <div role="alert" className="form-error">
          {parsed.fieldErrors.map((e) => (
            <p key={e.path + e.message}>{e.message}</p>
          ))}
        </div>
      )}

      {result && (
        <>
          <p>
            {result.total} dose{result.total === 1 ? "" : "s"}
            {result.total > result.doses.length
              ? ` (showing the ${result.doses.length} most recent: narrow the filters or export)`
              : ""}
            {" · "}
            <a href={exportHref} download>
              Export CSV
            </a>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Version</th>
                <th scope="col">Dose</th>
                <th scope="col">Given</th>
                <th scope="col">Recorded</th>
                <th scope="col">Recorded by</th>
                <th scope="col">Flags at charting</th>
                <th scope="col">Override reason</th>
                <th scope="col">Confirmed by</th>
              </tr>
            </thead>
            {result.doses.map((dose) => (
              <tbody key={dose.lineageId} data-dose={dose.lineageId}>
                {dose.versions.map((v, i) => (
                  <tr key={v.id} className={v.current ? undefined : "muted"}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={dose.versions.length} style={{ verticalAlign: "top" }}>
                        <Link href={`/patients/${dose.patient.id}`}>{displayText(dose.patient.name)}</Link>
                        <div className="muted">
                          {dose.patient.mrn} · bed {displayText(dose.patient.bed)}
                        </div>
                      </th>
                    )}
                    <td>
                      v{v.version} {v.status === "final" ? "" : v.status.replace(/_/g, " ")}
                      {v.current ? "" : " (superseded)"}
                      {v.changeReason && <div className="muted">Reason: {displayText(v.changeReason)}</div>}
                    </td>
                    <td>
                      {displayText(v.drug)} {v.doseMg} mg {v.route}
                      {v.current && dose.now && <div>Dose {dose.now.doseNumber}</div>}
                    </td>
                    <td>
                      <time dateTime={v.effectiveAt.toISOString()} title={formatWardTimeWithZone(v.effectiveAt, timeZone)}>
                        {when(v.effectiveAt)}
                      </time>
                    </td>
                    <td>
                      <time dateTime={v.recordedAt.toISOString()}>{when(v.recordedAt)}</time>
                      {v.lateEntry && (
                        <div>
                          <strong>Late entry</strong>
                        </div>
                      )}
                    </td>
                    <td>
                      {displayText(v.recordedBy.displayName)}
                      <div className="muted">{v.recordedBy.role}</div>
                    </td>
                    <td>
                      {v.current && dose.now && dose.now.flags.join(" ") !== v.flags.join(" ") && (
                        <div>
                          <strong>Now: {dose.now.flags.length ? dose.now.flags.join(", ") : "none"}</strong>
                        </div>
                      )}
                      {v.flags.length ? (
                        v.flags.map((f) => (
                          <div key={f}>
                            <code>{f}</code>
                          </div>
                        ))
                      ) : (
                        <span className="muted">none</span>
                      )}
                    </td>
                    <td>{v.overrideReason ?? ""}</td>
                    <td>
                      <Confirmation v={v} timeZone={timeZone} patientId={dose.patient.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </>
      )}
    </>
  );
}
