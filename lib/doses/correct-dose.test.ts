// Amending and voiding doses on real SQLite: each is a new version; stale corrections
// are refused; an amended tocilizumab dose is checked against the limits like a new one.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { amendDose } from "@/lib/doses/amend-dose";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { recordDose } from "@/lib/doses/record-dose";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { auditActions, deniedEvents, formKey, testWard } from "@/lib/timeline/test-ward";
import type { CurrentUser } from "@/lib/auth/authorize";

const NOW = new Date("2026-03-02T12:00:00Z");
const on1st = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;
const toci = (effectiveAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  drug: "tocilizumab",
  doseMg: 560,
  route: "IV",
  effectiveAt,
  ...extra,
});

async function charted(user: CurrentUser, patientId: string, form: Record<string, unknown>) {
  const result = await recordDose(user, patientId, form, NOW);
  if (!result.ok) throw new Error(result.message);
  return result.value.doseId;
}

const versionsOf = (lineageId: string) =>
  db.medicationAdministration.findMany({ where: { lineageId }, orderBy: { version: "asc" } });

describe("amendDose", () => {
  it("stores version 2 with the reason and audits before and after", async () => {
    const { users, patientId } = await testWard();
    const v1 = await charted(users.nurse, patientId, {
      idempotencyKey: formKey(),
      drug: "dexamethasone",
      doseMg: 10,
      route: "IV",
      effectiveAt: on1st("08:00"),
    });
    const result = await amendDose(
      users.pharmacist,
      v1,
      {
        idempotencyKey: formKey(),
        drug: "dexamethasone",
        doseMg: 20,
        route: "IV",
        effectiveAt: on1st("08:00"),
        reason: "20 mg was given",
      },
      NOW,
    );
    if (!result.ok) throw new Error(result.message);
    const [first, second] = await versionsOf(v1);
    if (!second) throw new Error("expected a second version");
    expect(first).toMatchObject({ doseMg: 10, status: "final" });
    expect(second).toMatchObject({
      id: result.value.doseId,
      version: 2,
      supersedesId: v1,
      status: "amended",
      doseMg: 20,
      changeReason: "20 mg was given",
    });
    expect(await auditActions(second.id)).toEqual(["dose.amend"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: second.id } });
    expect(JSON.parse(event.before!)).toMatchObject({ doseMg: 10 });
    expect(JSON.parse(event.after!)).toMatchObject({ doseMg: 20 });
  });

  it("refuses a stale amendment, and lets one of two racing amendments win", async () => {
    const { users, patientId } = await testWard();
    const v1 = await charted(users.nurse, patientId, toci(on1st("08:00")));
    const amend = (user: CurrentUser, doseMg: number) =>
      amendDose(user, v1, toci(on1st("08:00"), { doseMg, reason: "Corrected" }), NOW);
    const race = await Promise.all([amend(users.nurse, 550), amend(users.physician, 540)]);
    expect(race.map((r) => (r.ok ? "ok" : r.kind)).sort()).toEqual(["ok", "stale_version"]);
    const stale = await amend(users.nurse, 530);
    expect(stale).toMatchObject({ ok: false, kind: "stale_version" });
    if (!stale.ok) expect(stale.message).toMatch(/^This dose was changed by Test (nurse|physician) at .* since you opened it/);
    expect(await versionsOf(v1)).toHaveLength(2);
  });

  it("checks an amended tocilizumab dose against the limits, with the same confirmation", async () => {
    const { users, patientId } = await testWard();
    await charted(users.nurse, patientId, toci(on1st("08:00")));
    const v1 = await charted(users.nurse, patientId, toci(on1st("20:00")));
    // The second dose was in fact given at 12:00: 4 h after the first.
    const unconfirmed = await amendDose(users.nurse, v1, toci(on1st("12:00"), { reason: "Wrong time" }), NOW);
    expect(unconfirmed).toMatchObject({ ok: false, kind: "limits_changed", conflict: { flags: ["TOCI_INTERVAL_UNDER_8H"] } });
    expect(await versionsOf(v1)).toHaveLength(1);
    const confirmed = await amendDose(
      users.nurse,
      v1,
      toci(on1st("12:00"), {
        reason: "Wrong time",
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
        overrideReason: "Consultant request",
      }),
      NOW,
    );
    if (!confirmed.ok) throw new Error(confirmed.message);
    expect(confirmed.value).toMatchObject({ flags: ["TOCI_INTERVAL_UNDER_8H"], awaitingOverrideConfirmation: true });
    expect(await auditActions(confirmed.value.doseId)).toEqual(["dose.amend", "dose.limit_override"]);
  });

  it("refuses an amendment without a reason, by an auditor, or of an unknown dose", async () => {
    const { users, patientId } = await testWard();
    const v1 = await charted(users.nurse, patientId, toci(on1st("08:00")));
    expect(await amendDose(users.nurse, v1, toci(on1st("08:00")), NOW)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await amendDose(users.auditor, v1, toci(on1st("08:00"), { reason: "x" }), NOW)).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(await deniedEvents(`amendDose ${v1}`)).toBe(1);
    expect(await amendDose(users.nurse, "nothing", toci(on1st("08:00"), { reason: "x" }), NOW)).toMatchObject({
      ok: false,
      kind: "not_found",
    });
    expect(await versionsOf(v1)).toHaveLength(1);
  });
});

describe("markDoseInError", () => {
  it("voids the dose: a new version keeps it in the history, and it no longer counts towards the limits", async () => {
    const { users, patientId } = await testWard();
    const v1 = await charted(users.nurse, patientId, toci(on1st("08:00")));
    const result = await markDoseInError(users.nurse, v1, { reason: "Charted on the wrong patient" }, NOW);
    if (!result.ok) throw new Error(result.message);
    const [, second] = await versionsOf(v1);
    if (!second) throw new Error("expected a second version");
    expect(second).toMatchObject({
      status: "entered_in_error",
      doseMg: 560,
      changeReason: "Charted on the wrong patient",
      supersedesId: v1,
    });
    expect(await auditActions(second.id)).toEqual(["dose.entered_in_error"]);
    const timeline = (await loadPatientTimeline(patientId, NOW))!;
    expect(timeline.doses).toHaveLength(0);
    expect(timeline.graded.tocilizumab.dosesTotal).toBe(0);
    // A dose 4 h later is no longer under the interval limit.
    expect((await recordDose(users.nurse, patientId, toci(on1st("12:00")), NOW)).ok).toBe(true);
    expect(await markDoseInError(users.nurse, v1, { reason: "again" }, NOW)).toMatchObject({ ok: false, kind: "stale_version" });
    expect(await markDoseInError(users.nurse, second.id, { reason: "again" }, NOW)).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    expect(await markDoseInError(users.nurse, second.id, { reason: "" }, NOW)).toMatchObject({ ok: false, kind: "invalid" });
  });
});
