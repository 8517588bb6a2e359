// The board loaded from the demo ward (its order is lib/ward/acuity.ts, tested beside it).
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { sortByAcuity } from "@/lib/ward/acuity";
import { acuityFactsOf, loadWardBoard, taskCounts } from "@/lib/ward/ward-board";

describe("loadWardBoard", () => {
  it("grades every active patient of the demo ward and orders them by acuity", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    await writeTransaction((tx) => seedDemoWard(tx, now));
    const board = await loadWardBoard(now);
    expect(board).toHaveLength(9);
    expect(sortByAcuity(board, acuityFactsOf).map((r) => r.patient.id)).toEqual(board.map((r) => r.patient.id));
    const byName = Object.fromEntries(board.map((r) => [r.patient.name, r]));
    // Section 8: late tasks first (the demo ward's charting has escalations nobody has answered yet),
    // among them by the highest of CRS, ICANS and NEWS2 band; then the others by the same rank:
    // the ICANS grade 2 patient above the grade-1 fevers, the grade-0 patient last.
    expect(board.map((r) => r.patient.name)).toEqual([
      "Ivan Longstay",
      "Dmitri Pressor",
      "Clara Twelve",
      "Eva Fourdoses",
      "Grace Resolved",
      "Farid Neuro",
      "Bruno Fever",
      "Hiro Bispecific",
      "Alice Afebrile",
    ]);
    expect(board.slice(0, 5).every((row) => taskCounts(row).late > 0)).toBe(true);
    expect(byName["Clara Twelve"]?.currentNews2).toEqual({ score: 7, complete: false, band: "high" });
    expect(byName["Farid Neuro"]).toMatchObject({ currentIcansGrade: 2, currentNews2: { band: "low_medium", complete: true } });
    expect(byName["Eva Fourdoses"]?.tocilizumab).toMatchObject({ dosesTotal: 4, remainingTotal: 0, nextEligibleAt: null });
    expect(byName["Dmitri Pressor"]).toMatchObject({ currentGrade: 3, maxGrade: 3 });
    expect(byName["Ivan Longstay"]?.dayPlusN).toBe(30);
    expect(byName["Alice Afebrile"]).toMatchObject({ currentGrade: 0, episodeStartedAt: null, dayPlusN: 1 });
    for (const entry of board) {
      expect(entry.timers.every((t) => t.status === "running" || (t.status === "overdue" && !t.closedAt))).toBe(true);
      expect(entry.lastObservationAt).not.toBeNull();
      expect(entry.observationsDue.map((d) => d.kind)).toContain("OBS_DUE");
    }
    expect(await loadWardBoard(now, { wardId: "no-such-ward" })).toEqual([]);

    // Late tasks lead the board (section 8): no row without one is above a row with one.
    const late = board.map((row) => taskCounts(row).late > 0);
    expect(late.slice(late.indexOf(false)).every((isLate) => !isLate)).toBe(true);
  });
});
