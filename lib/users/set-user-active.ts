// Deactivate / reactivate a user. Users are never deleted: their name stays on everything they
// charted. A deactivated user cannot sign in, and every open session ends with the deactivation
// (in its transaction), so a cookie from before stays dead after a reactivation.
import { db, writeTransaction } from "@/lib/db";
import { authorize, actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { endUserSessions } from "@/lib/auth/sessions";
import { accessDenied, failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";
import { userIdSchema } from "@/lib/users/schema";

async function setActive(
  user: CurrentUser | null,
  input: unknown,
  active: boolean,
): Promise<WriteResult<{ id: string; active: boolean }>> {
  const parsed = userIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const denial = await authorize(user, "users:manage", active ? "reactivateUser" : "deactivateUser");
  if (denial) return accessDenied(denial);
  const { userId } = parsed.data;
  // An administrator locking themselves out would leave the ward with nobody to undo it.
  if (!active && userId === user!.id) {
    return failed("conflict", "You cannot deactivate your own account: ask another administrator");
  }
  const existing = await db.user.findUnique({ where: { id: userId } });
  if (!existing) return failed("not_found", "No such user", { fieldErrors: [{ path: "userId", message: "No such user" }] });

  return writeTransaction(async (tx) => {
    // The conditional update is the check: of two concurrent clicks, one changes the row, the other sees 0 rows.
    const changed = await tx.user.updateMany({ where: { id: userId, active: !active }, data: { active } });
    if (changed.count === 0) {
      return failed("conflict", `${existing.displayName} is already ${active ? "active" : "deactivated"}`);
    }
    const sessionsEnded = active ? 0 : await endUserSessions(tx, userId, "deactivated", new Date());
    await recordAudit(tx, actorOf(user!), {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      before: { username: existing.username, active: !active },
      after: { username: existing.username, active, ...(active ? {} : { sessionsEnded }) },
    });
    return succeeded({ id: userId, active });
  });
}

export function deactivateUser(user: CurrentUser | null, input: unknown) {
  return setActive(user, input, false);
}

export function reactivateUser(user: CurrentUser | null, input: unknown) {
  return setActive(user, input, true);
}
