/** TOCI-WEIGHT, TOCI-CONFIRM and ALERT-STEROID-PROPHYLAXIS rev 2 through evaluateTimeline. */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, HOUR, MINUTE, timeline } from "./test-fixtures";
import type { MedicationInput, TimelineOutput } from "./types";

const DAY_H = 24;
const alertsOf = (output: TimelineOutput, rule: string) => output.alerts.filter((alert) => alert.rule === rule);
const hoursFrom = (ms: number) => ms / HOUR;

describe("TOCI-WEIGHT: each dose uses the latest weight at or before it", () => {
  const history = {
    weightKg: 90, // ignored: a history exists
    weights: [
      { at: at(-48), kg: 70 },
      { at: at(10), kg: 40 },
    ],
  };

  it("a new weight never re-flags an earlier dose; the later dose is flagged against it", () => {
    const output = evaluateTimeline(
      timeline([], [dose("m1", 5, "tocilizumab", 560), dose("m2", 20, "tocilizumab", 560)], 21, history),
    );
    const [early, late] = output.medications;
    expect(early).toMatchObject({ flags: [], weightUsed: { kg: 70, measuredAt: at(-48) } });
    expect(late).toMatchObject({ flags: ["TOCI_DOSE_OVER_WEIGHT_BASED"], weightUsed: { kg: 40, measuredAt: at(10) } });
    expect(early?.reasons).toContainEqual(expect.objectContaining({ rule: "TOCI-WEIGHT" }));
    expect(output.tocilizumab).toMatchObject({ weightKg: 40, weightMeasuredAt: at(10), recommendedDoseMg: 320 });
  });

  it("a weight measured exactly at the dose applies to it", () => {
    const output = evaluateTimeline(timeline([], [dose("m1", 10, "tocilizumab", 560)], 11, history));
    expect(output.medications[0]).toMatchObject({ weightUsed: { kg: 40 }, flags: ["TOCI_DOSE_OVER_WEIGHT_BASED"] });
  });

  it("the over-weight-based boundary: 10 % above is not flagged, just above is", () => {
    // 40 kg -> 320 mg weight-based; 352 mg is exactly 10 % above.
    const at352 = evaluateTimeline(timeline([], [dose("m1", 20, "tocilizumab", 352)], 21, history));
    expect(at352.medications[0]?.flags).toEqual([]);
    const at353 = evaluateTimeline(timeline([], [dose("m1", 20, "tocilizumab", 353)], 21, history));
    expect(at353.medications[0]?.flags).toEqual(["TOCI_DOSE_OVER_WEIGHT_BASED"]);
  });

  it("a single weightKg applies to every dose, measuredAt null, never stale", () => {
    const output = evaluateTimeline(timeline([], [dose("m1", 30 * DAY_H, "tocilizumab", 560)], 30 * DAY_H + 1));
    expect(output.medications[0]).toMatchObject({ weightUsed: { kg: 70, measuredAt: null }, flags: [] });
    expect(alertsOf(output, "ALERT-WEIGHT-STALE")).toEqual([]);
    expect(output.tocilizumab).toMatchObject({ weightKg: 70, weightMeasuredAt: null, weightStale: false });
  });

  it("no weight at all: weightUsed null, no recommended dose", () => {
    const output = evaluateTimeline(timeline([], [dose("m1", 1, "tocilizumab", 560)], 2, { weightKg: null }));
    expect(output.medications[0]?.weightUsed).toBeNull();
    expect(output.tocilizumab).toMatchObject({ weightKg: null, recommendedDoseMg: null });
  });
});

describe("ALERT-WEIGHT-STALE", () => {
  const weighed = { weightKg: null, weights: [{ at: at(0), kg: 70 }] };
  const staleAfter = 7 * DAY_H;

  it("a dose before the first weight uses it and is stale ('dosed before any weight was measured')", () => {
    const output = evaluateTimeline(timeline([], [dose("m1", -1, "tocilizumab", 560)], 1, weighed));
    expect(output.medications[0]?.weightUsed).toEqual({ kg: 70, measuredAt: at(0) });
    expect(alertsOf(output, "ALERT-WEIGHT-STALE")).toEqual([
      expect.objectContaining({ medicationId: "m1", text: expect.stringContaining("Dosed before any weight was measured") }),
    ]);
  });

  it("exactly 7 days after the weight is not stale; one minute more is", () => {
    const exactly = evaluateTimeline(timeline([], [dose("m1", staleAfter, "tocilizumab", 560)], staleAfter, weighed));
    expect(alertsOf(exactly, "ALERT-WEIGHT-STALE")).toEqual([]);
    expect(exactly.tocilizumab.weightStale).toBe(false);
    const later = staleAfter + hoursFrom(MINUTE);
    const stale = evaluateTimeline(timeline([], [dose("m1", later, "tocilizumab", 560)], later, weighed));
    expect(alertsOf(stale, "ALERT-WEIGHT-STALE")[0]?.text).toContain("re-weigh before the next dose");
    expect(stale.tocilizumab.weightStale).toBe(true);
  });
});

describe("TOCI-CONFIRM: flags from the whole timeline; unconfirmed ones raise ALERT-UNCONFIRMED-LIMIT", () => {
  const confirmedThird: MedicationInput = {
    ...dose("m3", 20, "tocilizumab", 560),
    confirmedFlags: [],
    confirmedAt: at(20),
    confirmedBy: "Dr A",
  };

  it("a late earlier dose adds a flag to a later dose, which becomes unconfirmed and is named", () => {
    const before = evaluateTimeline(timeline([], [dose("m1", 0, "tocilizumab", 560), confirmedThird], 21));
    expect(before.medications.map((m) => m.unconfirmedFlags)).toEqual([[], []]);
    expect(alertsOf(before, "ALERT-UNCONFIRMED-LIMIT")).toEqual([]);

    const late = evaluateTimeline(
      timeline([], [dose("m1", 0, "tocilizumab", 560), confirmedThird, dose("m2", 15, "tocilizumab", 560)], 21),
    );
    const m3 = late.medications.find((m) => m.id === "m3");
    expect(m3).toMatchObject({ doseNumber: 3, flags: ["TOCI_INTERVAL_UNDER_8H"], unconfirmedFlags: ["TOCI_INTERVAL_UNDER_8H"] });
    const [alert] = alertsOf(late, "ALERT-UNCONFIRMED-LIMIT");
    expect(alert).toMatchObject({ medicationId: "m3", at: at(20) });
    expect(alert?.text).toContain("Tocilizumab dose 3 at 2026-03-02 02:00Z");
    expect(alert?.text).toContain("TOCI_INTERVAL_UNDER_8H");
  });

  it("a confirmed flag is no longer unconfirmed; each unconfirmed flag is named", () => {
    const output = evaluateTimeline(
      timeline(
        [],
        [
          dose("m1", 0, "tocilizumab", 560),
          {
            ...dose("m2", 1, "tocilizumab", 900),
            confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
            confirmedAt: at(1),
            confirmedBy: "Dr B",
          },
        ],
        2,
      ),
    );
    expect(output.medications[1]).toMatchObject({
      confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
      unconfirmedFlags: ["TOCI_DOSE_OVER_800MG", "TOCI_DOSE_OVER_WEIGHT_BASED"],
    });
    const text = alertsOf(output, "ALERT-UNCONFIRMED-LIMIT")[0]?.text ?? "";
    expect(text).toContain("TOCI_DOSE_OVER_800MG");
    expect(text).toContain("TOCI_DOSE_OVER_WEIGHT_BASED");
    expect(text).not.toContain("TOCI_INTERVAL_UNDER_8H");
  });
});

describe("ALERT-STEROID-PROPHYLAXIS: from the first corticosteroid until 7 days after the last", () => {
  const steroids = [dose("m1", 0, "dexamethasone", 10), dose("m2", 24, "betamethasone", 4)];
  const shown = (nowHours: number) => {
    const output = evaluateTimeline(timeline([], steroids, nowHours));
    return {
      alert: alertsOf(output, "ALERT-STEROID-PROPHYLAXIS").length,
      recommendation: output.recommendations.filter((r) => r.rule === "ALERT-STEROID-PROPHYLAXIS").length,
    };
  };

  it("shown 1 ms before 7 days after the last dose, gone at exactly 7 days", () => {
    const end = 24 + 7 * DAY_H;
    expect(shown(end - hoursFrom(1))).toEqual({ alert: 1, recommendation: 1 });
    expect(shown(end)).toEqual({ alert: 0, recommendation: 0 });
    expect(shown(0)).toEqual({ alert: 1, recommendation: 1 });
  });

  it("names since when and until when", () => {
    const output = evaluateTimeline(timeline([], steroids, 30));
    const [alert] = alertsOf(output, "ALERT-STEROID-PROPHYLAXIS");
    expect(alert).toMatchObject({ at: at(0), medicationId: "m1" });
    expect(alert?.text).toContain("shown until 2026-03-09 06:00Z");
  });
});
