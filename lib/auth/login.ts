// Sign-in: bcrypt check, the limit of lib/auth/sign-in-limit.ts, and for every attempt a
// SignInAttempt row and an audit event, written in one transaction (with the new session, on success).
// An unknown or deactivated username costs the same bcrypt comparison as a known one (against a
// dummy hash of the same cost), so the answer's timing does not tell which usernames exist.
import { z } from "zod";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { signInWait } from "@/lib/auth/sign-in-limit";
import { startSession } from "@/lib/auth/sessions";
import { recordAudit, type AuditActor, type AuditEventInput } from "@/lib/audit/events";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { recordAnonymousDenial } from "@/lib/auth/anonymous-denials";

export { LOGIN_WINDOW_MINUTES, FAILURES_BY_USERNAME_AND_ADDRESS as MAX_FAILED_LOGINS } from "@/lib/auth/sign-in-limit";

/** Where an attempt came from when the request says nothing (tests, scripts). */
export const UNKNOWN_ADDRESS = "unknown";

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

export type LoginResult =
  { ok: true; userId: string; sessionId: string } | { ok: false; status: 400 | 401 | 429; message: string };

const NOBODY: AuditActor = { id: null, name: null, role: null };

/**
 * The SignInAttempt outcomes (the migration's CHECK constraint lists the same). "rate_limited" is
 * found only in older rows: a refusal before any password check is now counted, not stored.
 */
export type SignInOutcome = "success" | "wrong_password" | "unknown_user" | "inactive" | "rate_limited";

interface Attempt {
  username: string;
  userId: string | null;
  clientAddress: string;
  outcome: SignInOutcome;
  at: Date;
}

/** The attempt and its audit event (and the session, on success) commit together or not at all. */
function recordAttempt<T>(attempt: Attempt, actor: AuditActor, event: AuditEventInput, then?: (tx: Tx) => Promise<T>) {
  return writeTransaction(async (tx) => {
    await tx.signInAttempt.create({ data: attempt });
    await recordAudit(tx, actor, event);
    return then?.(tx);
  });
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export async function authenticate(input: unknown, now = new Date(), clientAddress = UNKNOWN_ADDRESS): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Send a username and a password" };
  const { username, password } = parsed.data;

  const wait = await signInWait(username, clientAddress, now);
  if (wait > 0) {
    // Refused before any password is checked, so it counts towards no limit. Not stored one by one:
    // the first such refusal from an address in a window is an audit event naming the username, the
    // rest are counted (lib/auth/anonymous-denials.ts), so a client hammering a locked sign-in cannot
    // grow the audit trail or the attempts without bound, and the count is kept.
    await recordAnonymousDenial(
      { clientAddress, where: "sign-in", permission: `sign-in as "${username}": too many failed sign-ins` },
      now,
    );
    return { ok: false, status: 429, message: `Too many failed sign-ins. Try again in ${minutes(wait)} minutes.` };
  }

  const user = await db.user.findUnique({ where: { username } });
  // Always one bcrypt comparison of the same cost: the account's hash, or the dummy's.
  const passwordMatches = await verifyPassword(password, user?.active ? user.passwordHash : await dummyPasswordHash());
  const outcome: SignInOutcome =
    user === null ? "unknown_user" : !user.active ? "inactive" : passwordMatches ? "success" : "wrong_password";
  if (outcome !== "success" || !user) {
    await recordAttempt({ username, userId: user?.id ?? null, clientAddress, outcome, at: now }, NOBODY, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      after: { username, clientAddress },
    });
    return { ok: false, status: 401, message: "Wrong username or password." };
  }
  const sessionId = await recordAttempt(
    { username, userId: user.id, clientAddress, outcome, at: now },
    { id: user.id, name: user.displayName, role: user.role },
    { action: "auth.login", entityType: "user", entityId: user.id, after: { username, clientAddress } },
    (tx) => startSession(tx, user.id, now),
  );
  return { ok: true, userId: user.id, sessionId: sessionId! };
}
