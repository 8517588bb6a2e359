// A correction of a charted dose (amendment, "entered in error", a physician confirming a limit
// override) is a new version superseding the one the user had open. Only the current version can
// be corrected: otherwise stale_version naming who changed it; the unique supersedesId and (lineageId,
// version) let the database pick one winner when two corrections race.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import { recordAudit, type AuditAction } from "@/lib/audit/events";
import { db, type Tx } from "@/lib/db";
import { checkDoseLimits, sameFlags, type DoseLimitCheck } from "@/lib/doses/dose-limits";
import { decideOverride, recordLimitOverride } from "@/lib/doses/dose-override";
import {
  currentDoses,
  doseSnapshot,
  insertDoseVersion,
  loadDoseVersion,
  noSuchDose,
  regradeForDose,
} from "@/lib/doses/dose-versions";
import { gradingInside, readFactSnapshot, type PreparedGrading } from "@/lib/observations/fact-snapshot";
import {
  bedsideTimeRefusal,
  isUniqueViolation,
  openCorrection,
  staleVersion,
  type ChartingPatient,
  type LateEntryChange,
} from "@/lib/write/charting-write";
import { splitFlags } from "@/lib/timeline/load-timeline";
import { doseColumns, type DoseVersion } from "@/lib/timeline/facts";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import { clinicalWrite, type PrepareContext, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteFailure, type WriteResult } from "@/lib/write-result";

export interface CorrectedDose {
  /** The new version's id (what a further correction must name). */
  doseId: string;
  lineageId: string;
  version: number;
  flags: string[];
  awaitingOverrideConfirmation: boolean;
  lateEntryChanges: LateEntryChange[];
}

export type DoseCorrection =
  | {
      kind: "amend";
      reason: string;
      dose: { drug: string; doseMg: number; route: string; effectiveAt: string };
      confirmedFlags: string[];
      overrideReason: string | null;
    }
  | { kind: "entered_in_error"; reason: string };

const AUDIT_ACTION = {
  amend: "dose.amend",
  entered_in_error: "dose.entered_in_error",
} as const satisfies Record<DoseCorrection["kind"], AuditAction>;

const PERMISSION = {
  amend: "dose:record",
  entered_in_error: "dose:record",
} as const satisfies Record<DoseCorrection["kind"], Action>;

const STATUS = { amend: "amended", entered_in_error: "entered_in_error" } as const;

async function refusalIfSuperseded(client: Tx | typeof db, versionId: string, timeZone: string): Promise<WriteFailure | null> {
  const successor = await client.medicationAdministration.findUnique({
    where: { supersedesId: versionId },
    select: { recordedAt: true, status: true, recordedBy: { select: { displayName: true } } },
  });
  return successor ? staleVersion("dose", successor.recordedBy, successor.recordedAt, timeZone, successor.status) : null;
}

function resultOf(row: DoseVersion, lateEntryChanges: LateEntryChange[]): CorrectedDose {
  const flags = splitFlags(row.flagsAtCharting);
  return {
    doseId: row.id,
    lineageId: row.lineageId,
    version: row.version,
    flags,
    awaitingOverrideConfirmation: flags.length > 0 && row.overrideConfirmedById === null && row.status !== "entered_in_error",
    lateEntryChanges,
  };
}

/** A repeated submit of the same correction form: the version it stored. */
async function replay({ client }: ReplayContext, doseId: string): Promise<WriteResult<CorrectedDose>> {
  const stored = await client.medicationAdministration.findUniqueOrThrow({ where: { id: doseId }, select: doseColumns });
  return succeeded(resultOf(stored, await lateEntryChangesOf(client, stored.id)));
}

interface Planned {
  columns: Pick<
    DoseVersion,
    "drug" | "doseMg" | "route" | "effectiveAt" | "flagsAtCharting" | "overrideReason" | "overrideConfirmedById"
  >;
  check: DoseLimitCheck | null;
}

/** The new version's values, or the refusal. */
function plan(
  correction: DoseCorrection,
  previous: DoseVersion,
  patient: ChartingPatient,
  /** The current versions of the patient's doses. */
  doses: readonly DoseVersion[],
  user: CurrentUser,
  now: Date,
): WriteFailure | Planned {
  const kept = {
    drug: previous.drug,
    doseMg: previous.doseMg,
    route: previous.route,
    effectiveAt: previous.effectiveAt,
    flagsAtCharting: previous.flagsAtCharting,
    overrideReason: previous.overrideReason,
    overrideConfirmedById: previous.overrideConfirmedById,
  };
  if (correction.kind === "entered_in_error") return { columns: kept, check: null };
  const timeRefused = bedsideTimeRefusal(patient, correction.dose.effectiveAt, now);
  if (timeRefused) return timeRefused;
  // The corrected dose is checked against the other doses, as if charted now for the first time.
  const others = doses.filter((row) => row.lineageId !== previous.lineageId);
  const check = checkDoseLimits(patient, others, correction.dose, now);
  // A physician's confirmation survives an amendment that leaves the flagged dose itself unchanged.
  const unchanged =
    correction.dose.drug === previous.drug &&
    correction.dose.doseMg === previous.doseMg &&
    Date.parse(correction.dose.effectiveAt) === previous.effectiveAt.getTime() &&
    sameFlags(check.flags, splitFlags(previous.flagsAtCharting));
  const decision = decideOverride(
    check,
    correction.confirmedFlags,
    correction.overrideReason,
    user,
    unchanged ? previous.overrideConfirmedById : null,
  );
  if (decision.failure) return decision.failure;
  return {
    columns: { ...correction.dose, effectiveAt: new Date(correction.dose.effectiveAt), ...decision.columns },
    check,
  };
}

/** The version superseding `previous` with the planned values. */
function correctedDose(
  previous: DoseVersion,
  correction: DoseCorrection,
  planned: Planned,
  id: string,
  userId: string,
  now: Date,
) {
  const row: DoseVersion = {
    id,
    lineageId: previous.lineageId,
    version: previous.version + 1,
    supersedesId: previous.id,
    status: STATUS[correction.kind],
    changeReason: correction.reason,
    patientId: previous.patientId,
    recordedAt: now,
    recordedById: userId,
    ...planned.columns,
  };
  return row;
}

type Prepared = PreparedGrading<DoseVersion, LateEntryChange[]> | null;

/** Before the transaction: the dose corrected, the patient's facts, and the observations the correction would re-grade. */
async function prepare(
  { user, targetId: versionId, now }: Omit<PrepareContext<unknown>, "input">,
  correction: DoseCorrection,
): Promise<Prepared> {
  const previous = await loadDoseVersion(db, versionId);
  if (!previous || previous.status === "entered_in_error") return null;
  const snapshot = await readFactSnapshot(previous.patientId);
  if (!snapshot) return null;
  const planned = plan(correction, previous, snapshot.patient, snapshot.facts.doses, user, now);
  if ("ok" in planned) return null;
  const row = correctedDose(previous, correction, planned, randomUUID(), user.id, now);
  return { snapshot, row, graded: regradeForDose(snapshot.patient, snapshot.facts, row, versionId, now) };
}

/** The transaction's work: the new version superseding `versionId`, its audit events and the re-gradings it caused. */
async function write(
  { tx, user, actor, targetId: versionId, submissionKey, now, prepared }: Omit<WriteContext<unknown, Prepared>, "input">,
  correction: DoseCorrection,
): Promise<WriteResult<CorrectedDose>> {
  const opened = await openCorrection(tx, "dose", await loadDoseVersion(tx, versionId), noSuchDose, (timeZone) =>
    refusalIfSuperseded(tx, versionId, timeZone),
  );
  if (opened.refusal) return opened.refusal;
  const { previous, patient } = opened;
  // The limits re-checked against the doses as they are now, inside the transaction (TOCI-*).
  const planned = plan(correction, previous, patient, await currentDoses(tx, previous.patientId), user, now);
  if ("ok" in planned) return planned;
  const row = correctedDose(previous, correction, planned, prepared?.row.id ?? randomUUID(), user.id, now);
  // Before the insert: the check counts the patient's rows as the snapshot did.
  const lateEntryChanges = await gradingInside(tx, patient, row, prepared, (facts) =>
    regradeForDose(patient, facts, row, versionId, now),
  );
  await insertDoseVersion(tx, row, submissionKey);
  const action = AUDIT_ACTION[correction.kind];
  await recordAudit(tx, actor, {
    action,
    entityType: "dose",
    entityId: row.id,
    before: doseSnapshot(previous),
    after: { ...doseSnapshot(row), lateEntryChanges },
  });
  if (planned.check) await recordLimitOverride(tx, actor, row, planned.check);
  await recordLateEntryRegrades(
    tx,
    {
      write: action,
      causeId: row.id,
      patientId: row.patientId,
      entryAt: row.effectiveAt,
      drug: row.drug,
      doseMg: row.doseMg,
      chartedBy: actor,
      chartedAt: now,
    },
    lateEntryChanges,
  );
  return succeeded(resultOf(row, lateEntryChanges));
}

/** Another correction of the same version committed first: who made it. */
async function lostRace(error: unknown, versionId: unknown): Promise<WriteFailure | null> {
  if (!isUniqueViolation(error, ["supersedesId"]) && !isUniqueViolation(error, ["lineageId", "version"])) return null;
  const id = String(versionId);
  const previous = await db.medicationAdministration.findUnique({
    where: { id },
    select: { patient: { select: { ward: true } } },
  });
  const stale = await refusalIfSuperseded(db, id, previous?.patient.ward.timeZone ?? "UTC");
  return (
    stale ??
    failed("stale_version", "This dose was changed by someone else since you opened it. Reopen it to see the current version.")
  );
}

/** Correct dose version `versionId` through the one write path. */
export function correctDose<Input extends { idempotencyKey: string | null }>(options: {
  kind: DoseCorrection["kind"];
  site: string;
  user: CurrentUser | null;
  versionId: unknown;
  schema: z.ZodType<Input>;
  input: unknown;
  now: Date;
  correction: (input: Input) => DoseCorrection;
}): Promise<WriteResult<CorrectedDose>> {
  return clinicalWrite({
    write: AUDIT_ACTION[options.kind],
    site: options.site,
    permission: PERMISSION[options.kind],
    user: options.user,
    target: { id: options.versionId, notFound: noSuchDose },
    patientOfTarget: async (tx, versionId) =>
      (await tx.medicationAdministration.findUnique({ where: { id: versionId }, select: { patientId: true } }))?.patientId ??
      null,
    schema: options.schema,
    input: options.input,
    now: options.now,
    idempotency: { key: (input) => input.idempotencyKey, resultId: (value) => value.doseId, replay },
    prepare: (context) => prepare(context, options.correction(context.input)),
    run: (context) => write(context, options.correction(context.input)),
    onUniqueViolation: (error) => lostRace(error, options.versionId),
  });
}
