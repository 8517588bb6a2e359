// Weights as charted facts on real SQLite (TOCI-WEIGHT): a new measurement with its time, a
// correction as a new version with a reason, entered in error; a new weight never re-flags a
// dose given before it, through the real write path and the real engine.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";
import { amendWeight, markWeightInError } from "@/lib/weights/correct-weight";
import { recordWeight } from "@/lib/weights/record-weight";

const NOW = new Date("2026-03-02T12:00:00Z");

describe("recordWeight", () => {
  it("stores the weight with its measurement time, audited, and the engine doses by it from then on", async () => {
    const { users, patientId } = await testWard({ weightKg: 70 });
    const result = await recordWeight(
      users.nurse,
      patientId,
      { measuredAt: "2026-03-02T09:00:00Z", kg: "64.5", idempotencyKey: formKey() },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ version: 1, kg: 64.5, measuredAt: "2026-03-02T09:00:00.000Z" });
    expect(await auditActions(result.value.weightId)).toEqual(["weight.create"]);
    const timeline = (await loadPatientTimeline(patientId, NOW))!;
    expect(timeline.weights.map((weight) => [weight.kg, weight.at.toISOString()])).toEqual([
      [70, "2026-02-27T08:00:00.000Z"],
      [64.5, "2026-03-02T09:00:00.000Z"],
    ]);
    expect(timeline.engineInput.patient.weights).toEqual([
      { at: "2026-02-27T08:00:00.000Z", kg: 70 },
      { at: "2026-03-02T09:00:00.000Z", kg: 64.5 },
    ]);
    expect(timeline.graded.tocilizumab).toMatchObject({ weightKg: 64.5, weightMeasuredAt: "2026-03-02T09:00:00.000Z" });
  });

  it("never re-flags an earlier dose: 560 mg at 70 kg stays unflagged after a 40 kg weight is charted", async () => {
    const { users, patientId } = await testWard({ weightKg: 70 });
    const dose = await recordDose(
      users.nurse,
      patientId,
      { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt: "2026-03-01T08:00:00Z" },
      NOW,
    );
    if (!dose.ok) throw new Error(dose.message);
    expect(dose.value.flags).toEqual([]);
    const weighed = await recordWeight(users.nurse, patientId, { measuredAt: "2026-03-02T10:00:00Z", kg: 40 }, NOW);
    expect(weighed.ok).toBe(true);
    const timeline = (await loadPatientTimeline(patientId, NOW))!;
    const graded = timeline.graded.medications.find((row) => row.id === dose.value.doseId)!;
    expect(graded.flags).toEqual([]);
    expect(graded.weightUsed).toEqual({ kg: 70, measuredAt: "2026-02-27T08:00:00.000Z" });
    // The next dose is measured against 40 kg: 8 mg/kg is 320 mg.
    expect(timeline.graded.tocilizumab.recommendedDoseMg).toBe(320);
  });

  it("refuses a weight out of range, in the future, or by an auditor, storing nothing", async () => {
    const { users, patientId } = await testWard();
    expect(await recordWeight(users.nurse, patientId, { measuredAt: "2026-03-02T09:00:00Z", kg: 0 }, NOW)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    expect(await recordWeight(users.nurse, patientId, { measuredAt: "2026-03-02T13:00:00Z", kg: 60 }, NOW)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    expect(await recordWeight(users.auditor, patientId, { measuredAt: "2026-03-02T09:00:00Z", kg: 60 }, NOW)).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(await deniedEvents(`recordWeight ${patientId}`)).toBe(1);
    expect(await recordWeight(users.nurse, "nobody", { measuredAt: "2026-03-02T09:00:00Z", kg: 60 }, NOW)).toMatchObject({
      ok: false,
      kind: "not_found",
    });
    expect(await db.patientWeight.count({ where: { patientId } })).toBe(0);
  });
});

describe("correcting a weight", () => {
  it("amends as a new version with the reason; a second correction of the same version is stale; in error leaves the history", async () => {
    const { users, patientId } = await testWard({ weightKg: 70 });
    const first = await recordWeight(users.nurse, patientId, { measuredAt: "2026-03-02T09:00:00Z", kg: 46 }, NOW);
    if (!first.ok) throw new Error(first.message);
    const amended = await amendWeight(
      users.nurse,
      first.value.weightId,
      { measuredAt: "2026-03-02T09:00:00Z", kg: 64, reason: "Misread the scale: 64 kg" },
      NOW,
    );
    if (!amended.ok) throw new Error(amended.message);
    expect(amended.value).toMatchObject({ version: 2, kg: 64, lineageId: first.value.weightId });
    expect(await auditActions(amended.value.weightId)).toEqual(["weight.amend"]);
    expect(
      await amendWeight(users.nurse, first.value.weightId, { measuredAt: "2026-03-02T09:00:00Z", kg: 65, reason: "x" }, NOW),
    ).toMatchObject({ ok: false, kind: "stale_version" });
    expect((await loadPatientTimeline(patientId, NOW))!.weights.map((weight) => weight.kg)).toEqual([70, 64]);

    const voided = await markWeightInError(users.nurse, amended.value.weightId, { reason: "Wrong patient" }, NOW);
    expect(voided.ok).toBe(true);
    expect((await loadPatientTimeline(patientId, NOW))!.weights.map((weight) => weight.kg)).toEqual([70]);
    expect(await db.patientWeight.count({ where: { lineageId: first.value.weightId } })).toBe(3);
    await expect(db.patientWeight.updateMany({ where: { patientId }, data: { kg: 1 } })).rejects.toThrow();
    await expect(db.patientWeight.deleteMany({ where: { patientId } })).rejects.toThrow();
  });
});
