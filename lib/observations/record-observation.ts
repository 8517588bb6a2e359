// Charting one set of observations: version 1 of a new fact, its vasopressor rows, its audit event
// and the late-entry re-gradings it caused, in one transaction (lib/write/clinical-write.ts), then
// the grade it got and any observation it re-graded. The grading is worked out before the
// transaction from a snapshot of the patient's facts (lib/observations/fact-snapshot.ts).
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { evaluateObservations, type GradedObservation, type ObservationsWalk } from "@/lib/engine";
import { gradingInside, readFactSnapshot, type PreparedGrading } from "@/lib/observations/fact-snapshot";
import { keepWalk, walkOver } from "@/lib/observations/kept-walks";
import { observationFormSchema, type ObservationFields } from "@/lib/observations/observation-input";
import {
  currentFacts,
  gradeOf,
  insertObservationVersion,
  observationSnapshot,
  regradeObservations,
  valuesFromForm,
  type Regrading,
} from "@/lib/observations/observation-versions";
import {
  firstVersion,
  loadChartingPatient,
  noSuchPatient,
  patientToChart,
  type LateEntryChange,
} from "@/lib/write/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import type { FactCounts } from "@/lib/timeline/fact-cache";
import type { ObservationVersion } from "@/lib/timeline/facts";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import { clinicalWrite, type PrepareContext, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface RecordedObservation {
  observationId: string;
  lineageId: string;
  version: number;
  grade: GradedObservation;
  /** Observations already charted whose grade this one changed (ALERT-LATE-ENTRY). */
  lateEntryChanges: LateEntryChange[];
}

/** A repeated submit: the stored fact's ids, its grade now, and the re-grading that submit caused. */
async function replay({ client, now }: ReplayContext, observationId: string): Promise<WriteResult<RecordedObservation>> {
  const stored = await client.observation.findUniqueOrThrow({
    where: { id: observationId },
    select: { id: true, lineageId: true, version: true, patientId: true },
  });
  const patient = await loadChartingPatient(client, stored.patientId);
  if (!patient) return noSuchPatient();
  const facts = await currentFacts(client, stored.patientId);
  // The fact may have been corrected since: its grade is the grade of its current version.
  const current = facts.observations.find((row) => row.lineageId === stored.lineageId);
  // ASOF: a set charted a few minutes ahead of the server clock is graded as of its own time.
  const asOf = current && current.effectiveAt > now ? current.effectiveAt : now;
  const graded = evaluateObservations(engineInput(patient, facts.observations, facts.doses, asOf));
  const grade = current ? gradeOf(graded, current.id) : null;
  if (!grade) return failed("conflict", "This observation was charted, then marked entered in error since.");
  return succeeded({
    observationId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    grade,
    lateEntryChanges: await lateEntryChangesOf(client, stored.id),
  });
}

/** The new fact's first version, as charted from the form. */
function newObservation(id: string, patientId: string, fields: ObservationFields, userId: string, now: Date): ObservationVersion {
  return {
    ...firstVersion(id),
    setStatus: "charted",
    statusReason: null,
    patientId,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: userId,
    ...valuesFromForm(fields),
  };
}

type Prepared = PreparedGrading<ObservationVersion, Regrading> | null;

/** Before the transaction: the patient's facts, and the timeline graded before and after the new set. */
async function prepare({ user, input: fields, targetId: patientId, now }: PrepareContext<ObservationFields>): Promise<Prepared> {
  const snapshot = await readFactSnapshot(patientId);
  if (!snapshot) return null;
  const row = newObservation(randomUUID(), patientId, fields, user.id, now);
  const walk = walkOver(snapshot.patient, snapshot.stored, snapshot.facts, now);
  return { snapshot, row, graded: regradeObservations(snapshot.patient, snapshot.facts, row, null, now, walk) };
}

/** What a write graded from a snapshot that held: the walk to keep once it has committed (kept-walks.ts). */
interface WalkToKeep {
  patientId: string;
  /** The row written: a repeat answered from another request's row keeps nothing. */
  observationId: string;
  counts: FactCounts;
  walk: ObservationsWalk;
}

async function write(
  {
    tx,
    user,
    actor,
    input: fields,
    targetId: patientId,
    submissionKey,
    now,
    prepared,
  }: WriteContext<ObservationFields, Prepared>,
  graded: (walk: WalkToKeep) => void,
): Promise<WriteResult<RecordedObservation>> {
  const opened = await patientToChart(tx, patientId, fields.effectiveAt, now);
  if (opened.refusal) return opened.refusal;
  const { patient } = opened;

  const row = newObservation(prepared?.row.id ?? randomUUID(), patientId, fields, user.id, now);
  const observationId = row.id;
  // Before the insert: the check counts the patient's rows as the snapshot did.
  const regrading = await gradingInside(tx, patient, row, prepared, (facts) =>
    regradeObservations(patient, facts, row, null, now),
  );
  const { after, lateEntryChanges } = regrading;
  await insertObservationVersion(tx, row, submissionKey);
  // The snapshot held: its rows were the patient's, and this write adds one observation row to them.
  if (prepared && regrading === prepared.graded && regrading.walk) {
    const stored = prepared.snapshot.stored;
    graded({
      patientId,
      observationId,
      counts: { observations: stored.observations + 1, doses: stored.doses },
      walk: regrading.walk,
    });
  }
  const grade = gradeOf(after, observationId);
  if (!grade) throw new Error("The observation just written was not graded");
  await recordAudit(tx, actor, {
    action: "observation.create",
    entityType: "observation",
    entityId: observationId,
    after: {
      ...observationSnapshot(row),
      temperatureAsCharted: fields.temperatureAsCharted,
      gradeAtCharting: grade.grade,
      icansGradeAtCharting: grade.icansGrade,
      lateEntryChanges,
    },
  });
  await recordLateEntryRegrades(
    tx,
    {
      write: "observation.create",
      causeId: observationId,
      patientId,
      entryAt: row.effectiveAt,
      chartedBy: actor,
      chartedAt: now,
    },
    lateEntryChanges,
  );
  return succeeded({ observationId, lineageId: observationId, version: 1, grade, lateEntryChanges });
}

/**
 * Chart an observation on a patient. Permission `observation:chart`.
 * unauthenticated/forbidden (audited) -> not_found -> invalid (every wrong field) -> conflict (after
 * discharge) -> idempotency_mismatch (the form's key already charted something else).
 */
export async function recordObservation(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedObservation>> {
  let toKeep: WalkToKeep | null = null;
  const result = await clinicalWrite({
    write: "observation.create",
    site: "recordObservation",
    permission: "observation:chart",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: observationFormSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.observationId, replay },
    prepare,
    run: (context) => {
      toKeep = null;
      return write(context, (walk) => (toKeep = walk));
    },
  });
  // Kept only once committed: a rolled-back write's walk would name rows that were never stored.
  const committed = toKeep as WalkToKeep | null;
  if (result.ok && committed?.observationId === result.value.observationId) {
    keepWalk(committed.patientId, committed.counts, committed.walk);
  }
  return result;
}
