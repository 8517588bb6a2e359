import { describe, expect, it } from "vitest";
import {
  CODED_DRUG_IDS,
  CODED_DRUGS,
  codeDrug,
  doseAboveCeiling,
  editDistance,
  isCorticosteroid,
  masksFever,
  normaliseDrugName,
  suggestDrug,
  uncodedDrugAlertReason,
} from "./drug-codes";
import { ANTI_CYTOKINE_DRUGS, ANTIPYRETIC_DRUGS, CORTICOSTEROIDS, DRUGS } from "./vocabulary";

const idOf = (name: string) => codeDrug(name).drug?.id ?? null;

describe("codeDrug (DRUG-CODES): every generic and brand name is its drug", () => {
  it.each([
    ["tocilizumab", "tocilizumab"],
    ["Actemra", "tocilizumab"],
    ["RoActemra", "tocilizumab"],
    ["tocilizumab-aazg", "tocilizumab"],
    ["Tyenne", "tocilizumab"],
    ["tocilizumab-bavi", "tocilizumab"],
    ["Tofidence", "tocilizumab"],
    ["tocilizumab-anoh", "tocilizumab"],
    ["Avtozma", "tocilizumab"],
    ["siltuximab", "siltuximab"],
    ["Sylvant", "siltuximab"],
    ["anakinra", "anakinra"],
    ["Kineret", "anakinra"],
    ["ruxolitinib", "ruxolitinib"],
    ["Jakafi", "ruxolitinib"],
    ["Jakavi", "ruxolitinib"],
    ["dexamethasone", "dexamethasone"],
    ["Decadron", "dexamethasone"],
    ["methylprednisolone", "methylprednisolone"],
    ["Solu-Medrol", "methylprednisolone"],
    ["Medrol", "methylprednisolone"],
    ["hydrocortisone", "hydrocortisone"],
    ["Solu-Cortef", "hydrocortisone"],
    ["betamethasone", "betamethasone"],
    ["Celestone", "betamethasone"],
    ["prednisolone", "prednisolone"],
    ["prednisone", "prednisone"],
    ["Deltasone", "prednisone"],
    ["acetaminophen", "acetaminophen"],
    ["paracetamol", "acetaminophen"],
    ["Tylenol", "acetaminophen"],
    ["Panadol", "acetaminophen"],
    ["ibuprofen", "ibuprofen"],
    ["Advil", "ibuprofen"],
    ["Nurofen", "ibuprofen"],
  ])("%s -> %s", (name, id) => {
    expect(idOf(name)).toBe(id);
  });

  it.each([
    ["Toci-lizumab", "tocilizumab"],
    [" ACTEMRA ", "tocilizumab"],
    ["tocilizumab (biosimilar)", "tocilizumab"],
    ["tocilizumab biosimilar", "tocilizumab"],
    ["TOCILIZUMAB-AAZG", "tocilizumab"],
    ["tocilizumab aazg", "tocilizumab"],
    ["Ro-Actemra", "tocilizumab"],
    ["Toc.i.lizumab", "tocilizumab"],
    ["solu medrol", "methylprednisolone"],
    ["SOLUMEDROL", "methylprednisolone"],
    ["Solu_Cortef", "hydrocortisone"],
    ["Paracétamol", "acetaminophen"],
    ["Jakafi®", "ruxolitinib"],
    ["Tylenol 500 mg", "acetaminophen"],
    ["dexamethasone sodium phosphate", "dexamethasone"],
    ["methyl prednisolone", "methylprednisolone"],
    ["Nurofen Plus", "ibuprofen"],
  ])("variant %j -> %s", (name, id) => {
    expect(idOf(name)).toBe(id);
  });

  it("any name containing tocilizumab is tocilizumab, even inside a word", () => {
    expect(idOf("tocilizumab-xyzz")).toBe("tocilizumab");
    expect(idOf("biotocilizumab")).toBe("tocilizumab");
    expect(idOf("tocilizumabSC")).toBe("tocilizumab");
  });

  it("methylprednisolone is not also prednisolone: the longer name wins", () => {
    expect(idOf("methylprednisolone")).toBe("methylprednisolone");
    expect(idOf("Methyl-Prednisolone 40 mg")).toBe("methylprednisolone");
  });

  it("a name inside a longer word is not that drug (only tocilizumab is matched anywhere)", () => {
    expect(idOf("methylprednisone")).toBeNull();
    expect(idOf("dexamethasone4mg")).toBeNull();
  });

  it("a text naming two drugs is tocilizumab when one is (its limits apply), else uncoded", () => {
    expect(idOf("Actemra + dexamethasone")).toBe("tocilizumab");
    expect(idOf("dexamethasone and tocilizumab")).toBe("tocilizumab");
    const combination = codeDrug("ibuprofen/paracetamol");
    expect(combination.drug).toBeNull();
    expect(combination.reason.text).toBe(
      '"ibuprofen/paracetamol" names more than one coded drug (ibuprofen and acetaminophen): charted as an uncoded drug; chart each drug on its own (DRUG-CODES)',
    );
  });

  it("two names of the same drug are that drug", () => {
    expect(idOf("paracetamol (Panadol)")).toBe("acetaminophen");
  });

  it("says what matched, with the rule ID last", () => {
    expect(codeDrug(" ACTEMRA ")).toEqual({
      drug: CODED_DRUGS.tocilizumab,
      matchedAs: "Actemra",
      reason: {
        rule: "DRUG-CODES",
        text: '"ACTEMRA" is tocilizumab (another name for it), with all its rules and limits (DRUG-CODES)',
      },
    });
    expect(codeDrug("Tocilizumab").reason.text).toBe('"Tocilizumab" is tocilizumab, with all its rules and limits (DRUG-CODES)');
    expect(codeDrug("Solu-Medrol 40 mg").reason.text).toBe(
      '"Solu-Medrol 40 mg" names Solu-Medrol: methylprednisolone, with all its rules and limits (DRUG-CODES)',
    );
    expect(codeDrug("tocilizumab (biosimilar)")).toMatchObject({ matchedAs: "tocilizumab" });
  });

  it.each(["heparin", "ondansetron", "rituximab", "cyclophosphamide", "fludarabine", "meropenem", "posaconazole", "", "   "])(
    "%j is uncoded",
    (name) => {
      const coding = codeDrug(name);
      expect(coding.drug).toBeNull();
      expect(coding.matchedAs).toBe(name.trim());
      expect(coding.reason.rule).toBe("DRUG-CODES");
      expect(coding.reason.text.endsWith("(DRUG-CODES)")).toBe(true);
    },
  );

  it("an uncoded name says it masks nothing and counts towards nothing", () => {
    expect(codeDrug("heparin").reason.text).toBe(
      '"heparin" is not a coded drug: it masks no fever and counts towards no limit (DRUG-CODES)',
    );
  });
});

describe("the coded drugs and the existing vocabulary agree", () => {
  it("every drug the product already knows codes to itself (paracetamol to acetaminophen)", () => {
    for (const known of DRUGS) {
      expect(idOf(known)).toBe(known === "paracetamol" ? "acetaminophen" : known);
    }
  });

  it("every coded id is a normalised name of its own, listed once", () => {
    expect(new Set(CODED_DRUG_IDS).size).toBe(CODED_DRUG_IDS.length);
    for (const id of CODED_DRUG_IDS) {
      expect(CODED_DRUGS[id].id).toBe(id);
      expect(normaliseDrugName(id)).toBe(id);
    }
  });

  it("no name belongs to two drugs", () => {
    const owner = new Map<string, string>();
    for (const id of CODED_DRUG_IDS) {
      for (const name of [id, ...CODED_DRUGS[id].otherNames]) {
        const normalised = normaliseDrugName(name);
        expect(owner.get(normalised) ?? id).toBe(id);
        owner.set(normalised, id);
      }
    }
  });

  it("the classes are the ones ASTCT-MASK and ALERT-STEROID-PROPHYLAXIS use, with betamethasone added", () => {
    for (const id of CODED_DRUG_IDS) {
      const drug = CODED_DRUGS[id];
      if (CORTICOSTEROIDS.has(id)) expect(drug.drugClass).toBe("corticosteroid");
      else if (ANTI_CYTOKINE_DRUGS.has(id)) expect(drug.drugClass).toBe("anti_cytokine");
      else if (ANTIPYRETIC_DRUGS.has(id)) expect(drug.drugClass).toBe("antipyretic");
      else expect(id).toBe("betamethasone");
    }
    expect(CODED_DRUGS.betamethasone.drugClass).toBe("corticosteroid");
  });
});

describe("masksFever (ASTCT-MASK) and isCorticosteroid (ALERT-STEROID-PROPHYLAXIS)", () => {
  it("every systemic corticosteroid masks and raises the steroid alert, under any name", () => {
    for (const name of ["dexamethasone", "Decadron", "Solu-Medrol", "Solu-Cortef", "Celestone", "prednisolone", "Deltasone"]) {
      const drug = codeDrug(name).drug;
      expect(isCorticosteroid(drug)).toBe(true);
      expect(masksFever(drug, false)).toBe(true);
    }
  });

  it("anti-cytokine drugs always mask and are not steroids", () => {
    for (const name of ["Actemra", "Sylvant", "Kineret", "Jakavi"]) {
      const drug = codeDrug(name).drug;
      expect(masksFever(drug, false)).toBe(true);
      expect(isCorticosteroid(drug)).toBe(false);
    }
  });

  it("antipyretics mask only with the setting", () => {
    for (const name of ["Tylenol", "paracetamol", "Advil"]) {
      const drug = codeDrug(name).drug;
      expect(masksFever(drug, true)).toBe(true);
      expect(masksFever(drug, false)).toBe(false);
      expect(isCorticosteroid(drug)).toBe(false);
    }
  });

  it("an uncoded drug masks nothing", () => {
    expect(masksFever(codeDrug("heparin").drug, true)).toBe(false);
    expect(isCorticosteroid(codeDrug("heparin").drug)).toBe(false);
  });
});

describe("doseAboveCeiling", () => {
  it("keeps the product's tocilizumab refusal above 2000 mg (800 mg is a flag, not a refusal)", () => {
    const tocilizumab = CODED_DRUGS.tocilizumab;
    expect(doseAboveCeiling(tocilizumab, 800.5)).toBeNull();
    expect(doseAboveCeiling(tocilizumab, 2000)).toBeNull();
    expect(doseAboveCeiling(tocilizumab, 2000.5)).toEqual({
      rule: "DRUG-CODES",
      text: "2000.5 mg must be at most 2000 mg for one tocilizumab dose (doses over 800 mg are charted with a flag) (DRUG-CODES)",
    });
  });

  it("a brand name has the ceiling of its drug", () => {
    expect(doseAboveCeiling(codeDrug("RoActemra").drug, 2001)?.rule).toBe("DRUG-CODES");
    expect(doseAboveCeiling(codeDrug("Tylenol").drug, 20_000)?.text).toBe(
      "20000 mg must be at most 2000 mg for one acetaminophen dose (DRUG-CODES)",
    );
  });

  it("every ceiling lies above the largest dose the protocols give", () => {
    // Doses the product's recommendations or common regimens name (section 6 and the comments).
    const largestInUse: Array<[string, number]> = [
      ["tocilizumab", 800],
      ["methylprednisolone", 1000],
      ["dexamethasone", 20],
      ["acetaminophen", 1000],
      ["ibuprofen", 800],
      ["ruxolitinib", 25],
      ["anakinra", 200],
      ["siltuximab", 1100],
      ["hydrocortisone", 200],
    ];
    for (const [name, mg] of largestInUse) expect(doseAboveCeiling(codeDrug(name).drug, mg)).toBeNull();
  });

  it("an uncoded drug has no ceiling here", () => {
    expect(doseAboveCeiling(null, 99_999)).toBeNull();
  });
});

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["tocilizumb", "tocilizumab", 1],
    ["toiclizumab", "tocilizumab", 1],
    ["rituximab", "siltuximab", 2],
    ["kitten", "sitting", 3],
    ["advair", "advil", 2],
  ])("%s / %s: %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("suggestDrug (DRUG-CODES: 'did you mean')", () => {
  it.each([
    ["tocilizumb", "tocilizumab"],
    ["toclizumab", "tocilizumab"],
    ["toiclizumab", "tocilizumab"],
    ["Tocilizumav", "tocilizumab"],
    ["siltuxmab", "siltuximab"],
    ["anakinara", "anakinra"],
    ["ruxolitnib", "ruxolitinib"],
    ["dexametasone", "dexamethasone"],
    ["dexamethazone", "dexamethasone"],
    ["methylprednisone", "methylprednisolone"],
    ["hydrocortison", "hydrocortisone"],
    ["betametasone", "betamethasone"],
    ["prednisolon", "prednisolone"],
    ["prednison", "prednisone"],
    ["acetaminofen", "acetaminophen"],
    ["paracetemol", "acetaminophen"],
    ["ibuprofin", "ibuprofen"],
    ["Actemara", "tocilizumab"],
    ["Tylenl", "acetaminophen"],
    ["Neurofen", "ibuprofen"],
    ["Kinerat", "anakinra"],
    ["Solu-Medral", "methylprednisolone"],
    ["tocilizumb 400 mg", "tocilizumab"],
  ])("%j -> did you mean %s?", (name, id) => {
    expect(suggestDrug(name)?.drug.id).toBe(id);
  });

  it("the refusal names the drug, and the brand it looked like", () => {
    expect(suggestDrug("tocilizumb")?.reason).toEqual({
      rule: "DRUG-CODES",
      text: '"tocilizumb" is not a coded drug: did you mean tocilizumab? (DRUG-CODES)',
    });
    expect(suggestDrug(" Actemara ")).toMatchObject({
      near: "Actemra",
      question: "tocilizumab (Actemra)",
      reason: { text: '"Actemara" is not a coded drug: did you mean tocilizumab (Actemra)? (DRUG-CODES)' },
    });
  });

  it("names every drug just as near", () => {
    // One letter from prednisolone (add l) and from prednisone (drop an o).
    expect(suggestDrug("prednisoone")).toMatchObject({
      drug: { id: "prednisolone" },
      others: [{ id: "prednisone" }],
      question: "prednisolone or prednisone",
    });
    // One letter from prednisone, two from prednisolone: the nearer only.
    expect(suggestDrug("prednisoe")).toMatchObject({ drug: { id: "prednisone" }, others: [] });
  });

  it("a coded name is not suggested as anything", () => {
    for (const name of ["tocilizumab", "Actemra", "prednisone", "prednisolone", "betamethasone", "dexamethasone"]) {
      expect(suggestDrug(name)).toBeNull();
    }
  });

  it("a text naming two coded drugs is no slip", () => {
    expect(suggestDrug("ibuprofen/paracetamol")).toBeNull();
  });

  it.each([
    // Unrelated ward drugs, short or long.
    "heparin",
    "ondansetron",
    "mesna",
    "acyclovir",
    "levetiracetam",
    "cefepime",
    "meropenem",
    "fluconazole",
    "posaconazole",
    "cyclophosphamide",
    "fludarabine",
    "etoposide",
    // Real drugs close to a coded name: another drug, never a slip.
    "rituximab",
    "infliximab",
    "cetuximab",
    "itolizumab",
    "sarilumab",
    "tofacitinib",
    "baricitinib",
    "fludrocortisone",
    "budesonide",
    "naproxen",
    "ketoprofen",
    "propacetamol",
    "emapalumab",
    "Advair",
    // Too short to tell a slip from another word.
    "dex",
    "pred",
    "mp",
    "asa",
  ])("%j is not suggested as a coded drug", (name) => {
    expect(suggestDrug(name)).toBeNull();
    expect(codeDrug(name).drug).toBeNull();
  });
});

describe("uncodedDrugAlertReason (ALERT-UNCODED-DRUG)", () => {
  it("names the drug and says what being uncoded means", () => {
    expect(uncodedDrugAlertReason("heparin")).toEqual({
      rule: "ALERT-UNCODED-DRUG",
      text: '"heparin" is not a coded drug: it masks no fever and counts towards no limit; check what was given. (ALERT-UNCODED-DRUG)',
    });
  });

  it("asks whether a near name was meant", () => {
    expect(uncodedDrugAlertReason("tocilizumb ").text).toBe(
      '"tocilizumb" is not a coded drug: it masks no fever and counts towards no limit; check what was given. Did you mean tocilizumab? (ALERT-UNCODED-DRUG)',
    );
  });
});
