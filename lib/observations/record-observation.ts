// Charting one set of observations: version 1 of a new fact, its vasopressor rows and its audit
// event in one transaction, then the grade it got and any observation it re-graded (a late entry).
import { randomUUID } from "node:crypto";
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { evaluateTimeline, type GradedObservation } from "@/lib/engine";
import { observationFormSchema } from "@/lib/observations/observation-input";
import {
  currentFacts,
  gradeOf,
  insertObservationVersion,
  observationSnapshot,
  regradeObservations,
  valuesFromForm,
} from "@/lib/observations/observation-versions";
import {
  actionSite,
  asId,
  auditedLateEntryChanges,
  authorizeWrite,
  chartedAfterDischarge,
  isUniqueViolation,
  loadChartingPatient,
  noSuchPatient,
  type LateEntryChange,
} from "@/lib/timeline/charting-write";
import { engineInput } from "@/lib/timeline/engine-input";
import type { ObservationVersion } from "@/lib/timeline/facts";
import { failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

export interface RecordedObservation {
  observationId: string;
  lineageId: string;
  version: number;
  grade: GradedObservation;
  /** Observations already charted whose grade this one changed (ALERT-LATE-ENTRY). */
  lateEntryChanges: LateEntryChange[];
}

/**
 * The result of an earlier submit with the same key (a double click or a retry): the stored
 * fact's ids, its grade now, and the re-grading that submit reported. Null when the key is new.
 */
async function replay(
  client: Tx | typeof db,
  idempotencyKey: string,
  patientId: string,
  now: Date,
): Promise<WriteResult<RecordedObservation> | null> {
  const stored = await client.observation.findUnique({
    where: { idempotencyKey },
    select: { id: true, lineageId: true, version: true, patientId: true, supersedesId: true },
  });
  if (!stored) return null;
  if (stored.patientId !== patientId || stored.supersedesId !== null) {
    return failed(409, "This form was already used to chart something else. Reopen the form and chart again.");
  }
  const patient = await loadChartingPatient(client, patientId);
  if (!patient) return noSuchPatient();
  const facts = await currentFacts(client, patientId);
  const graded = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, now));
  // The fact may have been corrected since: its grade is the grade of its current version.
  const current = facts.observations.find((row) => row.lineageId === stored.lineageId);
  const grade = current ? gradeOf(graded, current.id) : null;
  if (!grade) return failed(409, "This observation was charted, then marked entered in error since.");
  return succeeded({
    observationId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    grade,
    lateEntryChanges: await auditedLateEntryChanges(client, "observation.create", stored.id),
  });
}

/**
 * Chart an observation on a patient. Permission `observation:chart`.
 * 401/403 (audited) -> 400 (every wrong field) -> 404 (no such patient) -> 409 (after discharge).
 */
export async function recordObservation(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedObservation>> {
  const access = await authorizeWrite(user, "observation:chart", actionSite("recordObservation", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatient();
  const parsed = observationFormSchema(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const fields = parsed.data;
  const actor = actorOf(access.user);

  try {
    return await writeTransaction(async (tx) => {
      // Inside the transaction: a submit that raced the first one sees it here and replays it.
      const earlier = await replay(tx, fields.idempotencyKey, id, now);
      if (earlier) return earlier;
      const patient = await loadChartingPatient(tx, id);
      if (!patient) return noSuchPatient();
      const afterDischarge = chartedAfterDischarge(patient, fields.effectiveAt);
      if (afterDischarge) return afterDischarge;

      const facts = await currentFacts(tx, id);
      const observationId = randomUUID();
      const row: ObservationVersion = {
        id: observationId,
        lineageId: observationId,
        version: 1,
        supersedesId: null,
        status: "final",
        changeReason: null,
        patientId: id,
        effectiveAt: new Date(fields.effectiveAt),
        recordedAt: now,
        recordedById: access.user.id,
        ...valuesFromForm(fields),
      };
      await insertObservationVersion(tx, row, fields.idempotencyKey);
      const { after, lateEntryChanges } = regradeObservations(patient, facts, row, null, now);
      const grade = gradeOf(after, observationId)!;
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
      return succeeded({ observationId, lineageId: observationId, version: 1, grade, lateEntryChanges });
    });
  } catch (error) {
    // Two processes submitted the same form at once: the loser reads the winner's result.
    if (isUniqueViolation(error, ["idempotencyKey"])) {
      const earlier = await replay(db, fields.idempotencyKey, id, now);
      if (earlier) return earlier;
    }
    throw error;
  }
}
