// The weight form (a measured weight and when it was measured), shared by the page, the server
// functions and the JSON API. Client-safe.
import { z } from "zod";
import { weightKgSchema } from "@/lib/engine/schema";
import { formNumber } from "@/lib/http/form-values";
import { changeReasonSchema, effectiveAtSchema, formSchema, idempotencyKeySchema } from "@/lib/write/charting-input";

export interface WeightFields {
  idempotencyKey: string | null;
  /** When the patient was weighed (bedside time, UTC ISO). */
  measuredAt: string;
  kg: number;
}

function weightShape(now: Date) {
  return {
    idempotencyKey: idempotencyKeySchema.optional(),
    measuredAt: effectiveAtSchema(now),
    kg: z.preprocess(formNumber, weightKgSchema),
  };
}

const toFields = (value: { idempotencyKey?: string; measuredAt: string; kg: number }): WeightFields => ({
  idempotencyKey: value.idempotencyKey ?? null,
  measuredAt: value.measuredAt,
  kg: value.kg,
});

/** A new measurement. `now` bounds the time: at most 5 minutes ahead. */
export function weightFormSchema(now: Date) {
  return formSchema(weightShape(now), "a measured weight", { build: toFields });
}

/** A correction of a measurement (it was misread or mistyped): the full corrected weight and the reason. */
export function weightAmendmentSchema(now: Date) {
  return formSchema({ ...weightShape(now), reason: changeReasonSchema }, "a corrected weight", {
    build: (value) => ({ ...toFields(value), reason: value.reason }),
  });
}
