// Signing a handoff off: the row and its audit event together, who and when, the sheet it names,
// a double submit stored once, the roles that may, and a table nothing can rewrite.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dischargePatient } from "@/lib/patients/discharge-patient";
import { signOffHandoff } from "@/lib/handoff/sign-off-handoff";
import { loadSignOffs } from "@/lib/handoff/sign-offs";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";
import { rawError } from "@/tests/helpers/raw-sql";

const NOW = new Date("2026-03-01T08:10:00Z");
const SHEET_AT = "2026-03-01T07:30:00.000Z";

describe("signOffHandoff", () => {
  it("stores who signed which sheet off and when, with its audit event, and the sheet's window reads it back", async () => {
    const ward = await testWard();
    const result = await signOffHandoff(
      ward.users.physician,
      ward.patientId,
      { idempotencyKey: formKey(), sheetAt: "2026-03-01T07:30:00+00:00", note: "  Received in ICU, bed 3  " },
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        patientId: ward.patientId,
        sheetAt: SHEET_AT,
        signedAt: NOW.toISOString(),
        signedByName: "Test physician",
        role: "physician",
        note: "Received in ICU, bed 3",
      },
    });
    if (!result.ok) return;
    expect(await auditActions(result.value.id)).toEqual(["handoff.sign_off"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.value.id } });
    expect(audit).toMatchObject({ entityType: "handoff", actorId: ward.users.physician.id, role: "physician" });
    expect(JSON.parse(audit.after!)).toMatchObject({
      patientId: ward.patientId,
      sheetAt: SHEET_AT,
      signedById: ward.users.physician.id,
    });

    const shown = await loadSignOffs([ward.patientId], new Date(NOW.getTime() - 24 * 3_600_000), NOW);
    expect(shown.get(ward.patientId)).toEqual([result.value]);
    // A sheet as of a moment before the sign-off does not show it: it had not happened yet.
    const earlier = await loadSignOffs([ward.patientId], new Date("2026-02-28T08:00:00Z"), new Date("2026-03-01T08:00:00Z"));
    expect(earlier.get(ward.patientId)).toEqual([]);
  });

  it("a nurse signs off too; a second sign-off stands beside the first, latest first", async () => {
    const ward = await testWard();
    const first = await signOffHandoff(
      ward.users.physician,
      ward.patientId,
      { idempotencyKey: formKey(), sheetAt: SHEET_AT },
      NOW,
    );
    const later = new Date(NOW.getTime() + 3_600_000);
    const second = await signOffHandoff(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), sheetAt: NOW.toISOString() },
      later,
    );
    expect(first.ok && second.ok).toBe(true);
    const shown = await loadSignOffs([ward.patientId], new Date(later.getTime() - 24 * 3_600_000), later);
    expect(shown.get(ward.patientId)?.map((s) => [s.role, s.note])).toEqual([
      ["nurse", null],
      ["physician", null],
    ]);
  });

  it("a double submit stores one sign-off; the same key for another sheet is refused and stores nothing", async () => {
    const ward = await testWard();
    const key = formKey();
    const first = await signOffHandoff(ward.users.nurse, ward.patientId, { idempotencyKey: key, sheetAt: SHEET_AT }, NOW);
    const again = await signOffHandoff(ward.users.nurse, ward.patientId, { idempotencyKey: key, sheetAt: SHEET_AT }, NOW);
    expect(again).toEqual(first);
    const other = await signOffHandoff(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: key, sheetAt: "2026-03-01T07:45:00Z" },
      NOW,
    );
    expect(other).toMatchObject({ ok: false, kind: "idempotency_mismatch" });
    expect(await db.handoffSignOff.count({ where: { patientId: ward.patientId } })).toBe(1);
  });

  it.each(["pharmacist", "auditor", "admin"] as const)(
    "a %s cannot sign a handoff off (audited) and nothing is stored",
    async (role) => {
      const ward = await testWard();
      const denied = await deniedEvents(`signOffHandoff ${ward.patientId}`);
      const result = await signOffHandoff(
        ward.users[role],
        ward.patientId,
        { idempotencyKey: formKey(), sheetAt: SHEET_AT },
        NOW,
      );
      expect(result).toMatchObject({ ok: false, kind: "forbidden" });
      expect(await deniedEvents(`signOffHandoff ${ward.patientId}`)).toBe(denied + 1);
      expect(await db.handoffSignOff.count({ where: { patientId: ward.patientId } })).toBe(0);
    },
  );

  it("refuses nobody signed in, an unknown patient, a discharged one, a future or day-old sheet, naming each field", async () => {
    const ward = await testWard();
    const input = { idempotencyKey: formKey(), sheetAt: SHEET_AT };
    expect(await signOffHandoff(null, ward.patientId, input, NOW)).toMatchObject({ ok: false, kind: "unauthenticated" });
    expect(await signOffHandoff(ward.users.nurse, "no-such-patient", input, NOW)).toMatchObject({ ok: false, kind: "not_found" });
    const wrong = await signOffHandoff(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: "x", sheetAt: "2026-03-01T08:16:00Z", note: "n".repeat(501), signedBy: "someone else" },
      NOW,
    );
    expect(wrong).toMatchObject({ ok: false, kind: "invalid" });
    if (!wrong.ok) {
      expect(wrong.fieldErrors?.map((e) => e.path).sort()).toEqual(["idempotencyKey", "note", "sheetAt", "signedBy"]);
      expect(wrong.fieldErrors?.find((e) => e.path === "sheetAt")?.message).toMatch(/in the future/);
    }
    const old = await signOffHandoff(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), sheetAt: "2026-02-28T08:09:00Z" },
      NOW,
    );
    expect(old).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: [{ path: "sheetAt", message: expect.stringMatching(/more than 24 hours/) }],
    });

    const discharged = await dischargePatient(ward.users.physician, ward.patientId, { expectedVersion: 1, reason: "Home" }, NOW);
    expect(discharged.ok).toBe(true);
    const after = await signOffHandoff(ward.users.nurse, ward.patientId, { idempotencyKey: formKey(), sheetAt: SHEET_AT }, NOW);
    expect(after).toMatchObject({ ok: false, kind: "conflict", message: expect.stringMatching(/discharged/) });
    expect(await db.handoffSignOff.count({ where: { patientId: ward.patientId } })).toBe(0);
  });

  it("the database refuses to change or delete a sign-off", async () => {
    const ward = await testWard();
    const result = await signOffHandoff(ward.users.nurse, ward.patientId, { idempotencyKey: formKey(), sheetAt: SHEET_AT }, NOW);
    if (!result.ok) throw new Error(result.message);
    expect(
      await rawError('UPDATE "HandoffSignOff" SET "signedByName" = ? WHERE "id" = ?', "Someone else", result.value.id),
    ).toMatch(/append-only/);
    expect(await rawError('DELETE FROM "HandoffSignOff" WHERE "id" = ?', result.value.id)).toMatch(/append-only/);
  });
});
