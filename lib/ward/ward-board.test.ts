// The board loaded from the demo ward (its order is lib/ward/acuity.ts, tested beside it).
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { sortByAcuity } from "@/lib/ward/acuity";
import { acuityFactsOf, loadWardBoard } from "@/lib/ward/ward-board";

describe("loadWardBoard", () => {
  it("grades every active patient of the demo ward and orders them by acuity", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    await writeTransaction((tx) => seedDemoWard(tx, now));
    const board = await loadWardBoard(now);
    expect(board).toHaveLength(9);
    expect(sortByAcuity(board, acuityFactsOf).map((r) => r.patient.id)).toEqual(board.map((r) => r.patient.id));
    const byName = Object.fromEntries(board.map((r) => [r.patient.name, r]));
    // Section 8: NEWS2 high ranks with grade 3, so the two grade-2 patients at "at least 7" and the
    // grade-3 patient on a vasopressor share the top rank (then bed); the ICANS grade 2 patient sits
    // above the grade-1 fevers; the grade-0 patients with overdue vital signs follow, by bed.
    expect(board.map((r) => r.patient.name)).toEqual([
      "Clara Twelve",
      "Eva Fourdoses",
      "Dmitri Pressor",
      "Farid Neuro",
      "Bruno Fever",
      "Hiro Bispecific",
      "Alice Afebrile",
      "Grace Resolved",
      "Ivan Longstay",
    ]);
    expect(byName["Clara Twelve"]?.currentNews2).toEqual({ score: 7, complete: false, band: "high" });
    expect(byName["Farid Neuro"]).toMatchObject({ currentIcansGrade: 2, currentNews2: { band: "low_medium", complete: true } });
    expect(byName["Farid Neuro"]?.tasks).toEqual({ late: 0, open: 0 });
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

    // Task counts passed in: a late task leads the board, an open one leads its rank.
    const ivan = byName["Ivan Longstay"]!.patient.id;
    const hiro = byName["Hiro Bispecific"]!.patient.id;
    const withTasks = await loadWardBoard(now, {
      taskCounts: new Map([
        [ivan, { late: 1, open: 0 }],
        [hiro, { late: 0, open: 1 }],
      ]),
    });
    expect(withTasks.map((r) => r.patient.name).slice(0, 5)).toEqual([
      "Ivan Longstay",
      "Clara Twelve",
      "Eva Fourdoses",
      "Dmitri Pressor",
      "Farid Neuro",
    ]);
    expect(withTasks[5]?.patient.name).toBe("Hiro Bispecific");
  });
});
