// The dosing audit as CSV: one row per dose version, through csv-stringify (quoting and escaping
// are the library's, not ours). Times twice: UTC for machines, the ward's wall clock for people.
import { stringify } from "csv-stringify/sync";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { DosingAuditDose, DosingAuditVersion, Person } from "@/lib/dosing-audit/report";

export const DOSING_AUDIT_COLUMNS = [
  "dose_id",
  "dose_number",
  "version",
  "version_id",
  "current",
  "status",
  "patient_mrn",
  "patient_name",
  "bed",
  "drug",
  "dose_mg",
  "route",
  "given_at_utc",
  "given_at_ward",
  "recorded_at_utc",
  "recorded_at_ward",
  "late_entry",
  "recorded_by",
  "recorded_by_role",
  "flags_at_charting",
  "flags_now",
  "unconfirmed_flags",
  "override_reason",
  "confirmed_by",
  "confirmed_at_utc",
  "confirmed_flags",
  "confirmation_reason",
  "change_reason",
] as const;

/**
 * What a spreadsheet reads as the start of a formula: = + - @, their full-width forms (U+FF1D
 * U+FF0B U+FF0D U+FF20, which Excel and LibreOffice fold to ASCII), and a tab, carriage return or
 * line feed (which may precede one).
 */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\n]/;

/**
 * Free text typed by a user (override reasons, names) must not become a formula when the file is
 * opened in a spreadsheet: a leading formula character gets a quote prefix.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function wardClock(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd HH:mm");
}

const who = (person: Person | null) => (person ? neutraliseFormula(person.displayName) : "");

/** The latest confirmation of a version: a record made after charting, or the one charted with it. */
function latestConfirmation(v: DosingAuditVersion) {
  const recorded = v.confirmations.at(-1);
  if (recorded) return recorded;
  if (v.confirmedBy) return { by: v.confirmedBy, at: v.recordedAt, flags: v.flags, reason: v.overrideReason ?? "" };
  return null;
}

export function dosingAuditRows(doses: DosingAuditDose[], timeZone: string): string[][] {
  return doses.flatMap((dose) =>
    dose.versions.map((v) => {
      const confirmation = latestConfirmation(v);
      // The engine's reading is of the current version only.
      const now = v.current && v.status !== "entered_in_error" ? dose.now : null;
      return [
        dose.lineageId,
        now ? String(now.doseNumber) : "",
        String(v.version),
        v.id,
        v.current ? "yes" : "no",
        v.status,
        neutraliseFormula(dose.patient.mrn),
        neutraliseFormula(dose.patient.name),
        neutraliseFormula(dose.patient.bed),
        neutraliseFormula(v.drug),
        String(v.doseMg),
        v.route,
        v.effectiveAt.toISOString(),
        wardClock(v.effectiveAt, timeZone),
        v.recordedAt.toISOString(),
        wardClock(v.recordedAt, timeZone),
        v.lateEntry ? "yes" : "no",
        who(v.recordedBy),
        v.recordedBy.role,
        v.flags.join(" "),
        now ? now.flags.join(" ") : "",
        now ? now.unconfirmedFlags.join(" ") : "",
        neutraliseFormula(v.overrideReason ?? ""),
        confirmation ? who(confirmation.by) : v.awaitingConfirmation ? "awaiting physician confirmation" : "",
        confirmation ? confirmation.at.toISOString() : "",
        confirmation ? confirmation.flags.join(" ") : "",
        neutraliseFormula(confirmation?.reason ?? ""),
        neutraliseFormula(v.changeReason ?? ""),
      ];
    }),
  );
}

export function dosingAuditCsv(doses: DosingAuditDose[], timeZone: string): { csv: string; rows: number } {
  const rows = dosingAuditRows(doses, timeZone);
  return { csv: stringify([[...DOSING_AUDIT_COLUMNS], ...rows], { record_delimiter: "windows" }), rows: rows.length };
}
