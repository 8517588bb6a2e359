// The exchange file's round trip on real SQLite, for every fact kind the engine reads: a patient
// charted as on the ward (a fever episode with hypotension, tocilizumab over a limit confirmed by
// a physician, dexamethasone, weights that change, a refused set, an MRI pause, answered tasks) is
// exported, imported into a new patient later on, and both are graded at the same `now`: the same
// grades, medication flags, timers, tasks and recommendations, every id read as the fact it names.
// Importing the file twice stores it once; the audit trail says what was imported.
import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { evaluateTimeline, type TimelineOutput } from "@/lib/engine";
import { exportTimelineFile } from "@/lib/exchange-file/export-timeline-file";
import { readTimelineFile } from "@/lib/exchange-file/read-timeline-file";
import { importFacts } from "@/lib/import/import-facts";
import { previewImport } from "@/lib/import/preview-import";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { recordObservation } from "@/lib/observations/record-observation";
import { acknowledgeTask } from "@/lib/tasks/acknowledge-task";
import { pauseObservations } from "@/lib/tasks/pause-observations";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { recordWeight } from "@/lib/weights/record-weight";
import type { WriteResult } from "@/lib/write-result";

const EXPORTED_AT = new Date("2026-03-02T12:00:00Z");
/** The import happens later, elsewhere: nothing it stores may take its own time for the file's. */
const IMPORTED_AT = new Date("2026-03-02T15:00:00Z");
const EVALUATED_AT = new Date("2026-03-02T16:00:00Z");

/** Each fact is charted a few minutes after the bedside time, as on the ward. */
const chartedAt = (at: string, minutes = 5) => new Date(Date.parse(at) + minutes * 60_000);

function ok<T>(result: WriteResult<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

async function taskId(patientId: string, kind: string, at: Date): Promise<string> {
  const timeline = await loadPatientTimeline(patientId, at);
  const task = timeline!.graded.tasks.findLast(
    (candidate) => candidate.kind === kind && (candidate.status === "open" || candidate.status === "late"),
  );
  if (!task) throw new Error(`no ${kind} task at ${at.toISOString()}: ${timeline!.graded.tasks.map((t) => t.id).join(", ")}`);
  return task.id;
}

async function chartCourse(ward: TestWard): Promise<void> {
  const { nurse, physician } = ward.users;
  const set = async (at: string, values: Record<string, unknown>, by: CurrentUser = nurse) =>
    ok(await recordObservation(by, ward.patientId, { idempotencyKey: formKey(), effectiveAt: at, ...values }, chartedAt(at)));
  const dose = async (at: string, values: Record<string, unknown>, minutes = 5) =>
    ok(
      await recordDose(
        physician,
        ward.patientId,
        { idempotencyKey: formKey(), effectiveAt: at, route: "IV", ...values },
        chartedAt(at, minutes),
      ),
    );
  const weigh = async (at: string, kg: number) =>
    ok(await recordWeight(nurse, ward.patientId, { idempotencyKey: formKey(), measuredAt: at, kg }, chartedAt(at)));

  await weigh("2026-02-28T08:00:00Z", 82);
  await set("2026-03-01T02:00:00Z", {
    temperature: 37.2,
    heartRate: 88,
    respiratoryRate: 16,
    systolicBP: 124,
    diastolicBP: 76,
    spo2: 97,
    oxygenDevice: "room_air",
    acvpu: "alert",
  });
  await set("2026-03-01T06:00:00Z", {
    temperature: 38.6,
    heartRate: 112,
    respiratoryRate: 20,
    systolicBP: 118,
    diastolicBP: 70,
    spo2: 96,
    oxygenDevice: "room_air",
    iceScore: 10,
  });
  await set("2026-03-01T08:00:00Z", {
    temperature: 39.1,
    heartRate: 124,
    respiratoryRate: 24,
    systolicBP: 84,
    diastolicBP: 48,
    spo2: 92,
    oxygenDevice: "nasal_cannula",
    oxygenFlowLpm: 3,
    vasopressorStatus: "none",
    iceScore: 8,
    consciousness: "awakens_spontaneously",
  });
  // The CRS rise to grade 2 is a physician's task: answered at the bedside.
  const rise = await taskId(ward.patientId, "ESC_CRS_RISE", chartedAt("2026-03-01T08:00:00Z", 10));
  ok(
    await acknowledgeTask(
      physician,
      ward.patientId,
      { idempotencyKey: formKey(), taskId: rise, outcome: "reviewed_at_bedside" },
      chartedAt("2026-03-01T08:00:00Z", 20),
    ),
  );
  await dose("2026-03-01T08:30:00Z", { drug: "tocilizumab", doseMg: 656 });
  await set("2026-03-01T10:00:00Z", {
    temperature: 38.2,
    heartRate: 110,
    systolicBP: 88,
    diastolicBP: 50,
    spo2: 94,
    oxygenDevice: "nasal_cannula",
    oxygenFlowLpm: 2,
  });
  // Refractory at 12:00: a second dose under 8 h, given and confirmed by the physician (TOCI-CONFIRM) 15 min later.
  const second = await dose(
    "2026-03-01T12:00:00Z",
    {
      drug: "tocilizumab",
      doseMg: 656,
      confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
      overrideReason: "Refractory hypotension, consultant's decision",
    },
    15,
  );
  expect(second.flags).toEqual(["TOCI_INTERVAL_UNDER_8H"]);
  await dose("2026-03-01T12:10:00Z", { drug: "dexamethasone", doseMg: 10 });
  // The patient refuses the 13:00 set; then MRI, observations paused 14:00-16:00.
  ok(
    await recordMissedSet(
      nurse,
      ward.patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: "2026-03-01T13:00:00Z",
        setStatus: "refused",
        statusReason: "Asleep, asked not to be woken",
      },
      chartedAt("2026-03-01T13:00:00Z"),
    ),
  );
  ok(
    await pauseObservations(
      nurse,
      ward.patientId,
      { idempotencyKey: formKey(), from: "2026-03-01T14:00:00Z", until: "2026-03-01T16:00:00Z", reason: "MRI head" },
      chartedAt("2026-03-01T14:00:00Z", 1),
    ),
  );
  await set("2026-03-01T16:30:00Z", {
    temperature: 37.6,
    heartRate: 96,
    systolicBP: 104,
    diastolicBP: 62,
    spo2: 96,
    oxygenDevice: "room_air",
    iceScore: 9,
  });
  await weigh("2026-03-02T06:00:00Z", 78.5);
  // No set since 16:30: ESC_OBS_OVERDUE is raised; a nurse answers it with a note.
  const overdue = await taskId(ward.patientId, "ESC_OBS_OVERDUE", new Date("2026-03-02T08:00:00Z"));
  ok(
    await acknowledgeTask(
      nurse,
      ward.patientId,
      { idempotencyKey: formKey(), taskId: overdue, outcome: "other", note: "Observations resumed, patient settled" },
      new Date("2026-03-02T08:05:00Z"),
    ),
  );
  await set("2026-03-02T08:10:00Z", {
    temperature: 38.3,
    heartRate: 100,
    systolicBP: 110,
    diastolicBP: 64,
    spo2: 95,
    oxygenDevice: "room_air",
  });
  await dose("2026-03-02T09:00:00Z", { drug: "paracetamol", doseMg: 1000, route: "PO" });
}

/**
 * The timeline as a clinician reads it: every id (sets, doses, pauses, answers) replaced by the
 * fact it names, so two charts holding the same course compare equal whatever ids they got.
 */
async function course(patientId: string, now: Date): Promise<unknown> {
  const timeline = await loadPatientTimeline(patientId, now);
  const input = timeline!.engineInput;
  const graded: TimelineOutput = evaluateTimeline(input);
  const names = new Map<string, string>([[patientId, "the patient"]]);
  for (const row of input.observations) names.set(row.id, `set at ${row.at}`);
  for (const row of input.medications) names.set(row.id, `${row.drug} at ${row.at}`);
  for (const row of input.pauses ?? []) names.set(row.id, `pause from ${row.from}`);
  for (const row of input.acknowledgements ?? []) names.set(row.id, `answer at ${row.at}`);
  let text = JSON.stringify(graded);
  for (const [id, name] of names) text = text.split(id).join(name);
  return JSON.parse(text);
}

describe("the exchange file round trip", () => {
  it("export -> import into a new patient gives the same grades, flags, timers, tasks and recommendations", async () => {
    const source = await testWard();
    await chartCourse(source);
    const exported = ok(await exportTimelineFile(source.users.physician, source.patientId, EXPORTED_AT));
    const file = JSON.parse(exported.json);
    // Every kind the engine reads is in the file.
    expect(file.observations.filter((row: { status?: string }) => row.status === "refused")).toHaveLength(1);
    expect(file.pauses).toHaveLength(1);
    expect(file.acknowledgements).toHaveLength(2);
    expect(file.patient.weights.map((weight: { kg: number }) => weight.kg)).toEqual([70, 82, 78.5]);
    expect(file.medications.find((row: { confirmedFlags?: string[] }) => row.confirmedFlags?.length)).toMatchObject({
      confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
      confirmedAt: "2026-03-01T12:15:00.000Z",
    });

    const target = await testWard();
    const upload = readTimelineFile(exported.json);
    if (!upload.ok) throw new Error(upload.problems.join("\n"));
    const preview = ok(await previewImport(target.users.physician, target.patientId, upload.items, IMPORTED_AT));
    // The admission weight is the new patient's own (same weight, same time): already on the chart.
    expect(preview.summary).toBe(
      "6 sets, 4 doses, 1 set not taken, 2 weights, 1 observation pause, 2 task acknowledgements; " +
        `${preview.dosesChecked[1]!.label} would break TOCI_INTERVAL_UNDER_8H; 1 entry already on the chart (not stored again)`,
    );
    expect(preview.entries).toBe(16);
    expect(preview.dosesChecked[1]!.carriedConfirmation).toMatchObject({
      flags: ["TOCI_INTERVAL_UNDER_8H"],
      at: "2026-03-01T12:15:00.000Z",
    });

    // A dose over a limit needs the importing physician's confirmation, as for a charted dose.
    const unconfirmed = await importFacts(target.users.physician, target.patientId, upload.items, [], IMPORTED_AT);
    expect(unconfirmed).toMatchObject({ ok: false, kind: "invalid" });
    expect(await db.observation.count({ where: { patientId: target.patientId } })).toBe(0);

    const confirmations = [
      {
        sourceKey: preview.dosesChecked[1]!.sourceKey,
        flags: ["TOCI_INTERVAL_UNDER_8H"],
        reason: "As charted at the referring centre",
      },
    ];
    const stored = ok(await importFacts(target.users.physician, target.patientId, upload.items, confirmations, IMPORTED_AT));
    expect(stored).toMatchObject({
      storedSets: 6,
      storedDoses: 4,
      storedMissedSets: 1,
      storedWeights: 2,
      storedPauses: 1,
      storedAcknowledgements: 2,
      awaitingOverrideConfirmation: 0,
      carriedConfirmations: 1,
    });

    const original = await course(source.patientId, EVALUATED_AT);
    const copy = await course(target.patientId, EVALUATED_AT);
    expect(copy).toEqual(original);
    // What the comparison covers is a real course, not an empty one.
    const graded = original as TimelineOutput;
    expect(graded.maxGrade).toBe(2);
    expect(graded.medications.map((dose) => dose.flags)).toEqual([[], ["TOCI_INTERVAL_UNDER_8H"], [], []]);
    expect(graded.medications[1]!.unconfirmedFlags).toEqual([]);
    expect(graded.medications[1]!.weightUsed).toEqual({ kg: 82, measuredAt: "2026-02-28T08:00:00.000Z" });
    expect(graded.tocilizumab.weightKg).toBe(78.5);
    expect(graded.observations.map((set) => set.status)).toContain("refused");
    expect(graded.tasks.map((task) => [task.kind, task.status])).toEqual(
      expect.arrayContaining([
        ["ESC_CRS_RISE", "acknowledged"],
        ["ESC_OVERRIDE_UNCONFIRMED", "closed"],
        ["ESC_OBS_OVERDUE", "acknowledged"],
      ]),
    );
    expect(graded.tasks.find((task) => task.kind === "ESC_OVERRIDE_UNCONFIRMED")!.closedAt).toBe("2026-03-01T12:15:00.000Z");
    expect(graded.timers.length).toBeGreaterThan(0);

    // The imported answers keep the file's author, role and time as text; the importing user entered them.
    const answers = await db.acknowledgement.findMany({ where: { patientId: target.patientId }, orderBy: { at: "asc" } });
    expect(answers.map((row) => [row.byName, row.role, row.at.toISOString(), row.outcome, row.note, row.byId])).toEqual([
      ["Test physician", "physician", "2026-03-01T08:20:00.000Z", "reviewed_at_bedside", null, target.users.physician.id],
      [
        "Test nurse",
        "nurse",
        "2026-03-02T08:05:00.000Z",
        "other",
        "Observations resumed, patient settled",
        target.users.physician.id,
      ],
    ]);
    const trail = await db.auditEvent.findFirstOrThrow({
      where: { action: "task.acknowledge_imported", entityId: answers[1]!.id },
    });
    expect(JSON.parse(trail.after!)).toMatchObject({ byName: "Test nurse", imported: { format: "timeline" } });
    const confirmation = await db.auditEvent.findFirstOrThrow({
      where: { action: "dose.confirm", after: { contains: target.patientId } },
    });
    expect(JSON.parse(confirmation.after!)).toMatchObject({
      confirmedAt: "2026-03-01T12:15:00.000Z",
      imported: { format: "timeline", confirmedBy: source.users.physician.id },
    });
    const imported = await db.auditEvent.findFirstOrThrow({
      where: { action: "import.clinical_record", entityId: target.patientId },
    });
    expect(JSON.parse(imported.after!)).toMatchObject({
      sets: 6,
      doses: 4,
      missedSets: 1,
      weights: 2,
      pauses: 1,
      acknowledgements: 2,
    });

    // Twice imports once.
    const counts = async () =>
      Promise.all([
        db.observation.count({ where: { patientId: target.patientId } }),
        db.medicationAdministration.count({ where: { patientId: target.patientId } }),
        db.patientWeight.count({ where: { patientId: target.patientId } }),
        db.observationPause.count({ where: { patientId: target.patientId } }),
        db.acknowledgement.count({ where: { patientId: target.patientId } }),
        db.doseConfirmation.count({ where: { patientId: target.patientId } }),
      ]);
    const once = await counts();
    expect(once).toEqual([7, 4, 2, 1, 2, 1]);
    const again = ok(await previewImport(target.users.physician, target.patientId, upload.items, IMPORTED_AT));
    expect(again.summary).toBe("0 sets, 0 doses; 17 entries already on the chart (not stored again)");
    const twice = ok(await importFacts(target.users.physician, target.patientId, upload.items, [], IMPORTED_AT));
    expect(twice).toMatchObject({
      storedSets: 0,
      storedDoses: 0,
      storedMissedSets: 0,
      storedWeights: 0,
      storedPauses: 0,
      storedAcknowledgements: 0,
    });
    expect(await counts()).toEqual(once);
    expect(await course(target.patientId, EVALUATED_AT)).toEqual(original);
  });

  it("a nurse importing a confirmed override charts it awaiting a physician here: a confirmation is a physician's", async () => {
    const source = await testWard();
    await chartCourse(source);
    const exported = ok(await exportTimelineFile(source.users.physician, source.patientId, EXPORTED_AT));
    const target = await testWard();
    const upload = readTimelineFile(exported.json);
    if (!upload.ok) throw new Error(upload.problems.join("\n"));
    const preview = ok(await previewImport(target.users.nurse, target.patientId, upload.items, IMPORTED_AT));
    const flagged = preview.dosesChecked[1]!;
    expect(flagged.carriedConfirmation).toBeNull();
    const stored = ok(
      await importFacts(
        target.users.nurse,
        target.patientId,
        upload.items,
        [{ sourceKey: flagged.sourceKey, flags: flagged.flags, reason: "Given at the referring centre" }],
        IMPORTED_AT,
      ),
    );
    expect(stored).toMatchObject({ storedDoses: 4, awaitingOverrideConfirmation: 1, carriedConfirmations: 0 });
    const graded = (await loadPatientTimeline(target.patientId, EVALUATED_AT))!.graded;
    expect(graded.medications[1]!.unconfirmedFlags).toEqual(["TOCI_INTERVAL_UNDER_8H"]);
    expect(graded.tasks.find((task) => task.kind === "ESC_OVERRIDE_UNCONFIRMED")!.status).toBe("late");
  });
});
