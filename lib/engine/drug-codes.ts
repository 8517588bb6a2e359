/**
 * Coded drugs (CLINICAL-RULES.md DRUG-CODES): a drug is a coded generic name, and any name a
 * nurse may type for it (brand, biosimilar, another country's generic) is that drug with all its
 * limits. A name that is no coded drug stays uncoded: it masks nothing, counts towards nothing,
 * and raises ALERT-UNCODED-DRUG so a person looks.
 */
import type { Reason } from "./types";

/**
 * The classes the rules need. `anti_cytokine`: anti-cytokine or immunosuppressive, masks fever
 * once an episode has started (ASTCT-MASK); `antipyretic`: masks fever only with the setting
 * antipyreticsMaskFever; `corticosteroid`: immunosuppressive (masks like anti_cytokine) and raises
 * ALERT-STEROID-PROPHYLAXIS.
 */
export const DRUG_CLASSES = ["anti_cytokine", "antipyretic", "corticosteroid"] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

/**
 * The coded generic names. The spellings are the ones lib/engine/vocabulary.ts DRUGS already
 * stores, with betamethasone added; "paracetamol" is not a separate drug but another name of
 * acetaminophen (one drug, one id).
 */
export const CODED_DRUG_IDS = [
  "tocilizumab",
  "siltuximab",
  "anakinra",
  "ruxolitinib",
  "dexamethasone",
  "methylprednisolone",
  "hydrocortisone",
  "betamethasone",
  "prednisolone",
  "prednisone",
  "acetaminophen",
  "ibuprofen",
] as const;
export type CodedDrugId = (typeof CODED_DRUG_IDS)[number];

export interface CodedDrug {
  /** The generic name every rule uses. */
  id: CodedDrugId;
  label: string;
  drugClass: DrugClass;
  /**
   * Refusal ceiling for one dose: a number above it cannot be a real dose (a slip of the keyboard
   * or of the unit) and is refused at the edge. It lies above the largest single dose any
   * recognised regimen gives, so it never refuses a dose that was really given; clinical limits
   * (tocilizumab 800 mg, weight-based) are flags on a charted dose, not this ceiling.
   */
  absoluteMaxSingleDoseMg: number;
  /** Brand, biosimilar and other generic names that are this drug, as printed on the product. */
  otherNames: readonly string[];
}

const coded = (drug: CodedDrug): CodedDrug => Object.freeze({ ...drug, otherNames: Object.freeze([...drug.otherNames]) });

export const CODED_DRUGS: Readonly<Record<CodedDrugId, CodedDrug>> = Object.freeze({
  // Prescribing information: 8 mg/kg (12 mg/kg under 30 kg), at most 800 mg a dose. The product
  // has refused more than 2000 mg (2.5 x the cap) since its first version; kept.
  tocilizumab: coded({
    id: "tocilizumab",
    label: "Tocilizumab",
    drugClass: "anti_cytokine",
    absoluteMaxSingleDoseMg: 2000,
    otherNames: [
      "Actemra",
      "RoActemra",
      "tocilizumab-aazg",
      "Tyenne",
      "tocilizumab-bavi",
      "Tofidence",
      "tocilizumab-anoh",
      "Avtozma",
    ],
  }),
  // 11 mg/kg IV (prescribing information; used off label for CRS): 1650 mg at 150 kg. 3000 mg
  // covers 11 mg/kg up to 270 kg and still refuses a 10-fold slip on a usual 700-1100 mg dose.
  siltuximab: coded({
    id: "siltuximab",
    label: "Siltuximab",
    drugClass: "anti_cytokine",
    absoluteMaxSingleDoseMg: 3000,
    otherNames: ["Sylvant"],
  }),
  // Usual CRS/ICANS doses 100-200 mg SC or IV; the highest regimens give up to 10 mg/kg a day,
  // 1000 mg at 100 kg if given at once. 1000 mg is never a single dose in practice.
  anakinra: coded({
    id: "anakinra",
    label: "Anakinra",
    drugClass: "anti_cytokine",
    absoluteMaxSingleDoseMg: 1000,
    otherNames: ["Kineret"],
  }),
  // Oral; the largest labelled dose is 25 mg twice daily (tablets of 5-25 mg): twice that.
  ruxolitinib: coded({
    id: "ruxolitinib",
    label: "Ruxolitinib",
    drugClass: "anti_cytokine",
    absoluteMaxSingleDoseMg: 50,
    otherNames: ["Jakafi", "Jakavi"],
  }),
  // CRS/ICANS: 10-20 mg every 6 h; the largest recognised single dose is the 96-100 mg IV bolus
  // of spinal cord compression protocols: twice that.
  dexamethasone: coded({
    id: "dexamethasone",
    label: "Dexamethasone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 200,
    otherNames: ["Decadron"],
  }),
  // ASTCT-G4: 500-1000 mg IV pulses; 1000 mg is the largest single dose in use: twice that.
  methylprednisolone: coded({
    id: "methylprednisolone",
    label: "Methylprednisolone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 2000,
    otherNames: ["Solu-Medrol", "Medrol"],
  }),
  // Stress and shock doses are 50-200 mg; historical high-dose regimens gave up to 500 mg: twice that.
  hydrocortisone: coded({
    id: "hydrocortisone",
    label: "Hydrocortisone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 1000,
    otherNames: ["Solu-Cortef"],
  }),
  // Potency close to dexamethasone (0.75 mg ~ 20 mg hydrocortisone); usual doses 4-12 mg
  // (antenatal 12 mg IM). No regimen approaches 100 mg.
  betamethasone: coded({
    id: "betamethasone",
    label: "Betamethasone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 100,
    otherNames: ["Celestone"],
  }),
  // Oral 1-2 mg/kg (rarely above 200 mg); IV prednisolone pulses of up to 1 g exist in some
  // countries, as with methylprednisolone.
  prednisolone: coded({
    id: "prednisolone",
    label: "Prednisolone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 1000,
    otherNames: [],
  }),
  // The oral prodrug of prednisolone, equipotent: the same ceiling.
  prednisone: coded({
    id: "prednisone",
    label: "Prednisone",
    drugClass: "corticosteroid",
    absoluteMaxSingleDoseMg: 1000,
    otherNames: ["Deltasone"],
  }),
  // Adult single dose at most 1000 mg; twice that also covers a 40 mg/kg paediatric rectal loading dose.
  acetaminophen: coded({
    id: "acetaminophen",
    label: "Acetaminophen",
    drugClass: "antipyretic",
    absoluteMaxSingleDoseMg: 2000,
    otherNames: ["paracetamol", "Tylenol", "Panadol"],
  }),
  // Largest labelled single dose 800 mg (oral and IV): twice that.
  ibuprofen: coded({
    id: "ibuprofen",
    label: "Ibuprofen",
    drugClass: "antipyretic",
    absoluteMaxSingleDoseMg: 1600,
    otherNames: ["Advil", "Nurofen"],
  }),
});

/**
 * A name as compared: lower case, accents dropped ("paracétamol"), and everything that is not a
 * letter or a digit removed, so " Toci-lizumab ", "TOCILIZUMAB" and "tocilizumab (biosimilar)"
 * compare alike.
 */
export function normaliseDrugName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

interface NameEntry {
  /** As printed ("Actemra", "tocilizumab-aazg"). */
  name: string;
  normalised: string;
  drug: CodedDrug;
  brand: boolean;
}

/** Every name of every coded drug, the generic names first. */
const NAMES: readonly NameEntry[] = CODED_DRUG_IDS.flatMap((id) => {
  const drug = CODED_DRUGS[id];
  return [
    { name: id, normalised: normaliseDrugName(id), drug, brand: false },
    ...drug.otherNames.map((name) => ({ name, normalised: normaliseDrugName(name), drug, brand: true })),
  ];
});

const TOCILIZUMAB = CODED_DRUGS.tocilizumab;
const TOCILIZUMAB_GENERIC: NameEntry = { name: "tocilizumab", normalised: "tocilizumab", drug: TOCILIZUMAB, brand: false };

export interface DrugCoding {
  /** null: uncoded (masks nothing, counts towards nothing, ALERT-UNCODED-DRUG). */
  drug: CodedDrug | null;
  /** The coded name the text matched ("Actemra"), or the charted text, trimmed, when none did. */
  matchedAs: string;
  reason: Reason;
}

/** The words of a name, compared as normalised ("Solu-Medrol 40 mg" -> solu, medrol, 40, mg). */
function wordsOf(name: string): string[] {
  return name
    .split(/[\s\p{P}\p{S}]+/u)
    .map(normaliseDrugName)
    .filter((word) => word.length > 0);
}

interface Occurrence {
  /** Index of the first and one past the last word of the run. */
  from: number;
  to: number;
  entry: NameEntry;
}

/** A coded name may be typed over up to this many words ("solu medrol", "toci lizumab aazg"). */
const MAX_NAME_WORDS = 4;

/**
 * Runs of whole words that spell a coded name ("solu medrol", "dexamethasone" in "dexamethasone
 * sodium phosphate"), leaving out one inside a longer run ("prednisolone" in "methyl
 * prednisolone"). Only whole words count, so a misspelt "methylprednisone" is not prednisone.
 */
function occurrences(words: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (let from = 0; from < words.length; from++) {
    for (let to = from + 1; to <= Math.min(words.length, from + MAX_NAME_WORDS); to++) {
      const run = words.slice(from, to).join("");
      for (const entry of NAMES) if (entry.normalised === run) found.push({ from, to, entry });
    }
  }
  return found.filter(
    (inner) =>
      !found.some((outer) => outer.from <= inner.from && outer.to >= inner.to && outer.to - outer.from > inner.to - inner.from),
  );
}

function codingReason(charted: string, entry: NameEntry, exact: boolean): Reason {
  const drug = entry.drug;
  let how: string;
  if (exact && !entry.brand) how = `is ${drug.id}`;
  else if (exact) how = `is ${drug.id} (another name for it)`;
  else if (entry.name === drug.id) how = `names ${drug.id}`;
  else how = `names ${entry.name}: ${drug.id}`;
  return { rule: "DRUG-CODES", text: `"${charted}" ${how}, with all its rules and limits (DRUG-CODES)` };
}

/**
 * DRUG-CODES: the coded drug a charted name is. The name may be the generic name, a brand or
 * biosimilar name, or a text naming one in whole words ("Solu-Medrol 40 mg", "dexamethasone
 * sodium phosphate"); any text containing "tocilizumab", even inside a word, is tocilizumab
 * ("tocilizumab biosimilar", "tocilizumab-xxxx"). A text naming two different coded drugs is
 * tocilizumab if one of them is (its limits must apply), else uncoded: a person decides which
 * drug it was.
 */
export function codeDrug(name: string): DrugCoding {
  const charted = name.trim();
  const text = normaliseDrugName(name);
  const exact = NAMES.find((entry) => entry.normalised === text);
  if (exact) return { drug: exact.drug, matchedAs: exact.name, reason: codingReason(charted, exact, true) };

  const found = occurrences(wordsOf(name));
  // A tocilizumab brand in whole words ("Actemra + dexamethasone"), else "tocilizumab" anywhere.
  const tocilizumabName =
    found.find((occurrence) => occurrence.entry.drug === TOCILIZUMAB)?.entry ??
    (text.includes(TOCILIZUMAB.id) ? TOCILIZUMAB_GENERIC : undefined);
  if (tocilizumabName) {
    return { drug: TOCILIZUMAB, matchedAs: tocilizumabName.name, reason: codingReason(charted, tocilizumabName, false) };
  }
  const drugs = [...new Set(found.map((occurrence) => occurrence.entry.drug))];
  const only = found.at(0);
  if (only && drugs.length === 1) {
    return { drug: only.entry.drug, matchedAs: only.entry.name, reason: codingReason(charted, only.entry, false) };
  }
  if (drugs.length > 1) {
    const names = drugs.map((drug) => drug.id).join(" and ");
    return {
      drug: null,
      matchedAs: charted,
      reason: {
        rule: "DRUG-CODES",
        text: `"${charted}" names more than one coded drug (${names}): charted as an uncoded drug; chart each drug on its own (DRUG-CODES)`,
      },
    };
  }
  return {
    drug: null,
    matchedAs: charted,
    reason: {
      rule: "DRUG-CODES",
      text: `"${charted}" is not a coded drug: it masks no fever and counts towards no limit (DRUG-CODES)`,
    },
  };
}

/**
 * Restricted Damerau-Levenshtein (optimal string alignment) distance: insertions, deletions,
 * substitutions and swaps of two neighbouring letters ("toiclizumab") each count one.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: distance between the first i letters of a and the first j letters of b.
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? Infinity) + 1, (row[j - 1] ?? Infinity) + 1, (above[j - 1] ?? Infinity) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? Infinity) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows.at(-1)?.at(-1) ?? Math.max(a.length, b.length);
}

/**
 * How many letters a typed word may be away from a coded name and still be taken for a slip:
 * two for names of 8 letters or more, one for 5-7 letters, none under 5 ("advair" is 2 from
 * "advil" and is another drug).
 */
function allowedDistance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

export interface DrugSuggestion {
  /** The nearest coded drug. */
  drug: CodedDrug;
  /** The coded name the text is near ("tocilizumab", "Actemra"). */
  near: string;
  /** Other coded drugs just as near, if any (the question then names them all). */
  others: readonly CodedDrug[];
  /** What the name may be: "tocilizumab", "anakinra (Kineret)", "prednisone or prednisolone". */
  question: string;
  /** The refusal: "did you mean tocilizumab?" */
  reason: Reason;
}

/**
 * DRUG-CODES: for a name that codes to no drug, the coded drug it is a slip for ("tocilizumb" ->
 * tocilizumab), so the app can refuse it with "did you mean tocilizumab?"; null when the name
 * codes to a drug or is near none. The whole text and each word of it are compared with every
 * coded name; a suggestion needs the same first letter (a different first letter is another drug
 * more often than a slip: rituximab is 2 from siltuximab) and at most allowedDistance letters.
 */
export function suggestDrug(name: string): DrugSuggestion | null {
  if (codeDrug(name).drug) return null;
  const whole = normaliseDrugName(name);
  const candidates = [...new Set([whole, ...wordsOf(name)])].filter((word) => word.length > 0);

  let best: { distance: number; entry: NameEntry } | null = null;
  const nearest = new Set<CodedDrug>();
  for (const word of candidates) {
    for (const entry of NAMES) {
      if (word[0] !== entry.normalised[0]) continue;
      const distance = editDistance(word, entry.normalised);
      // Distance 0: the word is a coded name, and the text names two drugs (codeDrug says so).
      if (distance === 0 || distance > allowedDistance(Math.min(word.length, entry.normalised.length))) continue;
      if (!best || distance < best.distance) {
        best = { distance, entry };
        nearest.clear();
      }
      if (distance === best.distance) nearest.add(entry.drug);
    }
  }
  if (!best) return null;
  const drug = best.entry.drug;
  const others = [...nearest].filter((other) => other !== drug);
  const nearName = best.entry.brand ? `${drug.id} (${best.entry.name})` : drug.id;
  const question = [nearName, ...others.map((other) => other.id)].join(" or ");
  return {
    drug,
    near: best.entry.name,
    others,
    question,
    reason: { rule: "DRUG-CODES", text: `"${name.trim()}" is not a coded drug: did you mean ${question}? (DRUG-CODES)` },
  };
}

/**
 * ALERT-UNCODED-DRUG: a dose charted under a name that is no coded drug (e.g. imported, or charted
 * before names were checked). Says what that means and, when the name is near a coded one, which.
 */
export function uncodedDrugAlertReason(name: string): Reason {
  const charted = name.trim();
  const suggestion = suggestDrug(name);
  const hint = suggestion ? ` Did you mean ${suggestion.question}?` : "";
  return {
    rule: "ALERT-UNCODED-DRUG",
    text: `"${charted}" is not a coded drug: it masks no fever and counts towards no limit; check what was given.${hint} (ALERT-UNCODED-DRUG)`,
  };
}

/** ASTCT-MASK: whether a dose of this drug, given at or after the onset, makes fever no longer required. */
export function masksFever(drug: CodedDrug | null, antipyreticsMaskFever: boolean): boolean {
  if (!drug) return false;
  return drug.drugClass === "antipyretic" ? antipyreticsMaskFever : true;
}

/** ALERT-STEROID-PROPHYLAXIS: every systemic corticosteroid. */
export function isCorticosteroid(drug: CodedDrug | null): boolean {
  return drug?.drugClass === "corticosteroid";
}

/** The refusal of a single dose above the drug's ceiling, or null when the dose can be charted. */
export function doseAboveCeiling(drug: CodedDrug | null, doseMg: number): Reason | null {
  if (!drug || doseMg <= drug.absoluteMaxSingleDoseMg) return null;
  const flagged = drug.id === "tocilizumab" ? " (doses over 800 mg are charted with a flag)" : "";
  return {
    rule: "DRUG-CODES",
    text: `${doseMg} mg must be at most ${drug.absoluteMaxSingleDoseMg} mg for one ${drug.id} dose${flagged} (DRUG-CODES)`,
  };
}

/**
 * The name every rule reads for a charted drug (DRUG-CODES): a name the engine already knows
 * stays as charted ("paracetamol"); a brand, biosimilar or variant of a coded drug becomes its
 * generic ("Actemra" -> "tocilizumab"), so no limit, masking or steroid alert can be bypassed by
 * the name it was charted under; an uncoded name stays as charted and counts towards nothing.
 */
export function drugNameForRules(name: string, knownNames: ReadonlySet<string>): { drug: string; coded: boolean } {
  if (knownNames.has(name)) return { drug: name, coded: true };
  const coded = codeDrug(name).drug;
  return coded ? { drug: coded.id, coded: true } : { drug: name, coded: false };
}
