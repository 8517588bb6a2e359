// Schema pieces every charted fact shares (observations and doses): the form's idempotency key,
// its effective (bedside) time, the reason for a correction. Client-safe.
import { z } from "zod";
import { instantSchema, showValue } from "@/lib/engine/schema";
import { parseInstant, toIsoUtc } from "@/lib/engine/time";
import { formText, isPlainObject, withoutFrameworkFields } from "@/lib/http/form-values";

/** A bedside time may be charted a few minutes ahead of the server clock (clock drift), not more. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const CHANGE_REASON_MAX = 500;
/**
 * The earliest bedside time: this many days before the patient's infusion. CAR-T and bispecific
 * patients come in for lymphodepletion (day -5 to -3) or the day before; a month covers every
 * pre-infusion measurement a ward charts, and refuses the typo that dates a set 1850 or 0000
 * (the record's creation is not used: facts from before it are rightly charted late).
 */
export const BEFORE_INFUSION_DAYS = 30;

/** The allowed range of a bedside time (observation, dose, weight): UTC instants in ms. */
export function bedsideWindow(infusionAtMs: number, nowMs: number): { earliest: number; latest: number } {
  return { earliest: infusionAtMs - BEFORE_INFUSION_DAYS * 86_400_000, latest: nowMs + FUTURE_TOLERANCE_MS };
}

/** The refusal of a bedside time outside its range, naming the range and why; null inside it. */
export function outsideBedsideWindow(atMs: number, infusionAtMs: number, nowMs: number): string | null {
  const { earliest, latest } = bedsideWindow(infusionAtMs, nowMs);
  if (atMs >= earliest && atMs <= latest) return null;
  return `${toIsoUtc(atMs)} is outside the allowed range ${toIsoUtc(earliest)} to ${toIsoUtc(latest)} (from ${BEFORE_INFUSION_DAYS} days before the infusion to 5 minutes after now)`;
}

/**
 * Generated once per opened form (crypto.randomUUID()) and sent with every submit of that form,
 * so a double click or a network retry stores one fact.
 */
export const idempotencyKeySchema = z.preprocess(
  formText,
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? "is required (the form's submission key)" : `${showValue(iss.input)} is not a submission key`,
    })
    .regex(/^[A-Za-z0-9_-]{8,100}$/, {
      error: (iss) => `${showValue(iss.input)} is not a submission key (8-100 letters, digits, - or _)`,
    }),
);

/** An ISO instant with a zone, at most 5 minutes after `now`; returned in canonical UTC form. */
export function effectiveAtSchema(now: Date) {
  return z.preprocess(
    formText,
    instantSchema.transform((text, ctx) => {
      const atMs = parseInstant(text);
      if (atMs > now.getTime() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({
          code: "custom",
          message: `${text} is in the future; the bedside time can be at most 5 minutes after now (${toIsoUtc(now.getTime())})`,
        });
        return z.NEVER;
      }
      return toIsoUtc(atMs);
    }),
  );
}

/** Why a fact is corrected: required, shown in its history and in the audit trail. */
export const changeReasonSchema = z.preprocess(
  formText,
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? "is required: say why this is being changed" : `${showValue(iss.input)} is not text`,
    })
    .min(1, { error: "is required: say why this is being changed" })
    .max(CHANGE_REASON_MAX, {
      error: (iss) => `is too long (${String((iss.input as string).length)} characters); at most ${CHANGE_REASON_MAX}`,
    }),
);

export type FormValues<S extends z.ZodRawShape> = { [K in keyof S]: z.output<S[K]> };

/** Adds an issue at `path` (relative to the form); [] is the whole form. */
export type AddIssue = (path: (string | number)[], message: string) => void;

/**
 * A strict form: each field is checked on its own, so one submit names every wrong field (zod
 * would stop at the first failing field before running cross-field checks). A misspelt field is
 * refused rather than silently dropped, a non-object is named as such, and the framework's own
 * FormData fields are ignored. `check` sees the fields that parsed (cross-field rules);
 * `build` runs only when nothing is wrong.
 */
export function formSchema<S extends z.ZodRawShape, T>(
  shape: S,
  what: string,
  options: {
    check?: (values: Partial<FormValues<S>>, addIssue: AddIssue, allFieldsValid: boolean) => void;
    build: (values: FormValues<S>) => T;
  },
) {
  const allowed = Object.keys(shape).join(", ");
  return z.unknown().transform((input, ctx): T => {
    let wrong = 0;
    const addIssue: AddIssue = (path, message) => {
      wrong++;
      ctx.addIssue({ code: "custom", path, message });
    };
    const form = withoutFrameworkFields(input);
    if (!isPlainObject(form)) {
      addIssue([], input === undefined ? `is required (${what})` : `${showValue(input)} is not ${what}`);
      return z.NEVER;
    }
    for (const key of Object.keys(form)) {
      if (!Object.hasOwn(shape, key)) addIssue([key], `is not a field of ${what}; allowed fields: ${allowed}`);
    }
    const values: Record<string, unknown> = {};
    let fieldsValid = true;
    for (const [key, schema] of Object.entries(shape)) {
      const result = (schema as z.ZodType).safeParse(Object.hasOwn(form, key) ? form[key] : undefined);
      if (result.success) {
        values[key] = result.data;
      } else {
        fieldsValid = false;
        for (const issue of result.error.issues) addIssue([key, ...(issue.path as (string | number)[])], issue.message);
      }
    }
    options.check?.(values as Partial<FormValues<S>>, addIssue, fieldsValid && wrong === 0);
    if (wrong > 0) return z.NEVER;
    return options.build(values as FormValues<S>);
  });
}

/** "Entered in error" and "confirm override": a reason, and optionally the form's submission key. */
export function correctionSchema(what: string) {
  return formSchema({ reason: changeReasonSchema, idempotencyKey: idempotencyKeySchema.optional() }, what, {
    build: (values) => ({ reason: values.reason, idempotencyKey: values.idempotencyKey ?? null }),
  });
}
