// The one result shape of every server function that changes clinical data, shared by forms,
// server actions and the JSON API. A refusal is a value, not an exception: only true bugs throw
// (and become 5xx). A refusal says what went wrong in the domain's words (its `kind`); the HTTP
// status of each kind is decided in lib/http/status.ts only. Client-safe: no database or Node imports here.
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

/** Why a write was refused. */
export const WRITE_FAILURE_KINDS = [
  /** Nobody signed in (or the session ended). */
  "unauthenticated",
  /** Signed in, but the role may not do this (audited). */
  "forbidden",
  /** The input is wrong: `fieldErrors` names every wrong field. */
  "invalid",
  /** The patient or fact version named does not exist. */
  "not_found",
  /** The version (or record) was changed by someone else since the form was opened. */
  "stale_version",
  /** The tocilizumab limits differ from those the user confirmed: `conflict` says what they are now. */
  "limits_changed",
  /** The write contradicts the record as it stands (after discharge, already confirmed, MRN in use...). */
  "conflict",
  /** The form's submission key was already used for a different request: nothing stored. */
  "idempotency_mismatch",
] as const;
export type WriteFailureKind = (typeof WRITE_FAILURE_KINDS)[number];

export type WriteFailure = {
  ok: false;
  kind: WriteFailureKind;
  message: string;
  fieldErrors?: FieldError[];
  conflict?: DoseLimitConflict;
};

export type WriteResult<T> = { ok: true; value: T } | WriteFailure;

export function succeeded<T>(value: T): WriteResult<T> {
  return { ok: true, value };
}

export function failed(
  kind: WriteFailureKind,
  message: string,
  extra: { fieldErrors?: FieldError[]; conflict?: DoseLimitConflict } = {},
): WriteFailure {
  return { ok: false, kind, message, ...extra };
}

/** An access decision (lib/auth/authorize.ts answers 401 or 403) as a refusal. */
export function accessDenied(denial: { status: 401 | 403; message: string } | null): WriteFailure {
  if (!denial) return failed("unauthenticated", "Sign in again.");
  return failed(denial.status === 403 ? "forbidden" : "unauthenticated", denial.message);
}

/** Invalid input naming every wrong field, from a zod error. */
export function invalidInput(error: z.ZodError, message = "Some values need correcting"): WriteFailure {
  const fieldErrors = describeIssues(error);
  const only = fieldErrors.length === 1 ? fieldErrors.at(0) : undefined;
  return failed("invalid", only ? `${only.path}: ${only.message}` : message, { fieldErrors });
}
