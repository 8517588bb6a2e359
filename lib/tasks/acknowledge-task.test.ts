// Answering escalation tasks on the real store: who may answer which task, what is stored and
// audited, and that an answer is never changed (a correction is a new answer with a reason).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { acknowledgeTask } from "@/lib/tasks/acknowledge-task";
import { auditActions, formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { rawError } from "@/tests/helpers/raw-sql";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const NOW = at("12:00");

/** A patient whose CRS grade rose to 2 at 11:30 (grade 1 at 11:00): ESC_CRS_RISE, respond by 12:00. */
async function patientWithRise(): Promise<TestWard & { taskId: string }> {
  const ward = await testWard();
  const chart = async (hhmm: string, values: Record<string, unknown>) => {
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at(hhmm).toISOString(),
        oxygenDevice: "room_air",
        vasopressorStatus: "none",
        ...values,
      },
      at(hhmm),
    );
    if (!result.ok) throw new Error(result.message);
    return result.value.observationId;
  };
  await chart("11:00", { temperature: "38.6", systolicBP: "120", diastolicBP: "70" });
  const grade2 = await chart("11:30", { temperature: "38.9", systolicBP: "84", diastolicBP: "50" });
  return { ...ward, taskId: `ESC_CRS_RISE:${grade2}` };
}

let ward: TestWard & { taskId: string };
beforeAll(async () => {
  ward = await patientWithRise();
});

const answer = (taskId: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  taskId,
  outcome: "reviewed_at_bedside",
  ...extra,
});

describe("acknowledgeTask", () => {
  it("a nurse cannot answer a physician's task: refused, nothing stored or audited as an answer", async () => {
    const result = await acknowledgeTask(ward.users.nurse, ward.patientId, answer(ward.taskId), NOW);
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await db.acknowledgement.count({ where: { patientId: ward.patientId } })).toBe(0);
  });

  it("a pharmacist may not answer tasks at all (permission), and the denial is audited", async () => {
    const result = await acknowledgeTask(ward.users.pharmacist, ward.patientId, answer(ward.taskId), NOW);
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await db.auditEvent.count({ where: { action: "auth.denied", entityId: `acknowledgeTask ${ward.patientId}` } })).toBe(
      1,
    );
  });

  it("the physician answers with an outcome: stored with who, role and when, audited, and the task is acknowledged", async () => {
    const result = await acknowledgeTask(
      ward.users.physician,
      ward.patientId,
      answer(ward.taskId, { note: "fluids given" }),
      NOW,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.task).toMatchObject({
      id: ward.taskId,
      status: "acknowledged",
      acknowledgedAt: NOW.toISOString(),
      acknowledgedBy: "Test physician",
    });
    const stored = await db.acknowledgement.findUniqueOrThrow({ where: { id: result.value.acknowledgementId } });
    expect(stored).toMatchObject({
      taskId: ward.taskId,
      taskKind: "ESC_CRS_RISE",
      role: "physician",
      byId: ward.users.physician.id,
      outcome: "reviewed_at_bedside",
      note: "fluids given",
      correctsId: null,
    });
    expect(stored.at.toISOString()).toBe(NOW.toISOString());
    expect(await auditActions(stored.id)).toEqual(["task.acknowledge"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: stored.id } });
    expect(JSON.parse(event.after!)).toMatchObject({ task: { statusBefore: "late", respondBy: "2026-03-01T12:00:00.000Z" } });
  });

  it("a second answer is refused unless it corrects the first with a reason; the correction is a new row", async () => {
    const again = await acknowledgeTask(ward.users.physician, ward.patientId, answer(ward.taskId), at("12:05"));
    expect(again).toMatchObject({ ok: false, kind: "conflict" });
    expect(again.ok || again.message).toContain("already answered by Test physician");
    const first = await db.acknowledgement.findFirstOrThrow({ where: { taskId: ward.taskId } });
    const noReason = await acknowledgeTask(
      ward.users.physician,
      ward.patientId,
      answer(ward.taskId, { outcome: "tocilizumab_given", correctsId: first.id }),
      at("12:05"),
    );
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });
    const corrected = await acknowledgeTask(
      ward.users.physician,
      ward.patientId,
      answer(ward.taskId, { outcome: "tocilizumab_given", correctsId: first.id, reason: "wrong outcome chosen" }),
      at("12:05"),
    );
    expect(corrected.ok).toBe(true);
    const rows = await db.acknowledgement.findMany({ where: { taskId: ward.taskId }, orderBy: { at: "asc" } });
    expect(rows.map((row) => [row.outcome, row.correctsId, row.changeReason])).toEqual([
      ["reviewed_at_bedside", null, null],
      ["tocilizumab_given", first.id, "wrong outcome chosen"],
    ]);
  });

  it("the database refuses to change or remove an answer", async () => {
    const row = await db.acknowledgement.findFirstOrThrow({ where: { taskId: ward.taskId } });
    expect(await rawError(`UPDATE "Acknowledgement" SET "outcome" = 'other' WHERE "id" = ?`, row.id)).toContain("append-only");
    expect(await rawError(`DELETE FROM "Acknowledgement" WHERE "id" = ?`, row.id)).toContain("append-only");
  });

  it("'not indicated' needs its reason; an unknown task is not found; a double submit stores one answer", async () => {
    const other = await patientWithRise();
    const noWhy = await acknowledgeTask(
      other.users.physician,
      other.patientId,
      answer(other.taskId, { outcome: "not_indicated" }),
      NOW,
    );
    expect(noWhy).toMatchObject({ ok: false, kind: "invalid" });
    expect(noWhy.ok || noWhy.fieldErrors?.map((e) => e.path)).toEqual(["note"]);
    const unknown = await acknowledgeTask(other.users.physician, other.patientId, answer("ESC_CRS_RISE:nope"), NOW);
    expect(unknown).toMatchObject({ ok: false, kind: "not_found" });
    const once = answer(other.taskId, { outcome: "not_indicated", note: "known chronic hypotension" });
    const [a, b] = [
      await acknowledgeTask(other.users.physician, other.patientId, once, NOW),
      await acknowledgeTask(other.users.physician, other.patientId, once, NOW),
    ];
    expect(a.ok && b.ok && a.value.acknowledgementId === b.value.acknowledgementId).toBe(true);
    expect(await db.acknowledgement.count({ where: { patientId: other.patientId } })).toBe(1);
  });

  it("a nurse answers the nurse's task (observations overdue)", async () => {
    const quiet = await testWard();
    const charted = await recordObservation(
      quiet.users.nurse,
      quiet.patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("06:00").toISOString(),
        temperature: "36.8",
        systolicBP: "120",
        diastolicBP: "70",
        oxygenDevice: "room_air",
        vasopressorStatus: "none",
      },
      at("06:00"),
    );
    if (!charted.ok) throw new Error(charted.message);
    const taskId = `ESC_OBS_OVERDUE:${charted.value.observationId}`;
    const result = await acknowledgeTask(quiet.users.nurse, quiet.patientId, answer(taskId), NOW);
    expect(result.ok && result.value.task).toMatchObject({ id: taskId, role: "nurse", status: "acknowledged" });
  });
});
