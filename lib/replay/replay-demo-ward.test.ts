// The demo ward replayed an hour back (its own database: the seed fills an empty one only): its
// patients were admitted before their seeded history, so each is on the board then, with only the
// sets recorded by then.
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { db, writeTransaction } from "@/lib/db";
import { loadBoardReplay } from "@/lib/replay/replay-board";
import { DEMO_WARD, seedDemoWard } from "@/lib/seed/demo-ward";
import { loadWardBoard } from "@/lib/ward/ward-board";

describe("board replay of the demo ward", () => {
  it("shows every patient an hour back, each with only the sets recorded by then", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    await writeTransaction((tx) => seedDemoWard(tx, now));
    const nurse = await db.user.findFirstOrThrow({ where: { role: "nurse" } });
    const user = { id: nurse.id, username: nurse.username, displayName: nurse.displayName, role: nurse.role as Role };
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const replay = await loadBoardReplay(user, hourAgo.toISOString(), { wardId: DEMO_WARD.id }, now);
    if (!replay.ok) throw new Error(replay.message);
    const live = await loadWardBoard(now, { wardId: DEMO_WARD.id });
    expect(replay.value.rows.map((row) => row.patient.name).sort()).toEqual(live.map((row) => row.patient.name).sort());
    // Some patient had a set charted in the last hour: in the replay every latest set is older.
    expect(live.some((row) => Date.parse(row.lastObservationAt!) > hourAgo.getTime())).toBe(true);
    for (const row of replay.value.rows) expect(Date.parse(row.lastObservationAt!)).toBeLessThanOrEqual(hourAgo.getTime());
  });
});
