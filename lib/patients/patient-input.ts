// The admission / demographics form, shared by the page, the server functions and the JSON API.
// Weight and the tocilizumab interval reuse the engine's ranges (lib/engine/schema.ts). Client-safe.
import { z } from "zod";
import { instantSchema, patientSettingsShape, showValue, spo2ScaleSchema, weightKgSchema } from "@/lib/engine/schema";
import { parseInstant, toIsoUtc } from "@/lib/engine/time";
import { formBoolean, formNumber, formText } from "@/lib/http/form-values";
import {
  changeReasonSchema,
  formSchema,
  FUTURE_TOLERANCE_MS,
  outsideBedsideWindow,
  type AddIssue,
  type FormValues,
} from "@/lib/write/charting-input";

export const SEXES = ["female", "male", "other", "unknown"] as const;
export const THERAPIES = ["car_t", "bispecific"] as const;
export const DEFAULT_TOCI_MIN_INTERVAL_HOURS = 8;

export interface PatientFields {
  mrn: string;
  name: string;
  /** YYYY-MM-DD: a calendar date, not an instant. */
  birthDate: string;
  sex: (typeof SEXES)[number];
  weightKg: number;
  weightMeasuredAt: string;
  wardId: string;
  bed: string;
  product: string;
  therapy: (typeof THERAPIES)[number];
  infusionAt: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  /** NEWS2-SPO2: 1, or 2 for hypercapnic respiratory failure. */
  spo2Scale: 1 | 2;
}

const text = (what: string, max: number, pattern?: { regex: RegExp; rule: string }) => {
  let schema = z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} is not text (${what})`) })
    .min(1, { error: "is required" })
    .max(max, { error: (iss) => `is too long (${String((iss.input as string).length)} characters); at most ${max}` });
  if (pattern) schema = schema.regex(pattern.regex, { error: (iss) => `${showValue(iss.input)} ${pattern.rule}` });
  return z.preprocess(formText, schema);
};

const choice = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    formText,
    z.enum(values, {
      error: (iss) =>
        iss.input === undefined
          ? "is required"
          : `${showValue(iss.input)} is not an allowed ${what}; use one of ${values.join(", ")}`,
    }),
  );

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date (YYYY-MM-DD) on the widest-ahead zone (UTC+14), so no birth date typed today anywhere is refused. */
function latestTodayOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

function birthDateSchema(now: () => Date) {
  return z.preprocess(
    formText,
    z
      .string({ error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} is not a date`) })
      .superRefine((value, ctx) => {
        const match = DATE.exec(value);
        const [year = NaN, month = NaN, day = NaN] = match ? match.slice(1).map(Number) : [];
        const calendar = match ? new Date(Date.UTC(year, month - 1, day)) : null;
        if (!calendar || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || year < 1900) {
          ctx.addIssue({ code: "custom", message: `${showValue(value)} is not a date; use YYYY-MM-DD, e.g. 1968-04-12` });
        } else if (value > latestTodayOnEarth(now())) {
          ctx.addIssue({ code: "custom", message: `${value} is in the future` });
        }
      }),
  );
}

/** A measured or given instant: ISO with a zone, and not more than 5 minutes ahead of now. */
function pastInstantSchema(now: () => Date) {
  return z.preprocess(
    formText,
    instantSchema.transform((value, ctx) => {
      const atMs = parseInstant(value);
      if (atMs > now().getTime() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({
          code: "custom",
          message: `${value} is in the future; a measured time can be at most 5 minutes after now (${toIsoUtc(now().getTime())})`,
        });
        return z.NEVER;
      }
      return toIsoUtc(atMs);
    }),
  );
}

// The engine's per-patient bound (1-72 h); absent means the protocol default of 8 h.
const tociIntervalSchema = patientSettingsShape.tociMinIntervalHours.unwrap().unwrap();

function patientShape(now: () => Date) {
  return {
    mrn: text("a medical record number", 32, {
      regex: /^[A-Za-z0-9][A-Za-z0-9/-]*$/,
      rule: "may contain only letters, digits, - and /",
    }),
    name: text("the patient's name", 200),
    birthDate: birthDateSchema(now),
    sex: choice(SEXES, "sex"),
    weightKg: z.preprocess(formNumber, weightKgSchema),
    weightMeasuredAt: pastInstantSchema(now),
    wardId: text("a ward", 100),
    bed: text("a bed", 20),
    product: text("the product infused", 200),
    therapy: choice(THERAPIES, "therapy"),
    // The infusion may be scheduled: admission often comes the day before (D-1).
    infusionAt: z.preprocess(
      formText,
      instantSchema.transform((value) => toIsoUtc(parseInstant(value))),
    ),
    antipyreticsMaskFever: z.preprocess(
      formBoolean,
      z.boolean({ error: (iss) => `${showValue(iss.input)} must be yes or no` }).default(true),
    ),
    tociMinIntervalHours: z.preprocess(formNumber, tociIntervalSchema.default(DEFAULT_TOCI_MIN_INTERVAL_HOURS)),
    // NEWS2-SPO2: scale 1 unless a physician decides on scale 2 (the engine's vocabulary and words).
    spo2Scale: z.preprocess(formNumber, spo2ScaleSchema.default(1)),
  };
}

type Shape = ReturnType<typeof patientShape>;
const build = (values: FormValues<Shape>): PatientFields => ({ ...values, mrn: values.mrn.toUpperCase() });

/** The infusion may be scheduled up to this far ahead (admission the day before, or a delayed product). */
export const INFUSION_AHEAD_DAYS = 30;
/** ...and lie this far back: a CRS ward follows a patient for weeks, not years. */
export const INFUSION_BACK_DAYS = 365;

/**
 * The patient's times against each other and the clock: the infusion within a year back and 30 days
 * ahead; the weight, a bedside measurement, within the bedside window of every charted fact
 * (30 days before the infusion to 5 minutes after now, lib/write/charting-input.ts).
 */
function checkTimes(now: () => Date) {
  return (values: Partial<FormValues<Shape>>, addIssue: AddIssue) => {
    const nowMs = now().getTime();
    if (values.infusionAt === undefined) return;
    const infusionMs = parseInstant(values.infusionAt);
    const earliest = nowMs - INFUSION_BACK_DAYS * 86_400_000;
    const latest = nowMs + INFUSION_AHEAD_DAYS * 86_400_000;
    if (infusionMs < earliest || infusionMs > latest) {
      addIssue(
        ["infusionAt"],
        `${values.infusionAt} is outside the allowed range ${toIsoUtc(earliest)} to ${toIsoUtc(latest)} (from ${INFUSION_BACK_DAYS} days before now to ${INFUSION_AHEAD_DAYS} days after)`,
      );
      return;
    }
    if (values.weightMeasuredAt === undefined) return;
    const outside = outsideBedsideWindow(parseInstant(values.weightMeasuredAt), infusionMs, nowMs);
    if (outside) addIssue(["weightMeasuredAt"], outside);
  };
}

function makePatientInputSchema(now: () => Date) {
  return formSchema(patientShape(now), "a patient", { build, check: checkTimes(now) });
}

/** The admission form. `birthDate` and `weightMeasuredAt` may not be in the future (checked against the clock at parse time). */
export const patientInputSchema = makePatientInputSchema(() => new Date());

/** The same schema with the server function's `now` (tests and server functions pass their clock). */
export function patientInputSchemaAt(now: Date) {
  return makePatientInputSchema(() => now);
}

/** An edit: the full corrected patient, the version the user opened, and why. */
export function patientEditSchemaAt(now: Date) {
  return formSchema(
    { ...patientShape(() => now), expectedVersion: expectedVersionSchema, reason: changeReasonSchema },
    "a patient edit",
    {
      check: checkTimes(() => now),
      build: (values) => ({ ...build(values), expectedVersion: values.expectedVersion, reason: values.reason }),
    },
  );
}

/** The version number the form was opened at (optimistic concurrency). */
export const expectedVersionSchema = z.preprocess(
  formNumber,
  z
    .number({
      error: (iss) =>
        iss.input === undefined ? "is required (the version you opened)" : `${showValue(iss.input)} is not a version number`,
    })
    .int({ error: (iss) => `${showValue(iss.input)} is not a version number` })
    .min(1, { error: (iss) => `${showValue(iss.input)} is not a version number` }),
);

export const dischargeSchema = formSchema({ expectedVersion: expectedVersionSchema, reason: changeReasonSchema }, "a discharge", {
  build: (values) => values,
});
