// Patient record versions on real SQLite: the admission and every later change store the whole
// record with who, when and why, in the transaction of the Patient row and its audit event; when
// the version cannot be stored nothing is; the table refuses UPDATE and DELETE.
import { beforeAll, describe, expect, it } from "vitest";
import { db, store } from "@/lib/db";
import { admitPatient } from "@/lib/patients/admit-patient";
import { dischargePatient } from "@/lib/patients/discharge-patient";
import { editPatient } from "@/lib/patients/edit-patient";
import { loadRecordHistory } from "@/lib/patients/record-history";
import { setObservationInterval } from "@/lib/patients/set-observation-interval";
import { recordObservation } from "@/lib/observations/record-observation";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard, WARD_ID, type TestWard } from "@/lib/timeline/test-ward";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
let ward: TestWard;
let mrnCounter = 0;

const form = (extra: Record<string, unknown> = {}) => ({
  mrn: `VER${++mrnCounter}`,
  name: "Vera Versioned",
  birthDate: "1958-11-02",
  sex: "female",
  weightKg: "71",
  weightMeasuredAt: "2026-02-28T08:00:00Z",
  wardId: WARD_ID,
  bed: "4A-03",
  product: "axicabtagene ciloleucel",
  therapy: "car_t",
  infusionAt: "2026-03-01T10:00:00Z",
  antipyreticsMaskFever: "true",
  tociMinIntervalHours: "",
  ...extra,
});

async function admitted(extra: Record<string, unknown> = {}) {
  const result = await admitPatient(ward.users.physician, form(extra), at("09:00"));
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

const versionsOf = (patientId: string) => db.patientVersion.findMany({ where: { patientId }, orderBy: { version: "asc" } });
const auditOf = (patientId: string) =>
  db.auditEvent.findMany({ where: { entityId: patientId, action: { startsWith: "patient." } }, orderBy: { id: "asc" } });

beforeAll(async () => {
  ward = await testWard();
});

describe("patient versions", () => {
  it("the admission and every change store a version with who, when and why, beside its audit event", async () => {
    const patientId = await admitted();
    const edited = await editPatient(
      ward.users.physician,
      patientId,
      {
        ...form({ mrn: "VER-EDITED" }),
        bed: "4A-11",
        antipyreticsMaskFever: "false",
        expectedVersion: "1",
        reason: "Moved bed; local protocol",
      },
      at("11:00"),
    );
    if (!edited.ok) throw new Error(edited.message);
    const interval = await setObservationInterval(
      ward.users.physician,
      patientId,
      { expectedVersion: "2", obsIntervalMinutes: "30", reason: "Borderline BP" },
      at("12:00"),
    );
    if (!interval.ok) throw new Error(interval.message);
    const discharged = await dischargePatient(
      ward.users.physician,
      patientId,
      { expectedVersion: "3", reason: "Home" },
      at("13:00"),
    );
    if (!discharged.ok) throw new Error(discharged.message);

    const versions = await versionsOf(patientId);
    expect(versions.map((v) => [v.version, v.change, v.reason, v.recordedAt.toISOString(), v.recordedById])).toEqual([
      [1, "admit", null, at("09:00").toISOString(), ward.users.physician.id],
      [2, "edit", "Moved bed; local protocol", at("11:00").toISOString(), ward.users.physician.id],
      [3, "observation_interval", "Borderline BP", at("12:00").toISOString(), ward.users.physician.id],
      [4, "discharge", "Home", at("13:00").toISOString(), ward.users.physician.id],
    ]);
    // Each version is the whole record as it then stood: what came before is kept, not overwritten.
    expect(versions.map((v) => [v.mrn, v.bed, v.antipyreticsMaskFever, v.obsIntervalMinutes, v.status])).toEqual([
      ["VER1", "4A-03", true, null, "active"],
      ["VER-EDITED", "4A-11", false, null, "active"],
      ["VER-EDITED", "4A-11", false, 30, "active"],
      ["VER-EDITED", "4A-11", false, 30, "discharged"],
    ]);
    // The current row is the last version.
    const current = await db.patient.findUniqueOrThrow({ where: { id: patientId } });
    expect(current).toMatchObject({ version: 4, bed: "4A-11", obsIntervalMinutes: 30, status: "discharged" });
    // The history names what each change changed, from what to what, by whom and why.
    const history = await loadRecordHistory(patientId);
    expect(history.map((v) => [v.change, v.recordedByName, v.reason, v.changes])).toEqual([
      ["admit", "Test physician", null, []],
      [
        "edit",
        "Test physician",
        "Moved bed; local protocol",
        [
          { field: "mrn", before: "VER1", after: "VER-EDITED" },
          { field: "bed", before: "4A-03", after: "4A-11" },
          { field: "antipyreticsMaskFever", before: true, after: false },
        ],
      ],
      ["observation_interval", "Test physician", "Borderline BP", [{ field: "obsIntervalMinutes", before: null, after: 30 }]],
      [
        "discharge",
        "Test physician",
        "Home",
        [
          { field: "status", before: "active", after: "discharged" },
          { field: "dischargedAt", before: null, after: at("13:00").toISOString() },
        ],
      ],
    ]);
    // One audit event per version.
    expect((await auditOf(patientId)).map((event) => event.action)).toEqual([
      "patient.admit",
      "patient.edit",
      "patient.edit",
      "patient.discharge",
    ]);
  });

  it("an edit whose version cannot be stored changes nothing: no new row, no audit event", async () => {
    const patientId = await admitted();
    const first = (await versionsOf(patientId))[0]!;
    // A version 2 already stands in the way (the unique key the edit's version would take).
    const { id: _id, ...copy } = first;
    await db.patientVersion.create({
      data: { ...copy, id: `blocker-${patientId}`, version: 2, change: "edit", reason: "blocker" },
    });
    const edit = editPatient(
      ward.users.physician,
      patientId,
      { ...form({ mrn: first.mrn }), bed: "4A-20", expectedVersion: "1", reason: "Moved bed" },
      at("11:00"),
    );
    await expect(edit).rejects.toThrow();
    expect(await db.patient.findUniqueOrThrow({ where: { id: patientId } })).toMatchObject({ version: 1, bed: "4A-03" });
    expect((await auditOf(patientId)).map((event) => event.action)).toEqual(["patient.admit"]);
  });

  it("an edit without a reason is refused and stores nothing", async () => {
    const patientId = await admitted();
    const refused = await editPatient(
      ward.users.physician,
      patientId,
      { ...form({ mrn: `VER${mrnCounter}` }), bed: "4A-12", expectedVersion: "1", reason: "  " },
      at("11:00"),
    );
    expect(refused).toMatchObject({ ok: false, kind: "invalid" });
    expect(!refused.ok && refused.fieldErrors?.map((error) => error.path)).toEqual(["reason"]);
    expect(await versionsOf(patientId)).toHaveLength(1);
  });

  it("is append-only in the database: UPDATE, DELETE and an insert over a version are refused", async () => {
    const patientId = await admitted();
    const [version] = await versionsOf(patientId);
    await expect(db.$executeRawUnsafe(`UPDATE "PatientVersion" SET "bed" = 'X' WHERE "id" = '${version!.id}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "PatientVersion" WHERE "id" = '${version!.id}'`)).rejects.toThrow(
      /append-only/,
    );
    // SQLite's INSERT OR REPLACE would delete the row without a DELETE trigger; PostgreSQL's upsert is an UPDATE.
    const overwrite =
      store === "postgresql"
        ? `INSERT INTO "PatientVersion" SELECT * FROM "PatientVersion" WHERE "id" = '${version!.id}' ON CONFLICT ("id") DO UPDATE SET "bed" = 'X'`
        : `INSERT OR REPLACE INTO "PatientVersion" SELECT * FROM "PatientVersion" WHERE "id" = '${version!.id}'`;
    await expect(db.$executeRawUnsafe(overwrite)).rejects.toThrow(/append-only/);
    expect(await versionsOf(patientId)).toEqual([version]);
  });

  it("NEWS2-SPO2: a physician puts a patient on scale 2 with a reason; it is versioned, audited, and NEWS2 scores SpO2 on it", async () => {
    const patientId = await admitted();
    const chart = async (hhmm: string) => {
      const result = await recordObservation(
        ward.users.nurse,
        patientId,
        { idempotencyKey: formKey(), effectiveAt: `2026-03-01T${hhmm}:00Z`, spo2: 90, oxygenDevice: "room_air" },
        at("16:00"),
      );
      if (!result.ok) throw new Error(result.message);
      return result.value.observationId;
    };
    const onScale1 = await chart("12:00");
    const edited = await editPatient(
      ward.users.physician,
      patientId,
      { ...form({ mrn: `VER${mrnCounter}` }), spo2Scale: "2", expectedVersion: "1", reason: "Known COPD, CO2 retainer" },
      at("13:00"),
    );
    if (!edited.ok) throw new Error(edited.message);
    const onScale2 = await chart("14:00");
    const timeline = await loadPatientTimeline(patientId, at("16:00"));
    const spo2Score = (id: string) =>
      timeline!.graded.observations.find((row) => row.id === id)!.reasons.find((reason) => reason.rule === "NEWS2-SPO2")!.text;
    // The whole timeline is graded with the record as it now stands; the replay uses the version in force.
    expect(spo2Score(onScale2)).toMatch(/score 0/);
    expect(spo2Score(onScale1)).toMatch(/score 0/);
    expect((await versionsOf(patientId)).map((version) => version.spo2Scale)).toEqual([1, 2]);
    const edit = (await auditOf(patientId)).find((event) => event.action === "patient.edit")!;
    expect([JSON.parse(edit.before!).spo2Scale, JSON.parse(edit.after!).spo2Scale]).toEqual([1, 2]);
    const refused = await editPatient(
      ward.users.physician,
      patientId,
      { ...form({ mrn: `VER${mrnCounter}` }), spo2Scale: "3", expectedVersion: "2", reason: "typo" },
      at("15:00"),
    );
    expect(refused).toMatchObject({ ok: false, kind: "invalid" });
    expect(refused.ok ? "" : refused.message).toContain("3 is not an SpO2 scale; allowed 1 or 2");
  });
});
