// A submission key is bound to the request it was first used for, on real SQLite through the real
// write functions: the same key and the same entry replay the first answer; the same key with a
// different entry is refused (idempotency_mismatch, HTTP 422) and stores nothing at all.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { amendDose } from "@/lib/doses/amend-dose";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { recordDose } from "@/lib/doses/record-dose";
import { httpStatusOf } from "@/lib/http/status";
import { amendObservation } from "@/lib/observations/amend-observation";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";
import { recordObservation } from "@/lib/observations/record-observation";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { canonicalJson, requestFingerprint } from "@/lib/write/fingerprint";
import type { WriteResult } from "@/lib/write-result";

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;
const REFUSAL = "This submission key was already used for a different entry.";

/** Everything a write could have stored. */
async function storedState() {
  const [observations, vasopressors, doses, audit, keys, regrades] = await Promise.all([
    db.observation.count(),
    db.vasopressorInfusion.count(),
    db.medicationAdministration.count(),
    db.auditEvent.count(),
    db.submissionKey.count(),
    db.lateEntryRegrade.count(),
  ]);
  return { observations, vasopressors, doses, audit, keys, regrades };
}

function expectRefused(result: WriteResult<unknown>): void {
  expect(result).toEqual({ ok: false, kind: "idempotency_mismatch", message: REFUSAL });
  if (!result.ok) expect(httpStatusOf(result)).toBe(422);
}

let ward: TestWard;
beforeAll(async () => {
  ward = await testWard();
});

async function chartedObservation(values: Record<string, unknown> = { heartRate: 80 }): Promise<string> {
  const result = await recordObservation(
    ward.users.nurse,
    ward.patientId,
    { idempotencyKey: formKey(), effectiveAt: at("09:00"), ...values },
    NOW,
  );
  if (!result.ok) throw new Error(result.message);
  return result.value.observationId;
}

async function chartedDose(drug = "dexamethasone", doseMg = "10"): Promise<string> {
  const result = await recordDose(
    ward.users.nurse,
    ward.patientId,
    { idempotencyKey: formKey(), drug, doseMg, route: "IV", effectiveAt: at("09:00") },
    NOW,
  );
  if (!result.ok) throw new Error(result.message);
  return result.value.doseId;
}

describe("the same submission key with a different entry", () => {
  it("dose: acetaminophen then tocilizumab 560 mg under one key is refused, only acetaminophen stored", async () => {
    const key = formKey();
    const first = await recordDose(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: key, drug: "acetaminophen", doseMg: "1000", route: "PO", effectiveAt: at("08:00") },
      NOW,
    );
    if (!first.ok) throw new Error(first.message);
    const before = await storedState();
    expectRefused(
      await recordDose(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: key, drug: "tocilizumab", doseMg: "560", route: "IV", effectiveAt: at("08:00") },
        NOW,
      ),
    );
    expect(await storedState()).toEqual(before);
    expect(await db.medicationAdministration.findMany({ where: { patientId: ward.patientId, drug: "tocilizumab" } })).toEqual([]);
  });

  it("observation: a different value, time, or patient under one key is refused and stores nothing", async () => {
    const other = await testWard();
    const key = formKey();
    const form = { idempotencyKey: key, effectiveAt: at("10:00"), temperature: "38.2" };
    expect((await recordObservation(ward.users.nurse, ward.patientId, form, NOW)).ok).toBe(true);
    const before = await storedState();
    expectRefused(await recordObservation(ward.users.nurse, ward.patientId, { ...form, temperature: "39.4" }, NOW));
    expectRefused(await recordObservation(ward.users.nurse, ward.patientId, { ...form, effectiveAt: at("10:05") }, NOW));
    expectRefused(await recordObservation(ward.users.nurse, other.patientId, form, NOW));
    // A key is one form: using it for a dose is a different entry too.
    expectRefused(
      await recordDose(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: key, drug: "dexamethasone", doseMg: "10", route: "IV", effectiveAt: at("10:00") },
        NOW,
      ),
    );
    expect(await storedState()).toEqual(before);
  });

  it("amendment: an observation and a dose amended differently under one key are refused", async () => {
    const observation = await chartedObservation();
    const key = formKey();
    const amended = await amendObservation(
      ward.users.nurse,
      observation,
      { idempotencyKey: key, effectiveAt: at("09:00"), heartRate: 90, reason: "Recount" },
      NOW,
    );
    if (!amended.ok) throw new Error(amended.message);
    let before = await storedState();
    expectRefused(
      await amendObservation(
        ward.users.nurse,
        observation,
        { idempotencyKey: key, effectiveAt: at("09:00"), heartRate: 95, reason: "Recount" },
        NOW,
      ),
    );
    // The same form sent for the new version is a different request as well.
    expectRefused(
      await amendObservation(
        ward.users.nurse,
        amended.value.observationId,
        { idempotencyKey: key, effectiveAt: at("09:00"), heartRate: 90, reason: "Recount" },
        NOW,
      ),
    );
    expect(await storedState()).toEqual(before);

    const dose = await chartedDose();
    const doseKey = formKey();
    const form = {
      idempotencyKey: doseKey,
      drug: "dexamethasone",
      doseMg: "8",
      route: "IV",
      effectiveAt: at("09:00"),
      reason: "Wrong dose",
    };
    expect((await amendDose(ward.users.nurse, dose, form, NOW)).ok).toBe(true);
    before = await storedState();
    expectRefused(await amendDose(ward.users.nurse, dose, { ...form, doseMg: "12" }, NOW));
    expect(await storedState()).toEqual(before);
  });

  it("entered in error: another reason or another fact under one key is refused", async () => {
    const first = await chartedObservation();
    const second = await chartedObservation({ heartRate: 82 });
    const key = formKey();
    expect(
      (await markObservationInError(ward.users.nurse, first, { reason: "Wrong patient", idempotencyKey: key }, NOW)).ok,
    ).toBe(true);
    let before = await storedState();
    expectRefused(await markObservationInError(ward.users.nurse, first, { reason: "Wrong monitor", idempotencyKey: key }, NOW));
    expectRefused(await markObservationInError(ward.users.nurse, second, { reason: "Wrong patient", idempotencyKey: key }, NOW));
    expect(await storedState()).toEqual(before);

    const dose = await chartedDose();
    const doseKey = formKey();
    expect((await markDoseInError(ward.users.nurse, dose, { reason: "Not given", idempotencyKey: doseKey }, NOW)).ok).toBe(true);
    before = await storedState();
    expectRefused(await markDoseInError(ward.users.nurse, dose, { reason: "Other patient", idempotencyKey: doseKey }, NOW));
    expect(await storedState()).toEqual(before);
  });
});

describe("the same submission key with the same entry", () => {
  it("replays the first answer for each write, storing nothing more", async () => {
    const observationForm = { idempotencyKey: formKey(), effectiveAt: at("11:00"), temperature: "38.1", heartRate: "101" };
    const observation = await recordObservation(ward.users.nurse, ward.patientId, observationForm, NOW);
    const doseForm = { idempotencyKey: formKey(), drug: "acetaminophen", doseMg: "1000", route: "PO", effectiveAt: at("11:00") };
    const dose = await recordDose(ward.users.nurse, ward.patientId, doseForm, NOW);
    if (!observation.ok || !dose.ok) throw new Error("not charted");
    const amendForm = {
      idempotencyKey: formKey(),
      effectiveAt: at("11:00"),
      temperature: "38.1",
      heartRate: "103",
      reason: "Recount",
    };
    const amended = await amendObservation(ward.users.nurse, observation.value.observationId, amendForm, NOW);
    const voidForm = { reason: "Charted twice", idempotencyKey: formKey() };
    const voided = await markDoseInError(ward.users.nurse, dose.value.doseId, voidForm, NOW);
    if (!amended.ok || !voided.ok) throw new Error("not corrected");

    const before = await storedState();
    // Field order, and numbers sent as numbers rather than text, do not make another entry.
    expect(
      await recordObservation(
        ward.users.nurse,
        ward.patientId,
        { heartRate: 101, temperature: 38.1, effectiveAt: at("11:00"), idempotencyKey: observationForm.idempotencyKey },
        NOW,
      ),
    ).toEqual({ ok: true, value: { ...observation.value, grade: expect.anything() } });
    expect(await recordDose(ward.users.nurse, ward.patientId, doseForm, NOW)).toEqual(dose);
    expect(await amendObservation(ward.users.nurse, observation.value.observationId, amendForm, NOW)).toEqual(amended);
    expect(await markDoseInError(ward.users.nurse, dose.value.doseId, voidForm, NOW)).toEqual(voided);
    expect(await storedState()).toEqual(before);
  });
});

describe("a key stored before requests were fingerprinted", () => {
  it("replays for the same write on the same patient, and is refused for anything else", async () => {
    const other = await testWard();
    const observationId = await chartedObservation({ heartRate: 77 });
    const key = formKey();
    await db.submissionKey.create({
      data: { key, fingerprint: null, write: "observation.create", targetId: ward.patientId, resultId: observationId },
    });
    const before = await storedState();
    const replayed = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: key, effectiveAt: at("09:00"), heartRate: 77 },
      NOW,
    );
    expect(replayed.ok && replayed.value.observationId).toBe(observationId);
    expectRefused(
      await recordObservation(
        ward.users.nurse,
        other.patientId,
        { idempotencyKey: key, effectiveAt: at("09:00"), heartRate: 77 },
        NOW,
      ),
    );
    expectRefused(
      await recordDose(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: key, drug: "dexamethasone", doseMg: "10", route: "IV", effectiveAt: at("09:00") },
        NOW,
      ),
    );
    expect(await storedState()).toEqual(before);
  });
});

describe("requestFingerprint", () => {
  it("reads the request in canonical form: key order does not matter, values do", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
    const one = requestFingerprint({ write: "dose.create", targetId: "p1", input: { drug: "acetaminophen", doseMg: 1000 } });
    expect(requestFingerprint({ targetId: "p1", input: { doseMg: 1000, drug: "acetaminophen" }, write: "dose.create" })).toBe(
      one,
    );
    expect(requestFingerprint({ write: "dose.create", targetId: "p1", input: { drug: "tocilizumab", doseMg: 560 } })).not.toBe(
      one,
    );
    expect(requestFingerprint({ write: "dose.amend", targetId: "p1", input: { drug: "acetaminophen", doseMg: 1000 } })).not.toBe(
      one,
    );
    expect(one).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("SubmissionKey", () => {
  it("is append-only: a used key cannot be rebound", async () => {
    const key = formKey();
    const charted = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: key, effectiveAt: at("11:30"), heartRate: 70 },
      NOW,
    );
    expect(charted.ok).toBe(true);
    const stored = await db.submissionKey.findUniqueOrThrow({ where: { key } });
    // The database refuses (its trigger); how the driver words the refusal is not what matters.
    await expect(db.submissionKey.update({ where: { key }, data: { fingerprint: "x" } })).rejects.toThrow();
    await expect(db.submissionKey.delete({ where: { key } })).rejects.toThrow();
    expect(await db.submissionKey.findUniqueOrThrow({ where: { key } })).toEqual(stored);
  });
});
