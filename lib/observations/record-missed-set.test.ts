// Refused and not-possible sets on the real store (OBS-STATUS): stored without values, audited,
// restarting the observation clock, and three in a row raising ESC_REPEATED_REFUSAL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, formKey, testWard } from "@/lib/timeline/test-ward";

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);

describe("recordMissedSet", () => {
  it("stores a refused set with its reason and no values; three in a row raise ESC_REPEATED_REFUSAL", async () => {
    const ward = await testWard();
    const first = await recordObservation(
      ward.users.nurse,
      ward.patientId,
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
    expect(first.ok).toBe(true);
    const missed = async (hhmm: string, setStatus: string) => {
      const result = await recordMissedSet(
        ward.users.nurse,
        ward.patientId,
        { idempotencyKey: formKey(), effectiveAt: at(hhmm).toISOString(), setStatus, statusReason: "declined, asleep" },
        at(hhmm),
      );
      if (!result.ok) throw new Error(result.message);
      return result.value.observationId;
    };
    const a = await missed("07:00", "refused");
    const stored = await db.observation.findUniqueOrThrow({ where: { id: a } });
    expect(stored).toMatchObject({
      setStatus: "refused",
      statusReason: "declined, asleep",
      temperatureC: null,
      systolicBP: null,
    });
    expect(await auditActions(a)).toEqual(["observation.create"]);
    await missed("08:00", "not_possible");
    const third = await missed("09:00", "refused");
    const timeline = await loadPatientTimeline(ward.patientId, at("09:30"));
    const refusal = timeline?.graded.tasks.find((task) => task.kind === "ESC_REPEATED_REFUSAL");
    expect(refusal).toMatchObject({
      id: `ESC_REPEATED_REFUSAL:${third}`,
      role: "physician",
      raisedAt: at("09:00").toISOString(),
    });
    const due = timeline?.graded.timers.find((timer) => timer.kind === "OBS_DUE");
    expect(due?.dueAt).toBe(at("13:00").toISOString()); // restarted at the 4 h interval that applied before
  });

  it("needs a reason and a known status", async () => {
    const ward = await testWard();
    const noReason = await recordMissedSet(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("07:00").toISOString(), setStatus: "refused" },
      at("07:00"),
    );
    expect(noReason).toMatchObject({ ok: false, kind: "invalid" });
    const unknown = await recordMissedSet(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), effectiveAt: at("07:00").toISOString(), setStatus: "skipped", statusReason: "x" },
      at("07:00"),
    );
    expect(unknown).toMatchObject({ ok: false, kind: "invalid" });
  });
});
