// Issue 12, point 7: refused requests from nobody are coalesced per client address and window, so
// 50 refusals do not make 50 audit rows, and the count is still kept in the trail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import { closeFinishedDenialWindows, DENIAL_WINDOW_MINUTES } from "@/lib/auth/anonymous-denials";
import { testWard } from "@/lib/timeline/test-ward";

const T0 = new Date("2026-03-01T08:01:00Z");
const later = new Date(T0.getTime() + (DENIAL_WINDOW_MINUTES + 1) * 60_000);

const deniedRows = () => db.auditEvent.findMany({ where: { action: { in: ["auth.denied", "auth.denied_repeated"] } } });
const countIn = (rows: { action: string; after: string | null }[], address: string) =>
  rows
    .map((row) => ({ action: row.action, after: JSON.parse(row.after ?? "{}") as { clientAddress?: string; repeats?: number } }))
    .filter((row) => row.after.clientAddress === address)
    .reduce((sum, row) => sum + (row.action === "auth.denied" ? 1 : (row.after.repeats ?? 0)), 0);

describe("refusals of nobody are coalesced", () => {
  it("50 refused anonymous requests from one address make one audit row at once and keep the count of 50", async () => {
    const before = (await deniedRows()).length;
    for (let i = 0; i < 50; i++) {
      const denial = await authorize(null, "clinical:view", `/api/patients/p${i}/timeline`, {
        clientAddress: "198.51.100.1",
        now: T0,
      });
      expect(denial).toMatchObject({ status: 401 });
    }
    await authorize(null, "clinical:view", "/", { clientAddress: "198.51.100.2", now: T0 });
    const during = (await deniedRows()).length - before;
    console.log(`anonymous refusals: 51 requests from 2 addresses, ${during} audit rows while the window is open`);
    expect(during).toBe(2);

    // The window closes: its count is written as one event.
    expect(await closeFinishedDenialWindows(later)).toBe(1);
    const rows = await deniedRows();
    console.log(`after the window: ${rows.length - before} audit rows, count kept ${countIn(rows, "198.51.100.1")}`);
    expect(rows.length - before).toBe(3);
    expect(countIn(rows, "198.51.100.1")).toBe(50);
    expect(countIn(rows, "198.51.100.2")).toBe(1);
    expect(await db.anonymousDenialCount.count()).toBe(0);
  });

  it("a signed-in user's refusals stay one event each (an accountable person)", async () => {
    const { users } = await testWard();
    const before = await db.auditEvent.count({ where: { action: "auth.denied", actorId: users.nurse.id } });
    for (let i = 0; i < 3; i++) await authorize(users.nurse, "users:manage", "/admin/users", { clientAddress: "10.0.0.9" });
    expect(await db.auditEvent.count({ where: { action: "auth.denied", actorId: users.nurse.id } })).toBe(before + 3);
  });
});
