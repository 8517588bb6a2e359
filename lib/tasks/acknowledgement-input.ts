// The one acknowledgement schema (ESC-ACK, CLINICAL-RULES.md section 8): the dialog checks it in
// the browser, the server function checks it again. Client-safe.
import { z } from "zod";
import { showValue } from "@/lib/engine/schema";
import { formText } from "@/lib/http/form-values";
import { idempotencyKeySchema } from "@/lib/write/charting-input";

/** What was done: the short list a clinician chooses from (plus free text). */
export const ACK_OUTCOMES = [
  "reviewed_at_bedside",
  "tocilizumab_given",
  "steroids_started",
  "transferred_to_icu",
  "escalated_to_consultant",
  "not_indicated",
  "other",
] as const;
export type AckOutcome = (typeof ACK_OUTCOMES)[number];

export const ACK_OUTCOME_LABELS: Readonly<Record<AckOutcome, string>> = {
  reviewed_at_bedside: "Reviewed at the bedside",
  tocilizumab_given: "Tocilizumab given",
  steroids_started: "Steroids started",
  transferred_to_icu: "Transferred to ICU",
  escalated_to_consultant: "Escalated to consultant",
  not_indicated: "Not indicated because…",
  other: "Other (say what)",
};

/** Outcomes that say nothing without the free text. */
export const OUTCOMES_NEEDING_NOTE: ReadonlySet<AckOutcome> = new Set(["not_indicated", "other"]);
export const ACK_NOTE_MAX = 500;

const text = (what: string) =>
  z.preprocess(
    formText,
    z
      .string({ error: (iss) => `${showValue(iss.input)} is not text` })
      .max(ACK_NOTE_MAX, { error: `is too long; at most ${ACK_NOTE_MAX} characters for ${what}` })
      .optional(),
  );

export const acknowledgementInputSchema = z
  .strictObject({
    idempotencyKey: idempotencyKeySchema,
    taskId: z.preprocess(
      formText,
      z
        .string({ error: "is required: the task being answered" })
        .regex(/^ESC_[A-Z_]+:.{1,200}$/, { error: (iss) => `${showValue(iss.input)} is not a task id` }),
    ),
    outcome: z.preprocess(
      formText,
      z.enum(ACK_OUTCOMES, {
        error: (iss) =>
          iss.input === undefined ? "is required: choose what was done" : `${showValue(iss.input)} is not an outcome`,
      }),
    ),
    note: text("the note"),
    /** A correction names the acknowledgement it corrects and says why. */
    correctsId: z.preprocess(formText, z.string().max(200).optional()),
    reason: text("the reason"),
  })
  .superRefine((value, ctx) => {
    if (OUTCOMES_NEEDING_NOTE.has(value.outcome) && !value.note?.trim()) {
      const why = value.outcome === "not_indicated" ? "say why it is not indicated" : "say what was done";
      ctx.addIssue({ code: "custom", path: ["note"], message: `is required: ${why}` });
    }
    if (value.correctsId && !value.reason?.trim()) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "is required: say why the earlier answer is corrected" });
    }
  });

export type AcknowledgementFields = z.output<typeof acknowledgementInputSchema>;
