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

// A JSON escape of a surrogate: preceded by an even number of backslashes (so the backslash before
// `u` is not itself escaped), high not followed by an escaped low, or low not preceded by an escaped high.
const ESCAPED_LONE_SURROGATE =
  /(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

/**
 * A server action's body (React's reply encoding: JSON text, or multipart whose parts hold JSON):
 * false when it holds a lone surrogate, written out or as a JSON escape. A form field in which
 * someone typed the six characters `\ud800` is refused too: a 400 naming why, never a 500.
 */
export function actionBodyIsWellFormed(body: string): boolean {
  return isWellFormedText(body) && !ESCAPED_LONE_SURROGATE.test(body);
}
