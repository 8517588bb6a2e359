// A physician's confirmation of a dose's limit flags that arrives with the dose, from a timeline
// file imported from another hospital (TOCI-CONFIRM: confirmedFlags, confirmedAt, confirmedBy).
// When the importing user may confirm overrides and confirms exactly the flags the file confirmed,
// the confirmation is stored at the file's time, with the file's confirmer named in its reason and
// audit (dose.confirm with `imported`): the dose stays unconfirmed here for exactly as long as it
// was there, and its ESC_OVERRIDE_UNCONFIRMED task closes when it closed there. Anyone else
// charts the dose as any dose is charted: a nurse's override awaits a physician here.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/events";
import type { Tx } from "@/lib/db";
import { sameFlags } from "@/lib/doses/dose-limits";
import { formatInstant, parseInstant, type TociFlag } from "@/lib/engine";

/** The file's confirmation of a dose: its flags, when and by whom (a name from the other hospital). */
export interface CarriedConfirmation {
  flags: string[];
  at: string;
  by: string;
}

/** Whether `user` carries the file's confirmation of a dose with `flags` over (else the usual rules apply). */
export function carriesConfirmation(
  user: Pick<CurrentUser, "role">,
  flags: readonly string[],
  confirmation: CarriedConfirmation | null | undefined,
  now: Date,
): confirmation is CarriedConfirmation {
  return (
    !!confirmation &&
    flags.length > 0 &&
    can(user.role, "dose:confirm-override") &&
    sameFlags(confirmation.flags, flags) &&
    parseInstant(confirmation.at) <= now.getTime()
  );
}

/** Store the carried confirmation of dose `doseId` at the file's time, with its audit event, in the dose's transaction. */
export async function recordCarriedConfirmation(
  tx: Tx,
  actor: AuditActor,
  dose: { id: string; patientId: string; flags: readonly string[]; overrideReason: string | null },
  confirmation: CarriedConfirmation,
  user: CurrentUser,
): Promise<void> {
  const confirmationId = randomUUID();
  const confirmedAt = new Date(parseInstant(confirmation.at));
  const reason = `${dose.overrideReason ?? ""} (confirmed by ${confirmation.by} at ${formatInstant(confirmedAt.getTime())} where the imported file came from)`;
  await tx.doseConfirmation.create({
    data: {
      id: confirmationId,
      patientId: dose.patientId,
      doseId: dose.id,
      flags: dose.flags.join(","),
      reason,
      confirmedAt,
      confirmedById: user.id,
    },
  });
  await recordAudit(tx, actor, {
    action: "dose.confirm",
    entityType: "dose",
    entityId: dose.id,
    after: {
      confirmationId,
      patientId: dose.patientId,
      flags: dose.flags as TociFlag[],
      reason,
      confirmedAt: confirmedAt.toISOString(),
      doseRecordedById: user.id,
      imported: { format: "timeline", confirmedBy: confirmation.by, confirmedAt: confirmedAt.toISOString() },
    },
  });
}
