// A dose from an imported timeline file whose limit flags were confirmed where the file came from
// (TOCI-CONFIRM: confirmedFlags, confirmedAt, confirmedBy). It is charted exactly as recordDose
// charts a dose (the form's schema, the limits re-checked inside the transaction, the importing
// user's own confirmation with a reason, the dose.create and dose.limit_override events, the
// late-entry records), with one difference: when the importing user is a physician and confirms
// exactly the flags the file confirmed, the confirmation is stored with the file's time and the
// file's confirmer named in its reason and audit (dose.confirm with `imported`), rather than as a
// new confirmation at the moment of the import. So the dose is unconfirmed here for exactly as
// long as it was there, and its ESC_OVERRIDE_UNCONFIRMED task closes when it closed there. Anyone
// else importing it charts it as recordDose does: a nurse's override awaits a physician here.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/events";
import { doseFormSchema, type DoseFields } from "@/lib/doses/dose-input";
import { checkDoseLimits, sameFlags } from "@/lib/doses/dose-limits";
import { decideOverride, recordLimitOverride } from "@/lib/doses/dose-override";
import { currentFacts, doseSnapshot, insertDoseVersion, regradeForDose } from "@/lib/doses/dose-versions";
import type { RecordedDose } from "@/lib/doses/record-dose";
import { formatInstant, parseInstant, type TociFlag } from "@/lib/engine";
import type { FileConfirmation } from "@/lib/import/items";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import type { DoseVersion } from "@/lib/timeline/facts";
import { splitFlags } from "@/lib/timeline/load-timeline";
import { bedsideTimeRefusal, loadChartingPatient, noSuchPatient } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { succeeded, type WriteResult } from "@/lib/write-result";

/** Whether `user` carries the file's confirmation of a dose with `flags` over (else recordDose's rules apply). */
export function carriesConfirmation(
  user: Pick<CurrentUser, "role">,
  flags: readonly string[],
  confirmation: FileConfirmation | null | undefined,
  now: Date,
): confirmation is FileConfirmation {
  return (
    !!confirmation &&
    flags.length > 0 &&
    can(user.role, "dose:confirm-override") &&
    sameFlags(confirmation.flags, flags) &&
    parseInstant(confirmation.at) <= now.getTime()
  );
}

async function replay({ client }: ReplayContext, doseId: string): Promise<WriteResult<RecordedDose>> {
  const stored = await client.medicationAdministration.findUniqueOrThrow({
    where: { id: doseId },
    select: { id: true, lineageId: true, version: true, flagsAtCharting: true, overrideConfirmedById: true },
  });
  const flags = splitFlags(stored.flagsAtCharting);
  const confirmed = stored.overrideConfirmedById !== null || (await client.doseConfirmation.count({ where: { doseId } })) > 0;
  return succeeded({
    doseId: stored.id,
    lineageId: stored.lineageId,
    version: stored.version,
    flags,
    awaitingOverrideConfirmation: flags.length > 0 && !confirmed,
    lateEntryChanges: await lateEntryChangesOf(client, stored.id),
  });
}

function write(confirmation: FileConfirmation) {
  return async ({
    tx,
    user,
    actor,
    input: fields,
    targetId: patientId,
    submissionKey,
    now,
  }: WriteContext<DoseFields>): Promise<WriteResult<RecordedDose>> => {
    const patient = await loadChartingPatient(tx, patientId);
    if (!patient) return noSuchPatient();
    const timeRefused = bedsideTimeRefusal(patient, fields.effectiveAt, now);
    if (timeRefused) return timeRefused;
    const facts = await currentFacts(tx, patientId);
    const check = checkDoseLimits(patient, facts.doses, fields, now);
    const decision = decideOverride(check, fields.confirmedFlags, fields.overrideReason, user);
    if (decision.failure) return decision.failure;
    const carried = carriesConfirmation(user, check.flags, confirmation, now);

    const doseId = randomUUID();
    const row: DoseVersion = {
      id: doseId,
      lineageId: doseId,
      version: 1,
      supersedesId: null,
      status: "final",
      changeReason: null,
      patientId,
      drug: fields.drug,
      doseMg: fields.doseMg,
      route: fields.route,
      effectiveAt: new Date(fields.effectiveAt),
      recordedAt: now,
      recordedById: user.id,
      // Carried: the confirmation is its own record at the file's time, not the version's own at the import.
      ...decision.columns,
      ...(carried ? { overrideConfirmedById: null } : {}),
    };
    await insertDoseVersion(tx, row, submissionKey);
    const lateEntryChanges = regradeForDose(patient, facts, row, null, now);
    await recordAudit(tx, actor, {
      action: "dose.create",
      entityType: "dose",
      entityId: doseId,
      after: { ...doseSnapshot(row), doseNumber: check.doseNumber, lateEntryChanges },
    });
    await recordLimitOverride(tx, actor, { ...row, overrideConfirmedById: carried ? user.id : row.overrideConfirmedById }, check);
    if (carried) {
      const confirmationId = randomUUID();
      const confirmedAt = new Date(parseInstant(confirmation.at));
      const reason = `${fields.overrideReason ?? ""} (confirmed by ${confirmation.by} at ${formatInstant(confirmedAt.getTime())} where the imported file came from)`;
      await tx.doseConfirmation.create({
        data: {
          id: confirmationId,
          patientId,
          doseId,
          flags: check.flags.join(","),
          reason,
          confirmedAt,
          confirmedById: user.id,
        },
      });
      await recordAudit(tx, actor, {
        action: "dose.confirm",
        entityType: "dose",
        entityId: doseId,
        after: {
          confirmationId,
          patientId,
          flags: check.flags as TociFlag[],
          reason,
          confirmedAt: confirmedAt.toISOString(),
          doseRecordedById: user.id,
          imported: { format: "timeline", confirmedBy: confirmation.by, confirmedAt: confirmedAt.toISOString() },
        },
      });
    }
    await recordLateEntryRegrades(
      tx,
      {
        write: "dose.create",
        causeId: doseId,
        patientId,
        entryAt: row.effectiveAt,
        drug: row.drug,
        doseMg: row.doseMg,
        chartedBy: actor,
        chartedAt: now,
      },
      lateEntryChanges,
    );
    return succeeded({
      doseId,
      lineageId: doseId,
      version: 1,
      flags: check.flags,
      awaitingOverrideConfirmation: check.flags.length > 0 && !carried && row.overrideConfirmedById === null,
      lateEntryChanges,
    });
  };
}

/**
 * Chart an imported dose carrying the file's confirmation `confirmation`. Permission `dose:record`;
 * the same refusals as recordDose.
 */
export function importConfirmedDose(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  confirmation: FileConfirmation,
  now: Date = new Date(),
): Promise<WriteResult<RecordedDose>> {
  return clinicalWrite({
    write: "dose.create",
    site: "importConfirmedDose",
    permission: "dose:record",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: doseFormSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.doseId, replay },
    run: write(confirmation),
  });
}
