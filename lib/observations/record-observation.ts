// Charting one set of observations: version 1 of a new fact, its vasopressor rows, its audit event
// and the late-entry re-gradings it caused, in one transaction (lib/write/clinical-write.ts), then
// the grade it got and any observation it re-graded.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { evaluateTimeline, type GradedObservation } from "@/lib/engine";
import { observationFormSchema, type ObservationFields } from "@/lib/observations/observation-input";
import {
  currentFacts,
  gradeOf,
  insertObservationVersion,
  observationSnapshot,
  regradeObservations,
  valuesFromForm,
} from "@/lib/observations/observation-versions";
import { bedsideTimeRefusal, loadChartingPatient, noSuchPatient, type LateEntryChange } from "@/lib/write/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import type { ObservationVersion } from "@/lib/timeline/facts";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
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
  const graded = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, asOf));
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

async function write({
  tx,
  user,
  actor,
  input: fields,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<ObservationFields>): Promise<WriteResult<RecordedObservation>> {
  const patient = await loadChartingPatient(tx, patientId);
  if (!patient) return noSuchPatient();
  const timeRefused = bedsideTimeRefusal(patient, fields.effectiveAt, now);
  if (timeRefused) return timeRefused;

  const facts = await currentFacts(tx, patientId);
  const observationId = randomUUID();
  const row: ObservationVersion = {
    id: observationId,
    lineageId: observationId,
    version: 1,
    supersedesId: null,
    status: "final",
    changeReason: null,
    setStatus: "charted",
    statusReason: null,
    patientId,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: user.id,
    ...valuesFromForm(fields),
  };
  await insertObservationVersion(tx, row, submissionKey);
  const { after, lateEntryChanges } = regradeObservations(patient, facts, row, null, now);
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
export function recordObservation(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedObservation>> {
  return clinicalWrite({
    write: "observation.create",
    site: "recordObservation",
    permission: "observation:chart",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: observationFormSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.observationId, replay },
    run: write,
  });
}
