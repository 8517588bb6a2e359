// Charting a dose that was given. Tocilizumab limits are checked again inside the write
// transaction (another dose may have been charted since the user saw the warning); a dose that
// breaks a limit is still charted once the user confirms it with a reason, because it was given.
// The check needs only the patient's doses and weights; the late-entry re-grading of observations
// is worked out before the transaction (lib/observations/fact-snapshot.ts).
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { doseFormSchema, type DoseFields } from "@/lib/doses/dose-input";
import { checkDoseLimits, type DoseLimitCheck } from "@/lib/doses/dose-limits";
import { carriesConfirmation, recordCarriedConfirmation, type CarriedConfirmation } from "@/lib/doses/carried-confirmation";
import { decideOverride, recordLimitOverride } from "@/lib/doses/dose-override";
import { currentDoses, doseSnapshot, insertDoseVersion, regradeForDose } from "@/lib/doses/dose-versions";
import { gradingInside, readFactSnapshot, type PreparedGrading } from "@/lib/observations/fact-snapshot";
import { splitFlags } from "@/lib/timeline/load-timeline";
import {
  firstVersion,
  noSuchPatient,
  patientToChart,
  type ChartingPatient,
  type LateEntryChange,
} from "@/lib/write/charting-write";
import type { DoseVersion } from "@/lib/timeline/facts";
import { lateEntryChangesOf, recordLateEntryRegrades } from "@/lib/timeline/late-entry-records";
import { clinicalWrite, type PrepareContext, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { succeeded, type WriteFailure, type WriteResult } from "@/lib/write-result";

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

/** A repeated submit: the dose it stored, as it was stored. */
async function replay({ client }: ReplayContext, doseId: string): Promise<WriteResult<RecordedDose>> {
  const stored = await client.medicationAdministration.findUniqueOrThrow({
    where: { id: doseId },
    select: { id: true, lineageId: true, version: true, flagsAtCharting: true, overrideConfirmedById: true },
  });
  const flags = splitFlags(stored.flagsAtCharting);
  // Confirmed with the dose, or by a confirmation stored with it (a file's carried confirmation).
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

/** The new dose's first version, or the refusal when a limit it breaks is not confirmed with a reason. */
function newDose(
  id: string,
  patient: ChartingPatient,
  doses: readonly DoseVersion[],
  fields: DoseFields,
  user: CurrentUser,
  now: Date,
): { row: DoseVersion; check: DoseLimitCheck; failure?: undefined } | { failure: WriteFailure } {
  const check = checkDoseLimits(patient, doses, fields, now);
  const decision = decideOverride(check, fields.confirmedFlags, fields.overrideReason, user);
  if (decision.failure) return { failure: decision.failure };
  const row: DoseVersion = {
    ...firstVersion(id),
    patientId: patient.id,
    drug: fields.drug,
    doseMg: fields.doseMg,
    route: fields.route,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: user.id,
    ...decision.columns,
  };
  return { row, check };
}

type Prepared = PreparedGrading<DoseVersion, LateEntryChange[]> | null;

/** Before the transaction: the patient's facts, and the observations the dose would re-grade. */
async function prepare({ user, input: fields, targetId: patientId, now }: PrepareContext<DoseFields>): Promise<Prepared> {
  const snapshot = await readFactSnapshot(patientId);
  if (!snapshot) return null;
  const planned = newDose(randomUUID(), snapshot.patient, snapshot.facts.doses, fields, user, now);
  if (planned.failure) return null;
  return { snapshot, row: planned.row, graded: regradeForDose(snapshot.patient, snapshot.facts, planned.row, null, now) };
}

/** The dose write; `carried`: a confirmation arriving with the dose from an imported file (carried-confirmation.ts). */
const write =
  (carried: CarriedConfirmation | null) =>
  async ({
    tx,
    user,
    actor,
    input: fields,
    targetId: patientId,
    submissionKey,
    now,
    prepared,
  }: WriteContext<DoseFields, Prepared>): Promise<WriteResult<RecordedDose>> => {
    const opened = await patientToChart(tx, patientId, fields.effectiveAt, now);
    if (opened.refusal) return opened.refusal;
    const { patient } = opened;

    // The limits re-checked against the doses as they are now, inside the transaction: what the user
    // confirmed must still hold (TOCI-*; the patient's lock keeps a second writer out until commit).
    const planned = newDose(prepared?.row.id ?? randomUUID(), patient, await currentDoses(tx, patientId), fields, user, now);
    if (planned.failure) return planned.failure;
    const { check } = planned;
    const carriedHere = carriesConfirmation(user, check.flags, carried, now);
    // Carried: the confirmation is its own record at the file's time, not the version's own at the import.
    const row: DoseVersion = carriedHere ? { ...planned.row, overrideConfirmedById: null } : planned.row;
    const doseId = row.id;
    // Before the insert: the check counts the patient's rows as the snapshot did.
    const lateEntryChanges = await gradingInside(tx, patient, row, prepared, (facts) =>
      regradeForDose(patient, facts, row, null, now),
    );
    await insertDoseVersion(tx, row, submissionKey);
    await recordAudit(tx, actor, {
      action: "dose.create",
      entityType: "dose",
      entityId: doseId,
      after: { ...doseSnapshot(row), doseNumber: check.doseNumber, lateEntryChanges },
    });
    await recordLimitOverride(tx, actor, carriedHere ? { ...row, overrideConfirmedById: user.id } : row, check);
    if (carriedHere) await recordCarriedConfirmation(tx, actor, { ...row, flags: check.flags }, carried, user);
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
      awaitingOverrideConfirmation: check.flags.length > 0 && !carriedHere && row.overrideConfirmedById === null,
      lateEntryChanges,
    });
  };

/**
 * Chart a dose given to patient `patientId`. Permission `dose:record`.
 * unauthenticated/forbidden -> not_found -> invalid (every wrong field; a confirmed limit without a
 * reason) -> limits_changed (the limits differ from those confirmed, with `conflict` describing them
 * now) or conflict (after discharge) -> idempotency_mismatch.
 */
export function recordDose(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
  options: { carriedConfirmation?: CarriedConfirmation | null } = {},
): Promise<WriteResult<RecordedDose>> {
  return clinicalWrite({
    write: "dose.create",
    site: "recordDose",
    permission: "dose:record",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: doseFormSchema(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.doseId, replay },
    prepare,
    run: write(options.carriedConfirmation ?? null),
  });
}
