// The one result shape of every server function that changes clinical data, shared by forms,
// server actions and the JSON API. A refusal is a value, not an exception: only true bugs throw
// (and become 5xx). Client-safe: no database or Node imports here.
import type { z } from "zod";
import { describeIssues } from "@/lib/engine/validation";

/** One wrong field: `path` like "temperature" or "vasopressors[0].doseMcgKgMin"; "(input)" for the whole form. */
export interface FieldError {
  path: string;
  /** Names the value and the allowed range in words: "450 °C is outside 25-45 °C". */
  message: string;
}

/** A tocilizumab limit situation the user has not (or no longer) confirmed: shown, then confirmed or abandoned. */
export interface DoseLimitConflict {
  /** TOCI_* flags this dose would carry now. */
  flags: string[];
  reasons: { rule: string; text: string }[];
  /** TOCI-NEXT given the doses already charted; null once the total limit is reached. */
  nextEligibleAt: string | null;
  /** TOCI-DOSE; null when no weight is charted. */
  recommendedDoseMg: number | null;
}

export type WriteStatus = 400 | 401 | 403 | 404 | 409;

export type WriteFailure = {
  ok: false;
  status: WriteStatus;
  message: string;
  fieldErrors?: FieldError[];
  conflict?: DoseLimitConflict;
};

export type WriteResult<T> = { ok: true; value: T } | WriteFailure;

export function succeeded<T>(value: T): WriteResult<T> {
  return { ok: true, value };
}

export function failed(
  status: WriteStatus,
  message: string,
  extra: { fieldErrors?: FieldError[]; conflict?: DoseLimitConflict } = {},
): WriteFailure {
  return { ok: false, status, message, ...extra };
}

/** 400 naming every wrong field, from a zod error. */
export function invalidInput(error: z.ZodError, message = "Some values need correcting"): WriteFailure {
  const fieldErrors = describeIssues(error);
  return failed(400, fieldErrors.length === 1 ? `${fieldErrors[0].path}: ${fieldErrors[0].message}` : message, {
    fieldErrors,
  });
}

/** The message of one field, for forms that show errors beside their inputs. */
export function fieldError(result: WriteResult<unknown>, path: string): string | undefined {
  return result.ok ? undefined : result.fieldErrors?.find((error) => error.path === path)?.message;
}
