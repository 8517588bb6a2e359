// Sign-in: bcrypt check, rate limit from the audit trail itself (so every app instance sharing
// the database agrees, and a restart does not reset it), and an audit event either way.
import { z } from "zod";
import { db, writeTransaction } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/events";
import type { Role } from "@/lib/auth/permissions";

export const MAX_FAILED_LOGINS = 5;
export const LOGIN_WINDOW_MINUTES = 15;

export const loginSchema = z.object({
  // A missing or non-text field reads like an empty one: the form only ever sends text.
  username: z.string({ error: "Username is required" }).trim().min(1, "Username is required").max(100, "Username is at most 100 characters"),
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(200, "Password is at most 200 characters"),
}, { error: "Send a username and a password" });

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; status: 400 | 401 | 429; message: string };

const NOBODY = { id: null, name: null, role: null };

export async function authenticate(input: unknown, now = new Date()): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0].message };
  const { username, password } = parsed.data;

  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const recentFailures = await db.auditEvent.count({
    where: { action: "auth.login_failed", at: { gte: since }, after: { contains: `"username":${JSON.stringify(username)}` } },
  });
  if (recentFailures >= MAX_FAILED_LOGINS) {
    await writeTransaction((tx) =>
      recordAudit(tx, NOBODY, { action: "auth.login_failed", entityType: "user", entityId: null, after: { username, reason: "rate_limited" } }),
    );
    return { ok: false, status: 429, message: `Too many failed sign-ins. Try again in ${LOGIN_WINDOW_MINUTES} minutes.` };
  }

  const user = await db.user.findUnique({ where: { username } });
  const valid = user !== null && user.active && (await verifyPassword(password, user.passwordHash));
  if (!valid || !user) {
    await writeTransaction((tx) =>
      recordAudit(tx, NOBODY, { action: "auth.login_failed", entityType: "user", entityId: user?.id ?? null, after: { username } }),
    );
    return { ok: false, status: 401, message: "Wrong username or password." };
  }
  await writeTransaction((tx) =>
    recordAudit(tx, { id: user.id, name: user.displayName, role: user.role as Role }, {
      action: "auth.login", entityType: "user", entityId: user.id, after: { username },
    }),
  );
  return { ok: true, userId: user.id };
}
