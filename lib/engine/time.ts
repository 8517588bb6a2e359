/**
 * Instants are epoch milliseconds inside the engine and UTC ISO-8601 strings at its edges.
 * The platform parses and formats them (Date.parse, toISOString); this file only decides which
 * texts are times at all, because Date.parse also guesses at texts a ward must never guess at.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM. Seconds and a zone are required: a
 * time without a zone is ambiguous on a ward that changes clocks.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `text` is an ISO-8601 time with a zone on a real calendar date (no 30 February). */
export function isInstant(text: string): boolean {
  const match = ISO_INSTANT.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Epoch ms of an ISO-8601 instant with a time zone. Throws on anything else: the engine never
 * guesses a time (Date.parse alone would read "2026-02-30" as 2 March).
 */
export function parseInstant(text: string): number {
  if (!isInstant(text)) {
    throw new RangeError(`"${text}" is not an ISO-8601 time with a time zone (e.g. 2026-03-01T06:00:00Z)`);
  }
  return Date.parse(text);
}

/** The UTC toISOString() form of an instant: "2026-03-01T06:00:00.000Z". */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** "2026-03-01 06:00Z": a clinician-readable UTC time for reason texts (seconds dropped). */
export function formatInstant(ms: number): string {
  const iso = toIsoUtc(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/**
 * "3 h 20 min", "45 min", "2 d 4 h": whole minutes, truncated (a countdown never claims more
 * time than is left). Minutes are padded once hours are shown so a column of times lines up.
 * The one duration format of the app: reasons, pages and print read alike.
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes - hours * 60;
  if (hours === 0) return `${minutes} min`;
  if (hours >= 48) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return `${hours} h ${String(minutes).padStart(2, "0")} min`;
}

/** "8 h", "1.5 h": a setting's interval in hours. */
export function formatHours(hours: number): string {
  return `${hours} h`;
}
