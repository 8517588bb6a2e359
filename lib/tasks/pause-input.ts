// The observation pause schemas (OBS-PAUSE, CLINICAL-RULES.md section 9), shared by the patient
// page's form and the server functions. Client-safe.
import { z } from "zod";
import { showValue } from "@/lib/engine/schema";
import { formText } from "@/lib/http/form-values";
import { effectiveAtSchema, idempotencyKeySchema } from "@/lib/write/charting-input";

export const PAUSE_REASON_MAX = 200;

const reasonSchema = z.preprocess(
  formText,
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? "is required: e.g. MRI, theatre, transfer" : `${showValue(iss.input)} is not text`,
    })
    .min(1, { error: "is required: e.g. MRI, theatre, transfer" })
    .max(PAUSE_REASON_MAX, { error: `is too long; at most ${PAUSE_REASON_MAX} characters` }),
);

/** Start a pause: from (at most 5 min ahead), until (optional, after from), and why. */
export function pauseStartSchema(now: Date) {
  return z
    .strictObject({
      idempotencyKey: idempotencyKeySchema,
      from: effectiveAtSchema(now),
      until: z.preprocess(formText, z.iso.datetime({ offset: true, error: "is not a time" }).optional()),
      reason: reasonSchema,
    })
    .superRefine((value, ctx) => {
      if (value.until !== undefined && Date.parse(value.until) <= Date.parse(value.from)) {
        ctx.addIssue({ code: "custom", path: ["until"], message: `must be after the start (${value.from})` });
      }
    });
}
export type PauseStartFields = z.output<ReturnType<typeof pauseStartSchema>>;

/** End (resume) a pause: which version is ended, and when (absent: now). */
export function pauseEndSchema(now: Date) {
  return z.strictObject({
    idempotencyKey: idempotencyKeySchema,
    at: z.preprocess((value) => (formText(value) === undefined ? undefined : value), effectiveAtSchema(now).optional()),
  });
}
export type PauseEndFields = z.output<ReturnType<typeof pauseEndSchema>>;
