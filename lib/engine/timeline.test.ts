import { describe, expect, it } from "vitest";
import { compareGrades, lateEntryAlerts } from "./alerts";
import { evaluateTimeline, MissingNowError } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { TimelineOutput } from "./types";

const grades = (output: TimelineOutput) => output.observations.map((o) => o.grade);
const rules = (items: { rule: string }[]) => items.map((item) => item.rule);

describe("evaluateTimeline", () => {
  it("needs now: the engine never reads the clock", () => {
    const input = timeline([observation("o1", 0, FEVER)]);
    expect(() => evaluateTimeline({ ...input, now: undefined })).toThrow(MissingNowError);
  });

  it("orders by instant, not by text, and outputs UTC ISO", () => {
    const output = evaluateTimeline({
      patient: { id: "p1" },
      observations: [
        { id: "late", at: "2026-03-01T07:00:00Z", temperatureC: 37 },
        { id: "early", at: "2026-03-01T07:30:00+01:00", temperatureC: 38.2 }, // 06:30Z
      ],
      medications: [],
      now: "2026-03-01T08:00:00+00:00",
    });
    expect(output.observations.map((o) => [o.id, o.at])).toEqual([
      ["early", "2026-03-01T06:30:00.000Z"],
      ["late", "2026-03-01T07:00:00.000Z"],
    ]);
    expect(output.episodeStartedAt).toBe("2026-03-01T06:30:00.000Z");
  });

  it("breaks ties at the same instant by id", () => {
    const output = evaluateTimeline(timeline([observation("b", 0, FEVER), observation("a", 0, NORMAL)]));
    expect(output.observations.map((o) => o.id)).toEqual(["a", "b"]);
    expect(output.currentGrade).toBe(1);
  });

  it("an observation at the same instant as the first fever is in the episode", () => {
    const masked = evaluateTimeline(
      timeline([observation("a", 0, HYPOTENSIVE), observation("b", 0, FEVER)], [dose("m1", 0, "dexamethasone", 10)]),
    );
    expect(grades(masked)).toEqual([2, 1]);
  });

  it("vasopressor before the onset: grade 0 with ALERT-NO-FEVER", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, { ...NORMAL, systolicBP: 80, diastolicBP: 45, vasopressors: [{ agent: "norepinephrine" }] })],
        [],
        1,
      ),
    );
    expect(output.currentGrade).toBe(0);
    expect(output.episodeStartedAt).toBeNull();
    expect(output.alerts).toEqual([expect.objectContaining({ rule: "ALERT-NO-FEVER", at: at(0), observationId: "o1" })]);
  });

  it("a drug given before the onset (premedication) does not mask fever", () => {
    const output = evaluateTimeline(
      timeline([observation("o1", 0, FEVER), observation("o2", 2, HYPOTENSIVE)], [dose("m1", -1, "paracetamol", 1000, "PO")], 3),
    );
    expect(grades(output)).toEqual([1, 0]);
    expect(output.medications[0]?.reasons[0]?.text).toContain("premedication");
    expect(rules(output.alerts)).toEqual(["ALERT-NO-FEVER"]);
  });

  it("antipyretics mask fever only with antipyreticsMaskFever (patient setting outranks ward setting)", () => {
    const facts = timeline(
      [observation("o1", 0, FEVER), observation("o2", 2, HYPOTENSIVE)],
      [dose("m1", 1, "ibuprofen", 400, "PO")],
      3,
    );
    expect(grades(evaluateTimeline(facts))).toEqual([1, 2]);
    expect(grades(evaluateTimeline(facts, { antipyreticsMaskFever: false }))).toEqual([1, 0]);
    const patientSays = { ...facts, patient: { ...facts.patient, antipyreticsMaskFever: true } };
    expect(grades(evaluateTimeline(patientSays, { antipyreticsMaskFever: false }))).toEqual([1, 2]);
    // anti-cytokine drugs always mask
    const toci = timeline(
      [observation("o1", 0, FEVER), observation("o2", 2, HYPOTENSIVE)],
      [dose("m1", 1, "tocilizumab", 560)],
      3,
    );
    expect(grades(evaluateTimeline(toci, { antipyreticsMaskFever: false }))).toEqual([1, 2]);
  });

  it("currentIcansGrade is the latest assessment, null when never assessed", () => {
    expect(evaluateTimeline(timeline([observation("o1", 0, FEVER)])).currentIcansGrade).toBeNull();
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER, iceScore: 6 }),
          observation("o2", 1, { ...FEVER, iceScore: 10 }),
          observation("o3", 2, FEVER),
        ],
        [],
        2,
      ),
    );
    expect(output.observations.map((o) => o.icansGrade)).toEqual([2, 0, null]);
    expect(output.currentIcansGrade).toBe(0);
    expect(rules(output.alerts)).not.toContain("ALERT-ICANS");
  });

  it("ALERT-ICANS for a current ICANS grade >= 1", () => {
    const output = evaluateTimeline(timeline([observation("o1", 0, { ...FEVER, iceScore: 8 })], [], 1));
    expect(output.alerts).toEqual([
      {
        rule: "ALERT-ICANS",
        text: "ICANS grade 1 at 2026-03-01 06:00Z (CRS grade 1): avoid CNS-depressing drugs (ALERT-ICANS)",
        at: at(0),
        observationId: "o1",
      },
    ]);
  });

  it("grade 3 and grade 4 recommendations", () => {
    const grade3 = evaluateTimeline(
      timeline([observation("o1", 0, { ...FEVER, oxygen: { device: "high_flow_nasal_cannula", flowLpm: 40 } })]),
    );
    expect(grade3.currentGrade).toBe(3);
    expect(grade3.observations[0]?.reasons.find((r) => r.rule === "ASTCT-HYPOXIA")?.text).toBe(
      "Oxygen grade 3: high-flow nasal cannula 40 L/min (ASTCT-HYPOXIA)",
    );
    expect(grade3.recommendations.map((r) => r.text)).toContain("Dexamethasone 10 mg IV q6h (ASTCT-G3)");
    const grade4 = evaluateTimeline(timeline([observation("o1", 0, { ...FEVER, oxygen: { device: "bipap" } })]));
    expect(grade4.currentGrade).toBe(4);
    expect(grade4.recommendations.map((r) => r.text)).toContain(
      "High-dose methylprednisolone 500-1000 mg IV q12h for 3 days, then taper (ASTCT-G4)",
    );
  });

  it("ASTCT-REFRACTORY after tocilizumab and steroids without response", () => {
    const output = evaluateTimeline(
      timeline(
        [
          observation("o1", 0, { ...FEVER_HYPOTENSIVE, vasopressors: [{ agent: "norepinephrine" }] }),
          observation("o2", 6, { ...HYPOTENSIVE, vasopressors: [{ agent: "norepinephrine" }] }),
        ],
        [dose("m1", 1, "tocilizumab", 560), dose("m2", 2, "dexamethasone", 10)],
        6,
      ),
    );
    expect(output.currentGrade).toBe(3);
    expect(output.recommendations.find((r) => r.rule === "ASTCT-REFRACTORY")?.text).toBe(
      "Grade 3 after tocilizumab and corticosteroids: if no response, consider anakinra, siltuximab, ruxolitinib (ASTCT-REFRACTORY)",
    );
  });

  it("three doses in the last 24 h at grade 2: refractory prompt, next dose not before 24 h after the first", () => {
    const output = evaluateTimeline(
      timeline(
        [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 17, HYPOTENSIVE)],
        [0, 8, 16].map((h, i) => dose(`m${i}`, h, "tocilizumab", 560)),
        17,
      ),
    );
    expect(output.tocilizumab).toMatchObject({ dosesLast24h: 3, nextEligibleAt: at(24) });
    expect(output.recommendations.find((r) => r.rule === "ASTCT-REFRACTORY")?.text).toContain("3 doses in the last 24 h");
    expect(output.recommendations.find((r) => r.rule === "TOCI-DOSE")?.text).toContain("next eligible 2026-03-02 06:00Z");
  });

  it("weight missing: no recommended dose and no weight flag", () => {
    const output = evaluateTimeline(
      timeline([observation("o1", 0, FEVER_HYPOTENSIVE)], [dose("m1", 1, "tocilizumab", 790)], 2, { weightKg: null }),
    );
    expect(output.tocilizumab.recommendedDoseMg).toBeNull();
    expect(output.medications[0]?.flags).toEqual([]);
    expect(output.recommendations.find((r) => r.rule === "TOCI-DOSE")?.text).toContain("weight not charted");
  });

  it("grade 5 is charted, never inferred; no observation or ICE clock after it", () => {
    const output = evaluateTimeline(
      timeline([observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 5, { crsDeath: true })], [], 6),
    );
    expect(grades(output)).toEqual([2, 5]);
    expect(output.maxGrade).toBe(5);
    expect(output.recommendations).toEqual([]);
    expect(output.timers.map((t) => [t.kind, t.status])).toEqual([["GRADE2_NO_IMPROVEMENT_24H", "superseded"]]);
  });

  it("does not modify its input", () => {
    const input = timeline([observation("o2", 2, FEVER), observation("o1", 0, NORMAL)], [dose("m1", 1, "tocilizumab", 560)], 3);
    const copy = structuredClone(input);
    evaluateTimeline(input);
    expect(input).toEqual(copy);
  });
});

describe("ALERT-LATE-ENTRY (compareGrades / lateEntryAlerts)", () => {
  const charted = [observation("o2", 2, HYPOTENSIVE), observation("o3", 3, NORMAL)];
  const before = evaluateTimeline(timeline(charted, [], 4));
  // Charted at 10:00 but effective 07:00: a fever and paracetamol at 07:30 that nobody had entered.
  const after = evaluateTimeline(
    timeline([observation("o1", 1, FEVER), ...charted], [dose("m1", 1.5, "paracetamol", 1000, "PO")], 4),
  );

  it("lists observations whose grade changed, with the old and new grade", () => {
    expect(grades(before)).toEqual([0, 0]);
    expect(grades(after)).toEqual([1, 2, 0]);
    expect(compareGrades(before, after)).toEqual([{ id: "o2", at: at(2), oldGrade: 0, newGrade: 2 }]);
  });

  it("as alerts naming the time and both grades", () => {
    expect(lateEntryAlerts(before, after)).toEqual([
      {
        rule: "ALERT-LATE-ENTRY",
        text: "Observation at 2026-03-01 08:00Z re-graded 0 -> 2 after a late entry (ALERT-LATE-ENTRY)",
        at: at(2),
        observationId: "o2",
        oldGrade: 0,
        newGrade: 2,
      },
    ]);
  });

  it("ignores the observation the write itself amended", () => {
    expect(lateEntryAlerts(before, after, { ignoreObservationIds: ["o2"] })).toEqual([]);
  });
});
