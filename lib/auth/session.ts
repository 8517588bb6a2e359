// Sessions: an iron-session sealed cookie (maintained library; no hand-rolled crypto) holding only
// the user id. The user is re-read on every request, so a deactivated user or changed role
// takes effect at once.
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { sessionSecret } from "@/lib/auth/session-secret";

export interface SessionData {
  userId?: string;
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
    ttl: 12 * 60 * 60, // one shift
    cookieOptions: sessionCookieOptions(),
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
