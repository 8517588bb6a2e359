import { describe, it, expect } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { seedDemoWard } from "@/lib/seed/demo-ward";

const NOW = new Date("2026-11-22T12:07:00Z");

describe("demo ward seed", () => {
  it("seeds once, and a second run adds nothing", async () => {
    const first = await writeTransaction((tx) => seedDemoWard(tx, NOW));
    expect(first.seeded).toBe(true);
    const counts = async () => ({
      patients: await db.patient.count(),
      observations: await db.observation.count(),
      doses: await db.medicationAdministration.count(),
      users: await db.user.count(),
      audit: await db.auditEvent.count(),
    });
    const before = await counts();
    expect(before.patients).toBe(9);
    expect(before.users).toBe(5);
    const second = await writeTransaction((tx) => seedDemoWard(tx, NOW));
    expect(second.seeded).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("includes the 30-day, 15-minute patient and every fact has an audit event", async () => {
    const long = await db.patient.findUniqueOrThrow({
      where: { mrn: "MRN100099" },
      include: { _count: { select: { observations: true, doses: true } } },
    });
    expect(long._count.observations).toBe(2880);
    expect(long._count.doses).toBe(12);
    const created = await db.auditEvent.count({ where: { action: "observation.create" } });
    expect(created).toBe(await db.observation.count());
  });

  it("places timelines relative to now, on the quarter hour", async () => {
    const latest = await db.observation.findFirstOrThrow({ orderBy: { effectiveAt: "desc" } });
    expect(latest.effectiveAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(latest.effectiveAt.getUTCMinutes() % 15).toBe(0);
  });
});
