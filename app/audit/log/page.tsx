import Link from "next/link";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { closeFinishedDenialWindows } from "@/lib/auth/anonymous-denials";
import { recordReportViewed } from "@/lib/audit/access";
import { auditNames } from "@/lib/audit/audit-names";
import { ChangeTable } from "./change-table";
import {
  auditActors,
  auditPatients,
  auditLog,
  parseAuditLogFilters,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  NO_ACTOR,
  type AuditLogFilters,
} from "@/lib/audit/audit-log";
import { oversightTimeZone } from "@/lib/audit/ward-zone";
import { formatWardDateTime, formatWardTimeWithZone } from "@/lib/format/time";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { displayText } from "@/lib/format/display-text";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

function linkWith(filters: AuditLogFilters, before?: string): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "patient", "entityType", "entityId"] as const)
    if (filters[key]) params.set(key, filters[key]!);
  if (before) params.set("before", before);
  const query = params.toString();
  return query ? `/audit/log?${query}` : "/audit/log";
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageAccess("audit-log:view");
  const raw = await searchParams;
  const parsed = parseAuditLogFilters(raw);
  const filtersRead = parsed.ok
    ? Object.fromEntries(Object.entries(parsed.filters).filter(([, v]) => typeof v === "string"))
    : {};
  const [timeZone, actors, patients] = await Promise.all([
    oversightTimeZone(),
    auditActors(),
    auditPatients(),
    // Reading the trail is itself an access event; closed windows of refusals of nobody get their counts first.
    recordReportViewed(actorOf(user), "audit_log", filtersRead as Record<string, string>),
    closeFinishedDenialWindows(),
  ]);
  const result = parsed.ok ? await auditLog(parsed.filters) : null;
  const names = result ? await auditNames(result.entries) : new Map<string, string>();
  const value = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");

  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every recorded event, newest first. The log is append-only: nothing here can be changed or removed. Times in {timeZone}.
      </p>
      <form
        method="get"
        className="card no-print"
        aria-label="Filter events"
        style={{ display: "flex", gap: "1rem", flexWrap: "wrap", alignItems: "end" }}
      >
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={value("action")}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">Actor</label>
          <select id="actor" name="actor" defaultValue={value("actor")}>
            <option value="">Anyone</option>
            <option value={NO_ACTOR}>Not signed in</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {displayText(a.displayName)} ({a.username})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="patient">Patient</label>
          <select id="patient" name="patient" defaultValue={value("patient")}>
            <option value="">Any patient</option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {displayText(p.name)} (MRN {p.mrn})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entityType">Entity</label>
          <select id="entityType" name="entityType" defaultValue={value("entityType")}>
            <option value="">Any entity</option>
            {AUDIT_ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entityId">Entity id</label>
          <input id="entityId" name="entityId" defaultValue={value("entityId")} />
        </div>
        <button type="submit">Show</button>
        <Link href="/audit/log" className="button secondary">
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
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Role</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at.toISOString()} title={formatWardTimeWithZone(e.at, timeZone)}>
                      {formatWardDateTime(e.at, timeZone)}
                    </time>
                  </td>
                  <td>{displayText(e.actorName) ?? <span className="muted">not signed in</span>}</td>
                  <td>{e.role ? (ROLE_LABELS[e.role as Role] ?? e.role) : ""}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType}
                    {e.entityId && (
                      <div className="muted" title={e.entityId}>
                        {names.has(e.entityId) ? displayText(names.get(e.entityId)) : <code>{e.entityId}</code>}
                      </div>
                    )}
                  </td>
                  <td>
                    <ChangeTable before={e.before} after={e.after} names={names} timeZone={timeZone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.entries.length === 0 && <p>No events match.</p>}
          <p>
            {parsed.ok && parsed.filters.before && (
              <>
                <Link href={linkWith(parsed.filters)}>Newest events</Link>
                {" · "}
              </>
            )}
            {result.nextCursor && parsed.ok && <Link href={linkWith(parsed.filters, result.nextCursor)}>Older events</Link>}
          </p>
        </>
      )}
    </>
  );
}
