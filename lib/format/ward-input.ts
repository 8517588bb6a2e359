/**
 * <input type="datetime-local"> values are wall-clock times with no zone ("2026-03-29T01:30").
 * On the ward they mean the ward's zone, whatever zone the tablet is set to. Conversion goes through
 * @date-fns/tz; the only extra work is noticing the two nights a year when a wall time does not
 * exist (clocks go forward) or happens twice (clocks go back), which must not be guessed silently.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-03-01T06:00": the value a datetime-local input shows for an instant in the ward's zone. */
export function toWardInputValue(instant: string | number | Date, timeZone: string): string {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm");
}

export type WardInstant =
  | { ok: true; iso: string; alternatives?: undefined }
  /** Clocks went back: the wall time happened twice; `alternatives` are both instants, earlier first. */
  | { ok: true; iso: string; alternatives: [string, string] }
  | { ok: false; message: string };

/** The UTC ISO instant a datetime-local value means in the ward's zone. */
export function fromWardInputValue(value: string, timeZone: string): WardInstant {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return { ok: false, message: value.trim() === "" ? "is required" : `"${value}" is not a date and time` };
  const [year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN] = match.slice(1, 6).map(Number);
  const candidate = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (Number.isNaN(candidate.getTime())) return { ok: false, message: `"${value}" is not a date and time` };
  const wanted = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}`;
  // Every instant that shows this wall time in the zone: try the zone's offsets either side of it.
  const found = new Set<number>();
  for (const probe of [candidate.getTime() - 86_400_000, candidate.getTime(), candidate.getTime() + 86_400_000]) {
    const offsetMinutes = new TZDate(probe, timeZone).getTimezoneOffset();
    const ms = Date.UTC(year, month - 1, day, hour, minute) + offsetMinutes * 60_000;
    if (toWardInputValue(ms, timeZone) === wanted) found.add(ms);
  }
  const instants = [...found].sort((a, b) => a - b);
  const earliest = instants[0];
  const latest = instants.at(-1);
  if (earliest === undefined || latest === undefined) {
    return {
      ok: false,
      message: `${wanted.replace("T", " ")} does not exist in ${timeZone}: the clocks went forward that night; chart the time shown on the clock after the change (${toWardInputValue(candidate, timeZone).replace("T", " ")})`,
    };
  }
  const iso = new Date(earliest).toISOString();
  if (instants.length > 1) {
    return { ok: true, iso, alternatives: [iso, new Date(latest).toISOString()] };
  }
  return { ok: true, iso };
}

export type RepeatedHourChoice = "" | "earlier" | "later";

/**
 * A form's bedside time: the instant, or the message to show beside the field. On the night the
 * clocks go back, the user must say which of the two times they mean (`repeated`).
 */
export function resolveWardInput(
  value: string,
  repeated: RepeatedHourChoice,
  timeZone: string,
): { iso: string; problem: string | null } {
  const instant = fromWardInputValue(value, timeZone);
  if (!instant.ok) return { iso: "", problem: instant.message };
  if (!instant.alternatives) return { iso: instant.iso, problem: null };
  if (repeated === "")
    return { iso: "", problem: "happened twice tonight (the clocks went back): choose the first or the second" };
  return { iso: repeated === "later" ? instant.alternatives[1] : instant.alternatives[0], problem: null };
}
