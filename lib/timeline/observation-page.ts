/**
 * One page of a patient's observations in a time window, newest first: what the patient page's
 * table and the timeline API send instead of the whole stay (30 days at 15 minutes is 2,880 sets).
 * The engine still grades the whole history; only what is sent is cut. Current and "entered in
 * error" versions are paged together, as the table shows them, by bedside time.
 */
import type { TimelineObservation } from "./load-timeline";

/** Rows per page of the patient page's table: a screenful or two, not a stay. */
export const TABLE_PAGE_SIZE = 25;
/** Observations per page of the timeline API: keeps a page of graded sets well under 200 KB. */
export const API_PAGE_SIZE = 50;
const MAX_PAGE = 1_000_000;

/** `?page=` from the address: a whole number from 1; anything else is the first page. */
export function parsePageNumber(value: string | string[] | null | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d{1,7}$/.test(text)) return 1;
  return Math.min(Math.max(1, Number(text)), MAX_PAGE);
}

export interface ObservationPage {
  /** The page's rows, newest first. */
  rows: TimelineObservation[];
  /** 1-based; a page past the last is read as the last. */
  number: number;
  size: number;
  /** Observations (current and entered in error) in the window. */
  total: number;
  /** At least 1, so "page 1 of 1" reads right when the window is empty. */
  pages: number;
}

/**
 * The `page`th page of `size` rows of the observations whose bedside time is in [from, to], newest
 * first. Ties keep a fixed order (by id) so a row never shows on two pages or on none.
 */
export function observationPage(
  observations: readonly TimelineObservation[],
  inError: readonly TimelineObservation[],
  range: { from: number; to: number },
  page: number,
  size: number,
): ObservationPage {
  const inWindow = [...observations, ...inError]
    .map((o) => ({ o, t: Date.parse(o.effectiveAt) }))
    .filter(({ t }) => t >= range.from && t <= range.to)
    .sort((a, b) => b.t - a.t || (a.o.id < b.o.id ? -1 : a.o.id > b.o.id ? 1 : 0));
  const pages = Math.max(1, Math.ceil(inWindow.length / size));
  const number = Math.min(Math.max(1, Math.floor(page)), pages);
  const rows = inWindow.slice((number - 1) * size, number * size).map(({ o }) => o);
  return { rows, number, size, total: inWindow.length, pages };
}

/** Page numbers to offer as links: the first, the last, and two either side of the current one. */
export function pageLinks(current: number, pages: number): (number | "gap")[] {
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1]! > 1) out.push("gap");
    out.push(n);
  }
  return out;
}
