// Sign-in on real SQLite: every attempt is stored (SignInAttempt) and audited in one transaction,
// and the limit is counted from the stored attempts (lib/auth/sign-in-limit.ts), so it holds across
// restarts and instances. Attempts without a client address are counted as from "unknown".
import { describe, it, expect, beforeAll, vi } from "vitest";
import * as audit from "@/lib/audit/events";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authenticate, LOGIN_WINDOW_MINUTES, MAX_FAILED_LOGINS } from "@/lib/auth/login";

// The real audit writer, replaceable for one call to prove the attempt and its audit commit together.
vi.mock("@/lib/audit/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/audit/events")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const PASSWORD = "correct horse battery";
const ids: Record<string, string> = {};

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  for (const [username, active] of [
    ["ana", true],
    ["ben", true],
    ["cat", true],
    ["dan", false],
    ["eve", true],
  ] as const) {
    const user = await db.user.create({
      data: { username, displayName: username.toUpperCase(), role: "nurse", passwordHash: hash, active },
    });
    ids[username] = user.id;
  }
});

const eventsFor = (username: string) =>
  db.auditEvent.findMany({ where: { after: { contains: `"username":"${username}"` } }, orderBy: { at: "asc" } });
const attemptsFor = async (username: string) =>
  (await db.signInAttempt.findMany({ where: { username }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map(
    ({ userId, outcome, clientAddress }) => ({ userId, outcome, clientAddress }),
  );

describe("authenticate", () => {
  it("signs in with the right password and audits the sign-in as the user", async () => {
    const result = await authenticate({ username: "ana", password: PASSWORD });
    expect(result).toMatchObject({ ok: true, userId: ids.ana, sessionId: expect.any(String) });
    const events = await eventsFor("ana");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "auth.login",
      actorId: ids.ana,
      actorName: "ANA",
      role: "nurse",
      entityType: "user",
      entityId: ids.ana,
    });
  });

  it("refuses a wrong password and audits the failure without an actor", async () => {
    const result = await authenticate({ username: "ben", password: "not the password" });
    expect(result).toEqual({ ok: false, status: 401, message: "Wrong username or password." });
    const events = await eventsFor("ben");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "auth.login_failed", actorId: null, entityType: "user", entityId: ids.ben });
    expect(JSON.parse(events[0]!.after!)).toEqual({ username: "ben", clientAddress: "unknown" });
  });

  it("answers an unknown username exactly as a wrong password (no way to probe for usernames)", async () => {
    const unknown = await authenticate({ username: "nobody-here", password: PASSWORD });
    const wrong = await authenticate({ username: "eve", password: "wrong" });
    expect(unknown).toEqual(wrong);
    expect((await eventsFor("nobody-here"))[0]).toMatchObject({ action: "auth.login_failed", entityId: null });
  });

  it(`refuses the ${MAX_FAILED_LOGINS + 1}th attempt within ${LOGIN_WINDOW_MINUTES} minutes with 429, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(await authenticate({ username: "cat", password: `guess ${i}` })).toMatchObject({ ok: false, status: 401 });
    }
    const locked = await authenticate({ username: "cat", password: PASSWORD });
    expect(locked).toMatchObject({ ok: false, status: 429 });
    if (!locked.ok) expect(locked.message).toMatch(/Too many failed sign-ins/);

    const events = await eventsFor("cat");
    expect(events.map((e) => e.action)).toEqual([...Array(MAX_FAILED_LOGINS)].map(() => "auth.login_failed"));
    const refused = await db.auditEvent.findMany({ where: { action: "auth.denied", entityId: "sign-in" } });
    expect(refused.map((event) => JSON.parse(event.after!))).toContainEqual({
      permission: 'sign-in as "cat": too many failed sign-ins',
      clientAddress: "unknown",
    });
    expect(await db.auditEvent.count({ where: { action: "auth.login", entityId: ids.cat } })).toBe(0);
  });

  it("a client hammering a locked sign-in cannot grow the audit trail: 50 refusals, no attempt rows, one event, the count kept", async () => {
    const now = new Date(Date.now() + 60_000);
    const address = "203.0.113.50";
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await authenticate({ username: "fay", password: `guess ${i}` }, now, address);
    const [attempts, events] = [await db.signInAttempt.count(), await db.auditEvent.count()];
    for (let i = 0; i < 50; i++) {
      expect(await authenticate({ username: "fay", password: `again ${i}` }, now, address)).toMatchObject({ status: 429 });
    }
    const counted = await db.anonymousDenialCount.findFirst({ where: { clientAddress: address } });
    console.log(
      `locked sign-in hammered: 50 refusals, ${(await db.signInAttempt.count()) - attempts} attempt rows, ${(await db.auditEvent.count()) - events} audit rows, counted ${counted?.count}`,
    );
    expect(await db.signInAttempt.count()).toBe(attempts);
    expect(await db.auditEvent.count()).toBe(events + 1);
    expect(counted?.count).toBe(50);
  });

  it("limits per username: another user still signs in while one is locked", async () => {
    expect(await authenticate({ username: "cat", password: PASSWORD })).toMatchObject({ status: 429 });
    expect(await authenticate({ username: "eve", password: PASSWORD })).toMatchObject({ ok: true, userId: ids.eve });
  });

  it("lets the user in again once the failures are older than the window", async () => {
    const later = new Date(Date.now() + (LOGIN_WINDOW_MINUTES + 1) * 60_000);
    expect(await authenticate({ username: "cat", password: PASSWORD }, later)).toMatchObject({ ok: true, userId: ids.cat });
  });

  it("refuses a deactivated user even with the right password, and audits it", async () => {
    const result = await authenticate({ username: "dan", password: PASSWORD });
    expect(result).toEqual({ ok: false, status: 401, message: "Wrong username or password." });
    const events = await eventsFor("dan");
    expect(events.map((e) => e.action)).toEqual(["auth.login_failed"]);
    expect(events[0]?.entityId).toBe(ids.dan);
  });

  it.each([
    [{}, "Username is required"],
    [{ username: "ana" }, "Password is required"],
    [{ username: "   ", password: "x" }, "Username is required"],
    [{ username: 42, password: PASSWORD }, "Username is required"],
    ["ana", "Send a username and a password"],
  ])("refuses malformed input %j with 400 and stores nothing", async (input, message) => {
    const before = await db.auditEvent.count();
    const result = await authenticate(input);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok && message) expect(result.message).toBe(message);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("stores every attempt with its outcome and the account it named", async () => {
    expect(await attemptsFor("ana")).toEqual([{ userId: ids.ana, outcome: "success", clientAddress: "unknown" }]);
    expect(await attemptsFor("ben")).toEqual([{ userId: ids.ben, outcome: "wrong_password", clientAddress: "unknown" }]);
    expect(await attemptsFor("nobody-here")).toEqual([{ userId: null, outcome: "unknown_user", clientAddress: "unknown" }]);
    expect(await attemptsFor("dan")).toEqual([{ userId: ids.dan, outcome: "inactive", clientAddress: "unknown" }]);
    expect((await attemptsFor("cat")).map((a) => a.outcome)).toEqual([
      ...Array<string>(MAX_FAILED_LOGINS).fill("wrong_password"),
      "success",
    ]);
  });

  it("stores the username as the form normalises it (trimmed, Unicode NFC), and limits on that text", async () => {
    const decomposed = "zoe\u0301"; // "zoé" typed as e + combining accent
    await authenticate({ username: `  ${decomposed} `, password: "x" });
    expect(await attemptsFor("zo\u00e9")).toEqual([{ userId: null, outcome: "unknown_user", clientAddress: "unknown" }]);
  });

  it("counts failures from the stored attempts, whatever the audit trail says", async () => {
    const user = await db.user.create({
      data: { username: "fay", displayName: "FAY", role: "nurse", passwordHash: await hashPassword(PASSWORD) },
    });
    const now = new Date();
    await db.signInAttempt.createMany({
      data: [...Array(MAX_FAILED_LOGINS)].map((_, i) => ({
        username: "fay",
        userId: user.id,
        outcome: "wrong_password",
        clientAddress: "unknown",
        at: new Date(now.getTime() - i * 10_000),
      })),
    });
    expect(await authenticate({ username: "fay", password: PASSWORD }, now)).toMatchObject({ ok: false, status: 429 });
  });

  it("stores neither the attempt nor its audit event when the audit event cannot be written (one transaction)", async () => {
    vi.mocked(audit.recordAudit).mockRejectedValueOnce(new Error("audit store unavailable"));
    await expect(authenticate({ username: "eve", password: "wrong again" })).rejects.toThrow("audit store unavailable");
    expect((await attemptsFor("eve")).map((a) => a.outcome)).toEqual(["wrong_password", "success"]);
  });
});
