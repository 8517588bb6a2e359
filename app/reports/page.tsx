// The ward lead's report: for one ward and a range of its days, how the sets were charted against
// the time they were due (OBS_DUE before each set) and how quickly escalation tasks were answered.
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { recordReportViewed } from "@/lib/audit/access";
import { loadWardReport, parseWardReportFilters, wardChoices } from "@/lib/reports/load";
import { TASK_KIND_LABELS } from "@/lib/format/tasks";
import { SetsChart } from "./_components/sets-chart";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

const minutes = (value: number | null) => (value === null ? "—" : `${Math.round(value * 10) / 10} min`);

export default async function WardReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageAccess("ward-report:view");
  const raw = await searchParams;
  const now = new Date();
  const [parsed, wards] = await Promise.all([parseWardReportFilters(raw, now), wardChoices()]);
  await recordReportViewed(actorOf(user), "ward_report", parsed.ok ? { ...parsed.filters } : {});
  const report = parsed.ok ? await loadWardReport(parsed.filters, parsed.timeZone, now) : null;

  return (
    <>
      <h1>Ward report</h1>
      <p className="muted">
        Per ward day (the ward&apos;s own clock). A set is late when charted after the due time the chart showed just before it
        (OBS_DUE); the first set and sets during a pause are on time. Response time: task raised to first acknowledgement.
      </p>
      <form
        method="get"
        className="card no-print"
        aria-label="Choose ward and days"
        style={{ display: "flex", gap: "1rem", alignItems: "end" }}
      >
        <div className="field">
          <label htmlFor="ward">Ward</label>
          <select id="ward" name="ward" defaultValue={parsed.ok ? parsed.filters.wardId : ""}>
            {wards.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={parsed.ok ? parsed.filters.from : ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={parsed.ok ? parsed.filters.to : ""} />
        </div>
        <button type="submit">Show</button>
      </form>
      {!parsed.ok && (
        <p role="alert" className="overdue">
          {parsed.message}
        </p>
      )}
      {parsed.ok && report && (
        <>
          <p>
            <strong>{parsed.wardName}</strong>, {parsed.filters.from} to {parsed.filters.to} ({parsed.timeZone}).{" "}
            <a href={`/reports/export?${new URLSearchParams({ ...parsed.filters, ward: parsed.filters.wardId })}`} download>
              Download CSV
            </a>
          </p>
          <h2>Sets</h2>
          {report.days.length === 0 ? (
            <p className="muted">No sets charted on these days.</p>
          ) : (
            <>
              <SetsChart days={report.days} />
              <table aria-label="Sets per day">
                <thead>
                  <tr>
                    <th>Day</th>
                    <th>On time</th>
                    <th>Late</th>
                    <th>Minutes late</th>
                    <th>Refused</th>
                    <th>Not possible</th>
                  </tr>
                </thead>
                <tbody>
                  {report.days.map((d) => (
                    <tr key={d.day}>
                      <td>{d.day}</td>
                      <td>{d.onTime}</td>
                      <td>{d.late}</td>
                      <td>{d.lateMinutes.length ? d.lateMinutes.map((m) => `${m} min`).join(", ") : "—"}</td>
                      <td>{d.refused}</td>
                      <td>{d.notPossible}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h2>Task response times</h2>
          {report.tasks.length === 0 ? (
            <p className="muted">No tasks raised on these days.</p>
          ) : (
            <table aria-label="Task response times">
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Task</th>
                  <th>Whose</th>
                  <th>Raised</th>
                  <th>Acknowledged</th>
                  <th>Median</th>
                  <th>90th percentile</th>
                </tr>
              </thead>
              <tbody>
                {report.tasks.map((t) => (
                  <tr key={`${t.day}|${t.kind}|${t.role}`}>
                    <td>{t.day}</td>
                    <td>{TASK_KIND_LABELS[t.kind]}</td>
                    <td>{t.role}</td>
                    <td>{t.raised}</td>
                    <td>{t.acknowledged}</td>
                    <td>{minutes(t.medianMinutes)}</td>
                    <td>{minutes(t.p90Minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
