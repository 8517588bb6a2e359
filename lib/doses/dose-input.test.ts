import { describe, expect, it } from "vitest";
import { CODED_DRUGS } from "@/lib/engine/drug-codes";
import { doseFormSchema, DRUG_CHOICES, searchDrugChoices } from "@/lib/doses/dose-input";
import { describeIssues } from "@/lib/engine/validation";

const NOW = new Date("2026-03-10T12:00:00Z");
const form = (fields: Record<string, unknown>) => ({
  idempotencyKey: "key-12345678",
  route: "IV",
  effectiveAt: "2026-03-10T11:00:00Z",
  confirmedFlags: [],
  ...fields,
});
const problems = (fields: Record<string, unknown>) => {
  const parsed = doseFormSchema(NOW).safeParse(form(fields));
  return parsed.success ? [] : describeIssues(parsed.error);
};

describe("the coded drug list (DRUG-CODES)", () => {
  it('finds Tocilizumab (Actemra) by typing "act", by brand and by generic alike', () => {
    const tocilizumab = DRUG_CHOICES.find((choice) => choice.value === "tocilizumab")!;
    expect(tocilizumab.label).toBe("Tocilizumab (Actemra)");
    expect(searchDrugChoices("act")[0]!.value).toBe("tocilizumab");
    expect(searchDrugChoices("ACTEMRA").map((choice) => choice.value)).toEqual(["tocilizumab"]);
    expect(searchDrugChoices("toci").map((choice) => choice.value)).toEqual(["tocilizumab"]);
    expect(searchDrugChoices("solu-medrol").map((choice) => choice.value)).toEqual(["methylprednisolone"]);
    expect(searchDrugChoices("tylenol").map((choice) => choice.value)).toEqual(["acetaminophen", "paracetamol"]);
  });

  it("puts a name beginning with the text before a name containing it, and lists all for no text", () => {
    expect(searchDrugChoices("pred").map((choice) => choice.value)).toEqual(["prednisolone", "prednisone", "methylprednisolone"]);
    expect(searchDrugChoices("  ")).toHaveLength(DRUG_CHOICES.length);
    expect(searchDrugChoices("zzz")).toEqual([]);
  });
});

describe("the dose form refuses what would bypass a drug's limits", () => {
  it('refuses "Actemra" typed as other and says which drug to choose', () => {
    expect(problems({ drug: "other", otherDrugName: "Actemra", doseMg: 560 })).toEqual([
      {
        path: "otherDrugName",
        message: 'This is tocilizumab: choose Tocilizumab so its limits apply ("actemra" is a name of tocilizumab)',
      },
    ]);
  });

  it("refuses a dose above each coded drug's absolute maximum, and accepts one at it", () => {
    for (const drug of ["tocilizumab", "dexamethasone", "ruxolitinib", "acetaminophen"] as const) {
      const max = CODED_DRUGS[drug].absoluteMaxSingleDoseMg;
      expect(problems({ drug, doseMg: max })).toEqual([]);
      const refused = problems({ drug, doseMg: max + 1 });
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ path: "doseMg" });
      expect(refused[0]!.message).toContain(`at most ${max} mg for one ${drug} dose`);
      expect(refused[0]!.message).toContain("(DRUG-CODES)");
    }
    // Paracetamol is acetaminophen: the same maximum.
    expect(problems({ drug: "paracetamol", doseMg: 2001 })[0]!.message).toContain("at most 2000 mg for one acetaminophen dose");
    // An uncoded drug has no maximum of its own (only the schema's absolute bound).
    expect(problems({ drug: "other", otherDrugName: "ondansetron", doseMg: 5000 })).toEqual([]);
  });
});
