// Confirming limit flags (TOCI-CONFIRM) on real SQLite: a record of its own, which never changes
// the dose or who charted it; it covers the flags it names, so a late earlier dose that adds a
// flag makes the dose unconfirmed again until a physician confirms what it has now.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmDoseOverride } from "@/lib/doses/confirm-dose-override";
import { recordDose } from "@/lib/doses/record-dose";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { unconfirmedDoses, unconfirmedLimitCount } from "@/lib/timeline/unconfirmed-limits";
import { loadWardBoard } from "@/lib/ward/ward-board";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";
import type { CurrentUser } from "@/lib/auth/authorize";

const NOW = new Date("2026-03-02T12:00:00Z");
const on1st = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;
const toci = (effectiveAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  drug: "tocilizumab",
  doseMg: 560,
  route: "IV",
  effectiveAt,
  ...extra,
});

async function charted(user: CurrentUser, patientId: string, form: Record<string, unknown>, now = NOW) {
  const result = await recordDose(user, patientId, form, now);
  if (!result.ok) throw new Error(result.message);
  return result.value.doseId;
}

/** Charts a dose, confirming whatever limits the server says it breaks (a late entry given at the time). */
async function chartedOverLimits(user: CurrentUser, patientId: string, form: Record<string, unknown>, now: Date) {
  const first = await recordDose(user, patientId, form, now);
  if (first.ok) return first.value.doseId;
  if (first.kind !== "limits_changed") throw new Error(first.message);
  return charted(
    user,
    patientId,
    { ...form, confirmedFlags: first.conflict!.flags, overrideReason: "Given at the time, charted late" },
    now,
  );
}

/** A nurse charts 08:00, then 12:00 under 8 h with a reason: flagged, awaiting a physician. */
async function flaggedByNurse() {
  const ward = await testWard();
  await charted(ward.users.nurse, ward.patientId, toci(on1st("08:00")));
  const flagged = await charted(
    ward.users.nurse,
    ward.patientId,
    toci(on1st("12:00"), { confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"], overrideReason: "Consultant request by phone" }),
  );
  return { ...ward, flagged };
}

describe("confirmDoseOverride", () => {
  it("stores a confirmation record (who, when, flags, reason) and leaves the dose and who charted it alone", async () => {
    const { users, patientId, flagged } = await flaggedByNurse();
    const before = (await loadPatientTimeline(patientId, NOW))!;
    expect(unconfirmedLimitCount(before.graded)).toBe(1);
    expect(before.graded.alerts.map((alert) => alert.rule)).toContain("ALERT-UNCONFIRMED-LIMIT");

    const result = await confirmDoseOverride(
      users.physician,
      flagged,
      { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Agreed: refractory hypotension", idempotencyKey: formKey() },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ doseId: flagged, flags: ["TOCI_INTERVAL_UNDER_8H"], confirmedAt: NOW.toISOString() });

    const stored = await db.doseConfirmation.findMany({ where: { doseId: flagged } });
    expect(stored).toEqual([
      expect.objectContaining({
        flags: "TOCI_INTERVAL_UNDER_8H",
        reason: "Agreed: refractory hypotension",
        confirmedById: users.physician.id,
        confirmedAt: NOW,
      }),
    ]);
    // The dose is one version, charted by the nurse, as before.
    expect(await db.medicationAdministration.count({ where: { lineageId: flagged } })).toBe(1);
    expect(await auditActions(flagged)).toEqual(["dose.create", "dose.limit_override", "dose.confirm"]);

    const after = (await loadPatientTimeline(patientId, NOW))!;
    const dose = after.doses.find((row) => row.id === flagged)!;
    expect(dose.recordedBy).toEqual({ id: users.nurse.id, displayName: "Test nurse" });
    expect(dose.confirmations).toEqual([
      {
        id: stored[0]!.id,
        flags: ["TOCI_INTERVAL_UNDER_8H"],
        reason: "Agreed: refractory hypotension",
        at: NOW.toISOString(),
        by: { id: users.physician.id, displayName: "Test physician" },
      },
    ]);
    const graded = after.graded.medications.find((row) => row.id === flagged)!;
    expect(graded).toMatchObject({ confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"], unconfirmedFlags: [] });
    expect(unconfirmedLimitCount(after.graded)).toBe(0);
    expect(after.graded.alerts.map((alert) => alert.rule)).not.toContain("ALERT-UNCONFIRMED-LIMIT");
    // Seen at a time before the confirmation, the dose was still unconfirmed (ASOF).
    const earlier = (await loadPatientTimeline(patientId, new Date(NOW.getTime() - 60_000)))!;
    expect(unconfirmedLimitCount(earlier.graded)).toBe(1);
  });

  it("a late earlier dose turns a confirmed dose unconfirmed; the queue shows it; confirming all its flags clears it", async () => {
    const { users, patientId, flagged } = await flaggedByNurse();
    const confirmed = await confirmDoseOverride(
      users.physician,
      flagged,
      { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Agreed" },
      NOW,
    );
    expect(confirmed.ok).toBe(true);
    // Two more doses in the 24 h before 12:00, charted late: the 12:00 dose is now the fourth in 24 h.
    const later = new Date(NOW.getTime() + 60_000);
    await chartedOverLimits(users.nurse, patientId, toci("2026-02-28T16:00:00Z"), later);
    await chartedOverLimits(users.nurse, patientId, toci(on1st("00:00")), later);
    const timeline = (await loadPatientTimeline(patientId, later))!;
    const dose = timeline.graded.medications.find((row) => row.id === flagged)!;
    expect(dose.flags.length).toBeGreaterThan(1);
    expect(dose.confirmedFlags).toEqual(["TOCI_INTERVAL_UNDER_8H"]);
    expect(dose.unconfirmedFlags.length).toBeGreaterThan(0);

    const board = await loadWardBoard(later);
    const row = board.find((entry) => entry.patient.id === patientId)!;
    expect(row.unconfirmedDoses.map((entry) => entry.id)).toContain(flagged);
    expect(unconfirmedDoses(timeline.graded).find((entry) => entry.id === flagged)!.unconfirmedFlags).toEqual(
      dose.unconfirmedFlags,
    );

    // Confirming only what was confirmed before is refused: the physician must see every breach.
    const stale = await confirmDoseOverride(
      users.physician,
      flagged,
      { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Again" },
      later,
    );
    expect(stale).toMatchObject({ ok: false, kind: "limits_changed" });
    if (stale.ok) throw new Error("expected a refusal");
    expect(stale.conflict!.flags).toEqual(dose.flags);

    const all = await confirmDoseOverride(
      users.physician,
      flagged,
      { flags: dose.flags, reason: "Reviewed all breaches" },
      later,
    );
    expect(all.ok).toBe(true);
    const after = (await loadPatientTimeline(patientId, later))!;
    expect(after.graded.medications.find((row) => row.id === flagged)!.unconfirmedFlags).toEqual([]);
  });

  it("is for physicians only, needs flags and a reason, and refuses doses with nothing to confirm", async () => {
    const { users, patientId, flagged } = await flaggedByNurse();
    const form = { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Agreed" };
    expect(await confirmDoseOverride(users.nurse, flagged, form, NOW)).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await confirmDoseOverride(users.pharmacist, flagged, form, NOW)).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await confirmDoseOverride(null, flagged, form, NOW)).toMatchObject({ ok: false, kind: "unauthenticated" });
    expect(await deniedEvents(`confirmDoseOverride ${flagged}`)).toBe(3);
    expect(await confirmDoseOverride(users.physician, flagged, { flags: [], reason: "x" }, NOW)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    expect(await confirmDoseOverride(users.physician, flagged, { flags: ["TOCI_INTERVAL_UNDER_8H"] }, NOW)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    expect(await confirmDoseOverride(users.physician, flagged, "junk", NOW)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await confirmDoseOverride(users.physician, "nothing", form, NOW)).toMatchObject({ ok: false, kind: "not_found" });
    expect((await confirmDoseOverride(users.physician, flagged, form, NOW)).ok).toBe(true);
    expect(await confirmDoseOverride(users.physician, flagged, form, NOW)).toMatchObject({ ok: false, kind: "conflict" });
    const plain = await charted(users.nurse, patientId, {
      idempotencyKey: formKey(),
      drug: "dexamethasone",
      doseMg: 10,
      route: "IV",
      effectiveAt: on1st("09:00"),
    });
    expect(await confirmDoseOverride(users.physician, plain, form, NOW)).toMatchObject({ ok: false, kind: "conflict" });
    expect(await db.doseConfirmation.count({ where: { doseId: flagged } })).toBe(1);
  });

  it("stores one confirmation for a double submit of the same form, and the table refuses edits", async () => {
    const { users, flagged } = await flaggedByNurse();
    const form = { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Agreed", idempotencyKey: formKey() };
    const first = await confirmDoseOverride(users.physician, flagged, form, NOW);
    const second = await confirmDoseOverride(users.physician, flagged, form, NOW);
    expect(second).toEqual(first);
    expect(await db.doseConfirmation.count({ where: { doseId: flagged } })).toBe(1);
    await expect(db.doseConfirmation.updateMany({ where: { doseId: flagged }, data: { reason: "changed" } })).rejects.toThrow();
    await expect(db.doseConfirmation.deleteMany({ where: { doseId: flagged } })).rejects.toThrow();
    expect((await db.doseConfirmation.findFirstOrThrow({ where: { doseId: flagged } })).reason).toBe("Agreed");
  });
});
