// A JSON body may spell a lone UTF-16 surrogate ("\ud800"): valid JSON, but not text. The database
// layer cannot encode it and fails with a 500, so such a body is refused at the edge (proxy.ts)
// before any route handler sees it. Pure.

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * False when any string or object key in the JSON text holds a lone surrogate. Text that is not
 * JSON at all is left for the route handler to refuse (true here).
 */
export function jsonTextIsWellFormed(body: string): boolean {
  let wellFormed = true;
  try {
    JSON.parse(body, (key: string, value: unknown) => {
      if (!isWellFormedText(key) || (typeof value === "string" && !isWellFormedText(value))) wellFormed = false;
      return value;
    });
  } catch {
    return true;
  }
  return wellFormed;
}
