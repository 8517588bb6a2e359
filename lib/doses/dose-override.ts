// The decision a flagged dose needs, taken inside the write transaction with the doses as they are
// now: the flags the user confirmed must be exactly the flags the engine raises now (as sets), or
// nothing is stored and the user sees the new situation (409). A physician's confirmation is
// stored as such; anyone else's override is stored with its reason and awaits a physician.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit, type AuditActor } from "@/lib/audit/events";
import type { Tx } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { conflictMessage, limitConflict, sameFlags, type DoseLimitCheck } from "@/lib/doses/dose-limits";
import { failed, type WriteFailure } from "@/lib/write-result";

export interface OverrideColumns {
  flagsAtCharting: string;
  overrideReason: string | null;
  overrideConfirmedById: string | null;
}

export function decideOverride(
  check: DoseLimitCheck,
  confirmedFlags: readonly string[],
  overrideReason: string | null,
  user: CurrentUser,
  /** An amendment may keep a physician's earlier confirmation when it leaves the flagged dose as it was. */
  keptConfirmation: string | null = null,
): { failure: WriteFailure; columns?: undefined } | { failure?: undefined; columns: OverrideColumns } {
  if (!sameFlags(check.flags, confirmedFlags)) {
    return { failure: failed("limits_changed", conflictMessage(confirmedFlags, check), { conflict: limitConflict(check) }) };
  }
  if (check.flags.length === 0) {
    return { columns: { flagsAtCharting: "", overrideReason: null, overrideConfirmedById: null } };
  }
  if (!overrideReason) {
    // The form schema already requires a reason with confirmed flags; kept here so no path can skip it.
    return {
      failure: failed("invalid", "Say why this dose is given despite the limit", {
        fieldErrors: [{ path: "overrideReason", message: "is required: say why this dose is given despite the limit" }],
      }),
    };
  }
  const confirmedBy = can(user.role, "dose:confirm-override") ? user.id : keptConfirmation;
  return { columns: { flagsAtCharting: check.flags.join(","), overrideReason, overrideConfirmedById: confirmedBy } };
}

/** The evidence of a dose charted over a limit: its own audit event, beside the dose's. */
export async function recordLimitOverride(
  tx: Pick<Tx, "auditEvent">,
  actor: AuditActor,
  dose: { id: string } & OverrideColumns,
  check: Pick<DoseLimitCheck, "flags" | "reasons">,
): Promise<void> {
  if (check.flags.length === 0) return;
  await recordAudit(tx, actor, {
    action: "dose.limit_override",
    entityType: "dose",
    entityId: dose.id,
    after: {
      flags: check.flags,
      reasons: check.reasons.map((reason) => reason.text),
      overrideReason: dose.overrideReason,
      confirmedById: dose.overrideConfirmedById,
      awaitingPhysicianConfirmation: dose.overrideConfirmedById === null,
    },
  });
}
