// Issue 12, point 3: sessions that can be revoked. Signing out, deactivation, a password change
// and an administrator's reset end sessions at once; a session from before a deactivation stays
// dead after the reactivation. Real database, real bcrypt.
import { beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { authenticate } from "@/lib/auth/login";
import { authorize } from "@/lib/auth/authorize";
import { endSession, sessionUser } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/auth/password";
import { changeOwnPassword, deactivateUser, reactivateUser, resetPassword } from "@/lib/users";
import { testWard, type TestWard } from "@/lib/timeline/test-ward";

const PASSWORD = "first long passphrase";
let ward: TestWard;

beforeAll(async () => {
  ward = await testWard();
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of ["sam", "leo", "kim", "ria"]) {
    await db.user.create({ data: { username, displayName: username.toUpperCase(), role: "nurse", passwordHash } });
  }
});

async function signIn(username: string, password = PASSWORD): Promise<string> {
  const result = await authenticate({ username, password }, new Date(), "10.1.1.1");
  if (!result.ok) throw new Error(result.message);
  return result.sessionId;
}

const idOf = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username } })).id;

describe("sessions that can be revoked", () => {
  it("a signed-out session does not work again (a copy of the cookie is dead too)", async () => {
    const session = await signIn("sam");
    expect(await sessionUser(session)).toMatchObject({ username: "sam", sessionId: session });
    await writeTransaction((tx) => endSession(tx, session, "signed_out", new Date()));
    expect(await sessionUser(session)).toBeNull();
    expect(await db.session.findUniqueOrThrow({ where: { id: session } })).toMatchObject({ endedReason: "signed_out" });
  });

  it("a session from before a deactivation stays dead after the reactivation", async () => {
    const before = await signIn("leo");
    const userId = await idOf("leo");
    expect(await deactivateUser(ward.users.admin, { userId })).toMatchObject({ ok: true });
    expect(await sessionUser(before)).toBeNull();
    expect(await reactivateUser(ward.users.admin, { userId })).toMatchObject({ ok: true });
    expect(await sessionUser(before)).toBeNull();
    const after = await signIn("leo");
    expect(await sessionUser(after)).toMatchObject({ username: "leo" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.deactivate", entityId: userId } });
    expect(JSON.parse(event.after!)).toMatchObject({ sessionsEnded: 1 });
  });

  it("a password change ends the user's other sessions, keeps the one changing it, and is audited", async () => {
    const desk = await signIn("kim");
    const phone = await signIn("kim");
    const user = (await sessionUser(desk))!;
    const refused = await changeOwnPassword(user, {
      currentPassword: "not the password",
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(refused).toMatchObject({ ok: false, kind: "invalid", fieldErrors: [{ path: "currentPassword" }] });
    const mismatch = await changeOwnPassword(user, {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrasf",
    });
    expect(mismatch).toMatchObject({
      ok: false,
      fieldErrors: [{ path: "confirmPassword", message: "The two new passwords differ" }],
    });

    const changed = await changeOwnPassword(user, {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(changed).toEqual({ ok: true, value: { sessionsEnded: 1 } });
    expect(await sessionUser(desk)).toMatchObject({ username: "kim" });
    expect(await sessionUser(phone)).toBeNull();
    expect(await authenticate({ username: "kim", password: PASSWORD }, new Date(), "10.1.1.1")).toMatchObject({ status: 401 });
    await signIn("kim", "a brand new passphrase");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.password_changed", entityId: user.id } });
    expect(event).toMatchObject({ actorId: user.id });
    expect(event.after).not.toMatch(/passphrase|\$2[aby]\$/);
  });

  it("an administrator's reset ends every session and allows nothing but choosing a new password", async () => {
    const old = await signIn("ria");
    const userId = await idOf("ria");
    expect(await resetPassword(ward.users.nurse, { userId, temporaryPassword: "temporary passphrase" })).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(await resetPassword(ward.users.admin, { userId, temporaryPassword: "temporary passphrase" })).toEqual({
      ok: true,
      value: { sessionsEnded: 1 },
    });
    expect(await sessionUser(old)).toBeNull();

    const temporary = await signIn("ria", "temporary passphrase");
    const user = (await sessionUser(temporary))!;
    expect(user.mustChangePassword).toBe(true);
    expect(await authorize(user, "clinical:view", "test")).toMatchObject({ status: 403, message: /choose a new password/ });
    expect(await authorize(user, "account:password", "test")).toBeNull();

    const changed = await changeOwnPassword(user, {
      currentPassword: "temporary passphrase",
      newPassword: "ria's own passphrase",
      confirmPassword: "ria's own passphrase",
    });
    expect(changed).toMatchObject({ ok: true });
    const now = (await sessionUser(temporary))!;
    expect(now.mustChangePassword).toBe(false);
    expect(await authorize(now, "clinical:view", "test")).toBeNull();
    const reset = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.password_reset", entityId: userId } });
    expect(reset).toMatchObject({ actorId: ward.users.admin.id });
  });

  it("an expired session does not work", async () => {
    const session = await signIn("sam");
    expect(await sessionUser(session, new Date(Date.now() + 13 * 3_600_000))).toBeNull();
  });
});
