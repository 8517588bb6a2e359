// Changing one's own password (every role), and an administrator's reset. Both end sessions in
// the transaction that changes the hash: a change ends every other session of the user (the one
// changing it stays signed in); a reset ends them all and makes the user choose a new password
// before anything else (lib/auth/authorize.ts refuses every other action until then).
import { db, writeTransaction } from "@/lib/db";
import { authorize, actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/events";
import { accessDenied, failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";
import { changePasswordSchema, resetPasswordSchema } from "@/lib/users/schema";

export async function changeOwnPassword(
  user: CurrentUser | null,
  input: unknown,
  now = new Date(),
): Promise<WriteResult<{ sessionsEnded: number }>> {
  const denial = await authorize(user, "account:password", "changeOwnPassword");
  if (denial || !user) return accessDenied(denial);
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const stored = await db.user.findUnique({ where: { id: user.id } });
  if (!stored || !(await verifyPassword(parsed.data.currentPassword, stored.passwordHash))) {
    return failed("invalid", "currentPassword: The current password is not right", {
      fieldErrors: [{ path: "currentPassword", message: "The current password is not right" }],
    });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  return writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    const sessionsEnded = await endUserSessions(tx, user.id, "password_changed", now, user.sessionId);
    await recordAudit(tx, actorOf(user), {
      action: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
      after: { username: user.username, sessionsEnded },
    });
    return succeeded({ sessionsEnded });
  });
}

export async function resetPassword(
  admin: CurrentUser | null,
  input: unknown,
  now = new Date(),
): Promise<WriteResult<{ sessionsEnded: number }>> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const denial = await authorize(admin, "users:manage", "resetPassword");
  if (denial || !admin) return accessDenied(denial);
  const target = await db.user.findUnique({ where: { id: parsed.data.userId } });
  if (!target) return failed("not_found", "No such user", { fieldErrors: [{ path: "userId", message: "No such user" }] });
  const passwordHash = await hashPassword(parsed.data.temporaryPassword);
  return writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { passwordHash, mustChangePassword: true } });
    const sessionsEnded = await endUserSessions(tx, target.id, "password_reset", now);
    await recordAudit(tx, actorOf(admin), {
      action: "auth.password_reset",
      entityType: "user",
      entityId: target.id,
      after: { username: target.username, sessionsEnded, mustChangePassword: true },
    });
    return succeeded({ sessionsEnded });
  });
}
