// Charting and previewing doses on real SQLite: tocilizumab limits need a confirmation with a
// reason, are re-checked inside the write transaction, and every change is audited with it.
import { describe, expect, it, vi } from "vitest";
import * as audit from "@/lib/audit/events";
import { db } from "@/lib/db";
import { previewDose } from "@/lib/doses/preview-dose";
import { recordDose } from "@/lib/doses/record-dose";
import { recordObservation } from "@/lib/observations/record-observation";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";

vi.mock("@/lib/audit/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/audit/events")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const NOW = new Date("2026-03-02T12:00:00Z");
const on1st = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

const toci = (effectiveAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  drug: "tocilizumab",
  doseMg: "560",
  route: "IV",
  effectiveAt,
  ...extra,
});

const dosesOf = (patientId: string) => db.medicationAdministration.count({ where: { patientId } });

describe("recordDose", () => {
  it("stores a dose with no limit broken, audited once", async () => {
    const { users, patientId } = await testWard();
    const result = await recordDose(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        drug: "dexamethasone",
        doseMg: "10",
        route: "IV",
        effectiveAt: on1st("08:00"),
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ version: 1, flags: [], awaitingOverrideConfirmation: false, lateEntryChanges: [] });
    const stored = await db.medicationAdministration.findUniqueOrThrow({ where: { id: result.value.doseId } });
    expect(stored).toMatchObject({
      lineageId: stored.id,
      drug: "dexamethasone",
      doseMg: 10,
      route: "IV",
      flagsAtCharting: "",
      overrideReason: null,
      overrideConfirmedById: null,
      recordedById: users.nurse.id,
      status: "final",
    });
    expect(await auditActions(stored.id)).toEqual(["dose.create"]);
  });

  it("stores a drug not in the list under its lower-case generic name", async () => {
    const { users, patientId } = await testWard();
    const result = await recordDose(
      users.pharmacist,
      patientId,
      {
        idempotencyKey: formKey(),
        drug: "other",
        otherDrugName: "Ondansetron",
        doseMg: 8,
        route: "PO",
        effectiveAt: on1st("08:00"),
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect((await db.medicationAdministration.findUniqueOrThrow({ where: { id: result.value.doseId } })).drug).toBe(
      "ondansetron",
    );
  });

  // DRUG-CODES: a brand, a biosimilar or a near miss typed as "other" would bypass every limit.
  it.each([
    ["Actemra", "This is tocilizumab: choose Tocilizumab so its limits apply"],
    ["tocilizumab-aazg", "is tocilizumab: choose Tocilizumab"],
    ["Tocilizumab biosimilar", "is tocilizumab: choose Tocilizumab"],
    ["Celestone", "is betamethasone: choose Betamethasone"],
    ["Ruxolitinib", "is ruxolitinib: choose Ruxolitinib"],
    ["tocilizumb", "did you mean tocilizumab?"],
  ])("refuses %j typed as another drug, says which drug it is, and stores nothing", async (name, message) => {
    const { users, patientId } = await testWard();
    const result = await recordDose(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), drug: "other", otherDrugName: name, doseMg: 560, route: "IV", effectiveAt: on1st("08:00") },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (!result.ok) expect(result.fieldErrors?.find((e) => e.path === "otherDrugName")?.message).toContain(message);
    expect(await dosesOf(patientId)).toBe(0);
  });

  it("needs a confirmation for tocilizumab 4 h after the previous dose, then stores it with the reason", async () => {
    const { users, patientId } = await testWard();
    expect((await recordDose(users.nurse, patientId, toci(on1st("08:00")), NOW)).ok).toBe(true);

    const unconfirmed = await recordDose(users.nurse, patientId, toci(on1st("12:00")), NOW);
    expect(unconfirmed.ok).toBe(false);
    if (unconfirmed.ok) return;
    expect(unconfirmed.kind).toBe("limits_changed");
    expect(unconfirmed.conflict).toMatchObject({
      flags: ["TOCI_INTERVAL_UNDER_8H"],
      nextEligibleAt: "2026-03-02T12:00:00.000Z",
      recommendedDoseMg: 560,
    });
    expect(unconfirmed.conflict!.reasons.map((r) => r.rule)).toContain("TOCI_INTERVAL_UNDER_8H");
    expect(await dosesOf(patientId)).toBe(1);

    const noReason = await recordDose(
      users.nurse,
      patientId,
      toci(on1st("12:00"), { confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"] }),
      NOW,
    );
    expect(noReason).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: [expect.objectContaining({ path: "overrideReason" })],
    });
    expect(await dosesOf(patientId)).toBe(1);

    const confirmed = await recordDose(
      users.nurse,
      patientId,
      toci(on1st("12:00"), {
        confirmedFlags: "TOCI_INTERVAL_UNDER_8H",
        overrideReason: "Haemodynamic deterioration, consultant aware",
      }),
      NOW,
    );
    if (!confirmed.ok) throw new Error(confirmed.message);
    expect(confirmed.value).toMatchObject({ flags: ["TOCI_INTERVAL_UNDER_8H"], awaitingOverrideConfirmation: true });
    const stored = await db.medicationAdministration.findUniqueOrThrow({ where: { id: confirmed.value.doseId } });
    expect(stored).toMatchObject({
      flagsAtCharting: "TOCI_INTERVAL_UNDER_8H",
      overrideReason: "Haemodynamic deterioration, consultant aware",
      overrideConfirmedById: null,
    });
    expect(await auditActions(stored.id)).toEqual(["dose.create", "dose.limit_override"]);
    const override = await db.auditEvent.findFirstOrThrow({ where: { entityId: stored.id, action: "dose.limit_override" } });
    expect(JSON.parse(override.after!)).toMatchObject({ flags: ["TOCI_INTERVAL_UNDER_8H"], awaitingPhysicianConfirmation: true });
  });

  it("stores a physician's own override as confirmed by that physician", async () => {
    const { users, patientId } = await testWard();
    await recordDose(users.physician, patientId, toci(on1st("08:00")), NOW);
    const result = await recordDose(
      users.physician,
      patientId,
      toci(on1st("12:00"), {
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
        overrideReason: "Refractory hypotension",
      }),
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value.awaitingOverrideConfirmation).toBe(false);
    expect(
      (await db.medicationAdministration.findUniqueOrThrow({ where: { id: result.value.doseId } })).overrideConfirmedById,
    ).toBe(users.physician.id);
  });

  it("re-checks inside the transaction: a dose charted meanwhile changes the limits, so the confirmation is refused", async () => {
    const { users, patientId } = await testWard();
    for (const time of ["00:00", "08:00", "16:00"])
      expect((await recordDose(users.physician, patientId, toci(on1st(time)), NOW)).ok).toBe(true);

    // The nurse previews 22:00 with three doses charted and confirms what she is shown.
    const preview = await previewDose(users.nurse, patientId, toci(on1st("22:00")), NOW);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.flags).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H"]);
    expect(preview.value.doseNumber).toBe(4);

    // Meanwhile a colleague charts a dose given at 20:00.
    const meanwhile = await recordDose(
      users.physician,
      patientId,
      toci(on1st("20:00"), {
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H"],
        overrideReason: "Given in ICU",
      }),
      NOW,
    );
    expect(meanwhile.ok).toBe(true);

    const submitted = await recordDose(
      users.nurse,
      patientId,
      toci(on1st("22:00"), {
        confirmedFlags: preview.value.flags,
        overrideReason: "Consultant request",
      }),
      NOW,
    );
    expect(submitted.ok).toBe(false);
    if (submitted.ok) return;
    expect(submitted.kind).toBe("limits_changed");
    expect(submitted.message).toMatch(/another dose was charted meanwhile/);
    expect(submitted.conflict!.flags).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H", "TOCI_MAX_4_TOTAL"]);
    expect(submitted.conflict!.nextEligibleAt).toBeNull();
    expect(await dosesOf(patientId)).toBe(4);
  });

  it("flags a dose charted behind another when it puts the later dose under the minimum interval", async () => {
    const { users, patientId } = await testWard();
    await recordDose(users.nurse, patientId, toci(on1st("10:00")), NOW);
    const late = await recordDose(users.nurse, patientId, toci(on1st("06:00")), NOW);
    expect(late).toMatchObject({ ok: false, kind: "limits_changed", conflict: { flags: ["TOCI_INTERVAL_UNDER_8H"] } });
    if (!late.ok) expect(late.conflict!.reasons.some((r) => /puts dose 2/.test(r.text))).toBe(true);
  });

  it("stores one dose for a double submit of the same form", async () => {
    const { users, patientId } = await testWard();
    const form = toci(on1st("08:00"));
    const results = await Promise.all([
      recordDose(users.nurse, patientId, form, NOW),
      recordDose(users.nurse, patientId, form, NOW),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    if (results[0].ok && results[1].ok) expect(results[1].value.doseId).toBe(results[0].value.doseId);
    const again = await recordDose(users.nurse, patientId, form, NOW);
    expect(again.ok).toBe(true);
    expect(await dosesOf(patientId)).toBe(1);
  });

  it.each([
    ["an unknown drug", { drug: "aspirin" }, "drug"],
    ["a dose typed as words", { doseMg: "lots" }, "doseMg"],
    ["a zero dose", { doseMg: 0 }, "doseMg"],
    ["tocilizumab above 2,000 mg", { doseMg: 2500 }, "doseMg"],
    ["an unknown route", { route: "IT" }, "route"],
    ["'other' with no name", { drug: "other" }, "otherDrugName"],
    ["an unknown flag", { confirmedFlags: ["TOCI_WHATEVER"], overrideReason: "x" }, "confirmedFlags[0]"],
    ["a time in the future", { effectiveAt: "2026-03-02T13:00:00Z" }, "effectiveAt"],
  ])("refuses %s, names the field and stores nothing", async (_label, extra, path) => {
    const { users, patientId } = await testWard();
    const result = await recordDose(users.nurse, patientId, toci(on1st("08:00"), extra), NOW);
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (!result.ok) expect(result.fieldErrors!.map((e) => e.path)).toContain(path);
    expect(await dosesOf(patientId)).toBe(0);
  });

  it.each([null, 7, "dose", [], [toci(on1st("08:00"))]])("answers 400 for input of any shape (%j)", async (input) => {
    const { users, patientId } = await testWard();
    expect(await recordDose(users.nurse, patientId, input, NOW)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await previewDose(users.nurse, patientId, input, NOW)).toMatchObject({ ok: false, kind: "invalid" });
  });

  it.each([
    ["an auditor", "auditor" as const, "forbidden"],
    ["an administrator", "admin" as const, "forbidden"],
    ["nobody", null, "unauthenticated"],
  ])("refuses %s: nothing stored, the denial audited", async (_label, role, kind) => {
    const { users, patientId } = await testWard();
    const result = await recordDose(role ? users[role] : null, patientId, toci(on1st("08:00")), NOW);
    expect(result).toMatchObject({ ok: false, kind });
    expect(await dosesOf(patientId)).toBe(0);
    expect(await deniedEvents(`recordDose ${patientId}`)).toBe(1);
  });

  it("answers 404 for an unknown patient", async () => {
    const { users } = await testWard();
    expect(await recordDose(users.nurse, "no-such-patient", toci(on1st("08:00")), NOW)).toMatchObject({
      ok: false,
      kind: "not_found",
    });
    expect(await previewDose(users.nurse, "no-such-patient", toci(on1st("08:00")), NOW)).toMatchObject({
      ok: false,
      kind: "not_found",
    });
  });

  it("stores neither the dose nor its first audit event when the override's audit event fails", async () => {
    const { users, patientId } = await testWard();
    await recordDose(users.nurse, patientId, toci(on1st("08:00")), NOW);
    const createsBefore = await db.auditEvent.count({ where: { action: "dose.create" } });
    const actual = await vi.importActual<typeof import("@/lib/audit/events")>("@/lib/audit/events");
    // dose.create is written, then dose.limit_override fails: the whole transaction must roll back.
    vi.mocked(audit.recordAudit)
      .mockImplementationOnce(actual.recordAudit)
      .mockRejectedValueOnce(new Error("audit store unavailable"));
    await expect(
      recordDose(
        users.nurse,
        patientId,
        toci(on1st("12:00"), {
          confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
          overrideReason: "Consultant request",
        }),
        NOW,
      ),
    ).rejects.toThrow("audit store unavailable");
    expect(await dosesOf(patientId)).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "dose.create" } })).toBe(createsBefore);
  });

  it("reports observations re-graded by tocilizumab charted late (ASTCT-MASK)", async () => {
    const { users, patientId } = await testWard();
    await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: on1st("08:00"), temperature: 38.8 },
      NOW,
    );
    const later = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: on1st("10:00"),
        temperature: 37.1,
        systolicBP: 84,
        diastolicBP: 48,
      },
      NOW,
    );
    if (!later.ok) throw new Error(later.message);
    expect(later.value.grade.grade).toBe(0);
    const dose = await recordDose(users.nurse, patientId, toci(on1st("09:00")), NOW);
    if (!dose.ok) throw new Error(dose.message);
    expect(dose.value.lateEntryChanges).toEqual([
      expect.objectContaining({ id: later.value.observationId, before: 0, after: 2 }),
    ]);
  });
});

describe("previewDose", () => {
  it("shows the weight-based calculation, the dose number and the next eligible time, storing nothing", async () => {
    const { users, patientId } = await testWard();
    const first = await previewDose(
      users.pharmacist,
      patientId,
      { drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt: on1st("08:00") },
      NOW,
    );
    expect(first).toEqual({
      ok: true,
      value: expect.objectContaining({
        flags: [],
        doseNumber: 1,
        recommendedDoseMg: 560,
        nextEligibleAt: NOW.toISOString(),
        calculation: "8 mg/kg × 70 kg = 560 mg (TOCI-DOSE)",
      }),
    });
    expect(await dosesOf(patientId)).toBe(0);
  });

  it("caps the calculation at 800 mg and flags a dose over it", async () => {
    const { users, patientId } = await testWard({ weightKg: 110 });
    const preview = await previewDose(users.nurse, patientId, toci(on1st("08:00"), { doseMg: 880 }), NOW);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.calculation).toBe("8 mg/kg × 110 kg = 880 mg, capped at 800 mg (TOCI-DOSE)");
    expect(preview.value.recommendedDoseMg).toBe(800);
    expect(preview.value.flags).toEqual(["TOCI_DOSE_OVER_800MG"]);
  });

  it("has no tocilizumab calculation for another drug, and refuses an auditor", async () => {
    const { users, patientId } = await testWard();
    const preview = await previewDose(
      users.nurse,
      patientId,
      { drug: "dexamethasone", doseMg: 10, route: "IV", effectiveAt: on1st("08:00") },
      NOW,
    );
    expect(preview).toMatchObject({ ok: true, value: { flags: [], doseNumber: null, calculation: null } });
    expect(await previewDose(users.auditor, patientId, toci(on1st("08:00")), NOW)).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
  });
});
