// Next.js entry points to the one access decision (authorize.ts): pages redirect, route
// handlers answer 401/403 JSON. Server actions use `sessionUser()` and pass the user to the
// server function, which authorizes itself.
import { cache } from "react";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { getSession } from "@/lib/auth/session";
import { clientAddressOf } from "@/lib/http/client-address";
import { sessionUser } from "@/lib/auth/sessions";
import type { Action } from "@/lib/auth/permissions";
import { authorize, type CurrentUser } from "@/lib/auth/authorize";

export type { CurrentUser } from "@/lib/auth/authorize";
export { actorOf } from "@/lib/auth/authorize";

/** The signed-in, active user of this request's live session, or null: one indexed lookup per request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  if (!session.sessionId) return null;
  return sessionUser(session.sessionId);
});

async function requestPath(): Promise<string> {
  return (await headers()).get("x-crs-path") ?? "page";
}

/** Where a refusal of nobody came from (they are counted per address); a signed-in user is named instead. */
async function requestOrigin(user: CurrentUser | null) {
  if (user) return {};
  try {
    return { clientAddress: clientAddressOf(await headers()) };
  } catch {
    return {}; // called outside a request (tests calling a handler directly)
  }
}

/** For pages: sends nobody to the login page and the wrong role to /forbidden. */
export async function requirePageAccess(action: Action): Promise<CurrentUser> {
  const user = await currentUser();
  const path = await requestPath();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  // After an administrator's reset, the only page open is choosing a new password.
  if (user.mustChangePassword && action !== "account:password") redirect("/account/password");
  const denial = await authorize(user, action, path, await requestOrigin(user));
  if (denial) redirect(`/forbidden?need=${encodeURIComponent(action)}`);
  return user;
}

export type ApiAccess = { user: CurrentUser; denied?: undefined } | { user?: undefined; denied: Response };

/** For route handlers: 401 for nobody, 403 for the wrong role, as JSON. */
export async function requireApiAccess(action: Action, where: string): Promise<ApiAccess> {
  const user = await currentUser();
  const denial = await authorize(user, action, where, await requestOrigin(user));
  if (denial) return { denied: Response.json({ error: denial.message }, { status: denial.status }) };
  return { user: user! };
}
