// A correction of a charted observation (amendment or "entered in error") is a new version that
// supersedes the one the user had open. Only the current version can be corrected: a user who
// opened an older one is told who changed it since (stale_version), never silently merged. The
// unique supersedesId and (lineageId, version) make the database itself pick one winner when two
// corrections race; the loser gets the same refusal.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, type Tx } from "@/lib/db";
import { evaluateObservations, type GradedObservation } from "@/lib/engine";
import { gradingInside, readFactSnapshot, type PreparedGrading } from "@/lib/observations/fact-snapshot";
import {
  currentFacts,
  gradeOf,
  insertObservationVersion,
  observationSnapshot,
  regradeObservations,
  valuesOf,
  type ObservationValues,
  type Regrading,
} from "@/lib/observations/observation-versions";
import {
  bedsideTimeRefusal,
  isUniqueViolation,
  loadChartingPatient,
  openCorrection,
  staleVersion,
  type LateEntryChange,
} from "@/lib/write/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import { observationColumns, type ObservationVersion } from "@/lib/timeline/facts";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import { clinicalWrite, type PrepareContext, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteFailure, type WriteResult } from "@/lib/write-result";

export interface CorrectedObservation {
  /** The new version's id (what a further correction must name). */
  observationId: string;
  lineageId: string;
  version: number;
  /** The new version's grade; null when it was marked entered in error (no longer graded). */
  grade: GradedObservation | null;
  lateEntryChanges: LateEntryChange[];
}

export type Correction =
  | { kind: "amend"; effectiveAt: string; values: ObservationValues; reason: string; extraAudit?: Record<string, unknown> }
  | { kind: "entered_in_error"; reason: string };

const AUDIT_ACTION = { amend: "observation.amend", entered_in_error: "observation.entered_in_error" } as const;

export const noSuchObservation = (): WriteFailure => failed("not_found", "No such observation: the link may be out of date.");

async function loadVersion(client: Tx | typeof db, id: string): Promise<ObservationVersion | null> {
  return client.observation.findUnique({
    where: { id },
    select: {
      ...observationColumns,
      vasopressors: { select: { agent: true, doseMcgKgMin: true, doseUnitsPerMin: true }, orderBy: { id: "asc" } },
    },
  });
}

/** Who corrected `versionId` since it was opened, or null when it is still current. */
async function refusalIfSuperseded(client: Tx | typeof db, versionId: string, timeZone: string): Promise<WriteFailure | null> {
  const successor = await client.observation.findUnique({
    where: { supersedesId: versionId },
    select: { recordedAt: true, status: true, recordedBy: { select: { displayName: true } } },
  });
  return successor ? staleVersion("observation", successor.recordedBy, successor.recordedAt, timeZone, successor.status) : null;
}

/** A repeated submit of the same correction form: the version it stored, graded now. */
async function replay({ client, now }: ReplayContext, observationId: string): Promise<WriteResult<CorrectedObservation>> {
  const stored = await client.observation.findUniqueOrThrow({ where: { id: observationId }, select: observationColumns });
  const patient = await loadChartingPatient(client, stored.patientId);
  if (!patient) return noSuchObservation();
  const facts = await currentFacts(client, stored.patientId);
  const graded = evaluateObservations(engineInput(patient, facts.observations, facts.doses, now));
  return succeeded({
    observationId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    grade: gradeOf(graded, stored.id),
    lateEntryChanges: await lateEntryChangesOf(client, stored.id),
  });
}

/** The version superseding `previous`: the full corrected observation, or what it voids kept as it was. */
function correctedVersion(
  previous: ObservationVersion,
  correction: Correction,
  id: string,
  userId: string,
  now: Date,
): ObservationVersion {
  return {
    id,
    lineageId: previous.lineageId,
    version: previous.version + 1,
    supersedesId: previous.id,
    status: correction.kind === "amend" ? "amended" : "entered_in_error",
    changeReason: correction.reason,
    patientId: previous.patientId,
    effectiveAt: correction.kind === "amend" ? new Date(correction.effectiveAt) : previous.effectiveAt,
    recordedAt: now,
    recordedById: userId,
    // An amendment is the full corrected observation (a charted set); "entered in error" keeps what it voids.
    setStatus: correction.kind === "amend" ? "charted" : previous.setStatus,
    statusReason: correction.kind === "amend" ? null : previous.statusReason,
    ...(correction.kind === "amend" ? correction.values : valuesOf(previous)),
  };
}

type Prepared = PreparedGrading<ObservationVersion, Regrading> | null;

/** Before the transaction: the version corrected, the patient's facts, and the timeline graded before and after. */
async function prepare(
  { user, targetId: versionId, now }: Omit<PrepareContext<unknown>, "input">,
  correction: Correction,
): Promise<Prepared> {
  const previous = await loadVersion(db, versionId);
  if (!previous || previous.status === "entered_in_error") return null;
  const snapshot = await readFactSnapshot(previous.patientId);
  if (!snapshot) return null;
  const row = correctedVersion(previous, correction, randomUUID(), user.id, now);
  return { snapshot, row, graded: regradeObservations(snapshot.patient, snapshot.facts, row, versionId, now) };
}

/** The transaction's work: the new version superseding `versionId`, its audit event and the re-gradings it caused. */
async function write(
  { tx, user, actor, targetId: versionId, submissionKey, now, prepared }: Omit<WriteContext<unknown, Prepared>, "input">,
  correction: Correction,
): Promise<WriteResult<CorrectedObservation>> {
  const opened = await openCorrection(tx, "observation", await loadVersion(tx, versionId), noSuchObservation, (timeZone) =>
    refusalIfSuperseded(tx, versionId, timeZone),
  );
  if (opened.refusal) return opened.refusal;
  const { previous, patient } = opened;
  if (correction.kind === "amend") {
    const timeRefused = bedsideTimeRefusal(patient, correction.effectiveAt, now);
    if (timeRefused) return timeRefused;
  }
  const row = correctedVersion(previous, correction, prepared?.row.id ?? randomUUID(), user.id, now);
  const id = row.id;
  // Before the insert: the check counts the patient's rows as the snapshot did.
  const { after, lateEntryChanges } = await gradingInside(tx, patient, row, prepared, (facts) =>
    regradeObservations(patient, facts, row, versionId, now),
  );
  await insertObservationVersion(tx, row, submissionKey);
  const grade = gradeOf(after, id);
  const action = AUDIT_ACTION[correction.kind];
  await recordAudit(tx, actor, {
    action,
    entityType: "observation",
    entityId: id,
    before: observationSnapshot(previous),
    after: {
      ...observationSnapshot(row),
      ...(correction.kind === "amend" ? correction.extraAudit : {}),
      gradeAtCharting: grade?.grade ?? null,
      lateEntryChanges,
    },
  });
  await recordLateEntryRegrades(
    tx,
    { write: action, causeId: id, patientId: row.patientId, entryAt: row.effectiveAt, chartedBy: actor, chartedAt: now },
    lateEntryChanges,
  );
  return succeeded({ observationId: id, lineageId: row.lineageId, version: row.version, grade, lateEntryChanges });
}

/** Another correction of the same version committed first: who made it. */
async function lostRace(error: unknown, versionId: unknown): Promise<WriteFailure | null> {
  if (!isUniqueViolation(error, ["supersedesId"]) && !isUniqueViolation(error, ["lineageId", "version"])) return null;
  const id = String(versionId);
  const previous = await db.observation.findUnique({ where: { id }, select: { patient: { select: { ward: true } } } });
  const stale = await refusalIfSuperseded(db, id, previous?.patient.ward.timeZone ?? "UTC");
  return (
    stale ??
    failed(
      "stale_version",
      "This observation was changed by someone else since you opened it. Reopen it to see the current version.",
    )
  );
}

/** Correct observation version `versionId` through the one write path. */
export function correctObservation<Input extends { idempotencyKey: string | null }>(options: {
  kind: Correction["kind"];
  site: string;
  user: CurrentUser | null;
  versionId: unknown;
  schema: z.ZodType<Input>;
  input: unknown;
  now: Date;
  correction: (input: Input) => Correction;
}): Promise<WriteResult<CorrectedObservation>> {
  return clinicalWrite({
    write: AUDIT_ACTION[options.kind],
    site: options.site,
    permission: "observation:chart",
    user: options.user,
    target: { id: options.versionId, notFound: noSuchObservation },
    patientOfTarget: async (tx, versionId) =>
      (await tx.observation.findUnique({ where: { id: versionId }, select: { patientId: true } }))?.patientId ?? null,
    schema: options.schema,
    input: options.input,
    now: options.now,
    idempotency: { key: (input) => input.idempotencyKey, resultId: (value) => value.observationId, replay },
    prepare: (context) => prepare(context, options.correction(context.input)),
    run: (context) => write(context, options.correction(context.input)),
    onUniqueViolation: (error) => lostRace(error, options.versionId),
  });
}
