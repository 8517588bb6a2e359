// The one place where access is decided. Pages call `requirePageAccess`, route handlers
// `requireApiAccess`, server actions `requireActionAccess`; all ask `can()` from the permission
// table, and every denial is audited.
import { cache } from "react";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { db, writeTransaction } from "@/lib/db";
import { getSession } from "@/lib/auth/session";
import { can, type Action, type Role } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/events";

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  if (!session.userId) return null;
  const user = await db.user.findUnique({ where: { id: session.userId } });
  if (!user || !user.active) return null;
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role };
});

export function actorOf(user: CurrentUser): AuditActor {
  return { id: user.id, name: user.displayName, role: user.role };
}

async function auditDenial(user: CurrentUser | null, action: Action, where: string): Promise<void> {
  const actor: AuditActor = user ? actorOf(user) : { id: null, name: null, role: null };
  await writeTransaction((tx) =>
    recordAudit(tx, actor, { action: "auth.denied", entityType: "route", entityId: where, after: { permission: action } }),
  );
}

async function requestPath(): Promise<string> {
  const h = await headers();
  return h.get("x-crs-path") ?? "page";
}

/** For pages: sends nobody to the login page and the wrong role to /forbidden. */
export async function requirePageAccess(action: Action): Promise<CurrentUser> {
  const user = await currentUser();
  const path = await requestPath();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!can(user.role, action)) {
    await auditDenial(user, action, path);
    redirect(`/forbidden?need=${encodeURIComponent(action)}`);
  }
  return user;
}

export type ApiAccess = { user: CurrentUser; denied?: undefined } | { user?: undefined; denied: Response };

/** For route handlers: 401 for nobody, 403 for the wrong role, as JSON. */
export async function requireApiAccess(action: Action, where: string): Promise<ApiAccess> {
  const user = await currentUser();
  if (!user) {
    await auditDenial(null, action, where);
    return { denied: Response.json({ error: "Sign in first." }, { status: 401 }) };
  }
  if (!can(user.role, action)) {
    await auditDenial(user, action, where);
    return { denied: Response.json({ error: `Your role (${user.role}) may not do this: ${action}.` }, { status: 403 }) };
  }
  return { user };
}

export class AccessDenied extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
  }
}

/** For server actions: throws AccessDenied, which the action turns into a form error. */
export async function requireActionAccess(action: Action, where: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) {
    await auditDenial(null, action, where);
    throw new AccessDenied(401, "Your session has ended: sign in again.");
  }
  if (!can(user.role, action)) {
    await auditDenial(user, action, where);
    throw new AccessDenied(403, `Your role (${user.role}) may not do this.`);
  }
  return user;
}
