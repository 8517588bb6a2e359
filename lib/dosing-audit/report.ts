// The dosing audit: every dose with every version of it (the chain sharing a lineageId), the limit
// flags shown when each version was charted, override reasons, who recorded and who confirmed.
// A pure read of stored facts; the page and the CSV export use the same filters and the same rows.
import { z } from "zod";
import { TZDate } from "@date-fns/tz";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeIssues, type FieldIssue } from "@/lib/engine/validation";
import { LATE_ENTRY_AFTER_MS } from "@/lib/timeline/late-entry";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import type { GradedMedication } from "@/lib/engine";

/**
 * A dose first charted more than this long after it was given is a late entry: the timeline's own
 * hour. An amendment is judged by when the dose first entered the chart, so correcting a dose the
 * next day does not make it late.
 */
export const LATE_ENTRY_AFTER_MINUTES = LATE_ENTRY_AFTER_MS / 60_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "2026-03-07" -> [2026, 3, 7]; null unless written YYYY-MM-DD. */
function dateParts(value: string): [year: number, month: number, day: number] | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  return [Number(y), Number(m), Number(d)];
}
const blankToUndefined = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : typeof first === "string" ? first.trim() : first;
};
const text = (what: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${what} must be text` })
      .max(max, `${what} must be at most ${max} characters`)
      .optional(),
  );
const calendarDate = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${what} must be a date` })
      .regex(DATE, { message: `${what} must be a date written YYYY-MM-DD`, abort: true })
      .refine((value) => {
        const parts = dateParts(value);
        if (!parts) return false;
        const [y, m, d] = parts;
        const date = new Date(Date.UTC(y, m - 1, d));
        return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      }, `${what} is not a real calendar date`)
      .optional(),
  );

/** GET search params of /audit/doses and /audit/doses/export. Blank fields mean "any". */
export const dosingAuditFilterSchema = z
  .object({
    patient: text("Patient", 100),
    drug: z.preprocess(
      (value) =>
        typeof blankToUndefined(value) === "string" ? (blankToUndefined(value) as string).toLowerCase() : blankToUndefined(value),
      z.string({ error: "Drug must be text" }).max(100, "Drug must be at most 100 characters").optional(),
    ),
    from: calendarDate("From date"),
    to: calendarDate("To date"),
    flagged: z
      .preprocess(
        blankToUndefined,
        z.enum(["1", "true", "on", "0", "false", "off"], { error: "Flagged only must be on or off" }).optional(),
      )
      .transform((value) => value === "1" || value === "true" || value === "on"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "To date must be on or after the from date" });

export type DosingAuditFilters = z.output<typeof dosingAuditFilterSchema>;

export type FilterParse = { ok: true; filters: DosingAuditFilters } | { ok: false; fieldErrors: FieldIssue[] };

/** From Next's searchParams object or a URLSearchParams. Unknown parameters are ignored (links may carry others). */
export function parseDosingAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): FilterParse {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params.entries()) : params;
  const parsed = dosingAuditFilterSchema.safeParse(raw);
  return parsed.success ? { ok: true, filters: parsed.data } : { ok: false, fieldErrors: describeIssues(parsed.error) };
}

/** The filters as they are written into the export's audit event and back into links. */
export function filtersToParams(filters: DosingAuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.patient) out.patient = filters.patient;
  if (filters.drug) out.drug = filters.drug;
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  if (filters.flagged) out.flagged = "1";
  return out;
}

/** Midnight at the start of a ward-calendar day, as an instant. */
function startOfWardDay(date: string, timeZone: string, plusDays = 0): Date {
  const parts = dateParts(date);
  if (!parts) throw new Error(`Expected a date written YYYY-MM-DD, got "${date}"`);
  const [y, m, d] = parts;
  return new Date(new TZDate(y, m - 1, d + plusDays, 0, 0, timeZone).getTime());
}

export interface Person {
  id: string;
  displayName: string;
  role: string;
}

export interface DosingAuditVersion {
  id: string;
  version: number;
  status: string;
  changeReason: string | null;
  drug: string;
  doseMg: number;
  route: string;
  effectiveAt: Date;
  recordedAt: Date;
  lateEntry: boolean;
  recordedBy: Person;
  flags: string[];
  overrideReason: string | null;
  confirmedBy: Person | null;
  /** Flagged, not confirmed, and still the current, valid version: a physician's confirmation is owed. */
  awaitingConfirmation: boolean;
  current: boolean;
  /** TOCI-CONFIRM: the confirmations recorded after charting, oldest first (its own is `confirmedBy`). */
  confirmations: { by: Person; at: Date; flags: string[]; reason: string }[];
}

/** What the engine says of the dose's current version now (absent for a dose entered in error). */
export interface DosingAuditNow {
  /** 1..n: the dose's place among the patient's doses of the same drug, by bedside time (tocilizumab: TOCI-MAX's count). */
  doseNumber: number;
  /** The limit flags the dose has now: a late earlier dose can add one after charting. */
  flags: string[];
  confirmedFlags: string[];
  unconfirmedFlags: string[];
}

export interface DosingAuditDose {
  lineageId: string;
  patient: { id: string; name: string; mrn: string; bed: string };
  /** Oldest first; the last is the current version. */
  versions: DosingAuditVersion[];
  now: DosingAuditNow | null;
}

export interface DosingAuditOptions {
  timeZone: string;
  /** The engine's reading is as of this instant (default: the clock). */
  now?: Date;
  /** Most recent doses first; at most this many (the page); the export takes all. */
  limit?: number;
}

/**
 * Doses any version of which matches the filters (an amendment cannot hide what a dose once was),
 * each with all its versions; most recently given first.
 */
export async function dosingAudit(
  filters: DosingAuditFilters,
  options: DosingAuditOptions,
): Promise<{ doses: DosingAuditDose[]; total: number }> {
  const where: Prisma.MedicationAdministrationWhereInput = {};
  if (filters.patient) where.patientId = filters.patient;
  if (filters.drug) where.drug = filters.drug;
  if (filters.from || filters.to) {
    where.effectiveAt = {
      ...(filters.from ? { gte: startOfWardDay(filters.from, options.timeZone) } : {}),
      ...(filters.to ? { lt: startOfWardDay(filters.to, options.timeZone, 1) } : {}),
    };
  }
  const matching = await db.medicationAdministration.findMany({ where, select: { lineageId: true }, distinct: ["lineageId"] });
  const lineageIds = matching.map((m) => m.lineageId);
  if (lineageIds.length === 0) return { doses: [], total: 0 };

  const person = { select: { id: true, displayName: true, role: true } } as const;
  const rows = await db.medicationAdministration.findMany({
    where: { lineageId: { in: lineageIds } },
    include: {
      patient: { select: { id: true, name: true, mrn: true, bed: true } },
      recordedBy: person,
      overrideConfirmedBy: person,
      confirmations: { include: { confirmedBy: person }, orderBy: [{ confirmedAt: "asc" }, { id: "asc" }] },
    },
    orderBy: [{ lineageId: "asc" }, { version: "asc" }],
  });

  const byLineage = new Map<string, typeof rows>();
  for (const row of rows) byLineage.set(row.lineageId, [...(byLineage.get(row.lineageId) ?? []), row]);
  const superseded = new Set(rows.map((r) => r.supersedesId).filter((id): id is string => id !== null));
  const graded = await engineReading([...new Set(rows.map((row) => row.patientId))], options.now ?? new Date());

  const keyed = [...byLineage.entries()].flatMap(([lineageId, chain]) => {
    const first = chain[0];
    const last = chain.at(-1);
    // Never empty: each chain holds at least the row that put it in the map.
    if (!first || !last) return [];
    const dose: DosingAuditDose = {
      lineageId,
      patient: last.patient,
      versions: chain.map((row) => {
        const flags = row.flagsAtCharting
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean);
        const current = !superseded.has(row.id);
        return {
          id: row.id,
          version: row.version,
          status: row.status,
          changeReason: row.changeReason,
          drug: row.drug,
          doseMg: row.doseMg,
          route: row.route,
          effectiveAt: row.effectiveAt,
          recordedAt: row.recordedAt,
          lateEntry: first.recordedAt.getTime() - row.effectiveAt.getTime() > LATE_ENTRY_AFTER_MS,
          recordedBy: row.recordedBy,
          flags,
          overrideReason: row.overrideReason,
          confirmedBy: row.overrideConfirmedBy,
          awaitingConfirmation:
            flags.length > 0 && row.overrideConfirmedBy === null && current && row.status !== "entered_in_error",
          current,
          confirmations: row.confirmations.map((c) => ({
            by: c.confirmedBy,
            at: c.confirmedAt,
            flags: c.flags.split(",").filter(Boolean),
            reason: c.reason,
          })),
        };
      }),
      now: graded.get(last.id) ?? null,
    };
    const currentVersion = dose.versions.at(-1);
    // Owed when the engine has an unconfirmed flag now (a late earlier dose can add one), or the
    // flags charted were never confirmed (the safer reading when the engine no longer raises them).
    if (dose.now && currentVersion) {
      currentVersion.awaitingConfirmation =
        dose.now.unconfirmedFlags.length > 0 ||
        (currentVersion.awaitingConfirmation && currentVersion.confirmations.length === 0);
    }
    // The flagged filter: flagged when any version was charted with a flag, or the dose has one now
    // (a late earlier dose put it over a limit after it was charted).
    if (filters.flagged && !dose.versions.some((v) => v.flags.length > 0) && !dose.now?.flags.length) return [];
    return [{ dose, lastGiven: last.effectiveAt.getTime() }];
  });
  keyed.sort((a, b) => b.lastGiven - a.lastGiven || a.dose.lineageId.localeCompare(b.dose.lineageId));
  const doses = keyed.map(({ dose }) => dose);
  return { doses: options.limit === undefined ? doses : doses.slice(0, options.limit), total: doses.length };
}

/** The engine's reading of every current dose of these patients, by version id (one timeline each). */
async function engineReading(patientIds: string[], now: Date): Promise<Map<string, DosingAuditNow>> {
  const byVersion = new Map<string, DosingAuditNow>();
  for (const patientId of patientIds) {
    const timeline = await loadPatientTimeline(patientId, now);
    if (!timeline) continue;
    const counted = new Map<string, number>();
    for (const medication of timeline.graded.medications) {
      byVersion.set(medication.id, { ...readingOf(medication), doseNumber: nextNumber(counted, medication) });
    }
  }
  return byVersion;
}

function nextNumber(counted: Map<string, number>, medication: GradedMedication): number {
  const drug = medication.drug ?? medication.chartedName;
  const number = medication.doseNumber ?? (counted.get(drug) ?? 0) + 1;
  counted.set(drug, number);
  return number;
}

function readingOf(medication: GradedMedication): Omit<DosingAuditNow, "doseNumber"> {
  return { flags: medication.flags, confirmedFlags: medication.confirmedFlags, unconfirmedFlags: medication.unconfirmedFlags };
}

/** Patients and drugs that have doses, for the filter form's choices. */
export async function dosingAuditChoices(): Promise<{ patients: { id: string; name: string; mrn: string }[]; drugs: string[] }> {
  const [patients, drugs] = await Promise.all([
    db.patient.findMany({
      where: { doses: { some: {} } },
      select: { id: true, name: true, mrn: true },
      orderBy: { name: "asc" },
    }),
    db.medicationAdministration.findMany({ select: { drug: true }, distinct: ["drug"], orderBy: { drug: "asc" } }),
  ]);
  return { patients, drugs: drugs.map((d) => d.drug) };
}
