// As-of replay on real SQLite: at the moment a physician confirmed a dose over a limit, the replay
// shows the counters and flags they saw, even after a later correction changed the live chart;
// later versions do not exist yet in a replay; replays are audited; the future is refused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { recordDose } from "@/lib/doses/record-dose";
import { loadReplay } from "@/lib/replay/load-replay";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { formKey, testWard } from "@/lib/timeline/test-ward";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);

describe("as-of replay", () => {
  it("shows the counters the physician saw when confirming an override, whatever changed after", async () => {
    const { users, patientId } = await testWard();
    // Admitted before the doses (the test patient is created at the real clock time).
    await db.patient.update({ where: { id: patientId }, data: { createdAt: at("00:00") } });
    const doseIds: string[] = [];
    for (const [given, charted] of [
      ["00:30", "00:35"],
      ["08:45", "08:50"],
      ["17:00", "17:05"],
    ] as const) {
      const result = await recordDose(
        users.nurse,
        patientId,
        { idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 560, route: "IV", effectiveAt: at(given).toISOString() },
        at(charted),
      );
      if (!result.ok) throw new Error(result.message);
      doseIds.push(result.value.doseId);
    }
    const confirmedAt = at("23:10");
    const fourth = await recordDose(
      users.physician,
      patientId,
      {
        idempotencyKey: formKey(),
        drug: "tocilizumab",
        doseMg: 560,
        route: "IV",
        effectiveAt: at("23:00").toISOString(),
        confirmedFlags: ["TOCI_MAX_3_PER_24H", "TOCI_INTERVAL_UNDER_8H"],
        overrideReason: "Refractory CRS, consultant's decision",
      },
      confirmedAt,
    );
    if (!fourth.ok) throw new Error(fourth.message);
    expect(fourth.value.flags.sort()).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H"]);
    // Later, the second dose turns out to have been charted on the wrong patient.
    const later = new Date("2026-03-02T09:00:00Z");
    const voided = await markDoseInError(users.nurse, doseIds[1], { reason: "Wrong patient" }, later);
    if (!voided.ok) throw new Error(voided.message);

    const live = await loadPatientTimeline(patientId, later);
    expect(live!.graded.tocilizumab.dosesTotal).toBe(3);

    const replay = await loadReplay(users.auditor, patientId, confirmedAt.toISOString(), later);
    if (!replay.ok) throw new Error(replay.message);
    expect(replay.value.graded.tocilizumab).toMatchObject({ dosesTotal: 4, dosesLast24h: 4 });
    const flagged = replay.value.graded.medications.find((dose) => dose.id === fourth.value.doseId)!;
    expect(flagged.flags).toContain("TOCI_MAX_3_PER_24H");
    expect(replay.value.doses).toHaveLength(4);

    // Just before the fourth dose was charted it did not exist yet.
    const before = await loadReplay(users.physician, patientId, new Date(confirmedAt.getTime() - 1000).toISOString(), later);
    if (!before.ok) throw new Error(before.message);
    expect(before.value.graded.tocilizumab).toMatchObject({ dosesTotal: 3, dosesLast24h: 3 });

    const audit = await db.auditEvent.findMany({ where: { action: "replay.view", entityId: patientId }, orderBy: { at: "asc" } });
    expect(audit.map((event) => [event.actorName, JSON.parse(event.after!)])).toEqual([
      ["Test auditor", { asOf: confirmedAt.toISOString() }],
      ["Test physician", { asOf: new Date(confirmedAt.getTime() - 1000).toISOString() }],
    ]);
  });

  it("refuses the future, a non-time and an administrator", async () => {
    const { users, patientId } = await testWard();
    const now = new Date("2026-03-02T12:00:00Z");
    expect(await loadReplay(users.nurse, patientId, "2026-03-03T00:00:00Z", now)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await loadReplay(users.nurse, patientId, "yesterday", now)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await loadReplay(users.admin, patientId, "2026-03-01T00:00:00Z", now)).toMatchObject({ ok: false, kind: "forbidden" });
  });
});
