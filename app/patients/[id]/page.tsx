import { notFound } from "next/navigation";
import { actorOf, requirePageAccess } from "@/lib/auth/guard";
import { recordRecordViewed } from "@/lib/audit/access";
import { can } from "@/lib/auth/permissions";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { LATE_ENTRY_HISTORY_LIMIT, loadLateEntryHistory } from "@/lib/timeline/late-entry-history";
import { chartTicks, chartWindowRange, CHART_WINDOW_LABELS, CHART_WINDOWS, parseChartWindow } from "@/lib/format/chart-window";
import { downsample, packPoints } from "@/lib/format/downsample";
import { chartMarkers, chartPoints, firstPointAt, placeMarkerLabels } from "@/lib/format/timeline-chart";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { LiveRefresh } from "@/app/_components/live-refresh";
import { latestChangeId } from "@/lib/live/change-feed";
import { PatientHeader } from "./_components/patient-header";
import { TimelineCharts } from "./_components/timeline-charts";
import { StatusPanels } from "./_components/status-panels";
import { ObservationsTable } from "./_components/observations-table";
import { DosesTable } from "./_components/doses-table";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";
import { TasksPanel } from "./_components/tasks-panel";
import { PausePanel } from "./_components/pause-panel";
import { IntervalForm } from "./_components/interval-form";
import { RecordHistory } from "./_components/record-history";
import { currentPause } from "@/lib/ward/ward-tasks";
import { observationPage, parsePageNumber, TABLE_PAGE_SIZE } from "@/lib/timeline/observation-page";
import { PendingLink, PendingRegion } from "./_components/pending-navigation";

export const dynamic = "force-dynamic";

export default async function PatientTimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ window?: string; page?: string }>;
}) {
  const user = await requirePageAccess("clinical:view");
  const { id } = await params;
  const query = await searchParams;
  const nowDate = new Date();
  const now = nowDate.getTime();
  const liveAfter = await latestChangeId(); // before the read: a write during it still refreshes
  const [timeline, lateEntries, , temperatureUnit] = await Promise.all([
    loadPatientTimeline(id, nowDate),
    // One more than is shown, to know whether to say that more exist.
    loadLateEntryHistory(id, LATE_ENTRY_HISTORY_LIMIT + 1),
    // Reading the chart is an audited access event (lib/audit/access.ts), written alongside the reads.
    recordRecordViewed(actorOf(user), id, "chart"),
    temperatureUnitOf(user),
  ]);
  if (!timeline) notFound();
  const { patient, graded } = timeline;
  const timeZone = patient.ward.timeZone;

  const window = parseChartWindow(query.window);
  const firstAt = firstPointAt(timeline.observations, graded.observations);
  const { from, to } = chartWindowRange(window, now, graded.episodeStartedAt, firstAt);
  // Only the window's points are built (all of them for 'All', which is bucketed from the whole stay).
  const { points, bucketMs } = downsample(chartPoints(timeline.observations, graded.observations, { from, to }), from, to);
  const markers = placeMarkerLabels(
    chartMarkers(graded.medications, graded.timers).filter((m) => m.t >= from && m.t <= to),
    from,
    to,
  );
  // The page sends what the screen shows: the window's chart (bucketed on the server when wide) and
  // one page of the window's observations, newest first. The engine still graded the whole stay.
  const table = observationPage(
    timeline.observations,
    timeline.enteredInError.observations,
    window === "all" ? { from: -Infinity, to: Infinity } : { from, to },
    parsePageNumber(query.page),
    TABLE_PAGE_SIZE,
  );
  const href = (w: string, page = 1) => `/patients/${patient.id}?window=${w}${page > 1 ? `&page=${page}` : ""}`;

  return (
    <>
      <AutoRefresh />
      <LiveRefresh after={liveAfter} patientId={patient.id} />
      <PatientHeader patient={patient} graded={graded} now={now} role={user.role} />
      <TasksPanel
        patientId={patient.id}
        tasks={graded.tasks}
        acknowledgements={timeline.taskFacts.acknowledgements}
        role={user.role}
        timeZone={timeZone}
        now={now}
      />
      {can(user.role, "observation:pause") && patient.status === "active" && (
        <PausePanel patientId={patient.id} pause={currentPause(timeline.taskFacts.pauses, nowDate)} timeZone={timeZone}>
          {can(user.role, "patient:manage") && (
            <IntervalForm patientId={patient.id} version={patient.version} current={patient.obsIntervalMinutes} />
          )}
        </PausePanel>
      )}
      <PendingRegion>
        <section aria-labelledby="charts-title">
          <h2 id="charts-title">Vital signs and grades</h2>
          <nav className="window-select" aria-label="Chart time window">
            {CHART_WINDOWS.map((w) => (
              <PendingLink
                key={w}
                href={href(w)}
                what={`the ${CHART_WINDOW_LABELS[w]} window`}
                aria-current={w === window ? "page" : undefined}
              >
                {CHART_WINDOW_LABELS[w]}
              </PendingLink>
            ))}
          </nav>
          {points.length === 0 ? (
            <p className="muted">No observations in this window.</p>
          ) : (
            <TimelineCharts
              series={packPoints(points)}
              from={from}
              to={to}
              ticks={chartTicks(from, to, timeZone)}
              timeZone={timeZone}
              markers={markers}
              bucketMs={bucketMs}
              temperatureUnit={temperatureUnit}
            />
          )}
        </section>
        <StatusPanels
          graded={graded}
          timeZone={timeZone}
          now={now}
          lateEntries={lateEntries.slice(0, LATE_ENTRY_HISTORY_LIMIT)}
          moreLateEntries={lateEntries.length > LATE_ENTRY_HISTORY_LIMIT}
        />
        <ObservationsTable
          patientId={patient.id}
          page={table}
          windowLabel={CHART_WINDOW_LABELS[window]}
          allHref={window === "all" ? null : href("all")}
          pageHref={(page) => href(window, page)}
          counts={{ current: timeline.observations.length, inError: timeline.enteredInError.observations.length }}
          graded={graded.observations}
          timeZone={timeZone}
          canChart={can(user.role, "observation:chart")}
          temperatureUnit={temperatureUnit}
        />
      </PendingRegion>
      <DosesTable
        patientId={patient.id}
        doses={timeline.doses}
        inError={timeline.enteredInError.doses}
        graded={graded.medications}
        timeZone={timeZone}
        canRecord={can(user.role, "dose:record")}
        canConfirm={can(user.role, "dose:confirm-override")}
      />
      <RecordHistory patientId={patient.id} timeZone={timeZone} />
    </>
  );
}
