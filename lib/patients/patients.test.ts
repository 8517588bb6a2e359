// Admitting, editing and discharging on real SQLite: each change commits with its audit event,
// stale edits are refused, and nothing is ever deleted.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { admitPatient } from "@/lib/patients/admit-patient";
import { dischargePatient } from "@/lib/patients/discharge-patient";
import { editPatient } from "@/lib/patients/edit-patient";
import { patientInputSchema } from "@/lib/patients/patient-input";
import { auditActions, deniedEvents, testWard, WARD_ID, type TestWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-01T12:00:00Z");
let ward: TestWard;
let mrnCounter = 0;

const form = (extra: Record<string, unknown> = {}) => ({
  mrn: `ADM${++mrnCounter}`,
  name: "Ada Admitted",
  birthDate: "1961-05-04",
  sex: "female",
  weightKg: "64.5",
  weightMeasuredAt: "2026-02-28T08:00:00Z",
  wardId: WARD_ID,
  bed: "4A-09",
  product: "axicabtagene ciloleucel",
  therapy: "car_t",
  infusionAt: "2026-03-01T10:00:00Z",
  antipyreticsMaskFever: "true",
  tociMinIntervalHours: "",
  ...extra,
});

beforeAll(async () => {
  ward = await testWard();
});

describe("admitPatient", () => {
  it("stores the patient with its settings and an audit event", async () => {
    const result = await admitPatient(ward.users.physician, form({ mrn: "adm-lower-1" }), NOW);
    if (!result.ok) throw new Error(result.message);
    const patient = await db.patient.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(patient).toMatchObject({
      mrn: "ADM-LOWER-1",
      weightKg: 64.5,
      antipyreticsMaskFever: true,
      tociMinIntervalHours: 8,
      status: "active",
      version: 1,
      createdById: ward.users.physician.id,
    });
    expect(await auditActions(patient.id)).toEqual(["patient.admit"]);
  });

  it("refuses a duplicate MRN with 409 and a field error on mrn", async () => {
    const first = await admitPatient(ward.users.physician, form({ mrn: "DUP1" }), NOW);
    expect(first.ok).toBe(true);
    const second = await admitPatient(ward.users.physician, form({ mrn: "dup1", name: "Someone Else" }), NOW);
    expect(second).toMatchObject({ ok: false, kind: "conflict" });
    if (!second.ok) expect(second.fieldErrors).toEqual([expect.objectContaining({ path: "mrn" })]);
    expect(await db.patient.count({ where: { mrn: "DUP1" } })).toBe(1);
  });

  it("names every wrong field and stores nothing", async () => {
    const before = await db.patient.count();
    const result = await admitPatient(
      ward.users.physician,
      form({
        birthDate: "2027-01-01",
        sex: "x",
        weightKg: 0,
        therapy: "",
        infusionAt: "tomorrow",
        tociMinIntervalHours: 0,
        extra: 1,
      }),
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("invalid");
    expect(result.fieldErrors!.map((e) => e.path).sort()).toEqual([
      "birthDate",
      "extra",
      "infusionAt",
      "sex",
      "therapy",
      "tociMinIntervalHours",
      "weightKg",
    ]);
    expect(result.fieldErrors!.find((e) => e.path === "weightKg")!.message).toBe("0 is outside 0.5-400 kg");
    expect(result.fieldErrors!.find((e) => e.path === "birthDate")!.message).toBe("2027-01-01 is in the future");
    expect(await db.patient.count()).toBe(before);
  });

  it("refuses an unknown ward", async () => {
    const result = await admitPatient(ward.users.physician, form({ wardId: "ward-nowhere" }), NOW);
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: [expect.objectContaining({ path: "wardId" })] });
  });

  it.each([null, 1, "x", [], { mrn: null }])("answers 400 for input of any shape (%j)", async (input) => {
    expect(await admitPatient(ward.users.physician, input, NOW)).toMatchObject({ ok: false, kind: "invalid" });
  });

  it("refuses a nurse (403) and nobody (401), audited, storing nothing", async () => {
    const before = await db.patient.count();
    const deniedBefore = await deniedEvents("admitPatient");
    expect(await admitPatient(ward.users.nurse, form(), NOW)).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await admitPatient(null, form(), NOW)).toMatchObject({ ok: false, kind: "unauthenticated" });
    expect(await deniedEvents("admitPatient")).toBe(deniedBefore + 2);
    expect(await db.patient.count()).toBe(before);
  });

  it("checks a birth date against the clock for the browser form", () => {
    expect(patientInputSchema.safeParse(form({ birthDate: "1961-02-30" })).success).toBe(false);
    expect(patientInputSchema.safeParse(form()).success).toBe(true);
  });
});

describe("editPatient", () => {
  async function admitted() {
    const result = await admitPatient(ward.users.physician, form(), NOW);
    if (!result.ok) throw new Error(result.message);
    return result.value.id;
  }

  it("bumps the version and audits before and after with the reason", async () => {
    const id = await admitted();
    const result = await editPatient(
      ward.users.physician,
      id,
      form({ mrn: undefined, weightKg: 70, expectedVersion: 1, reason: "Re-weighed" }),
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" }); // the form is the full patient: the MRN is required
    const patient = await db.patient.findUniqueOrThrow({ where: { id } });
    const edited = await editPatient(
      ward.users.physician,
      id,
      form({ mrn: patient.mrn, weightKg: 70, expectedVersion: 1, reason: "Re-weighed" }),
      NOW,
    );
    expect(edited).toEqual({ ok: true, value: { id, version: 2 } });
    expect((await db.patient.findUniqueOrThrow({ where: { id } })).weightKg).toBe(70);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "patient.edit" } });
    expect(JSON.parse(event.before!)).toMatchObject({ weightKg: 64.5, version: 1 });
    expect(JSON.parse(event.after!)).toMatchObject({ weightKg: 70, version: 2, changeReason: "Re-weighed" });
  });

  it("refuses an edit made on a stale copy, naming who changed it", async () => {
    const id = await admitted();
    const { mrn } = await db.patient.findUniqueOrThrow({ where: { id } });
    expect(
      (await editPatient(ward.users.physician, id, form({ mrn, bed: "4A-10", expectedVersion: 1, reason: "Moved" }), NOW)).ok,
    ).toBe(true);
    const stale = await editPatient(
      ward.users.physician,
      id,
      form({ mrn, bed: "4A-11", expectedVersion: 1, reason: "Moved" }),
      NOW,
    );
    expect(stale).toMatchObject({ ok: false, kind: "stale_version" });
    if (!stale.ok) expect(stale.message).toMatch(/changed by Test physician at .* since you opened it/);
    expect((await db.patient.findUniqueOrThrow({ where: { id } })).bed).toBe("4A-10");
  });

  it("refuses taking another patient's MRN, and answers 404 for an unknown patient", async () => {
    const a = await admitted();
    const b = await admitted();
    const { mrn } = await db.patient.findUniqueOrThrow({ where: { id: a } });
    const clash = await editPatient(ward.users.physician, b, form({ mrn, expectedVersion: 1, reason: "Fix" }), NOW);
    expect(clash).toMatchObject({ ok: false, kind: "conflict", fieldErrors: [expect.objectContaining({ path: "mrn" })] });
    expect(await editPatient(ward.users.physician, "nobody", form({ expectedVersion: 1, reason: "Fix" }), NOW)).toMatchObject({
      kind: "not_found",
    });
  });
});

describe("dischargePatient", () => {
  it("archives the patient (status, time, version) with an audit event, and refuses a second discharge", async () => {
    const result = await admitPatient(ward.users.physician, form(), NOW);
    if (!result.ok) throw new Error(result.message);
    const id = result.value.id;
    expect(await dischargePatient(ward.users.nurse, id, { expectedVersion: 1, reason: "Home" }, NOW)).toMatchObject({
      kind: "forbidden",
    });
    expect(await dischargePatient(ward.users.physician, id, { expectedVersion: 1 }, NOW)).toMatchObject({ kind: "invalid" });
    const discharged = await dischargePatient(ward.users.physician, id, { expectedVersion: "1", reason: "Home, D+14" }, NOW);
    expect(discharged).toEqual({ ok: true, value: { id, version: 2, dischargedAt: NOW.toISOString() } });
    expect(await db.patient.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "discharged", version: 2 });
    expect(await auditActions(id)).toEqual(["patient.admit", "patient.discharge"]);
    expect(await dischargePatient(ward.users.physician, id, { expectedVersion: 2, reason: "Again" }, NOW)).toMatchObject({
      kind: "conflict",
    });
    const { mrn } = await db.patient.findUniqueOrThrow({ where: { id } });
    expect(await editPatient(ward.users.physician, id, form({ mrn, expectedVersion: 2, reason: "x" }), NOW)).toMatchObject({
      kind: "conflict",
    });
  });
});
