// A correction of a charted dose (amendment, "entered in error", a physician confirming a limit
// override) is a new version superseding the one the user had open. Only the current version can
// be corrected: otherwise 409 naming who changed it; the unique supersedesId and (lineageId,
// version) let the database pick one winner when two corrections race.
import { randomUUID } from "node:crypto";
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit, type AuditAction } from "@/lib/audit/events";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { checkDoseLimits, sameFlags, type DoseLimitCheck } from "@/lib/doses/dose-limits";
import { decideOverride } from "@/lib/doses/dose-override";
import { currentFacts, doseSnapshot, insertDoseVersion, loadDoseVersion, noSuchDose, regradeForDose } from "@/lib/doses/dose-versions";
import {
  auditedLateEntryChanges,
  chartedAfterDischarge,
  isUniqueViolation,
  loadChartingPatient,
  staleVersion,
  type ChartingPatient,
  type LateEntryChange,
} from "@/lib/timeline/charting-write";
import { splitFlags } from "@/lib/timeline/load-timeline";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";
import { failed, succeeded, type WriteFailure, type WriteResult } from "@/lib/write-result";

export interface CorrectedDose {
  /** The new version's id (what a further correction must name). */
  doseId: string;
  lineageId: string;
  version: number;
  flags: string[];
  awaitingOverrideConfirmation: boolean;
  lateEntryChanges: LateEntryChange[];
}

export type DoseCorrection =
  | {
      kind: "amend";
      reason: string;
      idempotencyKey: string;
      dose: { drug: string; doseMg: number; route: string; effectiveAt: string };
      confirmedFlags: string[];
      overrideReason: string | null;
    }
  | { kind: "entered_in_error"; reason: string; idempotencyKey: string | null }
  | { kind: "confirm_override"; reason: string | null; idempotencyKey: string | null };

const AUDIT_ACTION = {
  amend: "dose.amend",
  entered_in_error: "dose.entered_in_error",
  confirm_override: "dose.override_confirmed",
} as const satisfies Record<DoseCorrection["kind"], AuditAction>;

const STATUS = { amend: "amended", entered_in_error: "entered_in_error", confirm_override: "amended" } as const;

async function refusalIfSuperseded(client: Tx | typeof db, versionId: string, timeZone: string): Promise<WriteFailure | null> {
  const successor = await client.medicationAdministration.findUnique({
    where: { supersedesId: versionId },
    select: { recordedAt: true, status: true, recordedBy: { select: { displayName: true } } },
  });
  return successor ? staleVersion("dose", successor.recordedBy, successor.recordedAt, timeZone, successor.status) : null;
}

function resultOf(row: DoseVersion, lateEntryChanges: LateEntryChange[]): CorrectedDose {
  const flags = splitFlags(row.flagsAtCharting);
  return {
    doseId: row.id,
    lineageId: row.lineageId,
    version: row.version,
    flags,
    awaitingOverrideConfirmation: flags.length > 0 && row.overrideConfirmedById === null && row.status !== "entered_in_error",
    lateEntryChanges,
  };
}

async function replay(client: Tx | typeof db, correction: DoseCorrection, versionId: string): Promise<WriteResult<CorrectedDose> | null> {
  if (!correction.idempotencyKey) return null;
  const stored = await client.medicationAdministration.findUnique({ where: { idempotencyKey: correction.idempotencyKey } });
  if (!stored) return null;
  if (stored.supersedesId !== versionId) {
    return failed(409, "This form was already used to chart something else. Reopen the form and chart again.");
  }
  return succeeded(resultOf(stored, await auditedLateEntryChanges(client, AUDIT_ACTION[correction.kind], stored.id)));
}

interface Planned {
  columns: Pick<DoseVersion, "drug" | "doseMg" | "route" | "effectiveAt" | "flagsAtCharting" | "overrideReason" | "overrideConfirmedById">;
  check: DoseLimitCheck | null;
}

/** The new version's values, or the refusal. */
function plan(
  correction: DoseCorrection,
  previous: DoseVersion,
  patient: ChartingPatient,
  facts: { observations: ObservationVersion[]; doses: DoseVersion[] },
  user: CurrentUser,
  now: Date,
): WriteFailure | Planned {
  const kept = {
    drug: previous.drug,
    doseMg: previous.doseMg,
    route: previous.route,
    effectiveAt: previous.effectiveAt,
    flagsAtCharting: previous.flagsAtCharting,
    overrideReason: previous.overrideReason,
    overrideConfirmedById: previous.overrideConfirmedById,
  };
  if (correction.kind === "entered_in_error") return { columns: kept, check: null };
  if (correction.kind === "confirm_override") {
    if (splitFlags(previous.flagsAtCharting).length === 0) return failed(409, "This dose broke no limit: there is no override to confirm.");
    if (previous.overrideConfirmedById) return failed(409, "This dose's limit override is already confirmed.");
    return { columns: { ...kept, overrideConfirmedById: user.id }, check: null };
  }
  const afterDischarge = chartedAfterDischarge(patient, correction.dose.effectiveAt);
  if (afterDischarge) return afterDischarge;
  // The corrected dose is checked against the other doses, as if charted now for the first time.
  const others = facts.doses.filter((row) => row.lineageId !== previous.lineageId);
  const check = checkDoseLimits(patient, others, correction.dose, now);
  // A physician's confirmation survives an amendment that leaves the flagged dose itself unchanged.
  const unchanged =
    correction.dose.drug === previous.drug &&
    correction.dose.doseMg === previous.doseMg &&
    Date.parse(correction.dose.effectiveAt) === previous.effectiveAt.getTime() &&
    sameFlags(check.flags, splitFlags(previous.flagsAtCharting));
  const decision = decideOverride(
    check,
    correction.confirmedFlags,
    correction.overrideReason,
    user,
    unchanged ? previous.overrideConfirmedById : null,
  );
  if (decision.failure) return decision.failure;
  return {
    columns: { ...correction.dose, effectiveAt: new Date(correction.dose.effectiveAt), ...decision.columns },
    check,
  };
}

/** Writes the correction of dose version `versionId` (already authorized and validated by the caller). */
export async function correctDose(
  user: CurrentUser,
  versionId: string,
  correction: DoseCorrection,
  now: Date,
): Promise<WriteResult<CorrectedDose>> {
  try {
    return await writeTransaction(async (tx) => {
      const earlier = await replay(tx, correction, versionId);
      if (earlier) return earlier;
      const previous = await loadDoseVersion(tx, versionId);
      if (!previous) return noSuchDose();
      const patient = await loadChartingPatient(tx, previous.patientId);
      if (!patient) return noSuchDose();
      const stale = await refusalIfSuperseded(tx, versionId, patient.ward.timeZone);
      if (stale) return stale;
      if (previous.status === "entered_in_error") {
        return failed(409, "This dose was marked entered in error: chart a new dose instead of correcting it.");
      }
      const facts = await currentFacts(tx, previous.patientId);
      const planned = plan(correction, previous, patient, facts, user, now);
      if ("ok" in planned) return planned;

      const row: DoseVersion = {
        id: randomUUID(),
        lineageId: previous.lineageId,
        version: previous.version + 1,
        supersedesId: versionId,
        status: STATUS[correction.kind],
        changeReason: correction.reason ?? "Limit override confirmed",
        patientId: previous.patientId,
        recordedAt: now,
        recordedById: user.id,
        ...planned.columns,
      };
      await insertDoseVersion(tx, row, correction.idempotencyKey);
      const lateEntryChanges = correction.kind === "confirm_override" ? [] : regradeForDose(patient, facts, row, versionId, now);
      const actor = actorOf(user);
      await recordAudit(tx, actor, {
        action: AUDIT_ACTION[correction.kind],
        entityType: "dose",
        entityId: row.id,
        before: doseSnapshot(previous),
        after: { ...doseSnapshot(row), lateEntryChanges },
      });
      if (planned.check && planned.check.flags.length > 0) {
        await recordAudit(tx, actor, {
          action: "dose.limit_override",
          entityType: "dose",
          entityId: row.id,
          after: {
            flags: planned.check.flags,
            reasons: planned.check.reasons.map((reason) => reason.text),
            overrideReason: row.overrideReason,
            confirmedById: row.overrideConfirmedById,
            awaitingPhysicianConfirmation: row.overrideConfirmedById === null,
          },
        });
      }
      return succeeded(resultOf(row, lateEntryChanges));
    });
  } catch (error) {
    if (correction.idempotencyKey && isUniqueViolation(error, ["idempotencyKey"])) {
      const earlier = await replay(db, correction, versionId);
      if (earlier) return earlier;
    }
    if (isUniqueViolation(error, ["supersedesId"]) || isUniqueViolation(error, ["lineageId", "version"])) {
      const previous = await db.medicationAdministration.findUnique({ where: { id: versionId }, select: { patient: { select: { ward: true } } } });
      const stale = await refusalIfSuperseded(db, versionId, previous?.patient.ward.timeZone ?? "UTC");
      return stale ?? failed(409, "This dose was changed by someone else since you opened it. Reopen it to see the current version.");
    }
    throw error;
  }
}
