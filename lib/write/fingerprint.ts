// What a submission key is bound to: the write, what it names (patient or fact version) and the
// validated input, as canonical JSON (keys sorted, instants as ISO text), hashed with sha256.
// Two submits of one form give the same fingerprint; any changed value gives another.
import { createHash } from "node:crypto";

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) sorted[key] = canonical(field);
    }
    return sorted;
  }
  return value;
}

/** JSON with object keys sorted at every depth and undefined fields left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? "null";
}

export function requestFingerprint(request: { write: string; targetId: string; input: unknown }): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}
