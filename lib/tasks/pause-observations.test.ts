// Pausing and resuming observations on the real store: versions, audit, the engine's view.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { pauseObservations, resumeObservations } from "@/lib/tasks/pause-observations";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, formKey, testWard } from "@/lib/timeline/test-ward";
import { rawError } from "@/tests/helpers/raw-sql";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);

async function chartedAt(hhmm: string) {
  const ward = await testWard();
  const charted = await recordObservation(
    ward.users.nurse,
    ward.patientId,
    {
      idempotencyKey: formKey(),
      effectiveAt: at(hhmm).toISOString(),
      temperature: "36.8",
      systolicBP: "120",
      diastolicBP: "70",
      oxygenDevice: "room_air",
      vasopressorStatus: "none",
    },
    at(hhmm),
  );
  if (!charted.ok) throw new Error(charted.message);
  return { ...ward, observationId: charted.value.observationId };
}

describe("pauseObservations / resumeObservations", () => {
  it("a pause stops ESC_OBS_OVERDUE; resuming is a new version, and the next set is due 60 min after it", async () => {
    const ward = await chartedAt("06:00"); // grade 0: due 10:00, task at 10:30
    const paused = await pauseObservations(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), from: at("09:00").toISOString(), reason: "MRI" },
      at("09:00"),
    );
    expect(paused.ok).toBe(true);
    if (!paused.ok) return;
    expect(await auditActions(paused.value.pauseId)).toEqual(["pause.start"]);
    const during = await loadPatientTimeline(ward.patientId, at("12:00"));
    expect(during?.graded.tasks.filter((task) => task.kind === "ESC_OBS_OVERDUE")).toEqual([]);

    const resumed = await resumeObservations(ward.users.nurse, paused.value.pauseId, { idempotencyKey: formKey() }, at("12:00"));
    expect(resumed.ok && resumed.value).toMatchObject({ lineageId: paused.value.pauseId, version: 2 });
    const versions = await db.observationPause.findMany({
      where: { lineageId: paused.value.pauseId },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => [v.version, v.untilAt?.toISOString() ?? null, v.supersedesId])).toEqual([
      [1, null, null],
      [2, at("12:00").toISOString(), paused.value.pauseId],
    ]);
    const after = await loadPatientTimeline(ward.patientId, at("13:30"));
    expect(after?.graded.tasks.filter((task) => task.kind === "ESC_OBS_OVERDUE").map((task) => [task.id, task.raisedAt])).toEqual(
      [[`ESC_OBS_OVERDUE:${paused.value.pauseId}`, at("13:30").toISOString()]],
    );
    // A pause already resumed cannot be resumed again from its old version.
    const again = await resumeObservations(ward.users.nurse, paused.value.pauseId, { idempotencyKey: formKey() }, at("12:10"));
    expect(again).toMatchObject({ ok: false, kind: "stale_version" });
  });

  it("refuses a pause without a reason or ending before it starts; a pharmacist may not pause; rows are append-only", async () => {
    const ward = await chartedAt("06:00");
    const noReason = await pauseObservations(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), from: at("09:00").toISOString() },
      at("09:00"),
    );
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });
    const backwards = await pauseObservations(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), from: at("09:00").toISOString(), until: at("08:00").toISOString(), reason: "MRI" },
      at("09:00"),
    );
    expect(backwards).toMatchObject({ ok: false, kind: "invalid" });
    const pharmacist = await pauseObservations(
      ward.users.pharmacist,
      ward.patientId,
      { idempotencyKey: formKey(), from: at("09:00").toISOString(), reason: "MRI" },
      at("09:00"),
    );
    expect(pharmacist).toMatchObject({ ok: false, kind: "forbidden" });
    const ok = await pauseObservations(
      ward.users.physician,
      ward.patientId,
      { idempotencyKey: formKey(), from: at("09:00").toISOString(), until: at("10:00").toISOString(), reason: "theatre" },
      at("09:00"),
    );
    if (!ok.ok) throw new Error(ok.message);
    expect(await rawError(`UPDATE "ObservationPause" SET "reason" = 'x' WHERE "id" = ?`, ok.value.pauseId)).toContain(
      "append-only",
    );
    expect(await rawError(`DELETE FROM "ObservationPause" WHERE "id" = ?`, ok.value.pauseId)).toContain("append-only");
  });
});
