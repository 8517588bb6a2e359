// The patient's own observation interval on the real store (OBS-FREQUENCY): physician only,
// stricter than the rules only, audited with its reason, and the engine's OBS_DUE follows it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { setObservationInterval } from "@/lib/patients/set-observation-interval";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);

async function quietSetAt(hhmm: string) {
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
  return ward;
}

const versionOf = async (patientId: string) =>
  (await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { version: true } })).version;

describe("setObservationInterval", () => {
  it("a physician sets a stricter interval: audited with its reason, and OBS_DUE follows it; blank clears it", async () => {
    const ward = await quietSetAt("06:00"); // grade 0: the rules say 10:00
    const version = await versionOf(ward.patientId);
    const set = await setObservationInterval(
      ward.users.physician,
      ward.patientId,
      { expectedVersion: String(version), obsIntervalMinutes: "30", reason: "Borderline BP, watch closely" },
      at("06:05"),
    );
    expect(set.ok && set.value).toEqual({ id: ward.patientId, version: version + 1, obsIntervalMinutes: 30 });
    expect(await auditActions(ward.patientId)).toContain("patient.edit");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: ward.patientId, action: "patient.edit" },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ obsIntervalMinutes: 30, changeReason: "Borderline BP, watch closely" });
    expect(JSON.parse(audit.before!)).toMatchObject({ obsIntervalMinutes: null });
    const timeline = await loadPatientTimeline(ward.patientId, at("06:10"));
    expect(timeline?.graded.timers.find((timer) => timer.kind === "OBS_DUE")?.dueAt).toBe(at("06:30").toISOString());

    const cleared = await setObservationInterval(
      ward.users.physician,
      ward.patientId,
      { expectedVersion: String(version + 1), obsIntervalMinutes: "", reason: "BP settled" },
      at("06:20"),
    );
    expect(cleared.ok && cleared.value.obsIntervalMinutes).toBeNull();
    const after = await loadPatientTimeline(ward.patientId, at("06:25"));
    expect(after?.graded.timers.find((timer) => timer.kind === "OBS_DUE")?.dueAt).toBe(at("10:00").toISOString());
  });

  it("refuses an interval as long as the rules' or longer, naming the rule; stores nothing", async () => {
    const ward = await quietSetAt("06:00");
    const version = await versionOf(ward.patientId);
    for (const minutes of ["240", "600"]) {
      const refused = await setObservationInterval(
        ward.users.physician,
        ward.patientId,
        { expectedVersion: String(version), obsIntervalMinutes: minutes, reason: "less often" },
        at("06:05"),
      );
      expect(refused.ok).toBe(false);
      if (refused.ok) continue;
      expect(refused.kind).toBe("invalid");
      expect(refused.fieldErrors?.find((error) => error.path === "obsIntervalMinutes")?.message).toMatch(
        /shorter than 240 min: the rules already ask for vital signs every 4 h \(OBS-FREQUENCY/,
      );
    }
    expect(await versionOf(ward.patientId)).toBe(version);
  });

  it("a nurse may not set it (patient:manage): refused and audited, nothing stored; a stale version is refused", async () => {
    const ward = await quietSetAt("06:00");
    const version = await versionOf(ward.patientId);
    const deniedBefore = await deniedEvents(`setObservationInterval ${ward.patientId}`);
    const byNurse = await setObservationInterval(
      ward.users.nurse,
      ward.patientId,
      { expectedVersion: String(version), obsIntervalMinutes: "30", reason: "r" },
      at("06:05"),
    );
    expect(byNurse.ok ? null : byNurse.kind).toBe("forbidden");
    expect(await deniedEvents(`setObservationInterval ${ward.patientId}`)).toBe(deniedBefore + 1);
    const stale = await setObservationInterval(
      ward.users.physician,
      ward.patientId,
      { expectedVersion: String(version - 1 || version + 5), obsIntervalMinutes: "30", reason: "r" },
      at("06:05"),
    );
    expect(stale.ok ? null : stale.kind).toBe("stale_version");
    expect(await versionOf(ward.patientId)).toBe(version);
  });
});
