// The board's order, section 8 of the clinical rules: each step of the order and each tie-break.
import { describe, expect, it } from "vitest";
import { clinicalRank, compareAcuity, sortByAcuity, type AcuityFacts } from "@/lib/ward/acuity";

const patient = (bed: string, facts: Partial<Omit<AcuityFacts, "bed">> = {}): AcuityFacts => ({
  bed,
  lateTasks: 0,
  crsGrade: 0,
  icansGrade: null,
  news2Band: null,
  openTasks: 0,
  observationsOverdue: false,
  ...facts,
});

const order = (rows: AcuityFacts[]) => sortByAcuity(rows, (row) => row).map((row) => row.bed);

describe("clinicalRank: the highest of CRS, ICANS and the NEWS2 band", () => {
  it.each([
    ["NEWS2 high ranks with grade 3", { news2Band: "high" }, 3],
    ["NEWS2 medium ranks with grade 2", { news2Band: "medium" }, 2],
    ["NEWS2 low-medium ranks with grade 2", { news2Band: "low_medium" }, 2],
    ["NEWS2 low ranks with grade 0", { news2Band: "low" }, 0],
    ["no NEWS2 charted ranks 0", { news2Band: null }, 0],
    ["ICANS not assessed ranks 0", { icansGrade: null }, 0],
    ["ICANS grade 2 alone", { icansGrade: 2 }, 2],
    ["CRS 1 with NEWS2 medium: the band", { crsGrade: 1, news2Band: "medium" }, 2],
    ["CRS 4 with NEWS2 high: the grade", { crsGrade: 4, news2Band: "high" }, 4],
    ["ICANS 3 with CRS 1", { crsGrade: 1, icansGrade: 3 }, 3],
  ] as const)("%s", (_what, facts, rank) => {
    expect(clinicalRank(patient("x", facts))).toBe(rank);
  });
});

describe("compareAcuity and sortByAcuity", () => {
  it("puts late tasks before everything, even a grade 4 on two vasopressors", () => {
    expect(order([patient("1", { crsGrade: 4 }), patient("2", { lateTasks: 1 })])).toEqual(["2", "1"]);
    // More late tasks first.
    expect(order([patient("1", { lateTasks: 1 }), patient("2", { lateTasks: 2 })])).toEqual(["2", "1"]);
  });

  it("ranks NEWS2 high with CRS grade 3 (then bed), above grade 2, below grade 4", () => {
    expect(order([patient("4A-3", { crsGrade: 3 }), patient("4A-2", { news2Band: "high" })])).toEqual(["4A-2", "4A-3"]);
    expect(order([patient("4A-1", { crsGrade: 2 }), patient("4A-2", { news2Band: "high" })])).toEqual(["4A-2", "4A-1"]);
    expect(order([patient("4A-1", { news2Band: "high" }), patient("4A-2", { crsGrade: 4 })])).toEqual(["4A-2", "4A-1"]);
  });

  it("ranks NEWS2 medium and low-medium with grade 2 and above grade 1", () => {
    expect(
      order([
        patient("4A-4", { crsGrade: 1 }),
        patient("4A-3", { crsGrade: 2 }),
        patient("4A-2", { news2Band: "low_medium" }),
        patient("4A-1", { news2Band: "medium" }),
      ]),
    ).toEqual(["4A-1", "4A-2", "4A-3", "4A-4"]);
  });

  it("ranks an ICANS grade 2 patient with CRS grade 2, above a CRS grade 1", () => {
    expect(order([patient("4A-1", { crsGrade: 1 }), patient("4A-9", { icansGrade: 2 })])).toEqual(["4A-9", "4A-1"]);
    expect(order([patient("4A-9", { icansGrade: 2 }), patient("4A-1", { crsGrade: 2 })])).toEqual(["4A-1", "4A-9"]);
  });

  it("puts a grade-1 fever above a NEWS2 low patient", () => {
    expect(order([patient("4A-1", { news2Band: "low" }), patient("4A-2", { crsGrade: 1 })])).toEqual(["4A-2", "4A-1"]);
  });

  it("breaks a rank tie by open tasks, but open tasks never lift a patient over a higher rank", () => {
    expect(order([patient("4A-1", { crsGrade: 2 }), patient("4A-2", { crsGrade: 2, openTasks: 1 })])).toEqual(["4A-2", "4A-1"]);
    expect(order([patient("4A-1", { crsGrade: 3 }), patient("4A-2", { crsGrade: 2, openTasks: 3 })])).toEqual(["4A-1", "4A-2"]);
  });

  it("breaks a tie in rank and open tasks by overdue observations, which never outrank open tasks", () => {
    expect(order([patient("4A-1", { crsGrade: 1 }), patient("4A-2", { crsGrade: 1, observationsOverdue: true })])).toEqual([
      "4A-2",
      "4A-1",
    ]);
    expect(order([patient("4A-1", { observationsOverdue: true }), patient("4A-2", { openTasks: 1 })])).toEqual(["4A-2", "4A-1"]);
    expect(order([patient("4A-1", { observationsOverdue: true }), patient("4A-2", { crsGrade: 1 })])).toEqual(["4A-2", "4A-1"]);
  });

  it("breaks the last tie by bed, numbers read as numbers (4A-2 before 4A-10), case ignored", () => {
    expect(order([patient("4A-10"), patient("4a-3"), patient("4A-2")])).toEqual(["4A-2", "4a-3", "4A-10"]);
    expect(compareAcuity(patient("4A-1"), patient("4a-1"))).toBe(0);
  });

  it("orders a whole ward step by step and leaves its input as it was", () => {
    const ward = [
      patient("4A-10"),
      patient("4A-2"),
      patient("4A-3", { observationsOverdue: true }),
      patient("4A-4", { openTasks: 1 }),
      patient("4A-5", { crsGrade: 1 }),
      patient("4A-6", { news2Band: "medium" }),
      patient("4A-7", { crsGrade: 2, openTasks: 1 }),
      patient("4A-8", { crsGrade: 3 }),
      patient("4A-9", { news2Band: "high", icansGrade: 1 }),
      patient("ICU-1", { crsGrade: 4 }),
      patient("ICU-2", { lateTasks: 1 }),
    ];
    const before = ward.map((row) => row.bed);
    expect(order(ward)).toEqual(["ICU-2", "ICU-1", "4A-8", "4A-9", "4A-7", "4A-6", "4A-5", "4A-4", "4A-3", "4A-2", "4A-10"]);
    expect(ward.map((row) => row.bed)).toEqual(before);
  });
});
