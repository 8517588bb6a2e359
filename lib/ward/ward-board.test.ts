// The ward board's acuity order (a pure function) and the board loaded from the demo ward.
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import type { Timer } from "@/lib/engine";
import { seedDemoWard } from "@/lib/seed/demo-ward";
import { compareWardRows, loadWardBoard, overdueEscalation, sortWardBoard, type WardBoardSortable } from "@/lib/ward/ward-board";

const timer = (kind: Timer["kind"], status: Timer["status"], closedAt: string | null = null): Timer => ({
  kind,
  status,
  closedAt,
  startedAt: "2026-03-01T00:00:00.000Z",
  dueAt: "2026-03-02T00:00:00.000Z",
  reasons: [],
});

const row = (
  bed: string,
  currentGrade: WardBoardSortable["currentGrade"],
  timers: Timer[] = [],
  obsOverdue = false,
): WardBoardSortable => ({
  patient: { bed },
  currentGrade,
  timers,
  observationsDue: [{ kind: "OBS_DUE", dueAt: "2026-03-02T00:00:00.000Z", status: obsOverdue ? "overdue" : "running" }],
});

describe("sortWardBoard", () => {
  it("puts an owed escalation first (grade 2 before grade 1), then grade, then overdue observations, then bed", () => {
    const rows = [
      row("4A-10", 0),
      row("4A-2", 0),
      row("4A-3", 0, [], true),
      row("ICU-1", 4),
      row("4A-7", 1, [timer("GRADE1_PROLONGED_24H", "overdue")]),
      row("4A-8", 2, [timer("GRADE2_NO_IMPROVEMENT_24H", "overdue")]),
      row("4A-9", 3, [timer("GRADE2_NO_IMPROVEMENT_24H", "superseded")]),
      row("4A-1", 2, [timer("GRADE2_NO_IMPROVEMENT_24H", "running")], true),
      row("4A-4", 2, [timer("GRADE2_NO_IMPROVEMENT_24H", "running")]),
    ];
    expect(sortWardBoard(rows).map((r) => r.patient.bed)).toEqual([
      "4A-8",
      "4A-7",
      "ICU-1",
      "4A-9",
      "4A-1",
      "4A-4",
      "4A-3",
      "4A-2",
      "4A-10",
    ]);
  });

  it("does not count an overdue clock that has since closed (the patient improved after the due time)", () => {
    const closed = row("4A-1", 1, [timer("GRADE2_NO_IMPROVEMENT_24H", "overdue", "2026-03-02T01:00:00.000Z")]);
    expect(overdueEscalation(closed)).toBe(0);
    expect(compareWardRows(closed, row("4A-2", 2))).toBeGreaterThan(0);
  });

  it("leaves its input untouched", () => {
    const rows = [row("B", 0), row("A", 0)];
    sortWardBoard(rows);
    expect(rows.map((r) => r.patient.bed)).toEqual(["B", "A"]);
  });
});

describe("loadWardBoard", () => {
  it("grades every active patient of the demo ward and orders them by acuity", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    await writeTransaction((tx) => seedDemoWard(tx, now));
    const board = await loadWardBoard(now);
    expect(board).toHaveLength(9);
    expect(sortWardBoard(board).map((r) => r.patient.id)).toEqual(board.map((r) => r.patient.id));
    const byName = Object.fromEntries(board.map((r) => [r.patient.name, r]));
    // Grade 2 for more than a day with no improvement: the owed escalation leads the board.
    expect(board[0]?.patient.name).toBe("Eva Fourdoses");
    expect(overdueEscalation(board[0]!)).toBe(2);
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
  });
});
