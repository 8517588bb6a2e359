// Sessions kept in the database (the Session table): the cookie holds only a random session id,
// sealed by iron-session. Every request reads the session with its user in one indexed lookup,
// so signing out, deactivating a user and changing or resetting a password end sessions at once,
// and a cookie issued before a deactivation stays dead after the reactivation.
// No Next.js imports: server functions and their tests call these directly.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/authorize";

/** One shift; the cookie carries the same lifetime. */
export const SESSION_HOURS = 12;

/** Why a session ended (kept on the row, for whoever investigates). */
export type SessionEndReason = "signed_out" | "deactivated" | "password_changed" | "password_reset";

type SessionWriter = Pick<Tx, "session">;

/** A new session for a user who has just proved who they are; returns its id for the cookie. */
export async function startSession(tx: SessionWriter, userId: string, now: Date): Promise<string> {
  // 256 random bits: the id is the bearer secret, so it must not be guessable.
  const id = randomBytes(32).toString("base64url");
  await tx.session.create({
    data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) },
  });
  return id;
}

/** The user of a live session (not ended, not expired, user active), or null. One indexed lookup. */
export async function sessionUser(sessionId: string, now = new Date()): Promise<CurrentUser | null> {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.endedAt !== null || session.expiresAt <= now || !session.user.active) return null;
  const { user } = session;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    sessionId: session.id,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Ends one session (signing out). Ending an ended session changes nothing. */
export async function endSession(tx: SessionWriter, sessionId: string, reason: SessionEndReason, now: Date): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endedReason: reason } });
}

/** Ends every live session of a user, but `keep` (the session changing its own password); returns how many. */
export async function endUserSessions(
  tx: SessionWriter,
  userId: string,
  reason: SessionEndReason,
  now: Date,
  keep?: string,
): Promise<number> {
  const ended = await tx.session.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: now, endedReason: reason },
  });
  return ended.count;
}
