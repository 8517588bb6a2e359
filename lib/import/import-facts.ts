// Storing an upload: every fact through the very server function its charting form calls, each
// under a submission key made from the fact's identifier, so importing the same file twice stores
// each fact once: a set by recordObservation, a set not taken by recordMissedSet, a dose by
// recordDose (with the confirmation the file carries, lib/doses/carried-confirmation.ts), a weight by
// recordWeight, a pause by pauseObservations, and an answer to a task by importAcknowledgement.
// Each is authorized, validated by its form's schema, audited in its own transaction, and the
// tocilizumab limits are re-checked inside each dose's. A dose that breaks a limit needs the
// importing user's confirmation and reason, exactly as a charted dose does; without them nothing at
// all is stored.
//
// Each fact is its own transaction, as when charted by hand: weights first, then sets, doses and
// pauses in bedside-time order, answers last (they name facts stored before them: a task id is its
// kind and the fact that raised it, mapped from the file's ids to this chart's). If one is refused
// part-way, the facts before it stay charted and the answer says so; importing the file again
// stores the rest and nothing twice.
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { sameFlags } from "@/lib/doses/dose-limits";
import { recordDose } from "@/lib/doses/record-dose";
import { importAcknowledgement } from "@/lib/import/import-acknowledgement";
import type { ImportItems } from "@/lib/import/items";
import { planImport, type ImportPreview, type PlannedWrite, type PreviewedDose } from "@/lib/import/preview-import";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { recordObservation } from "@/lib/observations/record-observation";
import { pauseObservations } from "@/lib/tasks/pause-observations";
import { recordWeight } from "@/lib/weights/record-weight";
import { failed, succeeded, type FieldError, type WriteResult } from "@/lib/write-result";

/** The importing user's answer to a dose that breaks a tocilizumab limit: the flags seen, and why it was given. */
export interface DoseConfirmation {
  sourceKey: string;
  flags: string[];
  reason: string;
}

export interface ImportOutcome {
  preview: ImportPreview;
  storedSets: number;
  storedDoses: number;
  storedMissedSets: number;
  storedWeights: number;
  storedPauses: number;
  storedAcknowledgements: number;
  /** Doses stored over a limit and waiting for a physician (the importing user is not one). */
  awaitingOverrideConfirmation: number;
  /** Doses whose confirmation in the file was carried over (a physician importing). */
  carriedConfirmations: number;
}

const OUTCOME_FIELD: Record<PlannedWrite["kind"], keyof ImportOutcome> = {
  set: "storedSets",
  missedSet: "storedMissedSets",
  dose: "storedDoses",
  weight: "storedWeights",
  pause: "storedPauses",
  acknowledgement: "storedAcknowledgements",
};

/** Import an upload for patient `patientId`. Permission `observation:chart`; each fact also needs its own form's permission. */
export async function importFacts(
  user: CurrentUser | null,
  patientId: unknown,
  items: ImportItems,
  confirmations: readonly DoseConfirmation[],
  now: Date = new Date(),
): Promise<WriteResult<ImportOutcome>> {
  const plan = await planImport(user, patientId, items, now);
  if (!plan.ok) return plan;
  const { preview, writes, skippedIds } = plan.value;
  const missing = unconfirmed(preview.dosesChecked, confirmations);
  if (missing.length > 0) {
    return failed(
      "invalid",
      missing.length === 1 ? `${missing[0]!.path}: ${missing[0]!.message}` : `${missing.length} doses need a confirmation`,
      { fieldErrors: missing },
    );
  }

  const patient = plan.value.patient;
  const outcome: ImportOutcome = {
    preview,
    storedSets: 0,
    storedDoses: 0,
    storedMissedSets: 0,
    storedWeights: 0,
    storedPauses: 0,
    storedAcknowledgements: 0,
    awaitingOverrideConfirmation: 0,
    carriedConfirmations: 0,
  };
  // The file's fact ids -> this chart's: what the acknowledgements' task ids name.
  const ids = new Map(skippedIds);
  let stored = 0;
  for (const write of writes) {
    const result = await store(user, patient.id, write, confirmations, ids, now);
    if (!result.ok) {
      return {
        ...result,
        message: `${write.item.source} was refused: ${result.message} ${stored} of ${writes.length} entries were stored before it; import the file again to store the rest (nothing is stored twice).`,
      };
    }
    stored++;
    (outcome[OUTCOME_FIELD[write.kind]] as number)++;
    if (write.item.exportedId !== null && result.value.id) ids.set(write.item.exportedId, result.value.id);
    if (result.value.awaiting) outcome.awaitingOverrideConfirmation++;
    if (write.kind === "dose" && write.check.carriedConfirmation && write.check.flags.length > 0) outcome.carriedConfirmations++;
  }

  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user!), {
      action: "import.clinical_record",
      entityType: "patient",
      entityId: patient.id,
      after: {
        format: items.format,
        sets: outcome.storedSets,
        doses: outcome.storedDoses,
        ...(items.format === "timeline"
          ? {
              missedSets: outcome.storedMissedSets,
              weights: outcome.storedWeights,
              pauses: outcome.storedPauses,
              acknowledgements: outcome.storedAcknowledgements,
              carriedConfirmations: outcome.carriedConfirmations,
            }
          : {}),
        skipped: preview.skipped.length,
        lateEntries: preview.lateEntries,
        regraded: preview.regraded.length,
        flaggedDoses: preview.dosesChecked.filter((dose) => dose.flags.length > 0).length,
      },
    }),
  );
  return succeeded(outcome);
}

/** One planned fact through its own write function; the id it was stored under (what task ids name). */
async function store(
  user: CurrentUser | null,
  patientId: string,
  write: PlannedWrite,
  confirmations: readonly DoseConfirmation[],
  ids: ReadonlyMap<string, string>,
  now: Date,
): Promise<WriteResult<{ id: string | null; awaiting: boolean }>> {
  const stored = <V>(result: WriteResult<V>, id: (value: V) => string | null, awaiting = (_value: V) => false) =>
    result.ok ? succeeded({ id: id(result.value), awaiting: awaiting(result.value) }) : result;
  switch (write.kind) {
    case "set":
      return stored(
        await recordObservation(user, patientId, { ...write.item.form, idempotencyKey: write.key }, now),
        (value) => value.observationId,
      );
    case "missedSet":
      return stored(
        await recordMissedSet(user, patientId, { ...write.item.form, idempotencyKey: write.key }, now),
        (value) => value.observationId,
      );
    case "weight":
      return stored(await recordWeight(user, patientId, { ...write.item.form, idempotencyKey: write.key }, now), () => null);
    case "pause":
      // The engine names a pause by its lineage (lib/timeline/task-facts.ts).
      return stored(
        await pauseObservations(user, patientId, { ...write.item.form, idempotencyKey: write.key }, now),
        (value) => value.lineageId,
      );
    case "acknowledgement":
      return stored(
        await importAcknowledgement(user, patientId, { ...write.fields, taskId: mappedTaskId(write.fields.taskId, ids) }, now),
        (value) => value.acknowledgementId,
      );
    case "dose": {
      const input = {
        ...Object.fromEntries(Object.entries(write.item.form).filter(([, value]) => value !== null)),
        idempotencyKey: write.key,
        ...confirmationOf(write.check, confirmations),
      };
      const result = await recordDose(user, patientId, input, now, { carriedConfirmation: write.item.confirmation });
      return stored(
        result,
        (value) => value.doseId,
        (value) => value.awaitingOverrideConfirmation,
      );
    }
  }
}

/**
 * A task id is its kind and the fact that raised it (an observation, a dose or a pause, by the
 * file's id): the same task on this chart names the fact as stored here. A fact the file does not
 * hold (the answer named a version since amended) keeps its id: it names no task here, as there.
 */
export function mappedTaskId(taskId: string, ids: ReadonlyMap<string, string>): string {
  const split = taskId.indexOf(":");
  const factId = taskId.slice(split + 1);
  const mapped = ids.get(factId);
  return mapped === undefined ? taskId : `${taskId.slice(0, split)}:${mapped}`;
}

/** Every flagged dose needs its flags confirmed, exactly, with a reason (TOCI-CONFIRM, as in the dose form). */
function unconfirmed(doses: readonly PreviewedDose[], confirmations: readonly DoseConfirmation[]): FieldError[] {
  const problems: FieldError[] = [];
  for (const dose of doses) {
    if (dose.flags.length === 0) continue;
    const answer = confirmations.find((confirmation) => confirmation.sourceKey === dose.sourceKey);
    if (!answer || !sameFlags(answer.flags, dose.flags)) {
      problems.push({
        path: `confirm.${dose.ordinal}`,
        message: `${dose.label} breaks ${dose.flags.join(", ")}: confirm it with a reason, as for a charted dose`,
      });
    } else if (answer.reason.trim() === "") {
      problems.push({ path: `confirm.${dose.ordinal}`, message: `${dose.label}: say why this dose was given despite the limit` });
    }
  }
  return problems;
}

function confirmationOf(
  dose: PreviewedDose,
  confirmations: readonly DoseConfirmation[],
): { confirmedFlags?: string[]; overrideReason?: string } {
  if (dose.flags.length === 0) return {};
  const answer = confirmations.find((confirmation) => confirmation.sourceKey === dose.sourceKey);
  return answer ? { confirmedFlags: answer.flags, overrideReason: answer.reason.trim() } : {};
}
