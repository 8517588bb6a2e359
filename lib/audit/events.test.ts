// The audit trail's payloads: each action's schema decides what an event may carry, on the way in
// (recordAudit) and on the way back out (parseStoredAuditEvent). No database needed: the schema
// check comes before the write.
import { describe, expect, it } from "vitest";
import { parseStoredAuditEvent, recordAudit, type AuditEventInput } from "@/lib/audit/events";

const ADMIN = { id: "u-admin", name: "Ada Admin", role: "admin" };

/** A stand-in for the transaction that keeps what would have been written. */
function writer() {
  const rows: unknown[] = [];
  const tx = {
    auditEvent: {
      create: async (args: { data: unknown }) => {
        rows.push(args.data);
        return args.data;
      },
    },
  };
  return { rows, tx: tx as unknown as Parameters<typeof recordAudit>[0] };
}

describe("recordAudit", () => {
  it("writes a payload its action declares", async () => {
    const { rows, tx } = writer();
    await recordAudit(tx, ADMIN, {
      action: "user.create",
      entityType: "user",
      entityId: "u1",
      after: { username: "nell.n", displayName: "Nell", role: "nurse", active: true },
    });
    expect(rows).toEqual([
      expect.objectContaining({
        action: "user.create",
        after: '{"username":"nell.n","displayName":"Nell","role":"nurse","active":true}',
      }),
    ]);
  });

  it.each<[string, AuditEventInput]>([
    [
      "a field the action does not declare (a password hash must never reach the trail)",
      {
        action: "user.create",
        entityType: "user",
        entityId: "u1",
        after: { username: "x", displayName: "X", role: "nurse", active: true, passwordHash: "$2b$..." } as never,
      },
    ],
    [
      "a field of the wrong type",
      { action: "auth.denied", entityType: "route", entityId: "GET /x", after: { permission: 5 } as never },
    ],
    [
      "a payload on an action that keeps none",
      { action: "auth.logout", entityType: "user", entityId: "u1", after: { username: "x" } as never },
    ],
    [
      "a snapshot missing a charted value",
      { action: "observation.amend", entityType: "observation", entityId: "o2", before: { temperatureC: 38.2 } },
    ],
    [
      "a limit flag the engine does not know",
      {
        action: "dose.limit_override",
        entityType: "dose",
        entityId: "d1",
        after: {
          flags: ["TOCI_WHENEVER"] as never,
          reasons: [],
          overrideReason: "x",
          confirmedById: null,
          awaitingPhysicianConfirmation: true,
        },
      },
    ],
  ])("refuses %s, and writes nothing", async (_what, event) => {
    const { rows, tx } = writer();
    await expect(recordAudit(tx, ADMIN, event)).rejects.toThrow();
    expect(rows).toEqual([]);
  });
});

describe("parseStoredAuditEvent", () => {
  it("reads a stored row back through its action's schema, typed", () => {
    const stored = parseStoredAuditEvent({
      action: "user.deactivate",
      entityType: "user",
      entityId: "u1",
      before: '{"username":"nell.n","active":true}',
      after: '{"username":"nell.n","active":false}',
    });
    expect(stored).toEqual({
      valid: true,
      event: {
        action: "user.deactivate",
        entityType: "user",
        entityId: "u1",
        before: { username: "nell.n", active: true },
        after: { username: "nell.n", active: false },
      },
    });
    if (stored.valid && stored.event.action === "user.deactivate") expect(stored.event.after?.active).toBe(false);
  });

  it("hands back the stored text, unchanged, for a row that does not match (or is not JSON)", () => {
    expect(
      parseStoredAuditEvent({ action: "auth.login", entityType: "user", entityId: "u1", before: null, after: '{"user":"x"}' }),
    ).toEqual({ valid: false, before: null, after: '{"user":"x"}' });
    expect(
      parseStoredAuditEvent({ action: "auth.login", entityType: "user", entityId: "u1", before: null, after: "not json {" }),
    ).toEqual({ valid: false, before: null, after: "not json {" });
    expect(
      parseStoredAuditEvent({ action: "no.such_action", entityType: "user", entityId: "u1", before: null, after: null }),
    ).toMatchObject({ valid: false });
  });
});
