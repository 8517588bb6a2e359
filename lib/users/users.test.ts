// User administration on real SQLite: each change commits with its audit event, only an
// administrator may make it, and a refused call stores nothing but the denial.
import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/auth/login";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/authorize";
import { createUser, deactivateUser, reactivateUser, listUsers } from "@/lib/users";

const staff: Record<Role, CurrentUser> = {} as Record<Role, CurrentUser>;

beforeAll(async () => {
  for (const role of ROLES) {
    const row = await db.user.create({
      data: { username: `staff-${role}`, displayName: `Staff ${role}`, role, passwordHash: "x" },
    });
    staff[role] = { id: row.id, username: row.username, displayName: row.displayName, role };
  }
});

const valid = (username: string) => ({ username, displayName: "Nell Newstarter, RN", role: "nurse", password: "twelve chars!" });

describe("createUser", () => {
  it("creates a user with a bcrypt hash and audits who created whom, without the password", async () => {
    const result = await createUser(staff.admin, { ...valid("  Nell.N "), password: "a long initial passphrase" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ username: "nell.n", displayName: "Nell Newstarter, RN", role: "nurse", active: true });
    expect(result.value).not.toHaveProperty("passwordHash");

    const stored = await db.user.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword("a long initial passphrase", stored.passwordHash)).toBe(true);

    const events = await db.auditEvent.findMany({ where: { action: "user.create", entityId: stored.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: staff.admin.id, role: "admin", entityType: "user" });
    expect(JSON.parse(events[0]!.after!)).toEqual({
      username: "nell.n",
      displayName: "Nell Newstarter, RN",
      role: "nurse",
      active: true,
    });
    expect(events[0]!.after).not.toMatch(/passphrase|\$2[aby]\$/);

    expect(await authenticate({ username: "nell.n", password: "a long initial passphrase" })).toMatchObject({
      ok: true,
      userId: stored.id,
    });
  });

  it.each([
    ["a password under 12 characters", { password: "eleven char" }, "password", /at least 12 characters/],
    ["an unknown role", { role: "surgeon" }, "role", /Role must be one of: nurse, physician, pharmacist, auditor, admin/],
    ["a username with spaces", { username: "nell newstarter" }, "username", /letters, digits/],
    ["a two-letter username", { username: "nn" }, "username", /at least 3/],
    ["an empty display name", { displayName: "   " }, "displayName", /Display name is required/],
    ["a missing password", { password: undefined }, "password", /Initial password is required/],
    ["an unexpected field", { passwordHash: "$2b$10$..." }, "passwordHash", /not a user field/],
  ])("refuses %s, naming the field, and stores nothing", async (_label, change, path, message) => {
    const users = await db.user.count();
    const events = await db.auditEvent.count();
    const result = await createUser(staff.admin, { ...valid("someone"), ...change });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok) return;
    const error = result.fieldErrors?.find((e) => e.path === path);
    expect(error?.message).toMatch(message);
    expect(await db.user.count()).toBe(users);
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("refuses a username already taken with 409 on the username field", async () => {
    expect((await createUser(staff.admin, valid("dup.user"))).ok).toBe(true);
    const again = await createUser(staff.admin, { ...valid("DUP.user"), displayName: "Someone else" });
    expect(again).toMatchObject({ ok: false, kind: "conflict", fieldErrors: [{ path: "username" }] });
    expect(await db.user.count({ where: { username: "dup.user" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.create", after: { contains: "dup.user" } } })).toBe(1);
  });

  it("stores one user when the same username is submitted twice at once", async () => {
    const results = await Promise.all([createUser(staff.admin, valid("racer")), createUser(staff.admin, valid("racer"))]);
    expect(results.map((r) => (r.ok ? "ok" : r.kind)).sort()).toEqual(["conflict", "ok"]);
    expect(await db.user.count({ where: { username: "racer" } })).toBe(1);
  });
});

describe("deactivateUser and reactivateUser", () => {
  it("deactivates (never deletes), refuses sign-in, then reactivates, each audited with before and after", async () => {
    const created = await createUser(staff.admin, valid("leaver"));
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;

    expect(await deactivateUser(staff.admin, { userId: id })).toEqual({ ok: true, value: { id, active: false } });
    expect((await db.user.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect(await authenticate({ username: "leaver", password: "twelve chars!" })).toMatchObject({ ok: false, status: 401 });
    expect(await deactivateUser(staff.admin, { userId: id })).toMatchObject({ ok: false, kind: "conflict" });

    expect(await reactivateUser(staff.admin, { userId: id })).toEqual({ ok: true, value: { id, active: true } });
    expect(await reactivateUser(staff.admin, { userId: id })).toMatchObject({ ok: false, kind: "conflict" });
    expect(await authenticate({ username: "leaver", password: "twelve chars!" })).toMatchObject({ ok: true, userId: id });

    const events = await db.auditEvent.findMany({
      where: { entityId: id, action: { startsWith: "user." } },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => [e.action, e.before && JSON.parse(e.before).active, e.after && JSON.parse(e.after).active])).toEqual(
      [
        ["user.create", null, true],
        ["user.deactivate", true, false],
        ["user.reactivate", false, true],
      ],
    );
    expect((await listUsers()).find((u) => u.id === id)).toMatchObject({ username: "leaver", active: true });
  });

  it("will not let an administrator deactivate their own account", async () => {
    expect(await deactivateUser(staff.admin, { userId: staff.admin.id })).toMatchObject({ ok: false, kind: "conflict" });
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.admin.id } })).active).toBe(true);
  });

  it("answers 404 for an unknown user and 400 for a malformed request", async () => {
    expect(await deactivateUser(staff.admin, { userId: "no-such-user" })).toMatchObject({ ok: false, kind: "not_found" });
    expect(await deactivateUser(staff.admin, { userId: 7 })).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: [{ path: "userId" }],
    });
    expect(await reactivateUser(staff.admin, null)).toMatchObject({ ok: false, kind: "invalid" });
  });
});

describe("only an administrator manages users", () => {
  const callers: [string, CurrentUser | null][] = [...ROLES.map((r) => [r, null] as [string, null]), ["nobody", null]];

  it.each(callers)("as %s", async (who) => {
    const user = who === "nobody" ? null : staff[who as Role];
    const target = await db.user.findUniqueOrThrow({ where: { username: "staff-nurse" } });
    const calls = [
      () => createUser(user, valid(`made-by-${who}`)),
      () => deactivateUser(user, { userId: target.id }),
      () => reactivateUser(user, { userId: target.id }),
    ];
    for (const call of calls) {
      const users = await db.user.findMany({ orderBy: { id: "asc" } });
      const eventsBefore = await db.auditEvent.count();
      const result = await call();
      if (user?.role === "admin") {
        expect(result.ok || !["unauthenticated", "forbidden"].includes(result.kind)).toBe(true);
        continue;
      }
      expect(result).toMatchObject({ ok: false, kind: user ? "forbidden" : "unauthenticated" });
      expect(await db.user.findMany({ orderBy: { id: "asc" } })).toEqual(users);
      const newEvents = await db.auditEvent.findMany({ skip: eventsBefore });
      // Nobody's refusals are coalesced per address and window (lib/auth/anonymous-denials.ts):
      // only the first of the window is an event of its own.
      const denied = newEvents.filter((e) => e.action === "auth.denied");
      expect(denied.map((e) => [e.action, e.actorId, JSON.parse(e.after!).permission])).toEqual(
        denied.length || user ? [["auth.denied", user?.id ?? null, "users:manage"]] : [],
      );
      if (!user) expect(newEvents.length).toBeLessThanOrEqual(2); // at most the closing of a window and the first of the next
    }
  });
});
