// What every charting write path shares: the access decision as a WriteResult, the patient it
// charts on, the refusal of stale corrections, and the late-entry re-grading report.
// Order in every server function: authorize first (a signed-out caller learns nothing about the
// input or the patient: 401; the wrong role: 403, audited), then validate (400 naming every field),
// then look the patient or fact up (404), then write with its audit event in one transaction.
import { authorize, type CurrentUser } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { compareGrades, lateEntryAlerts, type CrsGrade, type TimelineOutput } from "@/lib/engine";
import { formatWardDateTime } from "@/lib/format/time";
import { failed, type WriteFailure } from "@/lib/write-result";

/** Ids in URLs and forms: anything else cannot name a stored row. */
export function asId(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 200 ? value : null;
}

/** Where a denial happened, for the auth.denied audit event (ids cut so junk cannot flood the trail). */
export function actionSite(fn: string, target: unknown): string {
  const id = typeof target === "string" ? target.slice(0, 100) : typeof target;
  return `${fn} ${id}`;
}

/** The user when allowed; otherwise the (already audited) 401/403 as a WriteResult. */
export async function authorizeWrite(
  user: CurrentUser | null,
  action: Action,
  site: string,
): Promise<{ user: CurrentUser; failure?: undefined } | { user?: undefined; failure: WriteFailure }> {
  const denial = await authorize(user, action, site);
  if (denial || !user) return { failure: failed(denial?.status ?? 401, denial?.message ?? "Sign in again.") };
  return { user };
}

export const chartingPatientColumns = {
  id: true,
  name: true,
  weightKg: true,
  antipyreticsMaskFever: true,
  tociMinIntervalHours: true,
  status: true,
  dischargedAt: true,
  ward: { select: { timeZone: true } },
} as const;

export interface ChartingPatient {
  id: string;
  name: string;
  weightKg: number;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  status: string;
  dischargedAt: Date | null;
  ward: { timeZone: string };
}

export async function loadChartingPatient(tx: Pick<Tx, "patient">, patientId: string): Promise<ChartingPatient | null> {
  return tx.patient.findUnique({ where: { id: patientId }, select: chartingPatientColumns });
}

export const noSuchPatient = (): WriteFailure => failed(404, "No such patient: the link may be out of date.");

/**
 * A discharged patient's record is archived: a fact from before the discharge may still be
 * charted late (it happened; losing it would be worse), nothing after it.
 */
export function chartedAfterDischarge(patient: ChartingPatient, effectiveAt: string): WriteFailure | null {
  if (patient.status !== "discharged" || !patient.dischargedAt) return null;
  if (Date.parse(effectiveAt) <= patient.dischargedAt.getTime()) return null;
  const when = formatWardDateTime(patient.dischargedAt, patient.ward.timeZone);
  return failed(409, `${patient.name} was discharged at ${when}: nothing can be charted after the discharge.`, {
    fieldErrors: [{ path: "effectiveAt", message: `is after the discharge at ${when}` }],
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
    409,
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

/** True when `error` is a unique-constraint failure on exactly these columns (Prisma P2002, with or without a driver adapter). */
export function isUniqueViolation(error: unknown, fields: readonly string[]): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return false;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const adapter = meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined;
  const found = adapter?.cause?.constraint?.fields ?? meta.target;
  const list = Array.isArray(found) ? found : typeof found === "string" ? [found] : [];
  return list.length === fields.length && fields.every((field) => list.includes(field));
}

/** The late-entry changes an earlier write recorded in its audit event (for replaying a double submit). */
export async function auditedLateEntryChanges(
  client: Pick<Tx, "auditEvent">,
  action: string,
  entityId: string,
): Promise<LateEntryChange[]> {
  const event = await client.auditEvent.findFirst({ where: { action, entityId }, select: { after: true } });
  if (!event?.after) return [];
  const after = JSON.parse(event.after) as { lateEntryChanges?: LateEntryChange[] };
  return Array.isArray(after.lateEntryChanges) ? after.lateEntryChanges : [];
}
