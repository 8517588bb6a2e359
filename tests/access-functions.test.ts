// The access matrix over the server functions themselves (what the pages, actions and API call):
// every write function x every role x nobody, expectations generated from `can(role, action)`.
// Allowed: a valid input succeeds. Refused: 401 (nobody) or 403, nothing stored or changed, and
// the refusal audited: a user's as exactly one new auth.denied event naming the permission; nobody's
// coalesced per address and window (lib/auth/anonymous-denials.ts), so counted by the window's counter.
import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { ROLES, can, type Role } from "@/lib/auth/permissions";
import { WRITE_CASES, freshTarget, storedState, type Target } from "@/tests/helpers/write-catalogue";

const identities: (Role | null)[] = [...ROLES, null];
/** Refusals of nobody counted in open windows (a window closing moves its count into the trail). */
const anonymousCount = async () => (await db.anonymousDenialCount.aggregate({ _sum: { count: true } }))._sum.count ?? 0;
let counted = 0;

beforeAll(async () => {
  await freshTarget(); // users and ward exist before the first snapshot
});

describe.each(WRITE_CASES)("$name ($action)", (writeCase) => {
  it.each(identities.map((role) => [role ?? "nobody", role] as const))("as %s", async (_label, role) => {
    const target: Target = await freshTarget();
    const user = role ? target.ward.users[role] : null;
    const input = writeCase.valid(target);
    const before = await storedState();
    const eventsBefore = new Set((await db.auditEvent.findMany({ select: { id: true } })).map((e) => e.id));
    const anonymousBefore = await anonymousCount();

    const result = await writeCase.call(user, target, input);
    counted++;

    if (can(role, writeCase.action)) {
      expect(result.ok ? "ok" : `${result.kind} ${result.message}`).toBe("ok");
      if (writeCase.readOnly) expect(await storedState()).toEqual(before);
      else expect(await db.auditEvent.count()).toBeGreaterThan(eventsBefore.size);
      return;
    }
    expect(result).toMatchObject({ ok: false, kind: role ? "forbidden" : "unauthenticated" });
    expect(await storedState()).toEqual(before);
    const newEvents = (await db.auditEvent.findMany()).filter((e) => !eventsBefore.has(e.id));
    if (!role) {
      // Nobody: the window's first refusal is an event; a later one adds to the window's counter.
      const denied = newEvents.filter((e) => e.action === "auth.denied");
      expect(denied.length).toBeLessThanOrEqual(1);
      if (denied[0]) expect(JSON.parse(denied[0].after!)).toEqual({ permission: writeCase.action, clientAddress: "unknown" });
      else expect(await anonymousCount()).toBe(anonymousBefore + 1);
      return;
    }
    expect(newEvents).toHaveLength(1);
    expect(newEvents[0]).toMatchObject({
      action: "auth.denied",
      actorId: user?.id ?? null,
      role: role ?? null,
      entityType: "route",
    });
    expect(JSON.parse(newEvents[0]!.after!)).toEqual({ permission: writeCase.action });
  });
});

describe("matrix size", () => {
  it("ran every function for every identity", () => {
    expect(counted).toBe(WRITE_CASES.length * identities.length);
  });
});
