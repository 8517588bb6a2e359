// Sign-in: bcrypt check, a limit counted from the stored sign-in attempts (so every app instance
// sharing the database agrees, and a restart does not reset it), and for every attempt a
// SignInAttempt row and an audit event, written in one transaction.
import { z } from "zod";
import { db, writeTransaction } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { recordAudit, type AuditActor, type AuditEventInput } from "@/lib/audit/events";

export const MAX_FAILED_LOGINS = 5;
export const LOGIN_WINDOW_MINUTES = 15;

export const loginSchema = z.object(
  {
    // A missing or non-text field reads like an empty one: the form only ever sends text.
    // Normalised (trimmed, Unicode NFC) once, here: the account looked up, the attempt recorded
    // and the limit counted all use this same text.
    username: z
      .string({ error: "Username is required" })
      .trim()
      .normalize("NFC")
      .min(1, "Username is required")
      .max(100, "Username is at most 100 characters"),
    password: z
      .string({ error: "Password is required" })
      .min(1, "Password is required")
      .max(200, "Password is at most 200 characters"),
  },
  { error: "Send a username and a password" },
);

export type LoginResult = { ok: true; userId: string } | { ok: false; status: 400 | 401 | 429; message: string };

const NOBODY: AuditActor = { id: null, name: null, role: null };

/** The SignInAttempt outcomes (the migration's CHECK constraint lists the same). */
export type SignInOutcome = "success" | "wrong_password" | "unknown_user" | "inactive" | "rate_limited";

interface Attempt {
  username: string;
  userId: string | null;
  outcome: SignInOutcome;
  at: Date;
}

/** The attempt and its audit event commit together or not at all. */
function recordAttempt(attempt: Attempt, actor: AuditActor, event: AuditEventInput): Promise<void> {
  return writeTransaction(async (tx) => {
    // clientAddress stays empty until the limit also counts per address.
    await tx.signInAttempt.create({ data: { ...attempt, clientAddress: null } });
    await recordAudit(tx, actor, event);
  });
}

/**
 * Failed attempts for this username inside the window (index on username, at). Refused
 * (rate-limited) attempts count too, so trying on against a locked username keeps it locked.
 */
function recentFailures(username: string, since: Date): Promise<number> {
  return db.signInAttempt.count({ where: { username, at: { gte: since }, outcome: { not: "success" } } });
}

export async function authenticate(input: unknown, now = new Date()): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Send a username and a password" };
  const { username, password } = parsed.data;

  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  if ((await recentFailures(username, since)) >= MAX_FAILED_LOGINS) {
    await recordAttempt({ username, userId: null, outcome: "rate_limited", at: now }, NOBODY, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: null,
      after: { username, reason: "rate_limited" },
    });
    return { ok: false, status: 429, message: `Too many failed sign-ins. Try again in ${LOGIN_WINDOW_MINUTES} minutes.` };
  }

  const user = await db.user.findUnique({ where: { username } });
  const outcome: SignInOutcome =
    user === null
      ? "unknown_user"
      : !user.active
        ? "inactive"
        : (await verifyPassword(password, user.passwordHash))
          ? "success"
          : "wrong_password";
  if (outcome !== "success" || !user) {
    await recordAttempt({ username, userId: user?.id ?? null, outcome, at: now }, NOBODY, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      after: { username },
    });
    return { ok: false, status: 401, message: "Wrong username or password." };
  }
  await recordAttempt(
    { username, userId: user.id, outcome, at: now },
    { id: user.id, name: user.displayName, role: user.role },
    { action: "auth.login", entityType: "user", entityId: user.id, after: { username } },
  );
  return { ok: true, userId: user.id };
}
