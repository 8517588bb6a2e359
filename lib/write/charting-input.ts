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
