// The audit log read on real SQLite: newest first, every event exactly once across pages (even
// events sharing a timestamp, and events arriving between page loads), filters by action, actor, entity.
import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { auditLog, parseAuditLogFilters, AUDIT_ACTIONS, NO_ACTOR, type AuditLogFilters } from "@/lib/audit/audit-log";

let nurseId = "";
const T0 = Date.parse("2026-03-01T12:00:00.000Z");

beforeAll(async () => {
  nurseId = (await db.user.create({ data: { username: "n", displayName: "Nina Nurse", role: "nurse", passwordHash: "x" } })).id;
  const rows = [];
  for (let i = 0; i < 23; i++) {
    // Groups of three events share one instant: the cursor must still split them correctly.
    rows.push({
      at: new Date(T0 + Math.floor(i / 3) * 1000),
      actorId: nurseId,
      actorName: "Nina Nurse",
      role: "nurse",
      action: i % 2 ? "observation.create" : "dose.create",
      entityType: i % 2 ? "observation" : "dose",
      entityId: `e${i}`,
      after: JSON.stringify({ i }),
    });
  }
  rows.push({
    at: new Date(T0 + 60_000),
    actorId: null,
    actorName: null,
    role: null,
    action: "auth.login_failed",
    entityType: "user",
    entityId: null,
    after: JSON.stringify({ username: "mallory" }),
  });
  rows.push({
    at: new Date(T0 + 61_000),
    actorId: nurseId,
    actorName: "Nina Nurse",
    role: "nurse",
    action: "observation.amend",
    entityType: "observation",
    entityId: "e1",
    before: JSON.stringify({ temperatureC: 38.2 }),
    after: "not json {",
  });
  await db.auditEvent.createMany({ data: rows });
});

function filters(params: Record<string, string>): AuditLogFilters {
  const parsed = parseAuditLogFilters(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filters;
}

async function allPages(params: Record<string, string>, pageSize: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { entries, nextCursor }: Awaited<ReturnType<typeof auditLog>> = await auditLog(
      filters({ ...params, ...(cursor ? { before: cursor } : {}) }),
      pageSize,
    );
    seen.push(...entries.map((e) => e.id));
    cursor = nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { seen, pages };
}

describe("auditLog", () => {
  it("shows events newest first with snapshots decoded, and what cannot be decoded as stored", async () => {
    const { entries } = await auditLog(filters({}), 5);
    expect(entries[0]).toMatchObject({
      action: "observation.amend",
      before: { temperatureC: 38.2 },
      after: "not json {",
      actorName: "Nina Nurse",
      role: "nurse",
    });
    expect(entries[1]).toMatchObject({ action: "auth.login_failed", actorId: null, after: { username: "mallory" } });
    // Read through the action's schema: the failed sign-in conforms; the partial snapshot does not, and is shown as stored.
    expect(entries[1]?.checked).toBe(true);
    expect(entries[0]?.checked).toBe(false);
    const times = entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages through every event exactly once, even when events share a timestamp", async () => {
    const { seen, pages } = await allPages({}, 4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(pages).toBe(7);
  });

  it("keeps later pages stable when new events arrive between page loads", async () => {
    const first = await auditLog(filters({}), 10);
    await db.auditEvent.create({
      data: { action: "auth.login", entityType: "user", entityId: nurseId, actorId: nurseId, at: new Date(T0 + 120_000) },
    });
    const second = await auditLog(filters({ before: first.nextCursor! }), 10);
    expect(second.entries.map((e) => e.id).some((id) => first.entries.some((f) => f.id === id))).toBe(false);
    expect(second.entries[0]?.at.getTime()).toBeLessThanOrEqual(first.entries.at(-1)!.at.getTime());
  });

  it("filters by action, actor (or no actor) and entity", async () => {
    expect((await allPages({ action: "dose.create" }, 5)).seen).toHaveLength(12);
    expect((await auditLog(filters({ actor: NO_ACTOR }))).entries.map((e) => e.action)).toEqual(["auth.login_failed"]);
    expect((await auditLog(filters({ actor: nurseId }))).entries.every((e) => e.actorId === nurseId)).toBe(true);
    const e1 = await auditLog(filters({ entityType: "observation", entityId: "e1" }));
    expect(e1.entries.map((e) => e.action)).toEqual(["observation.amend", "observation.create"]);
    expect((await auditLog(filters({ action: "user.create" }))).entries).toEqual([]);
  });

  it("the patient filter finds every event naming the patient: its record, a fact, its export, a board replay that showed it", async () => {
    const event = (action: string, entityType: string, entityId: string, after: unknown) => ({
      at: new Date(T0 + 120_000),
      actorId: nurseId,
      actorName: "Nina Nurse",
      role: "nurse",
      action,
      entityType,
      entityId,
      after: JSON.stringify(after),
    });
    await db.auditEvent.createMany({
      data: [
        event("patient.edit", "patient", "cpatone", { bed: "4A-1" }),
        event("observation.create", "observation", "o-p1", { patientId: "cpatone", heartRate: 80 }),
        event("export.clinical_record", "export", "fhir", { format: "fhir", scope: "patient", targetId: "cpatone", patients: 1 }),
        event("replay.board_view", "ward", "w1", { asOf: "2026-03-01T10:00:00.000Z", patientIds: ["cpattwo", "cpatone"] }),
        event("observation.create", "observation", "o-p2", { patientId: "cpattwo", heartRate: 90 }),
        event("observation.create", "observation", "o-p3", { patientId: "cpatonex", heartRate: 95 }),
      ],
    });
    const found = (await auditLog(filters({ patient: "cpatone" }))).entries.map((entry) => entry.action).sort();
    expect(found).toEqual(["export.clinical_record", "observation.create", "patient.edit", "replay.board_view"]);
  });

  it("knows every action the audit union records", () => {
    expect(AUDIT_ACTIONS).toContain("export.dosing_audit");
    expect(AUDIT_ACTIONS).toContain("user.reactivate");
    expect(AUDIT_ACTIONS).toContain("auth.denied");
  });

  it.each([
    [{ action: "dose.delete" }, "action"],
    [{ entityType: "table" }, "entityType"],
    [{ before: "yesterday" }, "before"],
  ])("refuses %j naming the field", (params, path) => {
    const parsed = parseAuditLogFilters(params);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.map((e) => e.path)).toEqual([path]);
  });
});
