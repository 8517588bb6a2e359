// The single access decision used by every write path, route handler, server action and page:
// the permission table (permissions.ts) decides, and every denial is audited.
// No Next.js imports, so server functions and their tests call it directly.
import { writeTransaction } from "@/lib/db";
import { can, type Action, type Role } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/events";
import { recordAnonymousDenial } from "@/lib/auth/anonymous-denials";

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The session this request came with (absent for callers outside a request, e.g. tests and the seed). */
  sessionId?: string;
  /** Set by an administrator's password reset: nothing is allowed until a new password is chosen. */
  mustChangePassword?: boolean;
}

export function actorOf(user: CurrentUser): AuditActor {
  return { id: user.id, name: user.displayName, role: user.role };
}

export interface Denial {
  status: 401 | 403;
  message: string;
}

/** Where the request came from, when a route or page knows it (lib/http/client-address.ts). */
export interface RequestOrigin {
  clientAddress?: string;
  now?: Date;
}

/**
 * null when allowed; otherwise the denial (401 for nobody, 403 for the wrong role), already audited:
 * a signed-in user's refusal as one event each, nobody's coalesced per address (anonymous-denials.ts).
 */
export async function authorize(
  user: CurrentUser | null,
  action: Action,
  where: string,
  origin: RequestOrigin = {},
): Promise<Denial | null> {
  if (user && can(user.role, action) && (!user.mustChangePassword || action === "account:password")) return null;
  if (user) {
    await writeTransaction((tx) =>
      recordAudit(tx, actorOf(user), {
        action: "auth.denied",
        entityType: "route",
        entityId: where,
        after: { permission: action },
      }),
    );
  } else {
    await recordAnonymousDenial({ clientAddress: origin.clientAddress ?? "unknown", where, permission: action }, origin.now);
  }
  if (user?.mustChangePassword && can(user.role, action)) {
    return { status: 403, message: "Your password was reset: choose a new password first (Account, Change password)." };
  }
  return user
    ? { status: 403, message: `Your role (${user.role}) may not do this (${action}).` }
    : { status: 401, message: "Your session has ended: sign in again." };
}
