/**
 * The one way pages show times and durations: instants are UTC, shown in the ward's time zone
 * (Ward.timeZone) with Intl, never in the server's or the tablet's own zone.
 */
import { formatDuration } from "@/lib/engine/time";

/** Durations read the same in reasons and on pages: one definition, in the engine. */
export { formatDuration };

// Building a DateTimeFormat is costly; a 30-day timeline formats thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "time" | "dateTime" | "date" | "zone", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { timeZone, hourCycle: "h23" };
    if (kind === "time" || kind === "dateTime") Object.assign(options, { hour: "2-digit", minute: "2-digit" });
    if (kind === "dateTime" || kind === "date") Object.assign(options, { day: "numeric", month: "short" });
    if (kind === "date") options.weekday = "short";
    if (kind === "zone") Object.assign(options, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
    found = new Intl.DateTimeFormat("en-GB", options);
    formatters.set(key, found);
  }
  return found;
}

function toDate(instant: string | number | Date): Date {
  return instant instanceof Date ? instant : new Date(instant);
}

/** "14:20" in the ward's zone. */
export function formatWardTime(instant: string | number | Date, timeZone: string): string {
  return formatter("time", timeZone).format(toDate(instant));
}

/** "2 Mar 14:20" in the ward's zone. */
export function formatWardDateTime(instant: string | number | Date, timeZone: string): string {
  return formatter("dateTime", timeZone).format(toDate(instant)).replace(",", "");
}

/**
 * "14:20" when the instant falls on today's date on the ward's clock, "1 Mar 14:20" when it does
 * not: a bare time from yesterday (or tomorrow) reads as today's.
 */
export function formatWardTimeOrDate(instant: string | number | Date, timeZone: string, now: number | Date): string {
  // The zone's calendar dates compared (one cached formatter): two zoned date objects per call were
  // a fifth of a 200-patient board's rendering.
  const today = calendarDay(toDate(instant).getTime(), timeZone) === calendarDay(toDate(now).getTime(), timeZone);
  return today ? formatWardTime(instant, timeZone) : formatWardDateTime(instant, timeZone);
}

/** "Mon 2 Mar" in the ward's zone (chart ticks at midnight, day headings). */
export function formatWardDate(instant: string | number | Date, timeZone: string): string {
  return formatter("date", timeZone).format(toDate(instant)).replace(",", "");
}

/** "14:20 GMT" / "14:20 BST": the time with the zone's abbreviation, for printouts and clock-change nights. */
export function formatWardTimeWithZone(instant: string | number | Date, timeZone: string): string {
  return formatter("zone", timeZone).format(toDate(instant));
}

/** "BST" / "GMT": the zone's abbreviation at that instant (printouts name it, so a clock change is visible). */
export function wardZoneName(instant: string | number | Date, timeZone: string): string {
  return (
    formatter("zone", timeZone)
      .formatToParts(toDate(instant))
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone
  );
}

/** "in 3 h 20 min" before the due time, "OVERDUE 1 h 05 min" after it (due exactly now is overdue). */
export function formatCountdown(dueAt: string | number, now: number): { text: string; overdue: boolean } {
  const left = toDate(dueAt).getTime() - now;
  if (left > 0) return { text: `in ${formatDuration(left)}`, overdue: false };
  return { text: `OVERDUE ${formatDuration(-left)}`, overdue: true };
}

/**
 * D+n: calendar days since the infusion day (day 0) in the ward's zone, so a patient infused at
 * 23:30 is D+1 at 00:30 whatever zone the server runs in.
 */
export function dayAfterInfusion(infusionAt: string | Date, now: number | Date, timeZone: string): number {
  return (calendarDay(toDate(now).getTime(), timeZone) - calendarDay(toDate(infusionAt).getTime(), timeZone)) / DAY_MS;
}

const DAY_MS = 24 * 60 * 60_000;
const calendarDates = new Map<string, Intl.DateTimeFormat>();
/** Calendar days already worked out, by zone and instant: a board asks for the same `now` on every row. */
const calendarDaysKnown = new Map<string, number>();

/**
 * The zone's calendar date of an instant, as the UTC midnight of that date (so two of them are a
 * whole number of days apart). One formatter per zone: the board asks for every patient on every
 * read, and a zoned date object per call was a fifth of a kept board's cost.
 */
function calendarDay(ms: number, timeZone: string): number {
  const key = `${timeZone}|${ms}`;
  const known = calendarDaysKnown.get(key);
  if (known !== undefined) return known;
  let format = calendarDates.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    calendarDates.set(timeZone, format);
  }
  // "3/2/2026" (month/day/year, en-US numeric): cheaper than formatToParts' list of parts.
  const [month, day, year] = format.format(ms).split("/").map(Number);
  const calendar = Date.UTC(year!, month! - 1, day!);
  if (calendarDaysKnown.size >= 10_000) calendarDaysKnown.clear();
  calendarDaysKnown.set(key, calendar);
  return calendar;
}

export function formatDayAfterInfusion(infusionAt: string | Date, now: number | Date, timeZone: string): string {
  const day = dayAfterInfusion(infusionAt, now, timeZone);
  return day < 0 ? `D${day}` : `D+${day}`;
}
