// The decision a flagged dose needs, taken inside the write transaction with the doses as they are
// now: the flags the user confirmed must be exactly the flags the engine raises now (as sets), or
// nothing is stored and the user sees the new situation (409). A physician's confirmation is
// stored as such; anyone else's override is stored with its reason and awaits a physician.
import type { CurrentUser } from "@/lib/auth/authorize";
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
    return { failure: failed(409, conflictMessage(confirmedFlags, check), { conflict: limitConflict(check) }) };
  }
  if (check.flags.length === 0) {
    return { columns: { flagsAtCharting: "", overrideReason: null, overrideConfirmedById: null } };
  }
  if (!overrideReason) {
    // The form schema already requires a reason with confirmed flags; kept here so no path can skip it.
    return {
      failure: failed(400, "Say why this dose is given despite the limit", {
        fieldErrors: [{ path: "overrideReason", message: "is required: say why this dose is given despite the limit" }],
      }),
    };
  }
  const confirmedBy = can(user.role, "dose:confirm-override") ? user.id : keptConfirmation;
  return { columns: { flagsAtCharting: check.flags.join(","), overrideReason, overrideConfirmedById: confirmedBy } };
}
