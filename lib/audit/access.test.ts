// Issue 12, point 9: reading is audited (who read what and when), and the audit log finds every
// event about one patient and shows names rather than ids.
import { describe, expect, it, vi } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { formKey, testWard } from "@/lib/timeline/test-ward";
import { auditLog, parseAuditLogFilters } from "@/lib/audit/audit-log";
import { auditNames } from "@/lib/audit/audit-names";
import { startSession } from "@/lib/auth/sessions";

const session = vi.hoisted(() => ({ sessionId: undefined as string | undefined }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => ({ sessionId: session.sessionId }) }));

const { GET: timelineApi } = await import("@/app/api/patients/[id]/timeline/route");

const NOW = new Date();
const filters = (params: Record<string, string>) => {
  const parsed = parseAuditLogFilters(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filters;
};

describe("reading is an audited access event", () => {
  it("the timeline API writes one record.viewed event naming the reader and the patient, and nothing for a refusal", async () => {
    const { users, patientId } = await testWard({ infusionAt: new Date(NOW.getTime() - 86_400_000) });
    session.sessionId = await writeTransaction((tx) => startSession(tx, users.physician.id, NOW));
    const before = await db.auditEvent.count({ where: { action: "record.viewed" } });
    const response = await timelineApi(new Request("http://localhost/api"), { params: Promise.resolve({ id: patientId }) });
    expect(response.status).toBe(200);
    const events = await db.auditEvent.findMany({ where: { action: "record.viewed" }, orderBy: { at: "desc" } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({
      actorId: users.physician.id,
      role: "physician",
      entityType: "patient",
      entityId: patientId,
    });
    expect(JSON.parse(events[0]!.after!)).toEqual({ view: "timeline_api" });

    session.sessionId = undefined;
    const refused = await timelineApi(new Request("http://localhost/api"), { params: Promise.resolve({ id: patientId }) });
    expect(refused.status).toBe(401);
    expect(await db.auditEvent.count({ where: { action: "record.viewed" } })).toBe(before + 1);
  });

  it("the patient filter finds the patient's own events and those of their facts, and names replace ids", async () => {
    const { users, patientId } = await testWard({ infusionAt: new Date(NOW.getTime() - 86_400_000) });
    const other = await testWard({ infusionAt: new Date(NOW.getTime() - 86_400_000) });
    const charted = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: new Date(NOW.getTime() - 3_600_000).toISOString(), heartRate: 90 },
      NOW,
    );
    expect(charted.ok).toBe(true);
    await recordObservation(
      users.nurse,
      other.patientId,
      { idempotencyKey: formKey(), effectiveAt: new Date(NOW.getTime() - 3_600_000).toISOString(), heartRate: 70 },
      NOW,
    );
    const { entries } = await auditLog(filters({ patient: patientId }));
    expect(entries.map((e) => e.action)).toContain("observation.create");
    const patientIds = entries.map((e) =>
      e.entityType === "patient" ? e.entityId : (e.after as { patientId?: string })?.patientId,
    );
    expect(new Set(patientIds)).toEqual(new Set([patientId]));

    const names = await auditNames(entries);
    const observation = entries.find((e) => e.action === "observation.create")!;
    const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId } });
    expect(names.get(observation.entityId!)).toBe(`observation of ${patient.name} (MRN ${patient.mrn})`);
    expect(names.get(users.nurse.id)).toBe(`${users.nurse.displayName} (${users.nurse.username})`);
  });

  it("refuses a patient filter that is not an id", () => {
    expect(parseAuditLogFilters({ patient: '"; DROP' })).toMatchObject({ ok: false });
  });
});
