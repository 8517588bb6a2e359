/**
 * Instants are epoch milliseconds inside the engine and UTC ISO-8601 strings at its edges.
 * Each charted time is parsed exactly once (a 30-day timeline has thousands), so the common
 * ISO shape is read digit by digit instead of through Date.parse.
 */
import { HOUR_MS, MINUTE_MS } from "./rules";

const DIGIT_0 = 48;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Fast path for YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM); NaN when the text has another shape. */
function parseIsoFast(text: string): number {
  if (text.length < 20) return NaN;
  if (text[4] !== "-" || text[7] !== "-" || (text[10] !== "T" && text[10] !== "t") || text[13] !== ":" || text[16] !== ":") {
    return NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  if (second < 0 || second > 59) return NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return NaN;
  let i = 19;
  let millis = 0;
  if (text[i] === ".") {
    i++;
    let scale = 100;
    const start = i;
    while (i < text.length) {
      const d = text.charCodeAt(i) - DIGIT_0;
      if (d < 0 || d > 9) break;
      millis += d * scale; // digits past milliseconds are truncated, as Date.parse does
      scale /= 10;
      i++;
    }
    if (i === start) return NaN;
    millis = Math.floor(millis);
  }
  let offsetMinutes = 0;
  const zone = text[i];
  if (zone === "Z" || zone === "z") {
    if (i + 1 !== text.length) return NaN;
  } else if (zone === "+" || zone === "-") {
    if (text.length !== i + 6 || text[i + 3] !== ":") return NaN;
    const offsetHours = digits(text, i + 1, 2);
    const offsetMins = digits(text, i + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === "+" ? 1 : -1);
  } else {
    return NaN;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * MINUTE_MS + second * 1000 + millis;
}

/**
 * Epoch ms of an ISO-8601 instant with a time zone. Throws on anything else: a time without a
 * zone is ambiguous on a ward that changes clocks, and the engine never guesses a time.
 */
export function parseInstant(text: string): number {
  const fast = parseIsoFast(text);
  if (!Number.isNaN(fast)) return fast;
  throw new RangeError(`"${text}" is not an ISO-8601 time with a time zone (e.g. 2026-03-01T06:00:00Z)`);
}

/** True when `text` parses with parseInstant. */
export function isInstant(text: string): boolean {
  return !Number.isNaN(parseIsoFast(text));
}

/** Year, month, day of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** "2026-03-01T06:00" (UTC) without going through Date, which is slow to format. */
function utcMinutePrefix(ms: number): { prefix: string; rest: number } | null {
  const days = Math.floor(ms / 86_400_000);
  const [year, month, day] = civilFromDays(days);
  if (year < 1000 || year > 9999) return null;
  const msOfDay = ms - days * 86_400_000;
  const minuteOfDay = Math.floor(msOfDay / MINUTE_MS);
  const hour = Math.floor(minuteOfDay / 60);
  return {
    prefix: `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minuteOfDay - hour * 60)}`,
    rest: msOfDay - minuteOfDay * MINUTE_MS,
  };
}

/**
 * The UTC toISOString() form of an instant. `text` is the original string when there is one:
 * when it is already in that form (or lacks only the milliseconds) it is reused, because
 * toISOString costs far more than the rest of grading an observation.
 */
export function toIsoUtc(ms: number, text?: string): string {
  if (text !== undefined) {
    if (text.length === 24 && text[23] === "Z" && text[19] === "." && text[10] === "T") return text;
    if (text.length === 20 && text[19] === "Z" && text[10] === "T") return text.slice(0, 19) + ".000Z";
  }
  const parts = utcMinutePrefix(ms);
  if (!parts) return new Date(ms).toISOString();
  const seconds = Math.floor(parts.rest / 1000);
  const millis = parts.rest - seconds * 1000;
  return `${parts.prefix}:${pad2(seconds)}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}

/** "2026-03-01 06:00Z": a clinician-readable UTC time for reason texts (seconds dropped). */
export function formatInstant(ms: number): string {
  const parts = utcMinutePrefix(ms);
  if (!parts) {
    const iso = new Date(ms).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
  }
  return `${parts.prefix.slice(0, 10)} ${parts.prefix.slice(11)}Z`;
}

/** "4 h 0 min", "7 h 59 min", "26 h 5 min", "-1 h 30 min": whole minutes, truncated toward zero. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  return `${sign}${hours} h ${totalMinutes - hours * 60} min`;
}

/** "8 h", "1.5 h": a setting's interval in hours. */
export function formatHours(hours: number): string {
  return `${hours} h`;
}

export const hoursToMs = (hours: number): number => hours * HOUR_MS;
