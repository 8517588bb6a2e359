/**
 * What `GET /api/patients/[id]/timeline` sends: the patient, doses, weights, the engine's summary
 * (grades, timers, tasks, alerts) whole, and the observations of one window, one page at a time.
 * Each graded set is about 2.4 KB of JSON with its reasons, so a 30-day stay at 15 minutes was
 * 7 MB; a page of API_PAGE_SIZE sets keeps the default answer under 200 KB.
 */
import { chartWindowRange, parseChartWindow, type ChartWindow } from "@/lib/format/chart-window";
import type { PatientTimeline } from "./load-timeline";
import { API_PAGE_SIZE, observationPage, parsePageNumber } from "./observation-page";

export interface TimelineApiPage extends Omit<PatientTimeline, "engineInput"> {
  /** The whole stay's observations, current and entered in error, whatever the window and page. */
  counts: { observations: number; observationsInError: number };
  /** The window the observations were cut to; `from`/`to` ISO instants, null for 'all'. */
  window: { name: ChartWindow; from: string | null; to: string | null };
  page: {
    number: number;
    size: number;
    /** Observations (current and entered in error) in the window. */
    observations: number;
    pages: number;
    /** Addresses of the next newer and older pages, or null at either end. */
    newer: string | null;
    older: string | null;
  };
}

export function timelineApiPage(
  timeline: PatientTimeline,
  query: { window: string | null; page: string | null },
  path: string,
): TimelineApiPage {
  const { engineInput: _input, ...shown } = timeline;
  const window = parseChartWindow(query.window ?? undefined);
  const now = Date.parse(timeline.now);
  const firstAt = timeline.observations.length ? Date.parse(timeline.observations[0]!.effectiveAt) : null;
  const range =
    window === "all"
      ? { from: -Infinity, to: Infinity }
      : chartWindowRange(window, now, timeline.graded.episodeStartedAt, firstAt);
  const page = observationPage(
    timeline.observations,
    timeline.enteredInError.observations,
    range,
    parsePageNumber(query.page),
    API_PAGE_SIZE,
  );
  const onPage = new Set(page.rows.map((o) => o.id));
  const link = (n: number) => `${path}?window=${window}&page=${n}`;
  return {
    ...shown,
    // As before, in bedside-time order within the page.
    observations: timeline.observations.filter((o) => onPage.has(o.id)),
    enteredInError: {
      observations: timeline.enteredInError.observations.filter((o) => onPage.has(o.id)),
      doses: timeline.enteredInError.doses,
    },
    graded: { ...timeline.graded, observations: timeline.graded.observations.filter((g) => onPage.has(g.id)) },
    counts: { observations: timeline.observations.length, observationsInError: timeline.enteredInError.observations.length },
    window: {
      name: window,
      from: Number.isFinite(range.from) ? new Date(range.from).toISOString() : null,
      to: Number.isFinite(range.to) ? new Date(range.to).toISOString() : null,
    },
    page: {
      number: page.number,
      size: page.size,
      observations: page.total,
      pages: page.pages,
      newer: page.number > 1 ? link(page.number - 1) : null,
      older: page.number < page.pages ? link(page.number + 1) : null,
    },
  };
}
