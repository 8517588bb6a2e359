// The session cookie: iron-session (maintained library; no hand-rolled crypto) seals the id of a
// Session row (lib/auth/sessions.ts), never the user id itself. The row and its user are re-read on
// every request, so an ended session, a deactivated user or a changed role take effect at once.
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { sessionSecret } from "@/lib/auth/session-secret";
import { SESSION_HOURS } from "@/lib/auth/sessions";

export interface SessionData {
  sessionId?: string;
}

export const SESSION_COOKIE = "crs_session";

/** The cookie's flags: never readable by scripts, never sent cross-site, Secure in production. */
export function sessionCookieOptions(
  env: Record<string, string | undefined> = process.env,
): NonNullable<SessionOptions["cookieOptions"]> {
  return {
    httpOnly: true,
    sameSite: "strict",
    // Secure in production; CRS_INSECURE_COOKIES=1 only for plain-http test servers.
    secure: env.NODE_ENV === "production" && env.CRS_INSECURE_COOKIES !== "1",
    path: "/",
  };
}

function sessionOptions(): SessionOptions {
  return {
    password: sessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: SESSION_HOURS * 60 * 60, // one shift, as the Session row
    cookieOptions: sessionCookieOptions(),
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
