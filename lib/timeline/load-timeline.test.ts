// The timeline a page shows: current versions only, facts in error kept out of the grading,
// late entries marked, and the engine's output for the same facts.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadFactHistory } from "@/lib/timeline/fact-history";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { testWard, type TestWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

let ward: TestWard;

async function observation(
  id: string,
  effectiveAt: Date,
  extra: {
    lineageId?: string;
    version?: number;
    supersedesId?: string;
    status?: string;
    changeReason?: string;
    recordedAt?: Date;
  } & Record<string, unknown> = {},
) {
  const { lineageId = id, version = 1, recordedAt = minutesAfter(effectiveAt, 5), ...rest } = extra;
  await db.observation.create({
    data: {
      id,
      lineageId,
      version,
      patientId: ward.patientId,
      effectiveAt,
      recordedAt,
      recordedById: ward.users.nurse.id,
      ...rest,
    },
  });
}

beforeAll(async () => {
  ward = await testWard();
  // A: charted at 08:00 with a typo (36.0), amended to 38.6 by the physician.
  await observation("A1", at("08:00"), { temperatureC: 36.0 });
  await observation("A2", at("08:00"), {
    lineageId: "A1",
    version: 2,
    supersedesId: "A1",
    status: "amended",
    changeReason: "Typo",
    temperatureC: 38.6,
    recordedAt: at("08:30"),
    recordedById: ward.users.physician.id,
  });
  // B: charted on the wrong patient, then marked entered in error.
  await observation("B1", at("09:00"), { temperatureC: 39.5, systolicBP: 80, diastolicBP: 40 });
  await observation("B2", at("09:00"), {
    lineageId: "B1",
    version: 2,
    supersedesId: "B1",
    status: "entered_in_error",
    changeReason: "Wrong patient",
    temperatureC: 39.5,
    systolicBP: 80,
    diastolicBP: 40,
    recordedAt: at("09:20"),
  });
  // C: on norepinephrine at 10:00.
  await observation("C1", at("10:00"), { temperatureC: 38.9, systolicBP: 92, diastolicBP: 50 });
  await db.vasopressorInfusion.create({ data: { observationId: "C1", agent: "norepinephrine", doseMcgKgMin: 0.1 } });
  // D: 07:00, charted at 11:00 (late, and behind facts already charted).
  await observation("D1", at("07:00"), { heartRate: 88, recordedAt: at("11:00") });
  // A dose, then one in error.
  await db.medicationAdministration.create({
    data: {
      id: "T1",
      lineageId: "T1",
      version: 1,
      patientId: ward.patientId,
      drug: "tocilizumab",
      doseMg: 560,
      route: "IV",
      effectiveAt: at("10:15"),
      recordedAt: at("10:20"),
      recordedById: ward.users.nurse.id,
      flagsAtCharting: "TOCI_INTERVAL_UNDER_8H",
      overrideReason: "Consultant request",
    },
  });
  await db.medicationAdministration.create({
    data: {
      id: "X1",
      lineageId: "X1",
      version: 1,
      patientId: ward.patientId,
      drug: "dexamethasone",
      doseMg: 10,
      route: "IV",
      effectiveAt: at("10:30"),
      recordedAt: at("10:35"),
      recordedById: ward.users.nurse.id,
    },
  });
  await db.medicationAdministration.create({
    data: {
      id: "X2",
      lineageId: "X1",
      version: 2,
      supersedesId: "X1",
      status: "entered_in_error",
      changeReason: "Not given",
      patientId: ward.patientId,
      drug: "dexamethasone",
      doseMg: 10,
      route: "IV",
      effectiveAt: at("10:30"),
      recordedAt: at("10:40"),
      recordedById: ward.users.nurse.id,
    },
  });
});

describe("loadPatientTimeline", () => {
  it("returns null for an unknown patient", async () => {
    expect(await loadPatientTimeline("no-such-patient", NOW)).toBeNull();
    expect(await loadPatientTimeline("", NOW)).toBeNull();
  });

  it("shows the current version of each fact, in bedside-time order, with who charted it", async () => {
    const timeline = (await loadPatientTimeline(ward.patientId, NOW))!;
    expect(timeline.observations.map((o) => o.id)).toEqual(["D1", "A2", "C1"]);
    const amended = timeline.observations.find((o) => o.id === "A2")!;
    expect(amended).toMatchObject({
      lineageId: "A1",
      version: 2,
      status: "amended",
      changeReason: "Typo",
      temperatureC: 38.6,
      versionCount: 2,
      recordedBy: { id: ward.users.physician.id, displayName: "Test physician" },
      firstRecordedBy: { id: ward.users.nurse.id, displayName: "Test nurse" },
      effectiveAt: "2026-03-01T08:00:00.000Z",
      recordedAt: "2026-03-01T08:30:00.000Z",
      firstRecordedAt: "2026-03-01T08:05:00.000Z",
    });
    expect(timeline.observations.find((o) => o.id === "C1")!.vasopressors).toEqual([
      { agent: "norepinephrine", doseMcgKgMin: 0.1, doseUnitsPerMin: null },
    ]);
    expect(timeline.patient).toMatchObject({ id: ward.patientId, version: 1, ward: { timeZone: "Europe/London" } });
  });

  it("keeps facts entered in error out of the grading but lists them", async () => {
    const timeline = (await loadPatientTimeline(ward.patientId, NOW))!;
    expect(timeline.enteredInError.observations.map((o) => o.id)).toEqual(["B2"]);
    expect(timeline.enteredInError.doses.map((d) => d.id)).toEqual(["X2"]);
    expect(timeline.engineInput.observations.map((o) => o.id)).toEqual(["D1", "A2", "C1"]);
    expect(timeline.engineInput.medications.map((m) => m.id)).toEqual(["T1"]);
    expect(timeline.graded.observations.map((o) => o.id)).toEqual(["D1", "A2", "C1"]);
    // B (39.5 °C, 80/40) never counts: the episode starts at A's amended 38.6 °C, and C is grade 3 on a vasopressor.
    expect(timeline.graded.episodeStartedAt).toBe("2026-03-01T08:00:00.000Z");
    expect(timeline.graded.observations.map((o) => o.grade)).toEqual([0, 1, 3]);
    expect(timeline.graded.medications.map((m) => m.drug)).toEqual(["tocilizumab"]);
  });

  it("marks late entries: charted over an hour after the bedside time, or behind facts already charted", async () => {
    const timeline = (await loadPatientTimeline(ward.patientId, NOW))!;
    expect(timeline.observations.filter((o) => o.isLateEntry).map((o) => o.id)).toEqual(["D1"]);
    expect(timeline.doses.find((d) => d.id === "T1")!.isLateEntry).toBe(false);
  });

  it("shows dose flags, the override reason and that it awaits a physician's confirmation", async () => {
    const timeline = (await loadPatientTimeline(ward.patientId, NOW))!;
    expect(timeline.doses).toEqual([
      expect.objectContaining({
        id: "T1",
        drug: "tocilizumab",
        flagsAtCharting: ["TOCI_INTERVAL_UNDER_8H"],
        overrideReason: "Consultant request",
        overrideConfirmedBy: null,
        awaitingOverrideConfirmation: true,
        recordedBy: { id: ward.users.nurse.id, displayName: "Test nurse" },
      }),
    ]);
  });

  it("loads the seeded 30-day patient's 2,880 observations", async () => {
    const patient = await db.patient.create({
      data: {
        mrn: "LONG1",
        name: "Long stay",
        birthDate: "1964-02-29",
        sex: "male",
        weightKg: 80,
        weightMeasuredAt: at("00:00"),
        wardId: "ward-test",
        bed: "L1",
        product: "x",
        therapy: "car_t",
        infusionAt: new Date("2026-01-30T00:00:00Z"),
      },
    });
    const start = new Date("2026-01-30T12:00:00Z").getTime();
    const rows = Array.from({ length: 2880 }, (_, i) => ({
      id: `long-${i}`,
      lineageId: `long-${i}`,
      version: 1,
      patientId: patient.id,
      effectiveAt: new Date(start + i * 15 * 60_000),
      recordedAt: new Date(start + i * 15 * 60_000 + 5 * 60_000),
      recordedById: ward.users.nurse.id,
      temperatureC: i % 200 === 0 ? 38.4 : 37,
    }));
    await db.observation.createMany({ data: rows });
    const timeline = (await loadPatientTimeline(patient.id, NOW))!;
    expect(timeline.observations).toHaveLength(2880);
    expect(timeline.graded.observations).toHaveLength(2880);
    expect(timeline.observations.some((o) => o.isLateEntry)).toBe(false);
  });
});

describe("loadPatientTimeline: vasopressors not re-checked", () => {
  it("grades a row that did not re-check vasopressors with the infusion charted before it, and shows which", async () => {
    const own = await testWard();
    const row = (id: string, hhmm: string, extra: Record<string, unknown>) =>
      db.observation.create({
        data: {
          id,
          lineageId: id,
          version: 1,
          patientId: own.patientId,
          effectiveAt: at(hhmm),
          recordedAt: at(hhmm),
          recordedById: own.users.nurse.id,
          ...extra,
        },
      });
    await row("V1", "08:00", { temperatureC: 38.6, systolicBP: 86, diastolicBP: 50 });
    await db.vasopressorInfusion.create({ data: { observationId: "V1", agent: "norepinephrine", doseMcgKgMin: 0.08 } });
    await row("V2", "09:00", { temperatureC: 38.4, systolicBP: 84, diastolicBP: 50, vasopressorsCharted: false });
    await row("V3", "10:00", { temperatureC: 38.2, systolicBP: 84, diastolicBP: 50 }); // charted, none running: stopped
    await row("V4", "11:00", { temperatureC: 38.2, systolicBP: 84, diastolicBP: 50, vasopressorsCharted: false });

    const timeline = (await loadPatientTimeline(own.patientId, NOW))!;
    expect(timeline.engineInput.observations.map((o) => o.vasopressors)).toEqual([
      [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
      undefined,
      [],
      undefined,
    ]);
    expect(timeline.graded.observations.map((o) => o.grade)).toEqual([3, 3, 2, 2]);
    const byId = new Map(timeline.observations.map((o) => [o.id, o]));
    expect(byId.get("V2")).toMatchObject({
      vasopressorsCharted: false,
      vasopressors: [],
      vasopressorsStopped: false,
      carriedVasopressors: {
        at: "2026-03-01T08:00:00.000Z",
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08, doseUnitsPerMin: null }],
      },
    });
    expect(byId.get("V3")).toMatchObject({ vasopressorsCharted: true, carriedVasopressors: null, vasopressorsStopped: true });
    expect(byId.get("V4")).toMatchObject({ vasopressorsCharted: false, carriedVasopressors: null, vasopressorsStopped: false });
    expect(timeline.vasopressorsRunning).toBeNull();
  });

  it("says what counts as running now: the latest charting, carried or not", async () => {
    const own = await testWard();
    await db.observation.create({
      data: {
        id: "R1",
        lineageId: "R1",
        version: 1,
        patientId: own.patientId,
        effectiveAt: at("08:00"),
        recordedById: own.users.nurse.id,
        systolicBP: 90,
      },
    });
    await db.vasopressorInfusion.create({ data: { observationId: "R1", agent: "vasopressin", doseMcgKgMin: null } });
    await db.observation.create({
      data: {
        id: "R2",
        lineageId: "R2",
        version: 1,
        patientId: own.patientId,
        effectiveAt: at("09:00"),
        recordedById: own.users.nurse.id,
        heartRate: 100,
        vasopressorsCharted: false,
      },
    });
    const timeline = (await loadPatientTimeline(own.patientId, NOW))!;
    expect(timeline.vasopressorsRunning).toEqual({
      at: "2026-03-01T08:00:00.000Z",
      vasopressors: [{ agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: null }],
    });
  });
});

describe("loadFactHistory", () => {
  it("lists every version with who, when and why, including entered in error", async () => {
    const history = (await loadFactHistory("observation", "B1"))!;
    expect(history.kind).toBe("observation");
    expect(history.patientId).toBe(ward.patientId);
    expect(history.versions.map((v) => [v.id, v.version, v.status, v.changeReason])).toEqual([
      ["B1", 1, "final", null],
      ["B2", 2, "entered_in_error", "Wrong patient"],
    ]);
    expect(history.versions[1]?.recordedBy.displayName).toBe("Test nurse");
    const doses = (await loadFactHistory("dose", "X1"))!;
    expect(doses.versions.map((v) => v.status)).toEqual(["final", "entered_in_error"]);
    expect(await loadFactHistory("dose", "nothing")).toBeNull();
  });
});
