// The session cookie's flags: the escape hatch for plain-http test servers is the only way to
// drop Secure in production, and nothing drops HttpOnly or SameSite=Strict.
import { describe, it, expect } from "vitest";
import { sessionCookieOptions } from "@/lib/auth/session";

describe("sessionCookieOptions", () => {
  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", CRS_INSECURE_COOKIES: "1" }, false],
    [{ NODE_ENV: "production", CRS_INSECURE_COOKIES: "true" }, true],
    [{ NODE_ENV: "production", CRS_INSECURE_COOKIES: "0" }, true],
    [{ NODE_ENV: "development" }, false],
    [{ NODE_ENV: "test" }, false],
  ])("with %j Secure is %s, HttpOnly and SameSite=strict always", (env, secure) => {
    expect(sessionCookieOptions(env)).toEqual({ httpOnly: true, sameSite: "strict", secure, path: "/" });
  });
});
