// The handoff sign-off form, shared by the sheet's form (checked in the browser) and the server
// function: the form's submission key, the instant the sheet showed, and an optional note. Client-safe.
import { z } from "zod";
import { instantSchema, showValue } from "@/lib/engine/schema";
import { parseInstant, toIsoUtc } from "@/lib/engine/time";
import { formText } from "@/lib/http/form-values";
import { formSchema, FUTURE_TOLERANCE_MS, idempotencyKeySchema } from "@/lib/write/charting-input";

export const SIGN_OFF_NOTE_MAX = 500;
/** A sheet covers the last 24 h: one older than that is not the handoff being handed over. */
export const SIGN_OFF_SHEET_MAX_AGE_MS = 24 * 3_600_000;

export interface SignOffFields {
  idempotencyKey: string;
  /** The instant the signed sheet showed (its "as of"), canonical UTC. */
  sheetAt: string;
  note: string | null;
}

function sheetAtSchema(now: Date) {
  return z.preprocess(
    formText,
    instantSchema.transform((text, ctx) => {
      const atMs = parseInstant(text);
      if (atMs > now.getTime() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({ code: "custom", message: `${text} is in the future: a sheet can only show what has happened` });
        return z.NEVER;
      }
      if (atMs < now.getTime() - SIGN_OFF_SHEET_MAX_AGE_MS) {
        ctx.addIssue({
          code: "custom",
          message: `${text} is more than 24 hours ago: open the current handoff sheet and sign that one off`,
        });
        return z.NEVER;
      }
      return toIsoUtc(atMs);
    }),
  );
}

const noteSchema = z.preprocess(
  formText,
  z
    .string({ error: (iss) => `${showValue(iss.input)} is not text` })
    .max(SIGN_OFF_NOTE_MAX, {
      error: (iss) => `is too long (${String((iss.input as string).length)} characters); at most ${SIGN_OFF_NOTE_MAX}`,
    })
    .optional(),
);

export function signOffSchemaAt(now: Date) {
  return formSchema(
    { idempotencyKey: idempotencyKeySchema, sheetAt: sheetAtSchema(now), note: noteSchema },
    "a handoff sign-off",
    {
      build: (values): SignOffFields => ({
        idempotencyKey: values.idempotencyKey,
        sheetAt: values.sheetAt,
        note: values.note?.trim() ? values.note.trim() : null,
      }),
    },
  );
}
