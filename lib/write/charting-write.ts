// What every charting write shares: the patient it charts on, the refusal of stale corrections,
// and the late-entry re-grading report. The order of every write (authorize, validate, look up,
// one transaction) is lib/write/clinical-write.ts.
import { authorize, type CurrentUser } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { gradingPatientColumns, type GradingPatient } from "@/lib/facts/grading-patient";
import { compareGrades, lateEntryAlerts, type CrsGrade, type TimelineOutput } from "@/lib/engine";
import { formatWardDateTime } from "@/lib/format/time";
import { accessDenied, failed, type WriteFailure } from "@/lib/write-result";
import { outsideBedsideWindow } from "@/lib/write/charting-input";

/** Ids in URLs and forms: anything else cannot name a stored row. */
export function asId(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 200 ? value : null;
}

/** Where a denial happened, for the auth.denied audit event (ids cut so junk cannot flood the trail). */
export function actionSite(fn: string, target: unknown): string {
  const id = typeof target === "string" ? target.slice(0, 100) : typeof target;
  return `${fn} ${id}`;
}

/** The user when allowed; otherwise the (already audited) refusal. For reads that answer a WriteResult (the dose preview). */
export async function authorizeWrite(
  user: CurrentUser | null,
  action: Action,
  site: string,
): Promise<{ user: CurrentUser; failure?: undefined } | { user?: undefined; failure: WriteFailure }> {
  const denial = await authorize(user, action, site);
  if (denial || !user) return { failure: accessDenied(denial) };
  return { user };
}

/** The patient a write charts on: the engine's columns (lib/facts/grading-patient.ts) and what the refusals name. */
export const chartingPatientColumns = {
  ...gradingPatientColumns,
  infusionAt: true,
  name: true,
  status: true,
  dischargedAt: true,
  ward: { select: { timeZone: true } },
} as const;

export interface ChartingPatient extends GradingPatient {
  infusionAt: Date;
  name: string;
  status: string;
  dischargedAt: Date | null;
  ward: { timeZone: string };
}

export async function loadChartingPatient(tx: Pick<Tx, "patient">, patientId: string): Promise<ChartingPatient | null> {
  return tx.patient.findUnique({ where: { id: patientId }, select: chartingPatientColumns });
}

export const noSuchPatient = (): WriteFailure => failed("not_found", "No such patient: the link may be out of date.");

/**
 * The opening of every write that charts a new fact on a patient (a set, a missed set, a dose, a
 * weight, a pause): the patient, or the refusal when there is none or the bedside time `at` (typed
 * in `field`) is out of range or after the discharge (bedsideTimeRefusal).
 */
export async function patientToChart(
  tx: Pick<Tx, "patient">,
  patientId: string,
  at: string,
  now: Date,
  field?: string,
): Promise<{ patient: ChartingPatient; refusal?: undefined } | { refusal: WriteFailure }> {
  const patient = await loadChartingPatient(tx, patientId);
  if (!patient) return { refusal: noSuchPatient() };
  const refusal = bedsideTimeRefusal(patient, at, now, field);
  return refusal ? { refusal } : { patient };
}

/**
 * The opening of every correction (amendment, "entered in error") of a charted fact: the version
 * corrected and its patient, or the refusal: not_found, stale_version when another version
 * already supersedes it (`superseded` says by whom, in the ward's time zone), conflict when it
 * was marked entered in error (a new fact is charted instead).
 */
export async function openCorrection<Version extends { patientId: string; status: string }>(
  tx: Pick<Tx, "patient">,
  what: "observation" | "dose" | "weight",
  previous: Version | null,
  notFound: () => WriteFailure,
  superseded: (timeZone: string) => Promise<WriteFailure | null>,
): Promise<{ previous: Version; patient: ChartingPatient; refusal?: undefined } | { refusal: WriteFailure }> {
  if (!previous) return { refusal: notFound() };
  const patient = await loadChartingPatient(tx, previous.patientId);
  if (!patient) return { refusal: notFound() };
  const stale = await superseded(patient.ward.timeZone);
  if (stale) return { refusal: stale };
  if (previous.status === "entered_in_error") {
    return {
      refusal: failed("conflict", `This ${what} was marked entered in error: chart a new ${what} instead of correcting it.`),
    };
  }
  return { previous, patient };
}

/** The first version of a new fact: its own lineage, superseding nothing, no change reason. */
export function firstVersion(id: string) {
  return { id, lineageId: id, version: 1, supersedesId: null, status: "final", changeReason: null } as const;
}

/**
 * The one check of a charted fact's bedside time against its patient, for every observation and
 * dose written or corrected. The time must fall within the bedside window (charting-input.ts:
 * from 30 days before the infusion to 5 minutes after now). And a discharged patient's record is
 * archived: a fact from before the discharge may still be charted late (it happened; losing it
 * would be worse), nothing after it.
 */
export function bedsideTimeRefusal(
  patient: ChartingPatient,
  effectiveAt: string,
  now: Date,
  /** The form field the time was typed in (a weight's is measuredAt). */
  field = "effectiveAt",
): WriteFailure | null {
  const outside = outsideBedsideWindow(Date.parse(effectiveAt), patient.infusionAt.getTime(), now.getTime());
  if (outside) return failed("invalid", `${field}: ${outside}`, { fieldErrors: [{ path: field, message: outside }] });
  if (patient.status !== "discharged" || !patient.dischargedAt) return null;
  if (Date.parse(effectiveAt) <= patient.dischargedAt.getTime()) return null;
  const when = formatWardDateTime(patient.dischargedAt, patient.ward.timeZone);
  return failed("conflict", `${patient.name} was discharged at ${when}: nothing can be charted after the discharge.`, {
    fieldErrors: [{ path: field, message: `is after the discharge at ${when}` }],
  });
}

/** "This observation was changed by Nora Nurse, RN at 2 Mar 14:20 since you opened it." */
export function staleVersion(
  what: "observation" | "dose",
  by: { displayName: string } | null,
  at: Date,
  timeZone: string,
  status: string,
): WriteFailure {
  const who = by?.displayName ?? "another user";
  const change = status === "entered_in_error" ? "marked entered in error" : "changed";
  return failed(
    "stale_version",
    `This ${what} was ${change} by ${who} at ${formatWardDateTime(at, timeZone)} since you opened it. Reopen it to see the current version.`,
  );
}

/** A re-graded observation, reported with its old and new grade (ALERT-LATE-ENTRY). */
export interface LateEntryChange {
  /** Version id of the re-graded observation. */
  id: string;
  at: string;
  before: CrsGrade;
  after: CrsGrade;
  /** The ALERT-LATE-ENTRY text. */
  text: string;
}

/** Observations whose grade the write changed (the written observation itself excluded). */
export function lateEntryChanges(
  before: Pick<TimelineOutput, "observations">,
  after: Pick<TimelineOutput, "observations">,
  ignoreObservationIds: readonly string[] = [],
): LateEntryChange[] {
  const alerts = lateEntryAlerts(before, after, { ignoreObservationIds });
  return compareGrades(before, after, { ignoreObservationIds }).map((change, index) => ({
    id: change.id,
    at: change.at,
    before: change.oldGrade,
    after: change.newGrade,
    text: alerts[index]?.text ?? "",
  }));
}

/** The SQLite `<Table>_no_replace*` triggers' refusal of a taken key (migration 20261202120000): its key's columns. */
const TAKEN_KEY = /append-only: a row with this (.+?) already exists/;

/**
 * True when `error` is a unique-constraint failure on exactly these columns: Prisma P2002 (with or
 * without a driver adapter), or on SQLite the append-only tables' own refusal of a taken key, which
 * fires before the UNIQUE index does (it is what keeps INSERT OR REPLACE from deleting a row).
 */
export function isUniqueViolation(error: unknown, fields: readonly string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const adapter = meta.driverAdapterError as
    { cause?: { constraint?: { fields?: unknown }; originalMessage?: unknown } } | undefined;
  const sameFields = (list: readonly unknown[]) => list.length === fields.length && fields.every((field) => list.includes(field));
  const taken = TAKEN_KEY.exec(String(adapter?.cause?.originalMessage ?? ""))?.[1];
  if (taken !== undefined) return sameFields(taken.split(", "));
  if ((error as { code?: unknown }).code !== "P2002") return false;
  const found = adapter?.cause?.constraint?.fields ?? meta.target;
  return sameFields(Array.isArray(found) ? found : typeof found === "string" ? [found] : []);
}
