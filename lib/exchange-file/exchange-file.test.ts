// The timeline exchange file in the app, on real SQLite: the download is what `npm run engine`
// reads and grades as the app does; uploading it for a new patient gives the same grades, flags,
// timers and recommendations; uploading it twice stores once; what cannot be charted is named.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { evaluateTimeline, parseTimelineJson } from "@/lib/engine";
import { exportTimelineFile } from "@/lib/exchange-file/export-timeline-file";
import { readTimelineFile } from "@/lib/exchange-file/read-timeline-file";
import { importFacts } from "@/lib/import/import-facts";
import { previewImport } from "@/lib/import/preview-import";
import { recordObservation } from "@/lib/observations/record-observation";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-02T12:00:00Z");

async function chart(ward: Awaited<ReturnType<typeof testWard>>) {
  const sets = [
    { effectiveAt: "2026-03-01T06:00:00Z", temperature: 38.4, heartRate: 104, systolicBP: 118, diastolicBP: 70, spo2: 96 },
    {
      effectiveAt: "2026-03-01T09:00:00Z",
      temperature: 39,
      systolicBP: 86,
      diastolicBP: 50,
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }],
      oxygenDevice: "simple_face_mask",
      oxygenFlowLpm: 8,
      iceScore: 6,
    },
    { effectiveAt: "2026-03-01T13:00:00Z", temperature: 38.1, systolicBP: 100, diastolicBP: 60, vasopressorStatus: "none" },
  ];
  for (const values of sets) {
    const result = await recordObservation(ward.users.nurse, ward.patientId, { idempotencyKey: formKey(), ...values }, NOW);
    if (!result.ok) throw new Error(result.message);
  }
  for (const effectiveAt of ["2026-03-01T07:00:00Z", "2026-03-01T15:30:00Z"]) {
    const result = await recordDose(
      ward.users.physician,
      ward.patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
  }
}

async function graded(patientId: string) {
  const timeline = await loadPatientTimeline(patientId, NOW);
  const output = evaluateTimeline(timeline!.engineInput);
  return {
    grades: output.observations.map((row) => [row.at, row.grade, row.icansGrade, row.news2]),
    flags: output.medications.map((row) => [row.at, row.flags]),
    timers: output.timers.map((timer) => [timer.kind, timer.status, timer.startedAt, timer.dueAt]),
    recommendations: output.recommendations.map((recommendation) => recommendation.text),
    tocilizumab: output.tocilizumab,
  };
}

describe("timeline exchange file", () => {
  it("downloads what the engine CLI reads and grades as the page does; export -> import into a new patient is the same course", async () => {
    const source = await testWard();
    await chart(source);
    const file = await exportTimelineFile(source.users.nurse, source.patientId, NOW);
    if (!file.ok) throw new Error(file.message);
    const parsed = parseTimelineJson(file.value.json);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const page = await loadPatientTimeline(source.patientId, NOW);
    expect(evaluateTimeline({ ...parsed.data, now: NOW.toISOString() })).toEqual(page!.graded);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "export.clinical_record" }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.after!)).toEqual({
      format: "timeline",
      scope: "patient",
      targetId: source.patientId,
      patients: 1,
      resources: 5,
    });

    const target = await testWard();
    const upload = readTimelineFile(file.value.json);
    if (!upload.ok) throw new Error(upload.problems.join("\n"));
    const preview = await previewImport(target.users.nurse, target.patientId, upload.items, NOW);
    if (!preview.ok) throw new Error(preview.message);
    // The file's weight history starts with the source's admission weight: the same as the new patient's own.
    expect(preview.value.summary).toBe("3 sets, 2 doses; 1 entry already on the chart (not stored again)");
    const stored = await importFacts(target.users.nurse, target.patientId, upload.items, [], NOW);
    if (!stored.ok) throw new Error(stored.message);
    expect(await graded(target.patientId)).toEqual(await graded(source.patientId));

    const twice = await importFacts(target.users.nurse, target.patientId, upload.items, [], NOW);
    if (!twice.ok) throw new Error(twice.message);
    expect(twice.value).toMatchObject({ storedSets: 0, storedDoses: 0 });
    expect(await db.observation.count({ where: { patientId: target.patientId } })).toBe(3);
    expect(await db.medicationAdministration.count({ where: { patientId: target.patientId } })).toBe(2);
  });

  it("previews late entries and the earlier sets they re-grade", async () => {
    const ward = await testWard();
    for (const [effectiveAt, temperature] of [
      ["2026-03-01T06:00:00Z", 38.5],
      ["2026-03-01T10:00:00Z", 37.5],
    ] as const) {
      const result = await recordObservation(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: formKey(), effectiveAt, temperature, systolicBP: 84, diastolicBP: 50 },
        NOW,
      );
      if (!result.ok) throw new Error(result.message);
    }
    // Tocilizumab given at 09:00 and charted late: it masks the fever (ASTCT-MASK), so the 10:00 set re-grades.
    const file = JSON.stringify({
      patient: { id: "elsewhere" },
      medications: [{ id: "late-1", at: "2026-03-01T09:00:00Z", drug: "tocilizumab", doseMg: 560, route: "IV" }],
    });
    const upload = readTimelineFile(file);
    if (!upload.ok) throw new Error(upload.problems.join("\n"));
    const preview = await previewImport(ward.users.nurse, ward.patientId, upload.items, NOW);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.lateEntries).toBe(1);
    expect(preview.value.regraded.map((change) => [change.at, change.before, change.after])).toEqual([
      ["2026-03-01T10:00:00.000Z", 0, 2],
    ]);
    expect(preview.value.summary).toBe("0 sets, 1 dose; 1 would be a late entry that re-grades 1 earlier set");
  });

  it("names invalid values, storing nothing", async () => {
    const ward = await testWard();
    // A set not taken needs its reason (OBS-STATUS), named by where it is in the file.
    const noReason = readTimelineFile(
      JSON.stringify({
        patient: { id: "p" },
        observations: [{ id: "o1", at: "2026-03-01T05:00:00Z", status: "refused" }],
      }),
    );
    expect(noReason.ok).toBe(false);
    expect(
      readTimelineFile('{"patient":{"id":"p"},"observations":[{"id":"o","at":"2026-03-01T05:00:00Z","temperatureC":450}]}'),
    ).toEqual({
      ok: false,
      problems: ["observations[0].temperatureC: 450 is outside 25-45 °C"],
    });
    // A dose with no route is refused by the dose form, named by where it was in the file.
    const noRoute = readTimelineFile(
      '{"patient":{"id":"p"},"medications":[{"id":"m1","at":"2026-03-01T05:00:00Z","drug":"dexamethasone","doseMg":10}]}',
    );
    if (!noRoute.ok) throw new Error(noRoute.problems.join("\n"));
    const preview = await previewImport(ward.users.nurse, ward.patientId, noRoute.items, NOW);
    expect(preview).toMatchObject({ ok: false, kind: "invalid", message: 'medications[0] "m1".route: is required' });
  });

  it("a time outside the bedside window anywhere in the file refuses the whole import before anything is stored", async () => {
    const ward = await testWard();
    const file = readTimelineFile(
      JSON.stringify({
        patient: { id: "p", weights: [{ at: "2026-03-01T04:00:00Z", kg: 71 }] },
        observations: [
          { id: "o1", at: "2026-03-01T06:00:00Z", temperatureC: 38.4, oxygen: { device: "room_air" } },
          { id: "o2", at: "1850-03-01T06:00:00Z", temperatureC: 37.0 },
        ],
        medications: [{ id: "m1", at: "2026-03-01T07:00:00Z", drug: "dexamethasone", doseMg: 10, route: "IV" }],
      }),
    );
    if (!file.ok) throw new Error(file.problems.join("\n"));
    const counts = async () => [
      await db.observation.count({ where: { patientId: ward.patientId } }),
      await db.medicationAdministration.count({ where: { patientId: ward.patientId } }),
      await db.patientWeight.count({ where: { patientId: ward.patientId } }),
    ];
    const before = await counts();
    const preview = await previewImport(ward.users.nurse, ward.patientId, file.items, NOW);
    expect(preview).toMatchObject({ ok: false, kind: "invalid" });
    expect(preview.ok ? "" : preview.message).toMatch(/^observations\[1\] "o2"\.effectiveAt: /);
    const result = await importFacts(ward.users.nurse, ward.patientId, file.items, [], NOW);
    expect(result.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
