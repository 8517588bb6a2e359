// Sessions: an iron-session sealed cookie (maintained library; no hand-rolled crypto) holding only
// the user id. The user is re-read on every request, so a deactivated user or changed role
// takes effect at once.
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { sessionSecret } from "@/lib/auth/session-secret";

export interface SessionData {
  userId?: string;
}

function sessionOptions(): SessionOptions {
  return {
    password: sessionSecret(),
    cookieName: "crs_session",
    ttl: 12 * 60 * 60, // one shift
    cookieOptions: {
      httpOnly: true,
      sameSite: "strict",
      // Secure in production; CRS_INSECURE_COOKIES=1 only for plain-http test servers.
      secure: process.env.NODE_ENV === "production" && process.env.CRS_INSECURE_COOKIES !== "1",
      path: "/",
    },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
