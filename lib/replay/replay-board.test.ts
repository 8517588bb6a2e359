// The ward board replayed at a past instant, on real SQLite: at the moment a physician charted a
// fourth tocilizumab dose over its limits, the board shows the counters they saw, whatever was
// charted after (a later dose, a late entry about an earlier moment); only the patients on the
// ward then; its own reads (never the live board's cache); every replay audited.
import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { recordDose } from "@/lib/doses/record-dose";
import { recordObservation } from "@/lib/observations/record-observation";
import { loadBoardReplay } from "@/lib/replay/replay-board";
import { formKey, testWard } from "@/lib/timeline/test-ward";
import { loadWardBoard } from "@/lib/ward/ward-board";

const on = (day: 1 | 2, hhmm: string) => new Date(`2026-03-0${day}T${hhmm}:00Z`);
const toci = (effectiveAt: Date, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  drug: "tocilizumab",
  doseMg: 560,
  route: "IV",
  effectiveAt: effectiveAt.toISOString(),
  ...extra,
});

async function dose(user: CurrentUser, patientId: string, form: Record<string, unknown>, chartedAt: Date): Promise<string> {
  const first = await recordDose(user, patientId, form, chartedAt);
  if (first.ok) return first.value.doseId;
  if (first.kind !== "limits_changed") throw new Error(first.message);
  // Over a limit: charted with the flags the server named and a reason (a physician's confirmation).
  const again = await recordDose(
    user,
    patientId,
    { ...form, confirmedFlags: first.conflict!.flags, overrideReason: "Refractory CRS, consultant's decision" },
    chartedAt,
  );
  if (!again.ok) throw new Error(again.message);
  return again.value.doseId;
}

async function observation(user: CurrentUser, patientId: string, effectiveAt: Date, temperature: string, chartedAt: Date) {
  const result = await recordObservation(
    user,
    patientId,
    {
      idempotencyKey: formKey(),
      effectiveAt: effectiveAt.toISOString(),
      temperature,
      heartRate: "88",
      oxygenDevice: "room_air",
      vasopressorStatus: "none",
    },
    chartedAt,
  );
  if (!result.ok) throw new Error(result.message);
}

const liveCache = () => (globalThis as unknown as { crsFactCache?: Map<string, unknown> }).crsFactCache;

describe("board replay", () => {
  it("shows the tocilizumab counters the physician saw at an override, only the patients then on the ward, and is audited", async () => {
    const { users, patientId } = await testWard({ bed: "R-1" });
    const later = await testWard({ bed: "R-2" });
    const gone = await testWard({ bed: "R-3" });
    await db.patient.updateMany({ where: { id: { in: [patientId, gone.patientId] } }, data: { createdAt: on(1, "00:00") } });
    // Admitted the next morning: not on the ward at the override.
    await db.patient.update({ where: { id: later.patientId }, data: { createdAt: on(2, "08:00") } });
    // Discharged the next morning: on the ward at the override.
    await db.patient.update({
      where: { id: gone.patientId },
      data: { status: "discharged", dischargedAt: on(2, "10:00") },
    });

    await observation(users.nurse, patientId, on(1, "22:30"), "36.8", on(1, "22:35"));
    for (const [given, charted] of [
      ["00:30", "00:35"],
      ["08:45", "08:50"],
      ["17:00", "17:05"],
    ] as const) {
      await dose(users.nurse, patientId, toci(on(1, given)), on(1, charted));
    }
    // The override: a fourth dose in 24 h, under 8 h after the third, charted and confirmed at 23:10.
    const overrideAt = on(1, "23:10");
    await dose(users.physician, patientId, toci(on(1, "23:00")), overrideAt);

    // After the override: a fever at 23:05 charted late the next morning, and a fifth dose.
    const nextMorning = on(2, "09:00");
    await observation(users.nurse, patientId, on(1, "23:05"), "39.1", nextMorning);
    await dose(users.physician, patientId, toci(on(2, "08:30")), nextMorning);

    const now = on(2, "12:00");
    // Charting reads through the live board's fact cache; start the replay with this patient out of it.
    liveCache()?.delete(patientId);
    const replay = await loadBoardReplay(users.pharmacist, overrideAt.toISOString(), {}, now);
    if (!replay.ok) throw new Error(replay.message);
    // A replay reads on its own: it neither reads nor fills the live board's cache.
    expect(liveCache()?.has(patientId) ?? false).toBe(false);

    expect(replay.value.asOf).toBe(overrideAt.toISOString());
    const ids = replay.value.rows.map((row) => row.patient.id);
    expect(ids).toContain(patientId);
    expect(ids).toContain(gone.patientId);
    expect(ids).not.toContain(later.patientId);
    expect(replay.value.rows.find((row) => row.patient.id === gone.patientId)!.patient.status).toBe("active");

    const then = replay.value.rows.find((row) => row.patient.id === patientId)!;
    expect(then.tocilizumab).toMatchObject({
      dosesTotal: 4,
      dosesLast24h: 4,
      remainingTotal: 0,
      nextEligibleAt: null,
    });
    // Confirmed as charted: nothing waited for a physician then.
    expect(then.unconfirmedLimits).toEqual({ flags: 0, doses: 0 });
    // The late fever did not exist yet: no episode, the last set is the one charted at 22:35.
    expect(then).toMatchObject({ currentGrade: 0, episodeStartedAt: null, lastObservationAt: on(1, "22:30").toISOString() });
    expect(then.dayPlusN).toBe(2);

    // The live board at noon has the later dose and the late fever.
    const live = (await loadWardBoard(now)).find((row) => row.patient.id === patientId)!;
    expect(live.tocilizumab.dosesTotal).toBe(5);
    expect(live.episodeStartedAt).toBe(on(1, "23:05").toISOString());
    expect(live.currentGrade).toBeGreaterThanOrEqual(1);

    // A second before the override was charted, the fourth dose did not exist.
    const before = await loadBoardReplay(users.nurse, new Date(overrideAt.getTime() - 1000).toISOString(), {}, now);
    if (!before.ok) throw new Error(before.message);
    expect(before.value.rows.find((row) => row.patient.id === patientId)!.tocilizumab).toMatchObject({
      dosesTotal: 3,
      dosesLast24h: 3,
    });

    const audit = await db.auditEvent.findMany({ where: { action: "replay.board_view" }, orderBy: { at: "asc" } });
    expect(audit.map((event) => [event.actorName, event.entityType, event.entityId, JSON.parse(event.after!)])).toEqual([
      ["Test pharmacist", "ward", "all", { asOf: overrideAt.toISOString(), patientIds: ids }],
      ["Test nurse", "ward", "all", { asOf: new Date(overrideAt.getTime() - 1000).toISOString(), patientIds: expect.any(Array) }],
    ]);
  });

  it("replays one ward, and refuses the future, a non-time and an administrator without recording a view", async () => {
    const { users } = await testWard();
    const now = on(2, "12:00");
    const other = await loadBoardReplay(users.nurse, on(2, "11:00").toISOString(), { wardId: "no-such-ward" }, now);
    expect(other).toMatchObject({ ok: true, value: { rows: [] } });
    const before = await db.auditEvent.count({ where: { action: "replay.board_view" } });
    expect(await loadBoardReplay(users.nurse, on(2, "12:01").toISOString(), {}, now)).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    expect(await loadBoardReplay(users.nurse, "yesterday", {}, now)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await loadBoardReplay(users.admin, on(2, "11:00").toISOString(), {}, now)).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(await db.auditEvent.count({ where: { action: "replay.board_view" } })).toBe(before);
  });
});
