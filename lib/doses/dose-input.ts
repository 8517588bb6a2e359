// The dose form, shared by the page, the server functions and the JSON API. Drug names, routes and
// dose bounds come from the engine (lib/engine/schema.ts). Client-safe.
import { z } from "zod";
import {
  codeDrug,
  doseMgSchema,
  drugSchema,
  DRUGS,
  DRUG_LABELS,
  routeSchema,
  showValue,
  suggestDrug,
  TOCI_FLAGS,
  type Route,
  type TociFlag,
} from "@/lib/engine";
import { CODED_DRUGS, CODED_DRUG_IDS, doseAboveCeiling, normaliseDrugName } from "@/lib/engine/drug-codes";
import { formList, formNumber, formText } from "@/lib/http/form-values";
import {
  changeReasonSchema,
  effectiveAtSchema,
  formSchema,
  idempotencyKeySchema,
  type AddIssue,
  type FormValues,
} from "@/lib/write/charting-input";

export const OTHER_DRUG = "other";
export const DOSE_DRUG_CHOICES = [...DRUGS, OTHER_DRUG] as const;
export const OVERRIDE_REASON_MAX = 1000;

/** The dose as it will be stored and checked. */
export interface DoseFields {
  idempotencyKey: string;
  /** The generic name given: a known drug, or the lower-case name typed for "other". */
  drug: string;
  doseMg: number;
  route: Route;
  effectiveAt: string;
  /** The TOCI_* flags the user was shown and confirmed. */
  confirmedFlags: TociFlag[];
  overrideReason: string | null;
}

function doseShape(now: Date) {
  return {
    idempotencyKey: idempotencyKeySchema,
    drug: z.preprocess(
      formText,
      z.enum(DOSE_DRUG_CHOICES, {
        error: (iss) =>
          iss.input === undefined
            ? "is required"
            : `${showValue(iss.input)} is not in the list; choose "other" and type the generic name`,
      }),
    ),
    otherDrugName: z.preprocess(
      (value) => {
        const text = formText(value);
        return typeof text === "string" ? text.toLowerCase() : text;
      },
      drugSchema.max(100, { error: "is too long; at most 100 characters" }).optional(),
    ),
    doseMg: z.preprocess(formNumber, doseMgSchema),
    route: z.preprocess(formText, routeSchema),
    effectiveAt: effectiveAtSchema(now),
    confirmedFlags: z.preprocess(
      formList,
      z
        .array(z.enum(TOCI_FLAGS, { error: (iss) => `${showValue(iss.input)} is not a tocilizumab limit flag` }), {
          error: (iss) => `${showValue(iss.input)} is not a list of flags`,
        })
        .max(TOCI_FLAGS.length, { error: `lists more than the ${TOCI_FLAGS.length} tocilizumab limit flags` }),
    ),
    overrideReason: z.preprocess(
      formText,
      z
        .string({ error: (iss) => `${showValue(iss.input)} is not text` })
        .max(OVERRIDE_REASON_MAX, {
          error: (iss) => `is too long (${String((iss.input as string).length)} characters); at most ${OVERRIDE_REASON_MAX}`,
        })
        .optional(),
    ),
  };
}

type Shape = ReturnType<typeof doseShape>;

/**
 * DRUG-CODES: a free-text name that is a coded drug (a brand, a biosimilar, another spelling) or
 * within two letters of one is refused, so that no limit can be bypassed by charting it as "other".
 */
function codedNameProblem(name: string): string | null {
  const coded = codeDrug(name).drug;
  if (coded) return `This is ${coded.id}: choose ${coded.label} so its limits apply ("${name}" is a name of ${coded.id})`;
  const near = suggestDrug(name);
  if (near) return `"${name}" is not a coded drug: did you mean ${near.question}? Choose it in the list, or correct the name`;
  return null;
}

function checkDose(value: Partial<FormValues<Shape>>, addIssue: AddIssue): void {
  if (value.drug === OTHER_DRUG && value.otherDrugName === undefined) {
    addIssue(["otherDrugName"], "is required: type the generic name of the drug, e.g. ruxolitinib");
  }
  if (value.drug !== undefined && value.drug !== OTHER_DRUG && value.otherDrugName !== undefined) {
    addIssue(["otherDrugName"], `only for a drug not in the list (drug is ${value.drug})`);
  }
  if (value.drug === OTHER_DRUG && value.otherDrugName !== undefined) {
    const problem = codedNameProblem(value.otherDrugName);
    if (problem) addIssue(["otherDrugName"], problem);
  }
  // DRUG-CODES: every coded drug has an absolute maximum for one dose (lib/engine/drug-codes.ts),
  // refused here on the server and in the browser alike.
  const drug = value.drug === OTHER_DRUG ? value.otherDrugName : value.drug;
  if (drug !== undefined && value.doseMg !== undefined) {
    const ceiling = doseAboveCeiling(codeDrug(drug).drug, value.doseMg);
    if (ceiling) addIssue(["doseMg"], ceiling.text);
  }
  if ((value.confirmedFlags?.length ?? 0) > 0 && value.overrideReason === undefined) {
    addIssue(["overrideReason"], "is required: say why this dose is given despite the limit");
  }
}

function toFields(value: FormValues<Shape>): DoseFields {
  return {
    idempotencyKey: value.idempotencyKey,
    drug: value.drug === OTHER_DRUG ? value.otherDrugName! : value.drug,
    doseMg: value.doseMg,
    route: value.route,
    effectiveAt: value.effectiveAt,
    confirmedFlags: [...new Set(value.confirmedFlags)],
    overrideReason: value.overrideReason ?? null,
  };
}

/** The dose form (and POST /api/patients/[id]/doses). `now` bounds the time given: at most 5 minutes ahead. */
export function doseFormSchema(now: Date) {
  return formSchema(doseShape(now), "a dose", { check: checkDose, build: toFields });
}

/** The preview of a dose being typed: the same form; the submission key may not exist yet. */
export function dosePreviewSchema(now: Date) {
  return formSchema({ ...doseShape(now), idempotencyKey: idempotencyKeySchema.optional() }, "a dose", {
    check: (value, addIssue) => checkDose({ ...value, confirmedFlags: [] }, addIssue),
    build: (value) => toFields({ ...value, idempotencyKey: value.idempotencyKey ?? "" }),
  });
}

/** An amendment: the full corrected dose and the reason. */
export function doseAmendmentSchema(now: Date) {
  return formSchema({ ...doseShape(now), reason: changeReasonSchema }, "an amended dose", {
    check: checkDose,
    build: (value) => ({ ...toFields(value), reason: value.reason }),
  });
}

/** One entry of the dose form's drug list: the value stored, what is shown, and every name it is found by. */
export interface DrugChoice {
  value: string;
  /** "Tocilizumab (Actemra)": the generic name first, then the best-known brand. */
  label: string;
  /** Every name of the drug (generic, brands, biosimilars, other generics), as printed. */
  names: readonly string[];
}

/**
 * DRUG-CODES: the coded drugs as the form offers them. A name the engine stores as its own drug
 * ("paracetamol") is its own entry, found by the names of the drug it is (acetaminophen).
 */
export const DRUG_CHOICES: readonly DrugChoice[] = DRUGS.map((value) => {
  const coded = codeDrug(value).drug ?? CODED_DRUGS[CODED_DRUG_IDS[0]];
  const names = [value, ...[coded.id, ...coded.otherNames].filter((name) => name !== value)];
  const brand = coded.otherNames.find((name) => normaliseDrugName(name) !== normaliseDrugName(value));
  const generic = (DRUG_LABELS as Record<string, string>)[value] ?? value;
  return { value, label: brand ? `${generic} (${brand})` : generic, names };
});

/**
 * The drugs whose names match what is typed: a name beginning with it first, then a name
 * containing it ("act" finds Tocilizumab by Actemra and RoActemra), in list order otherwise.
 * Case, accents, spaces and hyphens are ignored. An empty query lists every drug.
 */
export function searchDrugChoices(query: string): DrugChoice[] {
  const typed = normaliseDrugName(query);
  if (typed === "") return [...DRUG_CHOICES];
  const rank = (choice: DrugChoice): number => {
    const names = choice.names.map(normaliseDrugName);
    if (names.some((name) => name.startsWith(typed))) return 0;
    if (names.some((name) => name.includes(typed))) return 1;
    return 2;
  };
  return DRUG_CHOICES.map((choice) => ({ choice, rank: rank(choice) }))
    .filter((entry) => entry.rank < 2)
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.choice);
}
