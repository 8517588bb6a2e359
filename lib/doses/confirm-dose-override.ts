// A physician confirms the tocilizumab limit flags of a dose (TOCI-CONFIRM): a record of its own
// (DoseConfirmation: who, when, which flags, why), audited as dose.confirm. The dose itself and
// who charted it are left as they were. The flags named must be the flags the engine gives the
// dose now, so nobody confirms without seeing every breach: a late earlier dose that put the dose
// over another limit since the page was opened is refused (limits_changed) with the new situation.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { evaluateTimeline, showValue, TOCI_FLAGS } from "@/lib/engine";
import { formList, formText } from "@/lib/http/form-values";
import { loadDoseConfirmations } from "@/lib/facts/dose-confirmations";
import { patientForEngine } from "@/lib/facts/grading-patient";
import { sameFlags } from "@/lib/doses/dose-limits";
import { currentDoses, loadDoseVersion, noSuchDose } from "@/lib/doses/dose-versions";
import { doseForEngine, ENTERED_IN_ERROR } from "@/lib/timeline/engine-input";
import { loadChartingPatient } from "@/lib/write/charting-write";
import { changeReasonSchema, formSchema, idempotencyKeySchema } from "@/lib/write/charting-input";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface ConfirmedOverride {
  confirmationId: string;
  /** The dose version confirmed. */
  doseId: string;
  flags: string[];
  confirmedAt: string;
}

/** { flags: the TOCI_* flags shown and confirmed, reason, idempotencyKey? }. */
export const overrideConfirmationSchema = formSchema(
  {
    flags: z.preprocess(
      formList,
      z
        .array(z.enum(TOCI_FLAGS, { error: (iss) => `${showValue(iss.input)} is not a tocilizumab limit flag` }), {
          error: (iss) => `${showValue(iss.input)} is not a list of flags`,
        })
        .min(1, { error: "is required: name the limit flags you confirm" })
        .max(TOCI_FLAGS.length, { error: `lists more than the ${TOCI_FLAGS.length} tocilizumab limit flags` }),
    ),
    reason: z.preprocess(formText, changeReasonSchema),
    idempotencyKey: idempotencyKeySchema.optional(),
  },
  "a limit confirmation",
  {
    build: (value) => ({
      flags: [...new Set(value.flags)].sort(),
      reason: value.reason,
      idempotencyKey: value.idempotencyKey ?? null,
    }),
  },
);
type ConfirmationFields = z.output<typeof overrideConfirmationSchema>;

async function replay({ client }: ReplayContext, confirmationId: string): Promise<WriteResult<ConfirmedOverride>> {
  const stored = await client.doseConfirmation.findUniqueOrThrow({ where: { id: confirmationId } });
  return succeeded({
    confirmationId: stored.id,
    doseId: stored.doseId,
    flags: stored.flags.split(","),
    confirmedAt: stored.confirmedAt.toISOString(),
  });
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: versionId,
  submissionKey,
  now,
}: WriteContext<ConfirmationFields>): Promise<WriteResult<ConfirmedOverride>> {
  const dose = await loadDoseVersion(tx, versionId);
  if (!dose) return noSuchDose();
  const patient = await loadChartingPatient(tx, dose.patientId);
  if (!patient) return noSuchDose();
  if (await tx.medicationAdministration.findUnique({ where: { supersedesId: versionId }, select: { id: true } })) {
    return failed(
      "stale_version",
      "This dose was corrected since you opened it: reopen it to see its current version and limits.",
    );
  }
  if (dose.status === ENTERED_IN_ERROR)
    return failed("conflict", "This dose was marked entered in error: there is nothing to confirm.");

  // The dose's flags now, from the engine, with every dose and confirmation as they are in this transaction.
  const doses = (await currentDoses(tx, dose.patientId)).filter((row) => row.status !== ENTERED_IN_ERROR);
  const confirmations = await loadDoseConfirmations(tx, [dose.patientId]);
  const graded = evaluateTimeline({
    patient: patientForEngine(patient),
    observations: [],
    medications: doses.map((row) => doseForEngine(row, now, confirmations)),
    now: now.toISOString(),
  });
  const dosed = graded.medications.find((medication) => medication.id === versionId);
  if (!dosed || dosed.flags.length === 0) return failed("conflict", "This dose breaks no limit: there is nothing to confirm.");
  if (!sameFlags(dosed.flags, input.flags)) {
    return failed(
      "limits_changed",
      `This dose's limits changed since you opened it: it now has ${dosed.flags.join(", ")}. Review every breach and confirm again.`,
      {
        conflict: {
          flags: dosed.flags,
          reasons: dosed.reasons.filter((reason) => (dosed.flags as string[]).includes(reason.rule)),
          nextEligibleAt: graded.tocilizumab.nextEligibleAt,
          recommendedDoseMg: graded.tocilizumab.recommendedDoseMg,
        },
      },
    );
  }
  if (dosed.unconfirmedFlags.length === 0) return failed("conflict", "Every limit of this dose is already confirmed.");

  const id = randomUUID();
  await tx.doseConfirmation.create({
    data: {
      id,
      patientId: dose.patientId,
      doseId: versionId,
      flags: input.flags.join(","),
      reason: input.reason,
      confirmedAt: now,
      confirmedById: user.id,
      idempotencyKey: submissionKey,
    },
  });
  await recordAudit(tx, actor, {
    action: "dose.confirm",
    entityType: "dose",
    entityId: versionId,
    after: {
      confirmationId: id,
      patientId: dose.patientId,
      flags: input.flags,
      reason: input.reason,
      confirmedAt: now.toISOString(),
      doseRecordedById: dose.recordedById,
    },
  });
  return succeeded({ confirmationId: id, doseId: versionId, flags: input.flags, confirmedAt: now.toISOString() });
}

/**
 * Confirm the limit flags of dose version `versionId`. Permission `dose:confirm-override`
 * (physicians). unauthenticated/forbidden -> not_found -> invalid -> stale_version (not the current
 * version) or conflict (no flag, all confirmed, entered in error) or limits_changed (the flags
 * named are not the dose's flags now) -> idempotency_mismatch.
 */
export function confirmDoseOverride(
  user: CurrentUser | null,
  versionId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<ConfirmedOverride>> {
  return clinicalWrite({
    write: "dose.confirm",
    site: "confirmDoseOverride",
    permission: "dose:confirm-override",
    user,
    target: { id: versionId, notFound: noSuchDose },
    patientOfTarget: async (tx, id) =>
      (await tx.medicationAdministration.findUnique({ where: { id }, select: { patientId: true } }))?.patientId ?? null,
    schema: overrideConfirmationSchema,
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.confirmationId, replay },
    run: write,
  });
}
