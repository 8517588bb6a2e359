/**
 * One key per opened form, sent with every submit of it, so a double tap or a retry stores one fact.
 * crypto.randomUUID exists only on https or localhost; a ward tablet on a plain-http intranet
 * address still has getRandomValues.
 */
export function newSubmissionKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
