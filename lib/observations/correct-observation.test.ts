// Amending and marking observations in error on real SQLite: new versions, never overwrites;
// a stale correction is refused with who changed it, and a race has exactly one winner.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { amendObservation } from "@/lib/observations/amend-observation";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";
import { recordObservation } from "@/lib/observations/record-observation";
import { isUniqueViolation } from "@/lib/write/charting-write";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;

async function charted(extra: Record<string, unknown> = {}) {
  const ward = await testWard();
  const result = await recordObservation(
    ward.users.nurse,
    ward.patientId,
    {
      idempotencyKey: formKey(),
      effectiveAt: at("09:00"),
      temperature: 36.0,
      heartRate: 80,
      ...extra,
    },
    NOW,
  );
  if (!result.ok) throw new Error(result.message);
  return { ...ward, v1: result.value.observationId };
}

const versionsOf = (lineageId: string) => db.observation.findMany({ where: { lineageId }, orderBy: { version: "asc" } });

describe("amendObservation", () => {
  it("stores version 2 superseding version 1, with the reason, and audits before and after", async () => {
    const { users, v1 } = await charted();
    const result = await amendObservation(
      users.physician,
      v1,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("09:00"),
        temperature: 38.6,
        reason: "36.0 was a typo",
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ lineageId: v1, version: 2, grade: expect.objectContaining({ grade: 1 }) });
    const [first, second] = await versionsOf(v1);
    if (!second) throw new Error("expected a second version");
    expect(first).toMatchObject({ id: v1, version: 1, status: "final", temperatureC: 36, heartRate: 80 });
    // The amendment is the full corrected observation: the heart rate it did not chart is not copied.
    expect(second).toMatchObject({
      id: result.value.observationId,
      version: 2,
      supersedesId: v1,
      status: "amended",
      changeReason: "36.0 was a typo",
      temperatureC: 38.6,
      heartRate: null,
      recordedById: users.physician.id,
    });
    expect(await auditActions(second.id)).toEqual(["observation.amend"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: second.id } });
    expect(JSON.parse(event.before!)).toMatchObject({ id: v1, temperatureC: 36 });
    expect(JSON.parse(event.after!)).toMatchObject({ id: second.id, temperatureC: 38.6, changeReason: "36.0 was a typo" });
  });

  it("refuses a stale amendment with who changed it, and stores nothing", async () => {
    const { users, v1 } = await charted();
    const first = await amendObservation(
      users.nurse,
      v1,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 90, reason: "Recount" },
      NOW,
    );
    expect(first.ok).toBe(true);
    const stale = await amendObservation(
      users.physician,
      v1,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 95, reason: "Mine" },
      NOW,
    );
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.kind).toBe("stale_version");
    expect(stale.message).toBe(
      "This observation was changed by Test nurse at 1 Mar 12:00 since you opened it. Reopen it to see the current version.",
    );
    expect(await versionsOf(v1)).toHaveLength(2);
  });

  it("lets exactly one of two simultaneous amendments of one version win; the other gets 409", async () => {
    const { users, v1 } = await charted();
    const results = await Promise.all([
      amendObservation(users.nurse, v1, { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 91, reason: "A" }, NOW),
      amendObservation(
        users.physician,
        v1,
        { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 92, reason: "B" },
        NOW,
      ),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.kind)).sort()).toEqual(["ok", "stale_version"]);
    expect(await versionsOf(v1)).toHaveLength(2);
  });

  it("is backed by the database: a second version superseding the same one cannot be stored", async () => {
    const { users, patientId, v1 } = await charted();
    const row = (id: string, version: number) => ({
      id,
      lineageId: v1,
      version,
      supersedesId: v1,
      status: "amended",
      patientId,
      effectiveAt: new Date(at("09:00")),
      recordedById: users.nurse.id,
    });
    await db.observation.create({ data: row(`${v1}-b`, 2) });
    const error = await db.observation.create({ data: row(`${v1}-c`, 3) }).catch((e: unknown) => e);
    expect(isUniqueViolation(error, ["supersedesId"])).toBe(true);
    const sameVersion = await db.observation
      .create({ data: { ...row(`${v1}-d`, 2), supersedesId: `${v1}-b` } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(sameVersion, ["lineageId", "version"])).toBe(true);
  });

  it("stores one version for a double submit of the amendment form", async () => {
    const { users, v1 } = await charted();
    const form = { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 100, reason: "Recount" };
    const first = await amendObservation(users.nurse, v1, form, NOW);
    const second = await amendObservation(users.nurse, v1, form, NOW);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.value.observationId).toBe(first.value.observationId);
    expect(await versionsOf(v1)).toHaveLength(2);
  });

  it.each([
    ["no reason", { heartRate: 90 }, "reason"],
    ["a blank reason", { heartRate: 90, reason: "   " }, "reason"],
    ["an impossible value", { heartRate: 900, reason: "Recount" }, "heartRate"],
  ])("refuses an amendment with %s and stores nothing", async (_label, extra, path) => {
    const { users, v1 } = await charted();
    const result = await amendObservation(
      users.nurse,
      v1,
      { idempotencyKey: formKey(), effectiveAt: at("09:00"), ...extra },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (!result.ok) expect(result.fieldErrors?.map((e) => e.path)).toContain(path);
    expect(await versionsOf(v1)).toHaveLength(1);
  });

  it("answers 404 for an unknown version and 403 for a pharmacist (audited)", async () => {
    const { users, v1 } = await charted();
    const form = { idempotencyKey: formKey(), effectiveAt: at("09:00"), heartRate: 90, reason: "Recount" };
    expect(await amendObservation(users.nurse, "no-such-version", form, NOW)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await amendObservation(users.pharmacist, v1, form, NOW)).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await amendObservation(null, v1, form, NOW)).toMatchObject({ ok: false, kind: "unauthenticated" });
    expect(await deniedEvents(`amendObservation ${v1}`)).toBe(2);
    expect(await versionsOf(v1)).toHaveLength(1);
  });

  it("reports observations the amendment re-graded", async () => {
    const { users, patientId, v1 } = await charted({ temperature: 38.5 });
    await db.medicationAdministration.create({
      data: {
        id: `toci-${v1}`,
        lineageId: `toci-${v1}`,
        version: 1,
        patientId,
        drug: "tocilizumab",
        doseMg: 560,
        route: "IV",
        effectiveAt: new Date(at("09:30")),
        recordedById: users.physician.id,
      },
    });
    const later = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("10:00"),
        temperature: 37.4,
        systolicBP: 85,
        diastolicBP: 50,
      },
      NOW,
    );
    if (!later.ok) throw new Error(later.message);
    expect(later.value.grade.grade).toBe(2);
    // 38.5 at 09:00 was misread: with no fever there is no episode, so 10:00 is not CRS by ASTCT.
    const amended = await amendObservation(
      users.nurse,
      v1,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("09:00"),
        temperature: 36.5,
        reason: "Misread thermometer",
      },
      NOW,
    );
    if (!amended.ok) throw new Error(amended.message);
    expect(amended.value.grade?.grade).toBe(0);
    expect(amended.value.lateEntryChanges).toEqual([
      expect.objectContaining({ id: later.value.observationId, before: 2, after: 0 }),
    ]);
  });
});

describe("markObservationInError", () => {
  it("stores a version that keeps the values, leaves the grading and stays in the history", async () => {
    const { users, patientId, v1 } = await charted({ temperature: 38.9 });
    const result = await markObservationInError(users.nurse, v1, { reason: "Charted on the wrong patient" }, NOW);
    if (!result.ok) throw new Error(result.message);
    const [, second] = await versionsOf(v1);
    if (!second) throw new Error("expected a second version");
    expect(second).toMatchObject({
      id: result.value.observationId,
      version: 2,
      supersedesId: v1,
      status: "entered_in_error",
      changeReason: "Charted on the wrong patient",
      temperatureC: 38.9,
      heartRate: 80,
    });
    expect(await auditActions(second.id)).toEqual(["observation.entered_in_error"]);
    const timeline = (await loadPatientTimeline(patientId, NOW))!;
    expect(timeline.observations).toHaveLength(0);
    expect(timeline.engineInput.observations).toHaveLength(0);
    expect(timeline.enteredInError.observations.map((o) => o.id)).toEqual([second.id]);
    expect(timeline.graded.episodeStartedAt).toBeNull();
  });

  it("reports the observations it re-graded", async () => {
    const { users, patientId, v1 } = await charted({ temperature: 38.9 });
    await db.medicationAdministration.create({
      data: {
        id: `toci-${v1}`,
        lineageId: `toci-${v1}`,
        version: 1,
        patientId,
        drug: "tocilizumab",
        doseMg: 560,
        route: "IV",
        effectiveAt: new Date(at("09:30")),
        recordedById: users.physician.id,
      },
    });
    const later = await recordObservation(
      users.nurse,
      patientId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("10:00"),
        temperature: 37.2,
        systolicBP: 84,
        diastolicBP: 48,
      },
      NOW,
    );
    if (!later.ok) throw new Error(later.message);
    expect(later.value.grade.grade).toBe(2);
    const result = await markObservationInError(users.nurse, v1, { reason: "Wrong patient" }, NOW);
    if (!result.ok) throw new Error(result.message);
    // Without the 09:00 fever there is no episode: 10:00 falls to grade 0.
    expect(result.value.lateEntryChanges).toEqual([
      expect.objectContaining({ id: later.value.observationId, before: 2, after: 0 }),
    ]);
  });

  it("refuses a second mark, an amendment of a voided fact, and a missing reason", async () => {
    const { users, v1 } = await charted();
    expect(await markObservationInError(users.nurse, v1, {}, NOW)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await markObservationInError(users.nurse, v1, "wrong", NOW)).toMatchObject({ ok: false, kind: "invalid" });
    const first = await markObservationInError(users.nurse, v1, { reason: "Wrong patient" }, NOW);
    if (!first.ok) throw new Error(first.message);
    const again = await markObservationInError(users.nurse, v1, { reason: "Wrong patient" }, NOW);
    expect(again).toMatchObject({ ok: false, kind: "stale_version" });
    if (!again.ok) expect(again.message).toMatch(/was marked entered in error by Test nurse/);
    const amendVoided = await amendObservation(
      users.nurse,
      first.value.observationId,
      {
        idempotencyKey: formKey(),
        effectiveAt: at("09:00"),
        heartRate: 70,
        reason: "Undo",
      },
      NOW,
    );
    expect(amendVoided).toMatchObject({ ok: false, kind: "conflict" });
    expect(await versionsOf(v1)).toHaveLength(2);
  });
});
