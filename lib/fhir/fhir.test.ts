// FHIR R4 export and import on real SQLite: every exported Bundle passes @medplum/core's R4
// validator (and a broken one does not), the codes are the ones the standard asks for, a record
// exported then imported into a new patient grades the same, and importing twice stores once.
import type { Bundle, MedicationAdministration, Observation } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { evaluateTimeline } from "@/lib/engine";
import { exportPatientBundle, exportWardBundle } from "@/lib/fhir/export-bundle";
import { readFhirBundle } from "@/lib/fhir/read-bundle";
import { fhirProblems } from "@/lib/fhir/validate";
import { importFacts } from "@/lib/import/import-facts";
import { previewImport } from "@/lib/import/preview-import";
import { amendObservation } from "@/lib/observations/amend-observation";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { recordObservation } from "@/lib/observations/record-observation";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard, WARD_ID, type TestWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-02T12:00:00Z");
const at = (day: number, hhmm: string) => `2026-03-0${day}T${hhmm}:00Z`;

const set = (effectiveAt: string, values: Record<string, unknown>) => ({ idempotencyKey: formKey(), effectiveAt, ...values });

/** A small course: fever, then hypotension on vasopressors and oxygen, a tocilizumab dose, an amendment, a dose in error. */
async function chartCourse(ward: TestWard): Promise<void> {
  const { users, patientId } = ward;
  const chart = async (values: ReturnType<typeof set>) => {
    const result = await recordObservation(users.nurse, patientId, values, NOW);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  await chart(
    set(at(1, "06:00"), {
      temperature: 37.2,
      heartRate: 88,
      respiratoryRate: 16,
      systolicBP: 122,
      diastolicBP: 74,
      spo2: 97,
      oxygenDevice: "room_air",
    }),
  );
  const febrile = await chart(
    set(at(1, "10:00"), {
      temperature: 38.6,
      heartRate: 112,
      respiratoryRate: 22,
      systolicBP: 96,
      diastolicBP: 58,
      spo2: 95,
      oxygenDevice: "room_air",
    }),
  );
  await chart(
    set(at(1, "14:00"), {
      temperature: 39.1,
      heartRate: 124,
      respiratoryRate: 26,
      systolicBP: 84,
      diastolicBP: 48,
      meanArterialPressure: 60,
      spo2: 92,
      oxygenDevice: "nasal_cannula",
      oxygenFlowLpm: 4,
      fio2: 0.32,
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.05 }],
      iceScore: 8,
      consciousness: "awakens_spontaneously",
      seizure: "none",
      motorWeakness: false,
      cerebralEdema: "none",
    }),
  );
  const amended = await amendObservation(
    users.nurse,
    febrile.observationId,
    {
      effectiveAt: at(1, "10:00"),
      temperature: 38.8,
      heartRate: 112,
      respiratoryRate: 22,
      systolicBP: 96,
      diastolicBP: 58,
      spo2: 95,
      oxygenDevice: "room_air",
      idempotencyKey: formKey(),
      reason: "Transcribed from the wrong thermometer reading",
    },
    NOW,
  );
  if (!amended.ok) throw new Error(amended.message);
  const dose = await recordDose(
    users.nurse,
    patientId,
    { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt: at(1, "15:00") },
    NOW,
  );
  if (!dose.ok) throw new Error(dose.message);
  const wrong = await recordDose(
    users.nurse,
    patientId,
    { idempotencyKey: formKey(), drug: "paracetamol", doseMg: 1000, route: "PO", effectiveAt: at(1, "16:00") },
    NOW,
  );
  if (!wrong.ok) throw new Error(wrong.message);
  const inError = await markDoseInError(users.nurse, wrong.value.doseId, { reason: "Charted on the wrong patient" }, NOW);
  if (!inError.ok) throw new Error(inError.message);
}

async function exported(ward: TestWard): Promise<Bundle> {
  const result = await exportPatientBundle(ward.users.physician, ward.patientId, NOW);
  if (!result.ok) throw new Error(result.message);
  return result.value.bundle;
}

const resources = <T>(bundle: Bundle, type: string) =>
  (bundle.entry ?? []).map((entry) => entry.resource).filter((resource) => resource?.resourceType === type) as T[];
const withCode = (bundle: Bundle, system: string, code: string) =>
  resources<Observation>(bundle, "Observation").filter((observation) =>
    observation.code.coding?.some((coding) => coding.system === system && coding.code === code),
  );

/** What the engine says of a patient, without the ids that differ between two charts of the same course. */
async function gradedCourse(patientId: string) {
  const timeline = await loadPatientTimeline(patientId, NOW);
  if (!timeline) throw new Error("no timeline");
  const graded = evaluateTimeline(timeline.engineInput);
  return {
    observations: graded.observations.map(({ id: _id, ...rest }) => rest),
    medications: graded.medications.map(({ id: _id, ...rest }) => rest),
    timers: graded.timers.map((timer) => ({
      kind: timer.kind,
      status: timer.status,
      dueAt: timer.dueAt,
      startedAt: timer.startedAt,
    })),
    currentGrade: graded.currentGrade,
    maxGrade: graded.maxGrade,
    tocilizumab: graded.tocilizumab,
    recommendations: graded.recommendations.map((recommendation) => recommendation.text),
  };
}

describe("FHIR R4 export", () => {
  it("exports a patient's record as a valid Bundle with LOINC/UCUM vitals, NEWS2, grades, doses and versions", async () => {
    const ward = await testWard();
    await chartCourse(ward);
    const bundle = await exported(ward);
    expect(fhirProblems(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });

    const temperatures = withCode(bundle, "http://loinc.org", "8310-5");
    expect(temperatures.map((observation) => observation.valueQuantity)).toContainEqual({
      value: 39.1,
      unit: "°C",
      system: "http://unitsofmeasure.org",
      code: "Cel",
    });
    expect(temperatures.every((observation) => observation.category?.[0]?.coding?.[0]?.code === "vital-signs")).toBe(true);
    expect(withCode(bundle, "http://loinc.org", "8867-4")[0]?.valueQuantity?.code).toBe("/min");
    expect(withCode(bundle, "http://loinc.org", "9279-1")[0]?.valueQuantity?.code).toBe("/min");
    const spo2 = withCode(bundle, "http://loinc.org", "59408-5")[0]!;
    expect(spo2.code.coding?.map((coding) => coding.code)).toEqual(["2708-6", "59408-5"]);
    expect(spo2.valueQuantity?.code).toBe("%");
    const pressure = withCode(bundle, "http://loinc.org", "85354-9").find((observation) =>
      observation.component?.some((component) => component.valueQuantity?.value === 84),
    )!;
    expect(pressure.component?.map((component) => [component.code.coding?.[0]?.code, component.valueQuantity?.code])).toEqual([
      ["8480-6", "mm[Hg]"],
      ["8462-4", "mm[Hg]"],
      ["8478-0", "mm[Hg]"],
    ]);
    const oxygen = resources<Observation>(bundle, "Observation").find((observation) =>
      observation.component?.some((component) => component.code.coding?.[0]?.code === "3151-8"),
    )!;
    expect(oxygen.component?.map((component) => [component.code.coding?.[0]?.code, component.valueQuantity?.value])).toEqual([
      ["3151-8", 4],
      ["3150-0", 32],
    ]);

    // NEWS2: SNOMED CT total, a component per parameter, derivedFrom the set's vital signs (in the Bundle).
    const news2 = withCode(bundle, "http://snomed.info/sct", "1104051000000101");
    expect(news2).toHaveLength(3);
    const fullUrls = new Set((bundle.entry ?? []).map((entry) => entry.fullUrl));
    for (const score of news2) {
      expect(score.valueQuantity?.code).toBe("{ScoreOf}");
      expect(score.component?.length).toBeGreaterThanOrEqual(6);
      expect(score.derivedFrom?.length).toBeGreaterThan(0);
      for (const source of score.derivedFrom ?? []) expect(fullUrls.has(source.reference)).toBe(true);
    }
    const sickest = news2.find((score) => score.effectiveDateTime === "2026-03-01T14:00:00.000Z")!;
    const componentSum = (sickest.component ?? []).reduce((sum, component) => sum + (component.valueQuantity?.value ?? 0), 0);
    expect(sickest.valueQuantity?.value).toBe(componentSum);

    // CRS and ICANS grades: the project's own CodeSystem, said so, reasons with rule IDs in note.
    const crs = withCode(bundle, "http://crs-watch.local/fhir/CodeSystem/crs-watch", "crs-grade");
    const worst = crs.find((grade) => grade.effectiveDateTime === "2026-03-01T14:00:00.000Z")!;
    expect(worst.valueInteger).toBe(3);
    expect(worst.code.text).toContain("CRS Watch's own CodeSystem");
    expect(worst.note?.map((note) => note.text).join("\n")).toMatch(/\(ASTCT-HYPOTENSION\)/);
    const icans = withCode(bundle, "http://crs-watch.local/fhir/CodeSystem/crs-watch", "icans-grade");
    expect(icans).toHaveLength(1);
    expect(icans[0]!.note?.some((note) => note.text.includes("(ICANS-ICE)"))).toBe(true);
    expect(resources(bundle, "CodeSystem")).toHaveLength(1);

    // Amendment: the same resource in two versions, the second "amended".
    const amendedTemperature = temperatures.filter((observation) => observation.effectiveDateTime === "2026-03-01T10:00:00.000Z");
    expect(
      amendedTemperature.map((observation) => [
        observation.meta?.versionId,
        observation.status,
        observation.valueQuantity?.value,
      ]),
    ).toEqual([
      ["1", "final", 38.6],
      ["2", "amended", 38.8],
    ]);
    expect(new Set(amendedTemperature.map((observation) => observation.id)).size).toBe(1);

    // Doses: completed with dose, route, time and performer; the one in error with its reason.
    const doses = resources<MedicationAdministration>(bundle, "MedicationAdministration");
    const toci = doses.find((dose) => dose.medicationCodeableConcept?.text === "tocilizumab")!;
    expect(toci).toMatchObject({
      status: "completed",
      effectiveDateTime: "2026-03-01T15:00:00.000Z",
      dosage: { dose: { value: 560, system: "http://unitsofmeasure.org", code: "mg" } },
      performer: [{ actor: { display: "Test nurse" } }],
    });
    const paracetamol = doses.filter((dose) => dose.medicationCodeableConcept?.text === "paracetamol");
    expect(paracetamol.map((dose) => [dose.meta?.versionId, dose.status])).toEqual([
      ["1", "completed"],
      ["2", "entered-in-error"],
    ]);
    expect(paracetamol[1]!.statusReason?.[0]?.text).toBe("Charted on the wrong patient");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "export.clinical_record" }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ format: "fhir", scope: "patient", targetId: ward.patientId, patients: 1 });
  });

  it("exports the ward's active patients as one valid Bundle, audited as a ward export", async () => {
    const first = await testWard();
    await chartCourse(first);
    const result = await exportWardBundle(first.users.auditor, WARD_ID, NOW);
    if (!result.ok) throw new Error(result.message);
    expect(fhirProblems(result.value.bundle)).toEqual([]);
    expect(resources(result.value.bundle, "Patient").length).toBeGreaterThanOrEqual(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "export.clinical_record" }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ format: "fhir", scope: "ward", targetId: WARD_ID });
  });

  it("refuses an export to an administrator (not a clinical reader), audited as a denial", async () => {
    const ward = await testWard();
    const result = await exportPatientBundle(ward.users.admin, ward.patientId, NOW);
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("the validator fails a deliberately broken Bundle, naming where", async () => {
    const ward = await testWard();
    await chartCourse(ward);
    const bundle = structuredClone(await exported(ward));
    const observation = bundle.entry!.find((entry) => entry.resource?.resourceType === "Observation")!
      .resource as unknown as Record<string, unknown>;
    delete observation.status;
    (observation.valueQuantity as Record<string, unknown>).value = "thirty-nine";
    const problems = fhirProblems(bundle);
    expect(problems.some((problem) => /status/.test(problem))).toBe(true);
    expect(problems.some((problem) => /expected number/.test(problem))).toBe(true);
    expect(readFhirBundle(bundle)).toMatchObject({ ok: false });
  });
});

describe("FHIR R4 import", () => {
  it("export -> import into a new patient grades the same, and importing twice stores once", async () => {
    const source = await testWard();
    await chartCourse(source);
    const bundle = await exported(source);
    const target = await testWard();

    const parsed = readFhirBundle(bundle);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    expect(parsed.items.sets).toHaveLength(3);
    expect(parsed.items.doses).toHaveLength(1); // the dose in error stays out
    const preview = await previewImport(target.users.nurse, target.patientId, parsed.items, NOW);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.summary).toBe("3 sets, 1 dose");

    const result = await importFacts(target.users.nurse, target.patientId, parsed.items, [], NOW);
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ storedSets: 3, storedDoses: 1 });
    expect(await gradedCourse(target.patientId)).toEqual(await gradedCourse(source.patientId));
    const amended = await db.observation.findFirstOrThrow({
      where: { patientId: target.patientId, effectiveAt: new Date(at(1, "10:00")) },
    });
    expect(amended.temperatureC).toBe(38.8);

    const counts = async () => [
      await db.observation.count({ where: { patientId: target.patientId } }),
      await db.medicationAdministration.count({ where: { patientId: target.patientId } }),
    ];
    const before = await counts();
    const again = await previewImport(target.users.nurse, target.patientId, parsed.items, NOW);
    if (!again.ok) throw new Error(again.message);
    expect(again.value.summary).toBe("0 sets, 0 doses; 4 entries already on the chart (not stored again)");
    const twice = await importFacts(target.users.physician, target.patientId, parsed.items, [], NOW);
    if (!twice.ok) throw new Error(twice.message);
    expect(twice.value).toMatchObject({ storedSets: 0, storedDoses: 0 });
    expect(await counts()).toEqual(before);

    // Re-importing a patient's own export into the same chart adds nothing either.
    const own = await importFacts(source.users.nurse, source.patientId, parsed.items, [], NOW);
    if (!own.ok) throw new Error(own.message);
    expect(own.value).toMatchObject({ storedSets: 0, storedDoses: 0 });

    const audit = await db.auditEvent.findMany({ where: { action: "import.clinical_record", entityId: target.patientId } });
    expect(audit.map((event) => JSON.parse(event.after!))).toContainEqual(
      expect.objectContaining({ format: "fhir", sets: 3, doses: 1 }),
    );
    expect(await db.auditEvent.count({ where: { action: "observation.create", entityId: amended.id } })).toBe(1);
  });

  it("a set not taken and a set without a device leave as what they are (no room air, no grade) and come back the same", async () => {
    const source = await testWard();
    const { users, patientId } = source;
    const charted = await recordObservation(
      users.nurse,
      patientId,
      set(at(1, "06:00"), {
        temperature: 37.0,
        heartRate: 84,
        systolicBP: 120,
        diastolicBP: 70,
        spo2: 97,
        oxygenDevice: "room_air",
      }),
      NOW,
    );
    const spotCheck = await recordObservation(users.nurse, patientId, set(at(1, "08:00"), { spo2: 93 }), NOW);
    const refused = await recordMissedSet(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at(1, "10:00"),
        setStatus: "refused",
        statusReason: "Asleep, asked not to be woken",
      },
      NOW,
    );
    expect([charted.ok, spotCheck.ok, refused.ok]).toEqual([true, true, true]);
    const bundle = await exported(source);
    expect(fhirProblems(bundle)).toEqual([]);

    // ASTCT-MISSING: one oxygen Observation, the room air that was charted; none for the spot check.
    const oxygen = resources<Observation>(bundle, "Observation").filter(
      (observation) => observation.code.text === "Oxygen support",
    );
    expect(oxygen.map((observation) => observation.effectiveDateTime)).toEqual([at(1, "06:00").replace(":00Z", ":00.000Z")]);
    // OBS-STATUS: the refusal is the vital signs panel with no value, why, and the nurse's reason; no grade is derived from it.
    const [notTaken, ...others] = withCode(bundle, "http://loinc.org", "85353-1");
    expect(others).toEqual([]);
    expect(notTaken).toMatchObject({
      dataAbsentReason: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/data-absent-reason", code: "asked-declined" }],
      },
      note: [{ text: "Asleep, asked not to be woken" }],
    });
    expect(notTaken?.valueQuantity).toBeUndefined();
    const grades = withCode(bundle, "http://crs-watch.local/fhir/CodeSystem/crs-watch", "crs-grade");
    expect(grades.map((grade) => grade.effectiveDateTime)).not.toContain(notTaken?.effectiveDateTime);

    const parsed = readFhirBundle(bundle);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    expect([parsed.items.sets.length, parsed.items.missedSets?.length]).toEqual([2, 1]);
    const target = await testWard();
    const result = await importFacts(target.users.nurse, target.patientId, parsed.items, [], NOW);
    if (!result.ok) throw new Error(result.message);
    expect(await gradedCourse(target.patientId)).toEqual(await gradedCourse(source.patientId));
    const stored = await db.observation.findMany({ where: { patientId: target.patientId }, orderBy: { effectiveAt: "asc" } });
    expect(stored.map((row) => [row.setStatus, row.oxygenDevice])).toEqual([
      ["charted", "room_air"],
      ["charted", "not_charted"],
      ["refused", "not_charted"],
    ]);
  });

  it("refuses an unknown code, naming it, and stores nothing", async () => {
    const ward = await testWard();
    const bundle: Bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        {
          resource: {
            resourceType: "Observation",
            id: "glucose-1",
            status: "final",
            code: { coding: [{ system: "http://loinc.org", code: "2339-0", display: "Glucose" }] },
            effectiveDateTime: "2026-03-01T08:00:00Z",
            valueQuantity: { value: 5.4, system: "http://unitsofmeasure.org", code: "mmol/L" },
          },
        },
      ],
    };
    const parsed = readFhirBundle(bundle);
    expect(parsed).toEqual({
      ok: false,
      problems: ['Observation "glucose-1": code http://loinc.org|2339-0 (Glucose) is not a code CRS Watch charts'],
    });
    expect(await db.observation.count({ where: { patientId: ward.patientId } })).toBe(0);
  });

  it("a dose that breaks a tocilizumab limit needs its confirmation and reason, as a charted dose does", async () => {
    const ward = await testWard();
    const dose = (id: string, effectiveDateTime: string): MedicationAdministration => ({
      resourceType: "MedicationAdministration",
      id,
      identifier: [{ system: "urn:oid:1.2.3.4", value: id }],
      status: "completed",
      medicationCodeableConcept: { text: "Actemra" },
      subject: { display: "someone" },
      effectiveDateTime,
      dosage: { route: { text: "IV" }, dose: { value: 560, system: "http://unitsofmeasure.org", code: "mg" } },
    });
    const vitals = (id: string, effectiveDateTime: string, value: number): Observation => ({
      resourceType: "Observation",
      id,
      identifier: [{ system: "urn:oid:1.2.3.5", value: id }],
      status: "final",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" }] }],
      code: { coding: [{ system: "http://loinc.org", code: "8310-5" }] },
      effectiveDateTime,
      valueQuantity: { value, system: "http://unitsofmeasure.org", code: "Cel" },
    });
    const bundle: Bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        vitals("t1", "2026-03-01T00:00:00Z", 38.9),
        vitals("t2", "2026-03-01T08:00:00Z", 39.2),
        dose("d1", "2026-03-01T00:30:00Z"),
        dose("d2", "2026-03-01T08:45:00Z"),
        dose("d3", "2026-03-01T17:00:00Z"),
        dose("d4", "2026-03-01T23:00:00Z"),
      ].map((resource) => ({ resource })),
    };
    expect(fhirProblems(bundle)).toEqual([]);
    const parsed = readFhirBundle(bundle);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    expect(parsed.items.doses.map((item) => item.form.drug)).toEqual([
      "tocilizumab",
      "tocilizumab",
      "tocilizumab",
      "tocilizumab",
    ]);
    const preview = await previewImport(ward.users.nurse, ward.patientId, parsed.items, NOW);
    if (!preview.ok) throw new Error(preview.message);
    const flagged = preview.value.dosesChecked.filter((checked) => checked.flags.length > 0);
    expect(flagged.map((checked) => checked.ordinal)).toEqual([4]);
    expect(flagged[0]!.flags).toContain("TOCI_MAX_3_PER_24H");
    expect(preview.value.summary).toMatch(
      /^2 sets, 4 doses; dose 4 \(tocilizumab 560 mg, 1 Mar 23:00\) would break .*TOCI_MAX_3_PER_24H/,
    );

    const refused = await importFacts(ward.users.nurse, ward.patientId, parsed.items, [], NOW);
    expect(refused).toMatchObject({ ok: false, kind: "invalid" });
    if (refused.ok) return;
    expect(refused.message).toMatch(/dose 4 .* breaks .*TOCI_MAX_3_PER_24H: confirm it with a reason/);
    expect(await db.medicationAdministration.count({ where: { patientId: ward.patientId } })).toBe(0);
    expect(await db.observation.count({ where: { patientId: ward.patientId } })).toBe(0);

    const noReason = await importFacts(
      ward.users.nurse,
      ward.patientId,
      parsed.items,
      [{ sourceKey: flagged[0]!.sourceKey, flags: flagged[0]!.flags, reason: " " }],
      NOW,
    );
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });

    const confirmed = await importFacts(
      ward.users.nurse,
      ward.patientId,
      parsed.items,
      [{ sourceKey: flagged[0]!.sourceKey, flags: flagged[0]!.flags, reason: "Haematologist's decision, refractory CRS" }],
      NOW,
    );
    if (!confirmed.ok) throw new Error(confirmed.message);
    expect(confirmed.value).toMatchObject({ storedSets: 2, storedDoses: 4, awaitingOverrideConfirmation: 1 });
    const stored = await db.medicationAdministration.findFirstOrThrow({
      where: { patientId: ward.patientId, effectiveAt: new Date("2026-03-01T23:00:00Z") },
    });
    expect(stored.flagsAtCharting).toContain("TOCI_MAX_3_PER_24H");
    expect(stored.overrideReason).toBe("Haematologist's decision, refractory CRS");
    expect(await db.auditEvent.count({ where: { action: "dose.limit_override", entityId: stored.id } })).toBe(1);
  });

  it("is refused to a pharmacist (import charts observations: nurses and physicians)", async () => {
    const ward = await testWard();
    const result = await previewImport(ward.users.pharmacist, ward.patientId, { format: "fhir", sets: [], doses: [] }, NOW);
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
  });
});
