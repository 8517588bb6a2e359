// ALERT-NO-FEVER on the board: the latest set's alert, an earlier one of the last 24 h, or none.
import { describe, expect, it } from "vitest";
import type { Alert } from "@/lib/engine";
import { noFeverOnBoard } from "./no-fever";

const now = new Date("2026-03-02T12:00:00Z");
const set = (at: string, status: "charted" | "refused" | "not_possible" = "charted") => ({ at, status });
const alert = (at: string, rule = "ALERT-NO-FEVER"): Alert => ({ rule, text: `${rule} at ${at}`, at, observationId: at });

describe("noFeverOnBoard", () => {
  it("shows the latest charted set's alert as current", () => {
    const graded = {
      observations: [set("2026-03-02T10:00:00Z"), set("2026-03-02T11:00:00Z")],
      alerts: [alert("2026-03-02T10:00:00Z"), alert("2026-03-02T11:00:00Z"), alert("2026-03-02T11:00:00Z", "ALERT-ICANS")],
    };
    expect(noFeverOnBoard(graded, now)).toEqual({
      text: "ALERT-NO-FEVER at 2026-03-02T11:00:00Z",
      at: "2026-03-02T11:00:00Z",
      current: true,
    });
  });

  it("a refused set after the alert does not make it earlier: only a charted set can show it settled", () => {
    const graded = {
      observations: [set("2026-03-02T10:00:00Z"), set("2026-03-02T11:00:00Z", "refused")],
      alerts: [alert("2026-03-02T10:00:00Z")],
    };
    expect(noFeverOnBoard(graded, now)?.current).toBe(true);
  });

  it("marks an alert as earlier when a later charted set raised none, and drops it after 24 h", () => {
    const graded = {
      observations: [set("2026-03-01T13:00:00Z"), set("2026-03-02T11:00:00Z")],
      alerts: [alert("2026-03-01T13:00:00Z")],
    };
    expect(noFeverOnBoard(graded, now)).toMatchObject({ at: "2026-03-01T13:00:00Z", current: false });
    expect(noFeverOnBoard(graded, new Date("2026-03-02T13:00:00Z"))).toBeNull();
  });

  it("is null with no such alert", () => {
    expect(
      noFeverOnBoard(
        { observations: [set("2026-03-02T11:00:00Z")], alerts: [alert("2026-03-02T11:00:00Z", "ALERT-ICANS")] },
        now,
      ),
    ).toBeNull();
  });
});
