/**
 * The pieces the exchange-format schemas are built from (schema.ts): ranges, vocabularies, strict
 * records, each with a message that names the value and what is allowed.
 */
import { z } from "zod";

/** Shows a charted value inside a message: numbers as typed, text quoted, long text cut. */
export function showValue(value: unknown): string {
  if (value === null) return "empty (null)";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : String(value);
}

interface RangeSpec {
  min: number;
  max: number;
  /** Printed after the range: "°C", "mmHg"; empty for unitless values. */
  unit: string;
  integer?: boolean;
  /** The minimum itself is not allowed (doses: "above 0 mg"). */
  minExclusive?: boolean;
  /** Extra help appended when a value is out of range, e.g. FiO2 typed as a percentage. */
  hint?: (value: number) => string | undefined;
}

function describeRange(spec: RangeSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : "";
  if (spec.minExclusive) return `more than ${spec.min} and at most ${spec.max}${unit}`;
  return `${spec.min}-${spec.max}${unit}`;
}

/**
 * A charted number with an absolute range (impossible values are refused; clinically worrying but
 * possible values are graded and flagged instead).
 */
export function measurementSchema(spec: RangeSpec) {
  const range = describeRange(spec);
  const outside = (value: unknown) => {
    const hint = typeof value === "number" ? spec.hint?.(value) : undefined;
    const verdict = spec.minExclusive ? `must be ${range}` : `is outside ${range}`;
    return `${showValue(value)} ${verdict}${hint ? ` (${hint})` : ""}`;
  };
  let schema = z.number({
    error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} is not a number; allowed ${range}`),
  });
  schema = spec.minExclusive
    ? schema.gt(spec.min, { error: (iss) => outside(iss.input) })
    : schema.gte(spec.min, { error: (iss) => outside(iss.input) });
  schema = schema.lte(spec.max, { error: (iss) => outside(iss.input) });
  if (spec.integer) {
    schema = schema.int({ error: (iss) => `${showValue(iss.input)} is not a whole number; allowed ${range}` });
  }
  return schema;
}

/** A value from a fixed vocabulary; the message lists the allowed values. */
export function vocabularySchema<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? "is required"
        : `${showValue(iss.input)} is not an allowed ${what}; use one of ${values.join(", ")}`,
  });
}

/** A strict object: an unknown (e.g. misspelt) field is refused rather than silently ignored. */
export function strictRecord<S extends z.ZodRawShape>(shape: S, what: string) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === "unrecognized_keys") return `is not a field of ${what}; allowed fields: ${allowed}`;
      return iss.input === undefined ? "is required" : `${showValue(iss.input)} is not ${what}`;
    },
  });
}

export const requiredText = (what: string) =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} is not text (${what})`),
    })
    .trim()
    .min(1, { error: "is required" });

export const booleanSchema = z.boolean({
  error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} must be true or false`),
});
