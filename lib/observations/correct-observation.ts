// A correction of a charted observation (amendment or "entered in error") is a new version that
// supersedes the one the user had open. Only the current version can be corrected: a user who
// opened an older one is told who changed it since (409), never silently merged. The unique
// supersedesId and (lineageId, version) make the database itself pick one winner when two
// corrections race; the loser gets the same 409.
import { randomUUID } from "node:crypto";
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { evaluateTimeline, type GradedObservation } from "@/lib/engine";
import {
  currentFacts,
  gradeOf,
  insertObservationVersion,
  observationSnapshot,
  regradeObservations,
  type ObservationValues,
} from "@/lib/observations/observation-versions";
import {
  auditedLateEntryChanges,
  chartedAfterDischarge,
  isUniqueViolation,
  loadChartingPatient,
  staleVersion,
  type LateEntryChange,
} from "@/lib/timeline/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import { observationColumns, type ObservationVersion } from "@/lib/timeline/facts";
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
  | { kind: "amend"; effectiveAt: string; values: ObservationValues; reason: string; idempotencyKey: string | null; extraAudit?: Record<string, unknown> }
  | { kind: "entered_in_error"; reason: string; idempotencyKey: string | null };

const AUDIT_ACTION = { amend: "observation.amend", entered_in_error: "observation.entered_in_error" } as const;

export const noSuchObservation = (): WriteFailure => failed(404, "No such observation: the link may be out of date.");

async function loadVersion(client: Tx | typeof db, id: string): Promise<ObservationVersion | null> {
  const row = await client.observation.findUnique({
    where: { id },
    select: { ...observationColumns, vasopressors: { select: { agent: true, doseMcgKgMin: true }, orderBy: { id: "asc" } } },
  });
  return row;
}

/** 409 naming who corrected `versionId` since it was opened, or null when it is still current. */
async function refusalIfSuperseded(client: Tx | typeof db, versionId: string, timeZone: string): Promise<WriteFailure | null> {
  const successor = await client.observation.findUnique({
    where: { supersedesId: versionId },
    select: { recordedAt: true, status: true, recordedBy: { select: { displayName: true } } },
  });
  return successor ? staleVersion("observation", successor.recordedBy, successor.recordedAt, timeZone, successor.status) : null;
}

/** The result of an earlier submit of the same correction form, or null when the key is new. */
async function replay(
  client: Tx | typeof db,
  correction: Correction,
  versionId: string,
  now: Date,
): Promise<WriteResult<CorrectedObservation> | null> {
  if (!correction.idempotencyKey) return null;
  const stored = await client.observation.findUnique({ where: { idempotencyKey: correction.idempotencyKey }, select: observationColumns });
  if (!stored) return null;
  if (stored.supersedesId !== versionId || stored.status !== (correction.kind === "amend" ? "amended" : "entered_in_error")) {
    return failed(409, "This form was already used to chart something else. Reopen the form and chart again.");
  }
  const patient = await loadChartingPatient(client, stored.patientId);
  if (!patient) return null;
  const facts = await currentFacts(client, stored.patientId);
  const graded = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, now));
  return succeeded({
    observationId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    grade: gradeOf(graded, stored.id),
    lateEntryChanges: await auditedLateEntryChanges(client, AUDIT_ACTION[correction.kind], stored.id),
  });
}

/** Writes the correction of `versionId` (already authorized and validated by the caller). */
export async function correctObservation(
  user: CurrentUser,
  versionId: string,
  correction: Correction,
  now: Date,
): Promise<WriteResult<CorrectedObservation>> {
  try {
    return await writeTransaction(async (tx) => {
      const earlier = await replay(tx, correction, versionId, now);
      if (earlier) return earlier;
      const previous = await loadVersion(tx, versionId);
      if (!previous) return noSuchObservation();
      const patient = await loadChartingPatient(tx, previous.patientId);
      if (!patient) return noSuchObservation();
      const stale = await refusalIfSuperseded(tx, versionId, patient.ward.timeZone);
      if (stale) return stale;
      if (previous.status === "entered_in_error") {
        return failed(409, "This observation was marked entered in error: chart a new observation instead of correcting it.");
      }

      const effectiveAt = correction.kind === "amend" ? new Date(correction.effectiveAt) : previous.effectiveAt;
      if (correction.kind === "amend") {
        const afterDischarge = chartedAfterDischarge(patient, correction.effectiveAt);
        if (afterDischarge) return afterDischarge;
      }
      const facts = await currentFacts(tx, previous.patientId);
      const id = randomUUID();
      const { id: _id, lineageId, version, supersedesId: _s, status: _st, changeReason: _c, patientId, effectiveAt: _e,
        recordedAt: _r, recordedById: _b, ...previousValues } = previous;
      const row: ObservationVersion = {
        id,
        lineageId,
        version: version + 1,
        supersedesId: versionId,
        status: correction.kind === "amend" ? "amended" : "entered_in_error",
        changeReason: correction.reason,
        patientId,
        effectiveAt,
        recordedAt: now,
        recordedById: user.id,
        // An amendment is the full corrected observation; "entered in error" keeps the values it voids.
        ...(correction.kind === "amend" ? correction.values : previousValues),
      };
      await insertObservationVersion(tx, row, correction.idempotencyKey);
      const { after, lateEntryChanges } = regradeObservations(patient, facts, row, versionId, now);
      const grade = gradeOf(after, id);
      await recordAudit(tx, actorOf(user), {
        action: AUDIT_ACTION[correction.kind],
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
      return succeeded({ observationId: id, lineageId, version: row.version, grade, lateEntryChanges });
    });
  } catch (error) {
    if (correction.idempotencyKey && isUniqueViolation(error, ["idempotencyKey"])) {
      const earlier = await replay(db, correction, versionId, now);
      if (earlier) return earlier;
    }
    // Another correction of the same version committed first.
    if (isUniqueViolation(error, ["supersedesId"]) || isUniqueViolation(error, ["lineageId", "version"])) {
      const previous = await db.observation.findUnique({ where: { id: versionId }, select: { patient: { select: { ward: true } } } });
      const stale = await refusalIfSuperseded(db, versionId, previous?.patient.ward.timeZone ?? "UTC");
      return stale ?? failed(409, "This observation was changed by someone else since you opened it. Reopen it to see the current version.");
    }
    throw error;
  }
}
