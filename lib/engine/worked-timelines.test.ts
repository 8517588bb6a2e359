/** Worked timelines from admission to improvement or escalation, read at several times of the day. */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { TimelineOutput } from "./types";

const grades = (output: TimelineOutput) => output.observations.map((o) => o.grade);
const rules = (items: { rule: string }[]) => items.map((item) => item.rule);
const timer = (output: TimelineOutput, kind: string) => output.timers.filter((t) => t.kind === kind);

describe("worked timeline: fever -> grade 2 -> tocilizumab x2 -> dexamethasone -> improvement", () => {
  const observations = [
    observation("o1", 0, { ...FEVER, temperatureC: 38.4 }), // 06:00 onset, grade 1
    observation("o2", 3, FEVER_HYPOTENSIVE), // 09:00 grade 2
    observation("o3", 6, { ...HYPOTENSIVE, temperatureC: 37.4, systolicBP: 86 }), // afebrile after toci, still hypotensive
    observation("o4", 12, { ...HYPOTENSIVE, temperatureC: 37.2, oxygen: { device: "nasal_cannula", flowLpm: 3 }, iceScore: 10 }),
    observation("o5", 18, { ...NORMAL, temperatureC: 37.0 }),
  ];
  const medications = [
    dose("m1", 2, "paracetamol", 1000, "PO"),
    dose("m2", 3.5, "tocilizumab", 560),
    dose("m3", 11.5, "tocilizumab", 560),
    dose("m4", 12.5, "dexamethasone", 10),
  ];

  it("at 06:00 (first fever): grade 1, ASTCT-G1, fever clock running", () => {
    const output = evaluateTimeline(timeline(observations.slice(0, 1), [], 0));
    expect(output).toMatchObject({ currentGrade: 1, maxGrade: 1, episodeStartedAt: at(0) });
    expect(rules(output.recommendations)).toEqual(["ASTCT-G1", "ASTCT-G1"]);
    expect(timer(output, "GRADE1_PROLONGED_24H")[0]).toMatchObject({ status: "running", dueAt: at(24) });
    expect(timer(output, "OBS_DUE")[0]?.dueAt).toBe(at(2));
  });

  it("at 09:00 (grade 2, before tocilizumab): tocilizumab 560 mg recommended now, grade-2 clock opened", () => {
    const output = evaluateTimeline(timeline(observations.slice(0, 2), medications.slice(0, 1), 3));
    expect(grades(output)).toEqual([1, 2]);
    expect(timer(output, "GRADE1_PROLONGED_24H")[0]).toMatchObject({ status: "superseded", closedAt: at(3) });
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "running", startedAt: at(3), dueAt: at(27) });
    expect(output.recommendations.find((r) => r.rule === "TOCI-DOSE")?.text).toBe(
      "Grade 2: tocilizumab 560 mg IV (8 mg/kg x 70 kg, max 800 mg), dose 1 of at most 4, eligible now (TOCI-DOSE)",
    );
    expect(output.tocilizumab).toEqual({
      dosesTotal: 0,
      dosesLast24h: 0,
      remainingTotal: 4,
      nextEligibleAt: at(3),
      recommendedDoseMg: 560,
      weightKg: 70,
      weightMeasuredAt: null,
      weightStale: false,
    });
  });

  it("at 18:00 (two doses given): hypotension persists -> dexamethasone q12h, redose clock running", () => {
    const output = evaluateTimeline(timeline(observations.slice(0, 4), medications.slice(0, 3), 12));
    expect(grades(output)).toEqual([1, 2, 2, 2]);
    expect(output.observations[2]?.reasons.map((r) => r.rule)).toContain("ASTCT-MASK");
    expect(output.medications.map((m) => [m.id, m.doseNumber, m.flags])).toEqual([
      ["m1", undefined, []],
      ["m2", 1, []],
      ["m3", 2, []],
    ]);
    expect(output.recommendations.map((r) => r.text)).toContain(
      "Hypotension persisting after 2 tocilizumab doses: dexamethasone 10 mg IV q12h (ASTCT-G2)",
    );
    expect(timer(output, "TOCI_REDOSE")[0]).toMatchObject({ startedAt: at(11.5), dueAt: at(19.5), status: "running" });
    expect(output.tocilizumab).toMatchObject({ dosesTotal: 2, dosesLast24h: 2, remainingTotal: 2, nextEligibleAt: at(19.5) });
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("running");
  });

  it("at 01:00 next day (after dexamethasone, improved): grade 0, clock resolved, antifungal prophylaxis", () => {
    const output = evaluateTimeline(timeline(observations, medications, 19));
    expect(grades(output)).toEqual([1, 2, 2, 2, 0]);
    expect(output).toMatchObject({ currentGrade: 0, maxGrade: 2, currentIcansGrade: 0, episodeStartedAt: at(0) });
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "resolved", closedAt: at(18) });
    expect(timer(output, "TOCI_REDOSE")).toEqual([]);
    expect(timer(output, "OBS_DUE")[0]).toMatchObject({ dueAt: at(22), status: "running" });
    expect(timer(output, "ICE_DUE")[0]).toMatchObject({ startedAt: at(12), dueAt: at(20), status: "running" });
    expect(rules(output.recommendations)).toEqual(["ALERT-STEROID-PROPHYLAXIS"]);
    expect(rules(output.alerts)).toEqual(["ALERT-STEROID-PROPHYLAXIS"]);
    expect(output.alerts[0]).toMatchObject({ at: at(12.5), medicationId: "m4" });
  });
});

describe("worked timeline: grade 2 without improvement -> overdue escalation", () => {
  const hourly = [4, 8, 12, 16, 20, 24].map((h) => observation(`o${h}`, h, { ...HYPOTENSIVE, temperatureC: 37.5 }));
  const observations = [observation("o0", 0, { ...FEVER_HYPOTENSIVE, temperatureC: 39 }), ...hourly];
  const medications = [dose("m1", 1, "tocilizumab", 560), dose("m2", 9, "tocilizumab", 560)];

  it("at 24 h the grade-2 clock is overdue and grade 3 management is owed", () => {
    const output = evaluateTimeline(timeline(observations, medications, 24));
    expect(new Set(grades(output))).toEqual(new Set([2]));
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")).toEqual([
      expect.objectContaining({ startedAt: at(0), dueAt: at(24), status: "overdue", closedAt: null }),
    ]);
    const escalation = output.recommendations.find((r) => r.timer === "GRADE2_NO_IMPROVEMENT_24H");
    expect(escalation).toEqual({
      rule: "ASTCT-G3",
      timer: "GRADE2_NO_IMPROVEMENT_24H",
      text: "No improvement within 24 h of grade 2 (since 2026-03-01 06:00Z): escalate to grade 3 management: ICU transfer, dexamethasone 10 mg IV q6h, echocardiogram (GRADE2_NO_IMPROVEMENT_24H overdue) (ASTCT-G3)",
    });
    expect(output.recommendations.find((r) => r.rule === "TOCI-DOSE")?.text).toContain("dose 3 of at most 4, eligible now");
    expect(timer(output, "TOCI_REDOSE")[0]?.status).toBe("overdue");
  });

  it("one hour earlier the same clock is still running and no escalation is shown", () => {
    const output = evaluateTimeline(timeline(observations.slice(0, -1), medications, 23));
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")[0]?.status).toBe("running");
    expect(output.recommendations.some((r) => r.rule === "ASTCT-G3")).toBe(false);
  });

  it("a vasopressor after the due time: grade 3, the overdue clock is closed but stays overdue", () => {
    const worse = observation("o25", 25, {
      ...HYPOTENSIVE,
      temperatureC: 37.5,
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.1 }],
    });
    const output = evaluateTimeline(timeline([...observations, worse], medications, 25));
    expect(output.currentGrade).toBe(3);
    expect(timer(output, "GRADE2_NO_IMPROVEMENT_24H")[0]).toMatchObject({ status: "overdue", closedAt: at(25) });
    expect(rules(output.recommendations)).toEqual(["ASTCT-G3", "ASTCT-G3", "ASTCT-G3", "TOCI-DOSE"]);
  });

  it("four doses given and still grade 2: no more tocilizumab, refractory options", () => {
    const four = [...medications, dose("m3", 17, "tocilizumab", 560), dose("m4", 25, "tocilizumab", 560)];
    const output = evaluateTimeline(
      timeline([...observations, observation("o26", 26, { ...HYPOTENSIVE, temperatureC: 37 })], four, 26),
    );
    expect(output.tocilizumab).toMatchObject({ dosesTotal: 4, remainingTotal: 0, nextEligibleAt: null });
    expect(rules(output.recommendations)).toContain("ASTCT-REFRACTORY");
    expect(rules(output.recommendations)).not.toContain("TOCI-DOSE");
    expect(timer(output, "TOCI_REDOSE")).toEqual([]);
  });

  it("a fifth dose is charted with its flag, never dropped", () => {
    const five = [0, 8, 24, 32, 40].map((h, i) => dose(`t${i + 1}`, h, "tocilizumab", 560));
    const output = evaluateTimeline(timeline(observations, five, 41));
    expect(output.medications.map((m) => m.flags)).toEqual([[], [], [], [], ["TOCI_MAX_4_TOTAL"]]);
    expect(output.tocilizumab).toMatchObject({ dosesTotal: 5, remainingTotal: 0, nextEligibleAt: null });
  });
});
