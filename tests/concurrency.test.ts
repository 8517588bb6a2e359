// Many people charting at once, on real SQLite through the real write functions: 20 clients each
// chart 10 observations (distinct submission keys) while some submit the same form twice at once,
// and on several patients two physicians race to chart a 4th tocilizumab dose, each confirming the
// limits they saw with 3 doses. Every acknowledged write must be stored exactly once with its
// audit event, the flags must be those of the dose as it was stored, and each race's loser gets
// 409 with the limits as they are now.
import { describe, it, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { recordDose } from "@/lib/doses/record-dose";
import { previewDose } from "@/lib/doses/preview-dose";
import { testWard, type TestWard } from "@/lib/timeline/test-ward";

const NOW = new Date("2026-03-01T12:00:00Z");
const CLIENTS = 20;
const PER_CLIENT = 10;
const DUPLICATE_CLIENTS = 5;
const RACES = 5;

const figures = {
  observationWritesAcknowledged: 0,
  observationsStored: 0,
  duplicateSubmits: 0,
  duplicatesStoredTwice: 0,
  doseRaces: RACES,
  raceWinners: 0,
  race409s: 0,
  racesWithOtherOutcome: 0,
};

const toci = (effectiveAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  drug: "tocilizumab",
  doseMg: "560",
  route: "IV",
  effectiveAt,
  ...extra,
});

let wards: TestWard[] = [];
let racePatients: TestWard[] = [];

beforeAll(async () => {
  wards = [];
  for (let i = 0; i < 4; i++) wards.push(await testWard({ bed: `C-${i}` }));
  racePatients = [];
  for (let i = 0; i < RACES; i++) {
    const ward = await testWard({ bed: `R-${i}` });
    // Three doses 8 h apart, the last 4 h ago: no limit broken yet.
    for (const at of ["2026-02-28T16:00:00Z", "2026-03-01T00:00:00Z", "2026-03-01T08:00:00Z"]) {
      const given = await recordDose(ward.users.physician, ward.patientId, toci(at), NOW);
      if (!given.ok || given.value.flags.length) throw new Error(`prior dose: ${JSON.stringify(given)}`);
    }
    racePatients.push(ward);
  }
});

describe("concurrent charting", () => {
  it("stores every acknowledged observation exactly once, with its audit event, while two physicians race for each 4th tocilizumab dose", async () => {
    // What both physicians saw before charting: a 4th dose now breaks the 24-hour and interval limits.
    const fourthAt = "2026-03-01T11:55:00Z";
    const seen = await Promise.all(racePatients.map((w) => previewDose(w.users.physician, w.patientId, toci(fourthAt), NOW)));
    for (const preview of seen) {
      if (!preview.ok) throw new Error(preview.message);
      expect(preview.value.doseNumber).toBe(4);
      expect([...preview.value.flags].sort()).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H"]);
    }
    const confirmed = seen.map((p) => (p.ok ? p.value.flags : []));

    const observationKeys: { key: string; patientId: string }[] = [];
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      const ward = wards[client % wards.length];
      if (!ward) throw new Error("no wards");
      const user = client % 2 ? ward.users.nurse : ward.users.physician;
      for (let i = 0; i < PER_CLIENT; i++) {
        const key = `obs-${client}-${i}-${randomUUID()}`;
        const form = {
          idempotencyKey: key,
          effectiveAt: new Date(NOW.getTime() - (client * PER_CLIENT + i) * 60_000).toISOString(),
          temperature: String(37 + (i % 10) / 10),
          heartRate: String(80 + client),
        };
        // Some clients double-submit one form: both answers must name the same stored observation.
        const submits = client < DUPLICATE_CLIENTS && i === 0 ? [form, { ...form }] : [form];
        const results = await Promise.all(submits.map((f) => recordObservation(user, ward.patientId, f, NOW)));
        for (const result of results) {
          expect(result.ok ? "ok" : result.message).toBe("ok");
          if (result.ok) figures.observationWritesAcknowledged++;
        }
        if (submits.length === 2) {
          figures.duplicateSubmits++;
          const [a, b] = results;
          if (a?.ok && b?.ok) expect(a.value.observationId).toBe(b.value.observationId);
        }
        observationKeys.push({ key, patientId: ward.patientId });
      }
    });
    const races = racePatients.map(async (ward, r) => {
      const form = { confirmedFlags: confirmed[r], overrideReason: "Refractory CRS, discussed with the consultant" };
      const attempts = await Promise.all([
        recordDose(ward.users.physician, ward.patientId, toci(fourthAt, form), NOW),
        recordDose(ward.users.physician, ward.patientId, toci(fourthAt, form), NOW),
      ]);
      const outcomes = attempts.map((a) => (a.ok ? "ok" : a.kind)).sort();
      if (outcomes[0] === "limits_changed" && outcomes[1] === "ok") {
        figures.raceWinners++;
        figures.race409s++;
      } else figures.racesWithOtherOutcome++;
      const loser = attempts.find((a) => !a.ok);
      if (loser && !loser.ok) {
        expect(loser.conflict?.flags.sort()).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H", "TOCI_MAX_4_TOTAL"]);
        expect(loser.message.length).toBeGreaterThan(0);
      }
      return attempts;
    });
    const [, raceResults] = await Promise.all([Promise.all(clients), Promise.all(races)]);

    // Every acknowledged observation is stored exactly once, with exactly one creation event.
    const keys = observationKeys.map((o) => o.key);
    const stored = await db.observation.findMany({
      where: { idempotencyKey: { in: keys } },
      select: { id: true, idempotencyKey: true },
    });
    figures.observationsStored = stored.length;
    expect(stored).toHaveLength(CLIENTS * PER_CLIENT);
    expect(new Set(stored.map((s) => s.idempotencyKey)).size).toBe(CLIENTS * PER_CLIENT);
    figures.duplicatesStoredTwice = stored.length - new Set(stored.map((s) => s.idempotencyKey)).size;
    // Each key is bound to the observation it stored.
    const submitted = await db.submissionKey.findMany({ where: { key: { in: keys } }, select: { key: true, resultId: true } });
    expect(new Map(submitted.map((s) => [s.key, s.resultId]))).toEqual(new Map(stored.map((s) => [s.idempotencyKey, s.id])));
    const audited = await db.auditEvent.groupBy({
      by: ["entityId"],
      where: { action: "observation.create", entityId: { in: stored.map((s) => s.id) } },
      _count: true,
    });
    expect(audited).toHaveLength(stored.length);
    expect(audited.every((a) => a._count === 1)).toBe(true);
    expect(figures.observationWritesAcknowledged).toBe(CLIENTS * PER_CLIENT + DUPLICATE_CLIENTS);

    // Each race: one 4th dose stored, flagged as confirmed, confirmed by its physician; never a 5th.
    expect(figures.racesWithOtherOutcome).toBe(0);
    for (const [r, ward] of racePatients.entries()) {
      const doses = await db.medicationAdministration.findMany({
        where: { patientId: ward.patientId, drug: "tocilizumab" },
        orderBy: { effectiveAt: "asc" },
      });
      expect(doses).toHaveLength(4);
      const fourth = doses[3]!;
      expect(fourth.flagsAtCharting.split(",").sort()).toEqual(["TOCI_INTERVAL_UNDER_8H", "TOCI_MAX_3_PER_24H"]);
      expect(fourth.overrideConfirmedById).toBe(ward.users.physician.id);
      const winner = raceResults[r]?.find((a) => a.ok);
      expect(winner && winner.ok && winner.value.doseId).toBe(fourth.id);
      expect(
        await db.auditEvent.count({ where: { entityId: fourth.id, action: { in: ["dose.create", "dose.limit_override"] } } }),
      ).toBe(2);
    }
    console.log("concurrency:", JSON.stringify(figures));
  });
});
