/**
 * Instants are epoch milliseconds inside the engine and UTC ISO-8601 strings at its edges.
 * Each charted time is parsed exactly once (a 30-day timeline has thousands), so the common
 * ISO shape is read digit by digit instead of through Date.parse.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

const DIGIT_0 = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;

/** Two digits at `at` as a number, or a negative number when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - DIGIT_0;
  const units = text.charCodeAt(at + 1) - DIGIT_0;
  if (tens < 0 || tens > 9 || units < 0 || units > 9) return -1;
  return tens * 10 + units;
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

/**
 * Consecutive charted times mostly share their date, so the days of the last date parsed are
 * remembered (a pure cache: the same date always gives the same days).
 */
let lastDateKey = -1;
let lastDateDays = NaN;

/** Days of a valid date, remembered as the last date parsed; NaN for a day the month does not have. */
function daysOfDate(key: number, year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1) return NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return NaN;
  lastDateKey = key;
  lastDateDays = daysFromCivil(year, month, day);
  return lastDateDays;
}

/** Days of a YYYY-MM-DD prefix, or NaN. */
function parseDate(text: string): number {
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return NaN;
  const year = century * 100 + yy;
  const key = (year * 100 + month) * 100 + day;
  return key === lastDateKey ? lastDateDays : daysOfDate(key, year, month, day);
}

/** The digit at `at` (0-9), or a number outside 0-9. */
const digit = (text: string, at: number): number => text.charCodeAt(at) - DIGIT_0;

/**
 * The shapes nearly every charted time has, YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DDTHH:MM:SS.sssZ
 * (toISOString), read in one go into out[index]; false for any other text, which parseIsoFast
 * then reads (it accepts these shapes too, with the same result). The instant is written to a
 * Float64Array rather than returned, which would box it (a timeline parses thousands).
 */
function readUtcShape(text: string, out: Float64Array, index: number): boolean {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== UPPER_Z) return false;
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== UPPER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return false;
  }
  const y1 = digit(text, 0);
  const y2 = digit(text, 1);
  const y3 = digit(text, 2);
  const y4 = digit(text, 3);
  const mo1 = digit(text, 5);
  const mo2 = digit(text, 6);
  const d1 = digit(text, 8);
  const d2 = digit(text, 9);
  const h1 = digit(text, 11);
  const h2 = digit(text, 12);
  const mi1 = digit(text, 14);
  const mi2 = digit(text, 15);
  const s1 = digit(text, 17);
  const s2 = digit(text, 18);
  // `>>> 0` makes a negative difference huge, so one comparison checks each character is a digit.
  if (
    y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || y4 >>> 0 > 9 ||
    mo1 >>> 0 > 9 || mo2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9 ||
    h1 >>> 0 > 9 || h2 >>> 0 > 9 || mi1 >>> 0 > 9 || mi2 >>> 0 > 9 || s1 >>> 0 > 9 || s2 >>> 0 > 9
  ) {
    return false;
  }
  let millis = 0;
  if (length === 24) {
    const f1 = digit(text, 20);
    const f2 = digit(text, 21);
    const f3 = digit(text, 22);
    if (text.charCodeAt(19) !== DOT || f1 >>> 0 > 9 || f2 >>> 0 > 9 || f3 >>> 0 > 9) return false;
    millis = f1 * 100 + f2 * 10 + f3;
  }
  const hour = h1 * 10 + h2;
  const minute = mi1 * 10 + mi2;
  const second = s1 * 10 + s2;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const year = ((y1 * 10 + y2) * 10 + y3) * 10 + y4;
  const month = mo1 * 10 + mo2;
  const day = d1 * 10 + d2;
  const key = (year * 100 + month) * 100 + day;
  const days = key === lastDateKey ? lastDateDays : daysOfDate(key, year, month, day);
  if (Number.isNaN(days)) return false;
  out[index] = days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return true;
}

/** Fast path for YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM); NaN when the text has another shape. */
function parseIsoFast(text: string): number {
  const length = text.length;
  if (length < 20) return NaN;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (separator !== UPPER_T && separator !== LOWER_T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return NaN;
  }
  const days = parseDate(text);
  if (Number.isNaN(days)) return NaN;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === DOT) {
    i++;
    let scale = 100;
    const start = i;
    while (i < length) {
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
  const zone = text.charCodeAt(i);
  if (zone === UPPER_Z || zone === LOWER_Z) {
    if (i + 1 !== length) return NaN;
  } else if (zone === PLUS || zone === DASH) {
    if (length !== i + 6 || text.charCodeAt(i + 3) !== COLON) return NaN;
    const offsetHours = twoDigits(text, i + 1);
    const offsetMins = twoDigits(text, i + 4);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === PLUS ? 1 : -1);
  } else {
    return NaN;
  }
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * MINUTE_MS + second * 1000 + millis;
}

/**
 * Epoch ms of an ISO-8601 instant with a time zone. Throws on anything else: a time without a
 * zone is ambiguous on a ward that changes clocks, and the engine never guesses a time.
 */
export function parseInstant(text: string): number {
  if (readUtcShape(text, scratch, 0)) return scratch[0];
  const fast = parseIsoFast(text);
  if (!Number.isNaN(fast)) return fast;
  throw new RangeError(`"${text}" is not an ISO-8601 time with a time zone (e.g. 2026-03-01T06:00:00Z)`);
}

const scratch = new Float64Array(1);

/** out[index] = parseInstant(text), without boxing the number on the usual shapes. */
export function parseInstantInto(text: string, out: Float64Array, index: number): void {
  if (!readUtcShape(text, out, index)) out[index] = parseInstant(text);
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
  if (text !== undefined && text.charCodeAt(10) === UPPER_T) {
    const length = text.length;
    if (length === 20 && text.charCodeAt(19) === UPPER_Z) return text.slice(0, 19) + ".000Z";
    if (length === 24 && text.charCodeAt(23) === UPPER_Z && text.charCodeAt(19) === DOT) return text;
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
