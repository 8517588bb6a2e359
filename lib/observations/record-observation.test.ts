// Charting an observation on real SQLite: what is stored, what is audited, what is refused.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as audit from "@/lib/audit/events";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { auditActions, deniedEvents, formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";

// The real audit writer, replaceable for one call to prove the write and its audit commit together.
vi.mock("@/lib/audit/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/audit/events")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

let ward: TestWard;
beforeAll(async () => {
  ward = await testWard();
});

const observationsOf = (patientId: string) => db.observation.count({ where: { patientId } });

describe("recordObservation", () => {
  it("stores version 1 with its vasopressors and an audit event, and returns the grade", async () => {
    const { users, patientId } = await testWard();
    const result = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("11:30"),
        temperature: "38.6",
        heartRate: "118",
        systolicBP: "86",
        diastolicBP: "50",
        spo2: "95",
        vasopressorStatus: "running",
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: "0.08" }],
      },
      NOW,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.grade.grade).toBe(3);
    expect(result.value.version).toBe(1);
    expect(result.value.lineageId).toBe(result.value.observationId);
    const stored = await db.observation.findUniqueOrThrow({
      where: { id: result.value.observationId },
      include: { vasopressors: true },
    });
    expect(stored).toMatchObject({
      lineageId: stored.id,
      version: 1,
      supersedesId: null,
      status: "final",
      temperatureC: 38.6,
      heartRate: 118,
      recordedById: users.nurse.id,
      // ASTCT-MISSING: no device was sent, so none is stored; never an assumed room air.
      oxygenDevice: "not_charted",
      vasopressorsCharted: true,
    });
    expect(stored.recordedAt.toISOString()).toBe(NOW.toISOString());
    expect(stored.effectiveAt.toISOString()).toBe("2026-03-01T11:30:00.000Z");
    expect(stored.vasopressors.map((v) => [v.agent, v.doseMcgKgMin])).toEqual([["norepinephrine", 0.08]]);
    expect(await auditActions(stored.id)).toEqual(["observation.create"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: stored.id } });
    expect(event).toMatchObject({ actorId: users.nurse.id, role: "nurse", entityType: "observation" });
    expect(JSON.parse(event.after!)).toMatchObject({ temperatureC: 38.6, gradeAtCharting: 3, lateEntryChanges: [] });
  });

  it("converts °F and keeps the typed value in the audit trail", async () => {
    const { users, patientId } = await testWard();
    const result = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("11:00"),
        temperature: "100.4",
        temperatureUnit: "F",
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value.grade.grade).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.value.observationId } });
    expect(JSON.parse(event.after!).temperatureAsCharted).toEqual({ value: 100.4, unit: "F" });
  });

  it("stores the ACVPU level, audits it, and NEWS2 reads it (NEWS2-ACVPU)", async () => {
    const { users, patientId } = await testWard();
    const result = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: at("11:10"), heartRate: "80", acvpu: "new_confusion" },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    const stored = await db.observation.findUniqueOrThrow({ where: { id: result.value.observationId } });
    expect(stored.acvpu).toBe("new_confusion");
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.value.observationId } });
    expect(JSON.parse(event.after!).acvpu).toBe("new_confusion");
    // New confusion scores 3 alone: at least 3 on a set that charts nothing else NEWS2 needs.
    expect(result.value.grade.news2).toEqual({ score: 3, complete: false, band: "low_medium" });
    expect(result.value.grade.reasons.some((r) => r.rule === "NEWS2-ACVPU")).toBe(true);
  });

  it("stores vasopressin in units/min beside norepinephrine in mcg/kg/min, and audits both (rev 2)", async () => {
    const { users, patientId } = await testWard();
    const result = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("11:20"),
        temperature: "38.4",
        systolicBP: "84",
        diastolicBP: "48",
        vasopressorStatus: "running",
        vasopressors: [
          { agent: "norepinephrine", doseMcgKgMin: "0.1" },
          { agent: "vasopressin", doseUnitsPerMin: "0.03" },
        ],
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value.grade.grade).toBe(3);
    const rows = await db.vasopressorInfusion.findMany({
      where: { observationId: result.value.observationId },
      orderBy: { agent: "asc" },
      select: { agent: true, doseMcgKgMin: true, doseUnitsPerMin: true },
    });
    expect(rows).toEqual([
      { agent: "norepinephrine", doseMcgKgMin: 0.1, doseUnitsPerMin: null },
      { agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: 0.03 },
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.value.observationId } });
    expect(JSON.parse(event.after!).vasopressors).toContainEqual({
      agent: "vasopressin",
      doseMcgKgMin: null,
      doseUnitsPerMin: 0.03,
    });
  });

  it("refuses vasopressin charted in mcg/kg/min, saying which unit it takes, and stores nothing", async () => {
    const before = await observationsOf(ward.patientId);
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("10:00"),
        vasopressorStatus: "running",
        vasopressors: [{ agent: "vasopressin", doseMcgKgMin: "0.04" }],
      },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok) return;
    expect(result.fieldErrors).toContainEqual({
      path: "vasopressors[0].doseMcgKgMin",
      message: "vasopressin is charted in units/min, not mcg/kg/min: send the dose as doseUnitsPerMin",
    });
    expect(await observationsOf(ward.patientId)).toBe(before);
  });

  it("refuses an ACVPU level that is not one and names the field", async () => {
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("10:00"), acvpu: "drowsy" },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok) return;
    expect(result.fieldErrors?.find((e) => e.path === "acvpu")?.message).toMatch(/ACVPU/);
  });

  it.each([
    ["450 °C", { temperature: 450 }, "temperature", "450 °C is outside 25-45 °C"],
    ["113.5 °F", { temperature: 113.5, temperatureUnit: "F" }, "temperature", "113.5 °F is outside 77-113 °F"],
    ["a heart rate typed as words", { heartRate: "fast" }, "heartRate", '"fast" is not a number; allowed 0-300 beats/min'],
    ["nothing charted", {}, "(input)", "Chart at least one value"],
    [
      "an unknown vasopressor",
      { vasopressorStatus: "running", vasopressors: [{ agent: "adrenaline" }] },
      "vasopressors[0].agent",
      undefined,
    ],
    ["running with no infusion", { vasopressorStatus: "running" }, "vasopressors", undefined],
  ])("refuses %s, names the field and stores nothing", async (_label, extra, path, message) => {
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("10:00"), ...extra },
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("invalid");
    const error = result.fieldErrors?.find((e) => e.path === path);
    expect(error).toBeDefined();
    if (message) expect(error!.message).toBe(message);
    expect(await observationsOf(ward.patientId)).toBe(0);
  });

  it.each([null, undefined, 42, "38.5", [], [{ heartRate: 80 }], { idempotencyKey: 12, effectiveAt: false, heartRate: {} }])(
    "answers 400 for input of any shape (%j) and never throws",
    async (input) => {
      const result = await recordObservation(ward.users.nurse, ward.patientId, input, NOW);
      expect(result).toMatchObject({ ok: false, kind: "invalid" });
      expect(await observationsOf(ward.patientId)).toBe(0);
    },
  );

  it("refuses huge strings without echoing them", async () => {
    const huge = "9".repeat(1_000_000);
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("10:00"),
        heartRate: huge,
        note: huge,
      },
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("invalid");
    expect(result.fieldErrors!.map((e) => e.path).sort()).toEqual(["heartRate", "note"]);
    expect(JSON.stringify(result).length).toBeLessThan(2000);
  });

  it("stores one fact for a double submit of the same form, and returns the first result", async () => {
    const { users, patientId } = await testWard();
    const form = { idempotencyKey: formKey(), effectiveAt: at("11:00"), temperature: 38.2 };
    const first = await recordObservation(users.nurse, patientId, form, NOW);
    const second = await recordObservation(users.nurse, patientId, form, NOW);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.observationId).toBe(first.value.observationId);
    expect(second.value.grade.grade).toBe(1);
    expect(await observationsOf(patientId)).toBe(1);
    expect(await auditActions(first.value.observationId)).toEqual(["observation.create"]);
  });

  it("stores one fact when two submits of the same form race", async () => {
    const { users, patientId } = await testWard();
    const form = { idempotencyKey: formKey(), effectiveAt: at("11:00"), heartRate: 90 };
    const results = await Promise.all([1, 2, 3].map(() => recordObservation(users.nurse, patientId, form, NOW)));
    const ids = new Set(results.map((r) => (r.ok ? r.value.observationId : r.message)));
    expect(ids.size).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await observationsOf(patientId)).toBe(1);
  });

  it("refuses a submission key reused on another patient", async () => {
    const a = await testWard();
    const b = await testWard();
    const key = formKey();
    expect(
      (await recordObservation(a.users.nurse, a.patientId, { idempotencyKey: key, effectiveAt: at("11:00"), heartRate: 80 }, NOW))
        .ok,
    ).toBe(true);
    const reused = await recordObservation(
      a.users.nurse,
      b.patientId,
      { idempotencyKey: key, effectiveAt: at("11:00"), heartRate: 80 },
      NOW,
    );
    expect(reused).toMatchObject({
      ok: false,
      kind: "idempotency_mismatch",
      message: "This submission key was already used for a different entry.",
    });
    expect(await observationsOf(b.patientId)).toBe(0);
  });

  it.each([
    ["a pharmacist", "pharmacist" as const, "forbidden"],
    ["an auditor", "auditor" as const, "forbidden"],
    ["an administrator", "admin" as const, "forbidden"],
    ["nobody signed in", null, "unauthenticated"],
  ])("refuses %s: nothing stored, one auth.denied event", async (_label, role, kind) => {
    const { users, patientId } = await testWard();
    const site = `recordObservation ${patientId}`;
    const result = await recordObservation(
      role ? users[role] : null,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("11:00"),
        heartRate: 80,
      },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind });
    expect(await observationsOf(patientId)).toBe(0);
    expect(await deniedEvents(site)).toBe(1);
  });

  it("answers 401 before looking at the input when nobody is signed in", async () => {
    const result = await recordObservation(null, ward.patientId, "garbage", NOW);
    expect(result).toMatchObject({ ok: false, kind: "unauthenticated" });
  });

  it("answers 404 for an unknown patient and stores nothing", async () => {
    const before = await db.observation.count();
    for (const id of ["no-such-patient", "", 42, null]) {
      const result = await recordObservation(
        ward.users.nurse,
        id,
        { idempotencyKey: formKey(), effectiveAt: at("11:00"), heartRate: 80 },
        NOW,
      );
      expect(result).toMatchObject({ ok: false, kind: "not_found" });
    }
    expect(await db.observation.count()).toBe(before);
  });

  it("stores nothing when its audit event cannot be written (one transaction)", async () => {
    const { users, patientId } = await testWard();
    vi.mocked(audit.recordAudit).mockRejectedValueOnce(new Error("audit store unavailable"));
    await expect(
      recordObservation(
        users.nurse,
        patientId,
        {
          idempotencyKey: formKey(),
          effectiveAt: at("11:00"),
          heartRate: 80,
          vasopressorStatus: "running",
          vasopressors: [{ agent: "vasopressin" }],
        },
        NOW,
      ),
    ).rejects.toThrow("audit store unavailable");
    expect(await observationsOf(patientId)).toBe(0);
    expect(await db.vasopressorInfusion.count({ where: { observation: { patientId } } })).toBe(0);
  });

  it("reports observations a late entry re-graded (ALERT-LATE-ENTRY)", async () => {
    const { users, patientId } = await testWard();
    await db.medicationAdministration.create({
      data: {
        id: "toci-late-1",
        lineageId: "toci-late-1",
        version: 1,
        patientId,
        drug: "tocilizumab",
        doseMg: 560,
        route: "IV",
        effectiveAt: new Date(at("09:00")),
        recordedById: users.physician.id,
      },
    });
    // Afebrile on norepinephrine after tocilizumab, with no fever charted yet: not CRS by ASTCT (grade 0).
    const later = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("10:00"),
        temperature: 37.4,
        systolicBP: 92,
        diastolicBP: 55,
        vasopressorStatus: "running",
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.05 }],
      },
      NOW,
    );
    if (!later.ok) throw new Error(later.message);
    expect(later.value.grade.grade).toBe(0);

    // The fever at 08:00 is charted late: the episode started before tocilizumab, so 10:00 is grade 3.
    const late = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("08:00"),
        temperature: 38.7,
        systolicBP: 88,
        diastolicBP: 50,
        vasopressorStatus: "running",
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.05 }],
      },
      NOW,
    );
    if (!late.ok) throw new Error(late.message);
    expect(late.value.grade.grade).toBe(3);
    expect(late.value.lateEntryChanges).toEqual([
      expect.objectContaining({ id: later.value.observationId, at: "2026-03-01T10:00:00.000Z", before: 0, after: 3 }),
    ]);
    expect(late.value.lateEntryChanges[0]?.text).toMatch(/ALERT-LATE-ENTRY/);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: late.value.observationId } });
    expect(JSON.parse(event.after!).lateEntryChanges).toHaveLength(1);
  });

  it("a late entry charting norepinephrine started earlier re-grades an observation that did not re-check vasopressors from 2 to 3", async () => {
    const { users, patientId } = await testWard();
    const chart = (hhmm: string, values: Record<string, unknown>) =>
      recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), effectiveAt: at(hhmm), ...values }, NOW);
    const onset = await chart("08:00", { temperature: 38.6, systolicBP: 124, diastolicBP: 72 });
    const hypotensive = await chart("10:00", { temperature: 38.9, systolicBP: 84, diastolicBP: 50 });
    if (!onset.ok || !hypotensive.ok) throw new Error("not charted");
    expect(hypotensive.value.grade.grade).toBe(2);
    expect(await db.observation.findUniqueOrThrow({ where: { id: hypotensive.value.observationId } })).toMatchObject({
      vasopressorsCharted: false,
    });

    const late = await chart("09:00", {
      systolicBP: 88,
      diastolicBP: 52,
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
    });
    if (!late.ok) throw new Error(late.message);
    expect(late.value.lateEntryChanges).toEqual([
      expect.objectContaining({ id: hypotensive.value.observationId, at: "2026-03-01T10:00:00.000Z", before: 2, after: 3 }),
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: late.value.observationId } });
    expect(JSON.parse(event.after!)).toMatchObject({
      patientId,
      vasopressorsCharted: true,
      lateEntryChanges: [{ before: 2, after: 3 }],
    });
  });

  it("a late entry does not re-grade an observation charted with none running", async () => {
    const { users, patientId } = await testWard();
    const chart = (hhmm: string, values: Record<string, unknown>) =>
      recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), effectiveAt: at(hhmm), ...values }, NOW);
    await chart("08:00", { temperature: 38.6 });
    const stopped = await chart("10:00", { temperature: 38.9, systolicBP: 84, diastolicBP: 50, vasopressorStatus: "none" });
    if (!stopped.ok) throw new Error(stopped.message);
    expect(stopped.value.grade.grade).toBe(2);
    const late = await chart("09:00", {
      systolicBP: 88,
      diastolicBP: 52,
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine" }],
    });
    if (!late.ok) throw new Error(late.message);
    expect(late.value.grade.grade).toBe(3);
    expect(late.value.lateEntryChanges).toEqual([]);
  });

  it("refuses a fact after the discharge but keeps one charted late from before it", async () => {
    const { users, patientId } = await testWard();
    await db.patient.update({ where: { id: patientId }, data: { status: "discharged", dischargedAt: new Date(at("10:00")) } });
    const after = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: at("11:00"), heartRate: 80 },
      NOW,
    );
    expect(after).toMatchObject({ ok: false, kind: "conflict" });
    const before = await recordObservation(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 80 },
      NOW,
    );
    expect(before.ok).toBe(true);
    expect(await observationsOf(patientId)).toBe(1);
  });
});
