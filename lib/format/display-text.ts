// Text a user typed (patient names, notes, reasons), as shown to other users. Bidirectional
// control characters (right-to-left overrides, embeddings, isolates and marks) can make one name
// read like another on screen while the stored text differs; they carry no meaning in a ward's
// names or notes, so they are dropped when shown. The stored text is left as it was typed.
// Client-safe.

/** LRE RLE PDF LRO RLO (U+202A-E), LRI RLI FSI PDI (U+2066-9), LRM RLM (U+200E-F), ALM (U+061C). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function displayText(text: string): string;
export function displayText(text: string | null | undefined): string | null;
export function displayText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.replace(BIDI_CONTROLS, "");
}

export function hasBidiControls(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source).test(text);
}
