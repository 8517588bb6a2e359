// Charting a dose that was given. Tocilizumab limits are checked again inside the write
// transaction (another dose may have been charted since the user saw the warning); a dose that
// breaks a limit is still charted once the user confirms it with a reason, because it was given.
import { randomUUID } from "node:crypto";
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { doseFormSchema } from "@/lib/doses/dose-input";
import { checkDoseLimits } from "@/lib/doses/dose-limits";
import { decideOverride } from "@/lib/doses/dose-override";
import { currentFacts, doseSnapshot, insertDoseVersion, regradeForDose } from "@/lib/doses/dose-versions";
import { splitFlags } from "@/lib/timeline/load-timeline";
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
import type { DoseVersion } from "@/lib/timeline/facts";
import { failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

export interface RecordedDose {
  doseId: string;
  lineageId: string;
  version: number;
  /** The TOCI_* flags stored on the dose (empty when no limit is broken). */
  flags: string[];
  /** Flagged, stored with the reason, and waiting for a physician to confirm the override. */
  awaitingOverrideConfirmation: boolean;
  /** Observations this dose re-graded (a masking drug charted late, ALERT-LATE-ENTRY). */
  lateEntryChanges: LateEntryChange[];
}

async function replay(client: Tx | typeof db, idempotencyKey: string, patientId: string): Promise<WriteResult<RecordedDose> | null> {
  const stored = await client.medicationAdministration.findUnique({
    where: { idempotencyKey },
    select: { id: true, lineageId: true, version: true, patientId: true, supersedesId: true, flagsAtCharting: true, overrideConfirmedById: true },
  });
  if (!stored) return null;
  if (stored.patientId !== patientId || stored.supersedesId !== null) {
    return failed(409, "This form was already used to chart something else. Reopen the form and chart again.");
  }
  const flags = splitFlags(stored.flagsAtCharting);
  return succeeded({
    doseId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    flags,
    awaitingOverrideConfirmation: flags.length > 0 && stored.overrideConfirmedById === null,
    lateEntryChanges: await auditedLateEntryChanges(client, "dose.create", stored.id),
  });
}

/**
 * Chart a dose given to patient `patientId`. Permission `dose:record`.
 * 401/403 -> 400 (every wrong field; a confirmed limit without a reason) -> 404 -> 409 (the limits
 * differ from those confirmed, with `conflict` describing them now; or after discharge).
 */
export async function recordDose(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<RecordedDose>> {
  const access = await authorizeWrite(user, "dose:record", actionSite("recordDose", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatient();
  const parsed = doseFormSchema(now).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const fields = parsed.data;
  const actor = actorOf(access.user);

  try {
    return await writeTransaction(async (tx) => {
      const earlier = await replay(tx, fields.idempotencyKey, id);
      if (earlier) return earlier;
      const patient = await loadChartingPatient(tx, id);
      if (!patient) return noSuchPatient();
      const afterDischarge = chartedAfterDischarge(patient, fields.effectiveAt);
      if (afterDischarge) return afterDischarge;

      // The doses as they are now, inside the transaction: what the user confirmed must still hold.
      const facts = await currentFacts(tx, id);
      const check = checkDoseLimits(patient, facts.doses, fields, now);
      const decision = decideOverride(check, fields.confirmedFlags, fields.overrideReason, access.user);
      if (decision.failure) return decision.failure;

      const doseId = randomUUID();
      const row: DoseVersion = {
        id: doseId,
        lineageId: doseId,
        version: 1,
        supersedesId: null,
        status: "final",
        changeReason: null,
        patientId: id,
        drug: fields.drug,
        doseMg: fields.doseMg,
        route: fields.route,
        effectiveAt: new Date(fields.effectiveAt),
        recordedAt: now,
        recordedById: access.user.id,
        ...decision.columns,
      };
      await insertDoseVersion(tx, row, fields.idempotencyKey);
      const lateEntryChanges = regradeForDose(patient, facts, row, null, now);
      await recordAudit(tx, actor, {
        action: "dose.create",
        entityType: "dose",
        entityId: doseId,
        after: { ...doseSnapshot(row), doseNumber: check.doseNumber, lateEntryChanges },
      });
      if (check.flags.length > 0) {
        await recordAudit(tx, actor, {
          action: "dose.limit_override",
          entityType: "dose",
          entityId: doseId,
          after: {
            flags: check.flags,
            reasons: check.reasons.map((reason) => reason.text),
            overrideReason: row.overrideReason,
            confirmedById: row.overrideConfirmedById,
            awaitingPhysicianConfirmation: row.overrideConfirmedById === null,
          },
        });
      }
      return succeeded({
        doseId,
        lineageId: doseId,
        version: 1,
        flags: check.flags,
        awaitingOverrideConfirmation: check.flags.length > 0 && row.overrideConfirmedById === null,
        lateEntryChanges,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, ["idempotencyKey"])) {
      const earlier = await replay(db, fields.idempotencyKey, id);
      if (earlier) return earlier;
    }
    throw error;
  }
}
