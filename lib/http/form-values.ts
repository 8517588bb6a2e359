// What a browser form sends is not what a JSON client sends: an empty input arrives as "",
// numbers arrive as text, a checkbox as "on". These helpers bring both to one shape before the
// zod schemas check them, so a blank field always means "not charted" and never 0.
// Client-safe: used by the charting forms as well as by the server functions.

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "", "   " and null mean "not charted". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Blank -> undefined; "38.5" -> 38.5; anything else is passed on for the schema to name. */
export function formNumber(value: unknown): unknown {
  if (isBlank(value)) return undefined;
  if (typeof value === "string") {
    const text = value.trim();
    // Only plain decimals: Number() would also read "0x1A", "1e3" and "Infinity".
    if (text.length <= 32 && NUMBER_TEXT.test(text)) return Number(text);
  }
  return value;
}

const TRUE_TEXT = new Set(["true", "on", "yes", "1"]);
const FALSE_TEXT = new Set(["false", "off", "no", "0"]);

/** Blank -> undefined; checkbox and select texts -> booleans. */
export function formBoolean(value: unknown): unknown {
  if (isBlank(value)) return undefined;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (TRUE_TEXT.has(text)) return true;
    if (FALSE_TEXT.has(text)) return false;
  }
  return value;
}

/** Blank -> undefined; text is trimmed. */
export function formText(value: unknown): unknown {
  if (isBlank(value)) return undefined;
  return typeof value === "string" ? value.trim() : value;
}

/** A list from a form: blank -> [], "A,B" -> ["A", "B"], one text -> [text]; arrays pass through. */
export function formList(value: unknown): unknown {
  if (isBlank(value)) return [];
  if (typeof value === "string") {
    return value
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Drops the fields Next.js adds to a server action's FormData ("$ACTION_ID_...") so that a strict
 * schema can still refuse a misspelt clinical field instead of silently ignoring it.
 */
export function withoutFrameworkFields(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!key.startsWith("$")) kept[key] = field;
  return kept;
}
